// Package csp holds the security policy every page carries, in one place, so
// the meta tags in the pages, the _headers file and the nginx snippet can never
// disagree.
package csp

import (
	"bytes"
	"html"
	"strings"
	"unicode"
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

// loads are the elements whose URL attributes the browser fetches while the
// page loads (an <a> only goes there when clicked). SVG's <use>, <image> and
// <feImage> fetch their href.
var loads = map[string]bool{"img": true, "script": true, "link": true, "iframe": true, "source": true,
	"audio": true, "video": true, "embed": true, "object": true, "track": true, "input": true,
	"use": true, "image": true, "feimage": true, "frame": true, "body": true, "table": true, "td": true}

// rawText are the elements whose text is no markup: a browser reads no tag
// inside them up to their end tag, so neither does the scan.
var rawText = map[string]bool{"script": true, "style": true, "title": true, "textarea": true,
	"xmp": true, "iframe": true, "noembed": true, "noframes": true, "noscript": true}

// httpEquivs are the http-equiv values a page may carry besides the policy:
// the others (refresh, set-cookie, default-style, …) do what the site must
// not, such as sending the reader to another address.
var httpEquivs = map[string]bool{"content-type": true, "x-ua-compatible": true, "content-language": true}

// Violations lists what in page, a finished HTML file, the policy forbids:
// an inline script or style, an event handler or style attribute, a
// javascript: URL (also when written with character references or control
// characters a browser drops), a resource loaded from another site, a
// <base>, a refresh, an animated href, a policy or referrer meta tag other
// than the site's own, or one that comes after something the page loads.
// hasPolicy reports whether the page carries the site's policy meta tag.
// The build runs it on every page it writes, whatever layout produced it,
// so a page that the browser would silently break, or that a layout has
// made weaker, is an error instead.
func Violations(page []byte) (out []string, hasPolicy bool) {
	var c Checker
	s := scanner{page: page}
	for s.nextTag() {
		var t Tag
		t.begin(s.name)
		for s.nextAttr() {
			c.Attr(&t, s.key, s.val, false)
		}
		c.End(&t)
		if s.name[0] == 'p' && string(s.name) == "plaintext" {
			break // the rest of the page is text
		}
		if rawText[string(s.name)] {
			if !s.skipText() {
				break
			}
		}
	}
	return c.Out, c.HasPolicy
}

// Checker applies the policy's rules to the tags of one page, as a
// scanner reads them: Attr for every attribute of a tag, then End. It is
// exported to the tests that compare the scan with other tokenizers.
type Checker struct {
	Out       []string // the violations, each once, in page order
	HasPolicy bool     // the site's policy meta tag was seen
	seen      map[string]bool
	firstLoad string // the first element that loads something, while no policy was seen
}

// Tag is what the rules remember of one start tag while its attributes are
// read.
type Tag struct {
	name      []byte
	hasSrc    bool
	animHref  bool
	httpEquiv string // resolved, lower case
	metaName  string // resolved, lower case
	content   []byte // resolved
	loads     bool   // a URL attribute that fetches something
}

func (t *Tag) begin(name []byte) { t.name = name }

func (c *Checker) add(s string) {
	if c.seen == nil {
		c.seen = map[string]bool{} // made for the first violation: most pages have none
	}
	if !c.seen[s] {
		c.seen[s] = true
		c.Out = append(c.Out, s)
	}
}

// Attr checks one attribute of t: key in lower case, val as written
// (character references unresolved) or, when resolved, as a browser
// reads it.
func (c *Checker) Attr(t *Tag, key, val []byte, resolved bool) {
	tag := t.name
	switch string(key) {
	case "src":
		t.hasSrc = true
	case "style":
		c.add("a style attribute on <" + string(tag) + ">")
	case "srcdoc":
		c.add("an inline document (srcdoc=) on <" + string(tag) + ">")
	case "http-equiv":
		t.httpEquiv = strings.ToLower(strings.TrimSpace(string(resolve(val, resolved))))
	case "name":
		if string(tag) == "meta" {
			t.metaName = strings.ToLower(strings.TrimSpace(string(resolve(val, resolved))))
		}
	case "content":
		if string(tag) == "meta" {
			t.content = resolve(val, resolved)
		}
	case "attributename":
		switch strings.ToLower(strings.TrimSpace(string(resolve(val, resolved)))) {
		case "href", "xlink:href":
			t.animHref = true
		}
	case "href", "action", "formaction", "data", "srcset", "poster", "xlink:href", "background", "ping":
	default:
		if len(key) >= 2 && key[0] == 'o' && key[1] == 'n' {
			c.add("an event handler attribute " + string(key) + "= on <" + string(tag) + ">")
		}
		return
	}
	switch string(key) {
	case "href", "src", "action", "formaction", "data", "srcset", "poster", "xlink:href", "background", "ping":
	default:
		return
	}
	u := urlValue(val, resolved)
	if string(key) != "srcset" && string(key) != "ping" {
		switch {
		case hasPrefixFold(u, "javascript:"):
			c.add("a javascript: URL on <" + string(tag) + ">")
		case hasPrefixFold(u, "vbscript:"):
			c.add("a vbscript: URL on <" + string(tag) + ">")
		}
	}
	switch string(key) {
	case "action", "formaction":
		return // a form that submits is blocked by form-action 'none'
	case "ping":
		if elsewhere(u) {
			c.add("<" + string(tag) + "> pinging " + string(resolve(val, resolved)) + " on another site")
		}
		return
	}
	if !loads[string(tag)] || string(key) == "href" && !hrefLoads(tag) {
		return
	}
	t.loads = true
	far := elsewhere(u)
	if string(key) == "srcset" {
		for _, cand := range bytes.Split(u, []byte(",")) {
			if f := bytes.Fields(cand); len(f) > 0 && elsewhere(f[0]) {
				far = true
			}
		}
	}
	if far {
		c.add("<" + string(tag) + "> loading " + string(resolve(val, resolved)) + " from another site")
	}
}

// hrefLoads reports whether an href on tag is fetched while the page loads.
func hrefLoads(tag []byte) bool {
	switch string(tag) {
	case "link", "use", "image", "feimage":
		return true
	}
	return false
}

// End applies the rules that need all of t's attributes.
func (c *Checker) End(t *Tag) {
	switch tag := string(t.name); tag {
	case "script":
		if !t.hasSrc {
			c.add("an inline <script>")
		}
	case "style":
		c.add("an inline <style>")
	case "base":
		c.add("a <base> element, which would change where every link of the page goes")
	case "animate", "set", "animatemotion", "animatetransform":
		if t.animHref {
			c.add("an <" + tag + "> of href, which can turn a link into a script")
		}
	case "meta":
		switch {
		case t.httpEquiv == "content-security-policy":
			if string(bytes.TrimSpace(t.content)) != Policy {
				c.add("a Content-Security-Policy meta tag other than the site's own ({{cspMeta}}): a layout may not replace or weaken the policy")
				break
			}
			if c.firstLoad != "" {
				c.add("<" + c.firstLoad + "> before the Content-Security-Policy meta tag, which must come before anything the page loads")
			}
			c.HasPolicy = true
		case t.httpEquiv == "refresh":
			c.add(`a <meta http-equiv="refresh">, which sends the reader elsewhere`)
		case t.httpEquiv != "" && !httpEquivs[t.httpEquiv]:
			c.add(`a <meta http-equiv="` + t.httpEquiv + `">`)
		case t.metaName == "referrer" && string(bytes.TrimSpace(t.content)) != Referrer:
			c.add("a referrer meta tag other than the site's own (" + Referrer + ")")
		}
	}
	if !c.HasPolicy && c.firstLoad == "" && (t.loads || string(t.name) == "script" || string(t.name) == "style" || string(t.name) == "link") {
		c.firstLoad = string(t.name)
	}
}

// resolve resolves the character references of an attribute's value
// unless it is resolved already.
func resolve(val []byte, resolved bool) []byte {
	if resolved {
		return val
	}
	return unescape(val)
}

// urlValue is an attribute's value as a browser's URL parser reads it: the
// character references resolved, leading and trailing spaces and control
// characters dropped, and every tab and line break inside removed, so that
// "java&#x09;script:" and "&#x01;javascript:" are seen as javascript:.
func urlValue(val []byte, resolved bool) []byte {
	u := resolve(val, resolved)
	plain := true // no space, control character or non-ASCII byte: most URLs
	for _, b := range u {
		if b <= ' ' || b >= 0x80 {
			plain = false
			break
		}
	}
	if plain {
		return u
	}
	if bytes.ContainsAny(u, "\t\n\r") {
		u = bytes.Map(func(r rune) rune {
			if r == '\t' || r == '\n' || r == '\r' {
				return -1
			}
			return r
		}, u)
	}
	u = bytes.TrimFunc(u, func(r rune) bool { return r <= ' ' || unicode.IsSpace(r) })
	return u
}

// elsewhere reports whether the URL u leads to another site: it has a
// scheme other than data: (http:, https:, ftp:, …) or starts with two
// slashes, which a browser also reads in a backslash.
func elsewhere(u []byte) bool {
	if len(u) >= 2 && (u[0] == '/' || u[0] == '\\') && (u[1] == '/' || u[1] == '\\') {
		return true
	}
	for i, b := range u {
		switch {
		case b == ':':
			return i > 0 && !hasPrefixFold(u, "data:")
		case isLetter(b), i > 0 && (b >= '0' && b <= '9' || b == '+' || b == '-' || b == '.'):
		default:
			return false
		}
	}
	return false
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
			if i = commentEnd(page, i+3); i < 0 {
				s.i = n
				return false
			}
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
	if page[i] == '=' {
		i++ // as in a browser: a name that starts with "=" keeps it
	}
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

// commentEnd returns where the comment whose text starts at page[j] ends
// (just after it), or -1 when it runs to the end of the page. As in a
// browser, "<!-->" and "<!--->" are whole comments, and "--!>" ends one as
// "-->" does: a scan that looked for "-->" alone would read the tags after
// "<!-->" as comment text, and miss them.
func commentEnd(page []byte, j int) int {
	switch rest := page[j:]; {
	case len(rest) > 0 && rest[0] == '>':
		return j + 1
	case len(rest) > 1 && rest[0] == '-' && rest[1] == '>':
		return j + 2
	}
	for k := j; ; {
		d := bytes.Index(page[k:], []byte("--"))
		if d < 0 {
			return -1
		}
		k += d + 2
		for k < len(page) && page[k] == '-' {
			k++
		}
		switch {
		case k < len(page) && page[k] == '>':
			return k + 1
		case k+1 < len(page) && page[k] == '!' && page[k+1] == '>':
			return k + 2
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
