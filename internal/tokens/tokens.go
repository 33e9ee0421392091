// Package tokens reads the design tokens of the webtool (assets/css/tokens.css)
// and measures colour contrast between them.
//
// The tokens are CSS custom properties, in the manner of NL Design System:
// every colour, size and distance a component uses is a token, and a region
// overrides a few tokens for its brand. Two sets are read:
//
//   - light: the declarations of :root at the top level of the file;
//   - dark: light, overridden by the declarations of :root inside an
//     @media rule whose query asks for prefers-color-scheme: dark.
//
// A :root rule inside any other at-rule is an error, so no token can escape
// the contrast check. Values may refer to other tokens with var(--name).
//
// Contrast follows WCAG 2.2: relative luminance of sRGB colours and the ratio
// (L1 + 0.05) / (L2 + 0.05). Check compares the pairs a stylesheet promises
// (text on a background, a focus ring next to a surface) with their minimum.
package tokens

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Token is one custom property.
type Token struct {
	Value string
	Line  int // 1-based line of the declaration in the source
}

// Set holds the tokens of one colour scheme, by name ("--zvh-color-text").
type Set map[string]Token

// Sheet is a parsed tokens file.
type Sheet struct {
	Light Set
	Dark  Set // Light with the dark-scheme overrides applied
	// DarkOnly lists the names the dark scheme overrides, sorted.
	DarkOnly []string
}

