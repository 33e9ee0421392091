package site

import (
	"maps"
	"slices"
	"strings"

	"github.com/zvh-webtool/zvh/internal/diag"
	"github.com/zvh-webtool/zvh/internal/load"
	"github.com/zvh-webtool/zvh/internal/markdown"
	"github.com/zvh-webtool/zvh/internal/settings"
	"github.com/zvh-webtool/zvh/internal/suggest"
)

// RegionNames are what a region calls things (its regio.yaml): they
// replace the national names of site.yaml on every page of its variant.
type RegionNames struct {
	// Values are the region's terms and facts: name -> text.
	Values map[string]string
	// Phases maps a phase, "plaat/fase" as in its path, to the region's
	// title for it.
	Phases map[string]string
	// PhasePos is where each phase title is set, for a phase that does
	// not exist.
	PhasePos map[string]diag.Position
}

// siteNames are the names the pages of a site are parsed with: the
// national terms of site.yaml, replaced by a region's own.
func siteNames(set settings.Settings, r *RegionNames) markdown.Names {
	n := markdown.Names{Values: maps.Clone(set.Terms), National: set.Terms}
	if n.Values == nil {
		n.Values = map[string]string{}
	}
	if r != nil {
		maps.Copy(n.Values, r.Values)
		n.Phases = r.Phases
	}
	return n
}

// checkPhases reports every phase title of a region that names no phase of
// the site or holds an unknown name.
func checkPhases(pages []*load.Page, r *RegionNames, names markdown.Names) diag.List {
	if r == nil || len(r.Phases) == 0 {
		return nil
	}
	have := map[string]bool{}
	for _, p := range pages {
		if p.Kind == load.KindPhase {
			have[load.PhaseSlug(p.Rel)] = true
		}
	}
	known := slices.Sorted(maps.Keys(have))
	var errs diag.List
	for _, slug := range slices.Sorted(maps.Keys(r.Phases)) {
		if _, perrs := names.ExpandText(r.Phases[slug]); perrs != nil {
			for _, e := range perrs {
				errs.Add(r.PhasePos[slug], "%s", e.Msg)
			}
		}
		if !have[slug] {
			errs.Add(r.PhasePos[slug], "onbekende fase `%s`%s; fasen: %s", slug, hintDutch(slug, known), strings.Join(known, ", "))
		}
	}
	return errs
}

// hintDutch is "; bedoel je `x`?" for the name closest to name, or "".
func hintDutch(name string, known []string) string {
	if c := suggest.Closest(name, known); c != "" {
		return "; bedoel je `" + c + "`?"
	}
	return ""
}
