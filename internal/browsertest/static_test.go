package browsertest

import (
	"bytes"
	"fmt"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"

	// golang.org/x/net/html: the HTML5 parsing algorithm of the browsers, so
	// the scan sees the elements and attributes a browser sees (also in
	// inline SVG, in odd nesting and in unquoted attributes), which a regular
	// expression over the text would not.
	"golang.org/x/net/html"

	"github.com/zvh-webtool/zvh/internal/csp"
)

// resourceAttrs are the attributes through which an element makes the
// browser load something, by element name.
var resourceAttrs = map[string][]string{
	"script": {"src"},
	"link":   {"href"},
	"img":    {"src", "srcset"},
	"iframe": {"src"},
	"frame":  {"src"},
	"source": {"src", "srcset"},
	"video":  {"src", "poster"},
	"audio":  {"src"},
	"track":  {"src"},
	"embed":  {"src"},
	"object": {"data"},
	"input":  {"src"},
	"image":  {"href", "xlink:href"}, // SVG
	"use":    {"href", "xlink:href"}, // SVG
}

// loadingLinks are the rel values of <link> that load a resource.
var loadingLinks = []string{"stylesheet", "icon", "apple-touch-icon", "mask-icon", "manifest",
	"preload", "prefetch", "modulepreload", "preconnect", "dns-prefetch"}

// forbiddenAPIs are the browser APIs the site's JavaScript and CSS may not
// mention: storage, network and code from strings (docs/DESIGN.md, principle 1).
var forbiddenAPIs = []struct {
	re   *regexp.Regexp
	name string
	not  func(line string, at []int) bool // a match that is something else, or nil
}{
	{re: regexp.MustCompile(`\blocalStorage\b`), name: "localStorage"},
	{re: regexp.MustCompile(`\bsessionStorage\b`), name: "sessionStorage"},
	{re: regexp.MustCompile(`\bindexedDB\b`), name: "indexedDB"},
	{re: regexp.MustCompile(`\bdocument\s*\.\s*cookie\b`), name: "document.cookie"},
	{re: regexp.MustCompile(`\bfetch\s*\(`), name: "fetch(", not: csp.OwnFetch},
	{re: regexp.MustCompile(`\bXMLHttpRequest\b`), name: "XMLHttpRequest"},
	{re: regexp.MustCompile(`\bWebSocket\b`), name: "WebSocket"},
	{re: regexp.MustCompile(`\bEventSource\b`), name: "EventSource"},
	{re: regexp.MustCompile(`\bsendBeacon\b`), name: "sendBeacon"},
	{re: regexp.MustCompile(`\bserviceWorker\b`), name: "serviceWorker"},
	{re: regexp.MustCompile(`\bcaches\s*\.`), name: "caches (Cache Storage)"},
	{re: regexp.MustCompile(`\beval\s*\(`), name: "eval("},
	{re: regexp.MustCompile(`\bnew\s+Function\b`), name: "new Function"},
}

// cssURL finds url(...) and @import "..." in CSS.
var cssURL = regexp.MustCompile(`url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')`)

// scanStatic checks every file of a build for what the privacy and security
// principles forbid, without a browser. It returns one line per problem,
// "path: what".
func scanStatic(files map[string][]byte) []string {
	var out []string
	for _, name := range slices.Sorted(maps.Keys(files)) {
		b := files[name]
		switch path.Ext(name) {
		case ".html":
			out = append(out, scanHTML(name, b)...)
		case ".css":
			out = append(out, scanCode(name, b)...)
			for _, ref := range cssRefs(b) {
				if isOtherOrigin(ref.url) {
					out = append(out, fmt.Sprintf("%s:%d: loads %s from another origin", name, ref.line, ref.url))
				}
			}
		case ".js", ".mjs":
			out = append(out, scanCode(name, b)...)
		}
	}
	return out
}

// scanCode reports the forbidden APIs a JavaScript or CSS file mentions.
func scanCode(name string, b []byte) []string {
	var out []string
	for i, line := range strings.Split(string(b), "\n") {
		for _, f := range forbiddenAPIs {
			for _, at := range f.re.FindAllStringIndex(line, -1) {
				if f.not == nil || !f.not(line, at) {
					out = append(out, fmt.Sprintf("%s:%d: uses %s", name, i+1, f.name))
					break
				}
			}
		}
	}
	return out
}

type cssRef struct {
	url  string
	line int
}

