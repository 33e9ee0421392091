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
// ({#id .class}); a literal "{{" is written "\{{".
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
	for _, m := range placeholder.FindAllStringSubmatchIndex(text, -1) {
		if m[0] > 0 && text[m[0]-1] == '\\' {
			continue // an escaped brace: literal text
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
