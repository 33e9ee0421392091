package tree

import (
	"bytes"
	"flag"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"

	"github.com/zvh-webtool/zvh/internal/diag"
	"github.com/zvh-webtool/zvh/internal/frontmatter"
	"github.com/zvh-webtool/zvh/internal/markdown"
)

var update = flag.Bool("update", false, "rewrite golden files")

// load parses a tree file the way the site does: the front matter split off
// and decoded, body offsets mapped to real file lines.
func load(t testing.TB, name string) (*Tree, diag.List) {
	t.Helper()
	file := "testdata/" + name
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	yml, body, line, err := frontmatter.Split(file, src)
	if err != nil {
		t.Fatal(err)
	}
	meta, errs := frontmatter.Decode(file, yml, frontmatter.KindTree)
	if len(errs) > 0 {
		t.Fatalf("front matter: %v", errs)
	}
	return Parse(markdown.New().Parse(body), diag.NewLines(file, body, line), Start{ID: meta.Start, Pos: meta.Pos["start"]})
}

// parseBody parses a body that starts on line 1 of "t.md".
func parseBody(body string) (*Tree, diag.List) {
	return Parse(markdown.New().Parse([]byte(body)), diag.NewLines("t.md", []byte(body), 1), Start{})
}

func messages(errs diag.List) []string {
	out := []string{}
	for _, d := range errs {
		out = append(out, d.Error())
	}
	return out
}

// TestParseRules has one broken fixture per rule; apart from that rule
// each fixture is a valid tree, so the diagnostics are exactly the rule's.
func TestParseRules(t *testing.T) {
	tests := []struct {
		file string
		want []string
	}{
		{"valid.md", nil},
		{"large.md", nil},
		{"missing-id.md", []string{
			"testdata/missing-id.md:9:1: node „Het mag” has no id; add one to its heading, like {#het-mag}",
		}},
		{"bad-id.md", []string{
			"testdata/bad-id.md:9:1: node id #Mag_Wel cannot be a page address: use lower-case letters, digits and hyphens, like #mag-wel",
		}},
		{"reserved-id.md", []string{
			"testdata/reserved-id.md:9:1: node id #overzicht is taken by the overview page; choose another id",
		}},
		{"duplicate-id.md", []string{
			"testdata/duplicate-id.md:17:1: duplicate node id #mag; it is already used on line 9",
		}},
		{"no-title.md", []string{
			"testdata/no-title.md:9:1: node #mag has no title",
		}},
		{"unknown-node.md", []string{
			"testdata/unknown-node.md:8:3: answer „Weet ik niet” links to unknown node #noodzak; did you mean #noodzaak?",
			"testdata/unknown-node.md:13:3: answer „Nee” links to unknown node #iets-heel-anders",
		}},
		{"unreachable.md", []string{
			"testdata/unreachable.md:17:1: node #verwijs cannot be reached from the start node #doel",
		}},
		{"cycle.md", []string{
			"testdata/cycle.md:4:1: answers form a cycle: #doel → #noodzaak → #grondslag → #doel; a route must always move on",
		}},
		{"one-answer.md", []string{
			"testdata/one-answer.md:11:1: question #noodzaak has only one answer; a question needs at least two",
		}},
		{"outcome-answers.md", []string{
			"testdata/outcome-answers.md:13:1: outcome #mag has an answer list; an outcome ends the route, so remove the list or the class .uitkomst",
		}},
		{"no-source.md", []string{
			"testdata/no-source.md:9:1: outcome #mag has no source link: link the spelregel or wetsartikel it rests on, like Grondslag: [Spelregels](../spelregels.md#doel)",
		}},
		{"neither.md", []string{
			"testdata/neither.md:9:1: node #mag has verdict .mag but no class .uitkomst: add it, or end the node with a list of answers",
			"testdata/neither.md:13:1: node #mag-niet is neither a question nor an outcome: end it with a list of answers like - [Ja](#volgende), or add the class .uitkomst",
		}},
		{"duplicate-label.md", []string{
			"testdata/duplicate-label.md:8:3: node #doel has two answers labelled „ja”",
		}},
		{"verdicts.md", []string{
			"testdata/verdicts.md:9:1: node #mag has more than one verdict (.mag .voorwaarden); keep one",
		}},
		{"explanation-list.md", nil},
		{"explanation-broken.md", []string{
			"testdata/explanation-broken.md:8:1: answer list item of node #gezondheid must be exactly one link to a node, like - [Ja](#volgende)",
			"testdata/explanation-broken.md:9:1: answer list item of node #gezondheid must be exactly one link to a node, like - [Ja](#volgende)",
			"testdata/explanation-broken.md:19:1: answer list item of node #bijzonder must be exactly one link to a node, like - [Ja](#volgende)",
		}},
		{"answer-item.md", []string{
			"testdata/answer-item.md:8:1: answer list item of node #doel must be exactly one link to a node, like - [Ja](#volgende)",
			"testdata/answer-item.md:9:1: answer list item of node #doel must be exactly one link to a node, like - [Ja](#volgende)",
			"testdata/answer-item.md:10:1: answer list item of node #doel must be exactly one link to a node, like - [Ja](#volgende)",
			"testdata/answer-item.md:11:1: answer list item of node #doel must be exactly one link to a node, like - [Ja](#volgende)",
			"testdata/answer-item.md:12:3: answer to #mag-niet on node #doel has no label",
		}},
		{"unknown-start.md", []string{
			"testdata/unknown-start.md:3:8: front matter `start` names unknown node #dole; did you mean #doel?",
		}},
		{"empty.md", []string{
			"testdata/empty.md:4:1: a decision tree needs at least one node: a heading like ## Vraag? {#id}",
		}},
	}
	for _, tt := range tests {
		t.Run(strings.TrimSuffix(tt.file, ".md"), func(t *testing.T) {
			_, errs := load(t, tt.file)
			want := tt.want
			if want == nil {
				want = []string{}
			}
			if got := messages(errs); !slices.Equal(got, want) {
				t.Errorf("diagnostics:\n got %q\nwant %q", got, want)
			}
		})
	}
}

