package browsertest

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/zvh-webtool/zvh/internal/site"
)

// cumulativeShift sums the page's layout shifts since it loaded (CLS), as
// the browser measured them.
const cumulativeShift = `new Promise(done => {
	let sum = 0;
	new PerformanceObserver(list => {
		for (const e of list.getEntries()) if (!e.hadRecentInput) sum += e.value;
	}).observe({type: 'layout-shift', buffered: true});
	setTimeout(() => done(sum), 300);
})`

// goodShift is the largest cumulative layout shift counted as good.
const goodShift = 0.1

// TestNoLayoutShiftOnLoad loads every page case on a phone and a desktop
// screen and checks that the page does not jump while it loads, also where
// the wizard restores a shared point in a tree.
func TestNoLayoutShiftOnLoad(t *testing.T) {
	for _, p := range layoutShifts(t, national(t, false), nil) {
		t.Error(p)
	}
}

// TestNoLayoutShiftFindsDefects drops restore.js from the tree layout: the
// wizard then moves a shared link's page after its first paint. So that
// this does not depend on how fast the machine is (a fast one may run the
// deferred wizard before the first paint), the broken page loads the
// wizard a moment after the page itself, as a slow connection would.
func TestNoLayoutShiftFindsDefects(t *testing.T) {
	res := brokenSite(t, map[string]edit{
		"layouts/tree.html": chain(
			replace(`<script src="{{asset "js/restore.js"}}"></script>`, ""),
			replace(`<script src="{{asset "js/wizard.js"}}" defer></script>`,
				`<script src="{{asset "js/late.js"}}" data-src="{{asset "js/wizard.js"}}" defer></script>`)),
		"assets/js/late.js": appendText(`(() => {
  const src = document.currentScript.dataset.src;
  setTimeout(() => { const s = document.createElement("script"); s.src = src; document.body.append(s); }, 150);
})();
`),
	})
	problems := layoutShifts(t, res, []string{"tree-outcome"})
	if len(problems) == 0 {
		t.Error("no layout shift found without restore.js")
	}
}

// layoutShifts returns a problem for every page case (all, or those named)
// whose cumulative layout shift on load is above goodShift, at 375 and 1280
// px.
func layoutShifts(t *testing.T, res *site.Result, only []string) []string {
	base := serveSite(t, res)
	ctx := newTab(t, 3*time.Minute)
	var problems []string
	for _, width := range []int64{375, 1280} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 800)); err != nil {
			t.Fatal(err)
		}
		for _, c := range pageCases(t, res) {
			if only != nil && !slices.Contains(only, c.name) {
				continue
			}
			if err := visit(ctx, base, c); err != nil {
				t.Fatal(err)
			}
			shift, err := chromedp.Run(ctx, chromedp.Evaluate[float64](cumulativeShift, chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatal(err)
			}
			if shift > goodShift {
				problems = append(problems, fmt.Sprintf("%s at %d px: layout shift %.3f, want at most %.1f", c.name, width, shift, goodShift))
			}
		}
	}
	return problems
}
