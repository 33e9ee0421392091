package browsertest

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestPrint prints a content page as a browser does (print media): no
// navigation or search, every link in the text followed by where it goes
// (another site's address, a page of the site by its path from the root),
// and the page's address at the foot of the sheet.
func TestPrint(t *testing.T) {
	res := national(t, false)
	base := serveSite(t, res)
	ctx := newTab(t, time.Minute)
	if err := chromedp.Do(ctx, media("print", "")); err != nil {
		t.Fatal(err)
	}
	if err := load(ctx, base+"spelregels/"); err != nil {
		t.Fatal(err)
	}
	type printed struct {
		NavShown, SearchShown bool
		Internal, External    string
		Address               string
	}
	p, err := chromedp.Run(ctx, chromedp.Evaluate[printed](`(() => {
		const shown = el => !!el && getComputedStyle(el).display !== "none";
		const after = el => el ? getComputedStyle(el, "::after").content : "";
		return {
			NavShown: [...document.querySelectorAll("nav")].some(shown),
			SearchShown: shown(document.querySelector(".search")),
			Internal: after(document.querySelector("main a[data-path]")),
			External: after(document.querySelector("main a[href^='http']:not(.url)")),
			Address: shown(document.querySelector(".print-address")) ? document.querySelector(".print-address").textContent : "",
		};
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if p.NavShown || p.SearchShown {
		t.Errorf("navigation or search is printed: %+v", p)
	}
	if !strings.Contains(p.Internal, `(/`) {
		t.Errorf("a link to a page of the site is printed without its path: ::after is %s", p.Internal)
	}
	if p.External != "" && !strings.Contains(p.External, "http") {
		t.Errorf("a link to another site is printed without its address: ::after is %s", p.External)
	}
	if !strings.Contains(p.Address, "spelregels") {
		t.Errorf("the printed page does not carry its address: %q", p.Address)
	}
}
