package site

import (
	"regexp"
	"testing"
	"testing/fstest"

	"github.com/zvh-webtool/zvh"
	"github.com/zvh-webtool/zvh/internal/layerfs"
)

// TestCachedPartialURLs: the footer is rendered once and reused (cached),
// but its links are relative to each file. A fragment may only be reused
// where every address in it comes out the same, also between folders of
// the same depth under the same first folder (a/b/c/ and a/x/c/).
func TestCachedPartialURLs(t *testing.T) {
	page := func(title string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: " + title + "\n---\nTekst.\n")}
	}
	files := fstest.MapFS{
		"content/_index.md":     page("Home"),
		"content/a/_index.md":   page("A"),
		"content/a/b/_index.md": page("B"),
		"content/a/b/c.md":      page("C onder B"),
		"content/a/x/_index.md": page("X"),
		"content/a/x/c.md":      page("C onder X"),
		"layouts/partials/footer.html": {Data: []byte(
			`<footer><a class="probe" href="{{url (.Site.Get "a/b/_index.md")}}">B</a></footer>` + "\n")},
	}
	res, errs := Build(Options{FS: layerfs.New(layerfs.Layer{Name: "test", FS: files}, layerfs.Layer{Name: "national", FS: withoutContent{zvh.Base}})})
	if errs != nil {
		t.Fatal(errs)
	}
	probe := regexp.MustCompile(`<a class="probe" href="([^"]*)">`)
	for file, want := range map[string]string{
		"index.html":       "a/b/",
		"a/index.html":     "b/",
		"a/b/index.html":   "./",
		"a/b/c/index.html": "../",
		"a/x/index.html":   "../b/",
		"a/x/c/index.html": "../../b/",
		"a-z/index.html":   "../a/b/",
		"404.html":         "/a/b/", // from the host's root, though it sits beside index.html
	} {
		m := probe.FindSubmatch(res.Files[file])
		if m == nil {
			t.Errorf("%s: no footer link", file)
			continue
		}
		if got := string(m[1]); got != want {
			t.Errorf("%s: footer links %q, want %q", file, got, want)
		}
	}
}
