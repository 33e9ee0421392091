package site

import (
	"bytes"
	"errors"
	"html/template"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/zvh-webtool/zvh/internal/diag"
	"github.com/zvh-webtool/zvh/internal/markdown"
	"github.com/zvh-webtool/zvh/internal/tree"
	"github.com/zvh-webtool/zvh/internal/urls"
)

// Tree is a decision tree page as the layouts see it: every node rendered,
// the scenarios, the diagram. One tree yields a start page (with the
// wizard), a page per node for readers without JavaScript, and an overview.
type Tree struct {
	Slug      string
	Phase     *Page // the phase page it belongs to, or nil
	Intro     template.HTML
	Start     *TreeNode
	Nodes     []*TreeNode
	Depth     int // most questions on one route, for the progress hint
	Scenarios []TreeScenario
	Outline   *OutlineItem // the whole tree, nested, for the overview
	SVG       template.HTML

	tree      *tree.Tree
	wiz       wizardData // routes and ways back for the node pages (wizard.go)
	scenarios []tree.Scenario
}

// TreeNode is one question or outcome, rendered.
type TreeNode struct {
	ID           string
	Title        string
	URL          string // site path of its own page
	Outcome      bool
	Verdict      string // "", "mag", "mag-niet", "voorwaarden", "verwijs"
	VerdictLabel string
	Body         template.HTML
	Answers      []TreeAnswer
	Sources      []TreeLink // an outcome's legal basis
}

// TreeAnswer is an answer of a question.
type TreeAnswer struct {
	Label string
	Key   string // the answer in the URL fragment: "weet-ik-niet"
	To    *TreeNode
}

// TreeLink is a link with its text.
type TreeLink struct {
	Text string
	URL  template.URL
}

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
}

// OutlineBranch is one answer in the outline.
type OutlineBranch struct {
	Label string
	Item  *OutlineItem
}

// parseTrees reads the tree structure of every tree page and its scenarios.
// It runs before links are resolved, since it reads answers as #node links.
func parseTrees(fsys fs.FS, pages []*Page) diag.List {
	var errs diag.List
	for _, p := range pages {
		if p.Kind != KindTree {
			continue
		}
		t, terrs := tree.Parse(p.Doc, p.lines, tree.Start{ID: p.Meta.Start, Pos: p.Meta.Pos["start"]})
		errs.Append(terrs)
		p.Tree = &Tree{Slug: strings.TrimSuffix(path.Base(p.Rel), ".md"), tree: t}
		file := strings.TrimSuffix(p.File, ".md") + ".scenarios.yaml"
		src, err := fs.ReadFile(fsys, file)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			errs.Add(diag.Position{File: file}, "cannot read: %v", err)
			continue
		}
		sc, serrs := tree.ParseScenarios(file, src)
		errs.Append(serrs)
		if len(terrs) == 0 && len(serrs) == 0 {
			errs.Append(t.CheckScenarios(sc))
			p.Tree.scenarios = sc
		}
	}
	return errs
}

// linkTreePhases finds the phase page each tree names in `phase`: "triage"
// is a phase of the first procesplaat, "nazorg/triage" one of plate nazorg.
func linkTreePhases(pages []*Page, s *Site) diag.List {
	var errs diag.List
	for _, p := range pages {
		if p.Tree == nil || p.Meta.Phase == "" {
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
			errs.Add(p.Meta.Pos["phase"], "phase %q is not a phase page under procesplaten/%s", p.Meta.Phase, didYouMean("", want, names))
		}
	}
	return errs
}

// renderTree renders the nodes, scenarios, outline and diagram of page p.
func renderTree(md *markdown.Converter, p *Page) error {
	tv, t := p.Tree, p.Tree.tree
	var buf bytes.Buffer
	render := func(blocks []ast.Node) (template.HTML, error) {
		buf.Reset()
		for _, b := range blocks {
			if err := md.Render(&buf, p.Doc, b); err != nil {
				return "", err
			}
		}
		return template.HTML(buf.String()), nil
	}
	var err error
	if tv.Intro, err = render(t.Intro); err != nil {
		return err
	}
	byID := map[string]*TreeNode{}
	for _, n := range t.Nodes {
		tn := &TreeNode{ID: n.ID, Title: n.Title, URL: p.URL + n.ID + "/", Outcome: n.Outcome,
			Verdict: string(n.Verdict), VerdictLabel: n.Verdict.Label()}
		if tn.Body, err = render(n.Body); err != nil {
			return err
		}
		tn.Sources = sources(p, n)
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
		tv.Outline = outline(tv.Start, map[*TreeNode]*OutlineItem{})
	}
	tv.Depth = t.Depth()
	for _, s := range tv.scenarios {
		route, err := t.Walk(s.Answers)
		if err != nil {
			return err
		}
		ts := TreeScenario{Title: s.Title, Case: s.Case, End: byID[route.End.ID]}
		var frag []string
		for _, st := range route.Steps {
			ts.Steps = append(ts.Steps, TreeStep{Question: byID[st.Node.ID], Answer: st.Answer.Label})
			frag = append(frag, st.Node.ID+"="+answerKey(st.Answer.Label))
		}
		ts.Fragment = strings.Join(frag, "/")
		tv.Scenarios = append(tv.Scenarios, ts)
	}
	svg := t.SVG(tree.SVGOptions{Title: p.Meta.Title, Href: func(id string) string { return urls.Abs(p.URL + id + "/") }})
	// The diagram is drawn by our own code from escaped text.
	tv.SVG = template.HTML(svg)
	tv.wire(p)
	return nil
}

// checkSources reports outcomes whose only source links point to other
// decision trees: those help, but are no legal basis.
func checkSources(pages []*Page) diag.List {
	var errs diag.List
	for _, p := range pages {
		if p.Tree == nil {
			continue
		}
		for _, n := range p.Tree.tree.Nodes {
			if n.Outcome && len(n.Sources) > 0 && resolved(p, n.Sources) && len(sources(p, n)) == 0 {
				errs.Add(n.Pos, "outcome #%s links only decision trees; link the spelregel, Handvat or law page it rests on", n.ID)
			}
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
		if !ok || t.page.Kind == KindTree || seen[string(l.Destination)] {
			continue
		}
		seen[string(l.Destination)] = true
		out = append(out, TreeLink{Text: t.label(), URL: template.URL(l.Destination)})
	}
	return out
}

// outline builds the nested outline from n; a node reached twice is shown
// again (trees are acyclic, so this ends).
func outline(n *TreeNode, seen map[*TreeNode]*OutlineItem) *OutlineItem {
	it := &OutlineItem{Node: n}
	for _, a := range n.Answers {
		it.Branches = append(it.Branches, OutlineBranch{Label: a.Label, Item: outline(a.To, seen)})
	}
	return it
}

// answerKey is how an answer appears in the wizard's URL fragment.
func answerKey(label string) string { return markdown.Slug(label) }

// TreesFor returns the trees of a phase page, in title order.
func (s *Site) TreesFor(phase *Page) []*Page {
	var out []*Page
	for _, p := range s.pages {
		if p.Tree != nil && p.Tree.Phase == phase {
			out = append(out, p)
		}
	}
	slices.SortFunc(out, byWeight)
	return out
}

// Trees returns every tree, in weight and title order.
func (s *Site) Trees() []*Page {
	var out []*Page
	for _, p := range s.pages {
		if p.Tree != nil {
			out = append(out, p)
		}
	}
	slices.SortFunc(out, byWeight)
	return out
}

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
