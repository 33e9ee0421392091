package tokens

import (
	"math"
	"strings"
	"testing"
)

const sample = `/* a comment with { braces } and :root */
:root {
  --a-bg: #ffffff;
  --a-text: #222;
  --a-grey: #777777;
  --a-light-grey: #888888;
  --a-paper: #ffffff;
  --a-alias: var(--a-text);
  --a-font: "Noto Sans", sans-serif;
  color-scheme: light dark;
}
body { color: var(--a-text); }
@media screen and (prefers-color-scheme: dark) {
  :root {
    --a-bg: rgb(18 21 25);
    --a-text: #e9ecf1;
  }
  body { margin: 0; }
}
@media print { body { color: black; } }
`

func TestParse(t *testing.T) {
	sh, err := Parse("sample.css", sample)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		set        Set
		name, want string
	}{
		{sh.Light, "--a-bg", "#ffffff"},
		{sh.Light, "--a-alias", "#222"},
		{sh.Light, "--a-font", `"Noto Sans", sans-serif`},
		{sh.Dark, "--a-bg", "rgb(18 21 25)"},
		{sh.Dark, "--a-alias", "#e9ecf1"}, // the alias follows the dark value
		{sh.Dark, "--a-grey", "#777777"},  // not overridden: the light value
	} {
		got, err := c.set.Resolve(c.name)
		if err != nil || got != c.want {
			t.Errorf("%s = %q, %v; want %q", c.name, got, err, c.want)
		}
	}
	if got := sh.Light["--a-text"].Line; got != 4 {
		t.Errorf("line of --a-text = %d, want 4", got)
	}
	if _, ok := sh.Light["color-scheme"]; ok {
		t.Error("a normal property was read as a token")
	}
	if strings.Join(sh.DarkOnly, " ") != "--a-bg --a-text" {
		t.Errorf("DarkOnly = %v", sh.DarkOnly)
	}
}

// TestParseRefusesUncheckedRoot: tokens set inside another at-rule would
// escape the contrast test, so they are an error.
func TestParseRefusesUncheckedRoot(t *testing.T) {
	_, err := Parse("x.css", ":root { --a: #fff; }\n@media (min-width: 40em) {\n  :root { --a: #000; }\n}\n")
	if err == nil || !strings.Contains(err.Error(), "x.css:2:") {
		t.Errorf("err = %v, want an error at x.css:2", err)
	}
	if _, err := Parse("x.css", ":root { --a: #fff;\n"); err == nil || !strings.Contains(err.Error(), "unclosed") {
		t.Errorf("err = %v, want unclosed", err)
	}
}

func TestContrastKnownValues(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want float64
	}{
		{"#000", "#fff", 21},
		{"#fff", "#fff", 1},
		{"#777777", "#ffffff", 4.48}, // the classic grey that just fails 4.5:1
		{"#767676", "white", 4.54},   // and the one that just passes
		{"rgb(0, 0, 255)", "#ffffff", 8.59},
	} {
		a, err := ParseColor(c.a)
		if err != nil {
			t.Fatal(err)
		}
		b, err := ParseColor(c.b)
		if err != nil {
			t.Fatal(err)
		}
		if got := Contrast(a, b); math.Abs(got-c.want) > 0.01 {
			t.Errorf("Contrast(%s, %s) = %.3f, want %.2f", c.a, c.b, got, c.want)
		}
	}
	for _, bad := range []string{"#12345", "#ff000080", "rgba(0, 0, 0, 0.5)", "transparent", "rgb(300 0 0)"} {
		if _, err := ParseColor(bad); err == nil {
			t.Errorf("ParseColor(%q) did not fail", bad)
		}
	}
}

// TestCheckFailsOnBadPair proves the contrast test can fail: known-bad
// pairs must be reported, good ones must not.
func TestCheckFailsOnBadPair(t *testing.T) {
	sh, err := Parse("sample.css", sample)
	if err != nil {
		t.Fatal(err)
	}
	good := []Pair{
		{FG: "--a-text", BG: "--a-bg", Min: Text},
		{FG: "--a-alias", BG: "--a-bg", Min: Text},
	}
	if msgs := Check(sh.Light, good); len(msgs) != 0 {
		t.Errorf("good pairs reported: %v", msgs)
	}
	if msgs := Check(sh.Dark, good); len(msgs) != 0 {
		t.Errorf("good dark pairs reported: %v", msgs)
	}
	bad := []Pair{
		{FG: "--a-grey", BG: "--a-bg", Min: Text},       // 4.48:1, just too little for text
		{FG: "--a-grey", BG: "--a-light-grey", Min: UI}, // grey on grey
		{FG: "--a-missing", BG: "--a-bg", Min: Text},    // no such token
		{FG: "--a-font", BG: "--a-bg", Min: Text},       // not a colour
		{FG: "--a-text", BG: "--a-paper", Min: Text},    // fine in light…
	}
	msgs := Check(sh.Light, bad)
	if len(msgs) != 4 {
		t.Fatalf("light: got %d messages, want 4:\n%s", len(msgs), strings.Join(msgs, "\n"))
	}
	if !strings.Contains(msgs[0], "--a-grey #777777 on --a-bg #ffffff: contrast 4.48:1, needs 4.5:1") {
		t.Errorf("message = %q", msgs[0])
	}
	// …but the dark text #e9ecf1 on white paper fails.
	if msgs := Check(sh.Dark, bad[4:]); len(msgs) != 1 {
		t.Errorf("dark: got %v, want one failure", msgs)
	}
}
