package markdown

import (
	"regexp"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// callouts maps the bold lead-in of a blockquote to its callout class.
var callouts = map[string]string{
	"Let op:": "callout callout--let-op",
	"Tip:":    "callout callout--tip",
	"Let op":  "callout callout--let-op",
	"Tip":     "callout callout--tip",
}

// definitionIDs gives every definition term an id from its text, unless an
// element already has that id, so the glossary can be linked.
func definitionIDs(doc *ast.Document, src []byte) {
	used := map[string]bool{}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if id, ok := n.AttributeString("id"); ok {
			if b, ok := id.([]byte); ok {
				used[string(b)] = true
			}
		}
		return ast.WalkContinue, nil
	})
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n, ok := n.(*east.DefinitionTerm); ok {
			id := Slug(sourceText(n, src))
			if id != "" && !used[id] {
				used[id] = true
				n.SetAttributeString("id", []byte(id))
			}
		}
		return ast.WalkContinue, nil
	})
}

// markCallouts gives a blockquote that starts with a bold lead-in of
// callouts its callout class.
func markCallouts(doc *ast.Document, src []byte) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n, ok := n.(*ast.Blockquote); ok {
			if p, ok := n.FirstChild().(*ast.Paragraph); ok {
				if em, ok := p.FirstChild().(*ast.Emphasis); ok && em.Level == 2 {
					if class, ok := callouts[strings.TrimSpace(PlainText(em, src))]; ok {
						n.SetAttributeString("class", []byte(class))
					}
				}
			}
		}
		return ast.WalkContinue, nil
	})
}

// kindSection is a block that groups a heading with the blocks after it.
var kindSection = ast.NewNodeKind("Section")

// section wraps a heading and its blocks: an h2 {.spelregel} becomes
// <section class="spelregel">, so a rule, its explanation and its source
// are one block for styles and print.
type section struct{ ast.BaseBlock }

func (n *section) Kind() ast.NodeKind { return kindSection }

func (n *section) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// sectionClasses are the heading classes that start a section.
var sectionClasses = []string{"spelregel"}

// wrapSections moves every h2 with a section class, and the blocks up to
// the next heading of level 2 or higher, into a section node. A paragraph
// in it that starts with **Bron:** gets the class <class>__bron.
func wrapSections(doc *ast.Document, src []byte) {
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		h, ok := c.(*ast.Heading)
		if !ok || h.Level != 2 {
			continue
		}
		class := sectionClass(h)
		if class == "" {
			continue
		}
		sec := &section{}
		sec.SetAttributeString("class", []byte(class))
		if id, ok := h.AttributeString("id"); ok {
			sec.SetAttributeString("aria-labelledby", id)
		}
		h.SetAttributeString("class", []byte(class+"__kop"))
		doc.InsertBefore(doc, h, sec)
		for n := ast.Node(h); n != nil; {
			next := n.NextSibling()
			if nh, ok := n.(*ast.Heading); ok && n != h && nh.Level <= 2 {
				break
			}
			doc.RemoveChild(doc, n)
			sec.AppendChild(sec, n)
			if p, ok := n.(*ast.Paragraph); ok {
				if s, ok := p.FirstChild().(*ast.Emphasis); ok && s.Level == 2 && strings.TrimSpace(PlainText(s, src)) == "Bron:" {
					p.SetAttributeString("class", []byte(class+"__bron"))
				}
			}
			n = next
		}
		c = sec
	}
}

func sectionClass(h *ast.Heading) string {
	v, ok := h.AttributeString("class")
	if !ok {
		return ""
	}
	b, _ := v.([]byte)
	for _, c := range strings.Fields(string(b)) {
		for _, s := range sectionClasses {
			if c == s {
				return s
			}
		}
	}
	return ""
}

// kindCaption is the caption of a table.
var kindCaption = ast.NewNodeKind("Caption")

// caption holds the inline text of a table's caption.
type caption struct{ ast.BaseBlock }

func (n *caption) Kind() ast.NodeKind { return kindCaption }

func (n *caption) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// captionID is an id at the end of a caption: {#per-rol}.
var captionID = regexp.MustCompile(`\s*\{#([A-Za-z0-9_-]+)\}\s*$`)

// trimFrom drops the text of n's inline children from the source offset at
// on (the id after a caption).
func trimFrom(n ast.Node, at int) {
	for c := n.LastChild(); c != nil; {
		prev := c.PreviousSibling()
		t, ok := c.(*ast.Text)
		switch {
		case !ok:
			return
		case t.Segment.Start >= at:
			n.RemoveChild(n, c)
		default:
			if t.Segment.Stop > at {
				t.Segment = t.Segment.WithStop(at)
			}
			return
		}
		c = prev
	}
}

// captionPrefix starts the paragraph that captions the table after it.
const captionPrefix = "Tabel:"

// captionTables turns a paragraph "Tabel: …" right before a table into the
// table's <caption>, which GitHub tables have no syntax for. A caption may
// end in an id, "Tabel: Triage per rol {#per-rol}", which the table's
// region then carries, so a link can land on the table itself.
func captionTables(doc *ast.Document, src []byte) {
	var tables []*east.Table
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := n.(*east.Table); ok && entering {
			tables = append(tables, t)
		}
		return ast.WalkContinue, nil
	})
	for _, t := range tables {
		p, ok := t.PreviousSibling().(*ast.Paragraph)
		if !ok {
			continue
		}
		first, ok := p.FirstChild().(*ast.Text)
		if !ok || !strings.HasPrefix(string(first.Value(src)), captionPrefix) {
			continue
		}
		seg := first.Segment
		rest := seg.WithStart(seg.Start + len(captionPrefix))
		first.Segment = rest.TrimLeftSpace(src)
		c := &caption{}
		for n := p.FirstChild(); n != nil; {
			next := n.NextSibling()
			p.RemoveChild(p, n)
			c.AppendChild(c, n)
			n = next
		}
		if lines := p.Lines(); lines.Len() > 0 {
			line := lines.At(lines.Len() - 1)
			if m := captionID.FindSubmatchIndex(line.Value(src)); m != nil {
				t.SetAttributeString("id", slices.Clone(line.Value(src)[m[2]:m[3]]))
				trimFrom(c, line.Start+m[0])
			}
		}
		p.Parent().RemoveChild(p.Parent(), p)
		t.InsertBefore(t, t.FirstChild(), c)
	}
}
