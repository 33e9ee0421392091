package site

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/zvh-webtool/zvh"
	"github.com/zvh-webtool/zvh/internal/ci"
	"github.com/zvh-webtool/zvh/internal/corpus"
	"github.com/zvh-webtool/zvh/internal/layerfs"
)

// chainTree and ladderTree are corpus.ChainTree and corpus.LadderTree as
// tree pages of a site with the page regels.md.
func chainTree(n int) string {
	return "---\ntitle: Keten\n---\nEen lange rij vragen.\n\n" + corpus.ChainTree(n, "../regels.md")
}

func ladderTree(n int) string {
	return "---\ntitle: Ladder\n---\nElke vraag leidt naar de volgende.\n\n" + corpus.LadderTree(n, "../regels.md")
}

// treeFiles builds a small site with the decision tree tree at
// beslisbomen/boom.md and returns its files.
func treeFiles(t testing.TB, tree string) map[string][]byte {
	t.Helper()
	files := fstest.MapFS{
		"content/_index.md":           {Data: []byte("---\ntitle: Home\n---\n")},
		"content/regels.md":           {Data: []byte("---\ntitle: Regels\n---\nDe regels.\n")},
		"content/beslisbomen/boom.md": {Data: []byte(tree)},
	}
	res, errs := Build(Options{FS: layerfs.New(layerfs.Layer{Name: "test", FS: files}, layerfs.Layer{Name: "national", FS: withoutContent{zvh.Base}})})
	if errs != nil {
		t.Fatalf("build failed: %v", errs[:min(len(errs), 3)])
	}
	return res.Files
}

// treeSite builds a site with one tree and returns the bytes of its overview
// page and of all its files.
func treeSite(t testing.TB, tree string) (overview, total int) {
	t.Helper()
	files := treeFiles(t, tree)
	for _, b := range files {
		total += len(b)
	}
	return len(files["beslisbomen/boom/overzicht/index.html"]), total
}

// TestLargeTreesBuildLinearly builds trees whose routes keep meeting again
// (a ladder has 2^(n-1) routes) and a long chain whose questions share one
// outcome. Their overview, the heaviest page, and the whole site must grow
// linearly with the node count. Before a node reached twice was written
// out once and referred to after that, a ladder of 38 nodes gave a 115 MB
// overview and one of 82 nodes did not finish.
func TestLargeTreesBuildLinearly(t *testing.T) {
	for _, tc := range []struct {
		name       string
		gen        func(int) string
		small, big int
	}{
		{"ladder", ladderTree, 20, 200},
		{"chain", chainTree, 1000, 10000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.big > 1000 {
				ci.Slow(t, "a build of a tree with thousands of nodes")
			}
			ovSmall, allSmall := treeSite(t, tc.gen(tc.small))
			ovBig, allBig := treeSite(t, tc.gen(tc.big))
			want := float64(tc.big) / float64(tc.small)
			t.Logf("%d nodes: overview %d bytes, site %d bytes; %d nodes: overview %d bytes, site %d bytes",
				tc.small, ovSmall, allSmall, tc.big, ovBig, allBig)
			if r := float64(ovBig) / float64(ovSmall); r > 1.25*want {
				t.Errorf("overview: %.0f times the nodes gives %.1f times the bytes", want, r)
			}
			if r := float64(allBig) / float64(allSmall); r > 1.25*want {
				t.Errorf("site: %.0f times the nodes gives %.1f times the bytes", want, r)
			}
			if per := ovBig / tc.big; per > 5000 {
				t.Errorf("overview takes %d bytes per node", per)
			}
		})
	}
}

// BenchmarkBuildLadder200 and BenchmarkBuildChain10000 time the builds of
// TestLargeTreesBuildLinearly; each should stay well under a second.
func BenchmarkBuildLadder200(b *testing.B) {
	src := ladderTree(200)
	for b.Loop() {
		treeSite(b, src)
	}
}

func BenchmarkBuildChain10000(b *testing.B) {
	src := chainTree(10000)
	for b.Loop() {
		treeSite(b, src)
	}
}

