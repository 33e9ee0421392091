package markdown

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"

	"github.com/zvh-webtool/zvh/internal/ci"
)

// specExample is one example of the CommonMark specification, as goldmark
// ships them in its module (_test/spec.json).
type specExample struct {
	Markdown string `json:"markdown"`
	Example  int    `json:"example"`
	Section  string `json:"section"`
}

// specExamples reads the CommonMark examples from the goldmark module this
// build uses.
func specExamples(t *testing.T) []specExample {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/yuin/goldmark").Output()
	dir := strings.TrimSpace(string(out))
	if err != nil || dir == "" {
		ci.Missing(t, "the goldmark module is not in the module cache (go mod download)")
	}
	b, err := os.ReadFile(filepath.Join(dir, "_test", "spec.json"))
	if err != nil {
		ci.Missing(t, "goldmark's CommonMark examples: "+err.Error())
	}
	var ex []specExample
	if err := json.Unmarshal(b, &ex); err != nil {
		t.Fatal(err)
	}
	return ex
}

// plainGoldmark is goldmark with the extensions and parser options of New
// and nothing of our own: no transformer, no node renderer.
func plainGoldmark() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(
			extension.GFM,
			extension.Footnote,
			extension.DefinitionList,
			extension.NewTypographer(extension.WithTypographicSubstitutions(map[extension.TypographicPunctuation]string{
				extension.LeftDoubleQuote:  "&bdquo;",
				extension.RightDoubleQuote: "&rdquo;",
				extension.LeftSingleQuote:  "&lsquo;",
				extension.RightSingleQuote: "&rsquo;",
			})),
		),
		goldmark.WithParserOptions(parser.WithAttribute(), parser.WithAutoHeadingID()),
	)
}

// changed reports whether the document holds a feature whose HTML is ours
// by design: an h2 or h3 (its anchor link), code blocks (chroma), images
// (resolved to the site's assets, else left out) and tables (a scroll
// region).
func changed(root ast.Node) bool {
	found := false
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *ast.Heading:
			found = found || n.Level == 2 || n.Level == 3
		case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.Image, *east.Table:
			found = true
		}
		return ast.WalkContinue, nil
	})
	return found
}

// TestCommonMarkAsGoldmark renders the examples of the CommonMark
// specification through New and through plain goldmark with the same
// extensions, and requires the same HTML wherever the example uses no
// feature we render differently on purpose. Our renderers of text and
// links and our transformers are meant to change nothing else: this is
// where an upgrade of goldmark that makes them drift shows.
func TestCommonMarkAsGoldmark(t *testing.T) {
	examples := specExamples(t)
	c, plain := New(), plainGoldmark()
	compared := 0
	for _, ex := range examples {
		src := []byte(ex.Markdown)
		d := c.Parse(src)
		if d.Err != nil || changed(d.Root) {
			continue
		}
		var ours, theirs bytes.Buffer
		if err := c.Render(&ours, d, d.Root); err != nil {
			t.Errorf("example %d (%s): %v", ex.Example, ex.Section, err)
			continue
		}
		if err := plain.Convert(src, &theirs); err != nil {
			t.Errorf("example %d (%s): goldmark: %v", ex.Example, ex.Section, err)
			continue
		}
		compared++
		if ours.String() != theirs.String() {
			t.Errorf("example %d (%s) of\n%s\nours:\n%s\ngoldmark:\n%s", ex.Example, ex.Section, ex.Markdown, ours.String(), theirs.String())
		}
	}
	// Most examples must take part, or the test proves little.
	if compared < len(examples)*2/3 {
		t.Errorf("only %d of %d examples compared", compared, len(examples))
	}
	t.Logf("%d of %d examples compared", compared, len(examples))
}
