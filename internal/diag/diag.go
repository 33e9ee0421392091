// Package diag describes problems found in source files and reports them the
// way compilers do: one per line, as path:line:col: message, sorted by
// position, all at once.
//
// Lines and columns start at 1; a column counts bytes, like go/scanner. Paths
// are slash-separated and relative to the source root, so an editor can jump
// to them.
package diag

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// Position is a place in a source file. Line 0 means the whole file.
type Position struct {
	File string
	Line int
	Col  int
}

func (p Position) String() string {
	file := escape(p.File)
	switch {
	case p.Line <= 0:
		return file
	case p.Col <= 0:
		return fmt.Sprintf("%s:%d", file, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", file, p.Line, p.Col)
}

// escape writes the control characters of s (an ESC, a line break in a
// file name) as \x1b, \n and so on: printed raw, they would move the
// cursor, recolour the terminal or fake a second diagnostic line.
func escape(s string) string {
	if !strings.ContainsFunc(s, isControl) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if isControl(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 }

// Diagnostic is one problem at one position.
type Diagnostic struct {
	Pos Position
	Msg string // lower case, no final period
}

func (d Diagnostic) Error() string { return d.Pos.String() + ": " + escape(d.Msg) }

// List collects diagnostics. The zero value is ready to use.
type List []Diagnostic

// Add records a problem.
func (l *List) Add(pos Position, format string, args ...any) {
	*l = append(*l, Diagnostic{pos, fmt.Sprintf(format, args...)})
}

// Append adds all diagnostics of other.
func (l *List) Append(other List) { *l = append(*l, other...) }

// Sort orders the list by file, line, column and message and drops exact
// duplicates, so output is stable whatever order the checks ran in.
func (l *List) Sort() {
	slices.SortFunc(*l, func(a, b Diagnostic) int {
		return cmp.Or(
			strings.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			strings.Compare(a.Msg, b.Msg),
		)
	})
	*l = slices.Compact(*l)
}

// Err returns the list as an error, or nil when it is empty.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Error prints every diagnostic on its own line.
func (l List) Error() string {
	var b strings.Builder
	for i, d := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.Error())
	}
	return b.String()
}

// Print writes the sorted list to w, one diagnostic per line.
func (l List) Print(w io.Writer) {
	l.Sort()
	for _, d := range l {
		fmt.Fprintln(w, d.Error())
	}
}

// Lines maps byte offsets in a file to positions. Build it once per file.
type Lines struct {
	file   string
	base   int   // line number of the first byte, minus one
	starts []int // byte offset of each line start
}

// NewLines indexes src, which starts on line firstLine of file. Front matter
// parsers pass the line where the Markdown body begins, so body offsets map
// to real file lines.
func NewLines(file string, src []byte, firstLine int) *Lines {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &Lines{file: file, base: firstLine - 1, starts: starts}
}

// Pos returns the position of byte offset off. A negative offset (unknown)
// yields the file's first line.
func (x *Lines) Pos(off int) Position {
	if off < 0 {
		return Position{File: x.file, Line: x.base + 1, Col: 1}
	}
	i, found := slices.BinarySearch(x.starts, off)
	if !found {
		i--
	}
	return Position{File: x.file, Line: x.base + i + 1, Col: off - x.starts[i] + 1}
}

// File is the path the positions refer to.
func (x *Lines) File() string { return x.file }
