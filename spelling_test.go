package zvh_test

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"

	"github.com/zvh-webtool/zvh"
	"github.com/zvh-webtool/zvh/internal/ci"
	"github.com/zvh-webtool/zvh/internal/frontmatter"
	"github.com/zvh-webtool/zvh/internal/markdown"
	"github.com/zvh-webtool/zvh/internal/site"
)

var placeholder = regexp.MustCompile(`\{\{[a-z_ ]+\}\}`)

// needTool returns the path of a program, or skips the test without it;
// in CI a missing program is a failure, never a skip (package ci).
func needTool(t *testing.T, name, why string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err == nil {
		return p
	}
	ci.Missing(t, fmt.Sprintf("%s is not installed (%s); run scripts/test to install it", name, why))
	return ""
}

// prose returns the words a reader sees in a content file: front matter
// texts and Markdown text, without code, URLs or YAML keys.
func prose(t *testing.T, md *markdown.Converter, file string, src []byte) string {
	t.Helper()
	yml, body, _, err := frontmatter.Split(file, src)
	if err != nil && strings.HasPrefix(file, "content/regio/") {
		yml, body, err = nil, src, nil // a region's aanvulling needs no front matter
	}
	if err != nil {
		t.Fatal(err)
	}
	meta, _ := frontmatter.Decode(file, yml, site.FrontMatterKind(strings.TrimPrefix(file, "content/")))
	var b strings.Builder
	for _, s := range append([]string{meta.Title, meta.Description, meta.Law, meta.Article}, append(meta.Questions, meta.Roles...)...) {
		b.WriteString(s + "\n")
	}
	body = placeholder.ReplaceAll(body, nil) // {{name}}: a region's term, checked in regio.yaml
	doc := md.Parse(body)
	_ = ast.Walk(doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.Type() == ast.TypeBlock {
			b.WriteByte('\n')
		}
		switch n.(type) {
		case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.CodeSpan, *ast.AutoLink:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			t := n.(*ast.Text)
			b.Write(t.Value(doc.Src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.WriteString(markdown.Typographic(n.(*ast.String)))
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// TestSpelling runs hunspell with the Dutch dictionary over the text of
// every content page. Domain words the dictionary lacks are listed in
// testdata/woorden.txt.
func TestSpelling(t *testing.T) {
	ci.Slow(t, "the spelling check of all content")
	hunspell := needTool(t, "hunspell", "Dutch spelling check")
	if _, err := os.Stat("/usr/share/hunspell/nl.dic"); err != nil {
		ci.Missing(t, "the Dutch dictionary (Debian package hunspell-nl) is missing; run scripts/test to install it")
	}
	md := markdown.New()
	var text strings.Builder
	files := map[string]string{}
	err := fs.WalkDir(zvh.Base, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".md" {
			return err
		}
		src, err := fs.ReadFile(zvh.Base, p)
		if err != nil {
			return err
		}
		pr := prose(t, md, p, src)
		files[p] = pr
		text.WriteString(pr + "\n")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(hunspell, "-d", "nl", "-p", "testdata/woorden.txt", "-l")
	cmd.Stdin = strings.NewReader(text.String())
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("hunspell: %v", err)
	}
	known := map[string]bool{}
	list, _ := os.ReadFile("testdata/woorden.txt")
	for _, w := range strings.Fields(string(list)) {
		known[w] = true
	}
	var bad []string
	for _, w := range strings.Fields(string(out)) {
		// hunspell's Dutch word characters include the full stop, so a
		// word at the end of a sentence comes back with it.
		if w = strings.TrimRight(w, "."); w != "" && !known[w] {
			bad = append(bad, w)
		}
	}
	bad = slices.Compact(slices.Sorted(slices.Values(bad)))
	for _, w := range bad {
		var where []string
		for f, pr := range files {
			if strings.Contains(pr, w) {
				where = append(where, f)
			}
		}
		slices.Sort(where)
		t.Errorf("unknown word %q in %s", w, strings.Join(where, ", "))
	}
}

// TestSpellingCatchesATypo proves the spelling check can fail.
func TestSpellingCatchesATypo(t *testing.T) {
	hunspell := needTool(t, "hunspell", "Dutch spelling check")
	cmd := exec.Command(hunspell, "-d", "nl", "-p", "testdata/woorden.txt", "-l")
	cmd.Stdin = strings.NewReader("De procesregisseur deelt de gegevns met de ZVH.")
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Fields(string(out)); !slices.Equal(got, []string{"gegevns"}) {
		t.Errorf("hunspell found %q, want only the typo", got)
	}
}
