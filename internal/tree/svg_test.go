package tree

import (
	"bytes"
	"encoding/xml"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/zvh-webtool/zvh/internal/golden"
)

func href(id string) string { return "../" + id + "/" }

// TestSVGGolden compares the diagrams of the fixture trees with the files
// in testdata byte for byte. Run go test -update to rewrite them after an
// intended change, and look at the result in a browser.
func TestSVGGolden(t *testing.T) {
	for _, name := range []string{"valid", "large"} {
		t.Run(name, func(t *testing.T) {
			tr, errs := load(t, name+".md")
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			got := tr.SVG(SVGOptions{Title: "Beslisboom " + name, Href: href})
			if again := tr.SVG(SVGOptions{Title: "Beslisboom " + name, Href: href}); !bytes.Equal(got, again) {
				t.Fatal("two drawings of the same tree differ")
			}
			file := "testdata/" + name + ".svg"
			if *update {
				if err := os.WriteFile(file, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the drawing (run go test -update to accept):\n%s", file, golden.Diff(want, got))
			}
		})
	}
}

// element is a generic XML element, for checking the drawing's structure.
type element struct {
	XMLName  xml.Name
	Attrs    []xml.Attr `xml:",any,attr"`
	Children []element  `xml:",any"`
	Text     string     `xml:",chardata"`
}

func (e element) attr(name string) (string, bool) {
	for _, a := range e.Attrs {
		if a.Name.Local == name {
			return a.Value, true
		}
	}
	return "", false
}

func (e element) walk(f func(element)) {
	f(e)
	for _, c := range e.Children {
		c.walk(f)
	}
}

// TestSVGStructure parses the drawing as XML and checks what the site and
// its Content-Security-Policy rely on: a group and a link per node, titles,
// a viewBox, and no inline style anywhere.
func TestSVGStructure(t *testing.T) {
	for _, name := range []string{"valid.md", "large.md", "cycle.md", "unknown-node.md"} {
		t.Run(name, func(t *testing.T) {
			tr, _ := load(t, name)
			src := tr.SVG(SVGOptions{Title: "Boom & <co>", Href: func(id string) string { return "zvh:/beslisbomen/t/" + id + "/" }})
			var root element
			if err := xml.Unmarshal(src, &root); err != nil {
				t.Fatalf("not well-formed XML: %v", err)
			}
			if root.XMLName.Local != "svg" || root.XMLName.Space != "http://www.w3.org/2000/svg" {
				t.Errorf("root is %v", root.XMLName)
			}
			if vb, _ := root.attr("viewBox"); !strings.HasPrefix(vb, "0 0 ") {
				t.Errorf("viewBox = %q", vb)
			}
			if _, ok := root.attr("role"); ok {
				t.Error("the root has a role")
			}
			if len(root.Children) == 0 || root.Children[0].XMLName.Local != "title" || root.Children[0].Text != "Boom & <co>" {
				t.Error("the first child is not the diagram's title")
			}
			groups := map[string]element{}
			root.walk(func(e element) {
				if e.XMLName.Local == "style" || e.XMLName.Local == "script" || e.XMLName.Local == "foreignObject" {
					t.Errorf("found a <%s> element", e.XMLName.Local)
				}
				for _, a := range e.Attrs {
					if a.Name.Local == "style" || strings.HasPrefix(a.Name.Local, "on") {
						t.Errorf("<%s> has a %s attribute", e.XMLName.Local, a.Name.Local)
					}
				}
				if id, ok := e.attr("id"); ok {
					if _, dup := groups[id]; dup {
						t.Errorf("id %q is used twice", id)
					}
					groups[id] = e
				}
			})
			for _, n := range tr.Nodes {
				g, ok := groups["node-"+n.ID]
				if !ok || g.XMLName.Local != "g" {
					t.Errorf("#%s has no group node-%s", n.ID, n.ID)
					continue
				}
				class, _ := g.attr("class")
				wantClass := "node node--question"
				if n.Outcome {
					wantClass = strings.TrimSpace("node node--outcome node--" + string(n.Verdict))
					if n.Verdict == "" {
						wantClass = "node node--outcome"
					}
				}
				if class != wantClass {
					t.Errorf("#%s: class %q, want %q", n.ID, class, wantClass)
				}
				if len(g.Children) != 1 || g.Children[0].XMLName.Local != "a" {
					t.Errorf("#%s: the group does not hold just a link", n.ID)
					continue
				}
				a := g.Children[0]
				if h, _ := a.attr("href"); h != "zvh:/beslisbomen/t/"+n.ID+"/" {
					t.Errorf("#%s: href %q", n.ID, h)
				}
				if len(a.Children) == 0 || a.Children[0].XMLName.Local != "title" || !strings.HasSuffix(a.Children[0].Text, n.Title) {
					t.Errorf("#%s: the link does not start with a title naming the node", n.ID)
				}
				if n.Outcome {
					var words []string
					a.walk(func(e element) {
						if c, _ := e.attr("class"); c == "node__verdict" {
							words = append(words, chardata(e))
						}
					})
					if want := strings.ToUpper(n.Verdict.Label()); len(words) != 1 || words[0] != want {
						t.Errorf("#%s: verdict in words %q, want %q", n.ID, words, want)
					}
				}
			}
		})
	}
}

// chardata returns the character data of e and its descendants.
func chardata(e element) string {
	var b strings.Builder
	e.walk(func(c element) { b.WriteString(c.Text) })
	return b.String()
}

// TestSVGEscapes draws a tree whose text needs escaping and checks that
// the result is still well-formed XML.
func TestSVGEscapes(t *testing.T) {
	tr, _ := parseBody("## Mag A & B als 1 < 2? {#a}\n\n- [\"Ja\" & ook](#b)\n- [Nee\x01](#b)\n\n## B {#b .uitkomst}\n\n[x](x.md)\n")
	src := tr.SVG(SVGOptions{Title: "\xff", Href: func(id string) string { return "?a=1&b=\"" + id }})
	d := xml.NewDecoder(bytes.NewReader(src))
	for {
		if _, err := d.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("%v in\n%s", err, src)
		}
	}
	if !bytes.Contains(src, []byte("Mag A &amp; B als 1 &lt; 2?")) {
		t.Errorf("title not escaped:\n%s", src)
	}
}

