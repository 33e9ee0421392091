package browsertest

import (
	"bytes"
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"golang.org/x/net/html"

	"github.com/zvh-webtool/zvh/internal/serve"
	"github.com/zvh-webtool/zvh/internal/site"
)

// chrome is the one headless Chromium of a test binary run: starting it takes
// a second or two, and the machine has two cores, so every browser test opens
// tabs in it (each in a fresh browser context, so no test sees another's
// cookies or storage).
var chrome struct {
	once    sync.Once
	ctx     context.Context // the browser's first tab
	cancel  func()
	dataDir string
	missing string // why there is no browser, when it is not installed
	err     error  // why it did not start
}

func TestMain(m *testing.M) {
	code := m.Run()
	if chrome.cancel != nil {
		chrome.cancel()
	}
	if chrome.dataDir != "" {
		os.RemoveAll(chrome.dataDir)
	}
	os.Exit(code)
}

// chromiumPath finds Chromium: $ZVH_CHROMIUM, else the usual command names.
func chromiumPath() (string, bool) {
	if p := os.Getenv("ZVH_CHROMIUM"); p != "" {
		return p, true
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, true
		}
	}
	return "", false
}

func startBrowser() {
	exe, ok := chromiumPath()
	if !ok {
		chrome.missing = "Chromium is not installed (Debian: apt-get install chromium; or set ZVH_CHROMIUM)"
		return
	}
	dir, err := os.MkdirTemp("", "zvh-chromium-")
	if err != nil {
		chrome.err = err
		return
	}
	chrome.dataDir = dir
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.UserDataDir(dir), // fresh profile: no cookies or storage from before
		chromedp.NoSandbox,        // root in a container: Chromium's sandbox cannot start
		chromedp.DisableGPU,
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-pings", true),
		chromedp.WindowSize(1280, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	chrome.ctx = ctx
	chrome.cancel = func() { cancelCtx(); cancelAlloc() }
	// The first Run starts the browser; no timeout on this context, or the
	// timeout would end the browser.
	if err := chromedp.Do(ctx); err != nil {
		chrome.err = fmt.Errorf("starting %s: %w", exe, err)
	}
}

// newTab opens a tab in a new, empty browser context of the shared browser,
// or ends the test when there is no browser. The tab closes when the test
// ends, and gives up after limit.
func newTab(t testing.TB, limit time.Duration) context.Context {
	t.Helper()
	slow(t)
	chrome.once.Do(startBrowser)
	if chrome.missing != "" {
		missing(t, chrome.missing)
	}
	if chrome.err != nil {
		t.Fatal(chrome.err)
	}
	tab, cancelTab := chromedp.NewContext(chrome.ctx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancelTab)
	if err := chromedp.Do(tab, media("", "")); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	ctx, cancel := context.WithTimeout(tab, limit)
	t.Cleanup(cancel)
	return ctx
}

// servers serve the national builds, one server per build, for all tests.
var servers struct {
	sync.Mutex
	m map[*site.Result]*httptest.Server
}

// serveSite serves a build on loopback with the production headers (package
// serve), and returns its base URL, ending in a slash.
func serveSite(t testing.TB, res *site.Result) string {
	t.Helper()
	servers.Lock()
	defer servers.Unlock()
	if srv, ok := servers.m[res]; ok {
		return srv.URL + "/"
	}
	srv := httptest.NewServer(serve.New(res.Files))
	builds.Lock()
	shared := res == builds.res[0] || res == builds.res[1]
	builds.Unlock()
	if shared {
		// Shared by the tests of this run; the process ends it.
		if servers.m == nil {
			servers.m = map[*site.Result]*httptest.Server{}
		}
		servers.m[res] = srv
	} else {
		t.Cleanup(srv.Close)
	}
	return srv.URL + "/"
}

// load opens url in the tab and waits for the load event. A URL that differs
// from the current one only in its #fragment does not load a page, so the
// tab goes to about:blank first.
func load(ctx context.Context, url string) error {
	cur, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		return err
	}
	if strings.Split(cur, "#")[0] == strings.Split(url, "#")[0] {
		if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
			return err
		}
	}
	// Page.navigate and the load event, without chromedp.Navigate's frame
	// bookkeeping: a third faster, which counts over two hundred pages.
	_, err = chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		res, err := chromedp.Call(ctx, page.Navigate, page.NavigateParams{URL: url})
		if err == nil && res.ErrorText != "" {
			err = fmt.Errorf("loading %s: %s", url, res.ErrorText)
		}
		return err
	})))
	return err
}

// media sets the emulated CSS media type ("" for the screen, or "print") and
// colour scheme ("" for the default, "dark" or "light"). It always asks for
// reduced motion: with smooth scrolling (app.css), a click computed from an
// element's position can land while the page still scrolls, and miss.
func media(typ, scheme string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		p := emulation.SetEmulatedMediaParams{Media: typ,
			Features: []*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: "reduce"}}}
		if scheme != "" {
			p.Features = append(p.Features, &emulation.MediaFeature{Name: "prefers-color-scheme", Value: scheme})
		}
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, p)
		return err
	})
}

