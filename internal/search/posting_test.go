package search

import (
	"encoding/json"
	"testing"
)

// The hand-written encoding of a posting is the one encoding/json gives
// for the same value, keys sorted as it sorts them.
func TestPostingJSON(t *testing.T) {
	p := posting{term: "gegev\"x", fields: map[int]map[int]int{2: {10: 1, 9: 3, 100: 2}, 0: {1: 1}}}
	got, err := p.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	want, err := json.Marshal([]any{p.term, p.fields})
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("posting JSON\n%s\nwant\n%s", got, want)
	}
}