func TestWrap(t *testing.T) {
	tests := []struct {
		s     string
		width float64
		want  []string
	}{
		{"", 100, nil},
		{"Ja", 100, []string{"Ja"}},
		{"Is het doel van de casus vastgesteld?", 180, []string{"Is het doel van de casus", "vastgesteld?"}},
		{"a b", 5, []string{"a", "b"}},
		{"Gegevensbeschermingseffectbeoordeling", 100, []string{"Gegevensbesc", "hermingseffectb", "eoordeling"}},
		{"Financiën  en   zorg", 1000, []string{"Financiën en zorg"}},
	}
	for _, tt := range tests {
		got := wrap(tt.s, tt.width, 14, false)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("wrap(%q, %v) = %q, want %q", tt.s, tt.width, got, tt.want)
		}
		for _, line := range got {
			if w := textWidth(line, 14, false); w > tt.width && len([]rune(line)) > 1 {
				t.Errorf("wrap(%q): line %q is %.1f wide, more than %v", tt.s, line, w, tt.width)
			}
		}
	}
	if a, e := textWidth("é", 14, false), textWidth("e", 14, false); a != e {
		t.Errorf("é is %v wide, e %v", a, e)
	}
}

func TestInversions(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	for range 200 {
		s := make([]int, r.IntN(40))
		for i := range s {
			s[i] = r.IntN(10)
		}
		want := 0
		for i := range s {
			for j := i + 1; j < len(s); j++ {
				if s[i] > s[j] {
					want++
				}
			}
		}
		if got := inversions(slices.Clone(s), make([]int, len(s))); got != want {
			t.Fatalf("inversions(%v) = %d, want %d", s, got, want)
		}
	}
}

// TestAppendNum pins the number format of the drawing: rounded to one
// decimal, as short as possible, and never -0, NaN or Inf.
func TestAppendNum(t *testing.T) {
	tests := []struct {
		v    float64
		want string
	}{
		{0, "0"},
		{math.Copysign(0, -1), "0"},
		{-0.04, "0"},
		{0.04, "0"},
		{0.05, "0.1"},
		{-0.05, "-0.1"},
		{12, "12"},
		{12.34, "12.3"},
		{-12.35, "-12.4"},
		{123456789.06, "123456789.1"},
		{1e21, "1000000000000000000000"},
		{math.NaN(), "0"},
		{math.Inf(1), "0"},
		{math.Inf(-1), "0"},
		{math.MaxFloat64, "0"}, // ten times it is Inf
	}
	for _, tt := range tests {
		if got := string(appendNum([]byte("x"), tt.v)); got != "x"+tt.want {
			t.Errorf("appendNum(%v) = %q, want %q", tt.v, got, "x"+tt.want)
		}
	}
	// Below 10¹⁴ appendNum writes integers; it must give what formatting
	// the rounded float does, at every magnitude and near the switch.
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 100000 {
		v := (r.Float64() - 0.5) * math.Pow(10, float64(i%22-3))
		if i%7 == 0 {
			v = math.Copysign(1e14, v) + v/1e5
		}
		want := strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
		if want == "-0" {
			want = "0"
		}
		if got := string(appendNum(nil, v)); got != want {
			t.Fatalf("appendNum(%v) = %q, want %q", v, got, want)
		}
	}
}

// TestAppendEsc checks the escapes, and that what XML cannot hold becomes
// one U+FFFD per invalid byte or forbidden character.
func TestAppendEsc(t *testing.T) {
	tests := []struct{ s, want string }{
		{"", ""},
		{"Ja", "Ja"},
		{`A & "B" <c>`, "A &amp; &quot;B&quot; &lt;c&gt;"},
		{"tab\tnl\ncr\r", "tab\tnl\ncr\r"},
		{"x\x00y\x1f", "x\uFFFDy\uFFFD"},
		{"„é”", "„é”"},
		{"\uFFFE\uFFFFz", "\uFFFD\uFFFDz"},
		{"a\xffb", "a\uFFFDb"},
		{"\xe2\x80„", "\uFFFD\uFFFD„"},
		{"\uFFFD", "\uFFFD"},
		{"\xed\xa0\x80", "\uFFFD\uFFFD\uFFFD"}, // an encoded surrogate
	}
	for _, tt := range tests {
		if got := string(appendEsc([]byte("x"), tt.s)); got != "x"+tt.want {
			t.Errorf("appendEsc(%q) = %q, want %q", tt.s, got, "x"+tt.want)
		}
	}
}
