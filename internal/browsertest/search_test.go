package browsertest

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/zvh-webtool/zvh"
	"github.com/zvh-webtool/zvh/internal/search"
	"github.com/zvh-webtool/zvh/internal/site"
)

// searchOption is one result as the listbox shows it.
type searchOption struct {
	ID       string   `json:"id"`
	URL      string   `json:"url"`
	Group    string   `json:"group"`
	Title    string   `json:"title"`
	Where    string   `json:"where"`
	Marks    []string `json:"marks"`
	Selected bool     `json:"selected"`
}

// searchState is what the search shows: the options, whether the listbox
// is open, the field's active option and the live region's text.
type searchState struct {
	Options  []searchOption `json:"options"`
	Expanded string         `json:"expanded"`
	Active   string         `json:"active"`
	Status   string         `json:"status"`
	Value    string         `json:"value"`
}

const readSearch = `(() => {
	const f = document.getElementById("zoekveld"), list = document.getElementById("zoekresultaten");
	const text = (e) => e ? e.textContent.replace(/\s+/g, " ").trim() : "";
	return {
		options: list.hidden ? [] : [...list.querySelectorAll("[role=option]")].map((o) => ({
			id: o.id,
			url: o.dataset.url || "",
			group: text(o.querySelector(".search__where")).split(" · ")[0],
			title: text(o.querySelector(".search__title")),
			where: text(o.querySelector(".search__where")),
			marks: [...o.querySelectorAll("mark")].map(text),
			selected: o.getAttribute("aria-selected") === "true",
		})),
		expanded: f.getAttribute("aria-expanded") || "",
		active: f.getAttribute("aria-activedescendant") || "",
		status: text(document.querySelector(".search [aria-live]")),
		value: f.value,
	};
})()`

// typeQuery types q into an empty search field, key by key, and waits until
// the search has answered it.
func typeQuery(ctx context.Context, q string) (searchState, error) {
	err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#zoekveld")),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("zoekveld").value = ""`),
		chromedp.SendKeys(chromedp.CSS("#zoekveld"), q),
		chromedp.Poll[chromedp.Void](`document.querySelector(".search [aria-live]").textContent !== "" && !document.getElementById("zoekresultaten").hasAttribute("aria-busy")`,
			chromedp.WithPollingTimeout(20*time.Second)),
	)
	if err != nil {
		return searchState{}, fmt.Errorf("typing %q: %w", q, err)
	}
	return chromedp.Run(ctx, chromedp.Evaluate[searchState](readSearch))
}

