package csp

import (
	"bytes"
	"slices"
	"testing"

	"golang.org/x/net/html"
)

// tokViolations applies the policy's rules (Checker) to the start tags that
// x/net/html's tokenizer, which follows the HTML standard's tokenizer,
// reads in page.
func tokViolations(page []byte) (out []string, hasPolicy bool) {
	var c Checker
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
		var t Tag
		t.begin(bytes.Clone(name))
		for more {
			var key, val []byte
			key, val, more = z.TagAttr()
			c.Attr(&t, key, val, true)
		}
		c.End(&t)
	}
	return c.Out, c.HasPolicy
}

// FuzzViolationsTokenizer compares the scan with a real HTML tokenizer:
// every violation the tokenizer's reading shows must be found by the scan
// (the scan may find more: it is stricter where it reads tags a browser
// reads as text), and the scan may only see the policy where the tokenizer
// sees it too.
func FuzzViolationsTokenizer(f *testing.F) {
	meta := `<meta http-equiv="Content-Security-Policy" content="` + Policy + `">`
	for _, s := range []string{
		string(nodePage()),
		string(svgPage(3)),
		meta + `<script src="a.js">var s = "<style>";</script><SCRIPT>1</SCRIPT>`,
		`<!--><script>1</script>-->`, `<!---><p style=x>-->`, `<!-- a --!><a onclick=x>`,
		`<a href="java&#x09;script:x">`, `<a href="&#x01;javascript:x">`, "<a href=\"java\nscript:x\">",
		`<svg><use href="https://x/y.svg#a"/><a xlink:href="javascript:x">`, `<button formaction="javascript:x">`,
		`<img srcset="a.png 1x, https://x/b.png 2x"><video poster="//x/p.png">`,
		`<xmp><script>1</script></xmp><noscript><p style=x></noscript>`,
		`<meta http-equiv="refresh" content="0;url=https://x"><base href="https://x/">`,
		`<a href="x`, `<a href='`, `<!--`, `<!-->`, `<a b=c`, `<style>`, `<`, `<a`, `</a b="<script>">`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, page []byte) {
		got, ok := Violations(page)
		want, wantOK := tokViolations(page)
		for _, v := range want {
			if !slices.Contains(got, v) {
				t.Errorf("%q:\nthe scan misses %q\n got %q\nwant %q", page, v, got, want)
			}
		}
		if ok && !wantOK {
			t.Errorf("%q: the scan sees the policy, the tokenizer does not", page)
		}
	})
}
