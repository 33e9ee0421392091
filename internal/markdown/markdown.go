// Package markdown is the one place where goldmark is configured. It parses
// a page body into an AST that the site package inspects (headings, links,
// decision-tree nodes) and renders it to HTML.
//
// What authors get: GitHub tables, strikethrough and autolinks, footnotes,
// definition lists, Dutch typographic quotes („…"), heading attributes
// ({#id .class}), automatic heading ids and placeholders for the names a
// region may rename ({{casusoverleg}}, see Names). Raw HTML is never rendered:
// authors write Markdown only. Every h2 and h3 gets a visible anchor link,
// every definition term an id, code blocks are highlighted with CSS classes
// (chroma) and a blockquote that starts with **Let op:** or **Tip:** becomes a
// callout.
package markdown

import (
	"bufio"
	"bytes"
	"cmp"
	"fmt"
	"html"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
)

// Converter parses and renders Markdown. It is safe for concurrent use.
type Converter struct {
	md    goldmark.Markdown
	names Names
}

// Option configures a Converter.
type Option func(*Converter)

// WithNames gives the placeholders of the pages the values of one site
// (see Names). Without it every placeholder is an unknown name.
func WithNames(n Names) Option { return func(c *Converter) { c.names = n } }

// Names returns the placeholder values the Converter parses with.
func (c *Converter) Names() Names { return c.names }

// New returns a Converter with the project's Markdown dialect.
func New(opts ...Option) *Converter {
	dutchQuotes := map[extension.TypographicPunctuation]string{
		extension.LeftDoubleQuote:  "&bdquo;",
		extension.RightDoubleQuote: "&rdquo;",
		extension.LeftSingleQuote:  "&lsquo;",
		extension.RightSingleQuote: "&rsquo;",
	}
	md := goldmark.New(
		goldmark.WithExtensions(
			// GFM, with column alignment as classes (see alignTable):
			// goldmark's style="text-align:…" breaks the CSP.
			extension.Linkify,
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone)),
			extension.Strikethrough,
			extension.TaskList,
			extension.Footnote,
			extension.DefinitionList,
			extension.NewTypographer(extension.WithTypographicSubstitutions(dutchQuotes)),
			namesExtension{},
			HeadingAnchors{},
			CodeHighlight{},
			Tables{},
			Sections{},
			Links{},
			Glossary{},
			DefinitionIDs{},
			Callouts{},
		),
		goldmark.WithParserOptions(
			parser.WithAttribute(),
			parser.WithAutoHeadingID(),
		),
	)
	c := &Converter{md: md}
	for _, o := range opts {
		o(c)
	}
	return c
}

// Heading is an entry of a page's table of contents.
type Heading struct {
	Level int
	ID    string
	Text  string
	Node  *ast.Heading
}

// Doc is a parsed Markdown body.
type Doc struct {
	Src  []byte
	Root ast.Node
	Errs []*ParseError // every problem in Src, in source order; see Parse
	Err  *ParseError   // the first of Errs, or nil

	Headings []Heading       // every heading, in order
	IDs      map[string]bool // every id an #anchor may point to
	Dups     []ast.Node      // elements whose id an earlier element already has
}

// ParseError is a problem in a source: goldmark gave up on it, or it holds
// what no page may hold.
type ParseError struct {
	Offset int // byte offset of the likely cause, or -1
	Msg    string
}

func (e *ParseError) Error() string { return e.Msg }

// badAttribute finds an attribute value goldmark cannot take as an id or
// class: a number or a boolean, as in {id=5}.
var badAttribute = regexp.MustCompile(`\{[^}\n]*?\b(id|class)\s*=\s*([^"'\s}]+)`)

// explicitID finds {#id} attributes in a source.
var explicitID = regexp.MustCompile(`\{#([A-Za-z0-9_-]+)`)

