package serve

import (
	"context"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/zvh-webtool/zvh/internal/csp"
	"github.com/zvh-webtool/zvh/internal/diag"
	"github.com/zvh-webtool/zvh/internal/layerfs"
)

// fakeBuild is a BuildFunc whose next result a test sets.
type fakeBuild struct {
	files map[string][]byte
	errs  diag.List
}

func (f *fakeBuild) build(context.Context) (map[string][]byte, []Warning, diag.List) {
	if len(f.errs) > 0 {
		return nil, nil, f.errs
	}
	return f.files, nil, nil
}

const page = `<!doctype html><html lang="nl"><head><meta http-equiv="Content-Security-Policy" content="` + csp.Policy + `">` +
	`<link rel="stylesheet" href="../css/app.0000000a.css"></head><body class="x"><p>%s</p></body></html>`

func html(text string) []byte { return []byte(strings.Replace(page, "%s", text, 1)) }

func get(t *testing.T, d *Dev, p string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	d.ServeHTTP(rec, httptest.NewRequest("GET", p, nil))
	return rec
}

// TestDevPages: every page gets the live-reload script and stylesheet from
// the reserved path (never inline), and a policy that allows connecting home
// and nothing more, in the meta tag and the header alike.
func TestDevPages(t *testing.T) {
	fb := &fakeBuild{files: map[string][]byte{"a/index.html": html("a"), "css/app.0000000a.css": []byte("p{}")}}
	d := NewDev(FullRebuild(fb.build))
	d.Rebuild(context.Background(), nil)
	rec := get(t, d, "/a/")
	body := rec.Body.String()
	for _, want := range []string{
		`<link rel="stylesheet" href="/_zvh/live.css"><script src="/_zvh/live.js" data-build="1" defer></script>` + "\n</head>",
		`content="` + csp.ServePolicy + `"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %q:\n%s", want, body)
		}
	}
	checkHeaders(t, "page", rec.Header(), csp.ServeHeaderPolicy)
	if strings.Contains(body, "<style") || strings.Contains(body, "<script>") {
		t.Error("inline script or style in a served page")
	}
	for _, p := range []string{"/_zvh/live.js", "/_zvh/live.css"} {
		rec := get(t, d, p)
		if rec.Code != 200 || rec.Body.Len() < 100 {
			t.Errorf("%s: %d, %d bytes", p, rec.Code, rec.Body.Len())
		}
		checkHeaders(t, p, rec.Header(), csp.ServeHeaderPolicy)
	}
	if rec := get(t, d, "/css/app.0000000a.css"); rec.Body.String() != "p{}" {
		t.Errorf("a stylesheet was changed: %q", rec.Body)
	}
	if rec := get(t, d, "/_zvh/nope"); rec.Code != 404 {
		t.Errorf("unknown reserved path: %d", rec.Code)
	}
}

// TestDevErrorsOverLastGoodPage: a failed build keeps the last good pages
// and shows the errors over each of them, as the terminal prints them, until
// a build succeeds again.
func TestDevErrorsOverLastGoodPage(t *testing.T) {
	fb := &fakeBuild{files: map[string][]byte{"index.html": html("goed"), "a/index.html": html("ook goed")}}
	d := NewDev(FullRebuild(fb.build))
	d.Rebuild(context.Background(), nil)

	fb.errs = diag.List{
		{Pos: diag.Position{File: "content/b.md", Line: 1, Col: 1}, Msg: "front matter needs a `title`"},
		{Pos: diag.Position{File: "content/a.md", Line: 3, Col: 7}, Msg: "link to <missing> page"},
	}
	rep := d.Rebuild(context.Background(), []string{"content/a.md"})
	if len(rep.Errs) != 2 {
		t.Fatalf("report has %d errors", len(rep.Errs))
	}
	for _, p := range []string{"/", "/a/"} {
		body := get(t, d, p).Body.String()
		want := []string{
			"goed</p>",
			`role="alertdialog"`,
			`<body class="x">` + "\n" + `<div id="zvh-fouten"`,
			"De site bouwt niet: 2 fouten",
			"<code>content/a.md:3:7: link to &lt;missing&gt; page</code></li>\n<li><code>content/b.md:1:1: front matter needs a `title`</code>",
			`<button type="button"`,
		}
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("%s lacks %q:\n%s", p, w, body)
			}
		}
	}

	fb.errs = nil
	fb.files = map[string][]byte{"index.html": html("hersteld"), "a/index.html": html("ook goed")}
	d.Rebuild(context.Background(), []string{"content/a.md"})
	body := get(t, d, "/").Body.String()
	if strings.Contains(body, "zvh-fouten") || !strings.Contains(body, "hersteld") {
		t.Errorf("after the fix:\n%s", body)
	}
}

// TestDevFirstBuildFails: with no good build yet, pages still show the
// errors, on an empty page that reloads when they are fixed.
func TestDevFirstBuildFails(t *testing.T) {
	fb := &fakeBuild{errs: diag.List{{Pos: diag.Position{File: "layouts/base.html", Line: 2, Col: 3}, Msg: "bad template"}}}
	d := NewDev(FullRebuild(fb.build))
	d.Rebuild(context.Background(), nil)
	rec := get(t, d, "/a/")
	if rec.Code != 500 || !strings.Contains(rec.Body.String(), "layouts/base.html:2:3: bad template") || !strings.Contains(rec.Body.String(), "/_zvh/live.js") {
		t.Errorf("%d\n%s", rec.Code, rec.Body)
	}
	checkHeaders(t, "no build", rec.Header(), csp.ServeHeaderPolicy)
}

func TestCSSOnly(t *testing.T) {
	old := map[string][]byte{
		"index.html":           []byte(`<link href="css/app.0000000a.css"><p>x</p>`),
		"css/app.0000000a.css": []byte("a"),
		"js/x.00000001.js":     []byte("1"),
	}
	cur := func(page string, extra ...string) map[string][]byte {
		m := map[string][]byte{"index.html": []byte(page), "css/app.0000000b.css": []byte("b"), "js/x.00000001.js": []byte("1")}
		for _, e := range extra {
			m[e] = []byte(e)
		}
		return m
	}
	for _, tc := range []struct {
		name string
		cur  map[string][]byte
		ok   bool
	}{
		{"stylesheet only", cur(`<link href="css/app.0000000b.css"><p>x</p>`), true},
		{"text changed too", cur(`<link href="css/app.0000000b.css"><p>y</p>`), false},
		{"a new page too", cur(`<link href="css/app.0000000b.css"><p>x</p>`, "b/index.html"), false},
		{"a script too", cur(`<link href="css/app.0000000b.css"><p>x</p>`, "js/y.00000002.js"), false},
	} {
		swaps, ok := cssOnly(old, tc.cur, Diff(old, tc.cur))
		if ok != tc.ok {
			t.Errorf("%s: cssOnly = %v, want %v", tc.name, ok, tc.ok)
		}
		if ok && !slices.Equal(swaps, [][2]string{{"css/app.0000000a.css", "css/app.0000000b.css"}}) {
			t.Errorf("%s: swaps %q", tc.name, swaps)
		}
	}
}

func TestWarnings(t *testing.T) {
	fsys := layerfs.New(
		layerfs.Layer{Name: "site", FS: fstest.MapFS{"content/eigen.md": {}}},
		layerfs.Layer{Name: "national", FS: fstest.MapFS{"content/wet.md": {}, "content/eigen.md": {}}},
	)
	got := Warnings(diag.List{
		{Pos: diag.Position{File: "content/wet.md"}, Msg: "unverified reference (verified: false); cited by a.md"},
		{Pos: diag.Position{File: "content/eigen.md", Line: 4, Col: 2}, Msg: "something to look at"},
		{Msg: "no position at all"},
	}, fsys)
	want := []Warning{
		{diag.Diagnostic{Pos: diag.Position{File: "content/wet.md"}, Msg: "unverified reference (verified: false); cited by a.md"}, true},
		{diag.Diagnostic{Pos: diag.Position{File: "content/eigen.md", Line: 4, Col: 2}, Msg: "something to look at"}, false},
		{diag.Diagnostic{Msg: "no position at all"}, false},
	}
	if !slices.Equal(got, want) {
		t.Errorf("Warnings = %+v\nwant %+v", got, want)
	}
}