// cssRefs returns the URLs a style sheet refers to, with their lines.
func cssRefs(b []byte) []cssRef {
	var out []cssRef
	for _, m := range cssURL.FindAllSubmatchIndex(b, -1) {
		for g := 2; g < len(m); g += 2 {
			if m[g] >= 0 {
				out = append(out, cssRef{url: string(b[m[g]:m[g+1]]), line: 1 + bytes.Count(b[:m[0]], []byte("\n"))})
				break
			}
		}
	}
	return out
}

// isOtherOrigin reports whether a URL in the site points to another origin.
func isOtherOrigin(u string) bool {
	u = strings.ToLower(strings.TrimSpace(u))
	return strings.HasPrefix(u, "http:") || strings.HasPrefix(u, "https:") || strings.HasPrefix(u, "//") ||
		strings.HasPrefix(u, `\\`) || strings.HasPrefix(u, "ftp:") || strings.HasPrefix(u, "ws:") || strings.HasPrefix(u, "wss:")
}

// scanHTML checks one page: the security meta tags, and no inline script,
// inline style, event handler or resource from elsewhere.
func scanHTML(name string, b []byte) []string {
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		return []string{fmt.Sprintf("%s: cannot parse: %v", name, err)}
	}
	var out []string
	bad := func(format string, args ...any) { out = append(out, name+": "+fmt.Sprintf(format, args...)) }
	var cspMetas, referrers int
	loadedBeforeCSP := false
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		tag := n.Data
		for _, a := range n.Attr {
			key := strings.ToLower(a.Key)
			if a.Namespace != "" {
				key = a.Namespace + ":" + key
			}
			switch {
			case strings.HasPrefix(key, "on") && len(key) > 2:
				bad("<%s %s=…>: event-handler attribute (inline script)", tag, key)
			case key == "style":
				bad("<%s style=%q>: inline style attribute", tag, a.Val)
			}
			if strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Val)), "javascript:") {
				bad("<%s %s=%q>: javascript: URL", tag, key, a.Val)
			}
		}
		switch tag {
		case "style":
			bad("<style> element (inline style)")
		case "script":
			if _, ok := attr(n, "src"); !ok {
				bad("<script> without src (inline script)")
			}
		case "base":
			bad("<base> element")
		case "meta":
			equiv, _ := attr(n, "http-equiv")
			mname, _ := attr(n, "name")
			content, _ := attr(n, "content")
			switch {
			case strings.EqualFold(equiv, "content-security-policy"):
				cspMetas++
				if content != csp.Policy {
					bad("Content-Security-Policy meta tag is %q, want csp.Policy %q", content, csp.Policy)
				}
				if loadedBeforeCSP {
					bad("Content-Security-Policy meta tag comes after a <link>, <script> or <style>: it does not cover them")
				}
				if !inHead(n) {
					bad("Content-Security-Policy meta tag outside <head>: browsers ignore it there")
				}
			case strings.EqualFold(mname, "referrer"):
				referrers++
				if content != "no-referrer" {
					bad(`referrer meta tag is %q, want "no-referrer"`, content)
				}
			case strings.EqualFold(equiv, "refresh"):
				if _, u, ok := strings.Cut(strings.ToLower(content), "url="); ok && isOtherOrigin(u) {
					bad("meta refresh to another origin: %s", content)
				}
			}
		}
		if slices.Contains([]string{"link", "script", "style", "img", "iframe", "source", "object", "embed"}, tag) && cspMetas == 0 {
			loadedBeforeCSP = true
		}
		attrs := resourceAttrs[tag]
		if tag == "link" {
			rel, _ := attr(n, "rel")
			if !slices.ContainsFunc(strings.Fields(strings.ToLower(rel)), func(r string) bool { return slices.Contains(loadingLinks, r) }) {
				attrs = nil
			}
		}
		for _, key := range attrs {
			v, ok := attr(n, key)
			if !ok {
				continue
			}
			for _, u := range srcsetURLs(key, v) {
				if isOtherOrigin(u) {
					bad("<%s %s=%q> loads from another origin", tag, key, u)
				}
			}
		}
	}
	if cspMetas != 1 {
		bad("%d Content-Security-Policy meta tags, want exactly 1", cspMetas)
	}
	if referrers != 1 {
		bad(`%d <meta name="referrer"> tags, want exactly 1`, referrers)
	}
	return out
}

// attr returns the value of an attribute; key may be "xlink:href".
func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		k := a.Key
		if a.Namespace != "" {
			k = a.Namespace + ":" + k
		}
		if strings.EqualFold(k, key) {
			return a.Val, true
		}
	}
	return "", false
}

func inHead(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && p.Data == "head" {
			return true
		}
	}
	return false
}

