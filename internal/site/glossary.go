package site

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"

	"github.com/zvh-webtool/zvh/internal/markdown"
	"github.com/zvh-webtool/zvh/internal/urls"
)

// glossaryFile is the page whose definition list is the glossary.
const glossaryFile = "begrippen.md"

// term is one way of writing a glossary entry, lower case, and the anchor of
// its definition.
type term struct {
	text string
	id   string
}

// glossaryTerms reads the terms of the glossary page. "ICO / MDO" yields both
// "ico" and "mdo"; "Functionaris voor gegevensbescherming (FG)" yields the
// long form and "fg". Longer terms come first, so "plan van aanpak" wins over
// "plan".
func glossaryTerms(g *Page) []term {
	var out []term
	_ = ast.Walk(g.Doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		dt, ok := n.(*east.DefinitionTerm)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		id, _ := dt.AttributeString("id")
		idb, _ := id.([]byte)
		if len(idb) == 0 {
			return ast.WalkSkipChildren, nil
		}
		name := markdown.PlainText(dt, g.Doc.Src)
		var forms []string
		if before, inner, ok := strings.Cut(name, "("); ok {
			forms = append(forms, strings.TrimSpace(before), strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(inner), ")")))
		} else {
			forms = strings.Split(name, "/")
		}
		for _, f := range forms {
			if f = strings.ToLower(strings.TrimSpace(f)); utf8.RuneCountInString(f) >= 2 {
				out = append(out, term{text: f, id: string(idb)})
			}
		}
		return ast.WalkSkipChildren, nil
	})
	slices.SortStableFunc(out, func(a, b term) int { return len(b.text) - len(a.text) })
	return out
}

// linkTerms links the first use of every glossary term on page p to its
// definition. Headings, links, code and the glossary itself are left alone.
func linkTerms(p *Page, glossary *Page, terms []term) {
	if p == glossary || len(terms) == 0 {
		return
	}
	done := map[string]bool{}
	var texts []*ast.Text
	_ = ast.Walk(p.Doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading, *ast.Link, *ast.AutoLink, *ast.CodeSpan, *ast.FencedCodeBlock, *ast.CodeBlock, *east.DefinitionTerm:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			texts = append(texts, n)
		}
		return ast.WalkContinue, nil
	})
	src := p.Doc.Src
	for _, t := range texts {
		linkInText(t, src, terms, done, glossary)
	}
}

// linkInText links the first not-yet-linked term found in t, then looks for
// further terms in the text after it.
func linkInText(t *ast.Text, src []byte, terms []term, done map[string]bool, glossary *Page) {
	for t != nil {
		seg := t.Segment
		lower := strings.ToLower(string(seg.Value(src)))
		best, bestAt := term{}, -1
		for _, tm := range terms {
			if done[tm.id] {
				continue
			}
			if at := wordIndex(lower, tm.text); at >= 0 && (bestAt < 0 || at < bestAt) {
				best, bestAt = tm, at
			}
		}
		if bestAt < 0 {
			return
		}
		done[best.id] = true
		parent := t.Parent()
		start, end := seg.Start+bestAt, seg.Start+bestAt+len(best.text)
		link := ast.NewLink()
		link.Destination = []byte(urls.Abs(glossary.URL + "#" + best.id))
		link.SetAttributeString("class", []byte("term"))
		link.AppendChild(link, ast.NewTextSegment(text.NewSegment(start, end)))
		after := ast.NewTextSegment(text.NewSegment(end, seg.Stop))
		after.SetSoftLineBreak(t.SoftLineBreak())
		after.SetHardLineBreak(t.HardLineBreak())
		t.Segment = text.NewSegment(seg.Start, start)
		t.SetSoftLineBreak(false)
		t.SetHardLineBreak(false)
		parent.InsertAfter(parent, t, link)
		parent.InsertAfter(parent, link, after)
		t = after
	}
}

// wordIndex finds word in s (both lower case) where it stands as a whole
// word, or returns -1.
func wordIndex(s, word string) int {
	for from := 0; ; {
		i := strings.Index(s[from:], word)
		if i < 0 {
			return -1
		}
		i += from
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+len(word):])
		if !isWordRune(before) && !isWordRune(after) {
			return i
		}
		from = i + 1
	}
}

func isWordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-')
}
