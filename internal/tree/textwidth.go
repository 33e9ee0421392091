package tree

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// helvetica holds the advance widths of printable ASCII (32 to 126) in
// Helvetica, in thousandths of an em, from Adobe's font metrics. Arial has
// the same widths. The diagram names these fonts first, so the estimate
// is close enough to wrap text without loading a font at build time.
var helvetica = [95]uint16{
	278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space to /
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0 to ?
	1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @ to O
	667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P to _
	333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // ` to o
	556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p to ~
}

// boldFactor widens estimates for bold text, which Helvetica Bold sets
// about 7% wider on average.
const boldFactor = 1.07

// textWidth estimates the width of s set in size units, in the same units.
// Letters outside ASCII are measured by their base letter (é as e); other
// characters as a wide letter, so that wrapping errs on the safe side.
func textWidth(s string, size float64, bold bool) float64 {
	var em float64
	for _, r := range s {
		em += runeWidth(r)
	}
	w := em / 1000 * size
	if bold {
		w *= boldFactor
	}
	return w
}

func runeWidth(r rune) float64 {
	if r >= ' ' && r <= '~' {
		return float64(helvetica[r-' '])
	}
	switch r {
	case '„', '”', '“', '‘', '’', '‚':
		return 333
	case '–':
		return 556
	case '—', '…':
		return 1000
	case '\u00a0':
		return 278
	}
	if unicode.IsMark(r) {
		return 0
	}
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	if base, _ := utf8.DecodeRune(norm.NFD.Bytes(buf[:n])); base != r && base >= ' ' && base <= '~' {
		return float64(helvetica[base-' '])
	}
	return 833
}

// wrap breaks s into lines no wider than width, at spaces where it can and
// inside a word only when the word alone is too wide.
func wrap(s string, width, size float64, bold bool) []string {
	var lines []string
	var line strings.Builder
	lineW := 0.0
	space := textWidth(" ", size, bold)
	for word := range strings.FieldsSeq(s) {
		ww := textWidth(word, size, bold)
		switch {
		case line.Len() == 0:
		case lineW+space+ww <= width:
			line.WriteByte(' ')
			lineW += space
		default:
			lines = append(lines, line.String())
			line.Reset()
			lineW = 0
		}
		for ww > width-lineW && line.Len() == 0 {
			// A word wider than the box: cut it where it no longer fits.
			head := cut(word, width, size, bold)
			lines = append(lines, head)
			word = word[len(head):]
			ww = textWidth(word, size, bold)
		}
		line.WriteString(word)
		lineW += ww
	}
	if line.Len() > 0 {
		lines = append(lines, line.String())
	}
	return lines
}

// cut returns the longest prefix of word, at least one rune, that fits in
// width.
func cut(word string, width, size float64, bold bool) string {
	total := 0.0
	for i, r := range word {
		total += textWidth(string(r), size, bold)
		if i > 0 && total > width {
			return word[:i]
		}
	}
	return word
}
