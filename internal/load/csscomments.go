package load

import (
	"bytes"
	"path"
	"strings"
)

// stripCSSComments removes the comments of a stylesheet before it is
// published: they explain the CSS to its authors and are a fifth of its
// weight on the wire (the CSS budget of docs/DESIGN.md counts every byte).
// Comments that start with "/*!" stay, as they carry a licence or where a
// vendored file comes from. Strings are copied as they are, so a "/*"
// inside content: "…" is not taken for a comment. Other files are returned
// unchanged.
func stripCSSComments(name string, b []byte) []byte {
	if path.Ext(name) != ".css" || !bytes.Contains(b, []byte("/*")) {
		return b
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); {
		switch c := b[i]; {
		case c == '"' || c == '\'':
			j := i + 1
			for j < len(b) && b[j] != c && b[j] != '\n' {
				if b[j] == '\\' {
					j++
				}
				j++
			}
			j = min(j+1, len(b))
			out = append(out, b[i:j]...)
			i = j
		case c == '/' && i+1 < len(b) && b[i+1] == '*':
			end := bytes.Index(b[i+2:], []byte("*/"))
			j := len(b)
			if end >= 0 {
				j = i + 2 + end + 2
			}
			if i+2 < len(b) && b[i+2] == '!' {
				out = append(out, b[i:j]...)
			} else if j < len(b) && b[j] == '\n' && (len(out) == 0 || out[len(out)-1] == '\n') {
				j++ // a comment on lines of its own leaves no empty line
			}
			i = j
		default:
			out = append(out, c)
			i++
		}
	}
	return out
}

// stripJSLineComments removes the lines of our own scripts that are only a
// comment ("// …"): like the CSS comments they are for authors, and they
// are a quarter of the scripts' weight on the wire (the JavaScript budget
// of docs/DESIGN.md counts every byte). Only whole lines go, so a "//" inside a
// string or after code is never touched; a file with a template literal
// (a backquote), whose lines may belong to a string, is left as it is, and
// so are vendored files (assets/js/vendor/), which carry their licence.
func stripJSLineComments(name string, b []byte) []byte {
	if path.Ext(name) != ".js" || strings.Contains(name, "/vendor/") || bytes.IndexByte(b, '`') >= 0 {
		return b
	}
	out := make([]byte, 0, len(b))
	for line := range bytes.Lines(b) {
		if t := bytes.TrimSpace(line); bytes.HasPrefix(t, []byte("//")) && !bytes.HasPrefix(t, []byte("//!")) {
			continue
		}
		out = append(out, line...)
	}
	return out
}
