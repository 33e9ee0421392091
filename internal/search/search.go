// Package search builds the site's search index at build time, split in
// files so that a query loads only the terms it has and the results it
// shows (see shard.go), with every score computed here: the browser adds
// numbers and never tokenizes or stems a page.
//
// The files are scripts, because a page may not fetch anything
// (connect-src 'none') and file:// cannot be fetched from at all.
// assets/js/search.js loads them on first use.
//
// # Terms
//
// A word becomes a term in three steps, here and in search.js alike: fold
// (NFKD, combining marks removed, lower case: "Casuïstiek" -> "casuistiek"),
// drop it when it is a stop word, and stem it with the Snowball Dutch stemmer
// until the stem stops changing. One pass of the stemmer takes "gegevens" to
// "gegeven" but "gegeven" to "gegev"; a second pass brings both to "gegev",
// so the plural finds the singular and the other way round. The stemmer in
// the browser is the same algorithm (Snowball's output for JavaScript); a
// test holds the two to the same result for every term of the national site.
//
// # Fields
//
// Every document has the fields title, headings, text and phase. The
// impacts weigh title and headings above text (BM25F), so a word in a title
// ranks above the same word in running text.
package search

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/dutch"
	"golang.org/x/text/unicode/norm"
)

// The kinds of document; results are grouped by kind.
const (
	KindRule  = "spelregel"
	KindPhase = "fase"
	KindTree  = "beslisboom"
	KindTerm  = "begrip"
	KindLaw   = "wetsartikel"
	KindPage  = "pagina"
	// KindStep is a question or outcome inside a decision tree; it ranks
	// below the tree itself.
	KindStep = "stap"
	// KindQuestion is a practical question with its short answer
	// (content/vragen/).
	KindQuestion = "vraag"
)

// Labels names each kind as a heading over its group of results.
var Labels = map[string]string{
	KindRule:     "Spelregels",
	KindPhase:    "Fasen",
	KindTree:     "Beslisbomen",
	KindTerm:     "Begrippen",
	KindLaw:      "Wetsartikelen",
	KindPage:     "Pagina's",
	KindQuestion: "Praktische vragen",
	KindStep:     "Stappen in beslisbomen",
}

// Singular names one result of each kind, as a result shows it.
var Singular = map[string]string{KindRule: "Spelregel", KindPhase: "Fase", KindTree: "Beslisboom",
	KindTerm: "Begrip", KindLaw: "Wetsartikel", KindPage: "Pagina", KindQuestion: "Praktische vraag",
	KindStep: "Stap in een beslisboom"}

// Doc is one thing a search can find: a page, a section of a page, a
// spelregel, a begrip or a node of a decision tree.
type Doc struct {
	URL      string   // from the site root, with an optional #anchor: "spelregels/#doel"
	Title    string   // what the result shows as its title
	Kind     string   // one of the Kind constants
	Where    string   // where it sits, shown under the title: "Triage · Complexe casuïstiek"
	Phase    string   // the phase it belongs to, if any; searchable
	Headings []string // headings inside it, or above it
	Text     string   // its running text, searchable and shown as a snippet
}

// fields are the searchable fields, in the order of fieldBoost.
var fields = []string{"title", "headings", "text", "phase"}

// stored are the fields a result carries, for showing it.
var stored = []string{"title", "url", "kind", "where", "text"}

// stopWords are frequent Dutch words that say nothing about a page. Leaving
// them out keeps the index small; a query drops them too.
var stopWords = strings.Fields(`aan al als andere bij dan dat de der deze die dit
	door dus een en er geen haar had heb hebben heeft hem het hier hij hoe hun ik
	in is je kan kon maar me men met mij mijn na naar niet nog nu of om omdat
	onder ons ook op over te tot u uit uw van voor want was wat werd wie wij
	worden wordt zal ze zich zij zijn zo zou`)

// Stemmer turns words into terms. It keeps a cache, so its methods are not
// safe for concurrent use; BuildWith, which takes it for a whole index,
// is.
//
// Every word it has seen has a number for its folded form and one for its
// term, so indexing a field counts and groups words in slices indexed by
// those numbers instead of in maps of strings. The numbers stay the same
// for the Stemmer's life: zvh serve keeps one across rebuilds.
type Stemmer struct {
	mu     sync.Mutex // held by BuildWith
	env    *snowballstem.Env
	stop   map[string]bool
	words  map[string]word      // word as written -> its numbers
	folds  map[string]word      // folded word -> its numbers
	folded []string             // fold number -> folded word
	terms  []string             // term number -> term
	termNo map[string]int32     // term -> term number
	sorted []int32              // term numbers in the order of their terms (see sortedTerms)
	fields map[string]fieldInfo // text of a field -> what the index needs of it

	// The field being read, whose number is gen: foldGen[f] == gen when
	// the folded word f was already counted in it, termGen[t] == gen when
	// term t is already in its terms, at termAt[t]. Stamps, unlike a map
	// or a cleared slice per field, cost nothing to reset.
	gen              uint32
	foldGen, termGen []uint32
	termAt           []int32
	scratch          []termCount // the terms of the field being read
	block            []termCount // see keep
}