// Parse parses src. Markdown has no syntax errors, but a few things are
// errors all the same, each reported in Doc.Errs at its byte offset:
//
//   - bytes that are not UTF-8 (the page is published as UTF-8, so they
//     would turn into garbage or worse);
//   - a heading attribute other than an id or a class, such as
//     {#doel style="color:red"}: the site's Content-Security-Policy forbids
//     inline styles, and nothing else an attribute could set belongs in
//     content; such attributes are also never rendered;
//   - an attribute value goldmark cannot read, such as {id=5}: goldmark
//     panics on it, and Parse turns that into an error instead of crashing
//     the build (Root is then empty).
func (c *Converter) Parse(src []byte) (d *Doc) {
	badUTF8 := invalidUTF8(src)
	if e := checkLimits(src); e != nil {
		// Not parsed at all: goldmark would take minutes (see limits.go).
		d = &Doc{Src: src, Root: ast.NewDocument(), IDs: map[string]bool{}, Errs: append(badUTF8, e)}
		d.sortErrs()
		return d
	}
	defer func() {
		if r := recover(); r != nil {
			d = &Doc{Src: src, Root: ast.NewDocument(), IDs: map[string]bool{}}
			d.Errs = append(badUTF8, unreadableAttribute(src))
			d.sortErrs()
		}
	}()
	// Reserve the ids authors wrote, so an automatic id given to an earlier
	// heading never takes one of them.
	ids := newIDs()
	for _, m := range explicitID.FindAllSubmatch(src, -1) {
		ids.Put(m[1])
	}
	ctx := parser.NewContext(parser.WithIDs(ids))
	ctx.Set(namesKey, c.names)
	root := c.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	d = &Doc{Src: src, Root: root, IDs: map[string]bool{}, Errs: badUTF8}
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if id, ok := n.AttributeString("id"); ok {
			if s, ok := id.([]byte); ok {
				if d.IDs[string(s)] {
					d.Dups = append(d.Dups, n)
				}
				d.IDs[string(s)] = true
			}
		}
		d.checkRaw(n)
		if h, ok := n.(*ast.Heading); ok {
			d.checkAttributes(h)
			id, _ := h.AttributeString("id")
			idb, _ := id.([]byte)
			d.Headings = append(d.Headings, Heading{Level: h.Level, ID: string(idb), Text: PlainText(h, src), Node: h})
		}
		if nm, ok := n.(*Name); ok && nm.Msg != "" {
			d.Errs = append(d.Errs, &ParseError{Offset: nm.Offset, Msg: nm.Msg})
		}
		if fn, ok := n.(*east.Footnote); ok {
			d.IDs["fn:"+strconv.Itoa(fn.Index)] = true
		}
		if fl, ok := n.(*east.FootnoteLink); ok {
			d.IDs["fnref:"+strconv.Itoa(fl.Index)] = true
		}
		return ast.WalkContinue, nil
	})
	d.sortErrs()
	return d
}

func (d *Doc) sortErrs() {
	slices.SortStableFunc(d.Errs, func(a, b *ParseError) int { return cmp.Compare(a.Offset, b.Offset) })
	d.Err = nil
	if len(d.Errs) > 0 {
		d.Err = d.Errs[0]
	}
}

// allowedAttributes are the heading attributes an author may write.
var allowedAttributes = map[string]bool{"id": true, "class": true}

// checkAttributes reports every attribute of h other than an id or a class,
// and removes it, so that it cannot reach the page even if a caller
// ignores the error. The id and class values are text here: goldmark
// panics on others before this point (see unreadableAttribute).
func (d *Doc) checkAttributes(h *ast.Heading) {
	var bad []string
	var keep []ast.Attribute
	for _, a := range h.Attributes() {
		if allowedAttributes[string(a.Name)] {
			keep = append(keep, a)
		} else {
			bad = append(bad, string(a.Name))
		}
	}
	if len(bad) == 0 {
		return
	}
	h.RemoveAttributes()
	for _, a := range keep {
		h.SetAttribute(a.Name, a.Value)
	}
	for _, name := range bad {
		msg := fmt.Sprintf("heading attribute %s is not allowed: only an id {#naam} and classes {.naam} may be set", name)
		if name == "style" {
			msg = "heading attribute style is not allowed: inline styles are forbidden by the site's security policy; use a class {.naam} instead"
		}
		d.Errs = append(d.Errs, &ParseError{Offset: attributeOffset(h, d.Src, name), Msg: msg})
	}
}

// attributeOffset returns the offset of the attribute name in the
// attribute block at the end of h's line, or of the heading if not found.
func attributeOffset(h *ast.Heading, src []byte, name string) int {
	lines := h.Lines()
	if lines.Len() == 0 {
		return h.Pos()
	}
	seg := lines.At(lines.Len() - 1)
	if seg.Stop < 0 || seg.Stop > len(src) {
		return h.Pos()
	}
	rest := src[seg.Stop:]
	if i := bytes.IndexByte(rest, '\n'); i >= 0 {
		rest = rest[:i]
	}
	for i := 0; i+len(name) <= len(rest); i++ {
		if i > 0 && (rest[i-1] == ' ' || rest[i-1] == '\t' || rest[i-1] == '{') && bytes.HasPrefix(rest[i:], []byte(name)) {
			if j := i + len(name); j == len(rest) || strings.IndexByte("= \t}", rest[j]) >= 0 {
				return seg.Stop + i
			}
		}
	}
	return h.Pos()
}

