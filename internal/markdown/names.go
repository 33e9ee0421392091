package markdown

import (
	"crypto/sha256"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/zvh-webtool/zvh/internal/suggest"
)

// Names are the values of the placeholders of one site. National content
// writes every name a region may rename as a placeholder, {{casusoverleg}},
// and each site shows its own value: "casusoverleg" on the national site,
// "ICO" in Zaanstreek-Waterland.
//
// A placeholder is an inline of its own (see nameParser), found after
// goldmark has read the block structure, so a value is always text: a value
// holding "\n\n## Kop" renders those characters, never a heading, and a
// placeholder in a locked section changes its words, never its structure.
//
// Three forms:
//
//	{{casusoverleg}}            the site's value; capitalised when it starts
//	                            a block (a heading, paragraph, list item,
//	                            table cell), so "## {{casusoverleg}}" reads "ICO"
//	                            or "Casusoverleg"
//	{{Casusoverleg}}            the site's value with a capital, for the
//	                            start of a sentence within a block
//	{{landelijk:casusoverleg}}  the national value on every site: a sentence
//	                            that names the national word on purpose
//	                            ("landelijk heet dit het casusoverleg"); it is
//	                            rendered in <span class="landelijk">
//
// A placeholder in code (a code span or block) stays as it is; "\{{" is a
// literal brace.
type Names struct {
	// Values maps a name to its text on this site: the national terms,
	// replaced by a region's own terms and facts.
	Values map[string]string
	// National maps a name to its national text, for {{landelijk:…}}.
	National map[string]string
	// Phases maps the file name of a phase (casusoverleg, for every
	// procesplaten/<plaat>/casusoverleg.md) to the title a region gives it.
	// It is here, not in a package of its own, because a phase title is a
	// name the region chooses like any other, and Key must cover it.
	Phases map[string]string
}

// Key is a hash of every name and value: pages that hold a placeholder
// parse alike under Names with the same Key.
func (n Names) Key() [32]byte {
	h := sha256.New()
	for _, m := range []map[string]string{n.Values, n.National, n.Phases} {
		for _, k := range slices.Sorted(func(yield func(string) bool) {
			for k := range m {
				if !yield(k) {
					return
				}
			}
		}) {
			fmt.Fprintf(h, "%q=%q\n", k, m[k])
		}
		h.Write([]byte{0})
	}
	var sum [32]byte
	h.Sum(sum[:0])
	return sum
}

