package search_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/zvh-webtool/zvh/internal/search"
)

// call reads the argument list of the one zvhSearch.x(…) call a file makes.
func call(t *testing.T, name string, b []byte, fn string) []json.RawMessage {
	t.Helper()
	s, ok := strings.CutPrefix(string(b), "zvhSearch."+fn+"(")
	s, ok2 := strings.CutSuffix(s, ");\n")
	if !ok || !ok2 {
		t.Fatalf("%s is not zvhSearch.%s(…): %.80s", name, fn, b)
	}
	var args []json.RawMessage
	if err := json.Unmarshal([]byte("["+s+"]"), &args); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return args
}

// postingsOf returns the parts and the documents with their impact of a
// term, read from the term shards.
func postingsOf(t *testing.T, files map[string][]byte, term string) (parts []string, docs map[int]int) {
	t.Helper()
	for name, b := range files {
		if !strings.HasPrefix(name, "t") {
			continue
		}
		var shard map[string][]json.RawMessage
		if err := json.Unmarshal(call(t, name, b, "t")[1], &shard); err != nil {
			t.Fatal(err)
		}
		p, ok := shard[term]
		if !ok {
			continue
		}
		json.Unmarshal(p[0], &parts)
		docs = map[int]int{}
		d := 0
		for i := 1; i+1 < len(p); i += 2 {
			var delta, impact int
			json.Unmarshal(p[i], &delta)
			json.Unmarshal(p[i+1], &impact)
			d += delta
			docs[d] = impact
		}
		return parts, docs
	}
	return nil, nil
}

func TestFilesScoreTitleAboveText(t *testing.T) {
	st := search.NewStemmer()
	files := search.Build(docs()).Files(st, search.FileOptions{})
	_, got := postingsOf(t, files, st.Term("gegevens"))
	// Doc 1 has "gegeven" in its title, doc 2 three times in its text.
	if len(got) != 2 || got[1] <= got[2] {
		t.Errorf("gegev: impacts %v, want docs 1 and 2, the title hit (1) higher", got)
	}
	if _, d := postingsOf(t, files, "het"); d != nil {
		t.Error("the stop word het has postings")
	}
	meta := call(t, "index.js", files["index.js"], "m")
	var m struct {
		First   []string `json:"first"`
		Classes []int    `json:"classes"`
	}
	json.Unmarshal(meta[0], &m)
	if len(m.First) == 0 || !slices.IsSorted(m.First) {
		t.Errorf("first terms of the shards %v", m.First)
	}
	// docs(): a page, a spelregel, a phase: classes 3, 2, 3.
	if !slices.Equal(m.Classes, []int{3, 1, 2, 1, 3, 1}) {
		t.Errorf("classes %v, want [3 1 2 1 3 1]", m.Classes)
	}
	chunk := call(t, "d0.js", files["d0.js"], "d")
	var rows [][]string
	json.Unmarshal(chunk[1], &rows)
	if len(rows) != 3 || rows[1][0] != "Het gegeven" || rows[1][1] != "b/#c" || rows[1][2] != search.KindRule {
		t.Errorf("document chunk 0: %v", rows)
	}
}

// TestFilesSplitCompounds: "persoonsgegevens" gives its documents to
// "persoon" and "gegevens", and the shard lists its parts.
func TestFilesSplitCompounds(t *testing.T) {
	st := search.NewStemmer()
	ds := []search.Doc{
		{URL: "a/", Title: "Persoonsgegevens", Kind: search.KindPage, Text: "Over persoonsgegevens."},
		{URL: "b/", Title: "Gegevens", Kind: search.KindPage, Text: "Gegevens van een persoon."},
		{URL: "c/", Title: "Gezondheid", Kind: search.KindPage, Text: "Gezondheid en bestuur, een uur."},
	}
	files := search.Build(ds).Files(st, search.FileOptions{})
	parts, _ := postingsOf(t, files, st.Term("persoonsgegevens"))
	if want := []string{st.Term("persoon"), st.Term("gegevens")}; !slices.Equal(parts, want) {
		t.Errorf("parts of persoonsgegevens: %v, want %v", parts, want)
	}
	if _, docs := postingsOf(t, files, st.Term("gegevens")); docs[0] == 0 || docs[0] >= docs[1] {
		t.Errorf("gegevens: %v, want doc 0 (the compound) below doc 1", docs)
	}
	if parts, _ := postingsOf(t, files, st.Term("gezondheid")); parts != nil {
		t.Errorf("gezondheid split into %v", parts)
	}
}

func TestSplit(t *testing.T) {
	st := search.NewStemmer()
	vocab := map[string]bool{}
	for _, w := range strings.Fields("gezondheid gegevens persoon delen zorg verlener huis arts straf blad jeugd wet best uur") {
		vocab[st.Term(w)] = true
	}
	known := func(t string) bool { return vocab[t] }
	for word, want := range map[string]string{
		"gezondheidsgegevens": "gezondheid gegevens",
		"gegevensdeling":      "gegevens delen",
		"zorgverlener":        "zorg verlener",
		"huisarts":            "huis arts",
		"jeugdwet":            "jeugd wet",
		"bestuur":             "",
		"gezondheid":          "",
	} {
		got := strings.Join(search.Split(st.Term(word), st.Term, known), " ")
		var terms []string
		for _, w := range strings.Fields(want) {
			terms = append(terms, st.Term(w))
		}
		if want = strings.Join(terms, " "); got != want {
			t.Errorf("Split(%s) = %q, want %q", word, got, want)
		}
	}
}

func TestFilesAreDeterministic(t *testing.T) {
	a := search.Build(docs()).Files(search.NewStemmer(), search.FileOptions{})
	b := search.Build(docs()).Files(search.NewStemmer(), search.FileOptions{})
	for name := range a {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}
}
