package markdown

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// checkRaw reports what the page would otherwise drop without a word:
// raw HTML, which is never rendered (goldmark writes "<!-- raw HTML
// omitted -->"), and an autolink with a scheme other than http(s) or
// mailto (<javascript:…> became href="", <ftp://…> was published, where
// [x](ftp://…) is an error).
func (d *Doc) checkRaw(n ast.Node) {
	switch n := n.(type) {
	case *ast.RawHTML, *ast.HTMLBlock:
		at := nodeOffset(n)
		if k := len(d.Errs); k > 0 && d.Errs[k-1].Msg == rawHTML && sameLine(d.Src, d.Errs[k-1].Offset, at) {
			return // <b>…</b>: once per line
		}
		d.Errs = append(d.Errs, &ParseError{Offset: at, Msg: rawHTML})
	case *ast.Heading:
		// {id="a b c"} would give an id with spaces: invalid HTML, and no
		// #anchor can point at it.
		if v, ok := n.AttributeString("id"); ok {
			if b, ok := v.([]byte); ok && !validID.Match(b) {
				d.Errs = append(d.Errs, &ParseError{Offset: attributeOffset(n, d.Src, "id"), Msg: fmt.Sprintf("id %q: een id bestaat uit letters, cijfers, - en _, zonder spaties", b)})
				n.SetAttributeString("id", []byte(Slug(string(b))))
			}
		}
	case *ast.AutoLink:
		if n.AutoLinkType == ast.AutoLinkEmail {
			return
		}
		u := strings.ToLower(string(n.URL(d.Src)))
		if !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "www.") {
			d.Errs = append(d.Errs, &ParseError{Offset: nodeOffset(n), Msg: fmt.Sprintf("automatische link %q: alleen http- en https-adressen worden gelinkt", n.URL(d.Src))})
		}
	}
}

// validID is what an id of a heading may be.
var validID = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

const rawHTML = "HTML in een pagina wordt niet gepubliceerd: schrijf Markdown (opmaak die Markdown niet heeft, hoort in een layout)"

// sameLine reports whether the offsets a <= b of src are on one line.
func sameLine(src []byte, a, b int) bool {
	return a >= 0 && b >= a && b <= len(src) && !strings.Contains(string(src[a:b]), "\n")
}

// nodeOffset is where n starts in the source: its position, its first
// line, or its parent's.
func nodeOffset(n ast.Node) int {
	for ; n != nil; n = n.Parent() {
		if p := n.Pos(); p >= 0 {
			return p
		}
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return n.Lines().At(0).Start
		}
	}
	return -1
}
