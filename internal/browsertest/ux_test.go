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

// The screens the wizard and the phase pages are measured on (issue 15): a
// phone, a desktop and a projector.
var screens = []struct{ w, h int64 }{{375, 740}, {1280, 800}, {1024, 768}}

// projectors are the screens trainer mode must fit.
var projectors = []struct{ w, h int64 }{{1024, 768}, {1280, 720}}

// treePages lists the start pages of every decision tree of the build.
func treePages(res *site.Result) []string {
	var out []string
	for name, kind := range pageKinds(res.Files) {
		if kind == "tree" {
			out = append(out, strings.TrimSuffix(name, "index.html"))
		}
	}
	slices.Sort(out)
	return out
}

// routes returns the shortest route from the start to every node of w.
func (w *wizardTree) routes() map[string][]step {
	out := map[string][]step{w.start: nil}
	queue := []string{w.start}
	for len(queue) > 0 {
		id := queue[0]
		queue = queue[1:]
		for _, a := range w.nodes[id].answers {
			if _, ok := out[a.to]; ok {
				continue
			}
			out[a.to] = append(slices.Clone(out[id]), step{id, a.key})
			queue = append(queue, a.to)
		}
	}
	return out
}

// box is an element's place on the screen, in CSS pixels.
type box struct {
	Found  bool    `json:"found"`
	Top    float64 `json:"top"`
	Bottom float64 `json:"bottom"`
	Inner  float64 `json:"inner"`  // window.innerHeight
	Scroll float64 `json:"scroll"` // window.scrollY
	Text   string  `json:"text"`
}

// measure returns the box of the first element that matches css. With
// lines > 0, the box ends after that many lines of the element's text (or
// at its end): "the start of the text" rather than all of it.
func measure(ctx context.Context, css string, lines ...int) (box, error) {
	n := 0
	if len(lines) > 0 {
		n = lines[0]
	}
	return chromedp.Run(ctx, chromedp.Evaluate[box](fmt.Sprintf(`(() => {
		const el = document.querySelector(%q);
		if (!el) return {found: false, inner: innerHeight};
		const r = el.getBoundingClientRect();
		let bottom = r.bottom;
		if (%d > 0) {
			const lh = parseFloat(getComputedStyle(el).lineHeight) || 24;
			bottom = Math.min(r.bottom, r.top + %d * lh);
		}
		return {found: true, top: r.top, bottom, inner: innerHeight, scroll: scrollY,
			text: (el.textContent || "").replace(/\s+/g, " ").trim().slice(0, 60)};
	})()`, css, n, n)))
}

// inView notes a problem unless the element (or its first lines) is inside
// the first screen.
func inView(ctx context.Context, where, what, css string, problems *[]string, lines ...int) {
	b, err := measure(ctx, css, lines...)
	switch {
	case err != nil:
		*problems = append(*problems, fmt.Sprintf("%s: %s: %v", where, what, err))
	case !b.Found:
		*problems = append(*problems, fmt.Sprintf("%s: no %s (%s)", where, what, css))
	case b.Top < 0 || b.Bottom > b.Inner:
		*problems = append(*problems, fmt.Sprintf("%s: %s %q is at %.0f–%.0f px, outside the first screen of %.0f px", where, what, b.Text, b.Top, b.Bottom, b.Inner))
	}
}

const (
	visibleNode = "#wizard section.wizard-node:not([hidden])"
	firstAnswer = visibleNode + " .answers > li:first-child a.answer"
	lastAnswer  = visibleNode + " .answers > li:last-child a.answer"
	verdict     = visibleNode + " .verdict"
	firstOfBody = visibleNode + " .wizard-node__body > :first-child"
	// A list of conditions right after the first paragraph.
	conditions     = visibleNode + " .wizard-node__body > p:first-child + ul"
	firstCondition = conditions + " > li:first-child"
	outcomeTitle   = visibleNode + " .wizard-node__title"
)

// TestFirstScreen opens every decision tree on a phone, a desktop and a
// projector, and requires the first answer of its start page, and at an
// outcome the verdict and the first part of the outcome's text (what to do
// and on which conditions), inside the first screen, without scrolling.
func TestFirstScreen(t *testing.T) {
	for _, p := range firstScreen(t, national(t, false), treePages(national(t, false))) {
		t.Error(p)
	}
}

