package tree

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zvh-webtool/zvh/internal/diag"
	"github.com/zvh-webtool/zvh/internal/markdown"
)

func TestSlowScratch(t *testing.T) {
	files, _ := filepath.Glob("/root/.cache/go-build/fuzz/github.com/zvh-webtool/zvh/internal/tree/FuzzParse/*")
	md := markdown.New()
	for _, f := range files {
		b, _ := os.ReadFile(f)
		lines := strings.SplitN(string(b), "\n", 2)
		body := strings.TrimSpace(lines[1])
		body = strings.TrimPrefix(body, "[]byte(")
		body = strings.TrimSuffix(body, ")")
		src, err := strconv.Unquote(body)
		if err != nil { continue }
		for _, step := range []string{"md", "parse", "depth", "paths", "svg"} {
			start := time.Now()
			var tr *Tree
			func() {
				defer func() { recover() }()
				doc := md.Parse([]byte(src))
				if step == "md" { return }
				tr, _ = Parse(doc, diag.NewLines("f.md", []byte(src), 1), "")
				switch step {
				case "depth": tr.Depth()
				case "paths": if routeBound(tr) <= 1e4 { tr.Paths() }
				case "svg": tr.SVG(SVGOptions{})
				}
			}()
			if d := time.Since(start); d > 50*time.Millisecond {
				t.Logf("%s %s %v len=%d", filepath.Base(f), step, d, len(src))
			}
		}
	}
}
