package search

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/zvh-webtool/zvh"
)

// variedDocs are documents that reach every corner of the encoding:
// diacritics, quotes and backslashes, the HTML characters encoding/json
// escapes, U+2028 and U+2029, control characters, invalid UTF-8, empty
// fields, scripts other than Latin, and more than a hundred documents, so
// the document keys sort as strings ("10" before "2").
func variedDocs() []Doc {
	texts := []string{
		"In het casusoverleg bespreek je de casuïstiek van een betrokkene.",
		`Je deelt "één" gegeven tegelijk, met \ backslash.`,
		"<script>alert('x')</script> & meer > minder",
		"Regel\u2028scheiding en\u2029alinea",
		"tab\tnieuwe\nregel\rterug\bbel\ffeed\x00nul\x1fus\x7fdel",
		"ongeldig \xff\xfe UTF-8 \xc3 half",
		"ĳzer Ĳssel café CAFÉ cafe\u0301 naïef coördinatie",
		"日本語 テキスト العربية ٣ Ελληνικά 😀 emoji",
		"",
		"Gegevens gegevens gegevens, persoonsgegevens en het gegeven.",
		"de het een en van",
		"123 4,5 art. 6 lid 1 AVG-artikel",
	}
	var docs []Doc
	for i := range 130 {
		d := Doc{
			URL:   fmt.Sprintf("p%d/#s-%d", i%17, i),
			Title: texts[i%len(texts)],
			Kind:  []string{KindRule, KindPhase, KindTree, KindTerm, KindLaw, KindPage}[i%6],
			Where: texts[(i+3)%len(texts)],
			Text:  texts[(i*7)%len(texts)] + " " + texts[(i*5+1)%len(texts)],
		}
		if i%3 == 0 {
			d.Phase = "Triage"
		}
		if i%4 != 0 {
			d.Headings = []string{texts[(i+1)%len(texts)], texts[(i+2)%len(texts)]}
		}
		if i%11 == 0 {
			d = Doc{} // every field empty
		}
		docs = append(docs, d)
	}
	return docs
}

// contentDocs makes documents of the national Markdown in content/, one per
// page and one per h2 or h3 section, much as the site does: realistic
// Dutch text in realistic amounts, without the site's packages.
func contentDocs(t testing.TB) []Doc {
	t.Helper()
	var docs []Doc
	err := fs.WalkDir(zvh.Base, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") || strings.HasPrefix(p, "content/regio/") {
			return err
		}
		b, err := fs.ReadFile(zvh.Base, p)
		if err != nil {
			return err
		}
		title, phase, body := p, "", string(b)
		if rest, ok := strings.CutPrefix(body, "---\n"); ok {
			if meta, text, ok := strings.Cut(rest, "\n---\n"); ok {
				body = text
				for _, line := range strings.Split(meta, "\n") {
					if v, ok := strings.CutPrefix(line, "title: "); ok {
						title = v
					}
					if v, ok := strings.CutPrefix(line, "phase: "); ok {
						phase = v
					}
				}
			}
		}
		url := strings.TrimSuffix(strings.TrimPrefix(p, "content/"), ".md") + "/"
		page := Doc{URL: url, Title: title, Kind: KindPage, Phase: phase}
		cur := &page
		var secs []Doc
		var text []string
		flush := func() {
			cur.Text = strings.Join(strings.Fields(strings.Join(text, " ")), " ")
			text = nil
		}
		for _, line := range strings.Split(body, "\n") {
			h, ok := strings.CutPrefix(line, "## ")
			if !ok {
				h, ok = strings.CutPrefix(line, "### ")
			}
			if !ok {
				text = append(text, line)
				continue
			}
			flush()
			page.Headings = append(page.Headings, h)
			secs = append(secs, Doc{URL: url + "#" + Fold(h), Title: h, Kind: KindRule, Where: title, Phase: phase, Headings: []string{title}})
			cur = &secs[len(secs)-1]
		}
		flush()
		docs = append(docs, page)
		docs = append(docs, secs...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) < 300 {
		t.Fatalf("only %d documents from content/", len(docs))
	}
	return docs
}

// TestWordsSplitAsFieldsFunc holds Words (and the nextWord that indexing
// walks texts with) to its definition, strings.FieldsFunc with letters,
// digits and marks as word runes, on varied, real and random text.
func TestWordsSplitAsFieldsFunc(t *testing.T) {
	texts := []string{"", " ", "a", "  a  b  ", "x\u0301y z\u0301", "\xff\xfe", "a\xffb"}
	for _, d := range append(variedDocs(), contentDocs(t)...) {
		texts = append(texts, d.Title, d.Text, d.Where)
	}
	rnd := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune("aZ9 .,-'\"\u00e9\u0301\u2028\u0663日😀\ufffd")
	for range 2000 {
		var b strings.Builder
		for range rnd.IntN(20) {
			if rnd.IntN(10) == 0 {
				b.WriteByte(byte(rnd.IntN(256))) // perhaps invalid UTF-8
			} else {
				b.WriteRune(alphabet[rnd.IntN(len(alphabet))])
			}
		}
		texts = append(texts, b.String())
	}
	for _, s := range texts {
		want := strings.FieldsFunc(s, func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsNumber(r) && !unicode.Is(unicode.M, r)
		})
		if got := Words(s); !slices.Equal(got, want) {
			t.Errorf("Words(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestKeyOrder holds keyOrder to sorting the numbers' decimal strings.
func TestKeyOrder(t *testing.T) {
	for n := range 1200 {
		var want []string
		for i := range n {
			want = append(want, strconv.Itoa(i))
		}
		slices.Sort(want)
		var got []string
		for _, i := range keyOrder(n) {
			got = append(got, strconv.Itoa(int(i)))
		}
		if !slices.Equal(got, want) {
			t.Fatalf("keyOrder(%d) = %v, want %v", n, got, want)
		}
	}
}
