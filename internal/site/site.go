// Package site turns the layered source (content/, layouts/, assets/) into
// the files of a finished site, in memory. Data flows one way:
//
//	files -> pages (front matter, Markdown AST)
//	      -> site (sections, resolved links, navigation)
//	      -> rendered files (html/template, relative URLs)
//
// Build never writes to disk and never reads the clock, so the same input
// gives the same bytes; package output writes the result atomically.
package site

import (
	"bytes"
	"html/template"
	"io/fs"
	"slices"
	"strings"

	"github.com/zvh-webtool/zvh/internal/csp"
	"github.com/zvh-webtool/zvh/internal/diag"
	"github.com/zvh-webtool/zvh/internal/markdown"
)

// Options select what to build.
type Options struct {
	FS      fs.FS // holds content/, layouts/ and assets/
	Offline bool  // links end in index.html, for use from file://
}

// Result is a finished site.
type Result struct {
	Files    map[string][]byte // output path -> bytes
	Pages    int               // HTML pages written
	Trees    int               // decision trees
	Warnings []string          // things a person should look at, that do not stop the build
}

// Size is the total number of bytes of all files.
func (r *Result) Size() int {
	n := 0
	for _, b := range r.Files {
		n += len(b)
	}
	return n
}

// Site is what every layout can see of the whole site.
type Site struct {
	Title   string
	Home    *Page
	Menu    []*Page // top-level sections and pages, in weight order
	Plates  []*Page // procesplaten, the default one first
	Version string  // date of the newest page, "22 november 2026"
	pages   []*Page
	byRel   map[string]*Page // content path -> page, for Get
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
		if c.Kind == KindPhase {
			out = append(out, c)
		}
	}
	return out
}

// Build builds the site. On any error it returns all diagnostics and no
// result.
func Build(opts Options) (*Result, diag.List) {
	md := markdown.New()
	pages, errs := loadPages(opts.FS, md)
	assets, aerrs := loadAssets(opts.FS)
	errs.Append(aerrs)
	lay, lerrs := loadLayouts(opts.FS, funcs(assets))
	errs.Append(lerrs)
	// Go on after errors in single files: every link is still checked, so
	// one build reports everything that is wrong.
	linkSections(pages)
	errs.Append(parseTrees(opts.FS, pages))
	citedBy, rerrs := resolveLinks(pages)
	errs.Append(rerrs)
	errs.Append(checkSources(pages))
	site := newSite(pages)
	errs.Append(linkTreePhases(pages, site))
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}

	if g := glossaryPage(pages); g != nil {
		terms := glossaryTerms(g)
		for _, p := range pages {
			linkTerms(p, g, terms)
		}
	}
	res := &Result{Files: map[string][]byte{}, Warnings: unverified(pages, citedBy)}
	for _, p := range pages {
		errs.Append(renderBody(md, p))
	}
	jobs := renderJobs(site, pages)
	lay.renderAll(jobs, opts.Offline)
	for _, j := range jobs {
		errs.Append(j.errs)
		if j.out != nil {
			res.Files[j.at+"index.html"] = j.out
			res.Pages++
		}
	}
	for _, p := range pages {
		if p.Tree != nil {
			res.Trees++
		}
	}
	for name, b := range assets.files {
		res.Files[name] = b
	}
	errs.Append(aliasPages(pages, res.Files, opts.Offline))
	errs.Append(notFoundPage(lay, site, res.Files, opts.Offline))
	res.Files["_headers"] = csp.HeadersFile()
	res.Files["nginx-security-headers.conf"] = csp.NginxSnippet()
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	return res, nil
}

// renderBody renders the Markdown of p (and, for a tree, its nodes) and
// collects its table of contents.
func renderBody(md *markdown.Converter, p *Page) diag.List {
	var errs diag.List
	var body bytes.Buffer
	if err := md.Render(&body, p.Doc, p.Doc.Root); err != nil {
		errs.Add(p.lines.Pos(-1), "cannot render: %v", err)
		return errs
	}
	p.Content = template.HTML(body.String())
	if p.Tree != nil {
		if err := renderTree(md, p); err != nil {
			errs.Add(p.lines.Pos(-1), "cannot render the decision tree: %v", err)
		}
	}
	for _, h := range p.Doc.Headings {
		if h.Level == 2 || h.Level == 3 {
			p.TOC = append(p.TOC, h)
		}
	}
	return errs
}

// renderJobs lists every HTML page to write: one per page, and for each
// decision tree a page per node and an overview.
func renderJobs(site *Site, pages []*Page) []renderJob {
	var jobs []renderJob
	for _, p := range pages {
		jobs = append(jobs, renderJob{kind: p.Kind, view: newView(site, p), at: p.URL})
		if p.Tree == nil {
			continue
		}
		for _, n := range p.Tree.Nodes {
			v := newView(site, p)
			v.Node = n
			jobs = append(jobs, renderJob{kind: "node", view: v, at: n.URL})
		}
		jobs = append(jobs, renderJob{kind: "overview", view: newView(site, p), at: p.URL + "overzicht/"})
	}
	return jobs
}

func newSite(pages []*Page) *Site {
	s := &Site{pages: pages, byRel: map[string]*Page{}, Title: "Gegevensdeling in het Zorg- en Veiligheidshuis"}
	newest := ""
	for _, p := range pages {
		s.byRel[p.Rel] = p
		if p.Meta.Date > newest {
			newest = p.Meta.Date
		}
		switch {
		case p.Kind == KindHome:
			s.Home = p
		case p.Kind == KindPlate:
			s.Plates = append(s.Plates, p)
		}
		if p.Parent != nil && p.Parent.Kind == KindHome {
			s.Menu = append(s.Menu, p)
		}
	}
	if s.Home != nil {
		s.Title = s.Home.Meta.Title
	}
	s.Version = dutchDate(newest)
	slices.SortFunc(s.Menu, byWeight)
	slices.SortFunc(s.Plates, byWeight)
	return s
}

// view is the data a layout gets for one page.
type view struct {
	Site   *Site
	Page   *Page
	Crumbs []*Page // from the home page down to the parent
	Prev   *Page   // previous sibling in the section, or nil
	Next   *Page
	Node   *TreeNode // on the page of one decision-tree node
}

func newView(s *Site, p *Page) *view {
	v := &view{Site: s, Page: p}
	for a := p.Parent; a != nil; a = a.Parent {
		v.Crumbs = append([]*Page{a}, v.Crumbs...)
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

// unverified lists every law page marked verified: false with the pages that
// cite it, so editors see what still has to be checked before they publish.
func unverified(pages []*Page, citedBy map[*Page][]*Page) []string {
	var out []string
	for _, p := range pages {
		if p.Kind != KindLaw || p.Meta.Verified == nil || *p.Meta.Verified {
			continue
		}
		var cites []string
		for _, c := range citedBy[p] {
			cites = append(cites, c.File)
		}
		slices.Sort(cites)
		msg := p.File + ": unverified reference (verified: false)"
		if len(cites) > 0 {
			msg += "; cited by " + strings.Join(cites, ", ")
		}
		out = append(out, msg)
	}
	slices.Sort(out)
	return out
}

func glossaryPage(pages []*Page) *Page {
	for _, p := range pages {
		if p.Rel == glossaryFile {
			return p
		}
	}
	return nil
}
