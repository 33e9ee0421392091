package site

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"html"
	"html/template"
	"runtime/debug"
	"slices"
	"strings"
	"sync"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/zvh-webtool/zvh/internal/csp"
	"github.com/zvh-webtool/zvh/internal/diag"
	"github.com/zvh-webtool/zvh/internal/frontmatter"
	"github.com/zvh-webtool/zvh/internal/index"
	"github.com/zvh-webtool/zvh/internal/load"
	"github.com/zvh-webtool/zvh/internal/markdown"
	"github.com/zvh-webtool/zvh/internal/offlinezip"
	"github.com/zvh-webtool/zvh/internal/search"
	"github.com/zvh-webtool/zvh/internal/urls"
)

// searchIndexAsset is the asset name of the generated search index; layouts
// link it as {{asset "search/index.js"}}.
const searchIndexAsset = "search/index.js"

// registerURL is the site path of the A–Z register, the search page for
// readers without JavaScript.
const registerURL = "a-z/"

// OfflineZip is the name of the downloadable offline copy in the output.
const OfflineZip = "gegevensdeling-offline.zip"

// indexName is the fingerprinted name of the search index, made before the
// index is: a hash of every page's source, of offline, and of gen, the
// generator that builds it. The same sources indexed by a zvh that reads
// them differently must get another name, or a cache that keeps
// fingerprinted files for good would go on serving the old index.
func indexName(s *index.Site, offline bool, gen string) string {
	h := sha256.New()
	h.Write([]byte(gen + "\x00"))
	for _, p := range s.Pages {
		sum := p.Sum()
		h.Write([]byte(p.Rel + "\x00"))
		h.Write(sum[:])
	}
	if offline {
		h.Write([]byte("offline"))
	}
	return fmt.Sprintf("search/index.%x.js", h.Sum(nil)[:4])
}

// generator identifies the running zvh for indexName: the versions of its
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

