package index

import (
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/zvh-webtool/zvh/internal/diag"
	"github.com/zvh-webtool/zvh/internal/load"
	"github.com/zvh-webtool/zvh/internal/markdown"
	"github.com/zvh-webtool/zvh/internal/tree"
)

// Tree is a decision tree page as the layouts see it. One tree yields a
// start page (with the wizard), a page per node for readers without
// JavaScript, and an overview. The Markdown of the intro and the nodes is
// rendered by the render stage, for the page it appears on.
type Tree struct {
	Slug      string
	Phase     *Page // the phase page it belongs to, or nil
	Start     *TreeNode
	Nodes     []*TreeNode
	Depth     int // most questions on one route, for the progress hint
	Scenarios []TreeScenario
	Outline   *OutlineItem   // the whole tree, nested, for the overview
	Continued []*OutlineItem // parts of the outline that go on below its deepest level

	Page   *Page // the tree's own page
	Parsed *tree.Tree
}

// TreeNode is one question or outcome.
type TreeNode struct {
	ID           string
	Title        string
	URL          string // site path of its own page
	Outcome      bool
	Verdict      string // "", "mag", "mag-niet", "voorwaarden", "verwijs"
	VerdictLabel string
	Answers      []TreeAnswer
	Sources      []TreeLink // an outcome's legal basis
	Node         *tree.Node
	Tree         *Tree // the tree it belongs to

	// For the node's own page, computed once per tree (wizard.go):
	Number      int         // its question number on the shortest route: 1 for the start
	Route       []TreeStep  // the shortest route from the start; only its last steps for a deep node
	Earlier     int         // steps of that route before those Route lists
	Fragment    string      // Route as the wizard's URL fragment; "" when steps are left out
	Parents     []*TreeNode // the questions with an answer that leads here: Route's last first, then in document order
	SourceLabel string      // an outcome's source list: "Grondslag (en bron)" when a law page that gives a ground is among them, else "Bron"
	Regional    bool        // a step of a regional route, labelled "Regionale route"
}

// TreeAnswer is an answer of a question.
type TreeAnswer struct {
	Label string
	Key   string // the answer in the URL fragment: "weet-ik-niet"
	To    *TreeNode
}

// TreeLink is a link to a page of the site, with its text.
type TreeLink struct {
	Text   string
	Target Target
}

// Path is the site path the link points to, with its #fragment.
func (l TreeLink) Path() string { return l.Target.URL() }

// TreeScenario is a worked example: a case, the route, the outcome.
type TreeScenario struct {
	Title    string
	Case     string
	Steps    []TreeStep
	End      *TreeNode
	Fragment string // the route in the wizard's URL fragment
}

// TreeStep is one question with the answer given.
type TreeStep struct {
	Question *TreeNode
	Answer   string
}

// OutlineItem is a node in the nested outline of the overview: a question
// with, per answer, the item it leads to.
type OutlineItem struct {
	Node     *TreeNode
	Branches []OutlineBranch
	Ref      bool // the node is written out elsewhere in the outline; link there
}

// OutlineBranch is one answer in the outline.
type OutlineBranch struct {
	Label string
	Item  *OutlineItem
}

// trees_ builds the tree views, links each tree to its phase and checks
// that every outcome names a legal basis.
func (s *Site) trees_() diag.List {
	var errs diag.List
	for _, p := range s.Pages {
		if p.Kind != load.KindTree || p.Page.Tree == nil {
			continue
		}
		p.Tree = newTree(p)
		errs.Append(checkSources(p))
		s.trees = append(s.trees, p)
	}
	slices.SortFunc(s.trees, byWeight)
	errs.Append(s.linkTreePhases())
	return errs
}

func newTree(p *Page) *Tree {
	t := p.Page.Tree
	tv := &Tree{Slug: strings.TrimSuffix(p.Rel[strings.LastIndex(p.Rel, "/")+1:], ".md"), Page: p, Parsed: t}
	byID := map[string]*TreeNode{}
	for _, n := range t.Nodes {
		tn := &TreeNode{ID: n.ID, Title: n.Title, URL: p.URL + n.ID + "/", Outcome: n.Outcome,
			Verdict: string(n.Verdict), VerdictLabel: n.Verdict.Label(), Node: n, Tree: tv, Sources: sources(p, n), Regional: n.Regional}
		byID[n.ID] = tn
		tv.Nodes = append(tv.Nodes, tn)
	}
	for i, n := range t.Nodes {
		for _, a := range n.Answers {
			tv.Nodes[i].Answers = append(tv.Nodes[i].Answers, TreeAnswer{Label: a.Label, Key: answerKey(a.Label), To: byID[a.To]})
		}
	}
	if t.Start != nil {
		tv.Start = byID[t.Start.ID]
		tv.outline()
	}
	tv.Depth = t.Depth()
	for _, sc := range p.Scenarios {
		route, err := t.Walk(sc.Answers)
		if err != nil {
			continue // CheckScenarios has reported it
		}
		ts := TreeScenario{Title: sc.Title, Case: sc.Case, End: byID[route.End.ID]}
		var frag []string
		for _, st := range route.Steps {
			ts.Steps = append(ts.Steps, TreeStep{Question: byID[st.Node.ID], Answer: st.Answer.Label})
			frag = append(frag, st.Node.ID+"="+answerKey(st.Answer.Label))
		}
		ts.Fragment = strings.Join(frag, "/")
		tv.Scenarios = append(tv.Scenarios, ts)
	}
	tv.wire(p)
	return tv
}

