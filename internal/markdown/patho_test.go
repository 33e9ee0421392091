package markdown

import (
	"bytes"
	"strings"
	"testing"
)

// pathological are inputs whose cost grew faster than their size. Each
// must now parse and render in linear time, or be refused by a limit
// (see Limits); BenchmarkPathological measures them.
var pathological = []struct {
	name string
	src  func() string
}{
	{"20k-same-headings", func() string { return strings.Repeat("## Same\n\n", 20000) }},
	{"10KB-fence-info", func() string { return "```" + strings.Repeat("a", 10000) + "\nx\n```\n" }},
	{"50k-open-links", func() string { return strings.Repeat("[a](", 50000) + "\n" }},
	{"100k-heading-classes", func() string { return "## Kop {" + strings.Repeat(".a ", 100000) + "}\n" }},
	{"3000-level-list", func() string {
		var b strings.Builder
		for i := range 3000 {
			b.WriteString(strings.Repeat("  ", i) + "- x\n")
		}
		return b.String()
	}},
}

func BenchmarkPathological(b *testing.B) {
	c := New()
	for _, tc := range pathological {
		src := []byte(tc.src())
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				d := c.Parse(src)
				var w bytes.Buffer
				if d.Err == nil {
					c.Render(&w, d, d.Root)
				}
			}
		})
	}
}

// TestPathologicalInputs: each pathological input is either parsed (with
// unique ids, the long fence as plain text) or refused by a limit at its
// line; BenchmarkPathological shows each takes milliseconds.
func TestPathologicalInputs(t *testing.T) {
	want := map[string]string{
		"20k-same-headings":    "",
		"10KB-fence-info":      "",
		"50k-open-links":       "haken voor links",
		"100k-heading-classes": "deze kop heeft 100000 attributen",
		"3000-level-list":      "springt meer dan 200 kolommen in",
	}
	c := New()
	for _, tc := range pathological {
		d := c.Parse([]byte(tc.src()))
		switch w := want[tc.name]; {
		case w == "" && d.Err != nil:
			t.Errorf("%s: %v", tc.name, d.Err)
		case w != "" && (d.Err == nil || !strings.Contains(d.Err.Msg, w)):
			t.Errorf("%s: error %v, want one containing %q", tc.name, d.Err, w)
		}
		if tc.name == "20k-same-headings" {
			if len(d.Headings) != 20000 || len(d.IDs) != 20000 || d.Headings[19999].ID != "same-19999" {
				t.Errorf("20,000 headings gave %d ids, the last %q", len(d.IDs), d.Headings[len(d.Headings)-1].ID)
			}
		}
		if tc.name == "10KB-fence-info" {
			var b bytes.Buffer
			c.Render(&b, d, d.Root)
			if strings.Contains(b.String(), "data-lang") {
				t.Error("a 10 KB language name is written into the page")
			}
		}
	}
}
