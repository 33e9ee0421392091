package site

import (
	"cmp"
	"github.com/yuin/goldmark/ast"
	"html/template"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/zvh-webtool/zvh/internal/diag"
	"github.com/zvh-webtool/zvh/internal/frontmatter"
	"github.com/zvh-webtool/zvh/internal/markdown"
)

// Kind is what a page is; it picks the layout and the extra front matter keys.
type Kind string

// The page kinds. A layout file layouts/<kind>.html renders each; a missing
// one falls back to page.html.
const (
	KindHome    Kind = "home"
	KindSection Kind = "section"
	KindPage    Kind = "page"
	KindPlate   Kind = "plate" // procesplaten/<plaat>/_index.md
	KindPhase   Kind = "phase" // procesplaten/<plaat>/<fase>.md
	KindLaw     Kind = "law"   // wetten/<id>.md
	KindTree    Kind = "tree"  // beslisbomen/<slug>.md
	KindTrees   Kind = "trees" // beslisbomen/_index.md: the list of all trees
)

// Page is one Markdown file of content/ and what it becomes.
type Page struct {
	File string // path relative to the source root, for diagnostics: content/a/b.md
	Rel  string // path relative to content/: a/b.md
	URL  string // site path of its folder: "a/b/", "" for the home page
	Kind Kind
	Meta frontmatter.Meta

	Doc     *markdown.Doc
	lines   *diag.Lines
	targets map[*ast.Link]target // where each internal link points, after resolveLinks

	Parent   *Page   // the section it belongs to, nil for the home page
	Children []*Page // for sections: pages and subsections, in menu order

	Content template.HTML // rendered body, with marker URLs
	TOC     []markdown.Heading
	Tree    *Tree // for decision trees
}

// Title is the page title.
func (p *Page) Title() string { return p.Meta.Title }

// IsSection reports whether the page is an _index.md.
func (p *Page) IsSection() bool { return path.Base(p.Rel) == "_index.md" }

// kindOf decides a page's kind from where it sits in content/.
func kindOf(rel string) Kind {
	parts := strings.Split(rel, "/")
	base := parts[len(parts)-1]
	switch {
	case rel == "_index.md":
		return KindHome
	case rel == "beslisbomen/_index.md":
		return KindTrees
	case len(parts) == 3 && parts[0] == "procesplaten" && base == "_index.md":
		return KindPlate
	case len(parts) == 3 && parts[0] == "procesplaten":
		return KindPhase
	case base == "_index.md":
		return KindSection
	case len(parts) == 2 && parts[0] == "wetten":
		return KindLaw
	case len(parts) == 2 && parts[0] == "beslisbomen":
		return KindTree
	}
	return KindPage
}

// FrontMatterKind returns which front matter keys the page at rel (a path
// under content/, such as "wetten/avg-6.md") may use besides the common ones.
func FrontMatterKind(rel string) frontmatter.Kind { return frontmatterKind(kindOf(rel)) }

// frontmatterKind maps a page kind to the front matter keys it may add.
func frontmatterKind(k Kind) frontmatter.Kind {
	switch k {
	case KindPhase:
		return frontmatter.KindPhase
	case KindLaw:
		return frontmatter.KindLaw
	case KindTree:
		return frontmatter.KindTree
	}
	return frontmatter.KindPage
}

// urlOf returns the site path of the page at rel: a/b.md -> a/b/,
// a/_index.md -> a/, _index.md -> "".
func urlOf(rel string) string {
	dir, base := path.Split(rel)
	if base == "_index.md" {
		return dir
	}
	return dir + strings.TrimSuffix(base, ".md") + "/"
}

// loadPages reads and parses every Markdown file under content/.
func loadPages(fsys fs.FS, md *markdown.Converter) ([]*Page, diag.List) {
	var (
		pages []*Page
		errs  diag.List
	)
	err := fs.WalkDir(fsys, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			errs.Add(diag.Position{File: p}, "cannot read: %v", err)
			return nil
		}
		if d.IsDir() && path.Dir(p) == "content/regio" {
			// A region folder (one with regio.yaml) is a variant of the
			// site, built by package region, never a part of it.
			if _, err := fs.Stat(fsys, p+"/regio.yaml"); err == nil {
				return fs.SkipDir
			}
		}
		if d.IsDir() || path.Ext(p) != ".md" {
			return nil
		}
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			errs.Add(diag.Position{File: p}, "cannot read: %v", err)
			return nil
		}
		rel := strings.TrimPrefix(p, "content/")
		pg := &Page{File: p, Rel: rel, URL: urlOf(rel), Kind: kindOf(rel)}
		yml, body, bodyLine, err := frontmatter.Split(p, src)
		if err != nil {
			// Keep the page, so links to it and its anchors are still
			// checked and every other error of the build is reported too.
			errs.Append(diag.List{err.(diag.Diagnostic)})
			yml, body, bodyLine = nil, src, 1
		}
		var meta frontmatter.Meta
		if yml != nil {
			var ferrs diag.List
			meta, ferrs = frontmatter.Decode(p, yml, frontmatterKind(pg.Kind))
			errs.Append(ferrs)
		}
		pg.Meta = meta
		pg.Doc = md.Parse(body)
		pg.lines = diag.NewLines(p, body, bodyLine)
		if e := pg.Doc.Err; e != nil {
			errs.Add(pg.lines.Pos(e.Offset), "%s", e.Msg)
		}
		if pg.Kind != KindTree { // trees report duplicate node ids themselves
			for _, n := range pg.Doc.Dups {
				id, _ := n.AttributeString("id")
				errs.Add(pg.lines.Pos(n.Pos()), "duplicate id %q: another element on this page has it already", id)
			}
		}
		if !meta.Draft {
			pages = append(pages, pg)
		}
		return nil
	})
	if err != nil {
		errs.Add(diag.Position{File: "content"}, "cannot read: %v", err)
	}
	if len(pages) == 0 && len(errs) == 0 {
		errs.Add(diag.Position{File: "content"}, "no pages: content/ holds no Markdown files")
	}
	return pages, errs
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
		if p.Kind == KindHome {
			continue
		}
		// The parent is the nearest folder above with an _index.md.
		dir := path.Dir(strings.TrimSuffix(p.URL, "/"))
		for {
			key := dir + "/"
			if dir == "." || dir == "/" {
				key = ""
			}
			if s, ok := byURL[key]; ok {
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