// TestFirstScreenFindsDefects puts the tree's introduction back above the
// question: on a phone the first answer then falls below the first screen.
func TestFirstScreenFindsDefects(t *testing.T) {
	res := brokenSite(t, map[string]edit{
		"layouts/tree.html": replace(`<div class="wizard" id="wizard"`, `{{treeIntro $t}}<div class="wizard" id="wizard"`),
	})
	problems := firstScreen(t, res, []string{"beslisbomen/inbrengen/"})
	if !slices.ContainsFunc(problems, func(p string) bool { return strings.Contains(p, "375x740: the first answer") }) {
		t.Errorf("the first answer below the intro was not found below the first screen; problems:\n%s", strings.Join(problems, "\n"))
	}
}

// firstScreen measures the start page and an outcome of each tree at every
// screen size and returns what is not on the first screen.
func firstScreen(t *testing.T, res *site.Result, trees []string) []string {
	base := serveSite(t, res)
	ctx := newTab(t, 3*time.Minute)
	var problems []string
	for _, s := range screens {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(s.w, s.h)); err != nil {
			t.Fatal(err)
		}
		for _, p := range trees {
			w := wizardOf(t, res, p)
			at := fmt.Sprintf("%s at %dx%d", p, s.w, s.h)
			if err := load(ctx, base+p); err != nil {
				t.Fatal(err)
			}
			inView(ctx, at, "the first answer", firstAnswer, &problems)
			if err := load(ctx, base+p+"#"+w.fragment(w.route(-1))); err != nil {
				t.Fatal(err)
			}
			inView(ctx, at+", outcome", "the verdict", verdict, &problems)
			inView(ctx, at+", outcome", "the outcome's title", outcomeTitle, &problems)
			// What to do: the first three lines of the outcome's text, and
			// the first condition where the text lists them.
			inView(ctx, at+", outcome", "the start of the outcome's text", firstOfBody, &problems, 3)
			if b, _ := measure(ctx, firstCondition); b.Found {
				inView(ctx, at+", outcome", "the first condition", firstCondition, &problems, 2)
			}
		}
	}
	return problems
}

// TestPhaseFirstScreen opens every phase page on a phone, a desktop and a
// projector: the way to "Welke gegevens mag wie delen?" and to the phase's
// decision trees must be on the first screen.
func TestPhaseFirstScreen(t *testing.T) {
	res := national(t, false)
	base := serveSite(t, res)
	ctx := newTab(t, 2*time.Minute)
	kinds := pageKinds(res.Files)
	var problems []string
	for _, s := range screens {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(s.w, s.h)); err != nil {
			t.Fatal(err)
		}
		for _, name := range htmlFiles(res.Files) {
			if kinds[name] != "phase" {
				continue
			}
			p := strings.TrimSuffix(name, "index.html")
			if err := load(ctx, base+p); err != nil {
				t.Fatal(err)
			}
			at := fmt.Sprintf("%s at %dx%d", p, s.w, s.h)
			inView(ctx, at, "the link to what may be shared", `.jump a[href="#per-rol"], .jump a[href="#gegevens"]`, &problems)
			if strings.Contains(string(res.Files[name]), `id="beslisbomen"`) {
				inView(ctx, at, "the link to the decision trees", `.jump a[href="#beslisbomen"]`, &problems)
			}
		}
	}
	for _, p := range problems {
		t.Error(p)
	}
}

// TestTrainerFitsProjector walks every node of every tree in trainer mode
// on the two usual projector screens: every answer of a question, and an
// outcome's verdict and text, must be inside the screen.
func TestTrainerFitsProjector(t *testing.T) {
	problems, checked := trainerFit(t, national(t, false), treePages(national(t, false)))
	for _, p := range problems {
		t.Error(p)
	}
	t.Logf("%d nodes measured in trainer mode", checked)
}

// TestTrainerFitsProjectorFindsDefects spreads trainer mode's answers far
// apart: a question's last answers then run off the screen. (The page
// layout alone now fits a projector too, so dropping the projector block
// no longer breaks it.)
func TestTrainerFitsProjectorFindsDefects(t *testing.T) {
	res := brokenSite(t, map[string]edit{
		"assets/css/wizard.css": appendText("\n.trainer .answer { margin-block: 20vh; }\n"),
	})
	problems, _ := trainerFit(t, res, []string{"beslisbomen/inbrengen/", "beslisbomen/criteria/"})
	if !slices.ContainsFunc(problems, func(p string) bool { return strings.Contains(p, "the last answer") }) {
		t.Errorf("with the answers spread apart no answer was found off the screen; problems:\n%s", strings.Join(problems, "\n"))
	}
}

