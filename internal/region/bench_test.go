package region

import (
	"io/fs"
	"path"
	"testing"
	"time"

	"github.com/zvh-webtool/zvh"
	"github.com/zvh-webtool/zvh/internal/site"
)

// BenchmarkBuildAll builds what `zvh build --all` builds, in memory: the
// national site with its list of regions, and every shipped region over its
// overlay. It reports the build time of each site (ms/national,
// ms/fryslan, …) and the time of each overlay (ms/overlay-…); the budget of
// DESIGN.md is 300 ms for the whole.
func BenchmarkBuildAll(b *testing.B) {
	slugs := Slugs(zvh.Base)
	if len(slugs) == 0 {
		b.Fatal("no shipped regions")
	}
	per := map[string]time.Duration{}
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		nat, natRep, errs := Overlay(zvh.Base, nil, "")
		if len(errs) > 0 {
			b.Fatal(errs)
		}
		per["overlay-national"] += time.Since(t0)
		var cfgs []*Config
		type built struct {
			fsys fs.FS
			rep  *Report
		}
		var regions []built
		for _, slug := range slugs {
			t := time.Now()
			sub, _ := fs.Sub(zvh.Base, path.Join(Shipped, slug))
			fsys, rep, errs := Overlay(zvh.Base, sub, path.Join(Shipped, slug))
			if len(errs) > 0 {
				b.Fatal(errs)
			}
			cfgs = append(cfgs, rep.Region)
			regions = append(regions, built{fsys, rep})
			per["overlay-"+slug] += time.Since(t)
		}
		t1 := time.Now()
		if _, errs := site.Build(site.Options{FS: WithListing(nat, natRep, cfgs)}); len(errs) > 0 {
			b.Fatal(errs)
		}
		per["national"] += time.Since(t1)
		for j, r := range regions {
			t := time.Now()
			if _, errs := site.Build(site.Options{FS: r.fsys}); len(errs) > 0 {
				b.Fatal(r.rep.MapAll(errs))
			}
			per[slugs[j]] += time.Since(t)
		}
	}
	for name, d := range per {
		b.ReportMetric(float64(d.Microseconds())/1000/float64(b.N), "ms/"+name)
	}
}
