package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/zvh-webtool/zvh"
)

// referenceScript is the index script of docs written the slow, obvious
// way: the index as nested maps, built from Words and Term, and rendered
// by encoding/json twice (the data, then the data as a string literal).
// It pins the format MiniSearch.loadJS reads, byte for byte: whatever
// Script does to be fast, it must write exactly this.
func referenceScript(t testing.TB, docs []Doc) []byte {
	t.Helper()
	st := NewStemmer()
	type ref struct {
		Fields []string          `json:"fields"`
		Store  []string          `json:"store"`
		Stop   []string          `json:"stop"`
		Labels map[string]string `json:"labels"`
		Index  struct {
			DocumentCount      int                       `json:"documentCount"`
			NextID             int                       `json:"nextId"`
			DocumentIDs        map[int]int               `json:"documentIds"`
			FieldIDs           map[string]int            `json:"fieldIds"`
			FieldLength        map[int][]int             `json:"fieldLength"`
			AverageFieldLength []float64                 `json:"averageFieldLength"`
			StoredFields       map[int]map[string]string `json:"storedFields"`
			DirtCount          int                       `json:"dirtCount"`
			Index              [][2]any                  `json:"index"`
			Version            int                       `json:"serializationVersion"`
		} `json:"index"`
	}
	var r ref
	r.Fields = []string{"title", "headings", "text", "phase"}
	r.Store = []string{"title", "url", "kind", "where", "text"}
	r.Stop = stopWords
	r.Labels = Labels
	x := &r.Index
	x.DocumentCount, x.NextID, x.Version = len(docs), len(docs), 2
	x.DocumentIDs, x.FieldLength, x.StoredFields = map[int]int{}, map[int][]int{}, map[int]map[string]string{}
	x.FieldIDs = map[string]int{"title": 0, "headings": 1, "text": 2, "phase": 3}
	postings := map[string]map[int]map[int]int{} // term -> field -> doc -> count
	total := make([]int, 4)
	for id, d := range docs {
		x.DocumentIDs[id] = id
		lengths := make([]int, 4)
		for f, v := range []string{d.Title, strings.Join(d.Headings, "\n"), d.Text, d.Phase} {
			distinct := map[string]bool{}
			for _, w := range Words(v) {
				distinct[Fold(w)] = true
				term := st.Term(w)
				if term == "" {
					continue
				}
				if postings[term] == nil {
					postings[term] = map[int]map[int]int{}
				}
				if postings[term][f] == nil {
					postings[term][f] = map[int]int{}
				}
				postings[term][f][id]++
			}
			lengths[f] = len(distinct)
			total[f] += len(distinct)
		}
		x.FieldLength[id] = lengths
		x.StoredFields[id] = map[string]string{"title": d.Title, "url": d.URL, "kind": d.Kind, "where": d.Where, "text": d.Text}
	}
	x.AverageFieldLength = make([]float64, 4)
	for f := range total {
		if len(docs) > 0 {
			x.AverageFieldLength[f] = float64(total[f]) / float64(len(docs))
		}
	}
	var terms []string
	for term := range postings {
		terms = append(terms, term)
	}
	// Sorted as Go compares strings: bytewise, as slices.Sorted does.
	slicesSort(terms)
	for _, term := range terms {
		x.Index = append(x.Index, [2]any{term, postings[term]})
	}
	data, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	lit, err := json.Marshal(string(data))
	if err != nil {
		t.Fatal(err)
	}
	return []byte("self.zvhSearchData=JSON.parse(" + string(lit) + ");\n")
}

// slicesSort is a plain insertion sort, so the reference shares no code
// with the index, not even its sort.
func slicesSort(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

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

// TestScriptMatchesReference pins the script byte for byte to the
// encoding/json rendering of the same index, for varied and for real
// documents, for none, and with a Stemmer that indexed other documents
// before (as zvh serve reuses one).
func TestScriptMatchesReference(t *testing.T) {
	varied, content := variedDocs(), contentDocs(t)
	shared := NewStemmer()
	for _, c := range []struct {
		name string
		docs []Doc
		st   *Stemmer
	}{
		{"varied", varied, NewStemmer()},
		{"content", content, NewStemmer()},
		{"none", nil, NewStemmer()},
		{"empty", []Doc{{}, {}}, NewStemmer()},
		{"shared stemmer: content", content, shared},
		{"shared stemmer: varied after content", varied, shared},
		{"shared stemmer: content again", content, shared},
		{"shared stemmer: part of content", content[len(content)/3:], shared},
	} {
		got := BuildWith(c.docs, c.st).Script()
		want := referenceScript(t, c.docs)
		if !bytes.Equal(got, want) {
			i := 0
			for i < len(got) && i < len(want) && got[i] == want[i] {
				i++
			}
			from := max(i-80, 0)
			t.Errorf("%s: script differs from encoding/json at byte %d:\n got …%.200s\nwant …%.200s", c.name, i, got[from:], want[from:])
		}
	}
}

// BenchmarkBuildScript builds and writes the index of the national content,
// as each site build does, with a new Stemmer (zvh build) or one that has
// seen the same documents before (a rebuild in zvh serve).
func BenchmarkBuildScript(b *testing.B) {
	docs := contentDocs(b)
	b.Run("cold", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			BuildWith(docs, NewStemmer()).Script()
		}
	})
	b.Run("warm", func(b *testing.B) {
		st := NewStemmer()
		BuildWith(docs, st)
		b.ReportAllocs()
		for b.Loop() {
			BuildWith(docs, st).Script()
		}
	})
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

// TestAppendString holds the double escaping to encoding/json marshaling a
// string and then its JSON text as a string, for every byte, every special
// rune and random strings.
func TestAppendString(t *testing.T) {
	strs := []string{"", "plain", `"\`, "<>&", "\u2028\u2029", "\u2027\u202a", "é日😀", "\xff", "\xc3", "\xed\xa0\x80", "a\x00\x7f\x80b"}
	for c := range 256 {
		strs = append(strs, string([]byte{byte(c)}), "x"+string(rune(c))+"y")
	}
	rnd := rand.New(rand.NewPCG(3, 4))
	for range 5000 {
		b := make([]byte, rnd.IntN(12))
		for i := range b {
			b[i] = byte(rnd.IntN(256))
		}
		strs = append(strs, string(b))
	}
	for _, s := range strs {
		once, _ := json.Marshal(s)
		twice, _ := json.Marshal(string(once))
		want := string(twice[1 : len(twice)-1]) // as it reads inside the literal's quotes
		if got := string(appendString(nil, s)); got != want {
			t.Errorf("appendString(%q) = %s, want %s", s, got, want)
		}
	}
}

// TestAppendFloat holds appendFloat to encoding/json.
func TestAppendFloat(t *testing.T) {
	vals := []float64{0, 1, -1, 0.5, 1.0 / 3, 2.0 / 3, 123.456, 1e-6, 9.99e-7, 1e-7, 1.5e-10, 1e20, 1e21, 1.2345e22, 5e-324, math.MaxFloat64, -1e-8}
	for n := range 500 {
		for d := 1; d < 40; d += 7 {
			vals = append(vals, float64(n)/float64(d))
		}
	}
	for _, f := range vals {
		want, _ := json.Marshal(f)
		if got := appendFloat(nil, f); string(got) != string(want) {
			t.Errorf("appendFloat(%v) = %s, want %s", f, got, want)
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
