package browsertest

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// panelBox is where the results panel and its options are on the screen.
type panelBox struct {
	Left, Right, Top, Bottom float64
	Width, Height            float64 // of the viewport
	Whole                    int     // options shown whole, without scrolling
	Options                  int
}

const readPanel = `(() => {
	const list = document.getElementById("zoekresultaten");
	const none = document.querySelector(".search__none");
	const panel = list.hidden ? none : list;
	const r = panel.getBoundingClientRect();
	const opts = [...list.querySelectorAll("[role=option]")];
	return {
		left: r.left, right: r.right, top: r.top, bottom: r.bottom,
		width: document.documentElement.clientWidth, height: window.innerHeight,
		whole: opts.filter((o) => { const b = o.getBoundingClientRect(); return b.bottom <= Math.min(r.bottom, innerHeight) + 0.5 && b.height > 0; }).length,
		options: opts.length,
	};
})()`

// TestSearchPanelFits types a question at widths from a small phone to a
// wide desktop: the results panel (and the no-results panel) lies inside
// the viewport, and on a 375 x 740 phone at least four results show whole
// (issue 23). ZVH_SEARCH_SHOTS=DIR writes a screenshot of each.
func TestSearchPanelFits(t *testing.T) {
	res := national(t, false)
	base := serveSite(t, res)
	ctx := newTab(t, 2*time.Minute)
	shots := os.Getenv("ZVH_SEARCH_SHOTS")
	for _, vp := range [][2]int64{{320, 640}, {375, 740}, {768, 1024}, {1024, 768}, {1280, 800}, {1920, 1080}} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(vp[0], vp[1])); err != nil {
			t.Fatal(err)
		}
		if err := load(ctx, base+"procesplaten/complexe-casuistiek/triage/"); err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{"mag ik gegevens delen", "xyzzyqq"} {
			if _, err := typeQuery(ctx, q); err != nil {
				t.Fatal(err)
			}
			p, err := chromedp.Run(ctx, chromedp.Evaluate[panelBox](readPanel))
			if err != nil {
				t.Fatal(err)
			}
			if p.Left < 0 || p.Right > p.Width || p.Bottom <= p.Top {
				t.Errorf("%dx%d, %q: the panel spans x %.0f–%.0f in a viewport %.0f wide", vp[0], vp[1], q, p.Left, p.Right, p.Width)
			}
			if q != "xyzzyqq" && vp == [2]int64{375, 740} && p.Whole < 4 {
				t.Errorf("375x740: %d of %d results show whole, want at least 4", p.Whole, p.Options)
			}
			if q != "xyzzyqq" {
				t.Logf("%dx%d: %d of %d results show whole", vp[0], vp[1], p.Whole, p.Options)
			}
			if shots != "" {
				png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
				if err != nil {
					t.Fatal(err)
				}
				name := fmt.Sprintf("search-%dx%d-%d.png", vp[0], vp[1], len(q))
				if err := os.WriteFile(filepath.Join(shots, name), png, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}
