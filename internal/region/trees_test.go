package region

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"

	"github.com/zvh-webtool/zvh"
	"github.com/zvh-webtool/zvh/internal/frontmatter"
	"github.com/zvh-webtool/zvh/internal/markdown"
	"github.com/zvh-webtool/zvh/internal/site"
)

// proefTree is a small national tree: lines 6 (#casus, answers on 8 and
// 9), 11 (#verwijs) and 15 (#mag).
const proefTree = "---\ntitle: Proefboom\n---\nIntro.\n\n## Is er een casus? {#casus}\n\n- [Ja](#verwijs)\n- [Nee](#mag)\n\n## Verwijs naar het ZVH {#verwijs .uitkomst .verwijs}\n\nBron: [Spelregels](../spelregels.md)\n\n## Deel het {#mag .uitkomst .mag}\n\nBron: [Spelregels](../spelregels.md)\n"

const proefScenarios = "- title: Casus\n  answers: [Ja]\n  expect: verwijs\n"

func proefNational() map[string]string {
	return map[string]string{"content/beslisbomen/proef.md": proefTree, "content/beslisbomen/proef.scenarios.yaml": proefScenarios}
}

// wantBoth checks that the overlay reports an error at the region's line
// regAt and at the national line natAt, the first containing what.
func wantBoth(t *testing.T, reg map[string]string, regAt, natAt, what string) {
	t.Helper()
	errs, _ := overlayErrs(t, proefNational(), reg, "beslisbomen/proef.md")
	var atReg, atNat bool
	for _, l := range strings.Split(errs, "\n") {
		atReg = atReg || (strings.HasPrefix(l, regAt) && strings.Contains(l, what) && strings.Contains(l, "Regionale aanvulling"))
		atNat = atNat || (strings.HasPrefix(l, natAt) && strings.Contains(l, "Proef"))
	}
	if !atReg || !atNat {
		t.Errorf("want an error at %s (%q) and at %s; got:\n%s", regAt, what, natAt, errs)
	}
}

func TestRegionCannotFlipAVerdict(t *testing.T) {
	wantBoth(t, map[string]string{"beslisbomen/proef.md": "## Verwijs? Nee, mag {#verwijs .uitkomst .mag}\n\nBron: [Spelregels](../spelregels.md)\n"},
		dir+"/beslisbomen/proef.md:1:", "content/beslisbomen/proef.md:11:", "oordeel van uitkomst #verwijs")
}

func TestRegionCannotRemoveASource(t *testing.T) {
	wantBoth(t, map[string]string{"beslisbomen/proef.md": "## Verwijs naar het ZVH {#verwijs .uitkomst .verwijs}\n\nBron: [Over](../over.md)\n"},
		dir+"/beslisbomen/proef.md:1:", "content/beslisbomen/proef.md:11:", "bron ../spelregels.md")
}

func TestRegionCannotRedirectAnAnswer(t *testing.T) {
	wantBoth(t, map[string]string{"beslisbomen/proef.md": "## Is er een casus? {#casus}\n\n- [Ja](#mag)\n- [Nee](#mag)\n"},
		dir+"/beslisbomen/proef.md:3:", "content/beslisbomen/proef.md:8:", "antwoord „Ja”")
}

func TestRegionCannotRemoveANode(t *testing.T) {
	wantBoth(t, map[string]string{"beslisbomen/proef.md": "---\ntitle: Eigen boom\n---\n## Is er een casus? {#casus}\n\n- [Ja](#verwijs)\n- [Nee](#verwijs)\n\n## Verwijs {#verwijs .uitkomst .verwijs}\n\nBron: [Spelregels](../spelregels.md)\n"},
		dir+"/beslisbomen/proef.md:2:", "content/beslisbomen/proef.md:15:", "knoop #mag")
}