func TestParseValid(t *testing.T) {
	tr, errs := load(t, "valid.md")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	type node struct {
		id, title string
		line      int
		outcome   bool
		verdict   Verdict
		answers   string // label>to, comma-separated
		body      int    // number of blocks in Body; a link reference definition is one
		sources   string // destinations, comma-separated
	}
	want := []node{
		{"doel", "Is het doel van de casus vastgesteld?", 8, false, "", "Ja>noodzaak,Nee>eerst-doel,Weet ik niet>vraag", 1, ""},
		{"noodzaak", "Is het gegeven nodig voor het doel?", 16, false, "", "Ja>soort,Nee>niet-delen", 1, ""},
		{"soort", "Wat voor gegeven is het?", 23, false, "", "Een gegeven over gezondheid>beperkt,Een ander gegeven>delen,Weet ik niet>vraag", 2, ""},
		{"delen", "Deel het gegeven", 33, true, Mag, "", 2, "/wetten/avg-6.md,../spelregels.md#noodzaak"},
		{"beperkt", "Deel alleen een omschrijving", 40, true, Voorwaarden, "", 2, "../wetten/avg-9.md"},
		{"niet-delen", "Deel het niet", 47, true, MagNiet, "", 1, "../spelregels.md"},
		{"eerst-doel", "Stel eerst het doel vast", 51, true, "", "", 1, "../spelregels.md#doel"},
		{"vraag", "Vraag het na bij je FG", 56, true, Verwijs, "", 1, "../spelregels.md#twijfel"},
	}
	var got []node
	for _, n := range tr.Nodes {
		var answers, sources []string
		for _, a := range n.Answers {
			answers = append(answers, a.Label+">"+a.To)
		}
		for _, l := range n.Sources {
			sources = append(sources, string(l.Destination))
		}
		got = append(got, node{n.ID, n.Title, n.Pos.Line, n.Outcome, n.Verdict,
			strings.Join(answers, ","), len(n.Body), strings.Join(sources, ",")})
	}
	if !slices.Equal(got, want) {
		t.Errorf("nodes:\n got %+v\nwant %+v", got, want)
	}
	if tr.Start != tr.Node("doel") || tr.Start == nil {
		t.Errorf("Start = %v, want #doel", tr.Start)
	}
	if tr.Node("nergens") != nil {
		t.Error("Node of an unknown id is not nil")
	}
	if len(tr.Intro) != 1 {
		t.Errorf("Intro has %d blocks, want 1", len(tr.Intro))
	}
	// The answer list is not part of a question's body.
	for _, n := range tr.Nodes {
		for _, b := range n.Body {
			if _, ok := b.(*ast.List); ok && !n.Outcome {
				t.Errorf("body of #%s holds its answer list", n.ID)
			}
		}
	}
	a := tr.Node("doel").Answers[1]
	if want := (diag.Position{File: "testdata/valid.md", Line: 13, Col: 3}); a.Pos != want || a.Link == nil {
		t.Errorf("answer Pos = %v, want %v with its link", a.Pos, want)
	}
}

func TestParseStart(t *testing.T) {
	body := "## Een {#een}\n\n- [Ja](#twee)\n- [Nee](#drie)\n\n" +
		"## Twee {#twee .uitkomst}\n\n[b](a.md)\n\n## Drie {#drie .uitkomst}\n\n[b](a.md)\n"
	for _, start := range []string{"", "een", "#een", " een "} {
		doc := markdown.New().Parse([]byte(body))
		tr, errs := Parse(doc, diag.NewLines("t.md", doc.Src, 1), Start{ID: start})
		if len(errs) > 0 || tr.Start == nil || tr.Start.ID != "een" {
			t.Errorf("start %q: Start = %v, errors %v", start, tr.Start, errs)
		}
	}
}

