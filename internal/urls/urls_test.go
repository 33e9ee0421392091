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

func TestRelativize(t *testing.T) {
	in := `<a href="zvh:/spelregels/#doel">x</a><link href='zvh:/css/app.css'><a href="https://example.org/">y</a>`
	want := `<a href="../../spelregels/#doel">x</a><link href='../../css/app.css'><a href="https://example.org/">y</a>`
	if got := string(Relativize([]byte(in), "a/b/", false)); got != want {
		t.Errorf("Relativize =\n%s\nwant\n%s", got, want)
	}
	if got := string(Relativize([]byte("no markers"), "a/", false)); got != "no markers" {
		t.Errorf("Relativize changed a page without markers: %q", got)
	}
	if got, want := Abs("/a/b/"), "zvh:/a/b/"; got != want {
		t.Errorf("Abs = %q, want %q", got, want)
	}
}
