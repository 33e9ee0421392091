package render

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"github.com/zvh-webtool/zvh/internal/diag"
	"github.com/zvh-webtool/zvh/internal/index"
	"github.com/zvh-webtool/zvh/internal/load"
	"github.com/zvh-webtool/zvh/internal/markdown"
)

// minimalBase is a base layout that passes the policy scan: the fixtures
// that do not test base.html itself use it.
const minimalBase = `<!doctype html><html lang="nl"><head>{{cspMeta}}<title>{{.Page.Title}}</title></head>` +
	`<body>{{block "main" .}}{{body .Page}}{{end}}</body></html>`

// files reads a txtar archive into a file system. A file the archive lacks
// among layouts/base.html and layouts/page.html gets a minimal one, unless
// the archive's comment starts with "bare".
func files(t *testing.T, raw []byte) (fstest.MapFS, string) {
	t.Helper()
	a := txtar.Parse(raw)
	fsys := fstest.MapFS{}
	for _, f := range a.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	// load.LoadAssets wants an assets/ folder.
	fsys["assets/css/app.css"] = &fstest.MapFile{Data: []byte("p{}\n")}
	comment := strings.TrimSpace(string(a.Comment))
	if !strings.HasPrefix(comment, "bare") {
		if fsys["layouts/base.html"] == nil {
			fsys["layouts/base.html"] = &fstest.MapFile{Data: []byte(minimalBase)}
		}
		if fsys["layouts/page.html"] == nil {
			fsys["layouts/page.html"] = &fstest.MapFile{Data: []byte(`{{define "unused"}}{{end}}`)}
		}
	}
	comment = strings.TrimSpace(strings.TrimPrefix(comment, "bare"))
	return fsys, comment
}

// renderSite runs the stages up to render on fsys, as package site does,
// and returns every file rendered or the diagnostics.
func renderSite(t *testing.T, fsys fstest.MapFS) (map[string][]byte, diag.List) {
	t.Helper()
	out, _, errs := renderWith(t, fsys)
	return out, errs
}

// renderWith is renderSite that also returns the Renderer.
func renderWith(t *testing.T, fsys fstest.MapFS) (map[string][]byte, *Renderer, diag.List) {
	t.Helper()
	layouts, errs := LoadLayouts(fsys, nil)
	if errs != nil {
		return nil, nil, errs
	}
	md := markdown.New()
	assets, aerrs := load.LoadAssets(fsys)
	loaded := load.Load(fsys, md, nil)
	site, ierrs := index.Build(loaded.Pages, func(name string) bool { _, err := assets.Path(name); return err == nil }, nil)
	errs.Append(aerrs)
	errs.Append(loaded.Errs)
	errs.Append(ierrs)
	if errs != nil {
		t.Fatalf("the fixture is broken before rendering:\n%v", errs)
	}
	out := map[string][]byte{}
	var mu sync.Mutex
	r := &Renderer{Layouts: layouts, Assets: assets, MD: md, Site: site}
	errs = r.Run(Jobs(site), func(j Job, b []byte, _ *Deps) error {
		mu.Lock()
		out[j.Path()] = b
		mu.Unlock()
		return nil
	})
	if errs != nil {
		return nil, r, errs
	}
	return out, r, nil
}

// TestTemplateErrors renders each fixture of testdata/errors, a site with
// one kind of layout error, and compares the diagnostics with the lines of
// the archive's comment: every error at its file, line and column in
// layouts/, however html/template or text/template reported it.
func TestTemplateErrors(t *testing.T) {
	cases, _ := filepath.Glob(filepath.Join("testdata", "errors", "*.txtar"))
	if len(cases) == 0 {
		t.Fatal("no cases in testdata/errors")
	}
	for _, c := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(c), ".txtar"), func(t *testing.T) {
			raw, err := os.ReadFile(c)
			if err != nil {
				t.Fatal(err)
			}
			fsys, comment := files(t, raw)
			want := strings.Split(comment, "\n")
			out, errs := renderSite(t, fsys)
			if out != nil {
				t.Fatal("a broken layout rendered without errors")
			}
			var got []string
			for _, d := range errs {
				got = append(got, d.Error())
			}
			if !slices.Equal(got, want) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}
