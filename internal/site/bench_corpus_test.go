package site

import (
	"testing"
	"testing/fstest"

	"github.com/zvh-webtool/zvh"
	"github.com/zvh-webtool/zvh/internal/corpus"
	"github.com/zvh-webtool/zvh/internal/layerfs"
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