// known lists the names a placeholder may use, sorted.
func (n Names) known() []string {
	var out []string
	for k := range n.Values {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// NationalPrefix marks a placeholder that names the national word on
// purpose: {{landelijk:casusoverleg}}.
const NationalPrefix = "landelijk:"

// lookup returns the text of the placeholder written as raw (between the
// braces), or an error message for an editor.
func (n Names) lookup(raw string) (value string, national bool, msg string) {
	name := strings.TrimSpace(raw)
	values := n.Values
	if rest, ok := strings.CutPrefix(name, NationalPrefix); ok {
		name, values, national = strings.TrimSpace(rest), n.National, true
	}
	capital := false
	if r, size := utf8.DecodeRuneInString(name); unicode.IsUpper(r) {
		name, capital = string(unicode.ToLower(r))+name[size:], true
	}
	v, ok := values[name]
	if !ok {
		known := n.known()
		hint := "."
		if c := suggest.Closest(name, known); c != "" {
			hint = fmt.Sprintf("; bedoel je {{%s}}?", c)
		}
		list := "geen"
		if len(known) > 0 {
			list = strings.Join(known, ", ")
		}
		if national {
			return "", true, fmt.Sprintf("onbekende landelijke naam {{%s}}%s Landelijke namen staan onder `terms` in site.yaml: %s", raw, hint, list)
		}
		return "", false, fmt.Sprintf("onbekende naam {{%s}}%s Bekende namen (`terms` in site.yaml, `terms` en `facts` in regio.yaml): %s", raw, hint, list)
	}
	if capital {
		v = Capitalize(v)
	}
	return v, national, ""
}

// Capitalize returns s with its first letter upper case.
func Capitalize(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}

// placeholderText finds placeholders in text that is not Markdown, such as a
// front matter title.
var placeholderText = regexp.MustCompile(`\{\{([^{}\n]*)\}\}`)

// ExpandText replaces the placeholders of s, text that is not Markdown (a
// title, a description, a scenario), and capitalises a value that starts
// s. Each problem is a ParseError at its byte offset in s. "\{{" stays a
// literal "{{".
func (n Names) ExpandText(s string) (string, []*ParseError) {
	if !strings.Contains(s, "{{") {
		return s, nil
	}
	var b strings.Builder
	var errs []*ParseError
	last := 0
	for _, m := range placeholderText.FindAllStringSubmatchIndex(s, -1) {
		if m[0] > 0 && s[m[0]-1] == '\\' {
			b.WriteString(s[last : m[0]-1])
			last = m[0]
			continue
		}
		v, _, msg := n.lookup(s[m[2]:m[3]])
		if msg != "" {
			errs = append(errs, &ParseError{Offset: m[0], Msg: msg})
			continue
		}
		if strings.TrimSpace(s[:m[0]]) == "" {
			v = Capitalize(v)
		}
		b.WriteString(s[last:m[0]])
		b.WriteString(v)
		last = m[1]
	}
	b.WriteString(s[last:])
	return b.String(), errs
}

// KindName is the kind of a placeholder node.
var KindName = ast.NewNodeKind("Name")

// Name is a placeholder in the AST, already resolved: Value is the text a
// reader sees. Msg is set, and Value empty, when the name is unknown.
type Name struct {
	ast.BaseInline
	Raw      string // what stands between the braces
	Value    string
	National bool // {{landelijk:…}}: a marked use of the national word
	Offset   int  // of the first brace in the source
	Msg      string
}

// Kind implements ast.Node.
func (n *Name) Kind() ast.NodeKind { return KindName }

// Dump implements ast.Node.
func (n *Name) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Raw": n.Raw, "Value": n.Value}, nil)
}

// namesKey is where Parse puts the Names of its Converter in goldmark's
// parser context.
var namesKey = parser.NewContextKey()

// nameParser reads {{name}} as an inline. It runs after the block
// structure is known, so a value can never add a block.
type nameParser struct{}

func (nameParser) Trigger() []byte { return []byte{'{'} }

func (nameParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) < 4 || line[1] != '{' {
		return nil
	}
	end := strings.Index(string(line[2:]), "}}")
	if end < 0 {
		return nil
	}
	raw := string(line[2 : 2+end])
	if strings.ContainsAny(raw, "{}") {
		return nil
	}
	names, _ := pc.Get(namesKey).(Names)
	v, national, msg := names.lookup(raw)
	// A value at the very start of a block starts a sentence.
	if msg == "" && parent.FirstChild() == nil && atBlockStart(parent, seg.Start, block.Source()) {
		v = Capitalize(v)
	}
	block.Advance(end + 4)
	return &Name{Raw: raw, Value: v, National: national, Offset: seg.Start, Msg: msg}
}

// atBlockStart reports whether offset is the first non-space byte of
// block's first line.
func atBlockStart(block ast.Node, offset int, src []byte) bool {
	lines := block.Lines()
	if lines == nil || lines.Len() == 0 {
		return true // a table cell, whose text goldmark keeps elsewhere
	}
	first := lines.At(0)
	i := first.Start
	for i < first.Stop && i < len(src) && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	return i == offset
}

// renderName writes a placeholder's value as text.
func renderName(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*Name)
	href := ""
	if nt, ok := contextOf(w).(nameTerms); ok {
		href, _ = nt.NameTerm(n)
	}
	if href != "" {
		w.WriteString(`<a href="`)
		w.Write(util.EscapeHTML(util.URLEscape([]byte(href), true)))
		w.WriteString(`" class="term">`)
	}
	if n.National {
		w.WriteString(`<span class="landelijk">`)
	}
	w.Write(util.EscapeHTML([]byte(n.Value)))
	if n.National {
		w.WriteString(`</span>`)
	}
	if href != "" {
		w.WriteString("</a>")
	}
	return ast.WalkContinue, nil
}

// nameTerms is what a Context may add for placeholders: the glossary link
// of one whose value is a glossary term, as Terms gives those of text.
type nameTerms interface {
	NameTerm(n *Name) (href string, ok bool)
}

// namesExtension adds placeholders to a goldmark Markdown.
type namesExtension struct{}

// Extend implements goldmark.Extender.
func (namesExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(nameParser{}, 900)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(nameRenderer{}, 100)))
}

type nameRenderer struct{}

func (nameRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindName, renderName)
}

// sourceText is PlainText with every placeholder as its name rather than
// its value, so an id made from it is the same on every site: the glossary
// entry {{Casusoverleg}} is #casusoverleg in a region that calls it ICO
// too, and links to it hold everywhere (headings get such ids already, as
// goldmark makes them from the source).
func sourceText(n ast.Node, src []byte) string { return plainText(n, src, true) }
