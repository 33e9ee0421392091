package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Each feature of our dialect is a goldmark Extender of its own, the shape
// goldmark's own extensions have: it adds the parser transformers and node
// renderers the feature needs, and New composes them. A feature can then be
// tested, left out or replaced on its own, and what it changes is written
// in one place. Everything else is goldmark's own renderer.

// ourPriority places our node renderers before goldmark's HTML renderer
// (priority 1000), so ours win for the kinds they register.
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
	renders(m, nodeFuncs{ast.KindFencedCodeBlock: renderCode, ast.KindCodeBlock: renderCode})
}

// Tables puts every table in a region that scrolls on small screens
// (renderTableWrap) and writes its caption (renderCaption).
type Tables struct{}

func (Tables) Extend(m goldmark.Markdown) {
	renders(m, nodeFuncs{east.KindTable: renderTableWrap, kindCaption: renderCaption})
}

// Sections writes the section nodes of wrapSections as <section>
// (renderSection).
type Sections struct{}

func (Sections) Extend(m goldmark.Markdown) {
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
