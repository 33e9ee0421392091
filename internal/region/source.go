package region

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/zvh-webtool/zvh/internal/diag"
	"github.com/zvh-webtool/zvh/internal/frontmatter"
	"github.com/zvh-webtool/zvh/internal/load"
	"github.com/zvh-webtool/zvh/internal/markdown"
	"github.com/zvh-webtool/zvh/internal/tree"
)

// doc is a Markdown source cut into the parts a region can override: the
// front matter, the text before the first h2 (the intro) and one section per
// h2, each running to the next h2.
//
// The cut comes from the build's own readers: the front matter from
// frontmatter (the one strict decoder, so `locked: yes` locks here exactly
// as it does in the build) and the sections from the goldmark parse with the
// site's Markdown dialect, so a "## line" in a fence, an HTML block or a
// blockquote is no section, and a setext heading is one.
type doc struct {
	File     string // as people see it
	Src      string
	Front    string // "---\n…\n---\n", or "" when the file has none
	Meta     frontmatter.Meta
	HasFront bool
	MetaErrs diag.List // what the decoder found wrong with the front matter
	Intro    chunk
	Sections []section
	cut      bool // Sections were read; otherwise the whole body is Intro
}

// chunk is a run of whole lines of a source file.
type chunk struct {
	File string
	Line int // 1-based line of the first line in File
	Text string
}

// section is one h2 with the text under it.
type section struct {
	chunk
	ID      string // the explicit {#id}; "" when the heading has none
	Title   string
	Classes []string
}

func (s section) locked() bool { return s.has("locked") }

func (s section) has(class string) bool {
	for _, c := range s.Classes {
		if c == class {
			return true
		}
	}
	return false
}

// parseDoc cuts src, the file at rel under content/ (or a region file at
// that path). A source that does not start with "---" has no front matter
// (a section override may have none); one whose front matter is broken is
// returned as a single intro, with the problem. With a nil md the body is
// not parsed: it is all intro, which is all an unchanged page needs.
func parseDoc(md *markdown.Converter, file, rel, src string) (*doc, *diag.Diagnostic) {
	d := &doc{File: file, Src: src, cut: md != nil}
	body, bodyLine := []byte(src), 1
	if strings.HasPrefix(strings.TrimPrefix(src, "\xef\xbb\xbf"), "---") {
		yml, b, bl, err := frontmatter.Split(file, []byte(src))
		if err != nil {
			e := err.(diag.Diagnostic)
			return nil, &e
		}
		d.Front, d.HasFront = src[:len(src)-len(b)], true
		body, bodyLine = b, bl
		d.Meta, d.MetaErrs = frontmatter.DecodeOverride(file, yml, load.FrontMatterKind(load.KindOf(rel)))
	}
	if md == nil {
		d.Intro = chunk{File: file, Line: bodyLine, Text: string(body)}
		return d, nil
	}
	parsed := md.Parse(body)
	var starts []int // byte offsets in body of the lines that start sections
	var heads []*ast.Heading
	for _, h := range parsed.Headings {
		if h.Level != 2 || !topLevel(h.Node, parsed.Root) {
			continue
		}
		at := h.Node.Pos()
		if at < 0 || at > len(body) {
			continue
		}
		starts = append(starts, bytes.LastIndexByte(body[:at], '\n')+1)
		heads = append(heads, h.Node)
	}
	line := func(off int) int { return bodyLine + bytes.Count(body[:off], []byte("\n")) }
	end := len(body)
	if len(starts) > 0 {
		end = starts[0]
	}
	d.Intro = chunk{File: file, Line: bodyLine, Text: string(body[:end])}
	for i, at := range starts {
		end := len(body)
		if i+1 < len(starts) {
			end = starts[i+1]
		}
		h := heads[i]
		s := section{chunk: chunk{File: file, Line: line(at), Text: string(body[at:end])}}
		if id, explicit := tree.HeadingID(h, parsed.Src); explicit {
			s.ID = id
		}
		if v, ok := h.AttributeString("class"); ok {
			if b, ok := v.([]byte); ok {
				s.Classes = strings.Fields(string(b))
			}
		}
		s.Title = strings.TrimSpace(markdown.PlainText(h, parsed.Src))
		d.Sections = append(d.Sections, s)
	}
	return d, nil
}

// topLevel reports whether the heading h stands at the top of the page: a
// child of the document, or of the section block the Markdown dialect wraps
// some h2s in. A heading in a blockquote or a list item starts no section.
func topLevel(h ast.Node, root ast.Node) bool {
	p := h.Parent()
	return p == root || (p != nil && p.Parent() == root && p.Kind().String() == "Section")
}

// metaSet reports whether the front matter gives key.
func (d *doc) metaSet(key string) bool {
	_, ok := d.Meta.Pos[key]
	return ok
}

// section returns the section with id, or nil.
func (d *doc) section(id string) *section {
	for i := range d.Sections {
		if d.Sections[i].ID == id {
			return &d.Sections[i]
		}
	}
	return nil
}

func (d *doc) ids() []string {
	var out []string
	for _, s := range d.Sections {
		if s.ID != "" {
			out = append(out, s.ID)
		}
	}
	return out
}

// body is the text after the front matter.
func (d *doc) body() string { return d.Src[len(d.Front):] }

// blankBasis turns the line of the front matter that holds `basis` (as the
// decoder found it) into a comment, so the build, which does not know the
// key, reads the same lines.
func blankBasis(d *doc) string {
	p, ok := d.Meta.Pos["basis"]
	if !ok {
		return d.Front
	}
	lines := strings.SplitAfter(d.Front, "\n")
	if i := p.Line - 1; i > 0 && i < len(lines) {
		lines[i] = "# " + lines[i]
	}
	return strings.Join(lines, "")
}
