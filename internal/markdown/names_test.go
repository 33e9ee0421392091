package markdown

import (
	"bytes"
	"strings"
	"testing"
)

var testNational = map[string]string{"casusoverleg": "casusoverleg", "registratiesysteem": "het registratiesysteem van het ZVH"}

// renderNames renders src with the national names replaced by region.
func renderNames(t *testing.T, src string, region map[string]string) (string, *Doc) {
	t.Helper()
	values := map[string]string{}
	for k, v := range testNational {
		values[k] = v
	}
	for k, v := range region {
		values[k] = v
	}
	c := New(WithNames(Names{Values: values, National: testNational}))
	d := c.Parse([]byte(src))
	var b bytes.Buffer
	if err := c.Render(&b, d, d.Root); err != nil {
		t.Fatal(err)
	}
	return b.String(), d
}

func TestNames(t *testing.T) {
	ico := map[string]string{"casusoverleg": "ICO", "registratiesysteem": "KeDo"}
	for _, tc := range []struct {
		name, src string
		region    map[string]string
		want      []string // substrings of the HTML, in order
		not       []string
	}{
		{"national value", "Het {{casusoverleg}} begint.", nil, []string{"<p>Het casusoverleg begint.</p>"}, []string{"{{"}},
		{"regional value", "Het {{casusoverleg}} begint.", ico, []string{"<p>Het ICO begint.</p>"}, nil},
		{"capital at the start of a paragraph", "{{registratiesysteem}} bewaart het plan.", nil, []string{"<p>Het registratiesysteem van het ZVH bewaart"}, nil},
		{"capital at the start of a heading", "## {{casusoverleg}} {#co}", nil, []string{`<h2 id="co">Casusoverleg <a`, "Link naar „Casusoverleg”"}, nil},
		{"capital form inside a sentence", "Klaar. {{Casusoverleg}} volgt.", nil, []string{"Klaar. Casusoverleg volgt."}, nil},
		{"no capital inside a sentence", "Na het {{casusoverleg}}.", nil, []string{"Na het casusoverleg."}, nil},
		{"capital in a list item", "- {{casusoverleg}} plannen", nil, []string{"<li>Casusoverleg plannen</li>"}, nil},
		{"capital in a table cell", "| A | B |\n|---|---|\n| {{casusoverleg}} | x |", nil, []string{`<th scope="row">Casusoverleg</th>`}, nil},
		{"regional value keeps its capitals", "## {{casusoverleg}}", map[string]string{"casusoverleg": "ZVH-MDO"}, []string{">ZVH-MDO <a"}, nil},
		{"marked national word", "Landelijk heet dit het {{landelijk:casusoverleg}}.", ico,
			[]string{`Landelijk heet dit het <span class="landelijk">casusoverleg</span>.`}, []string{"ICO"}},
		{"code span untouched", "Schrijf `{{casusoverleg}}` in je tekst.", ico, []string{"<code>{{casusoverleg}}</code>"}, []string{"ICO"}},
		{"code block untouched", "```\n{{casusoverleg}}\n```", ico, []string{"{{casusoverleg}}"}, []string{"ICO"}},
		{"escaped brace is literal", `Schrijf \{{casusoverleg}}.`, ico, []string{"Schrijf {{casusoverleg}}."}, []string{"ICO"}},
		{"in link text", "[het {{casusoverleg}}](/x)", ico, []string{`<a href="/x">het ICO</a>`}, nil},
		{"glossary id from the name, not the value", "{{Casusoverleg}}\n: uitleg", ico, []string{`<dt id="casusoverleg">ICO</dt>`}, nil},
		{"value is escaped", "Zie {{casusoverleg}}.", map[string]string{"casusoverleg": `<b>&amp;"x"`}, []string{"Zie &lt;b&gt;&amp;amp;&quot;x&quot;."}, []string{"<b>"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			html, d := renderNames(t, tc.src, tc.region)
			if d.Err != nil {
				t.Fatal(d.Err)
			}
			at := 0
			for _, w := range tc.want {
				i := strings.Index(html[at:], w)
				if i < 0 {
					t.Fatalf("missing (in order) %q in\n%s", w, html)
				}
				at += i + len(w)
			}
			for _, n := range tc.not {
				if strings.Contains(html, n) {
					t.Errorf("unexpected %q in\n%s", n, html)
				}
			}
		})
	}
}

