// Package index is the second stage of a build: from the parsed pages of
// package load it computes, once per site, everything a page needs to know
// about the others. Sections and their children, the menu, the procesplaten
// and their phases, where every internal link points, which words link to the
// glossary, which decision tree belongs to which phase, which output path
// each source owns. Rendering (package render) then reads this index and
// never computes site-wide facts per page.
//
// An Index wraps the immutable load.Page values in Page values of its own,
// so two sites (the national model and a regional variant) can share one
// parse and still have their own navigation.
package index

import (
	"cmp"
	"fmt"
	"html/template"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/yuin/goldmark/ast"

	"github.com/zvh-webtool/zvh/internal/diag"
	"github.com/zvh-webtool/zvh/internal/frontmatter"
	"github.com/zvh-webtool/zvh/internal/load"
	"github.com/zvh-webtool/zvh/internal/markdown"
	"github.com/zvh-webtool/zvh/internal/settings"
)

// Page is a loaded page as one site sees it: the parse, plus its place in
// the site. Make one with NewPage.
type Page struct {
	*load.Page

	// The parse's fields that layouts read on nearly every page, copied so
	// they are fields of Page itself: html/template finds a field of an
	// embedded struct by a search that allocates, on every use.
	File, Rel, URL string
	Kind           load.Kind
	Meta           frontmatter.Meta

	Parent   *Page   // the section it belongs to, nil for the home page
	Children []*Page // for sections: pages and subsections, in menu order
	TOC      []markdown.Heading
	Tree     *Tree // for decision trees
	CitedBy  []*Page

	// Generated is the body of a page the build writes itself (the A–Z
	// register), given a function that makes a site path relative to it;
	// nil for pages from content/.
	Generated func(rel func(string) string) template.HTML

	targets map[*ast.Link]Target  // where each internal link points
	images  map[*ast.Image]string // the asset each image shows
	terms   map[ast.Node][]termUse
}

// NewPage returns the page of lp, not yet placed in a site.
func NewPage(lp *load.Page) *Page {
	return &Page{Page: lp, File: lp.File, Rel: lp.Rel, URL: lp.URL, Kind: lp.Kind, Meta: lp.Meta}
}

// Target is the page (and anchor) an internal link points to.
type Target struct {
	Page *Page
	Frag string
}

// URL is the site path of the target, with its #fragment.
func (t Target) URL() string {
	if t.Frag != "" {
		return t.Page.URL + "#" + t.Frag
	}
	return t.Page.URL
}

// Label names the target for a citation list: the page title, and the
// heading of the anchor when the link points into the page.
func (t Target) Label() string {
	if t.Frag != "" {
		for _, h := range t.Page.Doc.Headings {
			if h.ID == t.Frag {
				return t.Page.Meta.Title + ": " + h.Text
			}
		}
	}
	return t.Page.Meta.Title
}

// Target returns where the internal link l of p points; ok is false for
// external links and anchors on the page itself.
func (p *Page) Target(l *ast.Link) (Target, bool) {
	t, ok := p.targets[l]
	return t, ok
}

// Image returns the asset name (as under assets/) that img of p shows.
func (p *Page) Image(img *ast.Image) (string, bool) {
	a, ok := p.images[img]
	return a, ok
}

