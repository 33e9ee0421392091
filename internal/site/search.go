package site

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"errors"
	"fmt"
	"html"
	"html/template"
	"io/fs"
	"runtime/debug"
	"slices"
	"strings"
	"sync"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/zvh-webtool/zvh/internal/diag"
	"github.com/zvh-webtool/zvh/internal/frontmatter"
	"github.com/zvh-webtool/zvh/internal/index"
	"github.com/zvh-webtool/zvh/internal/load"
	"github.com/zvh-webtool/zvh/internal/markdown"
	"github.com/zvh-webtool/zvh/internal/search"
	"github.com/zvh-webtool/zvh/internal/urls"
)

// searchIndexAsset is the asset name of the generated search index's meta
// file; layouts link it as {{asset "search/index.js"}}, and search.js loads
// the shards beside it.
const searchIndexAsset = "search/index.js"

// registerURL is the site path of the A–Z register, the search page for
// readers without JavaScript.
const registerURL = "a-z/"

// synonymFiles are the synonyms files the search reads: the national one,
// and the one a region adds (synoniemen.regio.yaml in its folder), both
// optional.
var synonymFiles = []string{"content/synoniemen.yaml", "content/synoniemen.regio.yaml"}

// indexDir is the fingerprint of the search index, made before the index
// is: the meta file is search/index.<fingerprint>.js and the shards are in
// search/<fingerprint>/. It is a hash of every page's source, of the
// synonyms, of offline, and of gen, the generator that builds it. The same
// sources indexed by a zvh that reads them differently must get another
// name, or a cache that keeps
// fingerprinted files for good would go on serving the old index.
func indexDir(s *index.Site, offline bool, gen string, syn [][]byte) string {
	h := sha256.New()
	h.Write([]byte(gen + "\x00"))
	for _, p := range s.Pages {
		sum := p.Sum()
		h.Write([]byte(p.Rel + "\x00"))
		h.Write(sum[:])
	}
	for _, b := range syn {
		h.Write(b)
		h.Write([]byte{0})
	}
	if offline {
		h.Write([]byte("offline"))
	}
	return fmt.Sprintf("%x", h.Sum(nil)[:4])
}

// generator identifies the running zvh for indexDir: the versions of its
// module and of every dependency, and for a build from a checkout its
// commit and whether it had changes, which the go command records unless
// told not to (-buildvcs=false). A binary built from a changed checkout is
// named as its commit, so while developing, clear the host's cache. It is
// read once per process.
var generator = sync.OnceValue(func() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		return bi.String()
	}
	return ""
})

