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
// and similar hosts) that sends the policy as real headers. root is the
// path the site is published at ("/" or "/gegevensdeling/"): such hosts
// show the 404.html of the folder an address falls in by themselves, and
// that page links everything from root, so it works at any depth.
func HeadersFile(root string) []byte {
	return []byte("# A path the site does not have: hosts that read this file show " + root + NotFound + "\n" +
		"# by themselves, with status 404.\n" +
		root + "*\n" +
		"  Content-Security-Policy: " + HeaderPolicy + "\n" +
		"  Referrer-Policy: " + Referrer + "\n" +
		"  X-Content-Type-Options: nosniff\n" +
		"  Permissions-Policy: " + Permissions + "\n")
}

// NginxSnippet returns the same headers as nginx configuration, with the
// site's 404 page under root, the path the site is published at.
func NginxSnippet(root string) []byte {
	var b strings.Builder
	b.WriteString("# Security headers for the zvh webtool. Include this in the server block.\n")
	b.WriteString(`add_header Content-Security-Policy "` + HeaderPolicy + `" always;` + "\n")
	b.WriteString(`add_header Referrer-Policy "` + Referrer + `" always;` + "\n")
	b.WriteString(`add_header X-Content-Type-Options "nosniff" always;` + "\n")
	b.WriteString(`add_header Permissions-Policy "` + Permissions + `" always;` + "\n")
	b.WriteString("# The site's own page for a path it does not have; its links start at\n")
	b.WriteString("# " + root + " (site.yaml `url`), so it works at any depth.\n")
	b.WriteString("error_page 404 " + root + NotFound + ";\n")
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
	var seen map[string]bool // made for the first violation: most pages have none
	add := func(s string) {
		if seen == nil {
			seen = map[string]bool{}
		}
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	s := scanner{page: page}
	for s.nextTag() {
		tag := s.name
		hasSrc, httpEquiv := false, false
		for s.nextAttr() {
			key := s.key
			switch string(key) {
			case "src":
				hasSrc = true
			case "style":
				add("a style attribute on <" + string(tag) + ">")
			case "http-equiv":
				httpEquiv = httpEquiv || bytes.EqualFold(unescape(s.val), []byte("Content-Security-Policy"))
			default:
				if len(key) >= 2 && string(key[:2]) == "on" {
					add("an event handler attribute " + string(key) + "= on <" + string(tag) + ">")
				}
			}
			switch string(key) {
			case "href", "src", "action", "data", "srcset":
				val := bytes.TrimSpace(unescape(s.val))
				runs := string(key) == "href" || string(key) == "src" || string(key) == "action"
				if runs && hasPrefixFold(val, "javascript:") {
					add("a javascript: URL on <" + string(tag) + ">")
				}
				elsewhere := hasPrefixFold(val, "http:") || hasPrefixFold(val, "https:") || bytes.HasPrefix(val, []byte("//"))
				if elsewhere && string(key) != "action" && loads[string(tag)] {
					add("<" + string(tag) + "> loading " + string(unescape(s.val)) + " from another site")
				}
			}
		}
		switch string(tag) {
		case "script":
			if !hasSrc {
				add("an inline <script>")
			}
		case "style":
			add("an inline <style>")
		case "meta":
			if httpEquiv {
				hasPolicy = true
			}
		}
		switch string(tag) {
		case "script", "style", "title", "textarea":
			// Their text is no markup: skip to the end tag.
			if !s.skipText() {
				return out, hasPolicy
			}
		}
	}
	return out, hasPolicy
}

// unescape resolves the character references in an attribute's value.
func unescape(val []byte) []byte {
	if bytes.IndexByte(val, '&') < 0 {
		return val
	}
	return []byte(html.UnescapeString(string(val)))
}

// hasPrefixFold reports whether b starts with the lower-case ASCII prefix,
// ignoring case.
func hasPrefixFold(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && bytes.EqualFold(b[:len(prefix)], []byte(prefix))
}

// scanner reads the start tags of a page and their attributes, as a
// browser does: comments, end tags and the text of script, style, title
// and textarea elements are no tags. It is a small scanner of our own
// instead of x/net/html's tokenizer, which took a quarter of the time to
// render a page: the build scans every page it writes. It hands out names
// and values as slices of the page, so that a scan allocates nothing and
// spends little time on the many tags and attributes that cannot matter.
type scanner struct {
	page []byte
	i    int // where to read next

	name []byte // the current tag's name in lower case, after nextTag
	key  []byte // the current attribute's name in lower case, after nextAttr
	val  []byte // and its value as written, character references unresolved

	// A name with an upper-case letter (rare in HTML; SVG has viewBox) is
	// lowered into one of these, reused from name to name.
	nameBuf, keyBuf []byte
}

// nextTag moves to the next start tag, reporting whether there is one. Its
// attributes follow with nextAttr.
func (s *scanner) nextTag() bool {
	page, n := s.page, len(s.page)
	for i := s.i; i < n; {
		// Tags mostly follow each other with nothing or a line break
		// between them: for so short a distance, the call of
		// bytes.IndexByte costs more than it saves.
		for i < n && isSpace(page[i]) {
			i++
		}
		if i < n && page[i] == '<' {
			i++
		} else if lt := bytes.IndexByte(page[i:], '<'); lt >= 0 {
			i += lt + 1
		} else {
			break
		}
		switch {
		case n-i >= 3 && string(page[i:i+3]) == "!--":
			end := bytes.Index(page[i+3:], []byte("-->"))
			if end < 0 {
				s.i = n
				return false
			}
			i += 3 + end + 3
			continue
		case i < n && (page[i] == '!' || page[i] == '?' || page[i] == '/'):
			// Mostly an end tag: a name and '>'. Read the name
			// rather than call bytes.IndexByte for a few bytes.
			i++
			for i < n && class[page[i]]&endsName == 0 {
				i++
			}
			if i < n && page[i] == '>' {
				i++
				continue
			}
			end := bytes.IndexByte(page[i:], '>')
			if end < 0 {
				s.i = n
				return false
			}
			i += end + 1
			continue
		case i >= n || !isLetter(page[i]):
			continue // a "<" in text
		}
		start := i
		var classes uint8 // of the name's bytes
		for i < n && class[page[i]]&endsName == 0 {
			classes |= class[page[i]]
			i++
		}
		s.name, s.i = page[start:i], i
		if classes&upper != 0 {
			s.nameBuf = lower(s.nameBuf[:0], s.name)
			s.name = s.nameBuf
		}
		return true
	}
	s.i = n
	return false
}

// nextAttr reads the current tag's next attribute into key and val,
// reporting whether there is one. At the end of the tag it moves past it.
func (s *scanner) nextAttr() bool {
	page, n, i := s.page, len(s.page), s.i
	for i < n && class[page[i]]&(space|slash) != 0 {
		i++
	}
	if i >= n || page[i] == '>' {
		s.i = min(i+1, n)
		return false
	}
	// The name is read as in nextTag. A function for both is not inlined
	// and made the whole scan a tenth slower, so the loop is written twice.
	start := i
	var classes uint8 // of the name's bytes
	for i < n && class[page[i]]&endsKey == 0 {
		classes |= class[page[i]]
		i++
	}
	s.key, s.val = page[start:i], nil
	if classes&upper != 0 {
		s.keyBuf = lower(s.keyBuf[:0], s.key)
		s.key = s.keyBuf
	}
	for i < n && isSpace(page[i]) {
		i++
	}
	if i < n && page[i] == '=' {
		i++
		for i < n && isSpace(page[i]) {
			i++
		}
		if i < n && (page[i] == '"' || page[i] == '\'') {
			end := bytes.IndexByte(page[i+1:], page[i])
			if end < 0 {
				end = n - i - 1
			}
			s.val = page[i+1 : i+1+end]
			i += end + 2
		} else {
			start := i
			for i < n && class[page[i]]&endsValue == 0 {
				i++
			}
			s.val = page[start:i]
		}
	}
	s.i = min(i, n)
	return true
}

// skipText moves to the end tag of the current tag, an element whose text
// is no markup, reporting whether there is one.
func (s *scanner) skipText() bool {
	for i := s.i; ; i++ {
		j := bytes.IndexByte(s.page[i:], '<')
		if j < 0 {
			return false
		}
		i += j
		if rest := s.page[i+1:]; len(rest) > len(s.name) && rest[0] == '/' && equalFold(rest[1:1+len(s.name)], s.name) {
			s.i = i
			return true
		}
	}
}

// lower appends name in ASCII lower case to buf.
func lower(buf, name []byte) []byte {
	for _, c := range name {
		if isUpper(c) {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf
}

// equalFold reports whether a equals the lower-case b, ignoring ASCII case.
func equalFold(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	for i, c := range a {
		if isUpper(c) {
			c += 'a' - 'A'
		}
		if c != b[i] {
			return false
		}
	}
	return true
}

func isUpper(b byte) bool { return 'A' <= b && b <= 'Z' }

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

func isSpace(b byte) bool { return class[b]&space != 0 }

// The kinds of byte that matter in a tag, as bits of class: the loops that
// read names and values look a byte up once instead of comparing it with
// up to seven others, and learn on the way whether a name needs lowering.
const (
	space     = 1 << iota // ' ', '\t', '\n', '\r' or '\f'
	slash                 // '/'
	upper                 // 'A' to 'Z'
	endsName              // what ends a tag's name: a space, '/' or '>'
	endsKey               // an attribute's name: a space, '/', '>' or '='
	endsValue             // an unquoted value: a space or '>'
)

var class = func() (c [256]uint8) {
	for _, b := range []byte(" \t\n\r\f") {
		c[b] = space | endsName | endsKey | endsValue
	}
	c['/'] = slash | endsName | endsKey
	c['>'] = endsName | endsKey | endsValue
	c['='] = endsKey
	for b := 'A'; b <= 'Z'; b++ {
		c[b] = upper
	}
	return c
}()
