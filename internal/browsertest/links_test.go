package browsertest

import (
	"bytes"
	"fmt"
	"maps"
	"net/url"
	"path"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// linkAttrs are the attributes that hold a URL, checked on every element.
var linkAttrs = []string{"href", "src", "srcset", "poster", "data", "xlink:href", "action", "formaction"}

// checkLinks returns every local URL in the build that points nowhere: each
// href, src and srcset of every HTML file (also inside inline SVG, and the
// target of a meta refresh) and each url() and @import of every style sheet
// must name a file of the build, where a path ending in / means its
// index.html, and a #fragment on another page must be an id there. Links to
// other sites (http, https, mailto, tel) are not followed. A #fragment on the
// same page must be an id of that page, except the wizard's state fragments
// (#trainer, #doel=ja/...), which are not ids.
//
// With offline, the build is meant for file://, where a folder is not its
// index.html: every local link must then name the file itself.
func checkLinks(files map[string][]byte, offline bool) []string {
	ids := map[string]map[string]bool{} // page -> its ids, parsed when first needed
	idsOf := func(name string) map[string]bool {
		if m, ok := ids[name]; ok {
			return m
		}
		m := map[string]bool{}
		if doc, err := html.Parse(bytes.NewReader(files[name])); err == nil {
			for n := range doc.Descendants() {
				if n.Type != html.ElementNode {
					continue
				}
				if id, ok := attr(n, "id"); ok {
					m[id] = true
				}
				if n.Data == "a" {
					if id, ok := attr(n, "name"); ok {
						m[id] = true
					}
				}
			}
		}
		ids[name] = m
		return m
	}

	var out []string
	check := func(from string, line int, ref string) {
		where := from
		if line > 0 {
			where = fmt.Sprintf("%s:%d", from, line)
		}
		if p := resolveLink(files, from, ref, offline, idsOf); p != "" {
			out = append(out, fmt.Sprintf("%s: %q: %s", where, ref, p))
		}
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		b := files[name]
		switch path.Ext(name) {
		case ".css":
			for _, r := range cssRefs(b) {
				check(name, r.line, r.url)
			}
		case ".html":
			doc, err := html.Parse(bytes.NewReader(b))
			if err != nil {
				out = append(out, fmt.Sprintf("%s: cannot parse: %v", name, err))
				continue
			}
			for n := range doc.Descendants() {
				if n.Type != html.ElementNode {
					continue
				}
				for _, key := range linkAttrs {
					v, ok := attr(n, key)
					if !ok {
						continue
					}
					for _, u := range srcsetURLs(key, v) {
						check(name, 0, u)
					}
				}
				if n.Data == "meta" {
					equiv, _ := attr(n, "http-equiv")
					content, _ := attr(n, "content")
					if i := strings.Index(strings.ToLower(content), "url="); strings.EqualFold(equiv, "refresh") && i >= 0 {
						check(name, 0, strings.Trim(content[i+4:], `'" `))
					}
				}
			}
		}
	}
	return out
}

// resolveLink returns what is wrong with one URL found in the file from, or "".
func resolveLink(files map[string][]byte, from, ref string, offline bool, idsOf func(string) map[string]bool) string {
	ref = strings.TrimSpace(ref)
	low := strings.ToLower(ref)
	for _, ext := range []string{"http:", "https:", "mailto:", "tel:", "data:"} {
		if strings.HasPrefix(low, ext) {
			return ""
		}
	}
	if ref == "" {
		return "empty URL"
	}
	u, err := url.Parse(ref)
	if err != nil {
		return fmt.Sprintf("not a URL: %v", err)
	}
	if u.Scheme != "" || u.Host != "" {
		return "unexpected scheme or host in a local link"
	}
	if u.Path == "" && u.RawQuery == "" {
		// Same page.
		frag := u.Fragment
		if frag == "" || frag == "trainer" || strings.ContainsAny(frag, "=/") || !strings.HasSuffix(from, ".html") {
			return ""
		}
		if !idsOf(from)[frag] {
			return "no id " + frag + " on this page"
		}
		return ""
	}
	// The 404 page is the one exception: hosts show it at any depth, so
	// it links from the root of the host (site.yaml url; here "/").
	notFound := path.Base(from) == "404.html"
	if strings.HasPrefix(u.Path, "/") && !notFound {
		return "root-relative path: breaks when the site is served from a sub-path or from file://"
	}
	base := &url.URL{Path: "/" + from}
	target := base.ResolveReference(&url.URL{Path: u.Path}).Path
	if strings.HasPrefix(path.Clean("/"+from+"/../"+u.Path), "/..") && !notFound {
		return "goes above the site root"
	}
	file := strings.TrimPrefix(target, "/")
	if file == "" || strings.HasSuffix(file, "/") {
		if offline {
			return "links to a folder; from file:// that shows a folder listing, not " + file + "index.html"
		}
		file += "index.html"
	}
	if _, ok := files[file]; !ok {
		if _, isDir := files[file+"/index.html"]; isDir {
			return "links to a folder without a trailing slash"
		}
		return "no such file " + file
	}
	if u.Fragment != "" && strings.HasSuffix(file, ".html") && !idsOf(file)[u.Fragment] {
		return "no id " + u.Fragment + " in " + file
	}
	return ""
}

// TestLinks checks every local link of the national site, normal and
// offline (issue 6).
func TestLinks(t *testing.T) {
	for _, offline := range []bool{false, true} {
		t.Run(fmt.Sprintf("offline=%v", offline), func(t *testing.T) {
			res := national(t, offline)
			for _, p := range checkLinks(res.Files, offline) {
				t.Error(p)
			}
		})
	}
}

// TestLinksFindsDefects proves that the link check fails on a build with a
// missing asset, a missing page, a missing #id on another page and a
// folder link in an offline build.
func TestLinksFindsDefects(t *testing.T) {
	res := brokenSite(t, map[string]edit{
		"layouts/base.html": replace(`</main>`, `<img src="img/ontbreekt.png" alt="">`+
			`<a href="spelregels/#bestaat-niet">x</a><a href="bestaat-niet/">y</a><a href="#ook-niet">z</a></main>`),
		"assets/css/app.css": appendText("\n.x { background: url(../img/ontbreekt.svg); }\n"),
	})
	got := checkLinks(res.Files, false)
	for _, want := range []string{
		`over/index.html: "img/ontbreekt.png": no such file over/img/ontbreekt.png`,
		`index.html: "spelregels/#bestaat-niet": no id bestaat-niet in spelregels/index.html`,
		`index.html: "bestaat-niet/": no such file bestaat-niet/index.html`,
		`index.html: "#ook-niet": no id ook-niet on this page`,
		`: "../img/ontbreekt.svg": no such file img/ontbreekt.svg`,
	} {
		if !slices.ContainsFunc(got, func(p string) bool { return strings.Contains(p, want) }) {
			t.Errorf("the link check did not report %q; it found:\n%s", want, strings.Join(first(got, 20), "\n"))
		}
	}

	// A normal build checked as an offline one: its folder links are what
	// an offline build must not have.
	got = checkLinks(national(t, false).Files, true)
	if !slices.ContainsFunc(got, func(p string) bool { return strings.Contains(p, "links to a folder; from file://") }) {
		t.Errorf("the offline link check accepted folder links; it found:\n%s", strings.Join(first(got, 20), "\n"))
	}
}
