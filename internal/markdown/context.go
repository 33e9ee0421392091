package markdown

import (
	"bufio"
	"io"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// Context tells the renderer, while one output file is written, what the
// AST alone cannot: where an internal link points when seen from that file,
// and which words link to the glossary. The AST itself is never changed, so
// one parse serves every file and every site it appears in.
type Context interface {
	// Link returns the href to write for l, the target's address on the
	// host (a path from its root, printed after the link on paper)
	// and plain text to add after the link (such as " (nog te
	// bevestigen)"). ok is false for a link the context does not know,
	// which is then written as it stands.
	Link(l *ast.Link) (href, sitePath, after string, ok bool)
	// Terms returns the glossary links inside t, in order: byte offsets in
	// the source and the href of each.
	Terms(t *ast.Text) []Term
	// Image returns the src to write for an image; ok is false for an
	// image the build has not accepted, which is then left out.
	Image(img *ast.Image) (src string, ok bool)
}

// Term is a glossary link inside a text node: the source bytes
// [Start, Stop) become a link to Href.
type Term struct {
	Start, Stop int
	Href        string
}

// ctxWriter carries a Context through goldmark's renderer, which hands the
// writer it was given to every node renderer function; that is the only
// per-call value goldmark passes along, and it keeps the Converter safe for
// concurrent use.
type ctxWriter struct {
	*bufio.Writer
	ctx Context
}

// RenderWith writes the HTML of n, a node of d, to w, asking ctx for link
// destinations and glossary links.
//
// A *bufio.Writer as w is written to as it is (and flushed), so a caller
// that renders many nodes can keep one instead of one per call.
func (c *Converter) RenderWith(w io.Writer, d *Doc, n ast.Node, ctx Context) error {
	bw, ok := w.(*bufio.Writer)
	if !ok {
		bw = bufio.NewWriter(w)
	}
	return c.md.Renderer().Render(ctxWriter{bw, ctx}, d.Src, n)
}

func contextOf(w util.BufWriter) Context {
	if cw, ok := w.(ctxWriter); ok {
		return cw.ctx
	}
	return nil
}

func renderLink(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	ctx := contextOf(w)
	var href, sitePath, after string
	ok := false
	if ctx != nil {
		href, sitePath, after, ok = ctx.Link(n)
	}
	if !entering {
		w.WriteString("</a>")
		if after != "" {
			w.Write(util.EscapeHTML([]byte(after)))
		}
		return ast.WalkContinue, nil
	}
	w.WriteString(`<a href="`)
	if ok {
		w.Write(util.EscapeHTML(util.URLEscape([]byte(href), true)))
	} else if dest := util.URLEscape(n.Destination, true); !html.IsDangerousURL(dest) {
		w.Write(util.EscapeHTML(dest))
	}
	w.WriteByte('"')
	if sitePath != "" {
		w.WriteString(` data-path="/`)
		w.Write(util.EscapeHTML(util.URLEscape([]byte(sitePath), true)))
		w.WriteByte('"')
	}
	if n.Title != nil {
		w.WriteString(` title="`)
		html.DefaultWriter.Write(w, n.Title)
		w.WriteByte('"')
	}
	if n.Attributes() != nil {
		html.RenderAttributes(w, n, html.LinkAttributeFilter)
	}
	w.WriteByte('>')
	return ast.WalkContinue, nil
}

// renderText writes a text node as goldmark does, with the glossary links
// the context asks for around the words they cover.
func renderText(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Text)
	seg := n.Segment
	if n.IsRaw() {
		html.DefaultWriter.RawWrite(w, seg.Value(src))
		return ast.WalkContinue, nil
	}
	at := seg.Start
	if ctx := contextOf(w); ctx != nil {
		for _, t := range ctx.Terms(n) {
			if t.Start < at || t.Stop > seg.Stop {
				continue
			}
			html.DefaultWriter.Write(w, src[at:t.Start])
			w.WriteString(`<a href="`)
			w.Write(util.EscapeHTML(util.URLEscape([]byte(t.Href), true)))
			w.WriteString(`" class="term">`)
			html.DefaultWriter.Write(w, src[t.Start:t.Stop])
			w.WriteString("</a>")
			at = t.Stop
		}
	}
	html.DefaultWriter.Write(w, src[at:seg.Stop])
	switch {
	case n.HardLineBreak():
		w.WriteString("<br>\n")
	case n.SoftLineBreak():
		w.WriteByte('\n')
	}
	return ast.WalkContinue, nil
}

// renderImage writes an image whose source the context resolved to a file
// of the site; any other image is left out (the build reports it).
func renderImage(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Image)
	ctx := contextOf(w)
	if ctx == nil {
		return ast.WalkSkipChildren, nil
	}
	href, ok := ctx.Image(n)
	if !ok {
		return ast.WalkSkipChildren, nil
	}
	w.WriteString(`<img src="`)
	w.Write(util.EscapeHTML(util.URLEscape([]byte(href), true)))
	w.WriteString(`" alt="`)
	w.Write(util.EscapeHTML([]byte(PlainText(n, src))))
	w.WriteByte('"')
	if n.Title != nil {
		w.WriteString(` title="`)
		html.DefaultWriter.Write(w, n.Title)
		w.WriteByte('"')
	}
	w.WriteByte('>')
	return ast.WalkSkipChildren, nil
}
