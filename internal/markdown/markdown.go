// Package markdown is the one place where goldmark is configured. It parses
// a page body into an AST that the site package inspects (headings, links,
// decision-tree nodes) and renders it to HTML.
//
// What authors get: GitHub tables, strikethrough and autolinks, footnotes,
// definition lists, Dutch typographic quotes („…"), heading attributes
// ({#id .class}) and automatic heading ids. Raw HTML is never rendered:
// authors write Markdown only. Every h2 and h3 gets a visible anchor link,
// every definition term an id, code blocks are highlighted with CSS classes
// (chroma) and a blockquote that starts with **Let op:** or **Tip:** becomes a
// callout.
package markdown

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Converter parses and renders Markdown. It is safe for concurrent use.
type Converter struct {
	md goldmark.Markdown
}

// New returns a Converter with the project's Markdown dialect.
func New() *Converter {
	dutchQuotes := map[extension.TypographicPunctuation]string{
		extension.LeftDoubleQuote:  "&bdquo;",
		extension.RightDoubleQuote: "&rdquo;",
		extension.LeftSingleQuote:  "&lsquo;",
		extension.RightSingleQuote: "&rsquo;",
	}
	md := goldmark.New(
		goldmark.WithExtensions(
			extension.GFM,
			extension.Footnote,
			extension.DefinitionList,
			extension.NewTypographer(extension.WithTypographicSubstitutions(dutchQuotes)),
		),
		goldmark.WithParserOptions(
			parser.WithAttribute(),
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(transformer{}, 100)),
		),
		goldmark.WithRendererOptions(
			renderer.WithNodeRenderers(util.Prioritized(nodeRenderer{}, 100)),
		),
	)
	return &Converter{md: md}
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
	Src      []byte
	Root     ast.Node
	Err      *ParseError     // set when goldmark could not parse Src; Root is then empty
	Headings []Heading       // every heading, in order
	IDs      map[string]bool // every id an #anchor may point to
	Dups     []ast.Node      // elements whose id an earlier element already has
}

// ParseError says why goldmark gave up on a source.
type ParseError struct {
	Offset int // byte offset of the likely cause, or -1
	Msg    string
}

func (e *ParseError) Error() string { return e.Msg }

// badAttribute finds an attribute value goldmark cannot take as an id or
// class: a number or a boolean, as in {id=5}.
var badAttribute = regexp.MustCompile(`\{[^}\n]*\b(id|class)\s*=\s*[^"'\s}]`)

// explicitID finds {#id} attributes in a source.
var explicitID = regexp.MustCompile(`\{#([A-Za-z0-9_-]+)`)

// Parse parses src. Markdown has no syntax errors, but goldmark panics on a
// few attribute forms ({id=5}); Parse turns that into Doc.Err instead of
// crashing the build.
func (c *Converter) Parse(src []byte) (d *Doc) {
	defer func() {
		if r := recover(); r != nil {
			off := -1
			if loc := badAttribute.FindIndex(src); loc != nil {
				off = loc[0]
			}
			d = &Doc{Src: src, Root: ast.NewDocument(), IDs: map[string]bool{},
				Err: &ParseError{Offset: off, Msg: fmt.Sprintf("cannot read this Markdown (an attribute such as {id=5} must be written {#id}): %v", r)}}
		}
	}()
	// Reserve the ids authors wrote, so an automatic id given to an earlier
	// heading never takes one of them.
	ids := newIDs()
	for _, m := range explicitID.FindAllSubmatch(src, -1) {
		ids.Put(m[1])
	}
	ctx := parser.NewContext(parser.WithIDs(ids))
	root := c.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	d = &Doc{Src: src, Root: root, IDs: map[string]bool{}}
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
		if h, ok := n.(*ast.Heading); ok {
			id, _ := h.AttributeString("id")
			idb, _ := id.([]byte)
			d.Headings = append(d.Headings, Heading{Level: h.Level, ID: string(idb), Text: PlainText(h, src), Node: h})
		}
		if fn, ok := n.(*east.Footnote); ok {
			d.IDs["fn:"+strconv.Itoa(fn.Index)] = true
		}
		if fl, ok := n.(*east.FootnoteLink); ok {
			d.IDs["fnref:"+strconv.Itoa(fl.Index)] = true
		}
		return ast.WalkContinue, nil
	})
	return d
}

// Render writes the HTML of n, a node of d (often d.Root), to w.
func (c *Converter) Render(w io.Writer, d *Doc, n ast.Node) error {
	return c.md.Renderer().Render(w, d.Src, n)
}

// PlainText returns the text of n and its descendants without markup, as a
// reader would see it (typographic quotes included).
func PlainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Value(src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.WriteString(unescape(t.Value))
		case *ast.CodeSpan:
			b.WriteString(string(codeSpanText(t, src)))
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
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
