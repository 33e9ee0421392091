package region

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/zvh-webtool/zvh/internal/diag"
	"github.com/zvh-webtool/zvh/internal/load"
	"github.com/zvh-webtool/zvh/internal/site"
)

// Built is the merged result of building several sites into one output.
type Built struct {
	Files    map[string][]byte // every site's files under its Prefix
	Pages    int
	Trees    int
	Warnings diag.List // of every site, at the files people edit, each once, sorted
	Sites    []SiteTime
}

// SiteTime is how one site of a build went.
type SiteTime struct {
	Name  string
	Pages int
	Took  time.Duration
}

// Build builds every site and merges them into one output, as the command
// does for --region and --all. Warnings include the settings warnings and
// the drift of every region; a warning the sites share (about the national
// model) is listed once. When ctx ends, the build stops between files and
// returns an error and no output. One parse
// cache serves all sites: a file that several sites hold with the same
// bytes (most of the national model) is parsed once. The first site is
// built alone, so that its parse fills the cache; the others then build
// side by side, so one site's stages that run on a single processor
// overlap another's rendering.
func Build(ctx context.Context, sites []Site, offline bool, cache *load.Cache) (*Built, diag.List) {
	if cache == nil {
		cache = load.NewCache()
	}
	type one struct {
		res  *site.Result
		errs diag.List
		took time.Duration
	}
	done := make([]one, len(sites))
	build := func(i int) {
		start := time.Now()
		res, errs := site.Build(site.Options{FS: sites[i].FS, Offline: offline, Cache: cache, Prefix: sites[i].Prefix, Context: ctx, Names: sites[i].Report.Names()})
		done[i] = one{res, sites[i].Report.MapAll(errs), time.Since(start)}
	}
	if len(sites) > 0 {
		build(0)
	}
	var wg sync.WaitGroup
	for i := 1; i < len(sites); i++ {
		wg.Go(func() { build(i) })
	}
	wg.Wait()

	b := &Built{Files: map[string][]byte{}}
	var errs diag.List
	for i, s := range sites {
		d := done[i]
		if len(d.errs) > 0 {
			errs.Append(d.errs)
			continue
		}
		for name, f := range d.res.Files {
			b.Files[s.Prefix+name] = f
		}
		b.Pages += d.res.Pages
		b.Trees += d.res.Trees
		b.Warnings.Append(s.Report.MapAll(d.res.Warnings))
		if s.Report.Region != nil {
			b.Warnings.Append(s.Report.Region.Warnings())
		}
		for _, dr := range s.Report.Drift(s.Region) {
			b.Warnings = append(b.Warnings, dr.Diagnostic())
		}
		b.Sites = append(b.Sites, SiteTime{Name: s.Name, Pages: d.res.Pages, Took: d.took})
	}
	// The national warnings (unverified law pages) recur in every region.
	b.Warnings.Sort()
	b.Warnings = slices.CompactFunc(b.Warnings, func(x, y diag.Diagnostic) bool { return x == y })
	if ctx != nil && ctx.Err() != nil {
		var stop diag.List
		stop.Add(diag.Position{File: "."}, "the build was interrupted; nothing was written")
		return nil, stop
	}
	errs.Sort()
	return b, errs
}