// TestSearchKeyboard uses the search with the keyboard only (issue 13): it
// types a query, moves through the results with the arrow keys, checks
// what a screen reader is told, and opens a result with Enter.
func TestSearchKeyboard(t *testing.T) {
	res := national(t, false)
	base := serveSite(t, res)
	ctx := newTab(t, time.Minute)
	if err := load(ctx, base+"procesplaten/"); err != nil {
		t.Fatal(err)
	}
	st, err := typeQuery(ctx, "casuistiek")
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Options) < 3 || st.Expanded != "true" {
		t.Fatalf("casuistiek: %d results, aria-expanded %q; want at least 3, open", len(st.Options), st.Expanded)
	}
	if !strings.Contains(search.Fold(st.Options[0].Title), "casuistiek") {
		t.Errorf("casuistiek: first result %q, want a title with casuïstiek", st.Options[0].Title)
	}
	if !strings.Contains(st.Status, fmt.Sprint(len(st.Options))) {
		t.Errorf("the live region says %q, want the number of results", st.Status)
	}
	keys := []struct {
		key    string
		active int
	}{{kb.ArrowDown, 0}, {kb.ArrowDown, 1}, {kb.ArrowDown, 2}, {kb.ArrowUp, 1}}
	for _, k := range keys {
		if err := chromedp.Do(ctx, chromedp.KeyEvent(k.key)); err != nil {
			t.Fatal(err)
		}
		st, err = chromedp.Run(ctx, chromedp.Evaluate[searchState](readSearch))
		if err != nil {
			t.Fatal(err)
		}
		want := st.Options[k.active]
		if st.Active != want.ID || !want.Selected {
			t.Fatalf("after %q: aria-activedescendant %q, want %q selected", k.key, st.Active, want.ID)
		}
		for i, o := range st.Options {
			if o.Selected != (i == k.active) {
				t.Errorf("after %q: option %d aria-selected %v", k.key, i, o.Selected)
			}
		}
	}
	chosen := st.Options[1]
	if _, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.KeyEvent(kb.Enter))); err != nil {
		t.Fatalf("Enter on %q: %v", chosen.Title, err)
	}
	// The page opened at the result: its h1, or the heading or term its
	// #fragment points to, is the result's title.
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
		const id = decodeURIComponent(location.hash.slice(1));
		const el = id ? document.getElementById(id) : document.querySelector("h1");
		return el ? el.textContent.replace(/\s+/g, " ").trim() : "";
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(got, chosen.Title) {
		t.Errorf("Enter on %q opened a page at %q", chosen.Title, got)
	}

	// Escape closes the list, a second Escape empties the field.
	st, err = typeQuery(ctx, "spelregel")
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []searchState{{Expanded: "false", Value: "spelregel"}, {Expanded: "false", Value: ""}} {
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Escape)); err != nil {
			t.Fatal(err)
		}
		st, err = chromedp.Run(ctx, chromedp.Evaluate[searchState](readSearch))
		if err != nil {
			t.Fatal(err)
		}
		if st.Expanded != want.Expanded || st.Value != want.Value || len(st.Options) > 0 {
			t.Errorf("Escape %d: expanded %q, value %q, %d results shown", i+1, st.Expanded, st.Value, len(st.Options))
		}
	}
}

