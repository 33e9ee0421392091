package urls

import "testing"

func TestRel(t *testing.T) {
	for _, tc := range []struct {
		from, to string
		offline  bool
		want     string
	}{
		{"", "", false, "./"},
		{"", "procesplaten/", false, "procesplaten/"},
		{"", "css/app.css", false, "css/app.css"},
		{"procesplaten/complexe-casuistiek/triage/", "", false, "../../../"},
		{"procesplaten/complexe-casuistiek/triage/", "procesplaten/complexe-casuistiek/casusoverleg/", false, "../casusoverleg/"},
		{"procesplaten/complexe-casuistiek/triage/", "spelregels/#zeggenschap", false, "../../../spelregels/#zeggenschap"},
		{"spelregels/", "spelregels/#doel", false, "#doel"},
		{"spelregels/", "spelregels/", false, "./"},
		{"a/", "a/b/", false, "b/"},
		{"a/b/", "css/app.css", false, "../../css/app.css"},
		{"", "", true, "index.html"},
		{"a/b/", "a/", true, "../index.html"},
		{"a/", "a/#x", true, "index.html#x"},
		{"a/", "c/d/#x", true, "../c/d/index.html#x"},
		{"a/", "css/app.css", true, "../css/app.css"},
	} {
		if got := Rel(tc.from, tc.to, tc.offline); got != tc.want {
			t.Errorf("Rel(%q, %q, %v) = %q, want %q", tc.from, tc.to, tc.offline, got, tc.want)
		}
	}
}
