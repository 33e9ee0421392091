package markdown

import (
	"strings"
	"testing"
)

// TestTableAlignmentIsAClass: GFM column alignment becomes a class that the
// site's CSS styles, never an inline style the CSP forbids.
func TestTableAlignmentIsAClass(t *testing.T) {
	got, _ := render(t, "| a | b | c | d |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n")
	for _, want := range []string{`<th scope="col" class="align-left">a</th>`, `<th scope="col" class="align-center">b</th>`, `<td data-label="c" class="align-right">3</td>`, `<td data-label="d">4</td>`} {
		if !strings.Contains(got, want) {
			t.Errorf("lacks %s:\n%s", want, got)
		}
	}
	if strings.Contains(got, "style") {
		t.Errorf("an inline style:\n%s", got)
	}
}

// TestRawHTMLIsAnErrorAndNotRendered: raw HTML is reported at its line and
// still never reaches the page.
func TestRawHTMLIsAnErrorAndNotRendered(t *testing.T) {
	c := New()
	d := c.Parse([]byte("<script>alert(1)</script>\n\n<b>vet</b>"))
	if len(d.Errs) != 2 || d.Errs[0].Offset != 0 || d.Errs[1].Offset != 27 {
		t.Errorf("errors %v", d.Errs)
	}
	var b strings.Builder
	if err := c.Render(&b, d, d.Root); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "<script") || strings.Contains(b.String(), "<b>") {
		t.Errorf("raw HTML rendered: %s", b.String())
	}
}

// TestHeadingIDValidated: an id with spaces is an error at the attribute.
func TestHeadingIDValidated(t *testing.T) {
	d := New().Parse([]byte(`## Kop {id="a b c"}`))
	if d.Err == nil || d.Err.Msg != `id "a b c": een id bestaat uit letters, cijfers, - en _, zonder spaties` || d.Err.Offset != 8 {
		t.Errorf("error %v", d.Err)
	}
}
