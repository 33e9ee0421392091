package render

import (
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/zvh-webtool/zvh/internal/index"
	"github.com/zvh-webtool/zvh/internal/markdown"
)

type astNode = ast.Node

// view is the data a layout gets for one file.
type view struct {
	Site   *index.Site
	Page   *index.Page
	Crumbs []*index.Page // from the home page down to the parent
	Prev   *index.Page   // previous sibling in the section, or nil
	Next   *index.Page
	Node   *index.TreeNode // on the page of one decision-tree node
	// URL is the site path of the file's own folder: .Page.URL, except
	// on the page of a tree node and on a tree's overview.
	URL string
}

func newView(s *index.Site, j Job) *view {
	p := j.Page
	v := &view{Site: s, Page: p, Node: j.Node, URL: j.At}
	for a := p.Parent; a != nil; a = a.Parent {
		v.Crumbs = append([]*index.Page{a}, v.Crumbs...)
	}
	if p.Parent != nil {
		sib := p.Parent.Children
		i := slices.Index(sib, p)
		if i > 0 {
			v.Prev = sib[i-1]
		}
		if i >= 0 && i+1 < len(sib) {
			v.Next = sib[i+1]
		}
	}
	return v
}

// Section is the top-level page the page belongs to (a page of the main
// menu): the page itself when it is one, nil on the home page.
func (v *view) Section() *index.Page {
	for p := v.Page; p != nil; p = p.Parent {
		if p.Parent != nil && p.Parent == v.Site.Home {
			return p
		}
	}
	return nil
}

// MenuKey is what the main menu of this file depends on, for the cached
// partial: the section that is current (or none), and whether the page is
// that section itself. Where the file sits is for cached itself to check.
func (v *view) MenuKey() string {
	sec := v.Section()
	switch {
	case sec == nil:
		return ""
	case sec == v.Page:
		return sec.Rel + "=page"
	}
	return sec.Rel
}

// Description is the page's description, or the site's for pages without.
func (v *view) Description() string {
	if d := strings.TrimSpace(v.Page.Meta.Description); d != "" {
		return d
	}
	if v.Site.Home != nil {
		return v.Site.Home.Meta.Description
	}
	return ""
}

// mdContext answers the Markdown renderer's questions for one page of one
// file: where its links point from there, and its glossary links.
type mdContext struct {
	w    *worker
	page *index.Page
	// marked holds, per unverified page, the link that carries its
	// "(nog te bevestigen)" in this rendering: a reader needs the warning
	// once per reference, not after every link to it. (Link is asked on
	// entering and on leaving a link, so the link itself is kept.)
	marked map[string]*ast.Link
}

func (c *mdContext) Link(l *ast.Link) (string, string, string, bool) {
	t, ok := c.page.Target(l)
	if !ok {
		return "", "", "", false
	}
	c.w.deps.Links[t.Page.Rel] = true
	after := ""
	if t.Page.Unverified() {
		// Say it where the reference is first made, not only on the law
		// page; once is enough.
		if c.marked == nil {
			c.marked = map[string]*ast.Link{}
		}
		if first, ok := c.marked[t.Page.Rel]; !ok || first == l {
			c.marked[t.Page.Rel] = l
			after = " (nog te bevestigen)"
		}
	}
	return c.w.rel(t.URL()), c.w.r.Prefix + t.URL(), after, true
}

func (c *mdContext) Terms(t *ast.Text) []markdown.Term {
	uses := c.page.Terms(t)
	if len(uses) == 0 {
		return nil
	}
	g := c.w.r.Site.Glossary
	c.w.deps.Glossary = true
	out := make([]markdown.Term, len(uses))
	for i, u := range uses {
		out[i] = markdown.Term{Start: u.Start, Stop: u.Stop, Href: c.w.rel(g.URL + "#" + u.ID)}
	}
	return out
}

// NameTerm returns the glossary link of a placeholder whose value is a
// glossary term.
func (c *mdContext) NameTerm(n *markdown.Name) (string, bool) {
	id, ok := c.page.NameTerm(n)
	if !ok {
		return "", false
	}
	c.w.deps.Glossary = true
	return c.w.rel(c.w.r.Site.Glossary.URL + "#" + id), true
}

func (c *mdContext) Image(img *ast.Image) (string, bool) {
	name, ok := c.page.Image(img)
	if !ok {
		return "", false
	}
	fp, err := c.w.r.Assets.Path(name)
	if err != nil {
		return "", false
	}
	c.w.deps.Assets[name] = true
	return c.w.rel(fp), true
}
