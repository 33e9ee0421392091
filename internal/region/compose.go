package region

import (
	"fmt"
	"slices"
	"strings"
	"testing/fstest"

	"github.com/zvh-webtool/zvh/internal/diag"
	"github.com/zvh-webtool/zvh/internal/settings"
)

// composer writes a page from chunks of several files and records which
// lines came from where.
type composer struct {
	b     strings.Builder
	line  int // next output line, 1-based
	spans []span
}

// span maps n output lines starting at out to file, from line on; a fixed
// span (generated text) maps every line to line itself.
type span struct {
	out, n int
	file   string
	line   int
	fixed  bool
}

func (c *composer) add(file string, line int, text string, fixed bool) {
	if text == "" {
		return
	}
	if c.line == 0 {
		c.line = 1
	}
	if !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	n := strings.Count(text, "\n")
	c.spans = append(c.spans, span{out: c.line, n: n, file: file, line: line, fixed: fixed})
	c.b.WriteString(text)
	c.line += n
}

func (c *composer) chunk(ch chunk) { c.add(ch.File, ch.Line, ch.Text, false) }

func (o *builder) put(rel string, c *composer) {
	name := "content/" + rel
	o.files[name] = &fstest.MapFile{Data: []byte(c.b.String())}
	o.report.lines[name] = c.spans
}

// anchor is the id of a page's entry on the differences page.
func anchor(rel string) string {
	return "verschil-" + strings.ReplaceAll(strings.TrimSuffix(strings.TrimSuffix(rel, ".md"), "_index"), "/", "-")
}

