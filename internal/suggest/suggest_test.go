package suggest

import "testing"

func TestClosest(t *testing.T) {
	known := []string{"title", "weight", "description", "noodzaak"}
	for in, want := range map[string]string{"titel": "title", "wieght": "weight", "noodzak": "noodzaak", "zzzzzz": "", "": ""} {
		if got := Closest(in, known); got != want {
			t.Errorf("Closest(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{{"", "", 0}, {"a", "", 1}, {"kitten", "sitting", 3}, {"financiën", "financien", 1}} {
		if got := Distance(tc.a, tc.b); got != tc.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestPath(t *testing.T) {
	known := []string{"_index.md", "procesplaten/complexe-casuistiek/triage.md", "procesplaten/complexe-casuistiek/_index.md", "handleiding/triage-uitleg.md"}
	for in, want := range map[string]string{
		"procesplaten/complexe-casuistiek/triag.md": "procesplaten/complexe-casuistiek/triage.md", // a typo
		"triage":                     "handleiding/triage-uitleg.md", // the shortest that holds it
		"Complexe-Casuistiek/triage": "procesplaten/complexe-casuistiek/triage.md",
		"zzzzzz":                     "",
		"":                           "",
	} {
		if got := Path(in, known); got != want {
			t.Errorf("Path(%q) = %q, want %q", in, got, want)
		}
	}
	if got := PathHint("triage.md", known[1:2]); got != "; did you mean procesplaten/complexe-casuistiek/triage.md?" {
		t.Errorf("PathHint = %q", got)
	}
}
