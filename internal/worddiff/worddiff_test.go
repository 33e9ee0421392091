package worddiff

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// apply rebuilds both texts from the chunks, so every diff can be checked
// against its inputs.
func apply(cs []Chunk) (a, b []string) {
	for _, c := range cs {
		if c.Op != Insert {
			a = append(a, c.Words...)
		}
		if c.Op != Delete {
			b = append(b, c.Words...)
		}
	}
	return a, b
}

func cost(cs []Chunk) int {
	n := 0
	for _, c := range cs {
		if c.Op != Equal {
			n += len(c.Words)
		}
	}
	return n
}

func TestDiff(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want string // Text with context 10
	}{
		{"de triage is op woensdag", "de triage is op dinsdag", "  de triage is op [-woensdag-] {+dinsdag+} \n"},
		{"a b c", "a b c", ""},
		{"", "nieuw", "  {+nieuw+} \n"},
		{"oud", "", "  [-oud-] \n"},
		{"het casusoverleg komt samen", "het ICO komt elke week samen", "  het [-casusoverleg-] {+ICO+} komt {+elke week+} samen \n"},
	} {
		cs := Diff(Words(tc.a), Words(tc.b))
		if got := Text(cs, 10); got != tc.want {
			t.Errorf("Diff(%q, %q) = %q, want %q", tc.a, tc.b, got, tc.want)
		}
	}
}

// TestDiffIsMinimal compares Myers' result with the length of a longest
// common subsequence computed the slow way, on random texts.
func TestDiffIsMinimal(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	words := []string{"a", "b", "c", "d"}
	gen := func() []string {
		w := make([]string, r.IntN(12))
		for i := range w {
			w[i] = words[r.IntN(len(words))]
		}
		return w
	}
	for i := 0; i < 500; i++ {
		a, b := gen(), gen()
		cs := Diff(a, b)
		ga, gb := apply(cs)
		if strings.Join(ga, " ") != strings.Join(a, " ") || strings.Join(gb, " ") != strings.Join(b, " ") {
			t.Fatalf("Diff(%v, %v) = %v does not rebuild its inputs", a, b, cs)
		}
		if want := len(a) + len(b) - 2*lcs(a, b); cost(cs) != want {
			t.Fatalf("Diff(%v, %v) changes %d words, the minimum is %d", a, b, cost(cs), want)
		}
	}
}

func lcs(a, b []string) int {
	t := make([][]int, len(a)+1)
	for i := range t {
		t[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				t[i][j] = t[i+1][j+1] + 1
			} else {
				t[i][j] = max(t[i+1][j], t[i][j+1])
			}
		}
	}
	return t[0][0]
}

func TestHunksKeepContextShort(t *testing.T) {
	a := Words("een twee drie vier vijf zes zeven acht negen tien elf twaalf")
	b := Words("een twee drie vier vijf ZES zeven acht negen tien elf twaalf")
	got := Text(Diff(a, b), 2)
	if want := "  … vier vijf [-zes-] {+ZES+} zeven acht …\n"; got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
}

func TestHTMLMarksChangesInWords(t *testing.T) {
	got := string(HTML(Diff(Words("op <b>woensdag</b>"), Words("op dinsdag")), 3))
	for _, want := range []string{`<del><span class="worddiff__label">weg: </span>&lt;b&gt;woensdag&lt;/b&gt;</del>`, `<ins><span class="worddiff__label">nieuw: </span>dinsdag</ins>`} {
		if !strings.Contains(got, want) {
			t.Errorf("HTML = %s, want it to contain %s", got, want)
		}
	}
}

func TestMarkdownEscapesSourceMarkup(t *testing.T) {
	got := Markdown(Diff(Words("zie [spelregels](/spelregels.md)"), Words("zie de spelregels")), 3)
	want := "- zie [weg: ~~\\[spelregels\\]\\(\\/spelregels\\.md\\)~~] [nieuw: **de spelregels**] \n"
	if got != want {
		t.Errorf("Markdown = %q, want %q", got, want)
	}
}
