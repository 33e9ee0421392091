package render

import (
	"regexp"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/zvh-webtool/zvh/internal/urls"
)

func mapFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{"assets/css/app.css": {Data: []byte("p{}\n")}}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

// TestUsesWalksTemplates: the layout files of a kind are base.html, the
// kind's own file and every partial reachable from them, by {{template}}
// or by {{cached}} (a function call, which the parse tree shows only as a
// string argument), inside if, else, range and with, blocks and
// parenthesized pipelines. A partial nothing reaches is not a dependency,
// so editing it re-renders nothing.
func TestUsesWalksTemplates(t *testing.T) {
	fsys := mapFS(map[string]string{
		"layouts/base.html": `{{cspMeta}}{{block "main" .}}{{end}}{{template "kop.html" .}}`,
		"layouts/page.html": `{{define "main"}}{{if .Page}}{{template "a.html" .}}{{else}}{{template "b.html" .}}{{end}}` +
			`{{range .Crumbs}}{{cached "c.html" "" .}}{{end}}{{with .Prev}}{{printf "%s" (cached "d.html" .File .)}}{{end}}{{end}}`,
		"layouts/section.html":      `{{define "main"}}{{template "e.html" .}}{{end}}`,
		"layouts/partials/kop.html": `kop`,
		"layouts/partials/a.html":   `{{template "f.html" .}}`,
		"layouts/partials/b.html":   `b`,
		"layouts/partials/c.html":   `c`,
		"layouts/partials/d.html":   `d`,
		"layouts/partials/e.html":   `e`,
		"layouts/partials/f.html":   `f`,
		"layouts/partials/los.html": `{{template "b.html" .}}`,
	})
	l, errs := LoadLayouts(fsys, nil)
	if errs != nil {
		t.Fatal(errs)
	}
	p := func(names ...string) []string {
		for i, n := range names {
			names[i] = "layouts/partials/" + n
		}
		return names
	}
	for kind, want := range map[string][]string{
		"page":    append([]string{"layouts/base.html", "layouts/page.html"}, p("a.html", "b.html", "c.html", "d.html", "f.html", "kop.html")...),
		"law":     append([]string{"layouts/base.html", "layouts/page.html"}, p("a.html", "b.html", "c.html", "d.html", "f.html", "kop.html")...),
		"section": append([]string{"layouts/base.html"}, p("e.html", "kop.html")...),
		"plate":   append([]string{"layouts/base.html"}, p("e.html", "kop.html")...),
		"node":    nil,
	} {
		if kind == "section" || kind == "plate" {
			want = slices.Insert(want, 1, "layouts/section.html")
		}
		slices.Sort(want)
		if got := l.Uses(kind); !slices.Equal(got, want) {
			t.Errorf("Uses(%q) = %q, want %q", kind, got, want)
		}
	}
}

// TestFragmentFits: a cached fragment is reused only from a folder where
// each address it wrote comes out the same.
func TestFragmentFits(t *testing.T) {
	f := &fragment{rels: []relUse{{to: "a/", rel: "../a/"}, {to: "css/app.css", rel: "../css/app.css"}}}
	for _, tc := range []struct {
		from    string
		offline bool
		want    bool
	}{
		{"b/", false, true},
		{"a/", false, false}, // "./" there
		{"b/c/", false, false},
		{"", false, false},
		{"b/", true, false}, // "../a/index.html" offline
	} {
		link := func(to string) string { return urls.Rel(tc.from, to, tc.offline) }
		if got := f.fits(link); got != tc.want {
			t.Errorf("fits(%q, offline %v) = %v, want %v", tc.from, tc.offline, got, tc.want)
		}
	}
	if !(&fragment{}).fits(func(to string) string { return urls.Rel("x/y/", to, true) }) {
		t.Error("a fragment without addresses does not fit everywhere")
	}
}

// TestCachedFragmentsPerFolder renders a partial through cached on pages
// at three depths: the pages at one depth share one fragment, each page
// gets the address right for its own folder.
// (Package site's TestCachedPartialURLs holds the real layouts to this.)
func TestCachedFragmentsPerFolder(t *testing.T) {
	page := func(title string) string { return "---\ntitle: " + title + "\n---\nTekst.\n" }
	fsys := mapFS(map[string]string{
		"content/_index.md":           page("Home"),
		"content/a.md":                page("A"),
		"content/b.md":                page("B"),
		"content/c/_index.md":         page("C"),
		"content/c/d.md":              page("D"),
		"layouts/base.html":           `<html><head>{{cspMeta}}</head><body>{{cached "thuis.html" "" .}}</body></html>`,
		"layouts/page.html":           ``,
		"layouts/partials/thuis.html": `<a class="thuis" href="{{urlTo ""}}">thuis</a>`,
	})
	out, r, errs := renderWith(t, fsys)
	if errs != nil {
		t.Fatal(errs)
	}
	if n := len(r.cache[fragmentKey{"thuis.html", ""}]); n != 3 {
		t.Errorf("%d fragments for five files in three depths, want 3: one per way the address comes out", n)
	}
	link := regexp.MustCompile(`<a class="thuis" href="([^"]*)">`)
	for file, want := range map[string]string{
		"index.html":     "./",
		"a/index.html":   "../",
		"b/index.html":   "../",
		"c/index.html":   "../",
		"c/d/index.html": "../../",
	} {
		m := link.FindSubmatch(out[file])
		if m == nil {
			t.Errorf("%s: no link in %q", file, out[file])
		} else if string(m[1]) != want {
			t.Errorf("%s: links home as %q, want %q", file, m[1], want)
		}
	}
}