// addSearch indexes the site: it adds the index files to the assets and
// returns the A–Z register page. The documents come from the parsed
// Markdown, not from rendered pages, and every page links the index by a
// name fixed before any page is rendered.
//
// With stable set, the index is search/index.js with its shards in search/,
// without a fingerprint: zvh serve uses that, so an edit changes the index but not the
// address every page links, and only the edited page is rendered again.
//
// Reading the documents and building the index take as long as rendering a
// good part of the site, so they run beside the rendering: the name is fixed
// first, from a hash of every page's source (the documents are read from
// them alone), and finish waits for the index, adds it to the assets and
// returns the errors of the synonyms files. The register, rendered after
// the pages, waits for the documents.
func addSearch(s *index.Site, fsys fs.FS, assets *load.Assets, offline, stable bool, st *search.Stemmer) (regs []*index.Page, finish func() diag.List) {
	var synSrc [][]byte
	var syns []search.Synonym
	var errs diag.List
	for _, f := range synonymFiles {
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				errs.Add(diag.Position{File: f}, "kan het bestand niet lezen: %v", err)
			}
			continue
		}
		synSrc = append(synSrc, b)
		list, perrs := search.ParseSynonyms(f, b)
		errs.Append(perrs)
		syns = append(syns, list...)
	}
	meta, dir := searchIndexAsset, "search/"
	if !stable {
		h := indexDir(s, offline, generator(), synSrc)
		meta, dir = "search/index."+h+".js", "search/"+h+"/"
	}
	assets.AddAs(searchIndexAsset, meta, nil)
	var (
		files  map[string][]byte
		listed []search.Doc // what the register lists
	)
	read, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		docs := searchDocs(s)
		for _, d := range docs {
			if d.Kind != search.KindStep {
				listed = append(listed, d)
			}
		}
		close(read)
		var help []search.Link
		for _, l := range []search.Link{{Title: "Register van A tot Z", URL: registerURL},
			{Title: "Beslisbomen", URL: "beslisbomen/"}, {Title: "Praktische vragen", URL: "vragen/"}} {
			if l.URL == registerURL || s.Get(l.URL+"_index.md") != nil {
				help = append(help, l)
			}
		}
		if offline {
			for i := range docs {
				docs[i].URL = urls.Rel("", docs[i].URL, true) // a folder gets index.html, for file://
			}
			for i := range help {
				help[i].URL = urls.Rel("", help[i].URL, true)
			}
		}
		ix := search.BuildWith(docs, st)
		errs.Append(ix.CheckSynonyms(syns, st))
		files = ix.Files(st, search.FileOptions{Synonyms: syns, Help: help})
	}()
	finish = func() diag.List {
		<-done
		for name, b := range files {
			if name == "index.js" {
				assets.AddAs(searchIndexAsset, meta, b)
			} else {
				assets.AddAs(dir+name, dir+name, b)
			}
		}
		return errs
	}
	reg := index.NewPage(&load.Page{File: "content (the A–Z register)", URL: registerURL, Kind: load.KindPage, Meta: frontmatter.Meta{
		Title:       "Register van A tot Z",
		Description: "Alle pagina's, spelregels, begrippen, fasen en wetsartikelen op alfabet. Zo vind je alles ook zonder zoekveld.",
	}})
	reg.Parent = s.Home
	regs = []*index.Page{reg}
	if len(s.Pages) <= registerSplit {
		reg.Generated = func(rel func(string) string) template.HTML {
			<-read
			return register(listed, rel, "")
		}
		return regs, finish
	}
	// A large site gets a register page per letter: the whole register of
	// 10,000 pages would be megabytes. Whether to split is decided before
	// the documents are read, from the number of pages.
	reg.Generated = func(rel func(string) string) template.HTML { return letterNav(rel, "") }
	for _, l := range registerLetters {
		lp := index.NewPage(&load.Page{File: "content (the A–Z register)", URL: registerURL + letterID(l) + "/", Kind: load.KindPage,
			Meta: frontmatter.Meta{Title: "Register: " + l, Description: "Alles onder de letter " + l + "."}})
		lp.Parent = reg
		lp.Generated = func(rel func(string) string) template.HTML {
			<-read
			return register(listed, rel, l)
		}
		regs = append(regs, lp)
	}
	return regs, finish
}

// registerSplit is the number of pages above which the A–Z register gets a
// page per letter.
const registerSplit = 1000

// registerLetters are the letters of a split register; # holds what starts
// with another character.
var registerLetters = strings.Split("A B C D E F G H I J K L M N O P Q R S T U V W X Y Z #", " ")

// letterNav links the register page of every letter.
func letterNav(rel func(string) string, current string) template.HTML {
	var b strings.Builder
	b.WriteString(`<nav class="az-letters" aria-label="Letters"><ul>`)
	for _, l := range registerLetters {
		cur := ""
		if l == current {
			cur = ` aria-current="page"`
		}
		fmt.Fprintf(&b, `<li><a href="%s"%s>%s</a></li>`, html.EscapeString(rel(registerURL+letterID(l)+"/")), cur, html.EscapeString(l))
	}
	b.WriteString("</ul></nav>\n")
	return template.HTML(b.String())
}

// isNode reports whether url is the page of a decision-tree node.
func isNode(s *index.Site, url string) bool {
	for _, p := range s.Trees() {
		if strings.HasPrefix(url, p.URL) && url != p.URL {
			return true
		}
	}
	return false
}

