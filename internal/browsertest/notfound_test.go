package browsertest

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"net/http/httptest"
	"path"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/zvh-webtool/zvh"
	"github.com/zvh-webtool/zvh/internal/layerfs"
	"github.com/zvh-webtool/zvh/internal/serve"
	"github.com/zvh-webtool/zvh/internal/site"
)

// deepMissing is an address the site does not have, three folders deep: an
// old bookmark with a typo, as the 2017 tool's users have them.
const deepMissing = "procesplaten/complexe-casuistiek/triagee/oud/"

// A host serves a built site the way one of the three ways of publishing it
// does, at mount ("/" or "/gegevensdeling/"), and answers a missing address
// with the site's 404 page.
type host struct {
	name    string
	handler func(t *testing.T, files map[string][]byte, mount string) http.Handler
}

var hosts = []host{
	// zvh serve: the server of package serve, as the command runs it.
	{"zvh serve", func(t *testing.T, files map[string][]byte, mount string) http.Handler {
		return http.StripPrefix(strings.TrimSuffix(mount, "/"), serve.New(files))
	}},
	// nginx with the shipped snippet: its add_header lines, and its
	// error_page 404 line, which nginx follows as an internal redirect (the
	// browser keeps the missing address).
	{"nginx", func(t *testing.T, files map[string][]byte, mount string) http.Handler {
		conf := string(files["nginx-security-headers.conf"])
		headers := map[string]string{}
		for _, m := range regexp.MustCompile(`(?m)^add_header (\S+) "([^"]*)" always;$`).FindAllStringSubmatch(conf, -1) {
			headers[m[1]] = m[2]
		}
		m := regexp.MustCompile(`(?m)^error_page 404 (\S+);$`).FindStringSubmatch(conf)
		if m == nil || len(headers) < 3 {
			t.Fatalf("the nginx snippet has no error_page 404 line or too few headers:\n%s", conf)
		}
		return staticHost(files, mount, headers, m[1])
	}},
	// A host that reads _headers (Netlify, Cloudflare Pages): the headers
	// of its block, and the 404.html at the top of the published folder.
	{"_headers", func(t *testing.T, files map[string][]byte, mount string) http.Handler {
		headers := map[string]string{}
		sc := bufio.NewScanner(bytes.NewReader(files["_headers"]))
		for sc.Scan() {
			line := sc.Text()
			if k, v, ok := strings.Cut(strings.TrimSpace(line), ": "); ok && strings.HasPrefix(line, "  ") {
				headers[k] = v
			}
		}
		if len(headers) < 3 {
			t.Fatalf("_headers has too few headers:\n%s", files["_headers"])
		}
		return staticHost(files, mount, headers, mount+"404.html")
	}},
}

// staticHost serves files under mount with headers, and for a missing
// address the file at notFound (a path from the host's root) with status
// 404, as a static web server configured to do so.
func staticHost(files map[string][]byte, mount string, headers map[string]string, notFound string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k, v := range headers {
			w.Header().Set(k, v)
		}
		status := http.StatusOK
		name, ok := strings.CutPrefix(r.URL.Path, mount)
		if strings.HasSuffix(name, "/") || name == "" {
			name += "index.html"
		}
		b, found := files[name]
		if !ok || !found {
			status = http.StatusNotFound
			rest, _ := strings.CutPrefix(notFound, mount)
			if b, found = files[rest]; !found {
				http.Error(w, "404", status)
				return
			}
			name = rest
		}
		if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
			w.Header().Set("Content-Type", ct)
		}
		w.WriteHeader(status)
		w.Write(b)
	})
}

// publishedAt builds the national site as published at url (site.yaml's
// url setting); root overrides its path as zvh serve does ("" keeps it).
func publishedAt(t testing.TB, url, root string) *site.Result {
	t.Helper()
	settings, err := fs.ReadFile(zvh.Base, "site.yaml")
	if err != nil {
		t.Fatal(err)
	}
	layer := fstest.MapFS{"site.yaml": &fstest.MapFile{Data: append(settings, []byte("\nurl: "+url+"\n")...)}}
	fsys := layerfs.New(layerfs.Layer{Name: "published", FS: layer}, layerfs.Layer{Name: "national", FS: zvh.Base})
	res, errs := site.Build(site.Options{FS: fsys, Root: root})
	if len(errs) > 0 {
		t.Fatalf("the site does not build:\n%v", errs)
	}
	return res
}

