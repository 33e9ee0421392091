package browsertest

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestScreenshots writes full-page PNGs of the home page, a phase page, a
// tree's first question, a wizard outcome and the search with its results, 375
// and 1280 px wide, and of trainer mode on a 1024 x 768 projector, to screenshots/ at the repository
// root (ignored by git), for people to look at. The test checks only that
// the pages render.
//
// With ZVH_SCREENSHOTS=DIR it writes the first screen of each page instead
// (1280 x 900, 375 x 812 and 1024 x 768) to DIR: that is how the README's
// pictures in docs/screenshots are made.
func TestScreenshots(t *testing.T) {
	res := national(t, false)
	base := serveSite(t, res)
	ctx := newTab(t, 2*time.Minute)
	dir := filepath.Join(repoRoot(t), "screenshots")
	firstScreen := os.Getenv("ZVH_SCREENSHOTS")
	if firstScreen != "" {
		dir = firstScreen
		if !filepath.IsAbs(dir) {
			dir = filepath.Join(repoRoot(t), dir)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	shots := []struct {
		name   string
		widths []int64
	}{
		{"home", []int64{375, 1280}},
		{"phase", []int64{375, 1280}},
		{"tree-start", []int64{375, 1280}},
		{"tree-outcome", []int64{375, 1280}},
		{"tree-trainer", []int64{1024}},
		{"search-results", []int64{375, 1280}},
	}
	for _, s := range shots {
		name := s.name
		c := pageCaseNamed(t, res, name)
		for _, width := range s.widths {
			height := int64(800)
			if firstScreen != "" || width == 1024 {
				height = map[int64]int64{375: 812, 1024: 768, 1280: 900}[width]
			}
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, height)); err != nil {
				t.Fatal(err)
			}
			if err := visit(ctx, base, c); err != nil {
				t.Fatal(err)
			}
			shot := chromedp.FullScreenshot(100) // quality 100: PNG
			if firstScreen != "" {
				shot = chromedp.CaptureScreenshot()
			}
			png, err := chromedp.Run(ctx, shot)
			if err != nil {
				t.Fatalf("%s at %d px: %v", name, width, err)
			}
			if len(png) < 1000 {
				t.Errorf("%s at %d px: a screenshot of %d bytes", name, width, len(png))
			}
			p := filepath.Join(dir, fmt.Sprintf("%s-%d.png", name, width))
			if err := os.WriteFile(p, png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	t.Logf("screenshots in %s", dir)
}
