package tree

import (
	"strings"
	"testing"
)

// TestShortest checks the route a node's own page shows: the fewest
// questions, and of equally short routes the one with earlier answers.
func TestShortest(t *testing.T) {
	tr, errs := load(t, "valid.md")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	ways := tr.Shortest()
	want := map[string]string{
		"doel":       "",
		"noodzaak":   "doel=Ja",
		"eerst-doel": "doel=Nee",
		"vraag":      "doel=Weet ik niet", // also reached from soort, later
		"soort":      "doel=Ja noodzaak=Ja",
		"delen":      "doel=Ja noodzaak=Ja soort=Een ander gegeven",
		"beperkt":    "doel=Ja noodzaak=Ja soort=Een gegeven over gezondheid",
	}
	for id, w := range want {
		if _, ok := ways[tr.Node(id)]; !ok {
			t.Errorf("#%s: no route", id)
			continue
		}
		steps, before := Route(ways, tr.Node(id), 0)
		var got []string
		for _, s := range steps {
			got = append(got, s.Node.ID+"="+s.Answer.Label)
		}
		if g := strings.Join(got, " "); g != w || before != 0 {
			t.Errorf("#%s: route %q (%d before), want %q", id, g, before, w)
		}
		if ways[tr.Node(id)].Depth != len(steps) {
			t.Errorf("#%s: depth %d, route of %d steps", id, ways[tr.Node(id)].Depth, len(steps))
		}
	}
	if len(ways) != len(tr.Nodes) {
		t.Errorf("%d routes for %d nodes", len(ways), len(tr.Nodes))
	}
	// The last steps only: the page of a deep node lists a few.
	steps, before := Route(ways, tr.Node("delen"), 1)
	if len(steps) != 1 || steps[0].Node.ID != "soort" || before != 2 {
		t.Errorf("Route(delen, 1) = %v, %d before; want the step from soort, 2 before", steps, before)
	}
}

// TestParents checks the way back from a node: every question that leads
// to it, once, in document order.
func TestParents(t *testing.T) {
	tr, errs := load(t, "valid.md")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	parents := tr.Parents()
	want := map[string]string{
		"doel":     "",
		"noodzaak": "doel",
		"vraag":    "doel soort",
		"soort":    "noodzaak",
	}
	for id, w := range want {
		var got []string
		for _, p := range parents[tr.Node(id)] {
			got = append(got, p.ID)
		}
		if g := strings.Join(got, " "); g != w {
			t.Errorf("#%s: parents %q, want %q", id, g, w)
		}
	}
}

// TestShortestEmpty: a tree without nodes has no routes and no parents.
func TestShortestEmpty(t *testing.T) {
	tr, _ := parseBody("")
	if len(tr.Shortest()) != 0 || len(tr.Parents()) != 0 {
		t.Error("routes or parents in a tree without nodes")
	}
}
