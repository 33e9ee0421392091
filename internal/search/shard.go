package search

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// # The index as files
//
// A site of 10,000 pages has an index of megabytes; a query needs a few
// terms of it and the few documents it shows. Files writes the index in
// pieces a query loads one by one, as Pagefind does, but as scripts: a page
// may not fetch anything (connect-src 'none') and file:// cannot be fetched
// from, while a script loads from both.
//
//   - index.js, the meta data: the stop words, the first term of every term
//     shard, the synonyms, the class of every document (run-length coded) and
//     the links offered when nothing is found. It grows with the number of
//     shards, not of pages.
//   - t<N>.js, a term shard: a run of the sorted terms, each with its
//     postings (document, impact), and the parts of each compound term.
//   - d<N>.js, a document chunk: what ChunkSize documents show as a result
//     (title, address, kind, where, the start of the text).
//
// Each file calls zvhSearch.m, .t or .d, which search.js defines.
//
// # Impact
//
// The score of a term in a document is computed here, once: BM25F over the
// fields (title and headings weigh more than text) with the term's inverse
// document frequency, rounded to an integer. The browser only adds impacts.
// A term keeps its MaxPostings best documents: a term in more documents than
// that says little about any of them, and a document where it matters most
// still has it.
//
// # Compounds
//
// Dutch writes compounds as one word: "gezondheidsgegevens" is gezondheid +
// s + gegevens. A term is split against the index's own vocabulary (see
// Split): a head of at least four letters that is a term, an optional
// linking s, e or en, and a tail that is a term or splits again. The index's
// vocabulary is the dictionary because it is the one that matters: a split
// is only useful when its parts find pages, and a general word list would
// split words into parts the site never uses. Each part gets the
// compound's documents at half their impact, so "gegevens" also finds
// "persoonsgegevens"; the shard lists the parts, so a query for the compound
// also finds pages that have the parts apart ("gegevens over gezondheid").
// search.js splits a query word the index lacks the same way.
const (
	ShardSize   = 24 << 10 // bytes of postings per term shard, about
	ChunkSize   = 12       // documents per document chunk
	MaxPostings = 600      // documents a term keeps, its best
	MaxText     = 500      // bytes of a document's text a result can show
)

// Classes rank kinds of document for a question: a practical answer and a
// decision tree above a spelregel, those above pages, phases and begrippen,
// then law text, and last a step inside a tree, which makes sense only
// after the steps before it: a reader is better served by the tree's start.
// search.js weighs them (and lifts law text when a query names an article).
var classOf = map[string]int{KindQuestion: 0, KindTree: 1, KindRule: 2, KindPage: 3, KindPhase: 3, KindTerm: 3, KindLaw: 4, KindStep: 5}

// Class returns the class of a kind of document (see classOf).
func Class(kind string) int { return classOf[kind] }

// Synonym says that a query with the words of Word also looks for each
// phrase of Also. Line and Col are where the editor wrote it.
type Synonym struct {
	Word      string
	File      string
	Also      []string
	At        [][2]int // line and column of each phrase of Also
	Line, Col int
}

// Link is a page offered when a query finds nothing.
type Link struct{ Title, URL string }

// FileOptions is what the files hold beside the index.
type FileOptions struct {
	Synonyms []Synonym
	Help     []Link
}

