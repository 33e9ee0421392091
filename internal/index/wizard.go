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

// routeShown is the number of steps a node page lists of the route that
// leads to it: ten fit on a phone screen inside the "Zo kom je hier"
// disclosure, and the shipped trees are at most nine questions deep. A
// deeper node lists its last ten and links the first question, so a page
// does not grow with the depth of its node, nor the tree with its square.
const routeShown = 10

// wire computes the routes, ways back and source labels of p's tree, once,
// when the tree view is made, and keeps them on the nodes: the layouts
// then only read fields, on every processor, which html/template does
// several times faster than it calls a method.
func (tv *Tree) wire(p *Page) {
	t := tv.Parsed
	byID := make(map[string]*TreeNode, len(tv.Nodes))
	for _, n := range tv.Nodes {
		byID[n.ID] = n
	}
	for _, n := range tv.Nodes {
		n.Number = 1 // also for a node no route reaches
		n.SourceLabel = "Bron"
		if n.Outcome {
			n.SourceLabel = sourceLabel(p, n.Node)
		}
	}
	ways := t.Shortest()
	keys := map[string]string{} // answer label -> its key in a fragment
	for n, way := range ways {
		tn := byID[n.ID]
		tn.Number = way.Depth + 1
		steps, before := tree.Route(ways, n, routeShown)
		tn.Earlier = before
		tn.Route = make([]TreeStep, len(steps))
		for i, s := range steps {
			tn.Route[i] = TreeStep{Question: byID[s.Node.ID], Answer: s.Answer.Label}
		}
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
			tn.Fragment = strings.Join(frag, "/")
		}
	}
	for n, ps := range t.Parents() {
		tn := byID[n.ID]
		for _, q := range ps {
			tn.Parents = append(tn.Parents, byID[q.ID])
		}
		// The way back starts with the question the route on the page
		// comes from; the others follow in document order.
		if len(tn.Route) > 0 {
			last := tn.Route[len(tn.Route)-1].Question
			if i := slices.Index(tn.Parents, last); i > 0 {
				tn.Parents = slices.Insert(slices.Delete(tn.Parents, i, i+1), 0, last)
			}
		}
	}
}

// sourceLabel names the list of an outcome's sources by what is in it. Only
// a law page that can itself be a legal ground (front matter `ground: true`)
// makes the list a "Grondslag": a prohibition such as the professional
// secret or a principle such as AVG article 5 is a source, not a ground.
// "Grondslag en bron" when such a ground comes with other sources,
// "Grondslag" when every source is one, "Bron" otherwise.
func sourceLabel(p *Page, n *tree.Node) string {
	ground, other := false, false
	for _, l := range n.Sources {
		if t, ok := p.targets[l]; ok && t.Page.Kind == load.KindLaw && t.Page.Meta.Ground {
			ground = true
		} else {
			other = true
		}
	}
	switch {
	case ground && other:
		return "Grondslag en bron"
	case ground:
		return "Grondslag"
	}
	return "Bron"
}

// DocTitle is how the node names itself in a title: "Vraag 3: …" or
// "Uitkomst: Mag niet — …". The wizard writes the same form.
func (n *TreeNode) DocTitle() string {
	if n.Outcome {
		if n.Verdict != "" {
			return "Uitkomst: " + n.VerdictLabel + " — " + n.Title
		}
		return "Uitkomst: " + n.Title
	}
	return "Vraag " + strconv.Itoa(n.Number) + ": " + n.Title
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