// trainerFit measures every node of each tree in trainer mode on both
// projector screens; it returns what does not fit and how many nodes it
// measured.
func trainerFit(t *testing.T, res *site.Result, trees []string) ([]string, int) {
	base := serveSite(t, res)
	ctx := newTab(t, 4*time.Minute)
	var problems []string
	checked := 0
	for _, s := range projectors {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(s.w, s.h)); err != nil {
			t.Fatal(err)
		}
		for _, p := range trees {
			w := wizardOf(t, res, p)
			if err := load(ctx, base+p+"#trainer"); err != nil {
				t.Fatal(err)
			}
			routes := w.routes()
			for _, id := range slices.Sorted(func(yield func(string) bool) {
				for id := range w.nodes {
					if !yield(id) {
						return
					}
				}
			}) {
				frag := "trainer"
				if r := routes[id]; len(r) > 0 {
					frag += "/" + w.fragment(r)
				}
				got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.hash = `+fmt.Sprintf("%q", "#"+frag)+`;
					document.body.classList.contains("trainer") && document.querySelector("`+visibleNode+`").getAttribute("data-node")`))
				if err != nil {
					t.Fatal(err)
				}
				if got != id {
					problems = append(problems, fmt.Sprintf("%s#%s: trainer mode shows %q, want %q", p, frag, got, id))
					continue
				}
				at := fmt.Sprintf("%s#%s at %dx%d", p, frag, s.w, s.h)
				if w.nodes[id].outcome {
					// The verdict, what to do and its conditions: the
					// first block of the text and a list right after it.
					inView(ctx, at, "the verdict", verdict, &problems)
					inView(ctx, at, "the outcome's first paragraph", firstOfBody, &problems)
					if b, _ := measure(ctx, conditions); b.Found {
						inView(ctx, at, "the outcome's conditions", conditions, &problems)
					}
				} else {
					inView(ctx, at, "the last answer", lastAnswer, &problems)
				}
				checked++
			}
		}
	}
	return problems, checked
}

// TestNoShiftOnAnswering answers a tree down to an outcome by clicking and
// requires the question to stay where it is: the heading of every next
// question at the same place on the screen as the first, without scrolling.
func TestNoShiftOnAnswering(t *testing.T) {
	for _, p := range shifts(t, national(t, false)) {
		t.Error(p)
	}
}

// TestNoShiftOnAnsweringFindsDefects puts "Je antwoorden" back above the
// question, where it grows with every answer.
func TestNoShiftOnAnsweringFindsDefects(t *testing.T) {
	res := brokenSite(t, map[string]edit{
		"assets/js/wizard.js": replace("wizard.append(controls, routeBox, live);", "wizard.insertBefore(routeBox, first); wizard.append(controls, live);"),
	})
	if len(shifts(t, res)) == 0 {
		t.Error("no shift found with the answers above the question")
	}
}

// shifts answers the tree-start case down to an outcome at every screen
// size and returns every step at which the next node does not start where
// the first question started.
func shifts(t *testing.T, res *site.Result) []string {
	var problems []string
	base := serveSite(t, res)
	ctx := newTab(t, 2*time.Minute)
	tree := pageCaseNamed(t, res, "tree-start").path
	w := wizardOf(t, res, tree)
	for _, s := range screens {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(s.w, s.h)); err != nil {
			t.Fatal(err)
		}
		if err := load(ctx, base+tree); err != nil {
			t.Fatal(err)
		}
		// The node as a whole: an outcome starts with its verdict, above
		// its title, in the place where the question was.
		first, err := measure(ctx, visibleNode)
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range w.route(-1) {
			sel := fmt.Sprintf(`%s a.answer[data-key=%q]`, visibleNode, st.key)
			if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
				t.Fatalf("answering %s: %v", st.id, err)
			}
			now, err := measure(ctx, visibleNode)
			if err != nil {
				t.Fatal(err)
			}
			// On the page, not on the screen: the click scrolls to an
			// answer below the fold first, as a reader would.
			if d := (now.Top + now.Scroll) - (first.Top + first.Scroll); d > 1 || d < -1 {
				problems = append(problems, fmt.Sprintf("%dx%d: after answering %s=%s the next node %q moved %.0f px (from %.0f to %.0f)",
					s.w, s.h, st.id, st.key, now.Text, d, first.Top, now.Top))
			}
		}
	}
	return problems
}

// TestDistinctTitles walks a tree in the wizard and requires a document
// title of its own for every question and the outcome, naming the question.
func TestDistinctTitles(t *testing.T) {
	for _, p := range titles(t, national(t, false)) {
		t.Error(p)
	}
}

// TestDistinctTitlesFindsDefects stops the wizard from setting the title.
func TestDistinctTitlesFindsDefects(t *testing.T) {
	res := brokenSite(t, map[string]edit{
		"assets/js/wizard.js": replace(`doc.title = label(node, num) + " — " + baseTitle;`, ""),
	})
	if len(titles(t, res)) == 0 {
		t.Error("no problem found with one title for every question")
	}
}

// titles walks the tree-start case to an outcome by shared links and
// returns each step whose document title is not its own.
func titles(t *testing.T, res *site.Result) []string {
	var problems []string
	base := serveSite(t, res)
	ctx := newTab(t, time.Minute)
	tree := pageCaseNamed(t, res, "tree-start").path
	w := wizardOf(t, res, tree)
	route := w.route(-1)
	seen := map[string]bool{}
	for i := 0; i <= len(route); i++ {
		if err := load(ctx, base+tree+"#"+w.fragment(route[:i])); err != nil {
			t.Fatal(err)
		}
		r, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[document.title,
			document.querySelector("`+outcomeTitle+`").textContent.trim()]`))
		if err != nil {
			t.Fatal(err)
		}
		title, heading := r[0], r[1]
		if seen[title] {
			problems = append(problems, fmt.Sprintf("step %d: title %q is the same as an earlier step's", i, title))
		}
		seen[title] = true
		if !strings.Contains(title, heading) {
			problems = append(problems, fmt.Sprintf("step %d: title %q does not name the question %q", i, title, heading))
		}
		want := fmt.Sprintf("Vraag %d: ", i+1)
		if i == len(route) {
			want = "Uitkomst: "
		}
		if !strings.HasPrefix(title, want) {
			problems = append(problems, fmt.Sprintf("step %d: title %q does not start with %q", i, title, want))
		}
	}
	return problems
}

