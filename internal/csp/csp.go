// Package csp holds the security policy every page carries, in one place, so
// the meta tags in the pages, the _headers file and the nginx snippet can never
// disagree.
package csp

import (
	"bytes"
	"html"
	"strings"
)

// Policy is the Content-Security-Policy of every page: scripts, styles, fonts
// and images only from the site itself, no connections at all, no forms that
// submit, no <base>. Because of it, a page cannot send what a user does on it
// anywhere, even if a script tried.
const Policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'none'; base-uri 'none'; form-action 'none'"

// HeaderPolicy is Policy plus what only a real HTTP header can say.
const HeaderPolicy = Policy + "; frame-ancestors 'none'"

// ServePolicy is Policy for "zvh serve": the same, except that a page may
// connect to its own origin, where the live-reload script listens for
// rebuilds. Nothing else is relaxed, so a page that breaks the production
// policy breaks while it is being written.
const ServePolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'"

// ServeHeaderPolicy is ServePolicy plus what only a real HTTP header can say.
const ServeHeaderPolicy = ServePolicy + "; frame-ancestors 'none'"

// Permissions is the Permissions-Policy header: the webtool needs no camera,
// microphone, location, payment, USB device or ad-interest API, so no page
// and no script it includes may ask for one.
const Permissions = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()"

// NotFound is the page a host shows for a path the site does not have.
const NotFound = "404.html"

// Referrer is the referrer policy: links to official texts do not tell the
// other site which page of the webtool the user came from.
const Referrer = "no-referrer"

// HeadersFile returns a _headers file (as read by Netlify, Cloudflare Pages
// and similar hosts) that sends the policy as real headers.
func HeadersFile() []byte {
	return []byte("# A path the site does not have: hosts that read this file show /" + NotFound + "\n" +
		"# by themselves, with status 404.\n" +
		"/*\n" +
		"  Content-Security-Policy: " + HeaderPolicy + "\n" +
		"  Referrer-Policy: " + Referrer + "\n" +
		"  X-Content-Type-Options: nosniff\n" +
		"  Permissions-Policy: " + Permissions + "\n")
}

// NginxSnippet returns the same headers as nginx configuration.
func NginxSnippet() []byte {
	var b strings.Builder
	b.WriteString("# Security headers for the zvh webtool. Include this in the server block.\n")
	b.WriteString(`add_header Content-Security-Policy "` + HeaderPolicy + `" always;` + "\n")
	b.WriteString(`add_header Referrer-Policy "` + Referrer + `" always;` + "\n")
	b.WriteString(`add_header X-Content-Type-Options "nosniff" always;` + "\n")
	b.WriteString(`add_header Permissions-Policy "` + Permissions + `" always;` + "\n")
	b.WriteString("# The site's own page for a path it does not have. When the site lives under a\n")
	b.WriteString("# sub-path, put that in front: error_page 404 /sub/path/" + NotFound + ";\n")
	b.WriteString("error_page 404 /" + NotFound + ";\n")
	return []byte(b.String())
}

// loads are the elements whose src or href the browser fetches while the
// page loads (an <a> only goes there when clicked).
var loads = map[string]bool{"img": true, "script": true, "link": true, "iframe": true, "source": true,
	"audio": true, "video": true, "embed": true, "object": true, "track": true, "input": true}

// Violations lists what in page, a finished HTML file, the policy forbids:
// an inline script or style, an event handler or style attribute, a
// javascript: URL. hasPolicy reports whether the page carries the policy's
// meta tag at all. A resource loaded from another site is listed too. The
// build runs it on every page it writes, whatever layout produced it, so a
// page that the browser would silently break is an error instead.
func Violations(page []byte) (out []string, hasPolicy bool) {
	seen := map[string]bool{}
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	scanTags(page, func(name []byte, attrs []attr) {
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
			if (key == "href" || key == "src" || key == "action") && hasPrefixFold(val, "javascript:") {
				add("a javascript: URL on <" + tag + ">")
			}
			if loads[tag] && key != "action" && (hasPrefixFold(val, "http:") || hasPrefixFold(val, "https:") || bytes.HasPrefix(val, []byte("//"))) {
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

// attr is one attribute of a start tag: the name in lower case, the value
// as written (a slice of the page, so a scan allocates next to nothing).
type attr struct {
	key     []byte
	val     []byte
	escaped bool // val has a character reference ("&...")
}

// value is the attribute's value with its character references resolved.
func (a attr) value() string {
	if a.escaped {
		return html.UnescapeString(string(a.val))
	}
	return string(a.val)
}

// hasPrefixFold reports whether b starts with the lower-case ASCII prefix,
// ignoring case.
func hasPrefixFold(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && bytes.EqualFold(b[:len(prefix)], []byte(prefix))
}

// scanTags calls f for every start tag of page, as a browser reads them:
// comments, end tags and the text of script, style, title and textarea
// elements are no tags. It is a small scanner of our own instead of
// x/net/html's tokenizer, which took a quarter of the time to render a page:
// the build scans every page it writes. Tag and attribute names are passed
// in lower case, written into one scratch buffer, so a scan allocates next
// to nothing; f must not keep them.
func scanTags(page []byte, f func(tag []byte, attrs []attr)) {
	n := len(page)
	var attrs []attr
	var names []byte // lower-case tag and attribute names of the current tag
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
		case i >= n || !isLetter(page[i]):
			continue // a "<" in text
		}
		start := i
		for i < n && !isSpace(page[i]) && page[i] != '>' && page[i] != '/' {
			i++
		}
		var tag []byte
		tag, names = lower(names[:0], page[start:i])
		attrs = attrs[:0]
		for i < n && page[i] != '>' {
			if isSpace(page[i]) || page[i] == '/' {
				i++
				continue
			}
			ks := i
			for i < n && !isSpace(page[i]) && page[i] != '=' && page[i] != '>' && page[i] != '/' {
				i++
			}
			var key []byte
			key, names = lower(names, page[ks:i])
			for i < n && isSpace(page[i]) {
				i++
			}
			var val []byte
			if i < n && page[i] == '=' {
				i++
				for i < n && isSpace(page[i]) {
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
					for i < n && !isSpace(page[i]) && page[i] != '>' {
						i++
					}
					val = page[vs:i]
				}
			}
			attrs = append(attrs, attr{key: key, val: val, escaped: bytes.IndexByte(val, '&') >= 0})
		}
		i++ // past '>'
		f(tag, attrs)
		switch t := string(tag); t {
		case "script", "style", "title", "textarea":
			// Their text is no markup: skip to the end tag.
			end := indexFold(page[min(i, n):], "</"+t)
			if end < 0 {
				return
			}
			i += end
		}
	}
}

// lower appends name in ASCII lower case to buf and returns that part and
// the grown buffer. Earlier parts stay valid when the buffer grows: they
// keep the array they were written in.
func lower(buf, name []byte) (part, grown []byte) {
	start := len(buf)
	for _, c := range name {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf[start:], buf
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' }

// indexFold is bytes.Index ignoring ASCII case, for an end tag.
func indexFold(b []byte, s string) int {
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