// searchDocs lists what a search can find: every page, every h2 and h3
// section of it, every spelregel, every begrip of the glossary and every
// node of every decision tree. The text is read from the parsed Markdown.
//
// Where says where a result sits, so that results with the same title tell
// themselves apart: the page, the phase and the procesplaat ("Triage ·
// Complexe casuïstiek" for the section "Welke gegevens mag wie delen" of a
// phase page, "Nazorg" for the same section of another plate). The
// documents are ordered by their class of kind (see search.Files), which
// keeps the class list of the index short.
func searchDocs(s *index.Site) []search.Doc {
	var docs []search.Doc
	for _, p := range s.Pages {
		kind, phase := searchKind(p), ""
		var phasePage *index.Page
		switch {
		case p.Kind == load.KindPhase:
			phasePage = p
		case p.Tree != nil && p.Tree.Phase != nil:
			phasePage = p.Tree.Phase
		}
		if phasePage != nil {
			phase = phasePage.Meta.Title
		}
		plate := plateOf(s, p)
		if plate == nil && phasePage != nil {
			plate = plateOf(s, phasePage)
		}
		// context names what lies around the page: its phase (for a
		// tree) and its procesplaat, or its parent.
		var context []string
		if p.Tree != nil && phase != "" {
			context = append(context, "fase "+phase)
		}
		if plate != nil && plate != p {
			context = append(context, plate.Meta.Title)
		} else if p.Parent != nil && p.Parent.Kind != load.KindHome && p.Tree == nil {
			context = append(context, p.Parent.Meta.Title)
		}
		where := strings.Join(context, " · ")
		inPage := strings.Join(append([]string{p.Meta.Title}, context...), " · ")
		blocks := children(p.Doc.Root)
		if p.Tree != nil {
			blocks = p.Tree.Parsed.Intro
		}
		src := p.Doc.Src
		secs := sections(blocks, src)
		page := search.Doc{URL: p.URL, Title: p.Meta.Title, Kind: kind, Where: where, Phase: phase,
			Text: strings.TrimSpace(p.Meta.Description + " " + secs[0].text)}
		for _, sec := range secs[1:] {
			page.Headings = append(page.Headings, sec.title)
		}
		docs = append(docs, page)
		for _, sec := range secs[1:] {
			k := kind
			if sec.rule {
				k = search.KindRule
			}
			w := inPage
			if len(sec.parent) > 0 {
				w = p.Meta.Title + " › " + sec.parent[0] + strings.TrimPrefix(inPage, p.Meta.Title)
			}
			docs = append(docs, search.Doc{URL: p.URL + "#" + sec.id, Title: sec.title, Kind: k, Where: w,
				Phase: phase, Headings: append([]string{p.Meta.Title}, sec.parent...), Text: sec.text})
		}
		for _, t := range terms(blocks, src) {
			docs = append(docs, search.Doc{URL: p.URL + "#" + t.id, Title: t.title, Kind: search.KindTerm,
				Where: p.Meta.Title, Text: t.text})
		}
		if p.Tree == nil {
			continue
		}
		for _, n := range p.Tree.Nodes {
			docs = append(docs, search.Doc{URL: n.URL, Title: n.Title, Kind: search.KindStep, Where: inPage,
				Phase: phase, Headings: []string{p.Meta.Title}, Text: sections(n.Node.Body, src)[0].text})
		}
	}
	slices.SortStableFunc(docs, func(a, b search.Doc) int { return search.Class(a.Kind) - search.Class(b.Kind) })
	return docs
}

// plateOf returns the procesplaat p belongs to (p itself, for a plate), or
// nil.
func plateOf(s *index.Site, p *index.Page) *index.Page {
	for q := p; q != nil; q = q.Parent {
		if slices.Contains(s.Plates, q) {
			return q
		}
	}
	return nil
}

func children(n ast.Node) []ast.Node {
	var out []ast.Node
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		out = append(out, c)
	}
	return out
}

// searchKind is the kind of search result a page gives.
func searchKind(p *index.Page) string {
	switch {
	case p.Kind == load.KindPhase:
		return search.KindPhase
	case p.Kind == load.KindLaw:
		return search.KindLaw
	case p.Tree != nil:
		return search.KindTree
	case strings.HasPrefix(p.URL, "vragen/") && p.URL != "vragen/":
		return search.KindQuestion
	}
	return search.KindPage
}

// section is a part of a page: the text before the first heading (section
// 0), or an h2 or h3 with the text up to the next one.
type section struct {
	id, title string
	parent    []string // the h2 above an h3
	rule      bool     // a spelregel: an h2 {.spelregel}
	text      string
	words     []string
}

