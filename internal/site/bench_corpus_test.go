package site

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"testing/fstest"

	"github.com/zvh-webtool/zvh"
	"github.com/zvh-webtool/zvh/internal/corpus"
	"github.com/zvh-webtool/zvh/internal/frontmatter"
	"github.com/zvh-webtool/zvh/internal/layerfs"
	"github.com/zvh-webtool/zvh/internal/markdown"
)

func corpusFS(n, sections int) *layerfs.FS {
	files := fstest.MapFS{}
	for name, b := range corpus.Files(n, sections) {
		files[name] = &fstest.MapFile{Data: b}
	}
	return layerfs.New(layerfs.Layer{Name: "corpus", FS: files}, layerfs.Layer{Name: "national", FS: withoutContent{zvh.Base}})
}

func benchCorpus(b *testing.B, n, sections int) {
	fsys := corpusFS(n, sections)
	b.ReportAllocs()
	for b.Loop() {
		if _, errs := Build(Options{FS: fsys}); errs != nil {
			b.Fatal(errs)
		}
	}
}

func BenchmarkBuild1000(b *testing.B)  { benchCorpus(b, 1000, 10) }
func BenchmarkBuild10000(b *testing.B) { benchCorpus(b, 10000, 100) }

// BenchmarkFloor is the least any generator must do for the 1,000-page
// corpus: the same Markdown through goldmark with the same extensions
// (parse and render, highlighting included) and the same number of bytes
// written to disk as the build writes. The build is compared with it.
func BenchmarkFloor1000(b *testing.B)  { benchFloor(b, 1000, 10) }
func BenchmarkFloor10000(b *testing.B) { benchFloor(b, 10000, 100) }

func benchFloor(b *testing.B, n, sections int) {
	fsys := corpusFS(n, sections)
	res, errs := Build(Options{FS: fsys})
	if errs != nil {
		b.Fatal(errs)
	}
	size := res.Size()
	var bodies [][]byte
	for _, f := range corpus.Files(n, sections) {
		if _, body, _, err := frontmatter.Split("", f); err == nil {
			bodies = append(bodies, body)
		}
	}
	md := markdown.New()
	dir := b.TempDir()
	b.ReportAllocs()
	for b.Loop() {
		var out bytes.Buffer
		for _, body := range bodies {
			d := md.Parse(body)
			if err := md.Render(&out, d, d.Root); err != nil {
				b.Fatal(err)
			}
		}
		// Write as many bytes as the build does, in as many files.
		chunk := make([]byte, size/max(res.Pages, 1))
		for i := range res.Pages {
			if err := os.WriteFile(filepath.Join(dir, strconv.Itoa(i)), chunk, 0o644); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkWrite1000 is the whole build of the corpus including writing it
// to disk (site.Write), the counterpart of the floor.
func BenchmarkWrite1000(b *testing.B) {
	fsys := corpusFS(1000, 10)
	dir := filepath.Join(b.TempDir(), "public")
	b.ReportAllocs()
	for b.Loop() {
		if _, errs := Write(Options{FS: fsys}, dir); errs != nil {
			b.Fatal(errs)
		}
	}
}

// BenchmarkIncrementalNational re-renders the shipped national site after
// an edit to one page body (budget: under 50 ms).
func BenchmarkIncrementalNational(b *testing.B) {
	benchIncremental(b, layerfs.Layer{Name: "national", FS: zvh.Base}, "content/spelregels.md")
}

// BenchmarkIncremental1000 does the same in the 1,000-page corpus.
func BenchmarkIncremental1000(b *testing.B) {
	benchIncremental(b, layerfs.Layer{Name: "corpus", FS: corpusFS(1000, 10)}, "content/s003/p00013.md")
}

func benchIncremental(b *testing.B, base layerfs.Layer, page string) {
	src, err := fs.ReadFile(base.FS, page)
	if err != nil {
		b.Fatal(err)
	}
	top := fstest.MapFS{}
	s := NewSession(Options{FS: layerfs.New(layerfs.Layer{Name: "edits", FS: top}, base)})
	if _, errs := s.Build(nil); errs != nil {
		b.Fatal(errs)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		top[page] = &fstest.MapFile{Data: append(bytes.Clone(src), fmt.Sprintf("\nBewerking %d.\n", i)...)}
		u, errs := s.Build([]string{page})
		if errs != nil {
			b.Fatal(errs)
		}
		if len(u.Rendered) != 1 {
			b.Fatalf("rendered %d files for one body edit", len(u.Rendered))
		}
	}
}