// TestSearchDutchAndRanking checks what the search finds on the national
// site: folded and stemmed words, a snippet with the hit marked, the kind of
// each result, a title hit first, the pages with most words when no page
// has all, and a visible way on when nothing is found.
func TestSearchDutchAndRanking(t *testing.T) {
	res := national(t, false)
	base := serveSite(t, res)
	ctx := newTab(t, time.Minute)
	if err := load(ctx, base); err != nil {
		t.Fatal(err)
	}
	st, err := typeQuery(ctx, "gegevens")
	if err != nil {
		t.Fatal(err)
	}
	singular := false
	for _, o := range st.Options {
		for _, m := range o.Marks {
			singular = singular || search.Fold(m) == "gegeven"
		}
	}
	if !singular {
		t.Errorf("gegevens: no snippet marks the word gegeven; results: %+v", st.Options)
	}

	st, err = typeQuery(ctx, "aanmeld")
	if err != nil {
		t.Fatal(err)
	}
	// The word being typed is also a prefix: "aanmeld" finds the phases
	// Aanmelding and, marked in a snippet, the word Aanmelder.
	if !slices.ContainsFunc(st.Options, func(o searchOption) bool { return slices.Contains(o.Marks, "Aanmelder") }) ||
		!slices.ContainsFunc(st.Options, func(o searchOption) bool { return strings.HasPrefix(o.Title, "Aanmelding") && o.Group == "Fase" }) {
		t.Errorf("aanmeld: want a phase Aanmelding and a result that marks Aanmelder; got %+v", st.Options)
	}
	st, err = typeQuery(ctx, "aanmelder ")
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Options) == 0 || st.Options[0].Title != "Aanmelder" || st.Options[0].Group != "Begrip" {
		t.Errorf("aanmelder: want the begrip Aanmelder first; got %+v", st.Options)
	}

	for _, q := range []string{"zeggenschap", "beroepsgeheim", "doelbinding", "triage"} {
		st, err := typeQuery(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if len(st.Options) == 0 {
			t.Errorf("%s: nothing found", q)
			continue
		}
		inTitle := func(o searchOption) bool { return strings.Contains(search.Fold(o.Title), q) }
		if !inTitle(st.Options[0]) {
			t.Errorf("%s: first result %q has the word only in its text", q, st.Options[0].Title)
		}
		// Each result names its kind.
		for _, o := range st.Options {
			if o.Group == "" {
				t.Errorf("%s: result %q does not say what kind it is", q, o.Title)
			}
		}
	}
	// A practical answer and a tree rank above law text (issue 23: the law
	// pages came first for "bsn" and "beroepsgeheim"), unless the query
	// names an article.
	for q, order := range map[string][2]string{
		"bsn ":                {"vragen/bsn/", "wetten/bsn/"},
		"beroepsgeheim ":      {"beslisbomen/beroepsgeheim/", "wetten/beroepsgeheim/"},
		"beroepsgeheim 7:457": {"wetten/beroepsgeheim/", "beslisbomen/beroepsgeheim/"},
	} {
		st, err := typeQuery(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		at := func(url string) int {
			return slices.IndexFunc(st.Options, func(o searchOption) bool { return o.URL == url })
		}
		if a, b := at(order[0]), at(order[1]); a < 0 || (b >= 0 && b < a) {
			t.Errorf("%q: %s at %d, %s at %d; want the first above the second", q, order[0], a, order[1], b)
		}
	}
	st, err = typeQuery(ctx, "xyzzyqq")
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Options) > 0 || st.Expanded != "false" || !strings.HasPrefix(st.Status, "Niets gevonden.") {
		t.Errorf("a query that matches nothing: %d results, expanded %q, status %q", len(st.Options), st.Expanded, st.Status)
	}
	// Sighted readers see it too, with the ways on: the register, the
	// trees and the practical questions.
	none, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => {
		const n = document.querySelector(".search__none");
		if (!n || n.hidden || !n.getBoundingClientRect().height) return [];
		return [n.querySelector("p").textContent, ...[...n.querySelectorAll("a")].map((a) => a.getAttribute("href"))];
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if len(none) != 4 || !strings.HasPrefix(none[0], "Niets gevonden") || none[1] != "a-z/" || none[2] != "beslisbomen/" || none[3] != "vragen/" {
		t.Errorf("a query that matches nothing shows %q; want the message and links to a-z/, beslisbomen/ and vragen/", none)
	}
	// Words that are not all on one page still find the pages with most of
	// them (issue 23: "huisarts medische gegevens" found nothing).
	for _, q := range []string{"huisarts medische gegevens", "ouders dossier xyzzyqq"} {
		st, err := typeQuery(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if len(st.Options) == 0 {
			t.Errorf("%q: nothing found, though some of its words are on the site", q)
		}
	}
}

// TestSearchSpeed measures the time from a typed character to the results
// in the page (the shards and documents it loads, search, snippets and the
// new list laid out), for every character of a few queries on the national
// site, and logs it: the budget is one frame, 16 ms (issue 13). The machine is shared, and other work only ever adds
// time, so each character is measured in five passes and its fastest time
// counts; the first pass is logged too. ZVH_SEARCH_TIMES=1 logs them all.
func TestSearchSpeed(t *testing.T) {
	res := national(t, false)
	base := serveSite(t, res)
	ctx := newTab(t, 4*time.Minute)
	if err := load(ctx, base); err != nil {
		t.Fatal(err)
	}
	// The first character loads the library and the index: logged, as the
	// one wait a reader has, once per page.
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`window.zvhTestStart = performance.now()`)); err != nil {
		t.Fatal(err)
	}
	if _, err := typeQuery(ctx, "a"); err != nil {
		t.Fatal(err)
	}
	ready, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`performance.now() - window.zvhTestStart`))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("first use (click, load library and index, first results): %.0f ms", ready)
	// Five passes over all the queries, a pause between them, so that a
	// burst of other work seldom hits the same character every time.
	times, err := chromedp.Run(ctx, chromedp.Evaluate[[][]float64](`(async () => {
		const f = document.getElementById("zoekveld"), out = [];
		const queries = ["gegevens delen bij triage", "beroepsgeheim arts", "casuistiek", "mag ik dit delen in het casusoverleg", "aanmelding veilig thuis"];
		for (let pass = 0; pass < 5; pass++) {
			let k = 0;
			for (const q of queries) {
				for (let i = 1; i <= q.length; i++, k++) {
					f.value = q.slice(0, i);
					const list = document.getElementById("zoekresultaten");
					const done = new Promise((ok) => new MutationObserver((m, o) => {
						if (!list.hasAttribute("aria-busy")) { o.disconnect(); ok(); }
					}).observe(list, { attributes: true, attributeFilter: ["aria-busy"] }));
					const t0 = performance.now();
					f.dispatchEvent(new Event("input"));
					await done;
					list.getBoundingClientRect();
					(out[k] = out[k] || []).push(performance.now() - t0);
				}
			}
			await new Promise((ok) => setTimeout(ok, 300));
		}
		return out;
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	var first, best []float64
	for _, runs := range times {
		first = append(first, runs[0])
		best = append(best, slices.Min(runs))
	}
	stats := func(v []float64) (median, p90, worst float64) {
		s := slices.Clone(v)
		sort.Float64s(s)
		return s[len(s)/2], s[len(s)*9/10], s[len(s)-1]
	}
	m, p, w := stats(best)
	t.Logf("%d typed characters, fastest of 5: median %.1f ms, 90th percentile %.1f ms, slowest character %.1f ms", len(best), m, p, w)
	m1, p1, w1 := stats(first)
	t.Logf("first pass only: median %.1f ms, 90th percentile %.1f ms, slowest %.1f ms", m1, p1, w1)
	if os.Getenv("ZVH_SEARCH_TIMES") != "" {
		t.Logf("%.1f", times)
	}
	// The budget is one frame, 16 ms, per typed character; it is measured
	// and reported (README, Performance), not asserted: a shared machine
	// only ever adds time.
	if w > 16 {
		t.Logf("a typed character took %.1f ms at best, over the budget of 16 ms", w)
	}
}

// TestSearchPrivacy uses the search and checks that it keeps nothing and
// sends nothing: no storage, cookie or request outside the build, no
// request that carries the query, the query not in the URL or history.
func TestSearchPrivacy(t *testing.T) {
	res := national(t, false)
	base := serveSite(t, res)
	w := watchPrivacy(t, res, base, time.Minute)
	ctx := w.ctx
	var mu sync.Mutex
	var requested []string
	chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			mu.Lock()
			requested = append(requested, e.Request.Method+" "+e.Request.URL)
			mu.Unlock()
		}
	})
	if err := load(ctx, base+"spelregels/"); err != nil {
		t.Fatal(err)
	}
	before, err := chromedp.Run(ctx, chromedp.Evaluate[[]any](`[location.href, history.length]`))
	if err != nil {
		t.Fatal(err)
	}
	queries := []string{"geheimzinnig", "zeggenschap"}
	for _, q := range queries {
		if _, err := typeQuery(ctx, q); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowDown)); err != nil {
			t.Fatal(err)
		}
	}
	after, err := chromedp.Run(ctx, chromedp.Evaluate[[]any](`[location.href, history.length]`))
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("searching changed the address or history: %v, then %v", before, after)
	}
	mu.Lock()
	for _, r := range requested {
		for _, q := range queries {
			if strings.Contains(strings.ToLower(r), q[:6]) {
				t.Errorf("a request carries the query %q: %s", q, r)
			}
		}
	}
	mu.Unlock()
	// Open a result: the next page must not get the query either.
	if _, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.KeyEvent(kb.Enter))); err != nil {
		t.Fatal(err)
	}
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(loc, "zeggen") || strings.Contains(loc, "?") {
		t.Errorf("the result opened at %s, which carries the query", loc)
	}
	for _, p := range w.finish(t) {
		t.Error(p)
	}
}

// TestOfflineZipFromFile unpacks the offline zip of a published build, as
// a trainer does on a USB stick, and uses it through file://: it completes
// every path of a decision tree and finds and opens a page with the search.
func TestOfflineZipFromFile(t *testing.T) {
	slow(t)
	rel, errs := site.Build(site.Options{FS: zvh.Base, OfflineCopy: true})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	z := rel.Files[site.OfflineZip]
	r, err := zip.NewReader(bytes.NewReader(z), int64(len(z)))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files := map[string][]byte{}
	// One folder, named after the site and the date, and at its top only
	// the start file and the folder with the site.
	top, _, _ := strings.Cut(r.File[0].Name, "/")
	top += "/"
	if !regexp.MustCompile(`^gegevens-delen-in-het-zorg-en-veiligheidshuis-\d{4}-\d\d-\d\d/$`).MatchString(top) {
		t.Errorf("the zip's folder is %q, want the site's name and date", top)
	}
	for _, f := range r.File {
		name, ok := strings.CutPrefix(f.Name, top)
		if !ok || strings.Contains(name, "..") {
			t.Fatalf("zip entry %q outside %s", f.Name, top)
		}
		if name != site.OfflineStart {
			if name, ok = strings.CutPrefix(name, site.OfflineFiles); !ok {
				t.Errorf("zip entry %q at the top of the folder, beside the start file", f.Name)
			}
		}
		switch path.Base(name) {
		case "_headers", "nginx-security-headers.conf", "404.html":
			t.Errorf("the offline copy holds %s, a file for web servers", f.Name)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		files[name] = b
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, b := range files {
		if name == site.OfflineStart {
			if !bytes.Contains(b, []byte("Dit is een offline kopie van ")) {
				t.Errorf("%s does not say that it is an offline copy of a date", name)
			}
			continue
		}
		if strings.HasSuffix(name, ".html") && !bytes.Contains(b, []byte(`<p class="offline-notice" role="note"><strong>Offline kopie</strong> van `)) {
			t.Errorf("%s has no notice that it is an offline copy of a date", name)
		}
	}
	start := "file://" + filepath.ToSlash(dir) + "/" + top + site.OfflineStart
	base := "file://" + filepath.ToSlash(dir) + "/" + top + site.OfflineFiles
	// The start file (in a tab of its own: it sits outside the site's
	// folder, which the privacy watch below keeps to) opens the home page of the copy.
	startTab := newTab(t, time.Minute)
	if err := load(startTab, start); err != nil {
		t.Fatal(err)
	}
	// Its refresh is a navigation of its own: ask until the home page
	// has loaded (an evaluation during the navigation fails).
	opened := ""
	for range 100 {
		if loc, err := chromedp.Run(startTab, chromedp.Evaluate[string](`document.readyState === "complete" ? location.href : ""`)); err == nil && loc != "" {
			if opened = loc; strings.Contains(loc, "/"+site.OfflineFiles) {
				break
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	if opened != base+"index.html" {
		t.Fatalf("%s opened %q, want %sindex.html", site.OfflineStart, opened, base)
	}
	unpacked := &site.Result{Files: files}
	w := watchPrivacy(t, unpacked, base, 2*time.Minute)
	ctx := w.ctx

	c := pageCaseNamed(t, national(t, false), "tree-start")
	if err := load(ctx, base+c.path+"index.html"); err != nil {
		t.Fatal(err)
	}
	tree := wizardOf(t, unpacked, c.path)
	n, err := walkTree(ctx, tree)
	if err != nil {
		t.Fatalf("file:///…/%sindex.html: %v", c.path, err)
	}
	if want := tree.paths(tree.start); n != want {
		t.Errorf("walked %d paths, the tree has %d", n, want)
	}

	st, err := typeQuery(ctx, "zeggenschap")
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Options) == 0 {
		t.Fatal("the search from file:// found nothing for zeggenschap")
	}
	if _, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.KeyEvent(kb.Enter))); err != nil {
		t.Fatal(err)
	}
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(loc, base) || !strings.Contains(loc, "index.html") {
		t.Errorf("the first result opened %s, want a file of the unpacked copy", loc)
	}
	h, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.title`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(h, "|") {
		t.Errorf("the result's page did not load: title %q", h)
	}
	for _, p := range w.seen(t) {
		t.Error(strings.ReplaceAll(p, base, "file:///…/"))
	}
}
