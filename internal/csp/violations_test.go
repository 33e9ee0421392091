package csp

import (
	"slices"
	"testing"
)

func TestViolations(t *testing.T) {
	page := []byte(`<!doctype html><html><head>` +
		`<meta http-equiv="Content-Security-Policy" content="` + Policy + `">` +
		`<script src="js/a.js"></script><link rel="stylesheet" href="css/a.css"></head>` +
		`<body onload="x()"><p style="color:red">t</p><script>1</script><style>p{}</style>` +
		`<a href="javascript:void(0)">j</a><a href="https://example.org/">fine</a>` +
		`<img src="https://tracker.example/p.gif" alt=""></body></html>`)
	got, ok := Violations(page)
	if !ok {
		t.Error("the policy meta tag was not found")
	}
	want := []string{
		"an event handler attribute onload= on <body>",
		"a style attribute on <p>",
		"an inline <script>",
		"an inline <style>",
		"a javascript: URL on <a>",
		"<img> loading https://tracker.example/p.gif from another site",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Violations =\n%q\nwant\n%q", got, want)
	}
	clean := []byte(`<html><head><meta http-equiv="Content-Security-Policy" content="` + Policy + `"><script src="a.js"></script></head><body><a href="https://example.org/">x</a></body></html>`)
	if got, ok := Violations(clean); got != nil || !ok {
		t.Errorf("a clean page: %q, policy %v", got, ok)
	}
	if _, ok := Violations([]byte(`<html><head></head></html>`)); ok {
		t.Error("a page without the policy meta tag passed")
	}
}

// The scanner reads tags as a browser does: not inside comments or a
// script's text; case, unquoted values and character references as HTML
// allows them.
func TestViolationsLikeABrowser(t *testing.T) {
	meta := `<meta http-equiv="Content-Security-Policy" content="` + Policy + `">`
	for _, tc := range []struct {
		page string
		want []string
	}{
		{`<!-- <script>1</script> <p style="x"> -->` + meta, nil},
		{meta + `<script src="a.js">var s = "<style>";</script>`, nil},
		{meta + `<SCRIPT>1</SCRIPT>`, []string{"an inline <script>"}},
		{meta + `<a HREF=javascript:x>j</a>`, []string{"a javascript: URL on <a>"}},
		{meta + `<a href="&#106;avascript:x">j</a>`, []string{"a javascript: URL on <a>"}},
		{meta + `<img src='//cdn.example.org/x.png' alt>`, []string{"<img> loading //cdn.example.org/x.png from another site"}},
		{meta + `<p>1 < 2 and <br/> <input disabled onfocus = "x()"></p>`, []string{"an event handler attribute onfocus= on <input>"}},
		{meta + `<title>a <style> in a title</title>`, nil},
	} {
		got, ok := Violations([]byte(tc.page))
		if !ok || !slices.Equal(got, tc.want) {
			t.Errorf("%s:\n got %q (policy %v)\nwant %q", tc.page, got, ok, tc.want)
		}
	}
}

// TestViolationsHostile: the forms that slipped past the scan, each a
// violation now.
func TestViolationsHostile(t *testing.T) {
	meta := `<meta http-equiv="Content-Security-Policy" content="` + Policy + `">`
	for _, tc := range []struct {
		page string
		want string
	}{
		{meta + `<a href="java&#x09;script:alert(1)">x</a>`, "a javascript: URL on <a>"},
		{meta + `<a href="&#x01;javascript:alert(1)">x</a>`, "a javascript: URL on <a>"},
		{meta + "<a href=\"java\nscript:alert(1)\">x</a>", "a javascript: URL on <a>"},
		{meta + `<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>`, "a javascript: URL on <a>"},
		{meta + `<form><button formaction="javascript:alert(1)">x</button></form>`, "a javascript: URL on <button>"},
		{meta + `<svg><use href="https://evil.example/s.svg#a"/></svg>`, "<use> loading https://evil.example/s.svg#a from another site"},
		{meta + `<img src="a.png" srcset="a.png 1x, https://evil.example/b.png 2x" alt="">`, "<img> loading a.png 1x, https://evil.example/b.png 2x from another site"},
		{meta + `<video poster="//evil.example/p.png"></video>`, "<video> loading //evil.example/p.png from another site"},
		{meta + `<svg><a href="#"><animate attributeName="href" values="javascript:alert(1)"/></a></svg>`, "an <animate> of href, which can turn a link into a script"},
		{meta + `<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>`, "an inline document (srcdoc=) on <iframe>"},
		{meta + `<meta http-equiv="refresh" content="3;url=http://evil.example/">`, `a <meta http-equiv="refresh">, which sends the reader elsewhere`},
		{meta + `<base href="https://evil.example/">`, "a <base> element, which would change where every link of the page goes"},
		{meta + `<meta http-equiv="Content-Security-Policy" content="default-src *">`, "a Content-Security-Policy meta tag other than the site's own ({{cspMeta}}): a layout may not replace or weaken the policy"},
		{meta + `<meta name="referrer" content="unsafe-url">`, "a referrer meta tag other than the site's own (no-referrer)"},
		{`<link rel="stylesheet" href="a.css">` + meta, "<link> before the Content-Security-Policy meta tag, which must come before anything the page loads"},
		{meta + `<!--><script>alert(1)</script>-->`, "an inline <script>"},
		{meta + `<!-- x --!><p onclick="x()">-->`, "an event handler attribute onclick= on <p>"},
	} {
		got, _ := Violations([]byte(tc.page))
		if !slices.Contains(got, tc.want) {
			t.Errorf("%s:\n got %q\nwant %q", tc.page, got, tc.want)
		}
	}
	if _, ok := Violations([]byte(`<meta http-equiv="Content-Security-Policy" content="default-src *">`)); ok {
		t.Error("a weaker policy counts as the site's")
	}
}
