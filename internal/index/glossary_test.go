package index

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// wordIndexRef and firstTermRef find terms the plain way, one search of
// the whole text per term: FuzzFirstTerm holds firstTerm to them.
func wordIndexRef(s, word string) int {
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

func firstTermRef(s string, terms []term, done map[string]bool) (term, int) {
	best, bestAt := term{}, -1
	for _, tm := range terms {
		if done[tm.id] {
			continue
		}
		if at := wordIndexRef(s, tm.text); at >= 0 && (bestAt < 0 || at < bestAt) {
			best, bestAt = tm, at
		}
	}
	return best, bestAt
}

var glossary = []term{
	{"casusoverleg", "casusoverleg"}, {"casus", "casus"}, {"zvh", "zvh"}, {"zorg- en veiligheidshuis", "zvh-lang"},
	{"avg", "avg"}, {"bijzondere persoonsgegevens", "bijzonder"}, {"persoonsgegevens", "persoonsgegevens"},
	{"ggz", "ggz"}, {"één", "een"}, {"procesregisseur", "procesregisseur"},
}

func TestFirstTerm(t *testing.T) {
	ix := indexTerms(glossary)
	for _, tc := range []struct {
		text   string
		id     string
		at     int
		doneID string
	}{
		{"in het casusoverleg bespreek je", "casusoverleg", 7, ""},
		{"de casus-regisseur en de casus", "casus", 25, ""}, // a hyphen joins a word
		{"bijzondere persoonsgegevens, zoals", "bijzonder", 0, ""},
		{"bijzondere persoonsgegevens, zoals", "persoonsgegevens", 11, "bijzonder"},
		{"het zorg- en veiligheidshuis (zvh)", "zvh-lang", 4, ""},
		{"ggz-instelling en ggz", "ggz", 18, ""},
		{"één keer", "een", 0, ""},
		{"avgx avg", "avg", 5, ""},
		{"niets hier", "", -1, ""},
	} {
		done := map[string]bool{}
		if tc.doneID != "" {
			done[tc.doneID] = true
		}
		got, at := firstTerm(tc.text, ix, done)
		if at != tc.at || got.id != tc.id {
			t.Errorf("firstTerm(%q) = %q at %d, want %q at %d", tc.text, got.id, at, tc.id, tc.at)
		}
	}
}

func FuzzFirstTerm(f *testing.F) {
	for _, s := range []string{"in het casusoverleg", "ggz-ggz ggz", "één, twee", "avg\xffavg", "zorg- en veiligheidshuis", ""} {
		f.Add(s, uint16(0))
	}
	ix := indexTerms(glossary)
	f.Fuzz(func(t *testing.T, s string, doneMask uint16) {
		done := map[string]bool{}
		for i, tm := range glossary {
			if doneMask&(1<<i) != 0 {
				done[tm.id] = true
			}
		}
		s = strings.ToLower(s)
		got, at := firstTerm(s, ix, done)
		want, wantAt := firstTermRef(s, glossary, done)
		if at != wantAt || got != want {
			t.Errorf("firstTerm(%q) = %v at %d, want %v at %d", s, got, at, want, wantAt)
		}
	})
}
