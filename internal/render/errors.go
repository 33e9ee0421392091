package render

import (
	"errors"
	"html/template"
	"strconv"
	"strings"
	ttemplate "text/template"
	"text/template/parse"

	"github.com/zvh-webtool/zvh/internal/diag"
)

// A layout error is reported at its file, line and column under layouts/,
// found from the error values the template packages return, never by
// reading a position out of whatever text an error happens to contain (a
// message may quote a value that looks like a position):
//
//   - html/template's escaper returns an *template.Error: its Node, through
//     parse.Tree's ErrorContext, gives the template file and the place;
//     without a node, its Name and Line;
//   - execution returns a text/template ExecError. A partial run through a
//     function (cached) nests its ExecError in the caller's, wrapped by
//     "error calling"; the innermost one is where it went wrong. An
//     ExecError carries the template's name and a message that starts with
//     the location text/template wrote from the node (its only record of
//     the place), so only that known prefix is read;
//   - parsing returns a plain error that starts with "template: NAME:LINE:",
//     and the caller knows the file it parsed.
//
// text/template counts columns from 0; a diagnostic counts them from 1.

// parseError is the diagnostic for an error of parsing the layout file
// file, whose template is called name.
func parseError(err error, name, file string) diag.List {
	var errs diag.List
	msg := err.Error()
	line := 0
	if rest, ok := strings.CutPrefix(msg, "template: "+name+":"); ok {
		if n, tail, ok := strings.Cut(rest, ": "); ok {
			if l, aerr := strconv.Atoi(n); aerr == nil {
				line, msg = l, tail
			}
		}
	}
	errs.Add(diag.Position{File: file, Line: line, Col: min(line, 1)}, "%s", msg)
	return errs
}

// execError is the diagnostic for an error of executing the template set
// set for the content file page.
func (l *Layouts) execError(set *template.Template, err error, page string) diag.List {
	pos, msg := l.locate(set, err)
	var errs diag.List
	errs.Add(pos, "%s (while rendering %s)", strings.ReplaceAll(msg, "\n", " "), page)
	return errs
}

// locate finds the place of an execution error in layouts/ and the message
// to show there.
func (l *Layouts) locate(set *template.Template, err error) (diag.Position, string) {
	var esc *template.Error
	if errors.As(err, &esc) {
		// An escaping error wraps nothing, so it is the innermost.
		if esc.Node != nil {
			loc, _ := (*parse.Tree)(nil).ErrorContext(esc.Node)
			if pos, ok := l.position(loc); ok {
				return pos, esc.Description
			}
		}
		return diag.Position{File: l.file(set, esc.Name), Line: esc.Line, Col: min(esc.Line, 1)}, esc.Description
	}
	var inner ttemplate.ExecError
	found := false
	for cur := err; ; {
		var e ttemplate.ExecError
		if !errors.As(cur, &e) {
			break
		}
		inner, found, cur = e, true, e.Err
	}
	if !found {
		return diag.Position{File: "layouts"}, err.Error()
	}
	// "template: LOCATION: message", LOCATION being name:line:col when
	// the error has a node, else the template's name.
	msg := inner.Err.Error()
	if rest, ok := strings.CutPrefix(msg, "template: "); ok {
		if loc, tail, ok := strings.Cut(rest, ": "); ok {
			if pos, ok := l.position(loc); ok {
				return pos, tail
			}
			if loc == inner.Name {
				return diag.Position{File: l.file(set, inner.Name)}, tail
			}
		}
	}
	return diag.Position{File: l.file(set, inner.Name)}, msg
}

// position reads a location as parse.Tree's ErrorContext writes it,
// "name:line:col", name being a layout file's template name.
func (l *Layouts) position(loc string) (diag.Position, bool) {
	i := strings.LastIndexByte(loc, ':')
	if i < 0 {
		return diag.Position{}, false
	}
	j := strings.LastIndexByte(loc[:i], ':')
	if j < 0 {
		return diag.Position{}, false
	}
	line, err1 := strconv.Atoi(loc[j+1 : i])
	col, err2 := strconv.Atoi(loc[i+1:])
	file, ok := l.paths[loc[:j]]
	if err1 != nil || err2 != nil || !ok {
		return diag.Position{}, false
	}
	return diag.Position{File: file, Line: line, Col: col + 1}, true
}

// file is the layout file that defines the template name of set: a file's
// own template, or one it defines with {{define}} or {{block}}.
func (l *Layouts) file(set *template.Template, name string) string {
	if p, ok := l.paths[name]; ok {
		return p
	}
	if set != nil {
		if t := set.Lookup(name); t != nil && t.Tree != nil {
			if p, ok := l.paths[t.Tree.ParseName]; ok {
				return p
			}
		}
	}
	return "layouts"
}
