package browsertest

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/zvh-webtool/zvh/internal/site"
)

// cspBinding is the function the test adds to every page (Runtime.addBinding)
// so the page can report a CSP violation to the test.
const cspBinding = "zvhTestCSPViolation"

// reportCSP runs before the page's own scripts (Page.addScriptToEvaluateOnNewDocument,
// which the page's CSP does not govern) and reports every violation event.
const reportCSP = `document.addEventListener("securitypolicyviolation", (e) => {
	` + cspBinding + `(e.effectiveDirective + " blocked " + (e.blockedURI || "inline") +
		" at " + e.sourceFile + ":" + e.lineNumber + (e.sample ? " (" + e.sample + ")" : ""));
}, true);`

// reportCSPViolations makes every page the tab ctx opens from now on report
// its CSP violations through cspBinding (an event the caller listens for).
func reportCSPViolations(ctx context.Context) error {
	return chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := chromedp.Call(ctx, runtime.AddBinding, runtime.AddBindingParams{Name: cspBinding}); err != nil {
			return err
		}
		_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: reportCSP})
		return err
	}))
}

// A privacyWatch records, for one tab, everything the privacy principle
// forbids that a page can do while the test uses it: requests that leave the
// site, are not GET, or ask for a file the build does not have; CSP
// violations; console errors and uncaught exceptions.
type privacyWatch struct {
	ctx    context.Context
	origin string // scheme://host:port of the site; "file://" for a folder
	root   string // the URL path of the site's root folder, ending in /
	files  map[string][]byte

	mu       sync.Mutex
	problems []string
	requests int
}

// watchPrivacy opens a tab in a fresh browser context for the site at base
// and starts recording.
func watchPrivacy(t testing.TB, res *site.Result, base string, limit time.Duration) *privacyWatch {
	t.Helper()
	ctx := newTab(t, limit)
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	w := &privacyWatch{ctx: ctx, origin: u.Scheme + "://" + u.Host, root: u.Path, files: res.Files}
	if err := chromedp.Listen(ctx, w.event); err != nil {
		t.Fatal(err)
	}
	if err := reportCSPViolations(ctx); err != nil {
		t.Fatal(err)
	}
	return w
}

func (w *privacyWatch) add(format string, args ...any) {
	w.mu.Lock()
	w.problems = append(w.problems, fmt.Sprintf(format, args...))
	w.mu.Unlock()
}

// event runs on chromedp's reading goroutine: it must be quick and must not
// call the browser.
func (w *privacyWatch) event(ev any) {
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		w.mu.Lock()
		w.requests++
		w.mu.Unlock()
		if p := w.checkRequest(ev.Request.Method, ev.Request.URL); p != "" {
			w.add("request %s %s (from %s): %s", ev.Request.Method, ev.Request.URL, ev.DocumentURL, p)
		}
	case *runtime.EventBindingCalled:
		if ev.Name == cspBinding {
			w.add("CSP violation: %s", ev.Payload)
		}
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			var args []string
			for _, a := range ev.Args {
				if len(a.Value) > 0 {
					args = append(args, string(a.Value))
				} else {
					args = append(args, a.Description)
				}
			}
			w.add("console.%s: %s", ev.Type, strings.Join(args, " "))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			msg += " " + d.Exception.Description
		}
		w.add("uncaught exception at %s:%d: %s", d.URL, d.LineNumber+1, msg)
	case *log.EventEntryAdded:
		if e := ev.Entry; e.Level == log.EntryLevelError {
			w.add("browser log (%s): %s %s", e.Source, e.Text, e.URL)
		}
	}
}

// checkRequest says what is wrong with a request, or "".
func (w *privacyWatch) checkRequest(method, raw string) string {
	if strings.HasPrefix(raw, "data:") {
		return "" // the CSP allows data: images; they never leave the page
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "not a URL"
	}
	if u.Scheme+"://"+u.Host != w.origin {
		return "to another origin than " + w.origin
	}
	if method != "GET" {
		return "not a GET"
	}
	name, ok := strings.CutPrefix(u.Path, w.root)
	if !ok {
		return "outside the site's folder " + w.root
	}
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	if _, ok := w.files[name]; !ok {
		return "for " + name + ", which the build does not have"
	}
	return ""
}

// storedState is what a page can find stored for its origin.
type storedState struct {
	Local     int      `json:"local"`
	Session   int      `json:"session"`
	IndexedDB []string `json:"indexedDB"`
	Workers   int      `json:"workers"`
	Caches    []string `json:"caches"`
}

const readStored = `(async () => ({
	local: localStorage.length,
	session: sessionStorage.length,
	indexedDB: (await indexedDB.databases()).map((d) => d.name),
	workers: (await navigator.serviceWorker.getRegistrations()).length,
	caches: await caches.keys(),
}))()`

