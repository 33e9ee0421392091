package urls

import (
	"strings"
	"testing"
)

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

// splitRel is Rel written the plain way, by splitting both paths into
// their folders: FuzzRel holds the faster Rel to it.
func splitRel(from, to string, offline bool) string {
	target, frag, hasFrag := strings.Cut(to, "#")
	if offline && (target == "" || strings.HasSuffix(target, "/")) {
		target += "index.html"
	}
	var fromDir []string
	if from != "" {
		fromDir = strings.Split(strings.TrimSuffix(from, "/"), "/")
	}
	toParts := strings.Split(target, "/")
	i := 0
	for i < len(fromDir) && i < len(toParts)-1 && fromDir[i] == toParts[i] {
		i++
	}
	rel := strings.Repeat("../", len(fromDir)-i) + strings.Join(toParts[i:], "/")
	if rel == "" {
		rel = "./"
		if offline {
			rel = "index.html"
		}
	}
	if hasFrag {
		if rel == "./" && !offline && target == from {
			return "#" + frag
		}
		rel += "#" + frag
	}
	return rel
}

func FuzzRel(f *testing.F) {
	for _, s := range []struct{ from, to string }{
		{"", ""}, {"a/b/", "a/"}, {"a/b/c/", "a/b/"}, {"a/x/c/", "a/b/"}, {"a/", "a/#x"},
		{"ab/", "a/b.css"}, {"a/b/", "a/b/c/d/"}, {"css/", "css/app.css"}, {"a/b/", "#top"},
	} {
		f.Add(s.from, s.to, false)
		f.Add(s.from, s.to, true)
	}
	f.Fuzz(func(t *testing.T, from, to string, offline bool) {
		if got, want := Rel(from, to, offline), splitRel(from, to, offline); got != want {
			t.Errorf("Rel(%q, %q, %v) = %q, want %q", from, to, offline, got, want)
		}
	})
}
