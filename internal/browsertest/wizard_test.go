package browsertest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/zvh-webtool/zvh/internal/site"
)

// answerScreens are the screens on which every answer of a question must be
// in view without scrolling (issue 22): a phone, and an office laptop of
// 1366 x 768 whose browser leaves a viewport of 657 px.
var answerScreens = []struct{ w, h int64 }{{375, 740}, {1366, 657}}

// sortedIDs returns the node ids of w in order, so that runs and reports
// are the same every time.
func (w *wizardTree) sortedIDs() []string {
	var ids []string
	for id := range w.nodes {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// answerSpan returns the place of the first and the last answer of the
// question shown by sel, and the height of the screen.
const answerSpan = `((sel) => {
	const as = [...document.querySelectorAll(sel + " .answers a.answer")];
	if (!as.length) return null;
	const a = as[0].getBoundingClientRect(), b = as[as.length - 1].getBoundingClientRect();
	return {found: true, top: a.top, bottom: b.bottom, inner: innerHeight, scroll: scrollY,
		text: as[as.length - 1].textContent.replace(/\s+/g, " ").trim().slice(0, 60)};
})`

// TestAnswersInView opens every question of every decision tree, in the
// wizard and on the question's own page (the page without JavaScript), on a
// phone and a laptop: every answer must be on the first screen, since a tap
// answers at once and people pick what they can see.
func TestAnswersInView(t *testing.T) {
	res := national(t, false)
	problems, checked := answersInView(t, res, treePages(res))
	for _, p := range first(problems, 40) {
		t.Error(p)
	}
	if len(problems) > 40 {
		t.Errorf("… and %d more", len(problems)-40)
	}
	t.Logf("%d questions measured", checked)
}

// TestAnswersInViewFindsDefects puts the explanation of a question back
// between the question and its answers: on a phone the last answers of the
// long questions then fall below the first screen, in the wizard and on the
// node's own page.
func TestAnswersInViewFindsDefects(t *testing.T) {
	res := brokenSite(t, map[string]edit{
		"layouts/partials/treenode.html": replace(`{{if $n.Outcome}}
{{template "verdict.html" $n}}`, `<div class="wizard-node__body">{{nodeBody $n}}</div>{{if $n.Outcome}}
{{template "verdict.html" $n}}`),
	})
	problems, _ := answersInView(t, res, []string{"beslisbomen/inbrengen/"})
	for _, want := range []string{"375x740, wizard", "375x740, own page"} {
		if !slices.ContainsFunc(problems, func(p string) bool { return strings.Contains(p, want) }) {
			t.Errorf("no answer found below the first screen (%s) with the explanation above the answers; problems:\n%s", want, strings.Join(problems, "\n"))
		}
	}
}

// answersInView measures every question of each tree at every answer
// screen, in the wizard and on its own page, and returns the questions
// whose answers are not all in view, and how many questions it measured.
func answersInView(t *testing.T, res *site.Result, trees []string) ([]string, int) {
	base := serveSite(t, res)
	ctx := newTab(t, 5*time.Minute)
	var problems []string
	checked := 0
	for _, s := range answerScreens {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(s.w, s.h)); err != nil {
			t.Fatal(err)
		}
		for _, p := range trees {
			w := wizardOf(t, res, p)
			routes := w.routes()
			if err := load(ctx, base+p); err != nil {
				t.Fatal(err)
			}
			var questions []string
			for _, id := range w.sortedIDs() {
				if _, ok := routes[id]; ok && !w.nodes[id].outcome {
					questions = append(questions, id) // a node no route reaches: the tree check reports it
				}
			}
			for _, id := range questions {
				// The wizard, as a reader who answered down to here sees it:
				// a new state in the fragment, scrolled to the top.
				r := routes[id]
				got, err := chromedp.Run(ctx, chromedp.Evaluate[*box](fmt.Sprintf(`location.hash = %q; scrollTo(0, 0);
					document.querySelector(%q).getAttribute("data-node") === %q ? %s(%q) : null`,
					"#"+w.fragment(r), visibleNode, id, answerSpan, visibleNode)))
				if err != nil {
					t.Fatal(err)
				}
				spanInView(fmt.Sprintf("%s#%s at %dx%d, wizard", p, w.fragment(r), s.w, s.h), got, &problems)
				checked++
			}
			for _, id := range questions {
				// The node's own page, as it loads from a link.
				if err := load(ctx, base+p+id+"/"); err != nil {
					t.Fatal(err)
				}
				got, err := chromedp.Run(ctx, chromedp.Evaluate[*box](answerSpan+`(".tree-node-page")`))
				if err != nil {
					t.Fatal(err)
				}
				spanInView(fmt.Sprintf("%s%s/ at %dx%d, own page", p, id, s.w, s.h), got, &problems)
			}
		}
	}
	return problems, checked
}

// spanInView notes a problem unless the answers measured are on the screen.
func spanInView(at string, b *box, problems *[]string) {
	switch {
	case b == nil:
		*problems = append(*problems, at+": the question with its answers is not shown")
	case b.Top < 0 || b.Bottom > b.Inner || b.Scroll != 0:
		*problems = append(*problems, fmt.Sprintf("%s: the answers end at %.0f px with %q, the screen at %.0f px (scrolled %.0f)", at, b.Bottom, b.Text, b.Inner, b.Scroll))
	}
}

// zooms are the browser zoom levels trainer mode must fit a projector at:
// at 125 % a 1024 px screen is 819 CSS pixels wide.
var zooms = []float64{1, 1.25}

// outcomeFit is what trainerOutcomes measures of the outcome on the
// screen: the node, the top row with the way back and out, and the size
// of the outcome's text against that of a question's answers.
type outcomeFit struct {
	Node     string  `json:"node"`
	Bottom   float64 `json:"bottom"`
	Top      float64 `json:"top"`
	Inner    float64 `json:"inner"`
	Wide     bool    `json:"wide"`
	Controls bool    `json:"controls"`
	Text     float64 `json:"text"`
	Question float64 `json:"question"`
	Scrolled float64 `json:"scrolled"`
	Parts    []bool  `json:"parts"` // which blocks of the text are shown
	More     bool    `json:"more"`  // the top row offers the next screen
}

// TestTrainerOutcomesFit opens every outcome of every tree in trainer mode
// on a 1024 x 768 and a 1280 x 720 projector at 100 % and 125 % zoom: the
// outcome (verdict, title, text, sources), the back link and the switch
// that leaves trainer mode must be on the screen, without scrolling, and
// its text at least the size of a question's answers. A text too long for
// one screen goes on with Page Down: every screen must fit, and together
// they must show every block of the text and the sources.
func TestTrainerOutcomesFit(t *testing.T) {
	res := national(t, false)
	problems, checked := trainerOutcomes(t, res, treePages(res))
	for _, p := range first(problems, 40) {
		t.Error(p)
	}
	t.Logf("%d outcomes measured", checked)
}

// TestTrainerOutcomesFitFindsDefects drops the projector layout and sets
// an outcome's text in small type: both must be found.
func TestTrainerOutcomesFitFindsDefects(t *testing.T) {
	res := brokenSite(t, map[string]edit{
		"assets/css/wizard.css": chain(
			replace("@media screen and (min-width: 48em) {\n  .trainer {", "@media (max-width: 1px) {\n  .trainer {"),
			appendText("\n.trainer .wizard-node--outcome .wizard-node__body { font-size: 0.8rem; }\n")),
	})
	problems, _ := trainerOutcomes(t, res, []string{"beslisbomen/beroepsgeheim/"})
	for _, want := range []string{"runs to", "smaller than"} {
		if !slices.ContainsFunc(problems, func(p string) bool { return strings.Contains(p, want) }) {
			t.Errorf("no problem %q found without the projector layout and with small outcome text; problems:\n%s", want, strings.Join(problems, "\n"))
		}
	}
}

func trainerOutcomes(t *testing.T, res *site.Result, trees []string) ([]string, int) {
	base := serveSite(t, res)
	ctx := newTab(t, 5*time.Minute)
	var problems []string
	checked := 0
	for _, s := range projectors {
		for _, z := range zooms {
			w, h := int64(float64(s.w)/z), int64(float64(s.h)/z)
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, h, chromedp.EmulateScale(z))); err != nil {
				t.Fatal(err)
			}
			for _, p := range trees {
				wt := wizardOf(t, res, p)
				routes := wt.routes()
				if err := load(ctx, base+p+"#trainer"); err != nil {
					t.Fatal(err)
				}
				question, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`parseFloat(getComputedStyle(document.querySelector("`+visibleNode+` .answers a")).fontSize)`))
				if err != nil {
					t.Fatal(err)
				}
				for _, id := range wt.sortedIDs() {
					r, ok := routes[id]
					if !ok || !wt.nodes[id].outcome {
						continue
					}
					frag := "trainer/" + wt.fragment(r)
					at := fmt.Sprintf("%s#%s at %dx%d, %.0f %%", p, frag, s.w, s.h, z*100)
					var seen []bool
					for screen := 1; ; screen++ {
						js := `scrollTo(0, 0); (() => {
						const n = document.querySelector("` + visibleNode + `"), r = n.getBoundingClientRect();
						const seen = (el) => { if (!el) return false; const b = el.getBoundingClientRect(); return b.width > 0 && b.top >= 0 && b.bottom <= innerHeight; };
						const parts = [...n.querySelectorAll(".wizard-node__body > :not(ul, ol), .wizard-node__body > * > li, .grondslag li")];
						const ps = [...n.querySelectorAll(".wizard-node__body p, .wizard-node__body li")].filter((e) => e.offsetHeight).map((e) => parseFloat(getComputedStyle(e).fontSize));
						return {node: n.getAttribute("data-node"), top: r.top, bottom: r.bottom, inner: innerHeight,
							wide: document.documentElement.scrollWidth > innerWidth,
							controls: seen(document.querySelector(".wizard__back")) && seen(document.querySelector(".wizard__trainer")) && seen(n.querySelector(".verdict")),
							text: ps.length ? Math.min(...ps) : 0, scrolled: scrollY,
							parts: parts.map((e) => e.offsetHeight > 0),
							more: /verder lezen/.test(document.querySelector(".wizard__keys").textContent)};
					})()`
						if screen == 1 {
							js = fmt.Sprintf("location.hash = %q; ", "#"+frag) + js
						} else if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.PageDown)); err != nil {
							t.Fatal(err)
						}
						got, err := chromedp.Run(ctx, chromedp.Evaluate[outcomeFit](js))
						if err != nil {
							t.Fatal(err)
						}
						where := fmt.Sprintf("%s, screen %d", at, screen)
						if got.Node != id {
							problems = append(problems, fmt.Sprintf("%s: shows %q, want %q", where, got.Node, id))
							break
						}
						if got.Top < 0 || got.Bottom > got.Inner {
							problems = append(problems, fmt.Sprintf("%s: the outcome runs to %.0f px on a screen of %.0f px", where, got.Bottom, got.Inner))
						}
						if got.Wide {
							problems = append(problems, where+": the page scrolls sideways")
						}
						if !got.Controls {
							problems = append(problems, where+": the verdict, the back link or the switch out of trainer mode is not on the screen")
						}
						if got.Text > 0 && got.Text < question-0.5 {
							problems = append(problems, fmt.Sprintf("%s: the outcome's text is %.1f px, smaller than a question's answers (%.1f px)", where, got.Text, question))
						}
						if seen == nil {
							seen = make([]bool, len(got.Parts))
						}
						for i, v := range got.Parts {
							if i < len(seen) && v {
								seen[i] = true
							}
						}
						if !got.More || screen == 12 {
							break
						}
					}
					if i := slices.Index(seen, false); i >= 0 {
						problems = append(problems, fmt.Sprintf("%s: block %d of the outcome's text is on no screen", at, i+1))
					}
					checked++
				}
			}
		}
	}
	return problems, checked
}

