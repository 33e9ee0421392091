package site

import (
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/zvh-webtool/zvh/internal/diag"
	"github.com/zvh-webtool/zvh/internal/suggest"
	"github.com/zvh-webtool/zvh/internal/urls"
)

// externalSchemes are the schemes a Markdown link may use to leave the site.
var externalSchemes = []string{"http", "https", "mailto", "tel"}

// resolveLinks checks every link of every page and rewrites internal ones to
// marker URLs. Authors link to source files (../fasen/triage.md#doel or
// /fasen/triage.md); a link to a page or an anchor that does not exist is an
// error at the link's position. It returns, for every page linked to, the
// pages that link to it.
func resolveLinks(pages []*Page) (map[*Page][]*Page, diag.List) {
	citedBy := map[*Page][]*Page{}
	byRel := map[string]*Page{}
	var rels []string
	for _, p := range pages {
		byRel[p.Rel] = p
		rels = append(rels, p.Rel)
	}
	var errs diag.List
	for _, p := range pages {
		_ = ast.Walk(p.Doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			link, ok := n.(*ast.Link)
			if !entering || !ok {
				return ast.WalkContinue, nil
			}
			dest, to, msg := resolve(p, string(link.Destination), byRel, rels)
			if msg != "" {
				errs.Add(p.lines.Pos(link.Pos()), "%s", msg)
				return ast.WalkContinue, nil
			}
			link.Destination = []byte(dest)
			if to != nil {
				if p.targets == nil {
					p.targets = map[*ast.Link]target{}
				}
				_, frag, _ := strings.Cut(dest, "#")
				p.targets[link] = target{to, frag}
			}
			if to != nil && to != p && !slices.Contains(citedBy[to], p) {
				citedBy[to] = append(citedBy[to], p)
			}
			if to != nil && to.Kind == KindLaw && to.Meta.Verified != nil && !*to.Meta.Verified {
				// Say it where the reference is made, not only on the law page.
				link.Parent().InsertAfter(link.Parent(), link, ast.NewString([]byte(" (nog te bevestigen)")))
			}
			return ast.WalkContinue, nil
		})
	}
	return citedBy, errs
}

// resolve returns the URL to write for dest, a link on page p, and the page
// it points to (nil for external links and anchors on p), or a message saying
// why the link is wrong.
func resolve(p *Page, dest string, byRel map[string]*Page, rels []string) (string, *Page, string) {
	if u, err := url.Parse(dest); err == nil && u.Scheme != "" {
		if slices.Contains(externalSchemes, strings.ToLower(u.Scheme)) {
			return dest, nil, ""
		}
		return "", nil, fmt.Sprintf("link %q uses scheme %q; use https: for other sites or a path to a .md file", dest, u.Scheme)
	}
	target, frag, _ := strings.Cut(dest, "#")
	if target == "" {
		if frag == "" || p.Doc.IDs[frag] {
			return dest, nil, ""
		}
		return "", nil, fmt.Sprintf("link to #%s: this page has no such anchor%s", frag, didYouMean("#", frag, ids(p)))
	}
	target, err := url.PathUnescape(target)
	if err != nil {
		return "", nil, fmt.Sprintf("link %q is not a valid path", dest)
	}
	if path.Ext(target) != ".md" {
		return "", nil, fmt.Sprintf("link %q does not point to a page: link to the page's source file (a path ending in .md), not to an output URL", dest)
	}
	var rel string
	if strings.HasPrefix(target, "/") {
		rel = path.Clean(target)[1:]
	} else {
		rel = path.Join(path.Dir(p.Rel), target)
	}
	if rel == ".." || strings.HasPrefix(rel, "../") {
		return "", nil, fmt.Sprintf("link %q points outside content/", dest)
	}
	to, ok := byRel[rel]
	if !ok {
		return "", nil, fmt.Sprintf("link to missing page %s%s", rel, didYouMean("", rel, rels))
	}
	if frag != "" && !to.Doc.IDs[frag] {
		return "", nil, fmt.Sprintf("link to %s#%s: that page has no such anchor%s", rel, frag, didYouMean("#", frag, ids(to)))
	}
	if frag != "" {
		return urls.Abs(to.URL + "#" + frag), to, ""
	}
	return urls.Abs(to.URL), to, ""
}

func ids(p *Page) []string {
	var out []string
	for id := range p.Doc.IDs {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}

func didYouMean(prefix, name string, known []string) string {
	if c := suggest.Closest(name, known); c != "" {
		return fmt.Sprintf("; did you mean %s%s?", prefix, c)
	}
	return ""
}

// target is the page (and anchor) an internal link points to.
type target struct {
	page *Page
	frag string
}

// label names the target for a citation list: the page title, and the
// heading of the anchor when the link points into the page.
func (t target) label() string {
	if t.frag != "" {
		for _, h := range t.page.Doc.Headings {
			if h.ID == t.frag {
				return t.page.Meta.Title + ": " + h.Text
			}
		}
	}
	return t.page.Meta.Title
}