// finish checks what the visit left behind and returns every problem seen.
// The tab must show a page of the site (sessionStorage is per tab).
func (w *privacyWatch) finish(t testing.TB) []string {
	t.Helper()
	ctx := w.ctx
	st, err := chromedp.Run(ctx, chromedp.Evaluate[storedState](readStored, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("reading the storage of the site: %v", err)
	}
	if st.Local > 0 {
		w.add("localStorage holds %d items", st.Local)
	}
	if st.Session > 0 {
		w.add("sessionStorage holds %d items", st.Session)
	}
	if len(st.IndexedDB) > 0 {
		w.add("IndexedDB databases: %s", strings.Join(st.IndexedDB, ", "))
	}
	if st.Workers > 0 {
		w.add("%d service workers registered", st.Workers)
	}
	if len(st.Caches) > 0 {
		w.add("Cache Storage: %s", strings.Join(st.Caches, ", "))
	}
	cookies, err := chromedp.CallBrowser(ctx, storage.GetCookies,
		storage.GetCookiesParams{BrowserContextID: chromedp.FromContext(ctx).BrowserContextID})
	if err != nil {
		t.Fatalf("reading the cookies: %v", err)
	}
	for _, c := range cookies.Cookies {
		w.add("cookie %s=%s (domain %s)", c.Name, c.Value, c.Domain)
	}
	return w.seen(t)
}

// waitFor waits until problems with each of the texts have been recorded,
// or the time is up.
func (w *privacyWatch) waitFor(d time.Duration, texts ...string) {
	for end := time.Now().Add(d); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		w.mu.Lock()
		all := true
		for _, s := range texts {
			all = all && slices.ContainsFunc(w.problems, func(p string) bool { return strings.Contains(p, s) })
		}
		w.mu.Unlock()
		if all {
			return
		}
	}
}

// seen returns the problems recorded while the pages were used.
func (w *privacyWatch) seen(t testing.TB) []string {
	t.Helper()
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.requests == 0 {
		t.Fatal("the browser made no requests at all: the request watch does not work")
	}
	return slices.Clone(w.problems)
}

// wizardAt is the wizard's visible node, or "" when there is none.
const wizardAt = `(() => {
	const s = document.querySelector("#wizard section.wizard-node:not([hidden])");
	return s ? s.getAttribute("data-node") || "" : "";
})()`

// walkTree answers every path of the decision tree on the page in the tab by
// clicking the answers (depth first, back with the wizard's "Vorige vraag"),
// and returns how many outcomes it reached.
func walkTree(ctx context.Context, w *wizardTree) (int, error) {
	at := func(want string) error {
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](wizardAt))
		if err != nil {
			return err
		}
		if got != want {
			return fmt.Errorf("the wizard shows %q, want %q", got, want)
		}
		return nil
	}
	var visit func(id string) (int, error)
	visit = func(id string) (int, error) {
		n := w.nodes[id]
		if n.outcome {
			return 1, nil
		}
		total := 0
		for _, a := range n.answers {
			sel := fmt.Sprintf(`#wizard section.wizard-node[data-node=%q] a.answer[data-key=%q]`, id, a.key)
			if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
				return total, fmt.Errorf("clicking %q at %q: %w", a.label, id, err)
			}
			if err := at(a.to); err != nil {
				return total, fmt.Errorf("after %q at %q: %w", a.label, id, err)
			}
			k, err := visit(a.to)
			total += k
			if err != nil {
				return total, err
			}
			if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("a.wizard__back"))); err != nil {
				return total, fmt.Errorf("clicking Vorige vraag at %q: %w", a.to, err)
			}
			if err := at(id); err != nil {
				return total, fmt.Errorf("back from %q: %w", a.to, err)
			}
		}
		return total, nil
	}
	if err := at(w.start); err != nil {
		return 0, err
	}
	return visit(w.start)
}

// useTrainerAndPrint switches trainer mode on with its button, answers the
// first question with the key 1, goes back with the left arrow, leaves
// trainer mode with T, and shows the page as printed.
func useTrainerAndPrint(ctx context.Context, w *wizardTree) error {
	trainerOn := `document.body.classList.contains("trainer")`
	steps := []struct {
		do    chromedp.Action[chromedp.Void]
		check string
		want  any
	}{
		{chromedp.Click(chromedp.CSS(".wizard__trainer")), trainerOn, true},
		{chromedp.KeyEvent("1"), wizardAt, w.nodes[w.start].answers[0].to},
		{chromedp.KeyEvent(kb.ArrowLeft), wizardAt, w.start},
		{chromedp.KeyEvent("t"), trainerOn, false},
		{media("print", ""), `matchMedia("print").matches`, true},
		{media("", ""), `matchMedia("print").matches`, false},
	}
	for i, s := range steps {
		if err := chromedp.Do(ctx, s.do); err != nil {
			return fmt.Errorf("trainer/print step %d: %w", i, err)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[any](s.check))
		if err != nil {
			return err
		}
		if got != s.want {
			return fmt.Errorf("trainer/print step %d: %s is %v, want %v", i, s.check, got, s.want)
		}
	}
	return nil
}