// TestHeadingID pins which headings count as carrying an explicit id: the
// attribute block on the heading's own line decides, not the id's value.
func TestHeadingID(t *testing.T) {
	tests := []struct {
		heading  string
		id       string
		explicit bool
	}{
		{"## Doel {#doel}", "doel", true},
		{"## Doel", "doel", false}, // goldmark's generated id equals the slug
		{"## Doel {.uitkomst}", "doel", false},
		{"## Doel {id=doel}", "doel", true},
		{"## Doel {#doel .uitkomst .mag}", "doel", true},
		{"## Doel ## {#doel}", "doel", true},
		{"## Kop met {accolades} {#kop}", "kop", true},
		{`## Kop \{#kop}`, "kop-kop", false},
		{"Doel {#doel}\n----", "doel", true},
		{"Doel\n----", "doel", false},
		{"## {#leeg}", "leeg", true},
		{"##", "kop", false},
	}
	for _, tt := range tests {
		doc := markdown.New().Parse([]byte(tt.heading + "\n"))
		h, ok := doc.Root.FirstChild().(*ast.Heading)
		if !ok {
			t.Errorf("%q: not a heading", tt.heading)
			continue
		}
		id, explicit := headingID(h, doc.Src)
		if id != tt.id || explicit != tt.explicit {
			t.Errorf("%q: headingID = %q, %v; want %q, %v", tt.heading, id, explicit, tt.id, tt.explicit)
		}
	}
}

func TestIsSource(t *testing.T) {
	tests := map[string]bool{
		"/wetten/avg-6.md":                true,
		"../spelregels.md#doel":           true,
		"spelregels.md":                   true,
		"./handvat/fase-1.md#vragen":      true,
		"https://wetten.overheid.nl/a.md": false,
		"//example.org/a.md":              false,
		"mailto:fg@example.org":           false,
		"#doel":                           false,
		"../wetten/":                      false,
		"../spelregels.html":              false,
		"a.md?x=1":                        false,
		".md":                             false,
		"map/.md":                         false,
		"":                                false,
	}
	for dest, want := range tests {
		if got := isSource(dest); got != want {
			t.Errorf("isSource(%q) = %v, want %v", dest, got, want)
		}
	}
}

// TestParseNoPanic covers inputs that have nothing to do with trees.
func TestParseNoPanic(t *testing.T) {
	tr, errs := Parse(nil, nil, Start{ID: "x"})
	if tr == nil || len(errs) != 2 {
		t.Errorf("Parse(nil) = %v, %v", tr, errs)
	}
	for _, body := range []string{"", "##", "## {#}", "## A {#a}\n\n- [x](#a)\n- [y](#a)\n", "- [x](#a)\n## A {#a .uitkomst}\n\n- a\n"} {
		tr, _ := parseBody(body)
		_ = tr.SVG(SVGOptions{})
		_ = tr.Paths()
		_ = tr.Depth()
		_, _ = tr.Walk([]string{"x", "y"})
	}
}

func TestVerdictLabel(t *testing.T) {
	got := []string{}
	for _, v := range []Verdict{Mag, MagNiet, Voorwaarden, Verwijs, ""} {
		got = append(got, v.Label())
	}
	want := []string{"Mag", "Mag niet", "Onder voorwaarden", "Verwijs", "Uitkomst"}
	if !slices.Equal(got, want) {
		t.Errorf("labels = %q, want %q", got, want)
	}
}

// TestExplanationList: a question whose explanation ends in a list directly
// above the answers (Markdown joins the two lists) keeps that list as
// explanation, and only the trailing single links are answers.
func TestExplanationList(t *testing.T) {
	file := "testdata/explanation-list.md"
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	_, body, line, _ := frontmatter.Split(file, src)
	md := markdown.New()
	doc := md.Parse(body)
	tr, errs := Parse(doc, diag.NewLines(file, body, line), Start{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for _, tc := range []struct {
		id    string
		items int
		html  string
	}{
		{"gezondheid", 3, "medicijngebruik"},
		{"bijzonder", 2, "politieke voorkeur"},
	} {
		n := tr.Node(tc.id)
		var labels []string
		for _, a := range n.Answers {
			labels = append(labels, a.Label)
		}
		if !slices.Equal(labels, []string{"Ja", "Nee"}) {
			t.Errorf("#%s: answers %v, want [Ja Nee]", tc.id, labels)
		}
		list, ok := n.Body[len(n.Body)-1].(*ast.List)
		if !ok || list.ChildCount() != tc.items {
			t.Errorf("#%s: the body does not end in the explanation list of %d items", tc.id, tc.items)
			continue
		}
		var buf bytes.Buffer
		for _, b := range n.Body {
			if err := md.Render(&buf, doc, b); err != nil {
				t.Fatal(err)
			}
		}
		if html := buf.String(); !strings.Contains(html, tc.html) || strings.Contains(html, "#mag") {
			t.Errorf("#%s: body HTML lacks the explanation or holds an answer:\n%s", tc.id, html)
		}
	}
	// Parsing the same document again finds the same tree.
	again, errs := Parse(doc, diag.NewLines(file, body, line), Start{})
	if len(errs) > 0 || len(again.Node("gezondheid").Answers) != 2 {
		t.Errorf("a second Parse of the document differs: %v", errs)
	}
}
