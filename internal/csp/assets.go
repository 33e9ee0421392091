package csp

import (
	"fmt"
	"path"
	"regexp"
	"strings"
	"unicode/utf8"
)

// activeDocuments are file types a browser runs as a document of the
// site's origin when one opens it: a page in assets/ would be published
// without the policy scan every page gets, so such files are refused.
var activeDocuments = map[string]bool{".html": true, ".htm": true, ".xhtml": true, ".xht": true, ".shtml": true,
	".xml": true, ".xsl": true, ".xslt": true, ".svgz": true}

// CheckAsset reports what the file name of assets/ holds that the policy
// forbids, by its type: HTML and other documents are refused (pages belong
// in content/), SVG must pass CheckSVG, CSS may load nothing from another
// site, JavaScript may not use storage, the network or code from strings.
// Other files (images, fonts, text) are data and pass.
func CheckAsset(name string, b []byte) []Problem {
	switch ext := strings.ToLower(path.Ext(name)); {
	case activeDocuments[ext]:
		return []Problem{{1, 1, fmt.Sprintf("een %s-bestand hoort niet in assets/: een browser voert het uit als pagina van de site, zonder de controle die elke pagina krijgt; schrijf een pagina in content/", ext)}}
	case ext == ".svg":
		return CheckSVG(b)
	case ext == ".css":
		return CheckCSS(b)
	case ext == ".js" || ext == ".mjs":
		return CheckJS(b)
	}
	return nil
}

// CheckCSS reports every @import and url() of a style sheet that loads
// something from another site. The sheet is read after its comments are
// dropped and its escapes resolved, as a browser reads it, so u\72l(…) is a
// url( as well.
func CheckCSS(b []byte) []Problem {
	dec, offs := decodeCSS(b)
	low := strings.ToLower(string(dec))
	var out []Problem
	report := func(at int, msg string) {
		line, col := lineCol(b, offs[at])
		out = append(out, Problem{line, col, msg})
	}
	for i := 0; ; {
		j := strings.Index(low[i:], "url(")
		k := strings.Index(low[i:], "@import")
		if j < 0 && k < 0 {
			break
		}
		if j < 0 || k >= 0 && k < j {
			at := i + k
			if target := cssTarget(low[at+len("@import"):]); elsewhere([]byte(target)) || target == "" {
				report(at, fmt.Sprintf("@import van %q: een stylesheet laadt niets van een andere site", target))
			}
			i = at + len("@import")
			if rest := strings.TrimLeft(low[i:], " \t\r\n\f"); strings.HasPrefix(rest, "url(") {
				i = len(low) - len(rest) + len("url(") // reported once, as the @import
			}
			continue
		}
		at := i + j
		if target := cssTarget(low[at+len("url("):]); elsewhere([]byte(target)) {
			report(at, fmt.Sprintf("url(%s) laadt iets van een andere site; zet het bestand in assets/", target))
		}
		i = at + len("url(")
	}
	return out
}

// cssTarget reads the URL at the start of s: a quoted string, url(…) or
// the bare text of url( up to its ")".
func cssTarget(s string) string {
	s = strings.TrimLeft(s, " \t\r\n\f")
	if rest, ok := strings.CutPrefix(s, "url("); ok {
		s = strings.TrimLeft(rest, " \t\r\n\f")
	}
	if s != "" && (s[0] == '"' || s[0] == '\'') {
		if end := strings.IndexByte(s[1:], s[0]); end >= 0 {
			return strings.TrimSpace(s[1 : 1+end])
		}
		return strings.TrimSpace(s[1:])
	}
	if end := strings.IndexAny(s, ") \t\r\n\f;"); end >= 0 {
		return s[:end]
	}
	return s
}

// decodeCSS drops the comments of a style sheet and resolves its escapes
// (\75 or \u for u), returning the text and, for each of its bytes, the
// offset in b it comes from.
func decodeCSS(b []byte) ([]byte, []int) {
	out := make([]byte, 0, len(b))
	offs := make([]int, 0, len(b)+1)
	for i := 0; i < len(b); {
		switch {
		case b[i] == '/' && i+1 < len(b) && b[i+1] == '*':
			end := strings.Index(string(b[i+2:]), "*/")
			out, offs = append(out, ' '), append(offs, i)
			if end < 0 {
				i = len(b)
			} else {
				i += 2 + end + 2
			}
		case b[i] == '\\' && i+1 < len(b) && b[i+1] != '\n':
			start := i
			i++
			n, r := 0, rune(0)
			for n < 6 && i < len(b) && isHex(b[i]) {
				r = r*16 + rune(hexVal(b[i]))
				i++
				n++
			}
			if n == 0 {
				rr, size := utf8.DecodeRune(b[i:])
				r = rr
				i += size
			} else if i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n') {
				i++
			}
			if r == 0 || r > utf8.MaxRune {
				r = utf8.RuneError
			}
			for _, c := range []byte(string(r)) {
				out, offs = append(out, c), append(offs, start)
			}
		default:
			out, offs = append(out, b[i]), append(offs, i)
			i++
		}
	}
	offs = append(offs, len(b))
	return out, offs
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

