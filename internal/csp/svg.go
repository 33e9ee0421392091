package csp

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Problem is something a file holds that the policy forbids, at a 1-based
// line and column of the file (0 when unknown).
type Problem struct {
	Line, Col int
	Msg       string
}

const (
	svgNS   = "http://www.w3.org/2000/svg"
	xlinkNS = "http://www.w3.org/1999/xlink"
	xmlNS   = "http://www.w3.org/XML/1998/namespace"
)

// svgElements are the SVG elements an image may hold: shapes, text,
// gradients, clipping and reuse within the file. Everything else (script,
// foreignObject, style, animation, filters with feImage, iframes of
// another namespace) is refused: an SVG opened on its own, from file:// or
// a host without the site's headers, runs what it holds.
var svgElements = map[string]bool{
	"svg": true, "g": true, "defs": true, "title": true, "desc": true, "symbol": true, "use": true,
	"path": true, "rect": true, "circle": true, "ellipse": true, "line": true, "polyline": true, "polygon": true,
	"text": true, "tspan": true, "textPath": true,
	"linearGradient": true, "radialGradient": true, "stop": true, "clipPath": true, "mask": true, "pattern": true,
}

// svgAttributes are the attributes those elements may carry: geometry,
// paint, text and accessibility. href (and xlink:href) only within the file
// ("#id"); no event handlers, no style.
var svgAttributes = map[string]bool{}

func init() {
	for _, a := range strings.Fields(`id class x y x1 y1 x2 y2 cx cy r rx ry fx fy width height d points
		viewBox preserveAspectRatio transform version baseProfile
		fill fill-opacity fill-rule stroke stroke-width stroke-opacity stroke-linecap stroke-linejoin
		stroke-miterlimit stroke-dasharray stroke-dashoffset opacity color clip-path clip-rule mask
		offset stop-color stop-opacity gradientUnits gradientTransform spreadMethod patternUnits
		patternContentUnits patternTransform clipPathUnits maskUnits maskContentUnits
		font-family font-size font-weight font-style text-anchor dominant-baseline letter-spacing
		word-spacing dx dy rotate textLength lengthAdjust startOffset
		role aria-label aria-labelledby aria-describedby aria-hidden focusable lang
		vector-effect shape-rendering paint-order display visibility href`) {
		svgAttributes[a] = true
	}
}

// CheckSVG parses b as XML and reports everything outside the allow-list
// of elements and attributes: the check is on what an XML parser reads
// (namespace prefixes, character references and line breaks resolved), not
// on substrings, so <s:script>, a line break before onload= or
// u\72l(https://…) do not slip through. A file that is not well-formed XML
// is refused as a whole.
func CheckSVG(b []byte) []Problem {
	var out []Problem
	if i := bytes.Index(b, []byte("<![CDATA[")); i >= 0 {
		// XML reads it as text, an HTML page that inlines the logo may not.
		line, col := lineCol(b, i)
		out = append(out, Problem{line, col, "een CDATA-blok is niet toegestaan in een SVG-afbeelding"})
	}
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	d.Entity = map[string]string{} // only the five XML entities
	root := true
	for {
		line, col := lineCol(b, int(d.InputOffset()))
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				line, col = se.Line, 0
			}
			return append(out, Problem{line, col, "geen geldige SVG (XML): " + xmlError(err)})
		}
		switch t := tok.(type) {
		case xml.Directive:
			if bytes.Contains(t, []byte("ENTITY")) || bytes.ContainsAny(t, "[") {
				out = append(out, Problem{line, col, "een DOCTYPE met eigen entiteiten is niet toegestaan"})
			}
		case xml.ProcInst:
			if t.Target != "xml" {
				out = append(out, Problem{line, col, fmt.Sprintf("de instructie <?%s?> is niet toegestaan", t.Target)})
			}
		case xml.StartElement:
			if root && t.Name.Local != "svg" {
				out = append(out, Problem{line, col, "het bestand begint niet met <svg>"})
			}
			root = false
			if t.Name.Space != svgNS && t.Name.Space != "" || !svgElements[t.Name.Local] {
				out = append(out, Problem{line, col, fmt.Sprintf("het element <%s> is niet toegestaan in een SVG-afbeelding", name(t.Name))})
			}
			for _, a := range t.Attr {
				if msg := svgAttr(a); msg != "" {
					out = append(out, Problem{line, col, msg})
				}
			}
		}
	}
	if root {
		out = append(out, Problem{1, 1, "geen SVG: het bestand heeft geen <svg>-element"})
	}
	return out
}

// svgAttr returns why the attribute a is refused, or "".
func svgAttr(a xml.Attr) string {
	n := a.Name
	switch {
	case n.Space == "xmlns" || n.Space == "" && n.Local == "xmlns":
		return "" // a namespace declaration; the elements are checked
	case n.Space == xmlNS && n.Local == "space", n.Space == xmlNS && n.Local == "lang":
		return ""
	case n.Space == xlinkNS && n.Local == "href", n.Space == "" && n.Local == "href":
		if !strings.HasPrefix(strings.TrimSpace(a.Value), "#") {
			return fmt.Sprintf("%s=%q verwijst buiten het bestand; alleen #id binnen de SVG mag", name(n), a.Value)
		}
		return ""
	case n.Space != "" || !svgAttributes[n.Local]:
		return fmt.Sprintf("het attribuut %s is niet toegestaan in een SVG-afbeelding", name(n))
	}
	v := strings.ToLower(a.Value)
	if strings.ContainsAny(v, `\;{}<>`) || strings.Contains(v, "@import") || strings.Contains(v, "expression(") {
		return fmt.Sprintf("de waarde van %s mag geen CSS-tekens bevatten", n.Local)
	}
	for rest := v; ; {
		i := strings.Index(rest, "url(")
		if i < 0 {
			break
		}
		rest = strings.TrimLeft(rest[i+4:], " \t\n\r\f'\"")
		if !strings.HasPrefix(rest, "#") {
			return fmt.Sprintf("%s gebruikt url() buiten het bestand; alleen url(#id) mag", n.Local)
		}
	}
	return ""
}

// name writes an XML name as its author wrote it, near enough.
func name(n xml.Name) string {
	switch n.Space {
	case "", svgNS:
		return n.Local
	case xlinkNS:
		return "xlink:" + n.Local
	}
	return n.Space + ":" + n.Local
}

// xmlError is the parser's message without its "XML syntax error on line
// N:" prefix, which the position says already.
func xmlError(err error) string {
	msg := err.Error()
	if _, after, ok := strings.Cut(msg, ": "); ok && strings.HasPrefix(msg, "XML syntax error") {
		return after
	}
	return msg
}