// visit loads a page case in the tab: colour scheme, page, setup actions.
func visit(ctx context.Context, base string, c pageCase) error {
	if err := chromedp.Do(ctx, media("", c.scheme)); err != nil {
		return err
	}
	if err := load(ctx, base+c.path); err != nil {
		return fmt.Errorf("loading %s: %w", c.path, err)
	}
	if err := chromedp.Do(ctx, c.setup...); err != nil {
		return fmt.Errorf("setting up %s: %w", c.name, err)
	}
	return nil
}

// A pageCase is one kind of page the browser tests visit: axe runs on every
// one, the privacy test loads every one. To cover a new page kind or state,
// add an entry in pageCases.
type pageCase struct {
	name   string
	path   string // from the site root, with an optional #fragment
	scheme string // prefers-color-scheme to emulate: "", "dark"
	setup  []chromedp.Action[chromedp.Void]
	kind   string // the page kind (body class kind-*) the entry stands for
}

// pageCases lists the pages of the national site that the browser tests
// visit, found in the build so that they follow the content.
func pageCases(t testing.TB, res *site.Result) []pageCase {
	t.Helper()
	kinds := pageKinds(res.Files)
	pick := func(kind string, match func(b []byte) bool) string {
		for _, name := range htmlFiles(res.Files) {
			if kinds[name] == kind && (match == nil || match(res.Files[name])) {
				return strings.TrimSuffix(name, "index.html")
			}
		}
		t.Fatalf("no page of kind %q in the build", kind)
		return ""
	}
	must := func(p string) string {
		if _, ok := res.Files[p+"index.html"]; !ok {
			t.Fatalf("the build has no %sindex.html", p)
		}
		return p
	}
	outcome := func(b []byte) bool { return bytes.Contains(b, []byte("tree-node-page--outcome")) }
	tree := "beslisbomen/inbrengen/"
	if _, ok := res.Files[tree+"index.html"]; !ok {
		tree = pick("tree", nil)
	}
	w := wizardOf(t, res, tree)
	inProgress := w.fragment(w.route(2))
	atOutcome := w.fragment(w.route(-1))
	// Trainer mode from a shared link: its button is not offered on a phone.
	trainer := "trainer/"
	// The search with results open, and the second result chosen.
	searching := []chromedp.Action[chromedp.Void]{
		chromedp.Click(chromedp.CSS("#zoekveld")),
		chromedp.SendKeys(chromedp.CSS("#zoekveld"), "gegevens"),
		chromedp.Poll[chromedp.Void](`document.querySelectorAll("#zoekresultaten [role=option]").length > 1`),
		chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowDown),
	}
	return []pageCase{
		{name: "home", path: "", kind: "home"},
		{name: "section", path: must("procesplaten/"), kind: kinds[must("procesplaten/")+"index.html"]},
		{name: "procesplaat", path: pick("plate", nil), kind: "plate"},
		{name: "phase", path: pick("phase", nil), kind: "phase"},
		{name: "spelregels", path: must("spelregels/"), kind: "page"},
		{name: "begrippen", path: must("begrippen/"), kind: "page"},
		{name: "wetsartikel", path: pick("law", nil), kind: "law"},
		{name: "trees", path: pick("trees", nil), kind: "trees"},
		{name: "tree-start", path: tree, kind: "tree"},
		{name: "tree-in-progress", path: tree + "#" + inProgress, kind: "tree"},
		{name: "tree-outcome", path: tree + "#" + atOutcome, kind: "tree"},
		{name: "tree-trainer", path: tree + "#" + trainer + inProgress, kind: "tree"},
		{name: "node-question", path: pick("node", func(b []byte) bool { return !outcome(b) }), kind: "node"},
		{name: "node-outcome", path: pick("node", outcome), kind: "node"},
		{name: "overview", path: pick("overview", nil), kind: "overview"},
		{name: "search-results", path: must("spelregels/"), kind: "page", setup: searching},
		{name: "register", path: must("a-z/"), kind: "page"},
		{name: "not-found", path: "404.html", kind: "404"},
		{name: "dark-home", path: "", scheme: "dark", kind: "home"},
		{name: "dark-search-results", path: must("spelregels/"), scheme: "dark", kind: "page", setup: searching},
		{name: "dark-phase", path: pick("phase", nil), scheme: "dark", kind: "phase"},
		{name: "dark-tree-in-progress", path: tree + "#" + inProgress, scheme: "dark", kind: "tree"},
		{name: "dark-tree-trainer", path: tree + "#" + trainer + atOutcome, scheme: "dark", kind: "tree"},
		{name: "dark-overview", path: pick("overview", nil), scheme: "dark", kind: "overview"},
	}
}

