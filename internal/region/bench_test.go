package region

import (
	"context"
	"testing"
	"time"

	"github.com/zvh-webtool/zvh"
	"github.com/zvh-webtool/zvh/internal/load"
)

// BenchmarkBuildAll builds what `zvh build --all` builds, in memory and by
// the same functions: All lays every shipped region over the national
// model, Build builds the national site with its list of regions and then
// the regions side by side, with one parse cache (a new one per run). It
// reports the time of the overlays (ms/overlays) and of each site
// (ms/national, ms/regio/fryslan, …; the regions overlap, so their times
// add up to more than the whole); the budget of docs/DESIGN.md is 300 ms for
// the whole.
func BenchmarkBuildAll(b *testing.B) {
	per := map[string]time.Duration{}
	for b.Loop() {
		t0 := time.Now()
		sites, errs := All(zvh.Base)
		if len(errs) > 0 {
			b.Fatal(errs)
		}
		if len(sites) < 2 {
			b.Fatal("no shipped regions")
		}
		per["overlays"] += time.Since(t0)
		built, errs := Build(context.Background(), sites, false, load.NewCache())
		if len(errs) > 0 {
			b.Fatal(errs)
		}
		for _, s := range built.Sites {
			per[s.Name] += s.Took
		}
	}
	for name, d := range per {
		b.ReportMetric(float64(d.Microseconds())/1000/float64(b.N), "ms/"+name)
	}
}
