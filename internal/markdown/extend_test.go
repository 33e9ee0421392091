package markdown

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

// TestExtendersAlone: each Extender does its part on plain goldmark, with
// no other extension of ours, and goldmark without it does not.
func TestExtendersAlone(t *testing.T) {
	for _, tc := range []struct {
		name string
		ext  goldmark.Extender
		src  string
		want string
	}{
		{"HeadingAnchors", HeadingAnchors{}, "## Doel {#doel}\n", `<a class="anchor" href="#doel">`},
		{"CodeHighlight", CodeHighlight{}, "```go\nx := 1\n```\n", `<div class="code" data-lang="go">`},
		{"Tables", Tables{}, "Tabel: Termijnen\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", `aria-label="Tabel: Termijnen"`},
		{"Sections", Sections{}, "## Regel {#r .spelregel}\n\nTekst.\n", `<section class="spelregel" aria-labelledby="r">`},
		{"Links", Links{}, "![x](/img/a.svg)\n", `<p></p>`}, // an image no Context accepted is left out
		{"DefinitionIDs", DefinitionIDs{}, "Casusregie\n: Wie de regie heeft.\n", `<dt id="casusregie">`},
		{"Callouts", Callouts{}, "> **Let op:** niet delen.\n", `<blockquote class="callout callout--let-op">`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			convert := func(exts ...goldmark.Extender) string {
				md := goldmark.New(
					goldmark.WithExtensions(append([]goldmark.Extender{extension.GFM, extension.DefinitionList}, exts...)...),
					goldmark.WithParserOptions(parser.WithAttribute(), parser.WithAutoHeadingID()))
				var b bytes.Buffer
				if err := md.Convert([]byte(tc.src), &b); err != nil {
					t.Fatal(err)
				}
				return b.String()
			}
			if got := convert(tc.ext); !strings.Contains(got, tc.want) {
				t.Errorf("with %s:\n%s\nwant it to hold %s", tc.name, got, tc.want)
			}
			if got := convert(); strings.Contains(got, tc.want) {
				t.Errorf("without %s goldmark already writes %s:\n%s", tc.name, tc.want, got)
			}
		})
	}
}
