package region

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestSetBasis(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"---\ntitle: A\n---\nx\n", "---\nbasis: 0123456789\ntitle: A\n---\nx\n"},
		{"---\nbasis: oud\ntitle: A\n---\n", "---\nbasis: 0123456789\ntitle: A\n---\n"},
		{"## Wie {#wie}\n", "---\nbasis: 0123456789\n---\n## Wie {#wie}\n"},
		{"---\r\ntitle: A # basis: hier niet\r\nbasis: oud\r\n---\r\n", "---\r\ntitle: A # basis: hier niet\r\nbasis: 0123456789\r\n---\r\n"},
	} {
		if got := string(SetBasis([]byte(tc.in), "0123456789")); got != tc.want {
			t.Errorf("SetBasis(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestDrift: an override made against one national text is reported when
// the national text changes, with a word diff of the change; accepting it
// records the new basis and the drift is gone.
func TestDrift(t *testing.T) {
	const old = "---\ntitle: Delen\n---\n## Wat {#wat}\n\nDe triage is op woensdag.\n\n## Wie {#wie}\n\nIedereen.\n"
	const now = "---\ntitle: Delen\n---\n## Wat {#wat}\n\nDe triage is op maandag.\n\n## Wie {#wie}\n\nIedereen.\n"
	reg := regionFS(map[string]string{"delen.md": "---\n---\n## Wat {#wat}\n\nBij ons op dinsdag.\n"})
	// Accept against the old national text.
	_, rep, errs := Overlay(national(map[string]string{"content/delen.md": old}), reg, dir)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if d := rep.Drift(reg); len(d) != 1 || d[0].Recorded != "" || !strings.Contains(d[0].String(), "no `basis` recorded") {
		t.Fatalf("drift without basis = %v", d)
	}
	acc, err := rep.Accept("delen.md", reg["delen.md"].Data)
	if err != nil {
		t.Fatal(err)
	}
	reg["delen.md"] = &fstest.MapFile{Data: acc.Source}
	reg[acc.Snapshot] = &fstest.MapFile{Data: acc.Text}
	_, rep, _ = Overlay(national(map[string]string{"content/delen.md": old}), reg, dir)
	if d := rep.Drift(reg); len(d) != 0 {
		t.Fatalf("drift right after accept: %v", d)
	}
	// A change in another section is no drift.
	_, rep, _ = Overlay(national(map[string]string{"content/delen.md": strings.Replace(old, "Iedereen.", "Niemand.", 1)}), reg, dir)
	if d := rep.Drift(reg); len(d) != 0 {
		t.Errorf("drift after a change elsewhere on the page: %v", d)
	}
	// A change in the overridden section is.
	_, rep, _ = Overlay(national(map[string]string{"content/delen.md": now}), reg, dir)
	d := rep.Drift(reg)
	if len(d) != 1 {
		t.Fatalf("drift = %v", d)
	}
	got := d[0].String()
	for _, want := range []string{dir + "/delen.md:2:1: the national text of content/delen.md changed", "[-woensdag.-] {+maandag.+}"} {
		if !strings.Contains(got, want) {
			t.Errorf("drift:\n%s\nwant %q", got, want)
		}
	}
}