// compose writes every page of the overlay.
func (o *builder) compose() {
	rels := slices.Sorted(keys(o.natDocs))
	for _, rel := range rels {
		nat := o.natDocs[rel]
		po := &PageOrigin{Rel: rel, Status: StatusNational, National: nat.File, Title: nat.Meta.Title, NationalTitle: nat.Meta.Title}
		o.report.Pages[rel] = po
		var ch *change
		if o.changes != nil {
			ch = o.changes[rel]
		}
		c := &composer{}
		switch {
		case ch != nil && ch.remove != nil:
			po.Status, po.Regional, po.Basis, po.BasisPos = StatusRemoved, ch.remove.File, ch.remove.Meta.Basis, o.metaPos(ch.remove, "basis")
			po.basisText = o.natRaw[rel]
			continue
		case ch != nil && ch.replace != nil && !ch.sections:
			reg := ch.replace
			po.Status, po.Regional, po.Title, po.Basis, po.BasisPos = StatusReplaced, reg.File, reg.Meta.Title, reg.Meta.Basis, o.metaPos(reg, "basis")
			po.basisText, po.natText, po.regText = o.natRaw[rel], nat.body(), reg.body()
			c.add(reg.File, 1, blankBasis(reg), false)
			po.Parts = append(po.Parts, Part{"front matter", "regional (replaces the page)", reg.File, 1})
			o.homeNotice(rel, c, reg.File)
			c.add(reg.File, 1, fmt.Sprintf("> **Regionale versie.** Deze pagina is van %s. Ze vervangt de landelijke pagina \"%s\". Wat er anders is, lees je bij [Verschillen met het landelijk model](/%s#%s).\n\n",
				o.cfg.Name, nat.Meta.Title, DiffPage, anchor(rel)), true)
			c.chunk(reg.Intro)
			po.Parts = append(po.Parts, Part{"text", "regional (replaces the page)", reg.File, reg.Intro.Line})
			for _, s := range reg.Sections {
				c.chunk(s.chunk)
				po.Parts = append(po.Parts, Part{sectionName(s), "regional (replaces the page)", reg.File, s.Line})
			}
		case ch != nil && ch.replace != nil:
			reg := ch.replace
			po.Status, po.Regional, po.Basis, po.BasisPos = StatusSections, reg.File, reg.Meta.Basis, o.metaPos(reg, "basis")
			c.add(nat.File, 1, o.homeTitle(rel, nat), false)
			po.Parts = append(po.Parts, Part{"front matter", "national", nat.File, 1})
			o.homeNotice(rel, c, reg.File)
			var titles []string
			for _, s := range reg.Sections {
				if ns := nat.section(s.ID); ns != nil {
					titles = append(titles, fmt.Sprintf("\"%s\"", ns.Title))
				} else {
					titles = append(titles, fmt.Sprintf("\"%s\" (regionale route)", s.Title))
				}
			}
			c.chunk(nat.Intro)
			po.Parts = append(po.Parts, Part{"intro", "national", nat.File, nat.Intro.Line})
			c.add(reg.File, 1, fmt.Sprintf("\n> **Regionaal aangepast.** %s heeft op deze pagina %s aangepast. Wat er anders is, lees je bij [Verschillen met het landelijk model](/%s#%s).\n\n",
				o.cfg.Name, dutchList(titles), DiffPage, anchor(rel)), true)
			var basis, natText, regText strings.Builder
			raw, _ := parseDoc(o.md, nat.File, rel, o.natRaw[rel])
			for _, ns := range nat.Sections {
				rs := reg.section(ns.ID)
				if ns.ID == "" || rs == nil {
					c.chunk(ns.chunk)
					po.Parts = append(po.Parts, Part{sectionName(ns), "national", nat.File, ns.Line})
					continue
				}
				head, rest, _ := strings.Cut(rs.Text, "\n")
				c.add(rs.File, rs.Line, head+"\n\n", false)
				c.add(rs.File, rs.Line, fmt.Sprintf("*Regionaal: dit onderdeel is van %s.*\n", o.cfg.Name), true)
				c.add(rs.File, rs.Line+1, rest, false)
				po.Parts = append(po.Parts, Part{sectionName(ns), "regional (section override)", rs.File, rs.Line})
				po.Sections = append(po.Sections, ns.ID)
				if raw != nil && raw.section(ns.ID) != nil {
					basis.WriteString(raw.section(ns.ID).Text)
				}
				natText.WriteString(ns.Text + "\n")
				regText.WriteString(rs.Text + "\n")
			}
			for _, rs := range reg.Sections {
				if nat.section(rs.ID) == nil { // a node of a regional route
					c.add(rs.File, rs.Line, "\n"+rs.Text, false)
					c.spans[len(c.spans)-1].line--
					po.Parts = append(po.Parts, Part{sectionName(rs), "regional route", rs.File, rs.Line})
					regText.WriteString(rs.Text + "\n")
				}
			}
			po.basisText, po.natText, po.regText = basis.String(), natText.String(), regText.String()
		default:
			c.add(nat.File, 1, o.homeTitle(rel, nat), false)
			o.homeNotice(rel, c, nat.File)
			c.chunk(nat.Intro)
			for _, s := range nat.Sections {
				c.chunk(s.chunk)
			}
			po.Parts = append(po.Parts, Part{"whole page", "national", nat.File, 1})
		}
		if ch != nil && ch.aanvulling != nil {
			a := ch.aanvulling
			if po.Status == StatusNational {
				po.Status = StatusSupplemented
			}
			po.Aanvulling = a.File
			c.add(a.File, 1, fmt.Sprintf("\n## Regionale aanvulling {#regionale-aanvulling .regionale-aanvulling}\n\n*Dit onderdeel is geen landelijke tekst: %s heeft het voor de eigen regio toegevoegd.*\n\n", o.cfg.Name), true)
			body := a.Intro
			c.chunk(body)
			po.Parts = append(po.Parts, Part{"Regionale aanvulling", "aanvulling", a.File, body.Line})
			if po.Status == StatusSupplemented {
				po.regText = body.Text
			}
		}
		o.put(rel, c)
	}
	for rel, b := range o.natOther {
		if _, ok := o.regOther[rel]; !ok {
			o.files["content/"+rel] = &fstest.MapFile{Data: b}
		}
	}
	for rel, b := range o.regOther {
		if nat, ok := o.natOther[rel]; ok && strings.HasSuffix(rel, ".scenarios.yaml") {
			o.mergeScenarios(rel, nat, b)
			continue
		}
		o.files["content/"+rel] = &fstest.MapFile{Data: b}
	}
	for _, rel := range o.added {
		d := o.report.added[rel]
		c := &composer{}
		c.add(d.File, 1, blankBasis(d), false)
		c.add(d.File, 1, d.body(), false)
		// body() starts at the line after the front matter.
		c.spans[len(c.spans)-1].line = strings.Count(d.Front, "\n") + 1
		o.put(rel, c)
		o.report.Pages[rel] = &PageOrigin{Rel: rel, Status: StatusAdded, Regional: d.File, Title: d.Meta.Title,
			Parts: []Part{{"whole page", "regional (new page)", d.File, 1}}, regText: d.body()}
	}
}

// homeTitle gives a region's home page, and so its whole site, the
// region's title (regio.yaml `title`).
func (o *builder) homeTitle(rel string, nat *doc) string {
	p, ok := nat.Meta.Pos["title"]
	if o.cfg == nil || rel != "_index.md" || !ok || p.Col <= 1 {
		return nat.Front
	}
	// The title's value, as the decoder found it, ends its line.
	lines := strings.SplitAfter(nat.Front, "\n")
	if i := p.Line - 1; i > 0 && i < len(lines) && p.Col-1 <= len(lines[i]) {
		lines[i] = lines[i][:p.Col-1] + fmt.Sprintf("%q\n", o.cfg.Title)
	}
	return strings.Join(lines, "")
}

