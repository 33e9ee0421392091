package csp

// The scanner as it was before it was made faster, kept as the reference
// that FuzzViolations compares Violations with: any page must give the same
// violations, in the same order, and the same answer about the policy.

import (
	"bytes"
	"html"
	"slices"
	"strings"
	"testing"
)

// FuzzViolations checks that Violations says exactly what refViolations
// says about any page.
func FuzzViolations(f *testing.F) {
	meta := `<meta http-equiv="Content-Security-Policy" content="x">`
	for _, s := range []string{
		string(nodePage()),
		string(svgPage(3)),
		meta + `<script src="a.js">var s = "<style>";</script><SCRIPT>1</SCRIPT>`,
		`<!-- <script>1</script> <p style="x"> -->` + meta,
		`<a HREF=javascript:x onClick=y STYLE>j</a><a href="&#106;avascript:x">j</a>`,
		`<img src='//cdn.example.org/x.png' alt><IMG SRC=" HTTPS://x">`,
		`<p>1 < 2 and <br/> <input disabled onfocus = "x()"></p>`,
		`<title>a <style> in a title</title><textarea></TEXTAREA ><style>x</stylex>`,
		`<meta HTTP-EQUIV="content-&#115;ecurity-policy"><meta http-equiv=Content-ſecurity-Policy>`,
		"<a href=\" \u00a0javascript:x\"><link href=&#x68;ttp://x><object data=\"//x\"><form action=\"javascript:\">",
		`<!doctype html><?xml?></p><a/b/onload=x/><a =x on=y "on"=z>`,
		`<script`, `<a href="x`, `<a href='`, `<!--`, `<!-->`, `<a b=c`, `<style>`, `<`, `<a`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, page []byte) {
		got, ok := Violations(page)
		want, wantOK := refViolations(page)
		if !slices.Equal(got, want) || (got == nil) != (want == nil) || ok != wantOK {
			t.Errorf("%q:\n got %q (policy %v)\nwant %q (policy %v)", page, got, ok, want, wantOK)
		}
	})
}

// refLoads are the elements whose src or href the browser fetches while the
// page loads (an <a> only goes there when clicked).
var refLoads = map[string]bool{"img": true, "script": true, "link": true, "iframe": true, "source": true,
	"audio": true, "video": true, "embed": true, "object": true, "track": true, "input": true}

// refViolations lists what in page, a finished HTML file, the policy forbids:
// an inline script or style, an event handler or style attribute, a
// javascript: URL. hasPolicy reports whether the page carries the policy's
// meta tag at all. A resource loaded from another site is listed too. The
// build runs it on every page it writes, whatever layout produced it, so a
// page that the browser would silently break is an error instead.
func refViolations(page []byte) (out []string, hasPolicy bool) {
	seen := map[string]bool{}
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	refScanTags(page, func(name []byte, attrs []refAttr) {
		tag := string(name) // only a few tags are kept: the compiler does not copy
		hasSrc, httpEquiv := false, false
		for _, a := range attrs {
			key := string(a.key)
			switch {
			case key == "src":
				hasSrc = true
			case strings.HasPrefix(key, "on"):
				add("an event handler attribute " + key + "= on <" + tag + ">")
			case key == "style":
				add("a style attribute on <" + tag + ">")
			case key == "http-equiv" && strings.EqualFold(a.value(), "Content-Security-Policy"):
				httpEquiv = true
			}
			if key != "href" && key != "src" && key != "action" && key != "data" && key != "srcset" {
				continue
			}
			val := bytes.TrimSpace(a.val)
			if a.escaped {
				val = bytes.TrimSpace([]byte(a.value()))
			}
			if (key == "href" || key == "src" || key == "action") && refHasPrefixFold(val, "javascript:") {
				add("a javascript: URL on <" + tag + ">")
			}
			if refLoads[tag] && key != "action" && (refHasPrefixFold(val, "http:") || refHasPrefixFold(val, "https:") || bytes.HasPrefix(val, []byte("//"))) {
				add("<" + tag + "> loading " + a.value() + " from another site")
			}
		}
		switch {
		case tag == "script" && !hasSrc:
			add("an inline <script>")
		case tag == "style":
			add("an inline <style>")
		case tag == "meta" && httpEquiv:
			hasPolicy = true
		}
	})
	return out, hasPolicy
}