// Parse reads the custom properties of a tokens stylesheet. name is used in
// error messages ("assets/css/tokens.css:12: …").
func Parse(name, css string) (*Sheet, error) {
	src := stripComments(css)
	blocks, perr := splitBlocks(src, 0, len(src))
	if perr != nil {
		return nil, fmt.Errorf("%s:%d: %s", name, line(src, perr.off), perr.msg)
	}
	sh := &Sheet{Light: Set{}, Dark: Set{}}
	dark := Set{}
	var errs []string
	for _, b := range blocks {
		prelude := strings.TrimSpace(src[b.start:b.open])
		switch {
		case isRoot(prelude):
			parseDecls(src, b.open+1, b.close, sh.Light)
		case strings.HasPrefix(prelude, "@media") && isDarkQuery(prelude):
			inner, perr := splitBlocks(src, b.open+1, b.close)
			if perr != nil {
				return nil, fmt.Errorf("%s:%d: %s", name, line(src, perr.off), perr.msg)
			}
			for _, ib := range inner {
				if isRoot(strings.TrimSpace(src[ib.start:ib.open])) {
					parseDecls(src, ib.open+1, ib.close, dark)
				}
			}
		case strings.HasPrefix(prelude, "@"):
			if strings.Contains(src[b.open:b.close], ":root") {
				at := b.start + len(src[b.start:b.open]) - len(strings.TrimLeft(src[b.start:b.open], " \t\r\n"))
				errs = append(errs, fmt.Sprintf("%s:%d: :root inside %q is not checked for contrast; put tokens in :root or in the prefers-color-scheme: dark block", name, line(src, at), prelude))
			}
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	for k, v := range sh.Light {
		sh.Dark[k] = v
	}
	for k, v := range dark {
		sh.Dark[k] = v
		sh.DarkOnly = append(sh.DarkOnly, k)
	}
	slices.Sort(sh.DarkOnly)
	return sh, nil
}

// Names returns the token names of s, sorted.
func (s Set) Names() []string {
	names := make([]string, 0, len(s))
	for k := range s {
		names = append(names, k)
	}
	slices.Sort(names)
	return names
}

// Resolve returns the value of the token name, following var() references.
func (s Set) Resolve(name string) (string, error) {
	seen := map[string]bool{}
	for {
		t, ok := s[name]
		if !ok {
			return "", fmt.Errorf("no token %s", name)
		}
		if seen[name] {
			return "", fmt.Errorf("token %s refers to itself", name)
		}
		seen[name] = true
		v := strings.TrimSpace(t.Value)
		ref, ok := strings.CutPrefix(v, "var(")
		if !ok || !strings.HasSuffix(ref, ")") {
			return v, nil
		}
		ref = strings.TrimSuffix(ref, ")")
		if i := strings.IndexByte(ref, ','); i >= 0 {
			ref = ref[:i] // a fallback is not used: the token must exist
		}
		name = strings.TrimSpace(ref)
	}
}

// Color returns the colour of the token name.
func (s Set) Color(name string) (Color, error) {
	v, err := s.Resolve(name)
	if err != nil {
		return Color{}, err
	}
	c, err := ParseColor(v)
	if err != nil {
		return Color{}, fmt.Errorf("token %s (line %d): %v", name, s[name].Line, err)
	}
	return c, nil
}

// Color is an opaque sRGB colour.
type Color struct{ R, G, B uint8 }

func (c Color) String() string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// ParseColor reads #rgb, #rrggbb, rgb(r g b), rgb(r, g, b), white or black.
// Colours with transparency are refused: their contrast depends on what lies
// beneath them.
func ParseColor(s string) (Color, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "white":
		return Color{255, 255, 255}, nil
	case "black":
		return Color{0, 0, 0}, nil
	}
	if hex, ok := strings.CutPrefix(s, "#"); ok {
		if len(hex) == 3 {
			hex = string([]byte{hex[0], hex[0], hex[1], hex[1], hex[2], hex[2]})
		}
		if len(hex) != 6 {
			return Color{}, fmt.Errorf("cannot read colour %q: use #rgb or #rrggbb (no transparency)", s)
		}
		n, err := strconv.ParseUint(hex, 16, 32)
		if err != nil {
			return Color{}, fmt.Errorf("cannot read colour %q", s)
		}
		return Color{uint8(n >> 16), uint8(n >> 8), uint8(n)}, nil
	}
	if args, ok := strings.CutPrefix(s, "rgb("); ok && strings.HasSuffix(args, ")") {
		f := strings.FieldsFunc(strings.TrimSuffix(args, ")"), func(r rune) bool { return r == ',' || r == ' ' })
		if len(f) != 3 {
			return Color{}, fmt.Errorf("cannot read colour %q: use rgb(r g b) without alpha", s)
		}
		var c [3]uint8
		for i, x := range f {
			n, err := strconv.Atoi(x)
			if err != nil || n < 0 || n > 255 {
				return Color{}, fmt.Errorf("cannot read colour %q", s)
			}
			c[i] = uint8(n)
		}
		return Color{c[0], c[1], c[2]}, nil
	}
	return Color{}, fmt.Errorf("cannot read colour %q", s)
}

// Luminance is the WCAG relative luminance of c, from 0 (black) to 1 (white).
func (c Color) Luminance() float64 {
	ch := func(v uint8) float64 {
		x := float64(v) / 255
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(c.R) + 0.7152*ch(c.G) + 0.0722*ch(c.B)
}

// Contrast is the WCAG contrast ratio of a and b, from 1 to 21. The order of
// the colours does not matter.
func Contrast(a, b Color) float64 {
	la, lb := a.Luminance(), b.Luminance()
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// Minimum contrast ratios of WCAG 2.2 level AA.
const (
	Text      = 4.5 // body text (1.4.3)
	LargeText = 3.0 // text of at least 24px, or 18.66px bold (1.4.3)
	UI        = 3.0 // focus rings, borders of controls, icons that carry meaning (1.4.11)
)

// Pair is a foreground token that a stylesheet puts on a background token,
// with the contrast the pair must reach.
type Pair struct {
	FG, BG string
	Min    float64
}

// Check measures every pair in s and returns one message per pair that
// falls short or cannot be measured.
func Check(s Set, pairs []Pair) []string {
	var out []string
	for _, p := range pairs {
		fg, err := s.Color(p.FG)
		if err != nil {
			out = append(out, err.Error())
			continue
		}
		bg, err := s.Color(p.BG)
		if err != nil {
			out = append(out, err.Error())
			continue
		}
		if r := Contrast(fg, bg); r < p.Min {
			out = append(out, fmt.Sprintf("%s %s on %s %s: contrast %.2f:1, needs %.1f:1", p.FG, fg, p.BG, bg, r, p.Min))
		}
	}
	return out
}

// block is a rule: prelude src[start:open], body src[open+1:close].
type block struct{ start, open, close int }

// posError is a syntax error at byte offset off.
type posError struct {
	off int
	msg string
}

// splitBlocks returns the rules between from and to, at one nesting level.
// Declarations outside rules (which a stylesheet does not have at the top
// level) are skipped.
func splitBlocks(src string, from, to int) ([]block, *posError) {
	var out []block
	start := from
	for i := from; i < to; i++ {
		switch src[i] {
		case '"', '\'':
			j := strings.IndexByte(src[i+1:to], src[i])
			if j < 0 {
				return nil, &posError{i, "unclosed string"}
			}
			i += j + 1
		case ';':
			start = i + 1 // an at-rule without a block, such as @import
		case '{':
			depth, j := 1, i+1
			for ; j < to && depth > 0; j++ {
				switch src[j] {
				case '{':
					depth++
				case '}':
					depth--
				}
			}
			if depth > 0 {
				return nil, &posError{i, "unclosed {"}
			}
			out = append(out, block{start, i, j - 1})
			i = j - 1
			start = j
		case '}':
			return nil, &posError{i, "unexpected }"}
		}
	}
	return out, nil
}

// parseDecls adds the custom properties declared in src[from:to] to set.
func parseDecls(src string, from, to int, set Set) {
	off := from
	for _, d := range strings.Split(src[from:to], ";") {
		here := off
		off += len(d) + 1
		name, value, ok := strings.Cut(d, ":")
		name = strings.TrimSpace(name)
		if !ok || !strings.HasPrefix(name, "--") {
			continue
		}
		lead := len(d) - len(strings.TrimLeft(d, " \t\r\n"))
		set[name] = Token{Value: strings.TrimSpace(value), Line: line(src, here+lead)}
	}
}

// isRoot reports whether a selector list selects :root.
func isRoot(sel string) bool {
	for _, s := range strings.Split(sel, ",") {
		if strings.TrimSpace(s) == ":root" {
			return true
		}
	}
	return false
}

func isDarkQuery(q string) bool {
	q = strings.Join(strings.Fields(q), "")
	return strings.Contains(q, "prefers-color-scheme:dark")
}

// stripComments replaces comments by spaces, keeping offsets and lines.
func stripComments(s string) string {
	b := []byte(s)
	for i := 0; i+1 < len(b); i++ {
		if b[i] == '/' && b[i+1] == '*' {
			j := strings.Index(s[i+2:], "*/")
			end := len(b)
			if j >= 0 {
				end = i + 2 + j + 2
			}
			for k := i; k < end; k++ {
				if b[k] != '\n' {
					b[k] = ' '
				}
			}
			i = end - 1
		}
	}
	return string(b)
}

func line(src string, off int) int { return strings.Count(src[:min(off, len(src))], "\n") + 1 }
