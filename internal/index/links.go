package index

import (
	"fmt"
	"net/url"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/yuin/goldmark/ast"

	"github.com/zvh-webtool/zvh/internal/diag"
	"github.com/zvh-webtool/zvh/internal/suggest"
)

// externalSchemes are the schemes a Markdown link may use to leave the site.
var externalSchemes = []string{"http", "https", "mailto", "tel"}

// resolveLinks finds the target of every internal link of every page and
// records, for every page, the pages that cite it. Authors link to source
// files (../fasen/triage.md#doel or /fasen/triage.md); a link to a page or an
// anchor that does not exist is an error at the link's position. Pages are
// resolved on every processor; each writes only its own map.
func resolveLinks(s *Site) diag.List {
	var rels []string
	for _, p := range s.Pages {
		rels = append(rels, p.Rel)
	}
	perPage := make([]diag.List, len(s.Pages))
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				perPage[i] = resolvePage(s, s.Pages[i], rels)
			}
		})
	}
	for i := range s.Pages {
		next <- i
	}
	close(next)
	wg.Wait()
	var errs diag.List
	for i, p := range s.Pages {
		errs.Append(perPage[i])
		var cited []*Page
		for _, t := range p.targets {
			if t.Page != p && !slices.Contains(cited, t.Page) {
				cited = append(cited, t.Page)
			}
		}
		// Map order is random: sort before the pages see each other.
		slices.SortFunc(cited, func(a, b *Page) int { return strings.Compare(a.Rel, b.Rel) })
		for _, c := range cited {
			c.CitedBy = append(c.CitedBy, p)
		}
	}
	return errs
}

func resolvePage(s *Site, p *Page, rels []string) diag.List {
	var errs diag.List
	_ = ast.Walk(p.Doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if img, ok := n.(*ast.Image); ok && entering {
			asset, msg := s.image(string(img.Destination))
			if msg != "" {
				errs.Add(p.Lines.Pos(img.Pos()), "%s", msg)
			} else {
				if p.images == nil {
					p.images = map[*ast.Image]string{}
				}
				p.images[img] = asset
			}
			return ast.WalkSkipChildren, nil
		}
		link, ok := n.(*ast.Link)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		to, msg := resolve(s, p, string(link.Destination), rels)
		if msg != "" {
			errs.Add(p.Lines.Pos(link.Pos()), "%s", msg)
			return ast.WalkContinue, nil
		}
		if to.Page != nil {
			if p.targets == nil {
				p.targets = map[*ast.Link]Target{}
			}
			p.targets[link] = to
		}
		return ast.WalkContinue, nil
	})
	return errs
}

// resolve returns the target of dest, a link on page p (a zero Target for
// external links and anchors on p), or a message saying why the link is
// wrong.
func resolve(s *Site, p *Page, dest string, rels []string) (Target, string) {
	if u, err := url.Parse(dest); err == nil && u.Scheme != "" {
		if slices.Contains(externalSchemes, strings.ToLower(u.Scheme)) {
			return Target{}, ""
		}
		return Target{}, fmt.Sprintf("link %q uses scheme %q; use https: for other sites or a path to a .md file", dest, u.Scheme)
	}
	target, frag, _ := strings.Cut(dest, "#")
	if target == "" {
		if frag == "" || p.Doc.IDs[frag] {
			return Target{}, ""
		}
		return Target{}, fmt.Sprintf("link to #%s: this page has no such anchor%s", frag, DidYouMean("#", frag, p.IDs()))
	}
	target, err := url.PathUnescape(target)
	if err != nil {
		return Target{}, fmt.Sprintf("link %q is not a valid path", dest)
	}
	if path.Ext(target) != ".md" {
		return Target{}, fmt.Sprintf("link %q does not point to a page: link to the page's source file (a path ending in .md), not to an output URL", dest)
	}
	var rel string
	if strings.HasPrefix(target, "/") {
		rel = path.Clean(target)[1:]
	} else {
		rel = path.Join(path.Dir(p.Rel), target)
	}
	if rel == ".." || strings.HasPrefix(rel, "../") {
		return Target{}, fmt.Sprintf("link %q points outside content/", dest)
	}
	to := s.byRel[rel]
	if to == nil {
		return Target{}, fmt.Sprintf("link to missing page %s%s", rel, DidYouMean("", rel, rels))
	}
	if frag != "" && !to.Doc.IDs[frag] {
		return Target{}, fmt.Sprintf("link to %s#%s: that page has no such anchor%s", rel, frag, DidYouMean("#", frag, to.IDs()))
	}
	return Target{Page: to, Frag: frag}, ""
}

// DidYouMean is "; did you mean X?" for the known name closest to name, or
// "" when none is close.
func DidYouMean(prefix, name string, known []string) string {
	return suggest.Hint(name, known, prefix, "")
}

// image checks the source of an image: it must name a file of assets/ by
// its path from there (/img/schema.svg is assets/img/schema.svg), so every
// image is a local file that exists and nothing is loaded from elsewhere.
// It returns the asset name.
func (s *Site) image(dest string) (string, string) {
	if u, err := url.Parse(dest); err != nil || u.Scheme != "" || u.Host != "" {
		return "", fmt.Sprintf("image %q: an image must be a file of the site, written as its path under assets/ (such as /img/schema.svg); images from elsewhere are not allowed", dest)
	}
	name, err := url.PathUnescape(strings.TrimPrefix(path.Clean("/"+dest), "/"))
	if err != nil || strings.Contains(dest, "..") || s.assetNames == nil || !s.assetNames(name) {
		return "", fmt.Sprintf("image %q: no such file in assets/; write the path under assets/, such as /img/schema.svg", dest)
	}
	return name, ""
}
