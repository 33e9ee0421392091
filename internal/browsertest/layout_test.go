package browsertest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/zvh-webtool/zvh/internal/site"
)

// A layoutScreen is one screen of the layout matrix (issue 22): its CSS
// viewport. Browser zoom of a 1280 × 800 window is a smaller CSS viewport
// (200 %: 640 × 400, 400 %: 320 × 200), which is how it is emulated.
type layoutScreen struct {
	name string
	w, h int64
	// answerFirst: on this screen a phase page's per-role answer must
	// start in the first screen (the issue names 375 × 740, 1280 × 800 and
	// 1366 × 657; every other screen at least as tall is held to it too).
	answerFirst bool
}

var layoutScreens = []layoutScreen{
	{"320x640", 320, 640, false},
	{"375x740", 375, 740, true},
	{"768x1024", 768, 1024, true},
	{"1024x768", 1024, 768, true},
	{"1280x800", 1280, 800, true},
	{"1366x657", 1366, 657, true},
	{"1920x1080", 1920, 1080, true},
	{"1280x800 at 200%", 640, 400, false},
	{"1280x800 at 400%", 320, 200, false},
}

// perRole is the start of a phase page's answer: the row header of the
// first role in the table "… in één oogopslag, per rol" (#per-rol).
const perRole = "#per-rol tbody tr:first-child > th"

// nodeLayoutChecks are the checks a decision-tree node page gets on every
// screen of the matrix besides "no sideways scroll"; each appends what it
// finds to problems. This is the place for "every answer of the question in
// view" (issue 22, point 2).
var nodeLayoutChecks []func(ctx context.Context, at string, s layoutScreen, problems *[]string)