// pageCaseNamed returns the page case with the name.
func pageCaseNamed(t testing.TB, res *site.Result, name string) pageCase {
	t.Helper()
	for _, c := range pageCases(t, res) {
		if c.name == name {
			return c
		}
	}
	t.Fatalf("no page case %q", name)
	return pageCase{}
}

// pageFile is the output file of a page case's path: "a/" is a/index.html,
// "404.html" itself.
func pageFile(path string) string {
	if strings.HasSuffix(path, ".html") {
		return path
	}
	return path + "index.html"
}

var bodyKind = regexp.MustCompile(`<body[^>]*\bclass="[^"]*\bkind-([a-z0-9-]+)`)

// pageKinds maps every HTML page to its kind: the page kind of <body
// class="kind-...">, except that the pages a decision tree makes besides its
// start page (kind-tree too) are "node" (class tree-node-page) and
// "overview" (class tree-overview), as each has its own layout.
func pageKinds(files map[string][]byte) map[string]string {
	out := map[string]string{}
	for _, name := range htmlFiles(files) {
		b := files[name]
		m := bodyKind.FindSubmatch(b)
		if m == nil {
			continue
		}
		kind := string(m[1])
		switch {
		case kind != "tree":
		case bytes.Contains(b, []byte(`class="content tree-node-page`)):
			kind = "node"
		case bytes.Contains(b, []byte(` tree-overview"`)):
			kind = "overview"
		}
		out[name] = kind
	}
	return out
}

// TestPageCasesCoverEveryKind makes sure the browser tests see every page
// kind the build has: a new layout must get an entry in pageCases.
func TestPageCasesCoverEveryKind(t *testing.T) {
	res := national(t, false)
	covered := map[string]bool{}
	kinds := pageKinds(res.Files)
	for _, c := range pageCases(t, res) {
		path, _, _ := strings.Cut(c.path, "#")
		if got := kinds[pageFile(path)]; got != c.kind {
			t.Errorf("page case %s: %s is of kind %q, the entry says %q", c.name, path, got, c.kind)
		}
		covered[kinds[pageFile(path)]] = true
	}
	for name, kind := range kinds {
		if !covered[kind] {
			t.Errorf("page kind %q (e.g. %s) has no entry in pageCases", kind, name)
			covered[kind] = true
		}
	}
}

// A wizardTree is a decision tree as its start page presents it to the
// wizard: the sections and answer links that wizard.js reads.
type wizardTree struct {
	start string
	nodes map[string]*wizardNode
}

type wizardNode struct {
	id      string
	outcome bool
	answers []wizardAnswer
}

type wizardAnswer struct{ key, to, label string }

// A step is one answer given: the question and the answer's key.
type step struct{ id, key string }

// wizardOf reads the decision tree of the tree page at path.
func wizardOf(t testing.TB, res *site.Result, path string) *wizardTree {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(res.Files[path+"index.html"]))
	if err != nil {
		t.Fatal(err)
	}
	w := &wizardTree{nodes: map[string]*wizardNode{}}
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		if id, _ := attr(n, "id"); id == "wizard" {
			w.start, _ = attr(n, "data-start")
		}
		id, ok := attr(n, "data-node")
		if n.Data != "section" || !ok {
			continue
		}
		class, _ := attr(n, "class")
		node := &wizardNode{id: id, outcome: slices.Contains(strings.Fields(class), "wizard-node--outcome")}
		for a := range n.Descendants() {
			if cls, _ := attr(a, "class"); a.Type == html.ElementNode && a.Data == "a" && slices.Contains(strings.Fields(cls), "answer") {
				key, _ := attr(a, "data-key")
				to, _ := attr(a, "data-to")
				node.answers = append(node.answers, wizardAnswer{key: key, to: to, label: textOf(a)})
			}
		}
		w.nodes[id] = node
	}
	if w.nodes[w.start] == nil {
		t.Fatalf("%s: no wizard (div#wizard with data-start and its sections)", path)
	}
	return w
}

func textOf(n *html.Node) string {
	var b strings.Builder
	for c := range n.Descendants() {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// route follows the first answer n times (n < 0: up to an outcome).
func (w *wizardTree) route(n int) []step {
	var r []step
	for id := w.start; n != 0 && !w.nodes[id].outcome && len(w.nodes[id].answers) > 0; n-- {
		a := w.nodes[id].answers[0]
		r = append(r, step{id, a.key})
		id = a.to
	}
	return r
}

// fragment is the wizard's URL fragment for a route: doel=ja/noodzaak=nee.
func (w *wizardTree) fragment(r []step) string {
	var parts []string
	for _, s := range r {
		parts = append(parts, s.id+"="+s.key)
	}
	return strings.Join(parts, "/")
}

// paths counts the routes from id to an outcome.
func (w *wizardTree) paths(id string) int {
	n := w.nodes[id]
	if n.outcome {
		return 1
	}
	total := 0
	for _, a := range n.answers {
		total += w.paths(a.to)
	}
	return total
}
