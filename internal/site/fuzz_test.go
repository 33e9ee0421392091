package site

import (
	"testing"
	"testing/fstest"

	"github.com/zvh-webtool/zvh"
	"github.com/zvh-webtool/zvh/internal/ci"
	"github.com/zvh-webtool/zvh/internal/layerfs"
)

// FuzzBuild feeds arbitrary page sources to the whole build: it may report
// errors, but it must never panic (user input never crashes zvh).
func FuzzBuild(f *testing.F) {
	ci.Slow(f, "builds a site per seed")
	for _, s := range []string{
		"---\ntitle: A\n---\n## B {#b}\n[x](#b) [y](a.md#z)\n",
		"---\ntitle: A\naliases: [x, ../y]\n---\n| a |\n|---|\n",
		"---\ntitle: [1\n---\n",
		"---\ntitle: A\n---\n## A {id=5}\n",
		"---\ntitle: A\n---\nTabel: x\n\n| a |\n|---|\n| 1 |\n\n## R {#r .spelregel}\n**Bron:** x\n",
		"---\ntitle: Boom\nphase: x\nstart: q\n---\n## Q {#q}\n- [Ja](#a)\n- [Nee](#q)\n## A {#a .uitkomst .mag}\n[b](/a.md)\n",
	} {
		f.Add(s, "tree")
		f.Add(s, "page")
	}
	f.Fuzz(func(t *testing.T, src, kind string) {
		name := "content/a.md"
		if kind == "tree" {
			name = "content/beslisbomen/a.md"
		}
		files := fstest.MapFS{
			"content/_index.md": {Data: []byte("---\ntitle: Home\n---\n")},
			name:                {Data: []byte(src)},
		}
		Build(Options{FS: layerfs.New(layerfs.Layer{Name: "fuzz", FS: files}, layerfs.Layer{Name: "national", FS: withoutContent{zvh.Base}})})
	})
}
