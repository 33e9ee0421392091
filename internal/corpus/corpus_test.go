package corpus

import (
	"regexp"
	"strings"
	"testing"
)

func TestGenerateIsDeterministic(t *testing.T) {
	a, b := Generate(50, 5), Generate(50, 5)
	if len(a) != 1+5+50 {
		t.Fatalf("got %d pages, want 56", len(a))
	}
	for i := range a {
		if a[i].Markdown() != b[i].Markdown() {
			t.Fatalf("page %s differs between two runs", a[i].Path)
		}
	}
}

var linkDest = regexp.MustCompile(`\]\((/[^)#]+)(#[a-z]+)?\)`)

// Every link points at a generated page, so a build of the corpus has no
// dead links, and a page has about eleven of them.
func TestLinksPointAtPages(t *testing.T) {
	pages := Generate(200, 10)
	paths := map[string]bool{}
	for _, p := range pages {
		paths["/"+p.Path] = true
	}
	for _, p := range pages[11:] {
		m := linkDest.FindAllStringSubmatch(p.Body, -1)
		if len(m) != 11 {
			t.Fatalf("%s has %d links, want 11", p.Path, len(m))
		}
		for _, l := range m {
			if !paths[l[1]] {
				t.Fatalf("%s links to %s, which is not generated", p.Path, l[1])
			}
		}
		if !strings.Contains(p.Body, "```go") || !strings.Contains(p.Body, "|---|") {
			t.Errorf("%s lacks a code block or a table", p.Path)
		}
	}
}
