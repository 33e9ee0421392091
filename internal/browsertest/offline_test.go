package browsertest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// TestOfflineFromFile opens the offline build from file://, as a trainer
// does from a USB stick (docs/DESIGN.md, principle 4): the wizard must walk every
// path of a tree by clicking, a link must open its page, and nothing may
// fail, ask for a missing file or break the CSP.
func TestOfflineFromFile(t *testing.T) {
	res := national(t, true)
	dir := t.TempDir()
	for name, b := range res.Files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	base := "file://" + filepath.ToSlash(dir) + "/"
	w := watchPrivacy(t, res, base, 2*time.Minute)
	ctx := w.ctx
	c := pageCaseNamed(t, national(t, false), "tree-start")
	if err := load(ctx, base+c.path+"index.html"); err != nil {
		t.Fatal(err)
	}
	tree := wizardOf(t, res, c.path)
	n, err := walkTree(ctx, tree)
	if err != nil {
		t.Fatalf("file:///…/%sindex.html: %v", c.path, err)
	}
	if want := tree.paths(tree.start); n != want {
		t.Errorf("walked %d paths, the tree has %d", n, want)
	}

	// A link of the offline build opens its page (index.html, not a folder).
	link := `main a[href$="overzicht/index.html"]`
	if _, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS(link)))); err != nil {
		t.Fatalf("clicking %s: %v", link, err)
	}
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if want := base + c.path + "overzicht/index.html"; loc != want {
		t.Errorf("the overview link opened %s, want %s", loc, want)
	}
	for _, p := range w.seen(t) {
		t.Error(strings.ReplaceAll(p, base, "file:///…/"))
	}
}
