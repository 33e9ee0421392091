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
	clean := []byte(`<html><head><meta http-equiv="Content-Security-Policy" content="x"><script src="a.js"></script></head><body><a href="https://example.org/">x</a></body></html>`)
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
	meta := `<meta http-equiv="Content-Security-Policy" content="x">`
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
