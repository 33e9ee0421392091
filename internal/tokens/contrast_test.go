package tokens

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/zvh-webtool/zvh"
)

func readSheet(t *testing.T) *Sheet {
	t.Helper()
	const name = "assets/css/tokens.css"
	b, err := fs.ReadFile(zvh.Base, name)
	if err != nil {
		t.Fatal(err)
	}
	sh, err := Parse(name, string(b))
	if err != nil {
		t.Fatal(err)
	}
	return sh
}

// TestContrast checks every pair of the table in the light and the dark
// scheme against WCAG 2.2 AA (issue 3).
func TestContrast(t *testing.T) {
	sh := readSheet(t)
	for _, scheme := range []struct {
		name string
		set  Set
	}{{"light", sh.Light}, {"dark", sh.Dark}} {
		for _, msg := range Check(scheme.set, Pairs) {
			t.Errorf("%s: %s", scheme.name, msg)
		}
	}
}

// TestEveryColourIsChecked fails when a colour token is in no pair, so a new
// colour cannot skip the contrast check.
func TestEveryColourIsChecked(t *testing.T) {
	sh := readSheet(t)
	used := map[string]bool{}
	for _, p := range Pairs {
		used[p.FG], used[p.BG] = true, true
	}
	for _, name := range sh.Light.Names() {
		if strings.HasPrefix(name, "--zvh-color-") && !used[name] && !Decorative[name] {
			t.Errorf("colour token %s (tokens.css:%d) is in no contrast pair; add its pairs to pairs.go", name, sh.Light[name].Line)
		}
	}
	for _, name := range sh.DarkOnly {
		if _, ok := sh.Light[name]; !ok {
			t.Errorf("token %s (tokens.css:%d) is only set for the dark scheme; give it a light value in :root", name, sh.Dark[name].Line)
		}
	}
}
