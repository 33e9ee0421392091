package tree

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/zvh-webtool/zvh/internal/diag"
	"github.com/zvh-webtool/zvh/internal/frontmatter"
	"github.com/zvh-webtool/zvh/internal/markdown"
)

var update = flag.Bool("update", false, "rewrite golden files")

// load parses a tree file the way the site does: front matter split off,
// body positions mapped to real file lines.
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
	return Parse(markdown.New().Parse(body), diag.NewLines(file, body, line), meta.Start)
}

func lines(errs diag.List) []string {
	var out []string
	for _, d := range errs {
		out = append(out, d.Error())
	}
	return out
}

func TestParseRules(t *testing.T) {
	tests := []struct {
		file string
		want []string
	}{
	}
	for _, tt := range tests {
		t.Run(strings.TrimSuffix(tt.file, ".md"), func(t *testing.T) {
			_, errs := load(t, tt.file)
			if got := lines(errs); !slices.Equal(got, tt.want) {
				t.Errorf("diagnostics:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestDump(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.md")
	for _, f := range files {
		_, errs := load(t, filepath.Base(f))
		t.Logf("%s\n%s", f, strings.Join(lines(errs), "\n"))
	}
}

func TestDumpScenarios(t *testing.T) {
	tr, _ := load(t, "valid.md")
	files, _ := filepath.Glob("testdata/*.yaml")
	for _, f := range files {
		src, _ := os.ReadFile(f)
		sc, errs := ParseScenarios(f, src)
		errs.Append(tr.CheckScenarios(sc))
		t.Logf("%s (%d)\n%s", f, len(sc), strings.Join(lines(errs), "\n"))
	}
}
