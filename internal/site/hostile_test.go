package site

import (
	"strings"
	"testing"
)

// buildArchive builds the pages of a txtar archive over the embedded
// layouts and assets.
func buildArchive(t *testing.T, archive string) (*Result, []string) {
	t.Helper()
	res, errs := Build(Options{FS: testFS(t, []byte(archive))})
	var got []string
	for _, d := range errs {
		got = append(got, d.Error())
	}
	return res, got
}

const home = "-- content/_index.md --\n---\ntitle: Home\n---\n"

// TestTableAlignmentBuilds: a GFM table with aligned columns builds, its
// cells carry the classes that the site's CSS aligns; it used to stop the
// build with an inline-style error blamed on layouts/page.html.
func TestTableAlignmentBuilds(t *testing.T) {
	res, errs := buildArchive(t, home+"-- content/a.md --\n---\ntitle: A\n---\n| a | b |\n|:-:|--:|\n| 1 | 2 |\n")
	if len(errs) > 0 {
		t.Fatalf("errors:\n%s", strings.Join(errs, "\n"))
	}
	page := string(res.Files["a/index.html"])
	if !strings.Contains(page, `<th scope="row" class="align-center">1</th>`) || !strings.Contains(page, `<td data-label="b" class="align-right">2</td>`) {
		t.Errorf("no alignment classes in a/index.html")
	}
	var css string
	for name, b := range res.Files {
		if strings.HasPrefix(name, "css/app.") {
			css = string(b)
		}
	}
	if !strings.Contains(css, "td.align-center { text-align: center; }") {
		t.Error("app.css does not align the classes")
	}
}
