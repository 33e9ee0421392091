package region

import (
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"
	"testing/fstest"

	"github.com/zvh-webtool/zvh/internal/diag"
	"github.com/zvh-webtool/zvh/internal/layerfs"
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
		return "", fmt.Errorf("no page %q in this site%s", target, hintList(target, known))
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

func hintList(target string, known []string) string {
	best, bestD := "", 1<<30
	for _, k := range known {
		if strings.Contains(k, strings.Trim(target, "/")) && len(k) < bestD {
			best, bestD = k, len(k)
		}
	}
	if best != "" {
		return fmt.Sprintf("; did you mean %s?", best)
	}
	return ""
}

// Slugs lists the shipped regions of fsys: the folders under content/regio
// that hold a regio.yaml, sorted.
func Slugs(fsys fs.FS) []string {
	entries, err := fs.ReadDir(fsys, Shipped)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() {
			if _, err := fs.Stat(fsys, path.Join(Shipped, e.Name(), ConfigFile)); err == nil {
				out = append(out, e.Name())
			}
		}
	}
	return out
}

// WithListing returns the national overlay plus a page "Regionale
// varianten" (content/regio/_index.md) that links to each region, for a
// build of all sites into one output. Each region gets a stand-in page at
// content/regio/<slug>/_index.md, so the links pass the link check; the
// region's own home page replaces its output file when the sites are
// written together.
func WithListing(nat fs.FS, rep *Report, regions []*Config) fs.FS {
	if len(regions) == 0 {
		return nat
	}
	m := fstest.MapFS{}
	var b strings.Builder
	b.WriteString("---\ntitle: Regionale varianten\ndescription: Zorg- en Veiligheidshuizen die een eigen variant van deze webtool publiceren.\nweight: 90\n---\n")
	b.WriteString("Sommige Zorg- en Veiligheidshuizen publiceren een eigen variant van deze webtool. Zo'n variant volgt het landelijk model, met de eigen namen, contactgegevens en werkafspraken van de regio. Waar het landelijk model geen afwijking toestaat, zoals bij de spelregels, is de tekst gelijk. Elke variant heeft een pagina \"Verschillen met het landelijk model\".\n\n")
	for _, c := range regions {
		fmt.Fprintf(&b, "- [%s](%s/_index.md)\n", mdText(c.Name), c.Slug)
		m[path.Join(Shipped, c.Slug, "_index.md")] = &fstest.MapFile{Data: []byte(fmt.Sprintf("---\ntitle: %q\n---\nDe regionale variant van %s.\n", c.Name, mdText(c.Name)))}
		rep.Pages[path.Join("regio", c.Slug, "_index.md")] = &PageOrigin{Rel: path.Join("regio", c.Slug, "_index.md"), Status: StatusAdded, Title: c.Name}
	}
	m[path.Join(Shipped, "_index.md")] = &fstest.MapFile{Data: []byte(b.String())}
	rep.Pages["regio/_index.md"] = &PageOrigin{Rel: "regio/_index.md", Status: StatusAdded, Title: "Regionale varianten",
		Parts: []Part{{"whole page", "generated list of regions", "content/regio", 0}}}
	return layerfs.New(layerfs.Layer{Name: "listing", FS: m}, layerfs.Layer{Name: "national", FS: nat})
}

// Site is one site of a build of everything: the national site or a region.
type Site struct {
	Prefix string // output folder: "" or "regio/<slug>/"
	Name   string // "national" or "regio/<slug>"
	FS     fs.FS  // the overlay to build
	Report *Report
	Region fs.FS // the region folder, nil for the national site
}

// All prepares what `zvh build --all` builds from src: the national site
// with its list of regions, then every shipped region. Build each Site's FS
// and write its files under its Prefix; a region's home page then takes the
// place of its stand-in in the national list.
func All(src fs.FS) ([]Site, diag.List) {
	// The overlays are independent of each other: lay them side by side.
	slugs := Slugs(src)
	type overlaid struct {
		fsys fs.FS
		rep  *Report
		sub  fs.FS
		errs diag.List
	}
	done := make([]overlaid, len(slugs)+1)
	var wg sync.WaitGroup
	wg.Go(func() {
		nat, rep, errs := Overlay(src, nil, "")
		done[0] = overlaid{nat, rep, nil, errs}
	})
	for i, slug := range slugs {
		wg.Go(func() {
			dir := path.Join(Shipped, slug)
			sub, err := fs.Sub(src, dir)
			if err != nil {
				var errs diag.List
				errs.Add(diag.Position{File: dir}, "cannot read: %v", err)
				done[i+1] = overlaid{errs: errs}
				return
			}
			fsys, rep, errs := Overlay(src, sub, dir)
			done[i+1] = overlaid{fsys, rep, sub, errs}
		})
	}
	wg.Wait()
	var (
		sites []Site
		errs  diag.List
		cfgs  []*Config
	)
	for i, o := range done {
		errs.Append(o.errs)
		if i == 0 || o.rep == nil {
			continue
		}
		slug := slugs[i-1]
		cfgs = append(cfgs, o.rep.Region)
		sites = append(sites, Site{Prefix: "regio/" + slug + "/", Name: "regio/" + slug, FS: o.fsys, Report: o.rep, Region: o.sub})
	}
	if nat := done[0]; nat.rep != nil {
		sites = append([]Site{{Name: "national", FS: WithListing(nat.fsys, nat.rep, cfgs), Report: nat.rep}}, sites...)
	}
	return sites, errs
}
