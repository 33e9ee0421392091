package site

import (
	"bytes"
	"fmt"
	"html"
	"html/template"
	"regexp"
	"slices"
	"strings"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/zvh-webtool/zvh/internal/diag"
	"github.com/zvh-webtool/zvh/internal/frontmatter"
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

// addSearch indexes every page (issue 13): it adds the index script to the
// assets and returns the render job of the A–Z register. It needs the
// rendered bodies (renderBody), and must run before the pages are rendered,
// since every page links the index.
func addSearch(s *Site, pages []*Page, assets *assetSet, offline bool) ([]renderJob, diag.List) {
	var errs diag.List
	docs := searchDocs(pages)
	if offline {
		for i := range docs {
			docs[i].URL = offlineURL(docs[i].URL)
		}
	}
	script, err := search.Build(docs).Script()
	if err != nil {
		errs.Add(diag.Position{File: "content"}, "%v", err)
		return nil, errs
	}
	assets.add(searchIndexAsset, script)
	reg := &Page{URL: registerURL, Kind: KindPage, Parent: s.Home, Meta: frontmatter.Meta{
		Title:       "Register van A tot Z",
		Description: "Alle pagina's, spelregels, begrippen, fasen en wetsartikelen op alfabet. Zo vind je alles ook zonder zoekveld.",
	}}
	skip := map[string]bool{}
	for _, p := range pages {
		if p.Tree != nil {
			for _, n := range p.Tree.Nodes {
				skip[n.URL] = true
			}
		}
	}
	var listed []search.Doc
	for _, d := range searchDocs(pages) {
		if !skip[d.URL] {
			listed = append(listed, d)
		}
	}
	reg.Content = register(listed)
	return []renderJob{{kind: reg.Kind, view: newView(s, reg), at: reg.URL}}, errs
}

// offlineURL makes a site path work from file://: a folder gets index.html.
func offlineURL(u string) string {
	p, frag, hasFrag := strings.Cut(u, "#")
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	if hasFrag {
		return p + "#" + frag
	}
	return p
}

// searchDocs lists what a search can find: every page, every h2 and h3
// section of it, every spelregel, every begrip of the glossary and every
// node of every decision tree.
func searchDocs(pages []*Page) []search.Doc {
	var docs []search.Doc
	for _, p := range pages {
		kind, phase := searchKind(p), ""
		switch {
		case p.Kind == KindPhase:
			phase = p.Meta.Title
		case p.Tree != nil && p.Tree.Phase != nil:
			phase = p.Tree.Phase.Meta.Title
		}
		where := ""
		if p.Parent != nil && p.Parent.Kind != KindHome {
			where = p.Parent.Meta.Title
		}
		body := p.Content
		if p.Tree != nil {
			body = p.Tree.Intro
		}
		secs := sections(body)
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
		for _, t := range terms(body) {
			docs = append(docs, search.Doc{URL: p.URL + "#" + t.id, Title: t.title, Kind: search.KindTerm,
				Where: p.Meta.Title, Text: t.text})
		}
		if p.Tree == nil {
			continue
		}
		for _, n := range p.Tree.Nodes {
			docs = append(docs, search.Doc{URL: n.URL, Title: n.Title, Kind: search.KindTree, Where: p.Meta.Title,
				Phase: phase, Headings: []string{p.Meta.Title}, Text: sections(n.Body)[0].text})
		}
	}
	return docs
}

// searchKind is the kind of search result a page gives.
func searchKind(p *Page) string {
	switch {
	case p.Kind == KindPhase:
		return search.KindPhase
	case p.Kind == KindLaw:
		return search.KindLaw
	case p.Tree != nil:
		return search.KindTree
	}
	return search.KindPage
}

// section is a part of a rendered page: the text before the first heading
// (section 0), or an h2 or h3 with the text up to the next one.
type section struct {
	id, title string
	parent    []string // the h2 above an h3
	rule      bool     // a spelregel: the heading sits in <section class="spelregel">
	text      string
	buf       strings.Builder
}

// sections splits rendered HTML at its h2 and h3 headings with an id.
func sections(body template.HTML) []*section {
	secs := []*section{{}}
	doc, err := xhtml.Parse(strings.NewReader(string(body)))
	if err != nil {
		return secs
	}
	h2 := ""
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode && (n.DataAtom == atom.H2 || n.DataAtom == atom.H3) && attr(n, "id") != "" {
			sec := &section{id: attr(n, "id"), title: plain(n)}
			sec.rule = n.Parent != nil && n.Parent.DataAtom == atom.Section && hasClass(n.Parent, "spelregel")
			if n.DataAtom == atom.H2 {
				h2 = sec.title
			} else if h2 != "" {
				sec.parent = []string{h2}
			}
			secs = append(secs, sec)
			return
		}
		if n.Type == xhtml.ElementNode && n.DataAtom == atom.Dl {
			// A definition list is the glossary: terms() indexes each
			// entry on its own; keep the page's text short.
			return
		}
		if n.Type == xhtml.TextNode {
			secs[len(secs)-1].buf.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == xhtml.ElementNode && block[n.DataAtom] {
			secs[len(secs)-1].buf.WriteString(" ")
		}
	}
	walk(doc)
	for _, s := range secs {
		s.text = strings.Join(strings.Fields(s.buf.String()), " ")
	}
	return secs
}

// block elements end a word, even when the HTML has no space after them.
var block = map[atom.Atom]bool{atom.P: true, atom.Li: true, atom.Td: true, atom.Th: true, atom.Dd: true,
	atom.Dt: true, atom.Div: true, atom.Br: true, atom.Blockquote: true, atom.Tr: true, atom.Section: true}

// glossEntry is one entry of a definition list with an id.
type glossEntry struct{ id, title, text string }

// terms reads the definition lists of rendered HTML: each <dt id> with the
// text of the <dd> elements after it.
func terms(body template.HTML) []glossEntry {
	doc, err := xhtml.Parse(strings.NewReader(string(body)))
	if err != nil {
		return nil
	}
	var out []glossEntry
	for n := range doc.Descendants() {
		if n.Type != xhtml.ElementNode || n.DataAtom != atom.Dt || attr(n, "id") == "" {
			continue
		}
		e := glossEntry{id: attr(n, "id"), title: plain(n)}
		var text []string
		for d := n.NextSibling; d != nil && !(d.Type == xhtml.ElementNode && d.DataAtom == atom.Dt); d = d.NextSibling {
			if d.Type == xhtml.ElementNode {
				text = append(text, plain(d))
			}
		}
		e.text = strings.Join(text, " ")
		out = append(out, e)
	}
	return out
}

// plain is the text of n, without the heading anchors ("#", "Link naar …")
// that the Markdown renderer adds.
func plain(n *xhtml.Node) string {
	var b strings.Builder
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode && n.DataAtom == atom.A && hasClass(n, "anchor") {
			return
		}
		if n.Type == xhtml.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

func attr(n *xhtml.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *xhtml.Node, class string) bool {
	return slices.Contains(strings.Fields(attr(n, "class")), class)
}

// register renders the A–Z list of docs, grouped by first letter.
func register(docs []search.Doc) template.HTML {
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
			html.EscapeString(urls.Abs(e.doc.URL)), html.EscapeString(e.doc.Title), html.EscapeString(where))
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

// BuildRelease builds the site as "zvh build" publishes it: the site of
// opts, plus the offline variant of the same source as one zip file
// (OfflineZip), linked with its size from the section #offline of the page
// over.md. It builds twice: the offline variant is a second render with
// Offline set.
func BuildRelease(opts Options) (*Result, diag.List) {
	off := opts
	off.Offline = true
	offRes, errs := Build(off)
	if len(errs) > 0 {
		return nil, errs
	}
	zip, err := offlinezip.Build(offRes.Files, strings.TrimSuffix(OfflineZip, ".zip"))
	if err != nil {
		errs.Add(diag.Position{File: "content"}, "cannot write %s: %v", OfflineZip, err)
		return nil, errs
	}
	res, errs := Build(opts)
	if len(errs) > 0 {
		return nil, errs
	}
	res.Files[OfflineZip] = zip
	const over = "over/index.html"
	if page, ok := res.Files[over]; ok {
		res.Files[over] = linkDownload(page, urls.Rel("over/", OfflineZip, opts.Offline), len(zip))
	}
	return res, nil
}

// offlineHeading ends the heading of the section that offers the download.
var offlineHeading = regexp.MustCompile(`<h2 id="offline"[^>]*>.*?</h2>\n?`)

// linkDownload puts the download link after the heading #offline.
func linkDownload(page []byte, href string, size int) []byte {
	loc := offlineHeading.FindIndex(page)
	if loc == nil {
		return page
	}
	link := fmt.Sprintf(`<p class="download"><a href="%s" download>Download de offline kopie</a> (zipbestand, %s)</p>`+"\n",
		html.EscapeString(href), dutchSize(size))
	return slices.Concat(page[:loc[1]], []byte(link), page[loc[1]:])
}

// dutchSize writes a file size as people read it: "1,4 MB", "830 kB".
func dutchSize(n int) string {
	if n >= 1<<20 {
		return strings.Replace(fmt.Sprintf("%.1f MB", float64(n)/(1<<20)), ".", ",", 1)
	}
	return fmt.Sprintf("%d kB", (n+1023)/1024)
}
