package region

import (
	"regexp"
	"slices"
	"strings"

	"github.com/zvh-webtool/zvh/internal/diag"
	"github.com/zvh-webtool/zvh/internal/settings"
)

// placeholder matches {{name}}. Double braces never start goldmark's
// attribute syntax, which is a single brace followed by #, . or a name and =
// ({#id .class}). A placeholder in code (a `code span` or a fenced block) is
// left as it is, so the editor's guide can show the syntax; elsewhere a
// literal "{{" is written "\{{".
var placeholder = regexp.MustCompile(`\{\{([^{}\n]*)\}\}`)

// TermUse is one placeholder that was replaced.
type TermUse struct {
	Pos      diag.Position // where the placeholder stands
	Name     string
	Value    string
	Regional bool          // the value comes from regio.yaml, not site.yaml
	Def      diag.Position // where the value is defined
}

// expand replaces every placeholder of text, which starts on line first of
// file. An unknown name is an error at its position, with a suggestion.
func (o *builder) expand(file string, first int, text string) string {
	if !strings.Contains(text, "{{") {
		return text
	}
	var b strings.Builder
	last := 0
	code := codeRanges(text)
	for _, m := range placeholder.FindAllStringSubmatchIndex(text, -1) {
		if m[0] > 0 && text[m[0]-1] == '\\' {
			continue // an escaped brace: literal text
		}
		if inRanges(code, m[0]) {
			continue
		}
		line := first + strings.Count(text[:m[0]], "\n")
		col := m[0] - strings.LastIndexByte(text[:m[0]], '\n')
		pos := diag.Position{File: file, Line: line, Col: col}
		name := strings.TrimSpace(text[m[2]:m[3]])
		value, ok := o.cfg.Lookup(o.national, name)
		if !ok {
			known := o.names()
			o.errs.Add(pos, "unknown placeholder {{%s}}%s; known: %s (terms in site.yaml, terms and facts in %s)",
				name, settings.Hint(name, known), strings.Join(known, ", "), ConfigFile)
			continue
		}
		use := TermUse{Pos: pos, Name: name, Value: value, Def: o.national.TermPos[name]}
		if o.cfg != nil {
			if p, ok := o.cfg.Pos["facts."+name]; ok {
				use.Regional, use.Def = true, p
			} else if p, ok := o.cfg.Pos["terms."+name]; ok {
				use.Regional, use.Def = true, p
			}
		}
		o.report.Terms = append(o.report.Terms, use)
		b.WriteString(text[last:m[0]])
		b.WriteString(value)
		last = m[1]
	}
	b.WriteString(text[last:])
	return b.String()
}

// names lists every placeholder name known to this build, sorted.
func (o *builder) names() []string {
	var out []string
	for k := range o.national.Terms {
		out = append(out, k)
	}
	if o.cfg != nil {
		for k := range o.cfg.Facts {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// fence opens or closes a fenced code block.
var fence = regexp.MustCompile("^ {0,3}(```+|~~~+)")

// codeRanges returns the byte ranges of text that are code: fenced blocks
// and code spans (a run of backticks to the next run of the same length on
// the same line).
func codeRanges(text string) [][2]int {
	var out [][2]int
	off := 0
	fenceStart, inFence := 0, ""
	for _, l := range strings.SplitAfter(text, "\n") {
		t := strings.TrimLeft(l, " ")
		if m := fence.FindString(strings.TrimRight(l, "\r\n")); m != "" {
			if inFence == "" {
				inFence, fenceStart = strings.TrimLeft(m, " ")[:3], off
			} else if strings.HasPrefix(t, inFence) {
				out = append(out, [2]int{fenceStart, off + len(l)})
				inFence = ""
			}
		} else if inFence == "" {
			for i := 0; i < len(l); {
				if l[i] != '`' {
					i++
					continue
				}
				j := i
				for j < len(l) && l[j] == '`' {
					j++
				}
				run := l[i:j]
				end := strings.Index(l[j:], run)
				if end < 0 {
					i = j
					continue
				}
				out = append(out, [2]int{off + i, off + j + end + len(run)})
				i = j + end + len(run)
			}
		}
		off += len(l)
	}
	if inFence != "" {
		out = append(out, [2]int{fenceStart, len(text)})
	}
	return out
}

func inRanges(rs [][2]int, at int) bool {
	for _, r := range rs {
		if at >= r[0] && at < r[1] {
			return true
		}
	}
	return false
}