// srcsetURLs returns the URLs in an attribute value: one, or for srcset each
// candidate's URL.
func srcsetURLs(key, v string) []string {
	if key != "srcset" {
		return []string{v}
	}
	var out []string
	for c := range strings.SplitSeq(v, ",") {
		if f := strings.Fields(c); len(f) > 0 {
			out = append(out, f[0])
		}
	}
	return out
}

// TestStaticPrivacy scans every file of the national site (issue 6): the CSP
// and referrer meta tags on every page, no inline script or style, no event
// handlers, nothing loaded from another origin, and no storage, network or
// eval in the JavaScript and CSS.
func TestStaticPrivacy(t *testing.T) {
	for _, offline := range []bool{false, true} {
		res := national(t, offline)
		if len(htmlFiles(res.Files)) < 100 {
			t.Fatalf("only %d HTML files in the build; is this the national site?", len(htmlFiles(res.Files)))
		}
		for _, p := range scanStatic(res.Files) {
			t.Errorf("offline=%v: %s", offline, p)
		}
	}
}

// TestStaticPrivacyFindsDefects proves that the scan fails on a build that
// breaks each rule.
func TestStaticPrivacyFindsDefects(t *testing.T) {
	res := tamperedOutput(t, map[string]edit{
		"js/wizard.": appendText("\nlocalStorage.setItem(\"zvh\", \"1\");\nnavigator.sendBeacon(\"/x\");\n"),
		"css/app.":   appendText("\n@font-face { font-family: x; src: url(https://fonts.example.org/x.woff2); }\n"),
	})
	// The build refuses inline code and foreign resources in its own pages
	// (csp.Violations), so these stand for a page edited after the build.
	res.Files["index.html"] = bytes.Replace(res.Files["index.html"], []byte(`<body class=`), []byte(`<body onload="go()" style="color: red" class=`), 1)
	res.Files["over/index.html"] = bytes.Replace(res.Files["over/index.html"], []byte(`</main>`), []byte(`<style>p{}</style><script>var x = 1;</script>`+
		`<img src="https://example.org/pixel.png" alt=""><link rel="stylesheet" href="//cdn.example.org/x.css"></main>`), 1)
	got := scanStatic(res.Files)
	for _, want := range []string{
		"index.html: <body onload=…>: event-handler attribute",
		`index.html: <body style="color: red">: inline style attribute`,
		"over/index.html: <style> element",
		"over/index.html: <script> without src",
		`over/index.html: <img src="https://example.org/pixel.png"> loads from another origin`,
		`over/index.html: <link href="//cdn.example.org/x.css"> loads from another origin`,
		": uses localStorage",
		": uses sendBeacon",
		"loads https://fonts.example.org/x.woff2 from another origin",
	} {
		if !slices.ContainsFunc(got, func(p string) bool { return strings.Contains(p, want) }) {
			t.Errorf("the scan did not report %q; it found:\n%s", want, strings.Join(first(got, 20), "\n"))
		}
	}

	// A page without the meta tags, or with a weaker policy.
	res.Files["over/index.html"] = bytes.Replace(res.Files["over/index.html"], []byte(csp.Policy),
		[]byte("default-src *"), 1)
	res.Files["over/index.html"] = bytes.Replace(res.Files["over/index.html"], []byte(`<meta name="referrer" content="no-referrer">`), nil, 1)
	got = scanHTML("over/index.html", res.Files["over/index.html"])
	for _, want := range []string{`Content-Security-Policy meta tag is "default-src *"`, `0 <meta name="referrer"> tags`} {
		if !slices.ContainsFunc(got, func(p string) bool { return strings.Contains(p, want) }) {
			t.Errorf("the scan did not report %q; it found:\n%s", want, strings.Join(got, "\n"))
		}
	}
}

// first returns at most n items, for readable failure messages.
func first[T any](s []T, n int) []T {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// TestScanCodeFetch: the scan tells the network API fetch from a method of
// that name, so the vendored search library passes and real calls do not.
func TestScanCodeFetch(t *testing.T) {
	for line, want := range map[string]bool{
		`fetch("x.json").then(r => r.json())`:        true,
		`const r = await fetch(url)`:                 true,
		`window.fetch(u)`:                            true,
		`self . fetch(u)`:                            true,
		`globalThis.fetch(u, {method: "POST"})`:      true,
		`if(fetch(u)){}`:                             true,
		`this._index.fetch(s,O)`:                     false,
		`}fetch(t,e){if("string"!=typeof t)throw 1}`: false,
		`class M { fetch(key, make) { return 1 } }`:  false,
	} {
		got := len(scanCode("x.js", []byte(line))) > 0
		if got != want {
			t.Errorf("%s: reported %v, want %v", line, got, want)
		}
	}
}
