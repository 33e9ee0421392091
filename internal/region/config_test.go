package region

import (
	"strings"
	"testing"

	"github.com/zvh-webtool/zvh"
)

// TestConfigErrors has one broken regio.yaml per rule.
func TestConfigErrors(t *testing.T) {
	const f = dir + "/regio.yaml"
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"unknown key", map[string]string{"regio.yaml": "name: P\nslug: proef\nlogo: logo.svg\nkontakt:\n  email: a@b.nl\n"},
			f + ":4:1: unknown key `kontakt`; did you mean `contact`?"},
		{"unknown contact key", map[string]string{"regio.yaml": "name: P\nslug: proef\nlogo: logo.svg\ncontact:\n  telefoon: \"010 123 4567\"\n"},
			f + ":5:3: unknown key `telefoon`"},
		{"missing logo", map[string]string{"logo.svg": ""},
			f + ":3:7: logo \"logo.svg\" is not in the region folder " + dir},
		{"no logo key", map[string]string{"regio.yaml": "name: P\nslug: proef\n"},
			f + ":1:1: regio.yaml needs a `logo`"},
		{"logo with script", map[string]string{"logo.svg": `<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>`},
			dir + "/logo.svg:1:41: logo: het element <script> is niet toegestaan in een SVG-afbeelding"},
		{"logo loading elsewhere", map[string]string{"logo.svg": `<svg xmlns="http://www.w3.org/2000/svg"><image href="https://example.org/a.png"/></svg>`},
			dir + "/logo.svg:1:41: logo: href=\"https://example.org/a.png\" verwijst buiten het bestand"},
		{"slug clash", map[string]string{"regio.yaml": "name: P\nslug: fryslan\nlogo: logo.svg\n"},
			f + ":2:7: slug \"fryslan\" does not match the folder name \"proef\""},
		{"slug form", map[string]string{"regio.yaml": "name: P\nslug: Proef Regio\nlogo: logo.svg\n"},
			f + ":2:7: slug \"Proef Regio\" may hold only"},
		{"unknown term", map[string]string{"regio.yaml": "name: P\nslug: proef\nlogo: logo.svg\nterms:\n  casusoverlg: ICO\n"},
			f + ":5:16: unknown term `casusoverlg`; did you mean `casusoverleg`?"},
		{"unknown token", map[string]string{"regio.yaml": "name: P\nslug: proef\nlogo: logo.svg\ntokens:\n  nl.link.colour: \"#000000\"\n"},
			f + ":5:3: unknown token `nl.link.colour`; did you mean `nl.link.color`?"},
		{"bad colour", map[string]string{"regio.yaml": "name: P\nslug: proef\nlogo: logo.svg\ntokens:\n  nl.link.color: blauw\n"},
			f + ":5:18: token `nl.link.color`: cannot read colour \"blauw\""},
		{"bad contrast light", map[string]string{"regio.yaml": "name: P\nslug: proef\nlogo: logo.svg\ntokens:\n  nl.link.color: \"#7fa7d9\"\n"},
			f + ":5:18: token `nl.link.color` fails WCAG AA contrast in the light colour scheme: --zvh-color-link #7fa7d9 on --zvh-color-bg #ffffff: contrast 2.49:1, needs 4.5:1"},
		{"bad contrast dark", map[string]string{"regio.yaml": "name: P\nslug: proef\nlogo: logo.svg\ntokens:\n  nl.link.color: \"#0a58a8\"\n"},
			f + ":5:18: token `nl.link.color` fails WCAG AA contrast in the dark colour scheme: --zvh-color-link #0a58a8 on --zvh-color-bg #121519"},
		{"header pair", map[string]string{"regio.yaml": "name: P\nslug: proef\nlogo: logo.svg\ntokens:\n  utrecht.page-header.background-color: \"#ffdd00\"\n"},
			"token `utrecht.page-header.background-color` fails WCAG AA contrast in the light colour scheme: --zvh-color-brand-text #ffffff on --zvh-color-brand #ffdd00"},
		{"font that loads", map[string]string{"regio.yaml": "name: P\nslug: proef\nlogo: logo.svg\ntokens:\n  basis.text.font-family: \"x; src: url(https://e.org)\"\n"},
			f + ":5:27: token `basis.text.font-family`: a font family is a list of font names"},
		{"no region", map[string]string{"regio.yaml": ""},
			dir + ": not a region folder: it has no regio.yaml"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, errs := Overlay(zvh.Base, regionFS(tc.files), dir)
			if !strings.Contains(errs.Error(), tc.want) {
				t.Errorf("errors:\n%s\nwant one containing\n%s", errs.Error(), tc.want)
			}
		})
	}
}

// TestGoodTokens: a token set that passes in both schemes reaches the
// stylesheet, light and dark.
func TestGoodTokens(t *testing.T) {
	reg := regionFS(map[string]string{"regio.yaml": "name: P\nslug: proef\nlogo: logo.svg\ntokens:\n  nl.link.color:\n    light: \"#00508c\"\n    dark: \"#9cc7ff\"\n  basis.text.font-family: Verdana, sans-serif\n"})
	fsys, _, errs := Overlay(zvh.Base, reg, dir)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	css := read(t, fsys, "assets/css/tokens.css")
	for _, want := range []string{"--zvh-color-link: #00508c; /* nl.link.color */", "    --zvh-color-link: #9cc7ff;", "--zvh-font-family: Verdana, sans-serif;"} {
		if !strings.Contains(css, want) {
			t.Errorf("tokens.css lacks %q", want)
		}
	}
	if read(t, fsys, LogoAsset) != logo {
		t.Error("logo not published")
	}
}
