// Package csp holds the security policy every page carries, in one place, so
// the meta tags in the pages, the _headers file and the nginx snippet can never
// disagree.
package csp

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
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
// meta tag at all. A resource loaded from another site is listed too. The build runs it on every page it writes, whatever
// layout produced it, so a page that the browser would silently break is an
// error instead.
func Violations(page []byte) (out []string, hasPolicy bool) {
	seen := map[string]bool{}
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, more := z.TagName()
		tag := string(name)
		hasSrc := false
		httpEquiv := false
		for more {
			var k, v []byte
			k, v, more = z.TagAttr()
			key := string(k)
			switch {
			case key == "src":
				hasSrc = true
			case strings.HasPrefix(key, "on"):
				add("an event handler attribute " + key + "= on <" + tag + ">")
			case key == "style":
				add("a style attribute on <" + tag + ">")
			case key == "http-equiv" && strings.EqualFold(string(v), "Content-Security-Policy"):
				httpEquiv = true
			}
			val := strings.ToLower(strings.TrimSpace(string(v)))
			if (key == "href" || key == "src" || key == "action") && strings.HasPrefix(val, "javascript:") {
				add("a javascript: URL on <" + tag + ">")
			}
			if loads[tag] && (key == "src" || key == "href" || key == "data" || key == "srcset") &&
				(strings.HasPrefix(val, "http:") || strings.HasPrefix(val, "https:") || strings.HasPrefix(val, "//")) {
				add("<" + tag + "> loading " + string(v) + " from another site")
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
	}
	return out, hasPolicy
}