// Files returns the index as files, by name in the index's folder (see the
// comment at the top of this file).
func (ix *Index) Files(st *Stemmer, opts FileOptions) map[string][]byte {
	st.mu.Lock()
	defer st.mu.Unlock()
	files := map[string][]byte{}
	n := len(ix.docs)

	post, idf := ix.impacts()
	parts := ix.compounds(st, post, idf)

	// Term shards.
	var first []string
	var b []byte
	shard := 0
	flush := func(force bool) {
		if b == nil || (!force && len(b) < ShardSize) {
			return
		}
		b = append(b, "});\n"...)
		files["t"+strconv.Itoa(shard)+".js"] = b
		shard++
		b = nil
	}
	for k, t := range ix.terms {
		ps := post[k]
		if len(ps) == 0 {
			continue
		}
		if b == nil {
			first = append(first, t)
			b = append(b, "zvhSearch.t("...)
			b = strconv.AppendInt(b, int64(shard), 10)
			b = append(b, ",{"...)
		} else {
			b = append(b, ',')
		}
		b = appendJSON(b, t)
		b = append(b, ":["...)
		if p := parts[t]; p != nil {
			b = appendJSON(b, p)
		} else {
			b = append(b, '0')
		}
		last := int32(0)
		for _, p := range ps {
			b = append(b, ',')
			b = strconv.AppendInt(b, int64(p.doc-last), 10)
			b = append(b, ',')
			b = strconv.AppendInt(b, int64(p.impact), 10)
			last = p.doc
		}
		b = append(b, ']')
		flush(false)
	}
	flush(true)

	// Document chunks.
	for c := 0; c*ChunkSize < n; c++ {
		b := []byte("zvhSearch.d(" + strconv.Itoa(c) + ",[")
		for d := c * ChunkSize; d < min(n, (c+1)*ChunkSize); d++ {
			doc := &ix.docs[d]
			if d > c*ChunkSize {
				b = append(b, ',')
			}
			b = appendJSON(b, []string{doc.Title, doc.URL, doc.Kind, doc.Where, cut(doc.Text, MaxText)})
		}
		files["d"+strconv.Itoa(c)+".js"] = append(b, "]);\n"...)
	}

	// The meta data.
	var classes []int // class, count, class, count, …
	for _, d := range ix.docs {
		c := classOf[d.Kind]
		if l := len(classes); l > 0 && classes[l-2] == c {
			classes[l-1]++
		} else {
			classes = append(classes, c, 1)
		}
	}
	syn := map[string][][]string{}
	for _, s := range opts.Synonyms {
		key := strings.Join(st.termsLocked(s.Word), " ")
		for _, a := range s.Also {
			if ts := st.termsLocked(a); len(ts) > 0 && key != "" {
				syn[key] = append(syn[key], ts)
			}
		}
	}
	help := [][2]string{}
	for _, l := range opts.Help {
		help = append(help, [2]string{l.Title, l.URL})
	}
	meta := map[string]any{"stop": ix.Stop, "first": first, "chunk": ChunkSize, "classes": classes,
		"labels": Singular, "syn": syn, "help": help}
	b = append([]byte("zvhSearch.m("), mustJSON(meta)...)
	files["index.js"] = append(b, ");\n"...)
	return files
}

// impactPosting is a document and the impact of a term in it.
type impactPosting struct{ doc, impact int32 }

// Field weights of BM25F: a word in a title counts four times, in a
// heading (or, for a section, the page and h2 above it) twice. fieldB is
// how much a field's length lowers the weight: little for a title, so a
// tree's question ("Ik heb een beroepsgeheim. Mag ik dit delen?") is not
// beaten by every short step title with the same word.
var (
	fieldBoost = [...]float64{8, 2, 1, 1}
	fieldB     = [...]float64{0.3, 0.5, 0.75, 0}
)

const bm25K1 = 1.2

// impacts returns, for each term (as ix.terms), its documents in order with
// their impact, at most MaxPostings of them, the best; and its inverse
// document frequency.
func (ix *Index) impacts() ([][]impactPosting, []float64) {
	n, nf := len(ix.docs), len(fields)
	out := make([][]impactPosting, len(ix.terms))
	idfs := make([]float64, len(ix.terms))
	wtf := map[int32]float64{}
	for k := range ix.terms {
		clear(wtf)
		for _, p := range ix.postings[ix.start[k]:ix.start[k+1]] {
			norm := 1.0
			if avg := ix.average[p.field]; avg > 0 {
				b := fieldB[p.field]
				norm = 1 - b + b*float64(ix.lengths[int(p.doc)*nf+int(p.field)])/avg
			}
			wtf[p.doc] += fieldBoost[p.field] * float64(p.count) / norm
		}
		df := float64(len(wtf))
		idf := math.Log(1 + (float64(n)-df+0.5)/(df+0.5))
		idfs[k] = idf
		ps := make([]impactPosting, 0, len(wtf))
		for d, w := range wtf {
			ps = append(ps, impactPosting{doc: d, impact: quantize(idf * w * (bm25K1 + 1) / (w + bm25K1))})
		}
		out[k] = best(ps)
	}
	return out, idfs
}

