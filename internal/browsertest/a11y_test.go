package browsertest

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// axeTags are the axe-core rule tags run: WCAG 2.0, 2.1 and 2.2, levels A and
// AA (docs/DESIGN.md, principle 3: WCAG 2.2 AA).
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}

// axeSource returns the text of axe.min.js from the npm package axe-core.
func axeSource(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile(nodeModule(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  string `json:"target"`
		HTML    string `json:"html"`
		Summary string `json:"summary"`
	} `json:"nodes"`
}

// runAxe runs axe-core on the page in the tab and returns one line per
// violation, with its id, impact, help text and the elements it found, and
// one line per rule axe could not decide ("incomplete": it needs a person,
// such as contrast of SVG text), which the tests log.
//
// axe is injected with Runtime.evaluate, which the page's CSP (script-src
// 'self') does not govern: DevTools evaluation is exempt, so the test needs
// no page.SetBypassCSP and sees the page exactly as a visitor does.
func runAxe(ctx context.Context, src string) (violations, incomplete []string, err error) {
	loaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof axe === "object"`))
	if err != nil {
		return nil, nil, err
	}
	if !loaded {
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](src)); err != nil {
			return nil, nil, fmt.Errorf("injecting axe-core: %w", err)
		}
	}
	tags := `["` + strings.Join(axeTags, `","`) + `"]`
	r, err := chromedp.Run(ctx, chromedp.Evaluate[struct {
		Violations []axeViolation `json:"violations"`
		Incomplete []axeViolation `json:"incomplete"`
	}](`axe.run(document, {
		runOnly: {type: "tag", values: `+tags+`},
		resultTypes: ["violations", "incomplete"],
	}).then((r) => {
		const list = (vs) => vs.map((v) => ({
			id: v.id, impact: v.impact || "", help: v.help,
			nodes: v.nodes.map((n) => ({target: n.target.join(" "), html: n.html,
				summary: n.failureSummary || (n.any || []).map((c) => c.message).join("; ")})),
		}));
		return {violations: list(r.violations), incomplete: list(r.incomplete)};
	})`, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, nil, fmt.Errorf("running axe-core: %w", err)
	}
	for _, v := range r.Incomplete {
		msg := fmt.Sprintf("%s: %d elements to check by hand", v.ID, len(v.Nodes))
		if len(v.Nodes) > 0 {
			msg += fmt.Sprintf(", e.g. %s: %s", v.Nodes[0].Target, strings.Join(strings.Fields(v.Nodes[0].Summary), " "))
		}
		incomplete = append(incomplete, msg)
	}
	var out []string
	for _, v := range r.Violations {
		var b strings.Builder
		fmt.Fprintf(&b, "%s (%s): %s", v.ID, v.Impact, v.Help)
		for _, n := range v.Nodes {
			fmt.Fprintf(&b, "\n\t%s\n\t\t%s\n\t\t%s", n.Target, truncate(n.HTML, 200),
				strings.ReplaceAll(n.Summary, "\n", "\n\t\t"))
		}
		out = append(out, b.String())
	}
	return out, incomplete, nil
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// TestAccessibility runs axe-core on every HTML page of the build (issue 15)
// and on every page case (issue 6): the wizard at its start, in progress, at
// an outcome and in trainer mode, and the dark colour scheme. One tab loads
// them all, with axe-core added to every document it opens, so the test
// stays fast.
func TestAccessibility(t *testing.T) {
	res := national(t, false)
	src := axeSource(t)
	ctx := newTab(t, 6*time.Minute)
	base := serveSite(t, res)
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src})
		return err
	})); err != nil {
		t.Fatal(err)
	}
	cases := pageCases(t, res)
	for _, name := range htmlFiles(res.Files) {
		cases = append(cases, pageCase{name: name, path: strings.TrimSuffix(name, "index.html")})
	}
	for _, c := range cases {
		if err := visit(ctx, base, c); err != nil {
			t.Fatal(err)
		}
		vs, incomplete, err := runAxe(ctx, src)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		for _, v := range vs {
			t.Errorf("%s (/%s, colour scheme %q): %s", c.name, c.path, c.scheme, v)
		}
		for _, v := range incomplete {
			t.Logf("%s: axe could not decide %s", c.name, v)
		}
	}
}

// TestAccessibilityFindsDefects proves that axe fails on a tree whose answer
// links have no text.
func TestAccessibilityFindsDefects(t *testing.T) {
	res := brokenSite(t, map[string]edit{
		"layouts/partials/treenode.html": replace(`>{{$a.Label}}</a>`, `></a>`),
	})
	src := axeSource(t)
	ctx := newTab(t, time.Minute)
	base := serveSite(t, res)
	path := "" // the home page has no answers: it must stay clean
	for _, p := range []string{path, "beslisbomen/inbrengen/"} {
		if err := load(ctx, base+p); err != nil {
			t.Fatal(err)
		}
		vs, _, err := runAxe(ctx, src)
		if err != nil {
			t.Fatal(err)
		}
		found := slices.ContainsFunc(vs, func(v string) bool { return strings.HasPrefix(v, "link-name ") })
		if p == path && len(vs) > 0 {
			t.Errorf("/%s: violations on a page the break does not touch:\n%s", p, strings.Join(vs, "\n"))
		}
		if p != path && !found {
			t.Errorf("/%s: axe did not report link-name for answers without text; it found:\n%s", p, strings.Join(vs, "\n"))
		}
	}
}

// focusState is what the test reads about the focused element.
type focusState struct {
	Tag          string `json:"tag"`
	Class        string `json:"class"`
	Text         string `json:"text"`
	Node         string `json:"node"`    // data-node of the section it is in
	Visible      string `json:"visible"` // data-node of the visible section
	InVisible    bool   `json:"inVisible"`
	FocusVisible bool   `json:"focusVisible"`
	Outline      string `json:"outline"`
	OutlineWidth string `json:"outlineWidth"`
	Shadow       string `json:"shadow"`
}

const readFocus = `(() => {
	const el = document.activeElement || document.body;
	const s = getComputedStyle(el);
	const sec = el.closest ? el.closest("section.wizard-node") : null;
	const vis = document.querySelector("#wizard section.wizard-node:not([hidden])");
	return {
		tag: el.tagName.toLowerCase(), class: el.className && el.className.baseVal === undefined ? el.className : "",
		text: (el.textContent || "").replace(/\s+/g, " ").trim().slice(0, 80),
		node: sec ? sec.getAttribute("data-node") || "" : "",
		visible: vis ? vis.getAttribute("data-node") || "" : "",
		inVisible: !!(sec && sec === vis),
		focusVisible: el.matches(":focus-visible"),
		outline: s.outlineStyle, outlineWidth: s.outlineWidth, shadow: s.boxShadow,
	};
})()`

// indicated reports whether the focused element shows where the focus is: an
// outline of at least 2px, or a box shadow.
func (f focusState) indicated() bool {
	var w float64
	fmt.Sscanf(f.OutlineWidth, "%gpx", &w)
	return (f.Outline != "none" && w >= 2) || (f.Shadow != "" && f.Shadow != "none")
}

func (f focusState) String() string {
	return fmt.Sprintf("<%s class=%q> %q (outline %s %s, box-shadow %s, :focus-visible %v)",
		f.Tag, f.Class, f.Text, f.Outline, f.OutlineWidth, f.Shadow, f.FocusVisible)
}

// A keyboardRun walks a decision tree with the keyboard only and collects
// what a keyboard user would miss: focus that does not move to the new
// question, and focus that cannot be seen.
type keyboardRun struct {
	ctx      context.Context
	w        *wizardTree
	problems []string
	seen     map[string]bool // focus indicator problems already reported
	presses  []int           // Tab presses of each tabTo, in order
}

// maxTabsToAnswer is the most presses of Tab from the top of a tree's start
// page to its first answer (issue 15 found 30, with the intro's term links
// before the question).
const maxTabsToAnswer = 25

func (k *keyboardRun) focus() (focusState, error) {
	return chromedp.Run(k.ctx, chromedp.Evaluate[focusState](readFocus))
}

// tabTo presses Tab until the focused element matches want, noting every
// element reached that shows no focus indicator. It returns the element.
func (k *keyboardRun) tabTo(what string, want func(focusState) bool) (focusState, error) {
	for i := range 60 {
		if err := chromedp.Do(k.ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
			return focusState{}, err
		}
		f, err := k.focus()
		if err != nil {
			return f, err
		}
		if f.Tag != "body" && !f.indicated() && !k.seen[f.String()] {
			k.seen[f.String()] = true
			k.problems = append(k.problems, "reached by Tab without a visible focus indicator: "+f.String())
		}
		if want(f) {
			k.presses = append(k.presses, i+1)
			return f, nil
		}
	}
	return focusState{}, fmt.Errorf("60 presses of Tab did not reach %s", what)
}

// onHeading notes a problem unless the wizard shows node want with the focus
// on its heading.
func (k *keyboardRun) onHeading(after, want string) error {
	f, err := k.focus()
	if err != nil {
		return err
	}
	if f.Visible != want {
		return fmt.Errorf("after %s the wizard shows %q, want %q", after, f.Visible, want)
	}
	if f.Tag != "h1" || !strings.Contains(" "+f.Class+" ", " wizard-node__title ") || !f.InVisible {
		k.problems = append(k.problems, fmt.Sprintf("after %s the focus is on %s, want the heading (h1.wizard-node__title) of %q", after, f, want))
	}
	return nil
}

// answer tabs to the first answer of the question id, presses Enter, and
// returns the node it leads to: the answer's target, or lands when given
// (after "Wijzig" the later answers are kept).
func (k *keyboardRun) answer(id string, lands ...string) (string, error) {
	f, err := k.tabTo("an answer of "+id, func(f focusState) bool {
		return f.Tag == "a" && strings.Contains(" "+f.Class+" ", " answer ") && f.InVisible
	})
	if err != nil {
		return "", err
	}
	if f.Node != id {
		return "", fmt.Errorf("Tab reached an answer of %q, want one of %q", f.Node, id)
	}
	to := ""
	for _, a := range k.w.nodes[id].answers {
		if a.label == f.Text {
			to = a.to
		}
	}
	if len(lands) > 0 {
		to = lands[0]
	}
	if err := chromedp.Do(k.ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		return "", err
	}
	return to, k.onHeading(fmt.Sprintf("Enter on %q at %q", f.Text, id), to)
}

// button tabs to the wizard's button with the class and presses Space.
func (k *keyboardRun) button(class, label string) error {
	if _, err := k.tabTo(label, func(f focusState) bool {
		return f.Tag == "button" && strings.Contains(" "+f.Class+" ", " "+class+" ")
	}); err != nil {
		return err
	}
	return chromedp.Do(k.ctx, chromedp.KeyEvent(" "))
}

// link tabs to the first link with the class whose text starts with text,
// and presses Enter.
func (k *keyboardRun) link(class, text string) error {
	if _, err := k.tabTo(text, func(f focusState) bool {
		return f.Tag == "a" && strings.Contains(" "+f.Class+" ", " "+class+" ") && strings.HasPrefix(f.Text, text)
	}); err != nil {
		return err
	}
	return chromedp.Do(k.ctx, chromedp.KeyEvent(kb.Enter))
}

// keyboardWizard completes the tree on the page in the tab with Tab and
// Enter, then at the outcome uses Enter on the back link "Vorige vraag"
// (back one question), answers again, uses Enter on the first "Wijzig" of
// "Je antwoorden" (back to the first question), answers down to the
// outcome again and uses Space on "Opnieuw beginnen". It returns the route
// and the problems found.
func keyboardWizard(ctx context.Context, w *wizardTree) ([]string, []string, error) {
	k := &keyboardRun{ctx: ctx, w: w, seen: map[string]bool{}}
	id, route := w.start, []string{w.start}
	for !w.nodes[id].outcome {
		next, err := k.answer(id)
		if err != nil {
			return route, k.problems, err
		}
		if len(route) == 1 && k.presses[0] > maxTabsToAnswer {
			k.problems = append(k.problems, fmt.Sprintf("%d presses of Tab to the first answer, want at most %d", k.presses[0], maxTabsToAnswer))
		}
		id = next
		route = append(route, id)
	}
	if len(route) < 3 {
		return route, k.problems, fmt.Errorf("route %v is too short to test going back", route)
	}
	prev := route[len(route)-2]
	if err := k.link("wizard__back", "Vorige vraag"); err != nil {
		return route, k.problems, err
	}
	if err := k.onHeading("Enter on Vorige vraag", prev); err != nil {
		return route, k.problems, err
	}
	if _, err := k.answer(prev); err != nil {
		return route, k.problems, err
	}
	if err := k.link("route__step", "Wijzig"); err != nil {
		return route, k.problems, err
	}
	if err := k.onHeading("Enter on the first Wijzig", w.start); err != nil {
		return route, k.problems, err
	}
	// The same answer again keeps every later answer: back at the outcome.
	if _, err := k.answer(w.start, route[len(route)-1]); err != nil {
		return route, k.problems, err
	}
	if err := k.button("wizard__restart", "Opnieuw beginnen"); err != nil {
		return route, k.problems, err
	}
	return route, k.problems, k.onHeading("Space on Opnieuw beginnen", w.start)
}

// TestKeyboardWizard completes a decision tree with the keyboard only (issues
// 6 and 15): Tab to an answer, Enter; after each step the focus must be on
// the new question's heading. At the outcome, Enter on the back link goes
// back one question, Enter on "Wijzig" at the first answer of "Je
// antwoorden" goes back to the first question, the same answer again leads
// back to the outcome with the later answers kept, and Space on "Opnieuw
// beginnen" starts again. Every element that
// Tab reaches must show a focus indicator (the headings, focused by the
// script with tabindex=-1, are not controls and show none, by design).
func TestKeyboardWizard(t *testing.T) {
	res := national(t, false)
	ctx := newTab(t, 2*time.Minute)
	base := serveSite(t, res)
	tree := pageCaseNamed(t, res, "tree-start")
	if err := load(ctx, base+tree.path); err != nil {
		t.Fatal(err)
	}
	route, problems, err := keyboardWizard(ctx, wizardOf(t, res, tree.path))
	for _, p := range problems {
		t.Error(p)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("keyboard route: %s", strings.Join(route, " → "))
}

// TestKeyboardWizardFindsDefects proves that the keyboard test fails when
// the focus indicator is styled away and when the wizard does not move the
// focus to the new question.
func TestKeyboardWizardFindsDefects(t *testing.T) {
	res := brokenSite(t, map[string]edit{
		"assets/css/app.css":  appendText("\n:focus-visible, a:focus-visible { outline: none !important; box-shadow: none !important; }\n"),
		"assets/js/wizard.js": replace("if (opt.focus && node.h)", "if (false)"),
	})
	ctx := newTab(t, time.Minute)
	base := serveSite(t, res)
	if err := load(ctx, base+"beslisbomen/inbrengen/"); err != nil {
		t.Fatal(err)
	}
	_, got, err := keyboardWizard(ctx, wizardOf(t, res, "beslisbomen/inbrengen/"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"reached by Tab without a visible focus indicator: <a class=\"answer\"", "the focus is on"} {
		if !slices.ContainsFunc(got, func(p string) bool { return strings.Contains(p, want) }) {
			t.Errorf("the keyboard test did not report %q; it found:\n%s", want, strings.Join(got, "\n"))
		}
	}
}