// addSearch indexes the site: it adds the index script to the assets and
// returns the A–Z register page. The documents come from the parsed
// Markdown, not from rendered pages, and every page links the index by a
// name fixed before any page is rendered.
//
// With stable set, the index keeps the name search/index.js instead of a
// fingerprint: zvh serve uses that, so an edit changes the index but not the
// address every page links, and only the edited page is rendered again.
//
// Reading the documents and building the index take as long as rendering a
// good part of the site, so they run beside the rendering: the name is fixed
// first, from a hash of every page's source (the documents are read from
// them alone), and finish waits for the index and adds it to the assets.
// The register, rendered after the pages, waits for the documents.
func addSearch(s *index.Site, assets *load.Assets, offline, stable bool, st *search.Stemmer) (reg *index.Page, finish func()) {
	name := searchIndexAsset
	if !stable {
		name = indexName(s, offline, generator())
	}
	assets.AddAs(searchIndexAsset, name, nil)
	var (
		script []byte
		listed []search.Doc // what the register lists
	)
	read, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		docs := searchDocs(s)
		for _, d := range docs {
			if d.Kind != search.KindTree || !strings.Contains(strings.TrimSuffix(d.URL, "/"), "/") || !isNode(s, d.URL) {
				listed = append(listed, d)
			}
		}
		close(read)
		if offline {
			for i := range docs {
				docs[i].URL = urls.Rel("", docs[i].URL, true) // a folder gets index.html, for file://
			}
		}
		script = search.BuildWith(docs, st).Script()
	}()
	finish = func() {
		<-done
		assets.AddAs(searchIndexAsset, name, script)
	}
	reg = index.NewPage(&load.Page{File: "content (the A–Z register)", URL: registerURL, Kind: load.KindPage, Meta: frontmatter.Meta{
		Title:       "Register van A tot Z",
		Description: "Alle pagina's, spelregels, begrippen, fasen en wetsartikelen op alfabet. Zo vind je alles ook zonder zoekveld.",
	}})
	reg.Parent = s.Home
	reg.Generated = func(rel func(string) string) template.HTML {
		<-read
		return register(listed, rel)
	}
	return reg, finish
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
func searchDocs(s *index.Site) []search.Doc {
	var docs []search.Doc
	for _, p := range s.Pages {
		kind, phase := searchKind(p), ""
		switch {
		case p.Kind == load.KindPhase:
			phase = p.Meta.Title
		case p.Tree != nil && p.Tree.Phase != nil:
			phase = p.Tree.Phase.Meta.Title
		}
		where := ""
		if p.Parent != nil && p.Parent.Kind != load.KindHome {
			where = p.Parent.Meta.Title
		}
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
			docs = append(docs, search.Doc{URL: p.URL + "#" + sec.id, Title: sec.title, Kind: k, Where: p.Meta.Title,
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
			docs = append(docs, search.Doc{URL: n.URL, Title: n.Title, Kind: search.KindTree, Where: p.Meta.Title,
				Phase: phase, Headings: []string{p.Meta.Title}, Text: sections(n.Node.Body, src)[0].text})
		}
	}
	return docs
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
// a site path relative to the register page.
func register(docs []search.Doc, rel func(string) string) template.HTML {
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
		return cmpOr(strings.Compare(a.key, b.key), strings.Compare(a.doc.Where, b.doc.Where), strings.Compare(a.doc.URL, b.doc.URL))
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
	b.WriteString(`<nav class="az-letters" aria-label="Letters"><ul>`)
	for _, l := range letters {
		fmt.Fprintf(&b, `<li><a href="#letter-%s">%s</a></li>`, letterID(l), html.EscapeString(l))
	}
	b.WriteString("</ul></nav>\n")
	cur := ""
	for _, e := range entries {
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
	}
	return template.HTML(b.String())
}

// singular names one result of each kind.
var singular = map[string]string{search.KindRule: "Spelregel", search.KindPhase: "Fase", search.KindTree: "Beslisboom",
	search.KindTerm: "Begrip", search.KindLaw: "Wetsartikel", search.KindPage: "Pagina"}

func letterID(l string) string {
	if l == "#" {
		return "overig"
	}
	return strings.ToLower(l)
}

func cmpOr(c ...int) int {
	for _, x := range c {
		if x != 0 {
			return x
		}
	}
	return 0
}

// offlineCopy renders the site again for file:// and packs it as one zip
// (OfflineZip), from the same load and index: nothing is parsed twice.
func offlineCopy(opts Options, md *markdown.Converter, st *stages, stemmer *search.Stemmer) ([]byte, diag.List) {
	files := map[string][]byte{}
	var mu sync.Mutex
	offline := opts
	offline.Offline = true
	_, errs := renderAll(offline, md, st, stemmer, func(name string, b []byte) error {
		mu.Lock()
		files[name] = b
		mu.Unlock()
		return nil
	}, nil)
	if len(errs) > 0 {
		return nil, errs
	}
	// One folder named after the site and its date; at its top only the
	// start file and the folder with the site, so nobody has to guess
	// which of many index.html files to open.
	packed := map[string][]byte{OfflineStart: offlineStart(st.site)}
	for name, b := range files {
		packed[OfflineFiles+name] = b
	}
	zip, err := offlinezip.Build(packed, OfflineFolder(st.site))
	if err != nil {
		errs.Add(diag.Position{File: "content"}, "cannot write %s: %v", OfflineZip, err)
		return nil, errs
	}
	return zip, nil
}

// OfflineStart is the start file at the top of the offline copy's folder,
// and OfflineFiles the folder beside it that holds the site.
const (
	OfflineStart = "Start hier.html"
	OfflineFiles = "webtool/"
)

// OfflineFolder is the one folder the offline zip unpacks to: the site's
// title and the date of its newest page, "gegevens-delen-in-het-zvh-2026-11-22".
func OfflineFolder(s *index.Site) string {
	name := markdown.Slug(s.Title)
	if name == "" {
		name = strings.TrimSuffix(OfflineZip, ".zip")
	}
	if s.Updated != "" {
		name += "-" + s.Updated
	}
	return name
}

// offlineStart is the start file of the offline copy: it opens the home
// page of the site at once (a meta refresh, as a page may run no inline
// script) and says, for the moment before that and for browsers that do
// not follow it, what the folder is and where the current version lives.
func offlineStart(s *index.Site) []byte {
	e := html.EscapeString
	where := "de website van " + e(s.Publisher)
	if s.URL != "" {
		where = `<a href="` + e(s.URL) + `">` + e(s.URL) + `</a>`
	} else if s.Publisher == "" {
		where = "de website waar je deze kopie vandaan hebt"
	}
	return []byte(`<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="` + csp.Policy + `">
<meta name="referrer" content="` + csp.Referrer + `">
<meta http-equiv="refresh" content="0; url=` + OfflineFiles + `index.html">
<title>` + e(s.Title) + ` (offline kopie)</title>
</head>
<body>
<h1>` + e(s.Title) + `</h1>
<p><a href="` + OfflineFiles + `index.html">Open de webtool</a>.</p>
<p>Dit is een offline kopie van ` + e(s.Version) + `. Ze werkt zonder internet. De actuele versie staat op ` + where + `.</p>
</body>
</html>
`)
}

// dutchSize writes a file size as people read it: "1,4 MB", "830 kB".
func dutchSize(n int) string {
	if n >= 1<<20 {
		return strings.Replace(fmt.Sprintf("%.1f MB", float64(n)/(1<<20)), ".", ",", 1)
	}
	return fmt.Sprintf("%d kB", (n+1023)/1024)
}
