package region

import (
	"bytes"
	"testing"

	"github.com/zvh-webtool/zvh"
	"github.com/zvh-webtool/zvh/internal/load"
	"github.com/zvh-webtool/zvh/internal/site"
)

// TestBuildSharesNothingVisible: the sites of one build share parses,
// layouts and their workers, glossary plans and a search stemmer, and
// render side by side. The output must be the same bytes as that of each
// site built alone, with nothing shared, and merged in order (a region's
// home page takes the place of its stand-in in the national list).
func TestBuildSharesNothingVisible(t *testing.T) {
	sites, errs := All(zvh.Base)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	built, errs := Build(sites, false, load.NewCache())
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := map[string][]byte{}
	for _, s := range sites {
		alone, errs := site.Build(site.Options{FS: s.FS})
		if len(errs) > 0 {
			t.Fatalf("%s alone: %v", s.Name, errs)
		}
		for name, b := range alone.Files {
			want[s.Prefix+name] = b
		}
	}
	for name, b := range want {
		got, ok := built.Files[name]
		switch {
		case !ok:
			t.Errorf("%s is missing from the shared build", name)
		case !bytes.Equal(got, b):
			t.Errorf("%s differs from its site built alone", name)
		}
	}
	if len(built.Files) != len(want) {
		t.Errorf("the shared build has %d files, the sites alone %d", len(built.Files), len(want))
	}
}
