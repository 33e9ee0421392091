package search

import (
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/zvh-webtool/zvh/internal/diag"
)

// ParseSynonyms reads a synonyms file (content/synoniemen.yaml): a mapping
// from what a professional types to what the search also looks for,
//
//	strafblad: [justitiële documentatie, strafrechtelijke gegevens]
//	huisarts: arts
//
// A value is a phrase or a list of phrases; a page matches a phrase when it
// has all of its words. Every problem is reported at its line and column,
// in Dutch, for the editor.
func ParseSynonyms(file string, src []byte) ([]Synonym, diag.List) {
	var errs diag.List
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		errs.Add(diag.Position{File: file, Line: 1}, "geen geldige YAML: %v", err)
		return nil, errs
	}
	if len(root.Content) == 0 {
		return nil, nil
	}
	m := root.Content[0]
	if m.Kind != yaml.MappingNode {
		errs.Add(diag.Position{File: file, Line: m.Line, Col: m.Column}, "verwacht regels als 'woord: [synoniem, synoniem]'")
		return nil, errs
	}
	pos := func(n *yaml.Node) diag.Position { return diag.Position{File: file, Line: n.Line, Col: n.Column} }
	seen := map[string]int{}
	var out []Synonym
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		word := strings.TrimSpace(k.Value)
		if k.Kind != yaml.ScalarNode || len(Words(word)) == 0 {
			errs.Add(pos(k), "het woord links van de dubbele punt is leeg of geen tekst")
			continue
		}
		key := strings.Join(foldWords(word), " ")
		if line, ok := seen[key]; ok {
			errs.Add(pos(k), "%q staat al op regel %d; zet alle synoniemen in één lijst", word, line)
			continue
		}
		seen[key] = k.Line
		s := Synonym{Word: word, File: file, Line: k.Line, Col: k.Column}
		var items []*yaml.Node
		switch v.Kind {
		case yaml.ScalarNode:
			items = []*yaml.Node{v}
		case yaml.SequenceNode:
			items = v.Content
		}
		if len(items) == 0 {
			errs.Add(pos(v), "%q heeft geen synoniemen; schrijf 'woord: [synoniem, synoniem]'", word)
			continue
		}
		for _, it := range items {
			a := strings.TrimSpace(it.Value)
			switch {
			case it.Kind != yaml.ScalarNode || len(Words(a)) == 0:
				errs.Add(pos(it), "een synoniem van %q is leeg of geen tekst", word)
			case strings.Join(foldWords(a), " ") == key:
				errs.Add(pos(it), "%q is een synoniem van zichzelf", a)
			default:
				s.Also = append(s.Also, a)
				s.At = append(s.At, [2]int{it.Line, it.Column})
			}
		}
		out = append(out, s)
	}
	return out, errs
}

func foldWords(s string) []string {
	ws := Words(s)
	for i, w := range ws {
		ws[i] = Fold(w)
	}
	return ws
}

// CheckSynonyms reports every phrase of syns that finds nothing in the
// index: one of its words is in no document (or is only stop words). Such
// a phrase is a typo or a word the site does not use.
func (ix *Index) CheckSynonyms(syns []Synonym, st *Stemmer) diag.List {
	st.mu.Lock()
	defer st.mu.Unlock()
	var errs diag.List
	for _, s := range syns {
		for j, a := range s.Also {
			at := diag.Position{File: s.File, Line: s.Line, Col: s.Col}
			if j < len(s.At) {
				at.Line, at.Col = s.At[j][0], s.At[j][1]
			}
			ts := st.Terms(a)
			if len(ts) == 0 {
				errs.Add(at, "synoniem %q van %q bestaat alleen uit stopwoorden", a, s.Word)
				continue
			}
			for i, t := range ts {
				if len(ix.Lookup(t)) == 0 {
					errs.Add(at,
						"synoniem %q van %q vindt niets: het woord %q staat op geen enkele pagina", a, s.Word, Words(a)[termWordIndex(a, i, st)])
					break
				}
			}
		}
	}
	return errs
}

// termWordIndex returns the index among Words(text) of the i-th word that
// has a term.
func termWordIndex(text string, i int, st *Stemmer) int {
	for j, w := range Words(text) {
		if st.Term(w) != "" {
			if i == 0 {
				return j
			}
			i--
		}
	}
	return 0
}
