package tree

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestWalk(t *testing.T) {
	tr, errs := load(t, "valid.md")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	tests := []struct {
		name   string
		labels []string
		route  string // the ids of the questions answered
		end    string
		err    string
	}{
		{"to an outcome", []string{"Ja", "Ja", "Een ander gegeven"}, "doel noodzaak soort", "delen", ""},
		{"case and space do not count", []string{" ja", "JA ", "een GEGEVEN over gezondheid"}, "doel noodzaak soort", "beperkt", ""},
		{"no answers stays at the start", nil, "", "doel", ""},
		{"half a route ends at a question", []string{"Ja"}, "doel", "noodzaak", ""},
		{"unknown label", []string{"Ja", "Misschien"}, "doel", "noodzaak",
			"at #noodzaak there is no answer „Misschien”; the answers there are „Ja”, „Nee”"},
		{"answers left over", []string{"Nee", "Ja", "Nee"}, "doel", "eerst-doel",
			"the route already ends at outcome #eerst-doel after 1 answer, so „Ja” and any later answers are left over"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := tr.Walk(tt.labels)
			var route []string
			for _, s := range p.Steps {
				route = append(route, s.Node.ID)
			}
			if got := strings.Join(route, " "); got != tt.route {
				t.Errorf("route = %q, want %q", got, tt.route)
			}
			if p.End == nil || p.End.ID != tt.end {
				t.Errorf("end = %v, want #%s", p.End, tt.end)
			}
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
				var we *WalkError
				if !errors.As(err, &we) || we.At != p.End {
					t.Errorf("error %v is not a *WalkError at the end of the route", err)
				}
			}
			if gotErr != tt.err {
				t.Errorf("error = %q, want %q", gotErr, tt.err)
			}
		})
	}
}

func TestWalkBrokenTree(t *testing.T) {
	tr, _ := parseBody("## A {#a}\n\n- [Ja](#b)\n- [Nee](#nergens)\n\n## B {#b}\n\nGeen antwoorden.\n")
	if _, err := tr.Walk([]string{"Nee"}); err == nil || err.Error() != "answer „Nee” at #a leads to unknown node #nergens" {
		t.Errorf("unknown target: %v", err)
	}
	if _, err := tr.Walk([]string{"Ja", "Ja"}); err == nil || err.Error() != "at #b there is no answer „Ja”; the answers there are none" {
		t.Errorf("node without answers: %v", err)
	}
	empty, _ := parseBody("")
	if _, err := empty.Walk(nil); err == nil {
		t.Error("walking an empty tree gives no error")
	}
}

func TestPaths(t *testing.T) {
	tr, _ := load(t, "valid.md")
	var got []string
	for _, p := range tr.Paths() {
		got = append(got, strings.Join(p.Labels(), " / ")+" => "+p.End.ID)
		// Every path walks to the same end.
		w, err := tr.Walk(p.Labels())
		if err != nil || w.End != p.End {
			t.Errorf("Walk(%q) = %v, %v; want %v", p.Labels(), w.End, err, p.End)
		}
	}
	want := []string{
		"Ja / Ja / Een gegeven over gezondheid => beperkt",
		"Ja / Ja / Een ander gegeven => delen",
		"Ja / Ja / Weet ik niet => vraag",
		"Ja / Nee => niet-delen",
		"Nee => eerst-doel",
		"Weet ik niet => vraag",
	}
	if !slices.Equal(got, want) {
		t.Errorf("paths:\n got %q\nwant %q", got, want)
	}
}

func TestPathsCycle(t *testing.T) {
	tr, errs := load(t, "cycle.md")
	if len(errs) != 1 {
		t.Fatalf("want the cycle error only, got %v", errs)
	}
	var got []string
	for _, p := range tr.Paths() {
		got = append(got, strings.Join(p.Labels(), " / ")+" => "+p.End.ID)
	}
	want := []string{"Ja / Ja / Ja => mag", "Ja / Nee => mag-niet", "Nee => mag-niet"}
	if !slices.Equal(got, want) {
		t.Errorf("paths:\n got %q\nwant %q", got, want)
	}
}

func TestDepth(t *testing.T) {
	tests := []struct {
		file string
		want int
	}{
		{"valid.md", 3},
		{"large.md", 9},
		{"cycle.md", 3},
		{"empty.md", 0},
	}
	for _, tt := range tests {
		tr, _ := load(t, tt.file)
		if got := tr.Depth(); got != tt.want {
			t.Errorf("%s: Depth = %d, want %d", tt.file, got, tt.want)
		}
		longest := 0
		for _, p := range tr.Paths() {
			longest = max(longest, len(p.Steps))
		}
		if longest != tt.want {
			t.Errorf("%s: longest path has %d steps, Depth says %d", tt.file, longest, tt.want)
		}
	}
}