// word is what a Stemmer knows of a word: the numbers of its folded form
// and of its term (-1 for a stop word).
type word struct{ fold, term int32 }

// NewStemmer returns a Stemmer.
func NewStemmer() *Stemmer {
	s := &Stemmer{env: snowballstem.NewEnv(""), stop: map[string]bool{}, words: map[string]word{},
		folds: map[string]word{}, termNo: map[string]int32{}}
	for _, w := range stopWords {
		s.stop[w] = true
	}
	return s
}

// fieldInfo is what the index takes from the text of one field: each of
// its terms once, with how often it occurs, in order of first occurrence,
// and the number of distinct words (the field's length for BM25F).
type fieldInfo struct {
	terms    []termCount
	distinct int
}

// termCount is a term (by number) and how often it occurs in a field.
type termCount struct{ term, count int32 }

// maxFields bounds the fields a Stemmer remembers, so a long zvh serve
// session does not keep every text it ever indexed.
const maxFields = 200000

// field returns the terms and the distinct word count of a field's text,
// remembered: a rebuild after one edit finds every other text again.
func (s *Stemmer) field(v string) fieldInfo {
	if v == "" {
		return fieldInfo{} // the phase of most documents: not worth a cache entry
	}
	if fi, ok := s.fields[v]; ok {
		return fi
	}
	s.gen++
	if s.gen == 0 { // wrapped: stamps of 4 billion fields ago would match again
		clear(s.foldGen)
		clear(s.termGen)
		s.gen = 1
	}
	var fi fieldInfo
	terms := s.scratch[:0]
	for i := 0; ; {
		start, end := nextWord(v, i)
		if start == end {
			break
		}
		i = end
		w := s.word(v[start:end])
		// A field's length is its number of distinct words, stop
		// words included.
		if s.foldGen[w.fold] != s.gen {
			s.foldGen[w.fold] = s.gen
			fi.distinct++
		}
		switch {
		case w.term < 0:
		case s.termGen[w.term] != s.gen:
			s.termGen[w.term] = s.gen
			s.termAt[w.term] = int32(len(terms))
			terms = append(terms, termCount{w.term, 1})
		default:
			terms[s.termAt[w.term]].count++
		}
	}
	fi.terms = s.keep(terms)
	s.scratch = terms
	if s.fields == nil || len(s.fields) >= maxFields {
		s.fields = map[string]fieldInfo{}
	}
	s.fields[v] = fi
	return fi
}

// keep returns a copy of a field's terms, cut from a larger block that the
// next fields share: a site has thousands of fields, most with a few
// terms, and one allocation each would be most of the index's.
func (s *Stemmer) keep(terms []termCount) []termCount {
	if len(terms) > cap(s.block)-len(s.block) {
		s.block = make([]termCount, 0, max(blockSize, len(terms)))
	}
	start := len(s.block)
	s.block = append(s.block, terms...)
	return s.block[start:len(s.block):len(s.block)]
}

// blockSize is the number of termCounts keep allocates at a time (32 kB).
const blockSize = 4096

// word returns the numbers of a word, folding and stemming it the first
// time. The maps keep a copy of the word, not the substring of a text that
// it comes from, so a cache entry does not hold on to a whole page. The
// folded word is the copy itself when folding changes nothing (Fold then
// returns its argument), else a string of its own.
func (s *Stemmer) word(w string) word {
	if x, ok := s.words[w]; ok {
		return x
	}
	w = strings.Clone(w)
	f := Fold(w)
	x, ok := s.folds[f]
	if !ok {
		x = word{fold: int32(len(s.folded)), term: -1}
		s.folded = append(s.folded, f)
		s.foldGen = append(s.foldGen, 0)
		if !s.stop[f] {
			x.term = s.termNumber(s.stem(f))
		}
		s.folds[f] = x
	}
	s.words[w] = x
	return x
}

// stem stems a folded word until the stem stops changing (see Terms in the
// package comment).
func (s *Stemmer) stem(w string) string {
	t := w
	for range 3 {
		s.env.SetCurrent(t)
		dutch.Stem(s.env)
		next := s.env.Current()
		if next == t {
			break
		}
		t = next
	}
	return t
}