// Cites returns the paths (under content/) of the other pages p links to,
// sorted.
func (p *Page) Cites() []string {
	var out []string
	for _, t := range p.targets {
		if t.Page != p {
			out = append(out, t.Page.Rel)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Unverified reports whether p is a law page whose reference is not yet
// confirmed (verified: false).
func (p *Page) Unverified() bool {
	return p.Kind == load.KindLaw && p.Meta.Verified != nil && !*p.Meta.Verified
}

// Site is what every layout can see of the whole site.
type Site struct {
	Title   string
	Home    *Page
	Menu    []*Page // top-level sections and pages, in weight order
	Plates  []*Page // procesplaten, the default one first
	Version string  // date of the newest page, "22 november 2026"
	Updated string  // the same date as 2026-11-22, for names of files

	// From site.yaml: who publishes the site and how to reach them. The
	// contact is empty until a real one is known; layouts then show none.
	Publisher string
	Contact   settings.Contact
	// URL is the published address (site.yaml `url`), or "".
	URL string

	Pages      []*Page          // every page, in path order
	Glossary   *Page            // begrippen.md, or nil
	byRel      map[string]*Page // content path -> page
	assetNames func(name string) bool
	trees      []*Page // in weight order
}

// Get returns the page at rel, a path under content/ such as "over.md", or
// nil. Layouts use it for links to pages that a site may not have.
func (s *Site) Get(rel string) *Page { return s.byRel[rel] }

// DefaultPlate is the procesplaat shown on the home page, or nil.
func (s *Site) DefaultPlate() *Page {
	if len(s.Plates) == 0 {
		return nil
	}
	return s.Plates[0]
}

// Phases returns the phase pages of a plate, in order.
func (s *Site) Phases(plate *Page) []*Page {
	var out []*Page
	if plate == nil {
		return nil
	}
	for _, c := range plate.Children {
		if c.Kind == load.KindPhase {
			out = append(out, c)
		}
	}
	return out
}

// Build computes the index of the site made of pages (as Load returned
// them: in path order, drafts left out); isAsset reports whether a file of
// that name is under assets/, for the check of images. It returns every
// problem it finds; the index is usable for reporting even then.
//
// cache, when not nil, keeps per-page results between builds of one site.
func Build(pages []*load.Page, isAsset func(name string) bool, cache *Cache) (*Site, diag.List) {
	s := &Site{byRel: map[string]*Page{}, Title: "Gegevensdeling in het Zorg- en Veiligheidshuis", assetNames: isAsset}
	for _, lp := range pages {
		p := NewPage(lp)
		s.Pages = append(s.Pages, p)
		s.byRel[p.Rel] = p
		for _, h := range lp.Doc.Headings {
			if h.Level == 2 || h.Level == 3 {
				p.TOC = append(p.TOC, h)
			}
		}
	}
	errs := checkNames(pages)
	linkSections(s.Pages)
	s.navigation()
	if s.Home == nil {
		errs.Add(diag.Position{File: "content/_index.md"}, "the site has no home page: content/_index.md is missing or a draft")
	}
	errs.Append(resolveLinks(s))
	errs.Append(s.trees_())
	if g := s.Get(glossaryFile); g != nil {
		s.Glossary = g
		planTerms(s, g, cache)
	}
	errs.Sort()
	return s, errs
}

// navigation finds the home page, the menu, the plates and the version.
func (s *Site) navigation() {
	newest := ""
	for _, p := range s.Pages {
		if p.Meta.Date > newest {
			newest = p.Meta.Date
		}
		switch p.Kind {
		case load.KindHome:
			s.Home = p
		case load.KindPlate:
			s.Plates = append(s.Plates, p)
		}
		if p.Parent != nil && p.Parent.Kind == load.KindHome {
			s.Menu = append(s.Menu, p)
		}
	}
	if s.Home != nil {
		s.Title = s.Home.Meta.Title
	}
	s.Version = DutchDate(newest)
	s.Updated = newest
	slices.SortFunc(s.Menu, byWeight)
	slices.SortFunc(s.Plates, byWeight)
}

// linkSections gives every page its parent section and every section its
// children, ordered by weight, then title.
func linkSections(pages []*Page) {
	byURL := map[string]*Page{}
	for _, p := range pages {
		if p.IsSection() {
			byURL[p.URL] = p
		}
	}
	for _, p := range pages {
		if p.Kind == load.KindHome {
			continue
		}
		// The parent is the nearest folder above with an _index.md.
		dir := path.Dir(strings.TrimSuffix(p.URL, "/"))
		for {
			key := dir + "/"
			if dir == "." || dir == "/" {
				key = ""
			}
			if s, ok := byURL[key]; ok && s != p {
				p.Parent = s
				s.Children = append(s.Children, p)
				break
			}
			if key == "" {
				break
			}
			dir = path.Dir(dir)
		}
	}
	for _, s := range byURL {
		slices.SortFunc(s.Children, byWeight)
	}
}

func byWeight(a, b *Page) int {
	return cmp.Or(cmp.Compare(a.Meta.Weight, b.Meta.Weight), strings.Compare(a.Meta.Title, b.Meta.Title), strings.Compare(a.Rel, b.Rel))
}

// Warnings lists every law page marked verified: false with the pages that
// cite it, so editors see what still has to be checked before they publish.
// Each warning is positioned at the page's `verified` key.
func (s *Site) Warnings() diag.List {
	var out diag.List
	for _, p := range s.Pages {
		if !p.Unverified() {
			continue
		}
		var cites []string
		for _, c := range p.CitedBy {
			cites = append(cites, c.File)
		}
		slices.Sort(cites)
		msg := "unverified reference (verified: false)"
		if len(cites) > 0 {
			msg += "; cited by " + strings.Join(cites, ", ")
		}
		pos := p.Meta.Pos["verified"]
		if pos.File == "" {
			pos = diag.Position{File: p.File}
		}
		out.Add(pos, "%s", msg)
	}
	out.Sort()
	return out
}

var months = [...]string{"januari", "februari", "maart", "april", "mei", "juni", "juli",
	"augustus", "september", "oktober", "november", "december"}

// DutchDate formats YYYY-MM-DD as "22 november 2026"; other text is returned
// as it is (front matter validation has already reported it).
func DutchDate(s string) string {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return fmt.Sprintf("%d %s %d", t.Day(), months[t.Month()-1], t.Year())
}
