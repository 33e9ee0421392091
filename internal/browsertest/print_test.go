package browsertest

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/zvh-webtool/zvh/internal/site"
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

// TestPrintNodePage prints a question page and an outcome page of a
// decision tree: the printout says which tree and question it is, shows
// the route that is folded away on screen, gives each source its path,
// and ends with the node page's own address, after the text rather than
// over it. The wizard's printed result, on the tree's start page, keeps
// the address too.
func TestPrintNodePage(t *testing.T) {
	res := national(t, false)
	base := serveSite(t, res)
	ctx := newTab(t, time.Minute)
	if err := chromedp.Do(ctx, media("print", "")); err != nil {
		t.Fatal(err)
	}
	type printed struct {
		Context, Address, Position, Source string
		RouteShown                         bool
	}
	// checkVisibility is false inside a closed <details> too.
	read := `(() => {
		const shown = el => !!el && el.checkVisibility();
		const addr = document.querySelector(".print-address");
		const src = document.querySelector(".grondslag a");
		return {
			Context: shown(document.querySelector(".tree-context")) ? document.querySelector(".tree-context").textContent : "",
			Address: shown(addr) ? addr.textContent : "",
			Position: getComputedStyle(addr).position,
			Source: src ? getComputedStyle(src, "::after").content : "",
			RouteShown: shown(document.querySelector(".node-route ol li")),
		};
	})()`
	for _, tc := range []struct {
		path, context string
		source        bool
	}{
		{"beslisbomen/beroepsgeheim/afweging/", "Vraag", false},
		{"beslisbomen/beroepsgeheim/doorbreken/", "Uitkomst", true},
	} {
		if err := load(ctx, base+tc.path); err != nil {
			t.Fatal(err)
		}
		p, err := chromedp.Run(ctx, chromedp.Evaluate[printed](read))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(p.Context, tc.context) || !strings.Contains(p.Context, "Beslisboom:") {
			t.Errorf("%s: the printout does not say which tree and question it is: %q", tc.path, p.Context)
		}
		if !p.RouteShown {
			t.Errorf("%s: the route is not printed", tc.path)
		}
		if !strings.Contains(p.Address, " /"+tc.path+" · ") {
			t.Errorf("%s: the printout ends with the address %q", tc.path, p.Address)
		}
		if p.Position == "fixed" || p.Position == "absolute" {
			t.Errorf("%s: the address is %s, so it can cover the text", tc.path, p.Position)
		}
		if tc.source && !strings.Contains(p.Source, "(/") {
			t.Errorf("%s: a source is printed without its path: ::after is %s", tc.path, p.Source)
		}
	}

	// wizard.js marks the ancestors of the wizard .wizard-path when it
	// prints a result, and wizard.css then hides everything else.
	if err := load(ctx, base+"beslisbomen/beroepsgeheim/"); err != nil {
		t.Fatal(err)
	}
	kept, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => {
		document.body.classList.add("wizard-path");
		return document.querySelector(".print-address").checkVisibility();
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if !kept {
		t.Error("the printed wizard result has no address")
	}
}

// printedOutcome prints a decision tree at an outcome, reached by a shared
// link, and returns the print line at the foot and the answers of the
// route as they are printed.
func printedOutcome(t *testing.T, res *site.Result) (line string, route []string) {
	base := serveSite(t, res)
	ctx := newTab(t, time.Minute)
	if err := chromedp.Do(ctx, media("print", "")); err != nil {
		t.Fatal(err)
	}
	tree := pageCaseNamed(t, res, "tree-outcome").path
	if err := load(ctx, base+tree); err != nil {
		t.Fatal(err)
	}
	type printed struct {
		Line  string   `json:"line"`
		Route []string `json:"route"`
	}
	p, err := chromedp.Run(ctx, chromedp.Evaluate[printed](`(() => {
		dispatchEvent(new Event("beforeprint"));
		const shown = (el) => !!el && getComputedStyle(el).display !== "none" && el.getClientRects().length > 0;
		const line = document.querySelector(".print-address");
		return {
			line: shown(line) ? line.textContent : "",
			route: [...document.querySelectorAll(".wizard-route li")].filter(shown).map((li) => li.textContent.trim()),
		};
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	return p.Line, p.Route
}

// TestPrintOutcome prints an outcome of a site that knows its published
// address (site.yaml url): the sheet names that address, the route of
// answers that led there, the version of the content and the date of
// printing.
func TestPrintOutcome(t *testing.T) {
	res := publishedAt(t, "https://www.voorbeeld.nl/gegevensdeling/", "")
	line, route := printedOutcome(t, res)
	tree := pageCaseNamed(t, res, "tree-outcome").path
	for _, want := range []string{"https://www.voorbeeld.nl/gegevensdeling/" + strings.Split(tree, "#")[0], "inhoud van ", "Afgedrukt op "} {
		if !strings.Contains(line, want) {
			t.Errorf("the printed outcome's foot %q lacks %q", line, want)
		}
	}
	if len(route) == 0 {
		t.Error("the printed outcome does not show the answers that led to it")
	}
}

// TestPrintOutcomeFindsDefects leaves out the script that dates the print.
func TestPrintOutcomeFindsDefects(t *testing.T) {
	res := brokenSite(t, map[string]edit{
		"layouts/base.html": replace(`<script src="{{asset "js/printdate.js"}}" defer></script>`, ""),
	})
	if line, _ := printedOutcome(t, res); strings.Contains(line, "Afgedrukt op") {
		t.Errorf("without its script the print line still says %q", line)
	}
}