// termNumber returns the number of a term, giving it one if it is new.
func (s *Stemmer) termNumber(t string) int32 {
	if n, ok := s.termNo[t]; ok {
		return n
	}
	n := int32(len(s.terms))
	s.terms = append(s.terms, t)
	s.termNo[t] = n
	s.termGen = append(s.termGen, 0)
	s.termAt = append(s.termAt, 0)
	return n
}

// sortedTerms returns the number of every term the Stemmer knows, in the
// order of the terms. It keeps the order between builds and merges the
// terms that are new since into it, so a rebuild in zvh serve does not
// sort every term again.
func (s *Stemmer) sortedTerms() []int32 {
	if len(s.sorted) == len(s.terms) {
		return s.sorted
	}
	byTerm := func(a, b int32) int { return strings.Compare(s.terms[a], s.terms[b]) }
	fresh := make([]int32, 0, len(s.terms)-len(s.sorted))
	for t := len(s.sorted); t < len(s.terms); t++ {
		fresh = append(fresh, int32(t))
	}
	slices.SortFunc(fresh, byTerm)
	if len(s.sorted) == 0 {
		s.sorted = fresh
		return fresh
	}
	merged := make([]int32, 0, len(s.terms))
	old := s.sorted
	for len(old) > 0 && len(fresh) > 0 {
		if byTerm(old[0], fresh[0]) < 0 {
			merged, old = append(merged, old[0]), old[1:]
		} else {
			merged, fresh = append(merged, fresh[0]), fresh[1:]
		}
	}
	s.sorted = append(append(merged, old...), fresh...)
	return s.sorted
}

// Fold is the package's Fold, remembered per word: a site repeats its
// words many times.
func (s *Stemmer) Fold(word string) string { return s.folded[s.word(word).fold] }

// Fold lowers the case of s and removes its diacritics: "Casuïstiek" ->
// "casuistiek". NFKD also splits ligatures such as "ĳ" into their letters.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		// Nothing to decompose: most Dutch words take this path.
		return strings.ToLower(s)
	}
	var b strings.Builder
	for _, r := range norm.NFKD.String(s) {
		if !unicode.Is(unicode.M, r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// Words splits s into words: runs of letters and digits, as the pattern
// /[\p{L}\p{N}]+/u does in search.js. Marks count as letters, so a word is
// not cut at a combining diacritic before it is folded.
func Words(s string) []string {
	var out []string
	for i := 0; ; {
		start, end := nextWord(s, i)
		if start == end {
			return out
		}
		out = append(out, s[start:end])
		i = end
	}
}

// nextWord returns the bounds of the first word of s (see Words) that
// starts at or after byte i, or start == end == len(s) if there is none.
// Indexing walks a text with it, so a field's words need no slice of their
// own; ASCII, nearly all of a Dutch text, is decided by a table.
func nextWord(s string, i int) (start, end int) {
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if asciiWord[c] {
				break
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if isWordRune(r) {
			break
		}
		i += n
	}
	start = i
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if !asciiWord[c] {
				break
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			break
		}
		i += n
	}
	return start, i
}

// isWordRune reports whether r belongs in a word: a letter, a digit or a
// mark. Invalid UTF-8 decodes to U+FFFD, a symbol, so it separates words.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.M, r)
}

// asciiWord is isWordRune for ASCII.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = isWordRune(rune(c))
	}
	return t
}()

// Term returns the index term of one word, or "" for a stop word.
func (s *Stemmer) Term(word string) string {
	if w := s.word(word); w.term >= 0 {
		return s.terms[w.term]
	}
	return ""
}

// Terms returns the terms of the words of text, in order, stop words left
// out.
func (s *Stemmer) Terms(text string) []string {
	var out []string
	for i := 0; ; {
		start, end := nextWord(text, i)
		if start == end {
			return out
		}
		i = end
		if t := s.Term(text[start:end]); t != "" {
			out = append(out, t)
		}
	}
}

// Index is the data of the index script.
//
// It is kept in the order the script writes it rather than in maps (the
// script's objects have integer keys, which encoding/json sorts as
// strings): documents in the order of their keys (see keyOrder), and the
// postings of all terms in one slice, term after term in sorted order,
// each term's by field and then document key. Building it allocates a few
// slices instead of maps per term and field, and writing it is one pass.
type Index struct {
	Fields []string          // the searchable fields, in the order of fieldBoost
	Store  []string          // the fields a result carries
	Stop   []string          // the stop words, which a query drops too
	Labels map[string]string // the heading of each kind of result

	docs     []Doc     // the documents, for their stored fields
	order    []int32   // document numbers in the order of their keys
	lengths  []int32   // the field lengths of document d from d*len(fields)
	average  []float64 // the average length of each field
	terms    []string  // the terms, sorted
	start    []int32   // the postings of terms[k] are postings[start[k]:start[k+1]]
	postings []posting
}

