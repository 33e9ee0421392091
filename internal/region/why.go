package region

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/zvh-webtool/zvh/internal/suggest"
)

// Lookup finds the page a person means by target: a source path
// (content/a/b.md, a/b.md) or a site URL (a/b/, /regio/x/a/b/index.html).
func (r *Report) Lookup(target string) (*PageOrigin, bool) {
	t := strings.TrimPrefix(strings.TrimSpace(target), "/")
	t = strings.TrimPrefix(t, "content/")
	if r.Region != nil {
		t = strings.TrimPrefix(t, "regio/"+r.Region.Slug+"/")
		t = strings.TrimPrefix(t, strings.TrimSuffix(r.Region.Dir, "/")+"/")
	}
	t = strings.TrimSuffix(t, "index.html")
	var tries []string
	if strings.HasSuffix(t, ".md") {
		tries = []string{t}
	} else {
		t = strings.TrimSuffix(t, "/")
		if t == "" {
			tries = []string{"_index.md"}
		} else {
			tries = []string{t + ".md", t + "/_index.md"}
		}
	}
	for _, c := range tries {
		if p, ok := r.Pages[c]; ok {
			return p, true
		}
	}
	return nil, false
}

// Why tells where each part of the page at target came from.
func (r *Report) Why(target string) (string, error) {
	p, ok := r.Lookup(target)
	if !ok {
		var known []string
		for k := range r.Pages {
			known = append(known, k)
		}
		slices.Sort(known)
		return "", fmt.Errorf("no page %q in this site%s", target, suggest.PathHint(strings.Trim(target, "/"), known))
	}
	var b strings.Builder
	where := "the national site"
	if r.Region != nil {
		where = r.Region.Name + " (" + r.Region.Dir + ")"
	}
	fmt.Fprintf(&b, "content/%s in %s: %s\n", p.Rel, where, describe(p.Status))
	if p.National != "" && p.Status != StatusNational {
		fmt.Fprintf(&b, "  national file:  %s\n", p.National)
	}
	if p.Regional != "" {
		fmt.Fprintf(&b, "  regional file:  %s\n", p.Regional)
	}
	if p.Basis != "" {
		fmt.Fprintf(&b, "  made against national version %s\n", p.Basis)
	}
	for _, part := range p.Parts {
		fmt.Fprintf(&b, "  %-24s %s, %s:%d\n", part.What+":", part.From, part.File, part.Line)
	}
	if c := r.Region; c != nil {
		// The page shows these names wherever it holds their placeholder.
		for _, name := range slices.Sorted(maps.Keys(c.Terms)) {
			fmt.Fprintf(&b, "  name {{%s}} = %q (%s; national %q)\n", name, c.Terms[name], c.Pos["terms."+name], r.Settings.Terms[name])
		}
		for _, name := range slices.Sorted(maps.Keys(c.Facts)) {
			fmt.Fprintf(&b, "  fact {{%s}} = %q (%s)\n", name, c.Facts[name], c.Pos["facts."+name])
		}
	}
	return b.String(), nil
}

func describe(s Status) string {
	switch s {
	case StatusReplaced:
		return "a regional page replaces the national one"
	case StatusSections:
		return "national page with regional sections"
	case StatusAdded:
		return "only in the region"
	case StatusRemoved:
		return "removed by the region: not published"
	case StatusSupplemented:
		return "national page with a Regionale aanvulling"
	}
	return "national page, unchanged"
}