func TestRegionCannotReplaceANationalScenario(t *testing.T) {
	errs, _ := overlayErrs(t, proefNational(), map[string]string{"beslisbomen/proef.scenarios.yaml": "- title: casus\n  answers: [Nee]\n  expect: mag\n"}, "beslisbomen/proef.md")
	for _, want := range []string{dir + "/beslisbomen/proef.scenarios.yaml:1:3: scenario „casus” staat al", "content/beslisbomen/proef.scenarios.yaml:1:3: landelijk scenario „Casus”"} {
		if !strings.Contains(errs, want) {
			t.Errorf("errors:\n%s\nwant %q", errs, want)
		}
	}
}

// A new node needs .regionaal, and is checked like any node: an outcome of
// a regional route needs its source too.
func TestRegionalNodeRules(t *testing.T) {
	route := "## Is er een casus? {#casus}\n\n- [Ja](#verwijs)\n- [Nee](#mag)\n- [Lokaal](#lokaal)\n\n## Naar de lokale tafel {#lokaal .uitkomst .voorwaarden .regionaal}\n\nAlleen met toestemming.\n"
	wantErrors(t, national(proefNational()), regionFS(map[string]string{"beslisbomen/proef.md": route}), dir+"/beslisbomen/proef.md:7:1: outcome #lokaal has no source link")
	unmarked := strings.Replace(route, " .regionaal", "", 1) + "\nBron: [Spelregels](../spelregels.md)\n"
	wantErrors(t, national(proefNational()), regionFS(map[string]string{"beslisbomen/proef.md": unmarked}), dir+"/beslisbomen/proef.md:7:1: knoop #lokaal staat niet in de landelijke beslisboom")
	toNational := "## Is er een casus? {#casus}\n\n- [Ja](#verwijs)\n- [Nee](#mag)\n- [Toch delen](#mag)\n"
	wantBoth(t, map[string]string{"beslisbomen/proef.md": toNational}, dir+"/beslisbomen/proef.md:5:", "content/beslisbomen/proef.md:15:", "niet naar landelijke knoop #mag")
}

// A regional route builds: the added answer and node are marked on the
// pages, and both the national and the region's scenarios are walked.
func TestRegionalRouteBuilds(t *testing.T) {
	route := "## Is er een casus? {#casus}\n\n- [Ja](#verwijs)\n- [Nee](#mag)\n- [Lokaal](#lokaal)\n\n## Naar de lokale tafel {#lokaal .uitkomst .voorwaarden .regionaal}\n\nAlleen met toestemming.\n\nBron: [Spelregels](../spelregels.md)\n"
	reg := regionFS(map[string]string{"beslisbomen/proef.md": route, "beslisbomen/proef.scenarios.yaml": "- title: Lokaal\n  answers: [Lokaal]\n  expect: lokaal\n"})
	_, _, res := build(t, national(proefNational()), reg)
	node := string(res.Files["beslisbomen/proef/lokaal/index.html"])
	if !strings.Contains(node, `<p class="tree-regional">Regionale route</p>`) {
		t.Errorf("the regional outcome is not marked:\n%s", node)
	}
	start := string(res.Files["beslisbomen/proef/index.html"])
	if strings.Count(start, "Regionale route") != 2 {
		t.Errorf("the start page should mark the answer and the node of the route once each")
	}
	// A region scenario that fails, and a national one that the region's
	// tree would fail, are both build errors: the two lists are in force.
	bad := regionFS(map[string]string{"beslisbomen/proef.md": route, "beslisbomen/proef.scenarios.yaml": "- title: Lokaal\n  answers: [Lokaal]\n  expect: mag\n"})
	wantErrors(t, national(proefNational()), bad, dir+"/beslisbomen/proef.scenarios.yaml:1:")
	fsys, _, errs := Overlay(national(proefNational()), reg, dir)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	sc := read(t, fsys, "content/beslisbomen/proef.scenarios.yaml")
	if !strings.Contains(sc, "expect: verwijs") || !strings.Contains(sc, "expect: lokaal") {
		t.Errorf("the scenarios of the region's tree are not national + regional:\n%s", sc)
	}
}