// trainerState is what the clicker test reads after each key.
type trainerState struct {
	Node    string `json:"node"`
	Trainer bool   `json:"trainer"`
	Chrome  bool   `json:"chrome"`
	Pointed string `json:"pointed"`
	Hint    string `json:"hint"`
	Case    string `json:"case"`
	Current string `json:"current"`
	Hash    string `json:"hash"`
}

const readTrainer = `(() => {
	const n = document.querySelector("` + visibleNode + `");
	const a = document.activeElement, h = document.querySelector(".site-header");
	const cur = n.querySelector("a.answer[aria-current=true]");
	const c = document.querySelector(".wizard__case");
	return {node: n.getAttribute("data-node"), trainer: document.body.classList.contains("trainer"),
		chrome: !!h && h.getBoundingClientRect().height > 0,
		pointed: a && a.matches("a.answer") && n.contains(a) ? a.getAttribute("data-key") : "",
		hint: (document.querySelector(".wizard__keys") || {}).textContent || "",
		case: c && !c.hidden ? c.textContent : "", current: cur ? cur.getAttribute("data-key") : "",
		hash: location.hash};
})()`

// press sends one key to the page and returns the trainer's state after it.
func press(t *testing.T, ctx context.Context, key string) trainerState {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.KeyEvent(key)); err != nil {
		t.Fatalf("key %q: %v", key, err)
	}
	st, err := chromedp.Run(ctx, chromedp.Evaluate[trainerState](readTrainer))
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// TestTrainerClicker drives trainer mode with what a presenter's clicker
// sends: Page Down points at the next answer, Page Up chooses the answer
// pointed at or, with none, goes back; the keys of a clicker's other
// buttons (Escape, F5, B, ".") leave trainer mode on and the site chrome
// off; T leaves it. "Doorloop dit voorbeeld" starts at the first question
// with the case on the screen, and Page Down walks the example: first it
// points at the example's answer, then it takes it.
func TestTrainerClicker(t *testing.T) {
	for _, p := range clicker(t, national(t, false)) {
		t.Error(p)
	}
}

