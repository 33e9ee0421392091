package tree

import (
	"bytes"
	"testing"

	"github.com/zvh-webtool/zvh/internal/ci"
	"github.com/zvh-webtool/zvh/internal/corpus"
)

// chain and ladder are the generated trees of package corpus.
func chain(n int) string  { return corpus.ChainTree(n, "../spelregels.md") }
func ladder(n int) string { return corpus.LadderTree(n, "../spelregels.md") }

func drawn(t testing.TB, body string) []byte {
	t.Helper()
	tr, errs := parseBody(body)
	if len(errs) > 0 {
		t.Fatalf("the generated tree has errors: %v", errs[:min(len(errs), 3)])
	}
	return tr.SVG(SVGOptions{Title: "Boom", Href: href})
}

// TestSVGLinear draws chains and ladders of growing size and checks that the
// drawing grows linearly: ten times the nodes gives about ten times the
// bytes, never the square. Before shared nodes were drawn as references, a
// chain of 10,000 nodes ran out of memory here.
func TestSVGLinear(t *testing.T) {
	ci.Slow(t, "draws trees of thousands of nodes")
	for _, tc := range []struct {
		name       string
		gen        func(int) string
		small, big int
	}{
		{"chain", chain, 1000, 10000},
		{"ladder", ladder, 20, 200},
	} {
		t.Run(tc.name, func(t *testing.T) {
			small, big := drawn(t, tc.gen(tc.small)), drawn(t, tc.gen(tc.big))
			ratio := float64(len(big)) / float64(len(small))
			want := float64(tc.big) / float64(tc.small)
			t.Logf("%d nodes: %d bytes; %d nodes: %d bytes; ratio %.2f", tc.small, len(small), tc.big, len(big), ratio)
			if ratio > 1.25*want {
				t.Errorf("%d times the nodes gives %.1f times the bytes; want about %.0f", tc.big/tc.small, ratio, want)
			}
			if per := len(big) / tc.big; per > 3000 {
				t.Errorf("%d bytes per node; a node and its two answers should take well under 3000", per)
			}
		})
	}
}

// TestSVGReferences checks that a node reached by a long answer is drawn
// once, and that the answer ends in a reference box linking to it.
func TestSVGReferences(t *testing.T) {
	src := drawn(t, chain(12))
	if n := bytes.Count(src, []byte(`id="node-einde"`)); n != 1 {
		t.Errorf("#einde is drawn %d times, want once", n)
	}
	refs := bytes.Count(src, []byte(`<g class="node node--ref">`))
	links := bytes.Count(src, []byte(`<a href="#node-einde">`))
	// q0 … q9 all answer Stop → #einde, which lies in the last layer; only
	// the questions at most three layers above it draw a line to it.
	if refs != 7 || links != refs {
		t.Errorf("%d reference boxes and %d links to #node-einde; want 7 of each", refs, links)
	}
	if !bytes.Contains(src, []byte("Zie: Einde")) {
		t.Error("a reference box does not name its node")
	}
}

// BenchmarkSVGChain draws a chain of 10,000 nodes; it should take well
// under a second.
func BenchmarkSVGChain(b *testing.B) {
	tr, errs := parseBody(chain(10000))
	if len(errs) > 0 {
		b.Fatal(errs[0])
	}
	for b.Loop() {
		tr.SVG(SVGOptions{Title: "Boom", Href: href})
	}
}