// TestRotterdamLokaleKamerRoute: the shipped Rotterdam-Rijnmond variant
// adds the Lokale Kamer to the criteria tree as a regional route, walked by
// its own scenario beside the national ones.
func TestRotterdamLokaleKamerRoute(t *testing.T) {
	const slug = "content/regio/rotterdam-rijnmond"
	sub, err := fs.Sub(zvh.Base, slug)
	if err != nil {
		t.Fatal(err)
	}
	fsys, rep, errs := Overlay(zvh.Base, sub, slug)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	res, errs := site.Build(site.Options{FS: fsys})
	if len(errs) > 0 {
		t.Fatal(rep.MapAll(errs))
	}
	node := string(res.Files["beslisbomen/criteria/rr-lokale-kamer/index.html"])
	if !strings.Contains(node, `<p class="tree-regional">Regionale route</p>`) || !strings.Contains(node, "Lokale Kamer") {
		t.Errorf("the Lokale Kamer outcome is missing or not marked as a regional route")
	}
	start := string(res.Files["beslisbomen/criteria/index.html"])
	for _, want := range []string{"Overlast in een Rotterdamse wijk", "Overlast na schulden en verslaving", `data-to="rr-haast"`} {
		if !strings.Contains(start, want) {
			t.Errorf("the criteria tree of Rotterdam-Rijnmond lacks %q", want)
		}
	}
}

// TestGuideTreeExamples builds the examples of the editor's guide on what a
// region may change in a national tree, as region files over the shipped
// criteria tree: the first (a regional route) builds, each other one fails
// with the error the guide describes, at the region's line and the
// national node.
func TestGuideTreeExamples(t *testing.T) {
	const guide = "content/handleiding/regio.md"
	src, err := fs.ReadFile(zvh.Base, guide)
	if err != nil {
		t.Fatal(err)
	}
	_, body, _, err := frontmatter.Split(guide, src)
	if err != nil {
		t.Fatal(err)
	}
	doc := markdown.New().Parse(body)
	var examples []string
	in := false
	for n := doc.Root.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok && h.Level == 2 {
			id, _ := h.AttributeString("id")
			b, _ := id.([]byte)
			in = string(b) == "beslisbomen"
		}
		if f, ok := n.(*ast.FencedCodeBlock); ok && in && string(f.Language(body)) == "markdown" {
			var b strings.Builder
			for i := 0; i < f.Lines().Len(); i++ {
				seg := f.Lines().At(i)
				b.Write(seg.Value(body))
			}
			examples = append(examples, b.String())
		}
	}
	want := []string{"", "het oordeel van uitkomst #eigen-keten", "bron /wetten/bgs-criteria.md van uitkomst #eigen-keten", "landelijk antwoord „Nee” van vraag #samenwerking"}
	if len(examples) != len(want) {
		t.Fatalf("the guide's section #beslisbomen has %d Markdown examples, the test knows %d", len(examples), len(want))
	}
	for i, ex := range examples {
		reg := regionFS(map[string]string{"beslisbomen/criteria.md": ex})
		if want[i] == "" {
			build(t, zvh.Base, reg)
			continue
		}
		_, _, errs := Overlay(zvh.Base, reg, dir)
		got := errs.Error()
		if !strings.Contains(got, dir+"/beslisbomen/criteria.md:") || !strings.Contains(got, want[i]) || !strings.Contains(got, "content/beslisbomen/criteria.md:") {
			t.Errorf("example %d: errors\n%s\nwant %q at the region file and the national tree", i+1, got, want[i])
		}
	}
}

// A source written another way (relative instead of from the root) is the
// same source.
func TestSourceWrittenAnotherWay(t *testing.T) {
	errs, _ := overlayErrs(t, proefNational(), map[string]string{"beslisbomen/proef.md": "## Verwijs naar het ZVH {#verwijs .uitkomst .verwijs}\n\nBron: [Spelregels](/spelregels.md)\n"}, "beslisbomen/proef.md")
	if errs != "" {
		t.Error(errs)
	}
}