// quantize turns a score into a positive integer impact.
func quantize(s float64) int32 { return int32(max(1, math.Round(s*20))) }

// best keeps the MaxPostings postings of the highest impact (the lower
// document first among equals) and returns them in document order.
func best(ps []impactPosting) []impactPosting {
	if len(ps) > MaxPostings {
		slices.SortFunc(ps, func(a, b impactPosting) int {
			if a.impact != b.impact {
				return int(b.impact - a.impact)
			}
			return int(a.doc - b.doc)
		})
		ps = ps[:MaxPostings]
	}
	slices.SortFunc(ps, func(a, b impactPosting) int { return int(a.doc - b.doc) })
	return ps
}

// compounds splits every term of the index (see Compounds above) and adds
// each compound's documents to its parts' postings at half the impact, with
// the part's own inverse document frequency (a rare compound does not make
// its common part rare). It returns the parts of each compound term.
func (ix *Index) compounds(st *Stemmer, post [][]impactPosting, idf []float64) map[string][]string {
	known := func(t string) bool { _, ok := slices.BinarySearch(ix.terms, t); return ok }
	stem := func(w string) string { return st.stem(w) }
	parts := map[string][]string{}
	extra := map[int]map[int32]int32{} // term -> doc -> impact
	for k, t := range ix.terms {
		p := Split(t, stem, known)
		if p == nil {
			continue
		}
		parts[t] = p
		for _, part := range p {
			pk, _ := slices.BinarySearch(ix.terms, part)
			if extra[pk] == nil {
				extra[pk] = map[int32]int32{}
			}
			scale := idf[pk] / idf[k] / 2
			for _, x := range post[k] {
				extra[pk][x.doc] = max(extra[pk][x.doc], int32(max(1, math.Round(float64(x.impact)*scale))))
			}
		}
	}
	for k, docs := range extra {
		for _, p := range post[k] {
			docs[p.doc] = max(docs[p.doc], p.impact)
		}
		ps := make([]impactPosting, 0, len(docs))
		for d, i := range docs {
			ps = append(ps, impactPosting{d, i})
		}
		post[k] = best(ps)
	}
	return parts
}

// Split splits a compound term into the terms of its parts, or returns nil.
// stem turns a piece of the word into a term (a head like "gegevens" in
// "gegevensdeling" is a word, not a term); known reports whether a term is
// in the vocabulary. The longest head that works wins. search.js has the
// same function.
func Split(t string, stem func(string) string, known func(string) bool) []string {
	if len(t) < 7 {
		return nil
	}
	for i := len(t) - 3; i >= 4; i-- {
		head := stem(t[:i])
		if !known(head) {
			continue
		}
		for _, link := range []string{"", "s", "e", "en"} {
			tail, ok := strings.CutPrefix(t[i:], link)
			if !ok || len(tail) < 3 || len(tail) < 4 && i < 5 && !shortParts[tail] || suffixes[tail] {
				continue
			}
			if ts := stem(tail); known(ts) {
				return []string{head, ts}
			}
			if more := Split(tail, stem, known); more != nil {
				return append([]string{head}, more...)
			}
		}
	}
	return nil
}

// suffixes end words without being parts of a compound: "gezondheid" is
// not gezond + heid.
var suffixes = map[string]bool{"heid": true, "ing": true, "lijk": true, "baar": true, "isch": true, "loos": true,
	"schap": true, "achtig": true, "ling": true, "tje": true, "atie": true}

// shortParts are the terms of three letters that end a compound after a
// head of four ("huisarts", "jeugdwet"). Others of three letters end too many
// plain words ("bestuur" is not best + uur).
var shortParts = map[string]bool{"art": true, "wet": true}

// termsLocked is Terms for a caller that holds st.mu.
func (s *Stemmer) termsLocked(text string) []string { return s.Terms(text) }

// cut shortens text to at most max bytes, at a space.
func cut(text string, max int) string {
	if len(text) <= max {
		return text
	}
	if i := strings.LastIndexByte(text[:max], ' '); i > 0 {
		return text[:i]
	}
	return text[:max]
}

func appendJSON(b []byte, v any) []byte { return append(b, mustJSON(v)...) }

// mustJSON marshals data of our own types, which cannot fail.
func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("search: %v", err))
	}
	return b
}
