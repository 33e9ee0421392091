package region

import (
	"bytes"
	"context"
	"testing"

	"github.com/zvh-webtool/zvh"
	"github.com/zvh-webtool/zvh/internal/ci"
	"github.com/zvh-webtool/zvh/internal/load"
	"github.com/zvh-webtool/zvh/internal/site"
)

// buildAll builds the national site and the shipped regions as --all does.
func buildAll(t *testing.T) ([]Site, *Built) {
	t.Helper()
	sites, errs := All(zvh.Base)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	built, errs := Build(context.Background(), sites, false, load.NewCache())
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return sites, built
}

// TestBuildSharesNothingVisible: the sites of one build share parses,
// layouts and their workers, glossary plans and a search stemmer, and
// render side by side. The output must be the same bytes as that of each
// site built alone, with nothing shared, and merged in order (a region's
// home page takes the place of its stand-in in the national list).
func TestBuildSharesNothingVisible(t *testing.T) {
	ci.Slow(t, "builds every site of --all")
	sites, built := buildAll(t)
	want := map[string][]byte{}
	for _, s := range sites {
		alone, errs := site.Build(site.Options{FS: s.FS, Prefix: s.Prefix, Names: s.Report.Names()})
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

// TestRegionPrintsItsAddress: a printed page of a region in --all shows
// addresses under the region's folder, as the host serves them: the page's
// own at the foot, and those after the links of its text and its sources.
func TestRegionPrintsItsAddress(t *testing.T) {
	ci.Slow(t, "builds every site of --all")
	_, built := buildAll(t)
	for name, want := range map[string][]string{
		"regio/fryslan/beslisbomen/beroepsgeheim/doorbreken/index.html": {
			` · /regio/fryslan/beslisbomen/beroepsgeheim/doorbreken/ · inhoud van `, ` data-path="/regio/fryslan/wetten/`},
		"regio/fryslan/spelregels/index.html":             {` · /regio/fryslan/spelregels/ · inhoud van `, ` data-path="/regio/fryslan/`},
		"beslisbomen/beroepsgeheim/doorbreken/index.html": {` · /beslisbomen/beroepsgeheim/doorbreken/ · inhoud van `, ` data-path="/wetten/`},
	} {
		page := built.Files[name]
		for _, w := range want {
			if !bytes.Contains(page, []byte(w)) {
				t.Errorf("%s lacks %q", name, w)
			}
		}
	}
}