// linkTreePhases finds the phase page each tree names in `phase`: "triage"
// is a phase of the first procesplaat, "nazorg/triage" one of plate nazorg.
func (s *Site) linkTreePhases() diag.List {
	var errs diag.List
	for _, p := range s.trees {
		if p.Meta.Phase == "" {
			continue
		}
		want := p.Meta.Phase
		if !strings.Contains(want, "/") && s.DefaultPlate() != nil {
			want = strings.TrimPrefix(s.DefaultPlate().URL, "procesplaten/") + want
		}
		var names []string
		for _, plate := range s.Plates {
			for _, ph := range s.Phases(plate) {
				name := strings.TrimSuffix(strings.TrimPrefix(ph.URL, "procesplaten/"), "/")
				names = append(names, name)
				if name == want {
					p.Tree.Phase = ph
				}
			}
		}
		if p.Tree.Phase == nil {
			errs.Add(p.Meta.Pos["phase"], "phase %q is not a phase page under procesplaten/%s", p.Meta.Phase, DidYouMean("", want, names))
		}
	}
	return errs
}

// checkSources reports outcomes whose only source links point to other
// decision trees: those help, but are no legal basis.
func checkSources(p *Page) diag.List {
	var errs diag.List
	for _, n := range p.Page.Tree.Nodes {
		if n.Outcome && len(n.Sources) > 0 && resolved(p, n.Sources) && len(sources(p, n)) == 0 {
			errs.Add(n.Pos, "outcome #%s links only decision trees; link the spelregel, Handvat or law page it rests on", n.ID)
		}
	}
	return errs
}

// resolved reports whether every link resolved; a dead one is reported
// by the link check already.
func resolved(p *Page, links []*ast.Link) bool {
	for _, l := range links {
		if _, ok := p.targets[l]; !ok {
			return false
		}
	}
	return true
}

// sources lists the legal basis of an outcome: the pages its text links,
// named by their title (and section), once each. Links to other decision
// trees are help, not a legal basis, and are left out.
func sources(p *Page, n *tree.Node) []TreeLink {
	var out []TreeLink
	seen := map[string]bool{}
	for _, l := range n.Sources {
		t, ok := p.targets[l]
		if !ok || t.Page.Kind == load.KindTree || seen[t.URL()] {
			continue
		}
		seen[t.URL()] = true
		out = append(out, TreeLink{Text: t.Label(), Target: t})
	}
	return out
}

// outlineDepth is how deep the overview's outline nests: the shipped
// trees stay well within it. A node further down is written out as a part
// of its own after the outline (Tree.Continued), and its place refers to
// it. Browsers flatten elements nested some hundreds deep, and a list
// indented a hundred times is unreadable anyway.
const outlineDepth = 12

// outline builds the nested outline of tv from its start, and the parts
// that continue it below outlineDepth. A node reached again (routes may
// share a node) is listed as a reference to the place where it was first
// written out, so the outline grows with the size of the tree, not with
// the number of routes, and even a tree with a cycle (which the build
// reports) cannot make it loop.
func (tv *Tree) outline() {
	seen := map[*TreeNode]bool{}
	var later []*TreeNode // nodes cut off at outlineDepth, to write out as parts
	var expand func(it *OutlineItem, depth int)
	item := func(n *TreeNode, depth int) *OutlineItem {
		it := &OutlineItem{Node: n}
		switch {
		case seen[n]:
			it.Ref = true
		case depth == outlineDepth && len(n.Answers) > 0:
			// An outcome opens no list: it stays in place.
			seen[n] = true
			it.Ref = true
			later = append(later, n)
		default:
			seen[n] = true
			expand(it, depth)
		}
		return it
	}
	expand = func(it *OutlineItem, depth int) {
		for _, a := range it.Node.Answers {
			if a.To != nil {
				it.Branches = append(it.Branches, OutlineBranch{Label: a.Label, Item: item(a.To, depth+1)})
			}
		}
	}
	tv.Outline = item(tv.Start, 0)
	for i := 0; i < len(later); i++ {
		part := &OutlineItem{Node: later[i]}
		expand(part, 0)
		tv.Continued = append(tv.Continued, part)
	}
}

// answerKey is how an answer appears in the wizard's URL fragment.
func answerKey(label string) string { return markdown.Slug(label) }

// TreesFor returns the trees of a phase page, in weight and title order.
func (s *Site) TreesFor(phase *Page) []*Page {
	var out []*Page
	for _, p := range s.trees {
		if p.Tree.Phase == phase {
			out = append(out, p)
		}
	}
	return out
}

// Trees returns every tree, in weight and title order.
func (s *Site) Trees() []*Page { return s.trees }

// TreeGroup is the trees of one phase, for the list of all trees.
type TreeGroup struct {
	Phase *Page // nil for trees without a phase
	Trees []*Page
}

// TreesByPhase groups every tree by its phase, in the order of the plates
// and their phases; trees without a phase come last.
func (s *Site) TreesByPhase() []TreeGroup {
	var groups []TreeGroup
	for _, plate := range s.Plates {
		for _, ph := range s.Phases(plate) {
			if ts := s.TreesFor(ph); len(ts) > 0 {
				groups = append(groups, TreeGroup{Phase: ph, Trees: ts})
			}
		}
	}
	if ts := s.TreesFor(nil); len(ts) > 0 {
		groups = append(groups, TreeGroup{Trees: ts})
	}
	return groups
}