// refAttr is one attribute of a start tag: the name in refLower case, the value
// as written (a slice of the page, so a scan allocates next to nothing).
type refAttr struct {
	key     []byte
	val     []byte
	escaped bool // val has a character reference ("&...")
}

// value is the attribute's value with its character references resolved.
func (a refAttr) value() string {
	if a.escaped {
		return html.UnescapeString(string(a.val))
	}
	return string(a.val)
}

// refHasPrefixFold reports whether b starts with the refLower-case ASCII prefix,
// ignoring case.
func refHasPrefixFold(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && bytes.EqualFold(b[:len(prefix)], []byte(prefix))
}

// refScanTags calls f for every start tag of page, as a browser reads them:
// comments, end tags and the text of script, style, title and textarea
// elements are no tags. It is a small scanner of our own instead of
// x/net/html's tokenizer, which took a quarter of the time to render a page:
// the build scans every page it writes. Tag and attribute names are passed
// in refLower case, written into one scratch buffer, so a scan allocates next
// to nothing; f must not keep them.
func refScanTags(page []byte, f func(tag []byte, attrs []refAttr)) {
	n := len(page)
	var attrs []refAttr
	var names []byte // refLower-case tag and attribute names of the current tag
	for i := 0; i < n; {
		lt := bytes.IndexByte(page[i:], '<')
		if lt < 0 {
			return
		}
		i += lt + 1
		switch {
		case bytes.HasPrefix(page[i:], []byte("!--")):
			end := bytes.Index(page[i+3:], []byte("-->"))
			if end < 0 {
				return
			}
			i += 3 + end + 3
			continue
		case i < n && (page[i] == '!' || page[i] == '?' || page[i] == '/'):
			end := bytes.IndexByte(page[i:], '>')
			if end < 0 {
				return
			}
			i += end + 1
			continue
		case i >= n || !refIsLetter(page[i]):
			continue // a "<" in text
		}
		start := i
		for i < n && !refIsSpace(page[i]) && page[i] != '>' && page[i] != '/' {
			i++
		}
		var tag []byte
		tag, names = refLower(names[:0], page[start:i])
		attrs = attrs[:0]
		for i < n && page[i] != '>' {
			if refIsSpace(page[i]) || page[i] == '/' {
				i++
				continue
			}
			ks := i
			for i < n && !refIsSpace(page[i]) && page[i] != '=' && page[i] != '>' && page[i] != '/' {
				i++
			}
			var key []byte
			key, names = refLower(names, page[ks:i])
			for i < n && refIsSpace(page[i]) {
				i++
			}
			var val []byte
			if i < n && page[i] == '=' {
				i++
				for i < n && refIsSpace(page[i]) {
					i++
				}
				if i < n && (page[i] == '"' || page[i] == '\'') {
					q := page[i]
					end := bytes.IndexByte(page[i+1:], q)
					if end < 0 {
						end = n - i - 1
					}
					val = page[i+1 : i+1+end]
					i += end + 2
				} else {
					vs := i
					for i < n && !refIsSpace(page[i]) && page[i] != '>' {
						i++
					}
					val = page[vs:i]
				}
			}
			attrs = append(attrs, refAttr{key: key, val: val, escaped: bytes.IndexByte(val, '&') >= 0})
		}
		i++ // past '>'
		f(tag, attrs)
		switch t := string(tag); t {
		case "script", "style", "title", "textarea":
			// Their text is no markup: skip to the end tag.
			end := refIndexFold(page[min(i, n):], "</"+t)
			if end < 0 {
				return
			}
			i += end
		}
	}
}

// refLower appends name in ASCII refLower case to buf and returns that part and
// the grown buffer. Earlier parts stay valid when the buffer grows: they
// keep the array they were written in.
func refLower(buf, name []byte) (part, grown []byte) {
	start := len(buf)
	for _, c := range name {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf[start:], buf
}

func refIsLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

func refIsSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' }

// refIndexFold is bytes.Index ignoring ASCII case, for an end tag.
func refIndexFold(b []byte, s string) int {
	for i := 0; i+len(s) <= len(b); i++ {
		j := bytes.IndexByte(b[i:], '<')
		if j < 0 {
			return -1
		}
		i += j
		if i+len(s) <= len(b) && strings.EqualFold(string(b[i:i+len(s)]), s) {
			return i
		}
	}
	return -1
}
