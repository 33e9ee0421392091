package region

import (
	"maps"

	"github.com/zvh-webtool/zvh/internal/diag"
	"github.com/zvh-webtool/zvh/internal/site"
)

// Names returns what the region calls things, for the build of its
// variant: its terms and facts, which replace the national terms of
// site.yaml in every placeholder ({{casusoverleg}}), and its phase titles.
// The placeholders themselves are resolved by package markdown while it
// parses, on the structure of the page, so a value is only ever text (see
// markdown.Names). A nil Config has no names of its own.
func (c *Config) Names() *site.RegionNames {
	if c == nil {
		return nil
	}
	n := &site.RegionNames{Values: maps.Clone(c.Terms), Phases: c.Phases, PhasePos: map[string]diag.Position{}}
	maps.Copy(n.Values, c.Facts)
	for slug := range c.Phases {
		n.PhasePos[slug] = c.Pos["phases."+slug]
	}
	return n
}

// Names returns the region's names for the build of the overlay the Report
// describes, nil for the national site.
func (r *Report) Names() *site.RegionNames {
	if r == nil {
		return nil
	}
	return r.Region.Names()
}