// A value can never add Markdown structure: the structure is read before
// names are resolved, so a value with a heading stays text (issue 26).
func TestNameValueMakesNoStructure(t *testing.T) {
	evil := map[string]string{"casusoverleg": "\n\n## Delen mag altijd {#altijd}\n\n<script>x</script> [a](javascript:x) *nadruk*"}
	html, d := renderNames(t, "## Slot {#slot .locked}\n\nHet {{casusoverleg}} beslist.\n", evil)
	if d.Err != nil {
		t.Fatal(d.Err)
	}
	if len(d.Headings) != 1 || d.IDs["altijd"] {
		t.Errorf("headings = %v, ids = %v: the value added a heading", d.Headings, d.IDs)
	}
	for _, bad := range []string{"<h2 id=\"altijd\"", "<script", "<em>", `href="javascript`} {
		if strings.Contains(html, bad) {
			t.Errorf("value rendered as markup %q:\n%s", bad, html)
		}
	}
	if !strings.Contains(html, "## Delen mag altijd {#altijd}") {
		t.Errorf("value not shown as text:\n%s", html)
	}
}

func TestUnknownName(t *testing.T) {
	src := "# T\n\nHet {{casusoverlg}} en {{landelijk:bestaatniet}}.\n"
	_, d := renderNames(t, src, nil)
	if len(d.Errs) != 2 {
		t.Fatalf("errors = %v, want 2", d.Errs)
	}
	e := d.Errs[0]
	if e.Offset != strings.Index(src, "{{casusoverlg}}") {
		t.Errorf("offset = %d, want that of the placeholder", e.Offset)
	}
	for _, w := range []string{"onbekende naam {{casusoverlg}}", "bedoel je {{casusoverleg}}?", "casusoverleg, registratiesysteem"} {
		if !strings.Contains(e.Msg, w) {
			t.Errorf("message %q lacks %q", e.Msg, w)
		}
	}
	if !strings.Contains(d.Errs[1].Msg, "onbekende landelijke naam") {
		t.Errorf("second message = %q", d.Errs[1].Msg)
	}
}

func TestPlainTextHoldsNames(t *testing.T) {
	_, d := renderNames(t, "## Naar het {{casusoverleg}}\n", map[string]string{"casusoverleg": "ICO"})
	if got := d.Headings[0].Text; got != "Naar het ICO" {
		t.Errorf("heading text = %q", got)
	}
}

func TestExpandText(t *testing.T) {
	n := Names{Values: map[string]string{"casusoverleg": "casusoverleg"}, National: map[string]string{"casusoverleg": "casusoverleg"}}
	for in, want := range map[string]string{
		"{{casusoverleg}}":               "Casusoverleg",
		"Voor het {{casusoverleg}}":      "Voor het casusoverleg",
		`Schrijf \{{casusoverleg}}`:      "Schrijf {{casusoverleg}}",
		"Zonder plaatshouder":            "Zonder plaatshouder",
		"{{landelijk:casusoverleg}} ook": "Casusoverleg ook",
	} {
		got, errs := n.ExpandText(in)
		if got != want || errs != nil {
			t.Errorf("ExpandText(%q) = %q, %v; want %q", in, got, errs, want)
		}
	}
	if _, errs := n.ExpandText("Het {{ico}}"); len(errs) != 1 || errs[0].Offset != 4 {
		t.Errorf("unknown name: errs = %v", errs)
	}
}

func TestNamesKey(t *testing.T) {
	a := Names{Values: map[string]string{"a": "1", "b": "2"}}
	b := Names{Values: map[string]string{"b": "2", "a": "1"}}
	c := Names{Values: map[string]string{"a": "1", "b": "3"}}
	if a.Key() != b.Key() || a.Key() == c.Key() {
		t.Error("Key must depend on the names and values only")
	}
}
