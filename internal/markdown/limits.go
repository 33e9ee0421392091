package markdown

import (
	"bytes"
	"fmt"
)

// Limits on what one page may hold. goldmark's cost grows faster than the
// input for a few forms no real page has (thousands of nested lists, link
// openers or heading attributes), so a page with one is refused, at the
// line, before it is parsed: a build stays fast and Ctrl-C stays prompt
// whatever a file holds.
const (
	// MaxIndent is the deepest indentation of a line, in columns (a tab
	// counts 4): some 100 levels of nested lists.
	MaxIndent = 200
	// MaxNesting is the most block markers (">", "-", "1.") that may open
	// one line.
	MaxNesting = 30
	// MaxLinksPerBlock is the most "](" and "[" a paragraph (the text
	// between two blank lines) may hold.
	MaxLinksPerBlock = 1000
	// MaxAttributes is the most ids and classes of one heading.
	MaxAttributes = 20
)

// checkLimits returns a ParseError for the first place in src that goes
// past a limit, or nil. It reads every byte once.
func checkLimits(src []byte) *ParseError {
	brackets, blockStart := 0, 0
	for off := 0; off < len(src); {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += off
		}
		line := src[off:end]
		if len(bytes.TrimSpace(line)) == 0 {
			brackets, blockStart = 0, end+1
		}
		if e := checkLine(line, off); e != nil {
			return e
		}
		if brackets += bytes.Count(line, []byte("[")) + bytes.Count(line, []byte("](")); brackets > MaxLinksPerBlock {
			return &ParseError{Offset: blockStart, Msg: fmt.Sprintf("deze alinea heeft meer dan %d haken voor links ([ en ]( samen); de grens is %d: splits de tekst", MaxLinksPerBlock, MaxLinksPerBlock)}
		}
		off = end + 1
	}
	return nil
}

// checkLine checks the indentation, the nesting and the heading attributes
// of one line, which starts at off.
func checkLine(line []byte, off int) *ParseError {
	cols, markers := 0, 0
	for i := 0; i < len(line); {
		switch c := line[i]; {
		case c == ' ':
			cols++
			i++
		case c == '\t':
			cols += 4 - cols%4
			i++
		case c == '>':
			markers++
			cols++
			i++
		case (c == '-' || c == '*' || c == '+') && i+1 < len(line) && (line[i+1] == ' ' || line[i+1] == '\t'):
			markers++
			cols++
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j+1 < len(line) && (line[j] == '.' || line[j] == ')') && (line[j+1] == ' ' || line[j+1] == '\t') {
				markers++
				cols += j + 1 - i
				i = j + 1
				continue
			}
			i = len(line)
		default:
			i = len(line)
		}
		if cols > MaxIndent {
			return &ParseError{Offset: off, Msg: fmt.Sprintf("deze regel springt meer dan %d kolommen in; de grens is %d (zo'n 100 niveaus): maak de lijst minder diep", MaxIndent, MaxIndent)}
		}
		if markers > MaxNesting {
			return &ParseError{Offset: off, Msg: fmt.Sprintf("deze regel opent meer dan %d lijsten of citaten in elkaar; de grens is %d", MaxNesting, MaxNesting)}
		}
	}
	// {#id .a .b …} at the end of a heading (or of any line: a setext
	// heading's text)
	t := bytes.TrimRight(line, " \t\r")
	if len(t) > 0 && t[len(t)-1] == '}' {
		if open := bytes.LastIndexByte(t, '{'); open >= 0 {
			if n := len(bytes.Fields(t[open+1 : len(t)-1])); n > MaxAttributes {
				return &ParseError{Offset: off + open, Msg: fmt.Sprintf("deze kop heeft %d attributen; de grens is %d ids en classes", n, MaxAttributes)}
			}
		}
	}
	return nil
}
