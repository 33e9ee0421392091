package markdown

import (
	"strings"
	"testing"
)

// TestTableAlignmentIsAClass: GFM column alignment becomes a class that the
// site's CSS styles, never an inline style the CSP forbids.
func TestTableAlignmentIsAClass(t *testing.T) {
	got, _ := render(t, "| a | b | c | d |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n")
	for _, want := range []string{`<th class="align-left">a</th>`, `<th class="align-center">b</th>`, `<td class="align-right">3</td>`, "<td>4</td>"} {
		if !strings.Contains(got, want) {
			t.Errorf("lacks %s:\n%s", want, got)
		}
	}
	if strings.Contains(got, "style") {
		t.Errorf("an inline style:\n%s", got)
	}
}
