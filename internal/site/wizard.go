package site

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/zvh-webtool/zvh/internal/diag"
	"github.com/zvh-webtool/zvh/internal/frontmatter"
	"github.com/zvh-webtool/zvh/internal/markdown"
	"github.com/zvh-webtool/zvh/internal/tree"
)

// This file holds what the layouts need to lead a reader through the site
// (issue 15): the phase bar of the plate a page belongs to, the way to a
// decision-tree node without JavaScript (route, question number, way back),
// a title per question, the pages that cite a law page, the letters of the
// glossary and the 404 page. It only reads what the build has made.

// wizardData is what wire computes for the node pages of one tree.
type wizardData struct {
	routes  map[*TreeNode][]TreeStep  // shortest route from the start
	keys    map[*TreeNode]string      // that route as the wizard's URL fragment
	parents map[*TreeNode][]*TreeNode // questions with an answer to the node
	labels  map[*TreeNode]string      // "Bron" or "Grondslag en bron"
}

// wire computes the routes, ways back and source labels of p's tree, once,
// after renderTree: the layouts then only read them, on every processor.
func (tv *Tree) wire(p *Page) {
	t := tv.tree
	byID := map[string]*TreeNode{}
	for _, n := range tv.Nodes {
		byID[n.ID] = n
	}
	w := wizardData{routes: map[*TreeNode][]TreeStep{}, keys: map[*TreeNode]string{},
		parents: map[*TreeNode][]*TreeNode{}, labels: map[*TreeNode]string{}}
	for n, path := range t.Shortest() {
		tn := byID[n.ID]
		var frag []string
		for _, s := range path.Steps {
			w.routes[tn] = append(w.routes[tn], TreeStep{Question: byID[s.Node.ID], Answer: s.Answer.Label})
			frag = append(frag, s.Node.ID+"="+answerKey(s.Answer.Label))
		}
		w.keys[tn] = strings.Join(frag, "/")
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
		if t, ok := p.targets[l]; ok && t.page.Kind == KindLaw {
			return "Grondslag en bron"
		}
	}
	return "Bron"
}

// RouteTo is the shortest route from the start to n: the questions and the
// answers that lead there.
func (tv *Tree) RouteTo(n *TreeNode) []TreeStep { return tv.wiz.routes[n] }

// FragmentTo is RouteTo as the wizard's URL fragment, so that a node page
// can open the wizard at the same point.
func (tv *Tree) FragmentTo(n *TreeNode) string { return tv.wiz.keys[n] }

// Number is the number of the question n on its shortest route: 1 for the
// start.
func (tv *Tree) Number(n *TreeNode) int { return len(tv.wiz.routes[n]) + 1 }

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

// Plate is the procesplaat the page belongs to: a plate itself, the plate
// of a phase, the plate of a decision tree's phase; for other pages the
// default plate.
func (v *view) Plate() *Page {
	p := v.Page
	switch {
	case p.Kind == KindPlate:
		return p
	case p.Kind == KindPhase && p.Parent != nil:
		return p.Parent
	case p.Tree != nil && p.Tree.Phase != nil && p.Tree.Phase.Parent != nil:
		return p.Tree.Phase.Parent
	}
	return v.Site.DefaultPlate()
}

// Phase is the phase the page is about: a phase page itself, or the phase
// of a decision tree; nil for other pages.
func (v *view) Phase() *Page {
	switch {
	case v.Page.Kind == KindPhase:
		return v.Page
	case v.Page.Tree != nil:
		return v.Page.Tree.Phase
	}
	return nil
}

// DocTitle is the text of <title>: distinct for every page, so that tabs,
// history and screen readers tell pages apart. A phase names its plate
// (three plates have a "Casusoverleg"), a tree node says which question it
// is and of which tree.
func (v *view) DocTitle() string {
	p := v.Page
	site := v.Site.Title
	switch {
	case p.Kind == KindHome:
		return site
	case v.Node != nil:
		return v.Node.DocTitle(p.Tree) + " — " + p.Title() + " | " + site
	case p.Kind == KindPhase && p.Parent != nil:
		return p.Title() + " — " + p.Parent.Title() + " | " + site
	}
	return p.Title() + " | " + site
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
	var out []*Page
	for _, q := range s.pages {
		if q == p {
			continue
		}
		for _, t := range q.targets {
			if t.page == p {
				out = append(out, q)
				break
			}
		}
	}
	slices.SortFunc(out, func(a, b *Page) int { return strings.Compare(a.Title(), b.Title()) })
	return out
}

// Letter is one letter of the glossary's jump list and the anchor of its
// first term.
type Letter struct {
	Letter string
	ID     string
}

// Letters returns the first letters of the glossary's terms with the anchor
// of the first term of each, for an A–Z jump list; nil on other pages.
func (v *view) Letters() []Letter {
	p := v.Page
	if p.Rel != glossaryFile || p.Doc == nil {
		return nil
	}
	var out []Letter
	_ = ast.Walk(p.Doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		dt, ok := n.(*east.DefinitionTerm)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		id, _ := dt.AttributeString("id")
		idb, _ := id.([]byte)
		r, _ := utf8.DecodeRuneInString(markdown.PlainText(dt, p.Doc.Src))
		l := string(unicode.ToUpper(r))
		if len(idb) > 0 && unicode.IsLetter(r) && !slices.ContainsFunc(out, func(x Letter) bool { return x.Letter == l }) {
			out = append(out, Letter{Letter: l, ID: string(idb)})
		}
		return ast.WalkSkipChildren, nil
	})
	return out
}

// notFoundKind is the layout of the 404 page (layouts/404.html).
const notFoundKind Kind = "404"

// notFoundPage renders 404.html at the root of the output, the page hosts
// show for an address the site does not have. Its links are relative to the
// root, which is where hosts serve it from for a site at the root.
func notFoundPage(lay *layouts, s *Site, files map[string][]byte, offline bool) diag.List {
	if _, ok := lay.sets[string(notFoundKind)]; !ok {
		return nil
	}
	p := &Page{File: "layouts/404.html", Kind: notFoundKind, Meta: frontmatter.Meta{Title: "Pagina niet gevonden"}}
	b, errs := lay.render(notFoundKind, &view{Site: s, Page: p}, "", offline)
	if b != nil {
		files["404.html"] = b
	}
	return errs
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
