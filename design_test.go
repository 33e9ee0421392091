package zvh_test

import (
	"go/build"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/zvh-webtool/zvh/internal/csp"
)

// designFile is where the design of zvh lives; code, tests and the README
// cite it by this path.
const designFile = "docs/DESIGN.md"

// bareDesign is a mention of the design file by its bare name, which does
// not say where it is.
var bareDesign = regexp.MustCompile(`(^|[^/\w])DESIGN\.md`)

// TestDesignReferences holds every mention of the design file to its path,
// so a reader who follows one finds the file.
func TestDesignReferences(t *testing.T) {
	if _, err := os.Stat(designFile); err != nil {
		t.Fatalf("%s: %v", designFile, err)
	}
	walkRepo(t, func(p string, b []byte) {
		switch filepath.Ext(p) {
		case ".go", ".md", ".js", ".css", ".html", ".sh", "":
		default:
			return
		}
		for i, line := range strings.Split(string(b), "\n") {
			if bareDesign.MatchString(line) {
				t.Errorf("%s:%d: names the design file without its folder; write %s", p, i+1, designFile)
			}
		}
	})
}

// walkRepo calls f with the slash path and the bytes of every file of the
// repository, leaving out hidden folders, node_modules and build output.
func walkRepo(t *testing.T, f func(path string, b []byte)) {
	t.Helper()
	err := filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); p != "." && (strings.HasPrefix(name, ".") || name == "node_modules" || name == "public" || name == "screenshots") {
				return filepath.SkipDir
			}
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		f(filepath.ToSlash(p), b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestDesignStatesThePolicy holds the security-header contract of the
// design file to the policy the pages carry: changing the one without the
// other fails here.
func TestDesignStatesThePolicy(t *testing.T) {
	b, err := os.ReadFile(designFile)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	_, after, ok := strings.Cut(text, "### Security headers")
	if !ok {
		t.Fatalf("%s has no section \"### Security headers\"", designFile)
	}
	_, block, ok := strings.Cut(after, "```\n")
	if ok {
		block, _, ok = strings.Cut(block, "```")
	}
	if !ok {
		t.Fatalf("%s: the security headers section has no code block with the policy", designFile)
	}
	if got := strings.Join(strings.Fields(block), " "); got != csp.Policy {
		t.Errorf("%s states the policy\n%s\nbut the pages carry\n%s", designFile, got, csp.Policy)
	}
}

// stageRank orders the packages of the build as docs/DESIGN.md describes
// them: a package may import only packages of a lower rank, and the leaf
// packages (rank 0, every package not named here) only each other.
var stageRank = map[string]int{
	"internal/load":   1,
	"internal/index":  2,
	"internal/render": 3,
	"internal/output": 3,
	"internal/site":   4,
	"internal/region": 5,
	"internal/serve":  5,
	"cmd/zvh":         6,
}

// TestStagesImportDownward holds the import graph to the stages: no stage
// imports a later one, no leaf package imports a stage, and the runners
// (region, serve) do not import each other.
func TestStagesImportDownward(t *testing.T) {
	const module = "github.com/zvh-webtool/zvh/"
	dirs, _ := filepath.Glob("internal/*")
	dirs = append(dirs, "cmd/zvh")
	for _, dir := range dirs {
		dir = filepath.ToSlash(dir)
		pkg, err := build.ImportDir(dir, 0)
		if err != nil {
			continue // no Go files besides tests
		}
		for _, imp := range pkg.Imports {
			to, ok := strings.CutPrefix(imp, module)
			if !ok {
				continue
			}
			from, rank := stageRank[dir], stageRank[to]
			if rank > from || rank == from && from != 0 {
				t.Errorf("%s imports %s: a stage imports only earlier stages and leaf packages (docs/DESIGN.md, Architecture)", dir, to)
			}
		}
	}
}
