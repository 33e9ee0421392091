package markdown

import (
	"bytes"
	"html/template"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// codeRenderer writes code blocks through chroma.
type codeRenderer struct {
	// lexers holds the lexer of every language name met so far: chroma's
	// lookup tries every lexer's names and file patterns, which cost
	// seconds for a long name, so each distinct name is looked up once
	// per Converter.
	lexers *sync.Map // string -> chroma.Lexer
}

func renderCaption(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		w.WriteString("<caption>")
	} else {
		w.WriteString("</caption>\n")
	}
	return ast.WalkContinue, nil
}

func renderSection(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		w.WriteString("<section")
		html.RenderAttributes(w, n, nil)
		w.WriteString(">\n")
	} else {
		w.WriteString("</section>\n")
	}
	return ast.WalkContinue, nil
}

// headingAttributes are the only attributes a heading is rendered with;
// Parse reports any other an author writes.
var headingAttributes = util.NewBytesFilter([]byte("id"), []byte("class"))

func renderHeading(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	level := string(rune('0' + n.Level))
	if entering {
		w.WriteString("<h" + level)
		if n.Attributes() != nil {
			html.RenderAttributes(w, n, headingAttributes)
		}
		w.WriteByte('>')
		return ast.WalkContinue, nil
	}
	if id, ok := n.AttributeString("id"); ok && (n.Level == 2 || n.Level == 3) {
		idb, _ := id.([]byte)
		w.WriteString(` <a class="anchor" href="#`)
		w.Write(util.EscapeHTML(idb))
		w.WriteString(`"><span aria-hidden="true">#</span><span class="visually-hidden">Link naar „`)
		w.WriteString(template.HTMLEscapeString(PlainText(n, src)))
		w.WriteString(`”</span></a>`)
	}
	w.WriteString("</h" + level + ">\n")
	return ast.WalkContinue, nil
}

// codeFormatter writes CSS classes, never style attributes: the
// Content-Security-Policy forbids inline styles.
var codeFormatter = chtml.New(chtml.WithClasses(true), chtml.TabWidth(2))

func (r codeRenderer) renderCode(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	var code bytes.Buffer
	lines := node.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		code.Write(seg.Value(src))
	}
	lang := ""
	if fc, ok := node.(*ast.FencedCodeBlock); ok {
		lang = string(fc.Language(src))
	}
	lexer := r.lexerFor(lang)
	it, err := chroma.Coalesce(lexer).Tokenise(nil, code.String())
	if err != nil {
		return ast.WalkStop, err
	}
	if lang != "" && len(lang) <= maxLang {
		w.WriteString(`<div class="code" data-lang="` + template.HTMLEscapeString(lang) + `">`)
	} else {
		w.WriteString(`<div class="code">`)
	}
	if err := codeFormatter.Format(w, styles.Fallback, it); err != nil {
		return ast.WalkStop, err
	}
	w.WriteString("</div>\n")
	return ast.WalkSkipChildren, nil
}

// renderTableWrap puts a table in a focusable region that scrolls on small
// screens, named after the table's caption, then lets the table renderer
// draw the table itself.
func renderTableWrap(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		label := "Tabel"
		if c, ok := node.FirstChild().(*caption); ok {
			label = "Tabel: " + PlainText(c, src)
		}
		w.WriteString(`<div class="table-scroll"`)
		if id, ok := node.AttributeString("id"); ok {
			if b, ok := id.([]byte); ok {
				w.WriteString(` id="` + template.HTMLEscapeString(string(b)) + `"`)
			}
		}
		w.WriteString(` role="region" tabindex="0" aria-label="` + template.HTMLEscapeString(label) + `">` + "\n<table>\n")
	} else {
		w.WriteString("</table>\n</div>\n")
	}
	return ast.WalkContinue, nil
}

// renderTableCell writes a cell so that a table can be read as a list on a
// phone (app.css stacks the rows there): the first cell of a body row is
// the row's header (<th scope="row">, so "Politie" names the row for
// assistive technology too), and every other body cell carries its
// column's name in data-label, which CSS shows before it when the header
// row is out of sight. Alignment is a class, never a style attribute,
// which the Content-Security-Policy forbids.
func renderTableCell(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*east.TableCell)
	row := n.Parent()
	tag := "td"
	switch {
	case row.Kind() == east.KindTableHeader:
		tag = "th"
	case row.FirstChild() == node:
		tag = "th"
	}
	if !entering {
		w.WriteString("</" + tag + ">\n")
		return ast.WalkContinue, nil
	}
	w.WriteString("<" + tag)
	switch {
	case row.Kind() == east.KindTableHeader:
		w.WriteString(` scope="col"`)
	case tag == "th":
		w.WriteString(` scope="row"`)
	default:
		if label := columnLabel(n, src); label != "" {
			w.WriteString(` data-label="` + template.HTMLEscapeString(label) + `"`)
		}
	}
	if n.Alignment != east.AlignNone {
		w.WriteString(` class="align-` + n.Alignment.String() + `"`)
	}
	w.WriteByte('>')
	return ast.WalkContinue, nil
}

// columnLabel is the plain text of the header cell above the body cell n.
func columnLabel(n *east.TableCell, src []byte) string {
	col := 0
	for c := n.PreviousSibling(); c != nil; c = c.PreviousSibling() {
		col++
	}
	for t := n.Parent(); t != nil; t = t.Parent() {
		if _, ok := t.(*east.Table); !ok {
			continue
		}
		for h := t.FirstChild(); h != nil; h = h.NextSibling() {
			if h.Kind() != east.KindTableHeader {
				continue
			}
			c := h.FirstChild()
			for i := 0; i < col && c != nil; i++ {
				c = c.NextSibling()
			}
			if c != nil {
				return PlainText(c, src)
			}
		}
	}
	return ""
}

// CodeCSS returns the stylesheet for highlighted code: a light theme, and a
// dark one for readers who prefer a dark colour scheme.
func CodeCSS(light, dark string) (string, error) {
	var b strings.Builder
	if err := codeFormatter.WriteCSS(&b, styles.Get(light)); err != nil {
		return "", err
	}
	var d strings.Builder
	if err := codeFormatter.WriteCSS(&d, styles.Get(dark)); err != nil {
		return "", err
	}
	b.WriteString("@media (prefers-color-scheme: dark) {\n")
	b.WriteString(d.String())
	b.WriteString("}\n")
	return b.String(), nil
}

// maxLang is the longest language name of a fenced code block that is
// looked up; a longer one ("```" and 10 KB) is shown as plain text.
const maxLang = 40

// lexerFor returns the lexer for a fenced block's language, or the plain
// text lexer.
func (r codeRenderer) lexerFor(lang string) chroma.Lexer {
	if lang == "" || len(lang) > maxLang {
		return lexers.Fallback
	}
	if l, ok := r.lexers.Load(lang); ok {
		return l.(chroma.Lexer)
	}
	l := lexers.Get(lang)
	if l == nil {
		l = lexers.Fallback
	}
	r.lexers.Store(lang, l)
	return l
}
