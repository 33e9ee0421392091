package site

import (
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/zvh-webtool/zvh"
	"github.com/zvh-webtool/zvh/internal/layerfs"
)

// FuzzNamesAndLayouts builds a site whose file names and one layout come
// from the fuzzer: two pages at fuzzed paths under content/ (any path a
// real folder could hold: dots, backslashes, spaces, _headers.md, deep
// folders) and a fuzzed replacement for one of the shipped layouts. The
// build may refuse, but never panics, and the outcome is one of two:
// a result and no diagnostics, or no result and diagnostics that each name
// a source file under content/, layouts/ or assets/, in words without Go
// internals. Every output path of a result stays inside the output, and
// none is both a file and the folder of another, so the result can be
// written.
func FuzzNamesAndLayouts(f *testing.F) {
	layouts, err := fs.Glob(zvh.Base, "layouts/*.html")
	if err != nil {
		f.Fatal(err)
	}
	partials, _ := fs.Glob(zvh.Base, "layouts/partials/*.html")
	layouts = append(layouts, partials...)
	slices.Sort(layouts)

	page := "---\ntitle: Pagina\n---\nTekst met een [link](../over.md).\n"
	for _, s := range []struct {
		a, b   string
		which  uint8
		layout string
	}{
		{"over.md", "a/b.md", 0, ""},
		{"foo.md", "foo/_index.md", 1, "{{define \"main\"}}{{.Page.Title}}{{end}}"},
		{"..md", "...md", 2, ""},
		{"a\\b.md", "_headers.md", 3, "{{template \"nope.html\"}}"},
		{"beslisbomen/boom.md", "beslisbomen/overzicht.md", 4, "<script>alert(1)</script>"},
		{"x y/ü.md", "x y/_index.md", 5, "{{.Nope.Nope}}"},
		{"over.md", "over.md/x.md", 6, ""},
		{"a/.md", "-.md", 7, "{{end}}"},
	} {
		f.Add(s.a, page, s.b, page, s.which, s.layout)
	}
	f.Fuzz(func(t *testing.T, nameA, srcA, nameB, srcB string, which uint8, layout string) {
		files := fstest.MapFS{
			"content/_index.md": {Data: []byte("---\ntitle: Home\n---\nWelkom.\n")},
		}
		for _, p := range []struct{ name, src string }{{nameA, srcA}, {nameB, srcB}} {
			name := "content/" + p.name
			// Only names a real folder can hold: the file system would
			// not give the build any other.
			if !fs.ValidPath(name) || strings.ContainsRune(name, 0) {
				t.Skip()
			}
			files[name] = &fstest.MapFile{Data: []byte(p.src)}
		}
		// A file and a folder of the same name cannot both exist.
		for name := range files {
			for other := range files {
				if strings.HasPrefix(other, name+"/") {
					t.Skip()
				}
			}
		}
		if layout != "" {
			files[layouts[int(which)%len(layouts)]] = &fstest.MapFile{Data: []byte(layout)}
		}
		fsys := layerfs.New(layerfs.Layer{Name: "fuzz", FS: files}, layerfs.Layer{Name: "national", FS: withoutContent{zvh.Base}})
		res, errs := Build(Options{FS: fsys})
		if (res == nil) == (len(errs) == 0) {
			t.Fatalf("result %v with %d diagnostics: want exactly one of the two", res != nil, len(errs))
		}
		for _, d := range errs {
			file := d.Pos.File
			top, _, _ := strings.Cut(file, "/")
			if top != "content" && top != "layouts" && top != "assets" {
				t.Errorf("diagnostic without a source file: %v", d)
			}
			for _, internal := range []string{"runtime error", "interface conversion", "goroutine ", "nil pointer"} {
				if strings.Contains(d.Msg, internal) {
					t.Errorf("diagnostic shows Go internals: %v", d)
				}
			}
		}
		if res != nil {
			for name := range res.Files {
				if !filepath.IsLocal(filepath.FromSlash(name)) || strings.Contains(name, "\\") {
					t.Errorf("output path %q leaves the output folder", name)
				}
				// A result must be writable: no output file may also be
				// a folder of another.
				for dir := name; strings.Contains(dir, "/"); {
					dir = dir[:strings.LastIndex(dir, "/")]
					if _, ok := res.Files[dir]; ok {
						t.Errorf("output %s is a file and the folder of %s", dir, name)
					}
				}
			}
		}
	})
}
