package search_test

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/zvh-webtool/zvh"
	"github.com/zvh-webtool/zvh/internal/ci"
	"github.com/zvh-webtool/zvh/internal/search"
)

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Casuïstiek":     "casuistiek",
		"CASUÏSTIEK":     "casuistiek",
		"privé":          "prive",
		"ĳzer":           "ijzer", // the ligature ĳ is two letters
		"Zorg-en-Veilig": "zorg-en-veilig",
	} {
		if got := search.Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWords(t *testing.T) {
	got := search.Words("Het ZVH-overleg (art. 6, lid 1) — auto's")
	want := []string{"Het", "ZVH", "overleg", "art", "6", "lid", "1", "auto", "s"}
	if !slices.Equal(got, want) {
		t.Errorf("Words = %q, want %q", got, want)
	}
}

// TestTermsMeet lists the word pairs a search must treat as one: folding
// and the Dutch stemmer (applied until the stem stops changing) give both
// the same term.
func TestTermsMeet(t *testing.T) {
	st := search.NewStemmer()
	for _, pair := range [][2]string{
		{"casuistiek", "casuïstiek"},
		{"gegevens", "gegeven"},
		{"persoonsgegevens", "persoonsgegeven"},
		{"aanmelding", "aanmelden"},
		{"aanmeldingen", "aanmelding"},
		{"beslissing", "beslissingen"},
		{"Delen", "delen"},
	} {
		a, b := st.Term(pair[0]), st.Term(pair[1])
		if a == "" || a != b {
			t.Errorf("%q -> %q and %q -> %q: want one term", pair[0], a, pair[1], b)
		}
	}
	// The Snowball Dutch stemmer keeps -er, so a person and an act stay
	// apart; a prefix search for "aanmeld" finds both.
	if a, b := st.Term("aanmelder"), st.Term("aanmelding"); a == b || !strings.HasPrefix(a, b) {
		t.Errorf("aanmelder -> %q, aanmelding -> %q: want different terms, the second a prefix of the first", a, b)
	}
	for _, w := range []string{"de", "het", "Een", "en"} {
		if got := st.Term(w); got != "" {
			t.Errorf("stop word %q -> %q, want it dropped", w, got)
		}
	}
}

func docs() []search.Doc {
	return []search.Doc{
		{URL: "a/", Title: "Overleg", Kind: search.KindPage, Text: "In het casusoverleg bespreek je de casuïstiek van een betrokkene."},
		{URL: "b/#c", Title: "Het gegeven", Kind: search.KindRule, Text: "Je deelt één gegeven tegelijk."},
		{URL: "c/", Title: "Delen", Kind: search.KindPhase, Phase: "Triage", Headings: []string{"Persoonsgegevens"}, Text: "Wat je deelt, leg je vast. Gegevens gegevens gegevens."},
	}
}

// lookup returns the documents (by number) that have the term of word, by
// field, as the index stores them.
func lookup(ix *search.Index, word string) map[string][]int {
	return ix.Lookup(search.NewStemmer().Term(word))
}

func TestIndexFindsFoldedAndStemmedWords(t *testing.T) {
	ix := search.Build(docs())
	if got := lookup(ix, "casuistiek")["text"]; !slices.Equal(got, []int{0}) {
		t.Errorf("casuistiek: text of docs %v, want [0] (casuïstiek)", got)
	}
	got := lookup(ix, "gegevens")
	if !slices.Equal(got["title"], []int{1}) || !slices.Equal(got["text"], []int{1, 2}) {
		t.Errorf("gegevens: %v, want the title of doc 1 (gegeven) and the text of docs 1 and 2", got)
	}
	if got := lookup(ix, "triage")["phase"]; !slices.Equal(got, []int{2}) {
		t.Errorf("triage: phase of docs %v, want [2]", got)
	}
	if got := lookup(ix, "het"); len(got) > 0 {
		t.Errorf("the stop word het is in the index: %v", got)
	}
}

// TestStemmerMatchesBrowser holds the Go stemmer and the vendored one that
// search.js uses to the same term for every word of the national content:
// if they drifted apart, a query typed in the browser would miss what the
// index holds. It runs the vendored file in Node.
func TestStemmerMatchesBrowser(t *testing.T) {
	ci.Slow(t, "runs the stemmer in Node on every word")
	node, err := exec.LookPath("node")
	if err != nil {
		ci.Missing(t, "node is not installed; scripts/test installs npm, which brings it")
	}
	seen := map[string]bool{}
	var words []string
	err = fs.WalkDir(zvh.Base, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		b, err := fs.ReadFile(zvh.Base, p)
		for _, w := range search.Words(string(b)) {
			if w = search.Fold(w); !seen[w] {
				seen[w] = true
				words = append(words, w)
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(words) < 1000 {
		t.Fatalf("only %d words in content/", len(words))
	}
	lib, err := filepath.Abs("../../assets/js/vendor/search-lib.js")
	if err != nil {
		t.Fatal(err)
	}
	// The same loop as term() in search.js: stem until nothing changes.
	prog := `globalThis.self = globalThis;
require(process.argv[1]);
const words = require("fs").readFileSync(0, "utf8").split("\n");
console.log(words.map((w) => { let t = w; for (let i = 0, s = w; i < 3 && (t = self.zvhStemNl.stemmer(s)) !== s; i++) s = t; return t; }).join("\n"));`
	cmd := exec.Command(node, "-e", prog, lib)
	cmd.Stdin = strings.NewReader(strings.Join(words, "\n"))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	js := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(js) != len(words) {
		t.Fatalf("node stemmed %d words, want %d", len(js), len(words))
	}
	st := search.NewStemmer()
	bad := 0
	for i, w := range words {
		if st.Term(w) == "" {
			continue // a stop word: search.js drops it before stemming
		}
		if got := st.Term(w); got != js[i] {
			bad++
			if bad <= 10 {
				t.Errorf("%q: Go %q, browser %q", w, got, js[i])
			}
		}
	}
	t.Logf("%d words, %d differ", len(words), bad)
}

// TestVendoredFromLock checks that assets/js/vendor holds the versions that
// package-lock.json locks, with their licences: scripts/vendor-search must
// run after every change of those packages.
func TestVendoredFromLock(t *testing.T) {
	lock, err := os.ReadFile("../../package-lock.json")
	if err != nil {
		t.Fatal(err)
	}
	var pl struct {
		Packages map[string]struct {
			Version string `json:"version"`
		} `json:"packages"`
	}
	if err := json.Unmarshal(lock, &pl); err != nil {
		t.Fatal(err)
	}
	lib, err := os.ReadFile("../../assets/js/vendor/search-lib.js")
	if err != nil {
		t.Fatal(err)
	}
	for pkg, banner := range map[string]string{"@orama/stemmers": "@orama/stemmers "} {
		v := pl.Packages["node_modules/"+pkg].Version
		if v == "" {
			t.Errorf("package-lock.json does not lock %s", pkg)
			continue
		}
		if !bytes.Contains(lib, []byte(banner+v+",")) {
			t.Errorf("search-lib.js is not from %s %s; run scripts/vendor-search", pkg, v)
		}
	}
	for _, f := range []string{"stemmer-nl.LICENSE.txt"} {
		if b, err := os.ReadFile("../../assets/js/vendor/" + f); err != nil || len(b) < 500 {
			t.Errorf("licence %s missing or empty: %v", f, err)
		}
	}
}
