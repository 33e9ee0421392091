package site

import (
	"bytes"
	"io/fs"
	"testing"

	"github.com/yuin/goldmark"

	"github.com/zvh-webtool/zvh"
	"github.com/zvh-webtool/zvh/internal/frontmatter"
)

// BenchmarkBuildNational builds the whole shipped national site in memory.
// Budget (docs/DESIGN.md): at most 100 ms.
func BenchmarkBuildNational(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, errs := Build(Options{FS: zvh.Base}); errs != nil {
			b.Fatal(errs)
		}
	}
}

// BenchmarkBareGoldmark converts the same Markdown bodies with a default
// goldmark and nothing else: the floor that BenchmarkBuildNational is
// compared with (budget: at most 1.5 times this).
func BenchmarkBareGoldmark(b *testing.B) {
	var bodies [][]byte
	_ = fs.WalkDir(zvh.Base, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || len(p) < 3 || p[len(p)-3:] != ".md" {
			return err
		}
		src, _ := fs.ReadFile(zvh.Base, p)
		if _, body, _, err := frontmatter.Split(p, src); err == nil {
			bodies = append(bodies, body)
		}
		return nil
	})
	md := goldmark.New()
	var out bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		for _, body := range bodies {
			out.Reset()
			if err := md.Convert(body, &out); err != nil {
				b.Fatal(err)
			}
		}
	}
}
