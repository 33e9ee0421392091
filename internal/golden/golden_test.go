package golden

import "testing"

func TestDiff(t *testing.T) {
	if d := Diff([]byte("a\nb"), []byte("a\nb")); d != "" {
		t.Errorf("equal input: %q", d)
	}
	if d, want := Diff([]byte("a\nb"), []byte("a\nc\nd")), "line 2:\n  want: b\n  got:  c"; d != want {
		t.Errorf("Diff = %q, want %q", d, want)
	}
	if d, want := Diff([]byte("a"), []byte("a\nx")), "line 2:\n  want: \n  got:  x"; d != want {
		t.Errorf("Diff = %q, want %q", d, want)
	}
}