// layoutPages are the pages the matrix measures in a build: one page of
// every kind, every phase page, every tree's start page and, of each tree,
// its start node's page and the page of the outcome the first answers lead
// to (every node of every tree on nine screens would take minutes on two
// cores; the node pages share one layout). prefix limits the choice to the
// pages under it ("" for the national site, "regio/fryslan/").
func layoutPages(t testing.TB, res *site.Result, prefix string) []string {
	kinds := pageKinds(res.Files)
	var out []string
	seen := map[string]bool{}
	for _, name := range htmlFiles(res.Files) {
		rest, ok := strings.CutPrefix(name, prefix)
		if !ok || prefix == "" && strings.HasPrefix(name, "regio/") && name != "regio/index.html" {
			continue
		}
		kind := kinds[name]
		p := strings.TrimSuffix(name, "index.html")
		switch {
		case kind == "phase":
			out = append(out, p)
		case kind == "tree":
			out = append(out, p)
			w := wizardOf(t, res, p)
			out = append(out, p+w.start+"/")
			if r := w.route(-1); len(r) > 0 {
				last := w.nodes[r[len(r)-1].id].answers[0].to
				for _, a := range w.nodes[r[len(r)-1].id].answers {
					if a.key == r[len(r)-1].key {
						last = a.to
					}
				}
				out = append(out, p+last+"/")
			}
		case kind == "node":
		case !seen[kind] || rest == "index.html":
			seen[kind] = true
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// layoutProblems loads every page once and measures it on every screen of
// the matrix: nothing may scroll sideways, and on a phase page the per-role
// answer must begin in the first screen where the screen is one of those
// the issue names.
func layoutProblems(t *testing.T, res *site.Result, pages []string, screens []layoutScreen) []string {
	base := serveSite(t, res)
	ctx := newTab(t, 8*time.Minute)
	kinds := pageKinds(res.Files)
	var problems []string
	for _, p := range pages {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(screens[0].w, screens[0].h)); err != nil {
			t.Fatal(err)
		}
		if err := load(ctx, base+p); err != nil {
			t.Fatal(err)
		}
		kind := kinds[pageFile(p)]
		for _, s := range screens {
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(s.w, s.h), chromedp.Evaluate[chromedp.Void](`scrollTo(0, 0)`)); err != nil {
				t.Fatal(err)
			}
			at := fmt.Sprintf("/%s at %s", p, s.name)
			sideways(ctx, at, &problems)
			if kind == "phase" && s.answerFirst {
				inView(ctx, at, "the first role of the per-role answer", perRole, &problems, 2)
			}
			if kind == "node" {
				for _, check := range nodeLayoutChecks {
					check(ctx, at, s, &problems)
				}
			}
		}
	}
	return problems
}

// sideways notes a problem when the page is wider than the viewport (WCAG
// 1.4.10, reflow), naming the elements that stick out: those whose right
// edge passes the viewport and that are not inside an element that
// scrolls or clips by itself.
func sideways(ctx context.Context, at string, problems *[]string) {
	type wide struct {
		Scroll float64  `json:"scroll"`
		Inner  float64  `json:"inner"`
		Out    []string `json:"out"`
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[wide](`(() => {
		const vw = document.documentElement.clientWidth;
		const out = [];
		const clipped = (el) => {
			for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
				const o = getComputedStyle(p).overflowX;
				if (o !== "visible") return true;
			}
			return false;
		};
		for (const el of document.body.querySelectorAll("*")) {
			const r = el.getBoundingClientRect();
			if (r.width === 0 || r.right <= vw + 1 || clipped(el)) continue;
			out.push(el.tagName.toLowerCase() + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "") + " (right edge " + Math.round(r.right) + ")");
			if (out.length >= 3) break;
		}
		return {scroll: document.documentElement.scrollWidth, inner: vw, out};
	})()`))
	if err != nil {
		*problems = append(*problems, fmt.Sprintf("%s: %v", at, err))
		return
	}
	if got.Scroll > got.Inner+1 {
		*problems = append(*problems, fmt.Sprintf("%s: the page is %.0f px wide in a %.0f px viewport and scrolls sideways; sticking out: %s",
			at, got.Scroll, got.Inner, strings.Join(got.Out, ", ")))
	}
}

// TestLayoutMatrix measures the pages of the national site on every screen
// of the matrix.
func TestLayoutMatrix(t *testing.T) {
	res := national(t, false)
	pages := layoutPages(t, res, "")
	for _, p := range layoutProblems(t, res, pages, layoutScreens) {
		t.Error(p)
	}
	t.Logf("%d pages on %d screens", len(pages), len(layoutScreens))
}

// TestLayoutMatrixAll does the same for every region of an --all build.
func TestLayoutMatrixAll(t *testing.T) {
	res := &site.Result{Files: allSites(t)}
	var pages []string
	for _, name := range htmlFiles(res.Files) {
		if slug, ok := strings.CutPrefix(name, "regio/"); ok && strings.Count(slug, "/") == 1 && strings.HasSuffix(slug, "/index.html") {
			pages = append(pages, layoutPages(t, res, "regio/"+strings.TrimSuffix(slug, "index.html"))...)
		}
	}
	pages = append(pages, "regio/")
	for _, p := range layoutProblems(t, res, pages, layoutScreens) {
		t.Error(p)
	}
	t.Logf("%d regional pages on %d screens", len(pages), len(layoutScreens))
}

// TestLayoutMatrixFindsWidePage puts an element wider than any screen on
// every page: each screen must report the sideways scroll.
func TestLayoutMatrixFindsWidePage(t *testing.T) {
	res := brokenSite(t, map[string]edit{
		"assets/css/app.css": appendText("\n.page::after { content: \"\"; display: block; width: 2000px; height: 1px; }\n"),
	})
	problems := layoutProblems(t, res, []string{"", "spelregels/"}, layoutScreens)
	for _, s := range layoutScreens {
		if !slices.ContainsFunc(problems, func(p string) bool {
			return strings.Contains(p, "/spelregels/ at "+s.name+":") && strings.Contains(p, "scrolls sideways")
		}) {
			t.Errorf("%s: the 2000 px element was not found; problems:\n%s", s.name, strings.Join(problems, "\n"))
		}
	}
}

// TestLayoutMatrixFindsAnswerBelowFold pushes a phase page's per-role answer
// down by a screen's height: every screen that must show it has to say so.
func TestLayoutMatrixFindsAnswerBelowFold(t *testing.T) {
	res := brokenSite(t, map[string]edit{
		"assets/css/app.css": appendText("\n.kind-phase .page-head { margin-bottom: 100vh; }\n"),
	})
	const phase = "procesplaten/complexe-casuistiek/triage/"
	problems := layoutProblems(t, res, []string{phase}, layoutScreens)
	for _, s := range layoutScreens {
		found := slices.ContainsFunc(problems, func(p string) bool {
			return strings.Contains(p, "/"+phase+" at "+s.name+":") && strings.Contains(p, "per-role answer")
		})
		if found != s.answerFirst {
			t.Errorf("%s: answer below the first screen reported: %v, want %v; problems:\n%s", s.name, found, s.answerFirst, strings.Join(problems, "\n"))
		}
	}
}

// homeProblems opens the home page on a phone, a desktop and a laptop and
// requires the links to the other procesplaten and to the questions from
// practice on the first screen, and every question under a phase a link.
func homeProblems(t *testing.T, res *site.Result) []string {
	base := serveSite(t, res)
	ctx := newTab(t, time.Minute)
	var problems []string
	for _, s := range []layoutScreen{layoutScreens[1], layoutScreens[4], layoutScreens[5]} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(s.w, s.h)); err != nil {
			t.Fatal(err)
		}
		if err := load(ctx, base); err != nil {
			t.Fatal(err)
		}
		at := "/ at " + s.name
		for _, target := range []string{"procesplaten/nazorg/", "procesplaten/radicalisering/", "vragen/"} {
			// The first link there that is shown at all.
			b, err := chromedp.Run(ctx, chromedp.Evaluate[box](fmt.Sprintf(`(() => {
				const a = [...document.querySelectorAll('main a[href=%q]')].find((a) => a.getClientRects().length > 0);
				if (!a) return {found: false, inner: innerHeight};
				const r = a.getBoundingClientRect();
				return {found: true, top: r.top, bottom: r.bottom, inner: innerHeight};
			})()`, target)))
			if err != nil {
				t.Fatal(err)
			}
			if !b.Found || b.Top < 0 || b.Bottom > b.Inner {
				problems = append(problems, fmt.Sprintf("%s: the link to /%s is not on the first screen (found: %v, at %.0f px)", at, target, b.Found, b.Top))
			}
		}
		plain, err := chromedp.Run(ctx, chromedp.Evaluate[int](`[...document.querySelectorAll(".fase__vragen li")].filter((li) => !li.querySelector("a[href]")).length`))
		if err != nil {
			t.Fatal(err)
		}
		if plain > 0 {
			problems = append(problems, fmt.Sprintf("%s: %d questions under the phases are no links", at, plain))
		}
	}
	return problems
}

// TestHomeFirstScreen: the home page reaches what its plate does not show.
func TestHomeFirstScreen(t *testing.T) {
	for _, p := range homeProblems(t, national(t, false)) {
		t.Error(p)
	}
}

// TestHomeFirstScreenFindsDefects takes the links under the lead away and
// the questions' links off: both must be reported.
func TestHomeFirstScreenFindsDefects(t *testing.T) {
	res := brokenSite(t, map[string]edit{
		"layouts/home.html":                 replace(`<nav class="quick"`, `<nav hidden class="quick"`),
		"layouts/partials/procesplaat.html": replace(`<li><a href="{{url $f}}">{{.}}</a></li>`, `<li>{{.}}</li>`),
	})
	problems := strings.Join(homeProblems(t, res), "\n")
	for _, want := range []string{"375x740: the link to /procesplaten/nazorg/", "1366x657: the link to /vragen/", "questions under the phases are no links"} {
		if !strings.Contains(problems, want) {
			t.Errorf("not found: %q; problems:\n%s", want, problems)
		}
	}
}
