package zvh_test

import (
	"go/parser"
	"go/token"
	"strconv"
	"strings"
	"testing"
)

// TestImportGroups holds every Go file to one layout of its imports: the
// standard library first, in a group of its own, then the other modules;
// gofmt sorts within a group but never moves an import between groups.
func TestImportGroups(t *testing.T) {
	walkRepo(t, func(p string, b []byte) {
		if !strings.HasSuffix(p, ".go") || strings.Contains("/"+p, "/testdata/") {
			return
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, p, b, parser.ImportsOnly)
		if err != nil {
			t.Error(err)
			return
		}
		prevLine, prevStd, seenOther := 0, false, false
		for i, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			std := !strings.Contains(strings.Split(path, "/")[0], ".")
			line := fset.Position(imp.Pos()).Line
			sameGroup := i > 0 && line == prevLine+1
			switch {
			case std && seenOther:
				t.Errorf("%s:%d: standard library import %q after other modules", p, line, path)
			case sameGroup && std != prevStd:
				t.Errorf("%s:%d: %q shares a group with imports of the other kind", p, line, path)
			}
			seenOther = seenOther || !std
			prevLine, prevStd = line, std
		}
	})
}
