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
	meta := `<meta http-equiv="Content-Security-Policy" content="` + Policy + `">`
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

// refViolations is Violations over refScanTags: the same rules (Checker),
// read by the scanner as it was before it was made faster.
func refViolations(page []byte) (out []string, hasPolicy bool) {
	var c Checker
	refScanTags(page, func(name []byte, attrs []refAttr) {
		var t Tag
		t.begin(name)
		for _, a := range attrs {
			c.Attr(&t, a.key, a.val, false)
		}
		c.End(&t)
	})
	return c.Out, c.HasPolicy
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
			if i = refCommentEnd(page[i+3:], i+3); i < 0 {
				return
			}
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
			if page[i] == '=' {
				i++
			}
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
		case "plaintext":
			return
		case "script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes", "noscript":
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

// refCommentEnd returns the offset in the page (rest starts at off) just
// after the comment whose text is rest, or -1: "<!-->" and "<!--->" are
// whole comments, "--!>" ends one like "-->".
func refCommentEnd(rest []byte, off int) int {
	if bytes.HasPrefix(rest, []byte(">")) {
		return off + 1
	}
	if bytes.HasPrefix(rest, []byte("->")) {
		return off + 2
	}
	for i := 0; i+1 < len(rest); i++ {
		if rest[i] != '-' || rest[i+1] != '-' {
			continue
		}
		j := i + 2
		for j < len(rest) && rest[j] == '-' {
			j++
		}
		if j < len(rest) && rest[j] == '>' {
			return off + j + 1
		}
		if j+1 < len(rest) && rest[j] == '!' && rest[j+1] == '>' {
			return off + j + 2
		}
		i = j - 1
	}
	return -1
}
