package zvh_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestImportGroups holds every Go file to one layout of its imports: the
// standard library first, in a group of its own, then the other modules;
// gofmt sorts within a group but never moves an import between groups.
func TestImportGroups(t *testing.T) {
	err := filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); p != "." && (strings.HasPrefix(name, ".") || name == "node_modules" || name == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") {
			return nil
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, p, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		prevLine, prevStd, seenOther := 0, false, false
		for i, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			std := !strings.Contains(strings.Split(path, "/")[0], ".")
			line := fset.Position(imp.Pos()).Line
			sameGroup := i > 0 && line == prevLine+1
			switch {
			case std && seenOther:
				t.Errorf("%s:%d: standard library import %q after other modules", filepath.ToSlash(p), line, path)
			case sameGroup && std != prevStd:
				t.Errorf("%s:%d: %q shares a group with imports of the other kind", filepath.ToSlash(p), line, path)
			}
			seenOther = seenOther || !std
			prevLine, prevStd = line, std
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