// TestDeepNodeListsItsLastSteps: the page of a node deep in a tree lists
// only the last routeShown steps of the way there and says how many came
// before, with a link to the first question.
func TestDeepNodeListsItsLastSteps(t *testing.T) {
	files := treeFiles(t, chainTree(60))
	page := string(files["beslisbomen/boom/q50/index.html"])
	for _, want := range []string{
		"Zo kom je hier (50 vragen)",
		`De eerste 40 vragen staan hier niet; begin bij de <a href="../q0/">eerste vraag</a>`,
		`<ol class="route" start="41"><li><a class="route__q" href="../q40/">`,
		`<a class="route__q" href="../q49/">Vraag 49?</a> <span class="route__a">Verder</span></li></ol>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page of q50 lacks %q", want)
		}
	}
	if n := strings.Count(page, `class="route__q"`); n != routeShownForTest {
		t.Errorf("the page of q50 lists %d steps, want %d", n, routeShownForTest)
	}
}

// routeShownForTest is index.routeShown: a node page lists ten steps.
const routeShownForTest = 10

// TestRouteEscapes: the route list is written in Go (the template function
// route), so it must escape as html/template does. A question whose title
// and answer hold markup characters is listed on the next node's page with
// the same text as the heading html/template wrote on its own page.
func TestRouteEscapes(t *testing.T) {
	tree := "---\ntitle: Tekens\n---\nVragen met tekens.\n\n" +
		"## Is \\<b\\> \"wel\" & 'goed'? {#q0}\n\n- [Ja & \\<i\\> nee](#q1)\n- [Nee](#einde)\n\n" +
		"## Vraag 1? {#q1}\n\n- [Verder](#einde)\n- [Stop](#einde)\n\n" +
		"## Einde {#einde .uitkomst .mag}\n\nGrondslag: [Regels](../regels.md)\n"
	files := treeFiles(t, tree)
	own := string(files["beslisbomen/boom/q0/index.html"])
	const h1 = `level-1" tabindex="-1">`
	i := strings.Index(own, h1)
	if i < 0 {
		t.Fatal("the page of q0 has no node heading")
	}
	title := own[i+len(h1) : i+len(h1)+strings.Index(own[i+len(h1):], "</h1>")]
	if !strings.Contains(title, "&lt;b") || !strings.Contains(title, "&amp;") {
		t.Fatalf("the heading %q is not the escaped title", title)
	}
	answer := own[strings.Index(own, `data-key="`):]
	answer = answer[strings.Index(answer, ">")+1 : strings.Index(answer, "</a>")]
	next := string(files["beslisbomen/boom/q1/index.html"])
	want := `<li><a class="route__q" href="../q0/">` + title + `</a> <span class="route__a">` + answer + `</span></li>`
	if !strings.Contains(next, want) {
		t.Errorf("the route on the page of q1 lacks\n%s", want)
	}
}

// TestOutlineNestsBoundedly: the overview's outline of a deep tree nests
// at most a dozen lists; it goes on in parts, each referred to where the
// outline was cut off, and still writes every node out exactly once.
func TestOutlineNestsBoundedly(t *testing.T) {
	files := treeFiles(t, chainTree(60))
	page := string(files["beslisbomen/boom/overzicht/index.html"])
	start := strings.Index(page, `<div class="outline">`)
	if start < 0 {
		t.Fatal("the overview has no outline")
	}
	outline := page[start:]
	outline = outline[:strings.Index(outline, "</section>")]
	depth, deepest := 0, 0
	for i := 0; i < len(outline); i++ {
		switch {
		case strings.HasPrefix(outline[i:], "<ul>"):
			depth++
			deepest = max(deepest, depth)
		case strings.HasPrefix(outline[i:], "</ul>"):
			depth--
		}
	}
	if deepest > 12 {
		t.Errorf("the outline nests %d lists deep", deepest)
	}
	parts := strings.Count(outline, `<div class="outline__part">`)
	if parts < 4 {
		t.Errorf("a chain of 60 nodes goes on in %d parts, want at least 4", parts)
	}
	ids := []string{"einde", "klaar"}
	for i := range 58 {
		ids = append(ids, fmt.Sprintf("q%d", i))
	}
	for _, id := range ids {
		if n := strings.Count(outline, `id="outline-`+id+`"`); n != 1 {
			t.Errorf("node %s is written out %d times", id, n)
		}
	}
	for _, part := range strings.Split(outline, `<div class="outline__part">`)[1:] {
		part = part[strings.Index(part, `id="outline-`)+len(`id="outline-`):]
		id := part[:strings.Index(part, `"`)]
		if !strings.Contains(outline, `zie <a href="#outline-`+id+`">`) {
			t.Errorf("nothing refers to the part that starts at %s", id)
		}
	}
}