// TestBrowserPrivacy uses the whole national site in Chromium (issue 6): it
// loads every page, walks every path of every decision tree by clicking,
// uses trainer mode and print media, and then requires no cookie, no
// storage, no service worker, no request outside the build, no CSP
// violation and no console error.
func TestBrowserPrivacy(t *testing.T) {
	res := national(t, false)
	base := serveSite(t, res)
	w := watchPrivacy(t, res, base, 4*time.Minute)
	ctx := w.ctx
	start := time.Now()

	for _, c := range pageCases(t, res) {
		if err := visit(ctx, base, c); err != nil {
			t.Fatal(err)
		}
	}
	kinds := pageKinds(res.Files)
	var trees []string
	for _, name := range htmlFiles(res.Files) {
		if err := load(ctx, base+strings.TrimSuffix(name, "index.html")); err != nil {
			t.Fatal(err)
		}
		if kinds[name] == "tree" {
			trees = append(trees, strings.TrimSuffix(name, "index.html"))
		}
	}
	t.Logf("loaded %d pages in %v", len(htmlFiles(res.Files)), time.Since(start).Round(time.Millisecond))

	outcomes := 0
	for _, p := range trees {
		tree := wizardOf(t, res, p)
		if err := load(ctx, base+p); err != nil {
			t.Fatal(err)
		}
		n, err := walkTree(ctx, tree)
		if err != nil {
			t.Fatalf("/%s: %v", p, err)
		}
		if want := tree.paths(tree.start); n != want {
			t.Errorf("/%s: walked %d paths, the tree has %d", p, n, want)
		}
		outcomes += n
		if err := useTrainerAndPrint(ctx, tree); err != nil {
			t.Fatalf("/%s: %v", p, err)
		}
	}
	if len(trees) == 0 {
		t.Fatal("no decision trees in the build")
	}
	t.Logf("walked %d paths of %d decision trees by clicking; %v in all", outcomes, len(trees), time.Since(start).Round(time.Millisecond))
	for _, p := range w.finish(t) {
		t.Error(p)
	}
}

// TestBrowserPrivacyFindsDefects proves that the browser check fails on a
// wizard.js that stores, sets a cookie, asks for a file the build does not
// have, loads from another origin and styles inline.
func TestBrowserPrivacyFindsDefects(t *testing.T) {
	res := tamperedOutput(t, map[string]edit{
		"js/wizard.": appendText(`
localStorage.setItem("zvh", "1");
sessionStorage.setItem("zvh", "1");
indexedDB.open("zvh-test").onsuccess = () => console.error("zvh test: IndexedDB opened");
document.cookie = "zvh=1; path=/";
new Image().src = "bestaat-niet.gif";
// Loopback, another origin: the CSP must block it before any request.
new Image().src = "http://127.0.0.2:9/pixel.gif";
document.body.setAttribute("style", "color: red");
console.error("zvh test error");
setTimeout(() => { throw new Error("zvh test exception"); });
`),
	})
	base := serveSite(t, res)
	w := watchPrivacy(t, res, base, time.Minute)
	if err := load(w.ctx, base+"beslisbomen/inbrengen/"); err != nil {
		t.Fatal(err)
	}
	// Violation reports, the exception and the database come after the load
	// event.
	w.waitFor(5*time.Second, "img-src", "style-src-attr", "zvh test exception", "IndexedDB opened")
	got := w.finish(t)
	for _, want := range []string{
		"localStorage holds 1 items",
		"sessionStorage holds 1 items",
		"IndexedDB databases: zvh-test",
		"cookie zvh=1",
		"bestaat-niet.gif, which the build does not have",
		"CSP violation: img-src blocked http://127.0.0.2:9/pixel.gif",
		"CSP violation: style-src-attr blocked inline",
		"console.error: \"zvh test error\"",
		"uncaught exception at " + base,
	} {
		if !slices.ContainsFunc(got, func(p string) bool { return strings.Contains(p, want) }) {
			t.Errorf("the privacy check did not report %q; it found:\n%s", want, strings.Join(got, "\n"))
		}
	}
}
