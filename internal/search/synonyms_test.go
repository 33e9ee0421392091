package search_test

import (
	"strings"
	"testing"

	"github.com/zvh-webtool/zvh/internal/search"
)

func TestParseSynonyms(t *testing.T) {
	syns, errs := search.ParseSynonyms("s.yaml", []byte("# x\nstrafblad: [justitiële documentatie, strafrechtelijke gegevens]\nhuisarts: arts\n"))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if len(syns) != 2 || syns[0].Word != "strafblad" || len(syns[0].Also) != 2 || syns[1].Also[0] != "arts" || syns[0].Line != 2 || syns[0].At[1] != [2]int{2, 38} {
		t.Errorf("parsed %+v", syns)
	}
	// Every rule, broken: the message and its position.
	for src, want := range map[string]string{
		"- a\n- b\n":                   "s.yaml:1:1: verwacht regels",
		"a: [b\n":                      "s.yaml:1: geen geldige YAML",
		"'...': b\n":                   "s.yaml:1:1: het woord links",
		"a: b\nA: c\n":                 `s.yaml:2:1: "A" staat al op regel 1`,
		"a: []\n":                      `s.yaml:1:4: "a" heeft geen synoniemen`,
		"a: [b, '--']\n":               `s.yaml:1:8: een synoniem van "a" is leeg`,
		"a: [b, {c: d}]\n":             `s.yaml:1:8: een synoniem van "a" is leeg`,
		"huis arts: [b, Huis  Arts]\n": `s.yaml:1:16: "Huis  Arts" is een synoniem van zichzelf`,
	} {
		_, errs := search.ParseSynonyms("s.yaml", []byte(src))
		if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), want) {
			t.Errorf("%q: errors %v, want one starting %q", src, errs, want)
		}
	}
}

func TestCheckSynonyms(t *testing.T) {
	st := search.NewStemmer()
	ix := search.BuildWith(docs(), st)
	syns, errs := search.ParseSynonyms("s.yaml", []byte("overleg: [casusoverleg, de het]\ndelen: [gegevens, persoonsgegevens xyzzy]\n"))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	errs = ix.CheckSynonyms(syns, st)
	want := []string{
		`s.yaml:1:25: synoniem "de het" van "overleg" bestaat alleen uit stopwoorden`,
		`s.yaml:2:19: synoniem "persoonsgegevens xyzzy" van "delen" vindt niets: het woord "xyzzy" staat op geen enkele pagina`,
	}
	if len(errs) != len(want) {
		t.Fatalf("errors %v, want %v", errs, want)
	}
	for i, e := range errs {
		if e.Error() != want[i] {
			t.Errorf("error %d: %s, want %s", i, e, want[i])
		}
	}
}
