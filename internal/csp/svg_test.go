package csp

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

const svgOpen = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">`

// TestCheckSVGRefuses: every form that passed the old substring check of
// the region logo, and the other ways an SVG runs or loads something.
func TestCheckSVGRefuses(t *testing.T) {
	for _, tc := range []struct{ name, svg, want string }{
		{"namespaced script", `<svg xmlns="http://www.w3.org/2000/svg" xmlns:s="http://www.w3.org/2000/svg"><s:script>alert(1)</s:script></svg>`, "1:78: het element <script> is niet toegestaan"},
		{"newline before onload", svgOpen + "<rect\nonload=\"alert(1)\" width=\"1\"/></svg>", "1:61: het attribuut onload is niet toegestaan"},
		{"animated href", svgOpen + `<a href="#x"><animate attributeName="href" values="javascript:alert(1)"/></a></svg>`, "het element <animate> is niet toegestaan"},
		{"foreignObject", svgOpen + `<foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"/></foreignObject></svg>`, "het element <foreignObject> is niet toegestaan"},
		{"style with escaped url", svgOpen + `<style>rect { fill: u\72l(https://evil.example/x) }</style></svg>`, "het element <style> is niet toegestaan"},
		{"escaped url in an attribute", svgOpen + `<rect fill="u\72l(https://evil.example/x)"/></svg>`, "de waarde van fill mag geen CSS-tekens bevatten"},
		{"url to elsewhere", svgOpen + `<rect fill="url(https://evil.example/x#g)"/></svg>`, "fill gebruikt url() buiten het bestand"},
		{"xlink to elsewhere", `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><use xlink:href="https://evil.example/s.svg#a"/></svg>`, `xlink:href="https://evil.example/s.svg#a" verwijst buiten het bestand`},
		{"style attribute", svgOpen + `<rect style="fill:red"/></svg>`, "het attribuut style is niet toegestaan"},
		{"entity", `<!DOCTYPE svg [<!ENTITY x "y">]>` + svgOpen + `</svg>`, "een DOCTYPE met eigen entiteiten"},
		{"cdata", svgOpen + `<title><![CDATA[</title><script>alert(1)</script>]]></title></svg>`, "een CDATA-blok is niet toegestaan"},
		{"xhtml element", svgOpen + `<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script></svg>`, "het element <http://www.w3.org/1999/xhtml:script> is niet toegestaan"},
		{"not xml", svgOpen + `<rect></svg>`, "geen geldige SVG (XML)"},
		{"not svg", `<html></html>`, "het bestand begint niet met <svg>"},
	} {
		var got []string
		for _, p := range CheckSVG([]byte(tc.svg)) {
			got = append(got, pos(p)+p.Msg)
		}
		if !strings.Contains(strings.Join(got, "\n"), tc.want) {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

func pos(p Problem) string { return fmt.Sprintf("%d:%d: ", p.Line, p.Col) }

// TestCheckSVGAllowsTheShippedImages: the logos of the shipped regions and
// the images of assets/ pass, and so does a gradient referenced in the file.
func TestCheckSVGAllowsTheShippedImages(t *testing.T) {
	files, _ := filepath.Glob("../../content/regio/*/logo.svg")
	more, _ := filepath.Glob("../../assets/img/*.svg")
	files = append(files, more...)
	if len(files) == 0 {
		t.Fatal("no SVG files found")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if p := CheckSVG(b); p != nil {
			t.Errorf("%s: %v", f, p)
		}
	}
	grad := svgOpen + `<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs><rect width="10" height="10" fill="url(#g)"/><use href="#g"/></svg>`
	if p := CheckSVG([]byte(grad)); p != nil {
		t.Errorf("a gradient: %v", p)
	}
}

// FuzzCheckSVG compares CheckSVG with an HTML tokenizer, which reads the
// logo as a page that inlines it does: an SVG that CheckSVG accepts must,
// read as HTML, hold only allowed elements and attributes and nothing the
// page policy forbids.
func FuzzCheckSVG(f *testing.F) {
	f.Add([]byte(svgOpen + `<rect width="1" height="1" fill="#fff"/></svg>`))
	f.Add([]byte(svgOpen + `<title>a &lt;b&gt;</title><!-- c --><g id="x"><path d="M0 0"/></g><use href="#x"/></svg>`))
	f.Add([]byte(svgOpen + `<text x="1">&#x3C;script&#x3E;</text></svg>`))
	lowerElements := map[string]bool{}
	for e := range svgElements {
		lowerElements[strings.ToLower(e)] = true
	}
	lowerAttrs := map[string]bool{"xmlns": true, "xlink:href": true, "xml:space": true, "xml:lang": true}
	for a := range svgAttributes {
		lowerAttrs[strings.ToLower(a)] = true
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if CheckSVG(b) != nil {
			return
		}
		meta := `<meta http-equiv="Content-Security-Policy" content="` + Policy + `">`
		if v, _ := tokViolations(append([]byte(meta), b...)); v != nil {
			t.Fatalf("%q passes CheckSVG, but read as HTML: %q", b, v)
		}
		z := html.NewTokenizer(bytes.NewReader(b))
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				return
			}
			if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
				continue
			}
			name, more := z.TagName()
			if !lowerElements[string(name)] {
				t.Fatalf("%q passes CheckSVG, but read as HTML it has <%s>", b, name)
			}
			for more {
				var key []byte
				key, _, more = z.TagAttr()
				if !lowerAttrs[string(key)] && !strings.HasPrefix(string(key), "xmlns:") {
					t.Fatalf("%q passes CheckSVG, but read as HTML <%s> has %s=", b, name, key)
				}
			}
		}
	})
}