// homeNotice tells, at the top of a region's home page, whose variant this
// is and how to reach them.
func (o *builder) homeNotice(rel string, c *composer, file string) {
	if o.cfg == nil || rel != "_index.md" {
		return
	}
	var contact []string
	k := o.cfg.Contact
	if k.Name != "" {
		contact = append(contact, k.Name)
	}
	if k.Phone != "" {
		contact = append(contact, "telefoon "+k.Phone)
	}
	if k.Email != "" {
		contact = append(contact, "<"+k.Email+">")
	}
	if k.URL != "" {
		contact = append(contact, "<"+k.URL+">")
	}
	text := fmt.Sprintf("> **%s.** Dit is de regionale variant van de webtool. Ze volgt het landelijk model; wat hier anders is, staat bij [Verschillen met het landelijk model](/%s).", o.cfg.Name, DiffPage)
	if len(contact) > 0 {
		text += " Contact: " + strings.Join(contact, ", ") + "."
	}
	c.add(file, 1, "\n"+text+"\n\n", true)
}

func sectionName(s section) string {
	if s.ID != "" {
		return "section #" + s.ID
	}
	return fmt.Sprintf("section %q", s.Title)
}

// dutchList joins items as "a, b en c".
func dutchList(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return "het onderdeel " + items[0]
	}
	return "de onderdelen " + strings.Join(items[:len(items)-1], ", ") + " en " + items[len(items)-1]
}

// Status is what happened to a page in a region.
type Status string

// The statuses of a page.
const (
	StatusNational     Status = "national"     // as in the national model
	StatusReplaced     Status = "replaced"     // a region file replaces it
	StatusSections     Status = "sections"     // a region file replaces some sections
	StatusAdded        Status = "added"        // only in the region
	StatusRemoved      Status = "removed"      // hidden by the region
	StatusSupplemented Status = "supplemented" // national, with a Regionale aanvulling
)

// PageOrigin records where one page of a region came from.
type PageOrigin struct {
	Rel           string // path under content/
	Status        Status
	Title         string
	NationalTitle string
	National      string   // national source file, "" for added pages
	Regional      string   // region file that replaces, changes or removes it
	Aanvulling    string   // region file appended as Regionale aanvulling
	Sections      []string // ids of the sections a section override replaces
	Basis         string   // national version the override was made against
	BasisPos      diag.Position
	Parts         []Part

	basisText        string // the national text the basis hash is taken of
	natText, regText string // compared on the differences page
}

// Part is one piece of a page and where it came from.
type Part struct {
	What string // "front matter", "section #wie", …
	From string // national, regional (section override), aanvulling, …
	File string
	Line int
}

// Report says where every page and section of an overlay came from.
type Report struct {
	Region   *Config // nil for the national site
	Pages    map[string]*PageOrigin
	Settings settings.Settings // the national settings (site.yaml)
	lines    map[string][]span
	added    map[string]*doc
}

// Map turns a position in a file of the overlay into the position in the
// file a person edits: a region file, a national file, or regio.yaml for
// generated text. Positions in other files are returned unchanged.
func (r *Report) Map(p diag.Position) diag.Position {
	if r == nil {
		return p
	}
	spans, ok := r.lines[p.File]
	if !ok || p.Line <= 0 {
		return p
	}
	for _, s := range spans {
		if p.Line >= s.out && p.Line < s.out+s.n {
			q := diag.Position{File: s.file, Line: s.line, Col: p.Col}
			if !s.fixed {
				q.Line += p.Line - s.out
			} else {
				q.Col = 1
			}
			return q
		}
	}
	return p
}

// MapAll maps every diagnostic of l, for errors of a build of the overlay.
func (r *Report) MapAll(l diag.List) diag.List {
	out := make(diag.List, len(l))
	for i, d := range l {
		out[i] = diag.Diagnostic{Pos: r.Map(d.Pos), Msg: d.Msg}
	}
	return out
}

// Changed lists the pages that differ from the national model, by path.
func (r *Report) Changed() []*PageOrigin {
	var out []*PageOrigin
	for _, rel := range slices.Sorted(keys(r.Pages)) {
		if p := r.Pages[rel]; p.Status != StatusNational {
			out = append(out, p)
		}
	}
	return out
}
