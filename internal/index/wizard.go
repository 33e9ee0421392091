package index

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/zvh-webtool/zvh/internal/load"
	"github.com/zvh-webtool/zvh/internal/tree"
)

// What the layouts need to lead a reader through a decision tree without
// JavaScript (the route to a node, its question number, the way back) and
// to name sources, computed once per tree when the index is built.

// wizardData is what wire computes for the node pages of one tree.
// routeShown is the number of steps a node page lists of the route that
// leads to it: ten fit on a phone screen inside the "Zo kom je hier"
// disclosure, and the shipped trees are at most nine questions deep. A
// deeper node lists its last ten and links the first question, so a page
// does not grow with the depth of its node, nor the tree with its square.
const routeShown = 10

type wizardData struct {
	depth   map[*TreeNode]int         // questions on the shortest route
	earlier map[*TreeNode]int         // steps of that route before the ones listed
	routes  map[*TreeNode][]TreeStep  // shortest route from the start
	keys    map[*TreeNode]string      // that route as the wizard's URL fragment
	parents map[*TreeNode][]*TreeNode // questions with an answer to the node
	labels  map[*TreeNode]string      // "Bron" or "Grondslag en bron"
}

// wire computes the routes, ways back and source labels of p's tree, once,
// when the tree view is made: the layouts then only read them, on every
// processor.
func (tv *Tree) wire(p *Page) {
	t := tv.Parsed
	byID := map[string]*TreeNode{}
	for _, n := range tv.Nodes {
		byID[n.ID] = n
	}
	w := wizardData{routes: map[*TreeNode][]TreeStep{}, keys: map[*TreeNode]string{}, depth: map[*TreeNode]int{},
		earlier: map[*TreeNode]int{}, parents: map[*TreeNode][]*TreeNode{}, labels: map[*TreeNode]string{}}
	ways := t.Shortest()
	keys := map[string]string{} // answer label -> its key in a fragment
	for n, way := range ways {
		tn := byID[n.ID]
		w.depth[tn] = way.Depth
		steps, before := tree.Route(ways, n, routeShown)
		w.earlier[tn] = before
		route := make([]TreeStep, len(steps))
		for i, s := range steps {
			route[i] = TreeStep{Question: byID[s.Node.ID], Answer: s.Answer.Label}
		}
		w.routes[tn] = route
		if before == 0 {
			// A longer route is not put in a link: the page would grow
			// with the depth of its node, and the tree with its square.
			frag := make([]string, len(steps))
			for i, s := range steps {
				k, ok := keys[s.Answer.Label]
				if !ok {
					k = answerKey(s.Answer.Label)
					keys[s.Answer.Label] = k
				}
				frag[i] = s.Node.ID + "=" + k
			}
			w.keys[tn] = strings.Join(frag, "/")
		}
	}
	for n, ps := range t.Parents() {
		for _, q := range ps {
			w.parents[byID[n.ID]] = append(w.parents[byID[n.ID]], byID[q.ID])
		}
	}
	for _, n := range t.Nodes {
		if n.Outcome {
			w.labels[byID[n.ID]] = sourceLabel(p, n)
		}
	}
	tv.wiz = w
}

// sourceLabel names the list of an outcome's sources by what is in it: a
// law page is a legal ground ("Grondslag en bron"); spelregels and Handvat
// pages alone are a source ("Bron"), not a ground.
func sourceLabel(p *Page, n *tree.Node) string {
	for _, l := range n.Sources {
		if t, ok := p.targets[l]; ok && t.Page.Kind == load.KindLaw {
			return "Grondslag en bron"
		}
	}
	return "Bron"
}

// RouteTo is the shortest route from the start to n: the questions and the
// answers that lead there (its last steps only, for a very deep node; see
// EarlierSteps).
func (tv *Tree) RouteTo(n *TreeNode) []TreeStep { return tv.wiz.routes[n] }

// FragmentTo is RouteTo as the wizard's URL fragment, so that a node page
// can open the wizard at the same point.
func (tv *Tree) FragmentTo(n *TreeNode) string { return tv.wiz.keys[n] }

// Number is the number of the question n on its shortest route: 1 for the
// start.
func (tv *Tree) Number(n *TreeNode) int { return tv.wiz.depth[n] + 1 }

// EarlierSteps is how many steps of the route to n come before those
// RouteTo lists: 0 unless the tree is deeper than a page shows.
func (tv *Tree) EarlierSteps(n *TreeNode) int { return tv.wiz.earlier[n] }

// ParentsOf lists the questions with an answer that leads to n, in document
// order: the way back from n's own page.
func (tv *Tree) ParentsOf(n *TreeNode) []*TreeNode { return tv.wiz.parents[n] }

// SourceLabel is the heading of an outcome's source list: "Grondslag en
// bron" when a law page is among the sources, else "Bron".
func (tv *Tree) SourceLabel(n *TreeNode) string {
	if l := tv.wiz.labels[n]; l != "" {
		return l
	}
	return "Bron"
}

// DocTitle is how the node names itself in a title: "Vraag 3: …" or
// "Uitkomst: Mag niet — …". The wizard writes the same form.
func (n *TreeNode) DocTitle(tv *Tree) string {
	if n.Outcome {
		if n.Verdict != "" {
			return "Uitkomst: " + n.VerdictLabel + " — " + n.Title
		}
		return "Uitkomst: " + n.Title
	}
	return "Vraag " + strconv.Itoa(tv.Number(n)) + ": " + n.Title
}

// CitedBy lists the pages whose text links to p, by title: on a law page,
// where the article is used.
func (s *Site) CitedBy(p *Page) []*Page {
	out := slices.Clone(p.CitedBy)
	slices.SortStableFunc(out, func(a, b *Page) int { return strings.Compare(a.Title(), b.Title()) })
	return out
}

// OfficialSite names where a law page's official text is published, for the
// link text "Officiële tekst op wetten.overheid.nl": a bare address is hard
// to read aloud and says nothing about what it opens.
func (p *Page) OfficialSite() string {
	u, err := url.Parse(p.Meta.Official)
	if err != nil || u.Host == "" {
		return ""
	}
	return strings.TrimPrefix(u.Host, "www.")
}