func hexVal(c byte) int {
	switch {
	case c >= 'a':
		return int(c-'a') + 10
	case c >= 'A':
		return int(c-'A') + 10
	}
	return int(c - '0')
}

// lineCol turns an offset in b into a 1-based line and column (in bytes).
func lineCol(b []byte, off int) (int, int) {
	line, start := 1, 0
	for i := 0; i < off && i < len(b); i++ {
		if b[i] == '\n' {
			line, start = line+1, i+1
		}
	}
	return line, off - start + 1
}

// forbiddenJS are the browser APIs the site's JavaScript may not use:
// storage, the network and code from strings (docs/DESIGN.md, principle 1). The
// check reads names, so a script that builds a name from pieces is not
// caught; the browser tests run every script under the policy as well.
var forbiddenJS = []struct {
	re   *regexp.Regexp
	name string
}{
	{regexp.MustCompile(`\blocalStorage\b`), "localStorage"},
	{regexp.MustCompile(`\bsessionStorage\b`), "sessionStorage"},
	{regexp.MustCompile(`\bindexedDB\b`), "indexedDB"},
	{regexp.MustCompile(`\bdocument\s*\.\s*cookie\b|\bcookieStore\b`), "cookies"},
	{regexp.MustCompile(`\bfetch\s*\(`), "fetch("},
	{regexp.MustCompile(`\bXMLHttpRequest\b`), "XMLHttpRequest"},
	{regexp.MustCompile(`\bWebSocket\b`), "WebSocket"},
	{regexp.MustCompile(`\bEventSource\b`), "EventSource"},
	{regexp.MustCompile(`\bsendBeacon\b`), "sendBeacon"},
	{regexp.MustCompile(`\bserviceWorker\b`), "serviceWorker"},
	{regexp.MustCompile(`\bcaches\s*\.`), "caches"},
	{regexp.MustCompile(`\beval\s*\(`), "eval("},
	{regexp.MustCompile(`\bFunction\s*\(`), "Function("},
	{regexp.MustCompile(`\bimportScripts\b`), "importScripts"},
	{regexp.MustCompile(`\bset(?:Timeout|Interval)\s*\(\s*["'` + "`" + `]`), "setTimeout with a string"},
}

// CheckJS reports every use of a forbidden API in a script, at its line.
func CheckJS(b []byte) []Problem {
	var out []Problem
	for i, line := range strings.Split(string(b), "\n") {
		code := line
		if c := strings.Index(code, "//"); c >= 0 && !strings.Contains(code[:c], "\"") && !strings.Contains(code[:c], "'") && !strings.Contains(code[:c], "`") && (c == 0 || code[c-1] != ':' && code[c-1] != '\\') {
			code = code[:c] // a line comment, as far as a line can tell
		}
		for _, f := range forbiddenJS {
			for _, loc := range f.re.FindAllStringIndex(code, -1) {
				if f.name == "fetch(" && OwnFetch(code, loc) {
					continue
				}
				out = append(out, Problem{i + 1, loc[0] + 1, fmt.Sprintf("gebruikt %s: scripts van de site bewaren niets, versturen niets en maken geen code van tekst", f.name)})
				break
			}
		}
	}
	return out
}

// globalObject names the objects through which a script reaches window.fetch.
var globalObject = regexp.MustCompile(`(?:^|[^\w$.])(?:window|self|globalThis|top|parent|frames)\s*\.\s*$`)

// fetchDefinition is what follows "fetch(" in a method definition: the
// parameters and the body's brace, as in a class's "fetch(key, init) {".
var fetchDefinition = regexp.MustCompile(`^\([\w$,\s=]*\)\s*\{`)

// OwnFetch reports whether the "fetch(" at line[at[0]:at[1]] is a method of
// the script's own rather than the network API: a call on an object other
// than the global one (tree.fetch(key)), or the definition of such a method
// (a class's "fetch(key) {"). A bare fetch(url) or window.fetch(url) is the
// network. The browser tests' scan of the published files uses it too.
func OwnFetch(line string, at []int) bool {
	before := strings.TrimRight(line[:at[0]], " \t")
	if strings.HasSuffix(before, ".") {
		return !globalObject.MatchString(line[:at[0]])
	}
	open := at[1] - 1 // the "("
	return fetchDefinition.MatchString(line[open:]) && !strings.HasSuffix(before, "=") && !strings.HasSuffix(before, "(")
}