// unreadableAttribute explains the attribute goldmark panicked on, at its
// position, without the Go panic (which no author can act on).
func unreadableAttribute(src []byte) *ParseError {
	m := badAttribute.FindSubmatchIndex(src)
	if m == nil {
		return &ParseError{Offset: -1, Msg: "cannot read an attribute block {…} in this Markdown: write an id as {#naam} and a class as {.naam}"}
	}
	key, val := string(src[m[2]:m[3]]), string(src[m[4]:m[5]])
	short := "{#" + val + "}"
	if key == "class" {
		short = "{." + val + "}"
	}
	return &ParseError{Offset: m[2], Msg: fmt.Sprintf("attribute %s=%s cannot be read: the value must be text; write %s or %s=\"%s\"", key, val, short, key, val)}
}

// invalidUTF8 reports the first byte on each line that is not part of
// valid UTF-8.
func invalidUTF8(src []byte) []*ParseError {
	var errs []*ParseError
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size <= 1 {
			errs = append(errs, &ParseError{Offset: i, Msg: fmt.Sprintf("invalid UTF-8 (byte 0x%02X): save the file as UTF-8", src[i])})
			nl := bytes.IndexByte(src[i:], '\n')
			if nl < 0 {
				break
			}
			i += nl + 1
			continue
		}
		i += size
	}
	return errs
}

// Render writes the HTML of n, a node of d (often d.Root), to w.
func (c *Converter) Render(w io.Writer, d *Doc, n ast.Node) error {
	return c.md.Renderer().Render(w, d.Src, n)
}

// PlainText returns the text of n and its descendants without markup, as a
// reader would see it (typographic quotes included).
func PlainText(n ast.Node, src []byte) string { return plainText(n, src, false) }

// plainText is PlainText, with each placeholder as its name instead of its
// value when asNames is set (see sourceText).
func plainText(n ast.Node, src []byte, asNames bool) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(shownText(t, src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.WriteString(unescape(t.Value))
		case *Name:
			if asNames {
				b.WriteString(strings.ToLower(strings.TrimPrefix(strings.TrimSpace(t.Raw), NationalPrefix)))
			} else {
				b.WriteString(t.Value)
			}
		case *ast.CodeSpan:
			b.WriteString(string(codeSpanText(t, src)))
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

// shownText is the text of t as goldmark's renderer shows it: without the
// backslash of an escape ("\\*"), with character references ("&amp;")
// resolved. The renderer does both in one pass, which matters for "\\&amp;",
// so its writer does the work here too and the HTML it writes is read back.
func shownText(t *ast.Text, src []byte) []byte {
	v := t.Value(src)
	if t.IsRaw() || bytes.IndexAny(v, `\&`) < 0 {
		return v
	}
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	gmhtml.DefaultWriter.Write(w, v)
	w.Flush()
	return []byte(html.UnescapeString(b.String()))
}

func codeSpanText(n *ast.CodeSpan, src []byte) []byte {
	var b bytes.Buffer
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			b.Write(t.Value(src))
		}
	}
	return b.Bytes()
}

var entities = strings.NewReplacer("&bdquo;", "„", "&rdquo;", "”", "&lsquo;", "‘", "&rsquo;", "’",
	"&ndash;", "–", "&mdash;", "—", "&hellip;", "…", "&laquo;", "«", "&raquo;", "»")

func unescape(b []byte) string { return entities.Replace(string(b)) }

// Typographic returns the text of a typographer node (ast.String), such as
// "&bdquo;", as the character a reader sees.
func Typographic(s *ast.String) string { return unescape(s.Value) }

// Entry is an entry of a definition list: the term's anchor, its text, and
// the text of the definitions that follow it.
type Entry struct {
	ID, Text, Definition string
}

// Entries returns the entries of the definition lists under n, in document
// order, those without an id left out. The glossary, its letters and the
// search index all read begrippen.md this way.
func Entries(n ast.Node, src []byte) []Entry {
	var out []Entry
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		dt, ok := c.(*east.DefinitionTerm)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		id, _ := dt.AttributeString("id")
		idb, _ := id.([]byte)
		if len(idb) == 0 {
			return ast.WalkSkipChildren, nil
		}
		t := Entry{ID: string(idb), Text: PlainText(dt, src)}
		var defs []string
		for d := dt.NextSibling(); d != nil; d = d.NextSibling() {
			if _, ok := d.(*east.DefinitionTerm); ok {
				break
			}
			defs = append(defs, PlainText(d, src))
		}
		t.Definition = strings.Join(strings.Fields(strings.Join(defs, " ")), " ")
		out = append(out, t)
		return ast.WalkSkipChildren, nil
	})
	return out
}
