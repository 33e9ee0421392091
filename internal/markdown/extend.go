package markdown

import (
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Each feature of our dialect is a goldmark Extender of its own, the shape
// goldmark's own extensions have: it adds the parser transformers and node
// renderers the feature needs, and New composes them. A feature can then be
// tested, left out or replaced on its own, and what it changes is written
// in one place. Everything else is goldmark's own renderer.

// ourPriority places our node renderers before goldmark's HTML renderer
// (priority 1000), so ours win for the kinds they register, and our
// transformers before goldmark's (footnotes: 999).
const ourPriority = 100

// nodeFuncs is a node renderer made of one function per node kind.
type nodeFuncs map[ast.NodeKind]renderer.NodeRendererFunc

func (f nodeFuncs) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	for kind, fn := range f {
		reg.Register(kind, fn)
	}
}

// renders adds the node renderer functions of a feature to m.
func renders(m goldmark.Markdown, f nodeFuncs) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(f, ourPriority)))
}

// transformFunc is an AST transformer made of a function.
type transformFunc func(doc *ast.Document, src []byte)

func (f transformFunc) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	f(doc, reader.Source())
}

// transforms adds the AST transformer f of a feature to m; order places
// it among ours (lower runs first).
func transforms(m goldmark.Markdown, f transformFunc, order int) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(f, ourPriority+order)))
}

// The order of our transformers: a caption is taken from a paragraph before
// sections move blocks, and definition terms get ids once every other id is
// in place.
const (
	orderCaptions = iota
	orderSections
	orderDefinitionIDs
	orderCallouts
)

// HeadingAnchors gives every h2 and h3 with an id a visible anchor link
// (renderHeading).
type HeadingAnchors struct{}

func (HeadingAnchors) Extend(m goldmark.Markdown) {
	renders(m, nodeFuncs{ast.KindHeading: renderHeading})
}

// CodeHighlight writes code blocks through chroma, with CSS classes
// (renderCode).
type CodeHighlight struct{}

func (CodeHighlight) Extend(m goldmark.Markdown) {
	r := codeRenderer{lexers: &sync.Map{}}
	renders(m, nodeFuncs{ast.KindFencedCodeBlock: r.renderCode, ast.KindCodeBlock: r.renderCode})
}

// Tables puts every table in a region that scrolls on small screens
// (renderTableWrap), takes a paragraph "Tabel: …" before a table as its
// caption (captionTables, renderCaption) and writes its cells with row
// headers, column labels and alignment as a class (renderTableCell).
type Tables struct{}

func (Tables) Extend(m goldmark.Markdown) {
	transforms(m, captionTables, orderCaptions)
	renders(m, nodeFuncs{east.KindTable: renderTableWrap, east.KindTableCell: renderTableCell, kindCaption: renderCaption})
}

// Sections wraps an h2 with a section class and its blocks in a <section>
// (wrapSections, renderSection).
type Sections struct{}

func (Sections) Extend(m goldmark.Markdown) {
	transforms(m, wrapSections, orderSections)
	renders(m, nodeFuncs{kindSection: renderSection})
}

// Links writes links and images as the Context of the file being rendered
// resolves them (renderLink, renderImage).
type Links struct{}

func (Links) Extend(m goldmark.Markdown) {
	renders(m, nodeFuncs{ast.KindLink: renderLink, ast.KindImage: renderImage})
}

// Glossary links the words of a text that the Context names to the
// glossary (renderText).
type Glossary struct{}

func (Glossary) Extend(m goldmark.Markdown) {
	renders(m, nodeFuncs{ast.KindText: renderText})
}

// DefinitionIDs gives definition terms ids, so the glossary can be linked
// (definitionIDs).
type DefinitionIDs struct{}

func (DefinitionIDs) Extend(m goldmark.Markdown) {
	transforms(m, definitionIDs, orderDefinitionIDs)
}

// Callouts makes a blockquote that starts with **Let op:** or **Tip:** a
// callout (markCallouts).
type Callouts struct{}

func (Callouts) Extend(m goldmark.Markdown) {
	transforms(m, markCallouts, orderCallouts)
}