// sections splits blocks at their h2 and h3 headings with an id. A
// definition list (the glossary) is left out: terms indexes each entry on
// its own.
func sections(blocks []ast.Node, src []byte) []*section {
	secs := []*section{{}}
	h2 := ""
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		switch n := n.(type) {
		case *ast.Heading:
			id, _ := n.AttributeString("id")
			idb, _ := id.([]byte)
			if (n.Level == 2 || n.Level == 3) && len(idb) > 0 {
				sec := &section{id: string(idb), title: markdown.PlainText(n, src), rule: n.Parent() != nil && hasClass(n.Parent(), "spelregel")}
				if n.Level == 2 {
					h2 = sec.title
				} else if h2 != "" {
					sec.parent = []string{h2}
				}
				secs = append(secs, sec)
				return
			}
		case *east.DefinitionList:
			return
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			return
		}
		if n.Type() == ast.TypeBlock && n.HasChildren() && isLeafBlock(n) {
			last := secs[len(secs)-1]
			last.words = append(last.words, markdown.PlainText(n, src))
			return
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			walk(c)
		}
	}
	for _, b := range blocks {
		walk(b)
	}
	for _, s := range secs {
		s.text = strings.Join(strings.Fields(strings.Join(s.words, " ")), " ")
	}
	return secs
}

// isLeafBlock reports whether n is a block whose children are inline text
// (a paragraph, a table cell), read as one piece of text.
func isLeafBlock(n ast.Node) bool {
	c := n.FirstChild()
	return c != nil && c.Type() == ast.TypeInline
}

func hasClass(n ast.Node, class string) bool {
	v, ok := n.AttributeString("class")
	if !ok {
		return false
	}
	b, _ := v.([]byte)
	return slices.Contains(strings.Fields(string(b)), class)
}

// glossEntry is one entry of a definition list with an id.
type glossEntry struct{ id, title, text string }

// terms reads the definition lists among blocks: each term with an id and
// the text of the definitions after it.
func terms(blocks []ast.Node, src []byte) []glossEntry {
	var out []glossEntry
	for _, b := range blocks {
		for _, t := range markdown.Entries(b, src) {
			out = append(out, glossEntry{id: t.ID, title: t.Text, text: t.Definition})
		}
	}
	return out
}

// register renders the A–Z list of docs, grouped by first letter; rel makes
// a site path relative to the register page. With only set, it renders the
// page of that letter of a split register: the links to every letter's page,
// then that letter's entries.
func register(docs []search.Doc, rel func(string) string, only string) template.HTML {
	type entry struct {
		key string
		doc search.Doc
	}
	var entries []entry
	for _, d := range docs {
		if d.Title == "" {
			continue
		}
		entries = append(entries, entry{key: search.Fold(d.Title), doc: d})
	}
	slices.SortStableFunc(entries, func(a, b entry) int {
		return cmp.Or(strings.Compare(a.key, b.key), strings.Compare(a.doc.Where, b.doc.Where), strings.Compare(a.doc.URL, b.doc.URL))
	})
	letterOf := func(key string) string {
		for _, r := range key {
			if r >= 'a' && r <= 'z' {
				return strings.ToUpper(string(r))
			}
			return "#"
		}
		return "#"
	}
	var letters []string
	for _, e := range entries {
		if l := letterOf(e.key); !slices.Contains(letters, l) {
			letters = append(letters, l)
		}
	}
	var b bytes.Buffer
	if only != "" {
		b.WriteString(string(letterNav(rel, only)))
	} else {
		b.WriteString(`<nav class="az-letters" aria-label="Letters"><ul>`)
		for _, l := range letters {
			fmt.Fprintf(&b, `<li><a href="#letter-%s">%s</a></li>`, letterID(l), html.EscapeString(l))
		}
		b.WriteString("</ul></nav>\n")
	}
	cur := ""
	for _, e := range entries {
		if only != "" && letterOf(e.key) != only {
			continue
		}
		if l := letterOf(e.key); l != cur {
			if cur != "" {
				b.WriteString("</ul>\n")
			}
			cur = l
			fmt.Fprintf(&b, `<h2 id="letter-%s">%s</h2>`+"\n"+`<ul class="az-list">`, letterID(l), html.EscapeString(l))
		}
		where := search.Labels[e.doc.Kind]
		if e.doc.Where != "" {
			where = singular[e.doc.Kind] + " · " + e.doc.Where
		}
		fmt.Fprintf(&b, `<li><a href="%s">%s</a> <span class="az-list__where">%s</span></li>`,
			html.EscapeString(rel(e.doc.URL)), html.EscapeString(e.doc.Title), html.EscapeString(where))
	}
	if cur != "" {
		b.WriteString("</ul>\n")
	} else if only != "" {
		b.WriteString("<p>Geen onderwerpen onder deze letter.</p>\n")
	}
	return template.HTML(b.String())
}

// singular names one result of each kind.
var singular = search.Singular

func letterID(l string) string {
	if l == "#" {
		return "overig"
	}
	return strings.ToLower(l)
}