// posting is how often a term occurs in one field of one document.
type posting struct{ field, doc, count int32 }

// Build returns the index of docs. The same docs give the same index.
func Build(docs []Doc) *Index { return BuildWith(docs, NewStemmer()) }

// BuildWith is Build with a Stemmer that may remember words from earlier
// builds: zvh serve keeps one, so a rebuild stems only new words, and the
// sites of one build share one. Builds with the same Stemmer take turns.
func BuildWith(docs []Doc, st *Stemmer) *Index {
	st.mu.Lock()
	defer st.mu.Unlock()
	n, nf := len(docs), len(fields)
	ix := &Index{Fields: fields, Store: stored, Stop: stopWords, Labels: Labels,
		docs: slices.Clone(docs), order: keyOrder(n), lengths: make([]int32, n*nf), average: make([]float64, nf)}
	infos := make([]fieldInfo, n*nf) // as lengths
	total := make([]int, nf)
	for d, doc := range docs {
		// The values in the order of fields.
		for f, v := range [...]string{doc.Title, strings.Join(doc.Headings, "\n"), doc.Text, doc.Phase} {
			fi := st.field(v)
			infos[d*nf+f] = fi
			ix.lengths[d*nf+f] = int32(fi.distinct)
			total[f] += fi.distinct
		}
	}
	if n > 0 {
		for f := range ix.average {
			ix.average[f] = float64(total[f]) / float64(n)
		}
	}

	// The terms of the index, sorted: slot[t] is 1 + the place of term
	// number t among them, or 0 when the documents do not have it.
	slot := make([]int32, len(st.terms))
	used := 0
	for _, fi := range infos {
		for _, tc := range fi.terms {
			if slot[tc.term] == 0 {
				slot[tc.term] = 1
				used++
			}
		}
	}
	if used > 0 {
		ix.terms = make([]string, 0, used)
	}
	for _, t := range st.sortedTerms() {
		if slot[t] != 0 {
			ix.terms = append(ix.terms, st.terms[t])
			slot[t] = int32(len(ix.terms))
		}
	}

	// Count each term's postings, then place them: field by field and,
	// within a field, document by document in key order, so each term's
	// come out in the order the script writes them.
	ix.start = make([]int32, len(ix.terms)+1)
	for _, fi := range infos {
		for _, tc := range fi.terms {
			ix.start[slot[tc.term]]++
		}
	}
	for k := range ix.terms {
		ix.start[k+1] += ix.start[k]
	}
	ix.postings = make([]posting, ix.start[len(ix.terms)])
	next := slices.Clone(ix.start[:len(ix.terms)])
	for f := range nf {
		for _, d := range ix.order {
			for _, tc := range infos[int(d)*nf+f].terms {
				k := slot[tc.term] - 1
				ix.postings[next[k]] = posting{field: int32(f), doc: d, count: tc.count}
				next[k]++
			}
		}
	}
	return ix
}

// keyOrder returns the numbers 0 to n-1 in the order of their decimal
// strings, in which encoding/json writes integer map keys and MiniSearch's
// serialization has them: 0, 1, 10, 100, 101, …, 11, …, 2, 20, …. It walks
// the numbers as a tree of digits instead of sorting strings.
func keyOrder(n int) []int32 {
	order := make([]int32, 0, n)
	var walk func(x int)
	walk = func(x int) {
		if x >= n {
			return
		}
		order = append(order, int32(x))
		if x*10 < n {
			for c := range 10 {
				walk(x*10 + c)
			}
		}
	}
	if n > 0 {
		order = append(order, 0) // 0 has no children: no key has a leading zero
	}
	for x := 1; x <= 9; x++ {
		walk(x)
	}
	return order
}

// Lookup returns, for the term, the documents that have it in each field:
// field name -> document numbers. Tests use it to see what a query finds.
func (ix *Index) Lookup(term string) map[string][]int {
	out := map[string][]int{}
	k, ok := slices.BinarySearch(ix.terms, term)
	if !ok {
		return out
	}
	for _, p := range ix.postings[ix.start[k]:ix.start[k+1]] {
		out[fields[p.field]] = append(out[fields[p.field]], int(p.doc))
	}
	for _, docs := range out {
		slices.Sort(docs)
	}
	return out
}
