package browsertest

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/zvh-webtool/zvh"
	"github.com/zvh-webtool/zvh/internal/csp"
	"github.com/zvh-webtool/zvh/internal/layerfs"
	"github.com/zvh-webtool/zvh/internal/serve"
	"github.com/zvh-webtool/zvh/internal/site"
	"github.com/zvh-webtool/zvh/internal/watch"
)

// TestReloadAfterChangeShowsNewText is the browser's half of correct
// caching: a page loaded, changed on the server, and loaded again (a reload,
// and leaving and coming back) shows the new text. With a fixed
// Last-Modified the browser got 304 and kept the old page.
func TestReloadAfterChangeShowsNewText(t *testing.T) {
	ctx := newTab(t, 30*time.Second)
	doc := func(text string) []byte {
		return []byte(`<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="` +
			csp.Policy + `"><title>t</title></head><body><p id="tekst">` + text + `</p><a href="../">terug</a></body></html>`)
	}
	s := serve.New(map[string][]byte{"index.html": doc("home"), "a/index.html": doc("Oude tekst")})
	srv := httptest.NewServer(s)
	defer srv.Close()
	text := func() string {
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("tekst").textContent`))
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if err := load(ctx, srv.URL+"/a/"); err != nil {
		t.Fatal(err)
	}
	if got := text(); got != "Oude tekst" {
		t.Fatalf("first load shows %q", got)
	}
	s.Replace(map[string][]byte{"index.html": doc("home"), "a/index.html": doc("Nieuwe tekst")})
	if _, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Reload())); err != nil {
		t.Fatal(err)
	}
	if got := text(); got != "Nieuwe tekst" {
		t.Errorf("after a reload the page shows %q, want the new text", got)
	}
	s.Replace(map[string][]byte{"index.html": doc("home"), "a/index.html": doc("Derde tekst")})
	if err := load(ctx, srv.URL+"/"); err != nil {
		t.Fatal(err)
	}
	if err := load(ctx, srv.URL+"/a/"); err != nil {
		t.Fatal(err)
	}
	if got := text(); got != "Derde tekst" {
		t.Errorf("after leaving and coming back the page shows %q, want the new text", got)
	}
}

// liveSite is "zvh serve" on a temporary site folder: watcher, full
// rebuilds of the national model under it, and the dev server on loopback.
type liveSite struct {
	dir, url string
}

func startLiveSite(t *testing.T, files map[string]string) *liveSite {
	t.Helper()
	slow(t)
	dir := t.TempDir()
	for name, data := range files {
		writeSource(t, filepath.Join(dir, name), data)
	}
	fsys := layerfs.New(layerfs.Layer{Name: "site", FS: os.DirFS(dir)}, layerfs.Layer{Name: "national", FS: zvh.Base})
	// The builder of zvh serve itself.
	dev := serve.NewDev(&serve.Incremental{Session: site.NewSession(site.Options{FS: fsys}), FS: fsys})
	ctx, cancel := context.WithCancel(context.Background())
	if rep := dev.Rebuild(ctx, nil); len(rep.Errs) > 0 {
		t.Fatal(rep.Errs)
	}
	w, err := watch.New(dir, []string{"content", "layouts", "assets"}, 0)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(dev)
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); w.Run(ctx) }()
	go func() { defer wg.Done(); dev.Watch(ctx, w.Changes(), nil) }()
	t.Cleanup(func() {
		cancel()
		dev.Close()
		srv.Close()
		wg.Wait()
	})
	return &liveSite{dir: dir, url: srv.URL}
}

func writeSource(t *testing.T, p, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// problems records script errors and CSP violations in a tab: the live
// reload script must run under the page's policy without one.
type problems struct {
	mu   sync.Mutex
	list []string
}

func watchProblems(t *testing.T, ctx context.Context) *problems {
	t.Helper()
	p := &problems{}
	add := func(s string) { p.mu.Lock(); p.list = append(p.list, s); p.mu.Unlock() }
	if err := chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventBindingCalled:
			if ev.Name == cspBinding {
				add("CSP violation: " + ev.Payload)
			}
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			add(fmt.Sprintf("uncaught exception at %s:%d: %s", d.URL, d.LineNumber+1, msg))
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError {
				add(fmt.Sprintf("browser log (%s): %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL))
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	if err := reportCSPViolations(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		p.mu.Lock()
		defer p.mu.Unlock()
		for _, s := range p.list {
			t.Error(s)
		}
	})
	return p
}

// until evaluates expr in the tab until it is true. Unlike chromedp.Poll it
// survives the page reloading underneath it, which is what is being tested.
func until(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			t.Fatalf("%s: %s never became true (last error: %v)", what, expr, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// longPage is a page long enough to scroll, with text at the top.
func longPage(text string) string {
	var b strings.Builder
	b.WriteString("---\ntitle: Proefpagina\n---\n" + text + "\n\n")
	for i := range 120 {
		fmt.Fprintf(&b, "Alinea %d die de pagina lang maakt, zodat er iets te scrollen valt.\n\n", i)
	}
	return b.String()
}

// TestLiveReload: an edit reloads the open page, which shows the new text at
// the same scroll position; an edit of another page takes the browser there;
// a stylesheet is swapped without a reload.
func TestLiveReload(t *testing.T) {
	ctx := newTab(t, 90*time.Second)
	l := startLiveSite(t, map[string]string{
		"content/proef.md": longPage("Eerste versie."),
		"content/ander.md": "---\ntitle: Andere pagina\n---\nAndere tekst.\n",
	})
	watchProblems(t, ctx) // after the server: its check runs before the server stops
	if err := load(ctx, l.url+"/proef/"); err != nil {
		t.Fatal(err)
	}
	// A marker that only survives as long as the page is not reloaded.
	eval[bool](t, ctx, `window.scrollTo(0, 900), window.zvhTestMarker = true`)
	until(t, ctx, "scrolled", `window.scrollY === 900`)

	writeSource(t, filepath.Join(l.dir, "content", "proef.md"), longPage("Tweede versie."))
	until(t, ctx, "the edit shown", `document.body.textContent.includes("Tweede versie.") && document.readyState === "complete"`)
	if eval[bool](t, ctx, `window.zvhTestMarker === true`) {
		t.Error("the page changed without a reload")
	}
	until(t, ctx, "scroll position kept", `Math.abs(window.scrollY - 900) < 2`)

	// The stylesheet: swapped, no reload.
	eval[bool](t, ctx, `window.zvhTestMarker = true`)
	app, err := fs.ReadFile(zvh.Base, "assets/css/app.css")
	if err != nil {
		t.Fatal(err)
	}
	writeSource(t, filepath.Join(l.dir, "assets", "css", "app.css"), string(app)+"\nbody { outline: 7px solid rgb(1, 2, 3); }\n")
	until(t, ctx, "the new stylesheet applied", `getComputedStyle(document.body).outlineWidth === "7px"`)
	if !eval[bool](t, ctx, `window.zvhTestMarker === true`) {
		t.Error("a stylesheet change reloaded the page")
	}

	// Another page edited: the browser goes there.
	writeSource(t, filepath.Join(l.dir, "content", "ander.md"), "---\ntitle: Andere pagina\n---\nAndere tekst, bewerkt.\n")
	until(t, ctx, "went to the edited page", `location.pathname === "/ander/" && document.body.textContent.includes("Andere tekst, bewerkt.")`)
}

// TestLiveErrorOverlay: a broken save shows the errors over the last good
// page in an alert dialog that has focus, closes with Escape, and goes away
// by itself when the file is fixed.
func TestLiveErrorOverlay(t *testing.T) {
	ctx := newTab(t, 90*time.Second)
	l := startLiveSite(t, map[string]string{"content/proef.md": longPage("Goede versie.")})
	watchProblems(t, ctx)
	if err := load(ctx, l.url+"/proef/"); err != nil {
		t.Fatal(err)
	}
	writeSource(t, filepath.Join(l.dir, "content", "proef.md"), "---\ntitle: Proefpagina\ntitel: oeps\n---\nKapot.\n")
	const msg = "content/proef.md:3:1: unknown front matter key `titel`; did you mean `title`?"
	until(t, ctx, "the overlay shown", `!!document.querySelector('#zvh-fouten[role="alertdialog"]') && document.readyState === "complete"`)
	if got := eval[string](t, ctx, `document.querySelector("#zvh-fouten code").textContent`); got != msg {
		t.Errorf("overlay says %q, want %q", got, msg)
	}
	if !eval[bool](t, ctx, `document.body.textContent.includes("Goede versie.")`) {
		t.Error("the last good page is not under the overlay")
	}
	until(t, ctx, "the overlay has focus", `document.activeElement && document.activeElement.id === "zvh-fouten"`)
	if eval[string](t, ctx, `getComputedStyle(document.getElementById("zvh-fouten")).position`) != "fixed" {
		t.Error("the overlay is not styled")
	}
	// The served page with the overlay is still valid HTML.
	resp, err := http.Get(l.url + "/proef/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), msg) {
		t.Fatal("the served page has no overlay")
	}
	for _, e := range validateHTML(t, map[string][]byte{"proef/index.html": body}) {
		t.Errorf("the page with the overlay: %s", e)
	}

	src := axeSource(t)
	for _, scheme := range []string{"light", "dark"} {
		if err := chromedp.Do(ctx, media("", scheme)); err != nil {
			t.Fatal(err)
		}
		vs, _, err := runAxe(ctx, src)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vs {
			t.Errorf("the page with the overlay (%s): %s", scheme, v)
		}
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Escape)); err != nil {
		t.Fatal(err)
	}
	if !eval[bool](t, ctx, `document.getElementById("zvh-fouten").hidden`) {
		t.Error("Escape did not close the overlay")
	}

	writeSource(t, filepath.Join(l.dir, "content", "proef.md"), longPage("Herstelde versie."))
	until(t, ctx, "the fix shown", `document.body.textContent.includes("Herstelde versie.") && !document.getElementById("zvh-fouten")`)
}

// TestLiveServerSendsPagesOnly checks that the reserved path of the dev
// server is not part of any build: the live-reload script exists only there.
func TestLiveServerSendsPagesOnly(t *testing.T) {
	res := national(t, false)
	for name, b := range res.Files {
		if strings.HasPrefix(name, "_zvh/") || strings.Contains(string(b), serve.Reserved) {
			t.Errorf("%s: the build contains the dev server's %s", name, serve.Reserved)
		}
	}
}