// TestTrainerClickerFindsDefects makes Page Down do nothing, as before.
func TestTrainerClickerFindsDefects(t *testing.T) {
	res := brokenSite(t, map[string]edit{
		"assets/js/wizard.js": replace("PageDown|ArrowRight|ArrowDown| ", "ArrowRight|ArrowDown"),
	})
	if len(clicker(t, res)) == 0 {
		t.Error("no problem found with a Page Down that does nothing")
	}
}

func clicker(t *testing.T, res *site.Result) []string {
	var problems []string
	base := serveSite(t, res)
	ctx := newTab(t, time.Minute)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1024, 768)); err != nil {
		t.Fatal(err)
	}
	tree := pageCaseNamed(t, res, "tree-start").path
	w := wizardOf(t, res, tree)
	if err := load(ctx, base+tree+"#trainer"); err != nil {
		t.Fatal(err)
	}
	start := w.nodes[w.start]
	check := func(what string, got trainerState, ok bool) {
		if !ok {
			problems = append(problems, fmt.Sprintf("%s: %+v", what, got))
		}
	}
	st := press(t, ctx, kb.PageDown)
	check("Page Down points at the first answer", st, st.Node == w.start && st.Pointed == start.answers[0].key && strings.Contains(st.Hint, "kies"))
	st = press(t, ctx, kb.PageDown)
	check("Page Down again points at the second answer", st, st.Pointed == start.answers[1].key)
	st = press(t, ctx, " ")
	want := 2 % len(start.answers)
	check("Space points at the next answer", st, st.Pointed == start.answers[want].key)
	st = press(t, ctx, kb.PageUp)
	check("Page Up chooses the answer pointed at", st, st.Node == start.answers[want].to && st.Pointed == "")
	for _, k := range []string{kb.Escape, kb.F5, "b", "B", "."} {
		st = press(t, ctx, k)
		check(fmt.Sprintf("key %q keeps trainer mode and hides the site chrome", k), st, st.Trainer && !st.Chrome && st.Node == start.answers[want].to)
	}
	st = press(t, ctx, kb.PageUp)
	check("Page Up with no answer pointed at goes back", st, st.Node == w.start && st.Current == start.answers[want].key)
	st = press(t, ctx, "t")
	check("T leaves trainer mode", st, !st.Trainer && st.Chrome)

	// A worked example, in trainer mode.
	if err := load(ctx, base+tree+"#trainer"); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("a.voorbeeld__start").click(), true`)); err != nil {
		t.Fatal(err)
	}
	st, err := chromedp.Run(ctx, chromedp.Evaluate[trainerState](readTrainer))
	if err != nil {
		t.Fatal(err)
	}
	check("the example starts at the first question with its case on the screen", st, st.Node == w.start && st.Trainer && strings.Contains(st.Case, "Voorbeeld: ") && len(st.Case) > 60 && st.Current != "")
	first := st.Current
	st = press(t, ctx, kb.PageDown)
	check("Page Down points at the example's answer", st, st.Node == w.start && st.Pointed == first)
	st = press(t, ctx, kb.PageDown)
	check("Page Down again takes it", st, st.Node == w.nodes[w.start].answerTo(first))
	return problems
}

// answerTo is the node the answer with key leads to.
func (n *wizardNode) answerTo(key string) string {
	for _, a := range n.answers {
		if a.key == key {
			return a.to
		}
	}
	return ""
}

// TestChangeKeepsLaterAnswers walks a tree to an outcome, then uses
// "Wijzig" on the first answer: the question must show the answer given as
// the current choice, and giving it again must keep every later answer and
// lead back to the outcome (GOV.UK's "check your answers").
func TestChangeKeepsLaterAnswers(t *testing.T) {
	for _, p := range changeAnswer(t, national(t, false)) {
		t.Error(p)
	}
}

// TestChangeKeepsLaterAnswersFindsDefects makes "Wijzig" throw the later
// answers away, as before.
func TestChangeKeepsLaterAnswersFindsDefects(t *testing.T) {
	res := brokenSite(t, map[string]edit{
		"assets/js/wizard.js": replace("      changing = true;", ""),
	})
	if len(changeAnswer(t, res)) == 0 {
		t.Error("no problem found with a Wijzig that forgets the later answers")
	}
}

func changeAnswer(t *testing.T, res *site.Result) []string {
	var problems []string
	base := serveSite(t, res)
	ctx := newTab(t, time.Minute)
	tree := pageCaseNamed(t, res, "tree-start").path
	w := wizardOf(t, res, tree)
	route := w.route(-1)
	if len(route) < 3 {
		t.Fatalf("%s: a route of %d steps; the test needs three", tree, len(route))
	}
	if err := load(ctx, base+tree+"#"+w.fragment(route)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.wizard-route a.route__step[data-step="0"]`))); err != nil {
		t.Fatal(err)
	}
	st, err := chromedp.Run(ctx, chromedp.Evaluate[trainerState](readTrainer))
	if err != nil {
		t.Fatal(err)
	}
	if st.Node != w.start || st.Current != route[0].key {
		problems = append(problems, fmt.Sprintf("after Wijzig: at %q with %q marked as the current answer, want %q with %q", st.Node, st.Current, w.start, route[0].key))
	}
	sel := fmt.Sprintf(`%s a.answer[data-key=%q]`, visibleNode, route[0].key)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
		t.Fatal(err)
	}
	if st, err = chromedp.Run(ctx, chromedp.Evaluate[trainerState](readTrainer)); err != nil {
		t.Fatal(err)
	}
	if want := "#" + w.fragment(route); st.Hash != want {
		problems = append(problems, fmt.Sprintf("the same answer again leads to %s, want the outcome with every later answer kept, %s", st.Hash, want))
	}
	return problems
}
