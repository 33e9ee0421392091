package browsertest

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

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