// notFoundProblems opens the deep missing address on a host and requires
// the 404 status, the site's styles and every link of the page to work.
func notFoundProblems(t *testing.T, h host, files map[string][]byte, mount string) []string {
	srv := httptest.NewServer(h.handler(t, files, mount))
	t.Cleanup(srv.Close)
	at := srv.URL + mount + deepMissing
	var problems []string
	resp, err := http.Get(at)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		problems = append(problems, fmt.Sprintf("%s: %s answers %d, want 404", h.name, at, resp.StatusCode))
	}
	ctx := newTab(t, time.Minute)
	if err := load(ctx, at); err != nil {
		t.Fatal(err)
	}
	type page struct {
		Heading string   `json:"heading"`
		Styled  bool     `json:"styled"`
		Sheets  int      `json:"sheets"`
		Links   []string `json:"links"`
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[page](`(() => {
		const bar = document.querySelector(".site-header__bar");
		return {
			heading: (document.querySelector("h1") || {}).textContent || "",
			styled: !!bar && getComputedStyle(bar).backgroundColor !== "rgba(0, 0, 0, 0)",
			sheets: [...document.styleSheets].filter((s) => { try { return s.cssRules.length > 0; } catch (e) { return false; } }).length,
			links: [...document.querySelectorAll("a[href], link[href], script[src], img[src]")]
				.map((e) => e.href || e.src).filter((u) => u.startsWith(location.origin)).map((u) => u.split("#")[0]),
		};
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got.Heading, "niet gevonden") {
		problems = append(problems, fmt.Sprintf("%s: %s shows %q, not the site's 404 page", h.name, at, got.Heading))
	}
	if !got.Styled || got.Sheets < 3 {
		problems = append(problems, fmt.Sprintf("%s: the 404 page at %s has lost its styles (%d style sheets loaded)", h.name, at, got.Sheets))
	}
	seen := map[string]bool{}
	for _, l := range got.Links {
		if seen[l] || l == at {
			continue
		}
		seen[l] = true
		resp, err := http.Get(l)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			problems = append(problems, fmt.Sprintf("%s: the 404 page at %s links %s, which answers %d", h.name, at, l, resp.StatusCode))
		}
	}
	if len(seen) < 10 {
		problems = append(problems, fmt.Sprintf("%s: the 404 page at %s has only %d links and files", h.name, at, len(seen)))
	}
	return problems
}

// TestNotFoundAtAnyDepth opens a missing address three folders deep in each
// of the three ways of publishing the site, at the host's root and (nginx,
// _headers) under a sub-path set as site.yaml's url: the 404 page must keep
// its styles and every link on it must lead to a page that exists.
func TestNotFoundAtAnyDepth(t *testing.T) {
	root := national(t, false)
	sub := publishedAt(t, "https://www.voorbeeld.nl/gegevensdeling/", "")
	served := publishedAt(t, "https://www.voorbeeld.nl/gegevensdeling/", "/")
	for _, h := range hosts {
		for _, p := range notFoundProblems(t, h, root.Files, "/") {
			t.Error(p)
		}
		files, mount := sub.Files, "/gegevensdeling/"
		if h.name == "zvh serve" {
			// zvh serve serves every site at its root, whatever its url.
			files, mount = served.Files, "/"
		}
		for _, p := range notFoundProblems(t, h, files, mount) {
			t.Error(p)
		}
	}
}

// TestNotFoundAtAnyDepthFindsDefects publishes a site under a sub-path that
// its settings do not name: the 404 page's addresses then start at the
// wrong folder, and each host must lose the styles and the links.
func TestNotFoundAtAnyDepthFindsDefects(t *testing.T) {
	res := national(t, false)
	for _, h := range hosts[1:] {
		problems := notFoundProblems(t, h, res.Files, "/gegevensdeling/")
		if len(problems) == 0 {
			t.Errorf("%s: a 404 page with addresses outside the site's folder passed", h.name)
		}
	}
	// zvh serve always serves at the root: a build whose 404 page links
	// from another folder must fail there too.
	wrong := publishedAt(t, "https://www.voorbeeld.nl/gegevensdeling/", "")
	if len(notFoundProblems(t, hosts[0], wrong.Files, "/")) == 0 {
		t.Error("zvh serve: a 404 page with addresses under /gegevensdeling/ passed at the root")
	}
}