// TestPhaseBarFollowsPlate opens a phase page of every procesplaat (nazorg
// and radicalisering too) and requires the header's phase bar to name that
// plate, link only its phases and mark the page as the current phase.
func TestPhaseBarFollowsPlate(t *testing.T) {
	for _, p := range phaseBars(t, national(t, false)) {
		t.Error(p)
	}
}

// TestPhaseBarFollowsPlateFindsDefects shows the default plate's phases on
// every page again, as before issue 15.
func TestPhaseBarFollowsPlateFindsDefects(t *testing.T) {
	res := brokenSite(t, map[string]edit{
		"layouts/partials/phasenav.html": replace("{{with .Plate}}", "{{with .Site.DefaultPlate}}"),
	})
	if len(phaseBars(t, res)) == 0 {
		t.Error("no problem found with the default plate's phase bar on every page")
	}
}

// phaseBars checks the phase bar of one phase page of every plate and
// returns what is wrong with it.
func phaseBars(t *testing.T, res *site.Result) []string {
	var problems []string
	base := serveSite(t, res)
	ctx := newTab(t, time.Minute)
	kinds := pageKinds(res.Files)
	checked := map[string]bool{}
	for _, name := range htmlFiles(res.Files) {
		parts := strings.Split(name, "/")
		if kinds[name] != "phase" || len(parts) != 4 || checked[parts[1]] {
			continue
		}
		checked[parts[1]] = true
		path := strings.TrimSuffix(name, "index.html")
		if err := load(ctx, base+path); err != nil {
			t.Fatal(err)
		}
		type bar struct {
			Plate   string   `json:"plate"`
			Links   []string `json:"links"`
			Current []string `json:"current"`
		}
		b, err := chromedp.Run(ctx, chromedp.Evaluate[bar](`(() => {
			const nav = document.querySelector(".phase-nav");
			if (!nav) return {plate: "", links: [], current: []};
			const abs = (a) => new URL(a.getAttribute("href"), location.href).pathname;
			return {
				plate: abs(nav.querySelector(".phase-nav__plate")),
				links: [...nav.querySelectorAll(".phase-nav__list a")].map(abs),
				current: [...nav.querySelectorAll(".phase-nav__list a[aria-current=page]")].map(abs),
			};
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		plate := "/" + parts[0] + "/" + parts[1] + "/"
		if b.Plate != plate {
			problems = append(problems, fmt.Sprintf("/%s: the phase bar names plate %s, want %s", path, b.Plate, plate))
		}
		if len(b.Links) < 2 {
			problems = append(problems, fmt.Sprintf("/%s: the phase bar links %d phases", path, len(b.Links)))
		}
		for _, l := range b.Links {
			if !strings.HasPrefix(l, plate) {
				problems = append(problems, fmt.Sprintf("/%s: the phase bar links %s, a phase of another plate", path, l))
			}
		}
		if len(b.Current) != 1 || b.Current[0] != "/"+path {
			problems = append(problems, fmt.Sprintf("/%s: the phase bar marks %v as current, want this page", path, b.Current))
		}
	}
	if len(checked) < 2 {
		t.Fatalf("phase pages of %d plates checked, want every plate", len(checked))
	}
	return problems
}

// TestSharedLink opens a tree from a shared link: the focus must be on the
// question the link points to, and when part of the link does not fit the
// tree, the page must say so and show the last question that did.
func TestSharedLink(t *testing.T) {
	res := national(t, false)
	base := serveSite(t, res)
	ctx := newTab(t, time.Minute)
	tree := pageCaseNamed(t, res, "tree-start").path
	w := wizardOf(t, res, tree)
	route := w.route(2)
	type state struct {
		Node    string `json:"node"`
		Focused bool   `json:"focused"`
		Note    string `json:"note"`
		Hash    string `json:"hash"`
	}
	const read = `(() => {
		const s = document.querySelector("` + visibleNode + `");
		const note = document.querySelector(".wizard__note");
		return {node: s.getAttribute("data-node"),
			focused: document.activeElement === s.querySelector(".wizard-node__title"),
			note: note && !note.hidden ? note.textContent : "", hash: location.hash};
	})()`
	for _, tt := range []struct {
		name, frag, node string
		note             bool
	}{
		{"a whole route", w.fragment(route), w.route(3)[2].id, false},
		{"a route with a wrong step at the end", w.fragment(route) + "/bestaat=niet", w.route(3)[2].id, true},
	} {
		if err := load(ctx, base+tree+"#"+tt.frag); err != nil {
			t.Fatal(err)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[state](read))
		if err != nil {
			t.Fatal(err)
		}
		if got.Node != tt.node {
			t.Errorf("%s: shows %q, want %q", tt.name, got.Node, tt.node)
		}
		if !got.Focused {
			t.Errorf("%s: the focus is not on the question's heading", tt.name)
		}
		if tt.note && (got.Note == "" || got.Hash != "#"+w.fragment(route)) {
			t.Errorf("%s: note %q and fragment %q; want a note and the fragment cut back to #%s", tt.name, got.Note, got.Hash, w.fragment(route))
		}
		if !tt.note && got.Note != "" {
			t.Errorf("%s: a note %q on a link that fits", tt.name, got.Note)
		}
	}
}

// TestNodePageOpensWizard opens a question's own page with JavaScript on:
// its answers must lead into the wizard on the start page, at the next
// question, with the route to this page before it.
func TestNodePageOpensWizard(t *testing.T) {
	res := national(t, false)
	base := serveSite(t, res)
	ctx := newTab(t, time.Minute)
	tree := pageCaseNamed(t, res, "tree-start").path
	w := wizardOf(t, res, tree)
	route := w.route(2)
	id := w.route(3)[2].id
	if err := load(ctx, base+tree+id+"/"); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".tree-node-page a.answer"))); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("#wizard.wizard--js "+visibleNode[len("#wizard "):]))); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[location.pathname, location.hash,
		document.querySelector("`+visibleNode+`").getAttribute("data-node")]`))
	if err != nil {
		t.Fatal(err)
	}
	first := w.nodes[id].answers[0]
	wantHash := "#" + w.fragment(append(route, step{id, first.key}))
	if got[0] != "/"+tree || got[1] != wantHash || got[2] != first.to {
		t.Errorf("the first answer of /%s%s/ opened %s%s at %q, want /%s%s at %q", tree, id, got[0], got[1], got[2], tree, wantHash, first.to)
	}
}
