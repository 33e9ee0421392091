package markdown

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// callouts maps the bold lead-in of a blockquote to its callout class.
var callouts = map[string]string{
	"Let op:": "callout callout--let-op",
	"Tip:":    "callout callout--tip",
	"Let op":  "callout callout--let-op",
	"Tip":     "callout callout--tip",
}

// transformer adds what the AST needs before rendering: ids on definition
// terms (so the glossary can be linked) and classes on callouts.
type transformer struct{}

func (transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
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
		switch n := n.(type) {
		case *east.DefinitionTerm:
			id := Slug(PlainText(n, src))
			if id != "" && !used[id] {
				used[id] = true
				n.SetAttributeString("id", []byte(id))
			}
		case *ast.Blockquote:
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
