package index

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// uses runs termsIn over s as one text node.
func uses(s string) []termUse {
	src := []byte(s)
	return termsIn(ast.NewTextSegment(text.NewSegment(0, len(src))), src, indexTerms(glossary), map[string]bool{})
}

// TestTermsKeepOffsets: runes whose lower case has another length (İ, the
// Kelvin sign, ẞ) before a term do not shift its link.
func TestTermsKeepOffsets(t *testing.T) {
	for _, s := range []string{"Mevrouw İnce en het casusoverleg", "Een \u212A-waarde en het Casusoverleg", "STRAẞE en het CASUSOVERLEG"} {
		u := uses(s)
		if len(u) != 1 || !strings.EqualFold(s[u[0].start:u[0].stop], "casusoverleg") {
			t.Errorf("%q: %v", s, u)
			continue
		}
	}
}

// FuzzTermsOffsets: on any text, without lowering it first, every link
// covers exactly its term (in any case) standing as a whole word.
func FuzzTermsOffsets(f *testing.F) {
	f.Add("Mevrouw İnce en het casusoverleg")
	f.Add("de CASUS en het Zorg- en Veiligheidshuis, ÉÉN keer")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		ids := map[string]string{}
		for _, g := range glossary {
			ids[g.id] = g.text
		}
		for _, u := range uses(s) {
			if u.start < 0 || u.stop > len(s) || u.start >= u.stop {
				t.Fatalf("%q: use %v out of range", s, u)
			}
			got := s[u.start:u.stop]
			if strings.Map(unicode.ToLower, got) != ids[u.id] {
				t.Fatalf("%q: link on %q for term %q", s, got, ids[u.id])
			}
			before, _ := utf8.DecodeLastRuneInString(s[:u.start])
			after, _ := utf8.DecodeRuneInString(s[u.stop:])
			if u.start > 0 && isWordRune(before) || isWordRune(after) {
				t.Fatalf("%q: %q is not a whole word", s, got)
			}
		}
	})
}
