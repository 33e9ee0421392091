package region

import (
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"testing/fstest"

	"github.com/zvh-webtool/zvh/internal/diag"
	"github.com/zvh-webtool/zvh/internal/layerfs"
	"github.com/zvh-webtool/zvh/internal/markdown"
	"github.com/zvh-webtool/zvh/internal/settings"
	"github.com/zvh-webtool/zvh/internal/tokens"
	"github.com/zvh-webtool/zvh/internal/tree"
)

// Shipped is the folder under content/ that holds the shipped regions.
const Shipped = "content/regio"

// Snapshots is the folder inside a region folder where `zvh region accept`
// keeps a copy of the national text each override was made against, so
// drift can be shown as a word diff.
const Snapshots = ".landelijk"

// AanvullingSuffix ends the name of a file that supplements a page.
const AanvullingSuffix = ".aanvulling.md"

// DiffPage is the generated page "Verschillen met het landelijk model".
const DiffPage = "verschillen.md"

// Overlay presents the source national (content/, layouts/, assets/,
// site.yaml) as the region in regionFS sees it; dir is how people see the
// region folder (content/regio/fryslan, or the path given on the command
// line). With a nil regionFS it presents the national site, the shipped
// regions left out. Placeholders are left as they are: the build of the
// overlay resolves them (site.Options.Names, from Report.Names).
//
// The returned file system holds all of content/ in memory; layouts and
// assets are read through from national. The Report says where every page
// came from and maps positions in the overlay's files back to the files
// people edit. A change that breaks a rule (a lock, an unknown section) is
// reported and left out, and the rest is still returned, so that a build of
// it can report its own errors in the same run; only when regio.yaml cannot
// be read are the file system and the report nil.
func Overlay(national, regionFS fs.FS, dir string) (fs.FS, *Report, diag.List) {
	o := &builder{base: national, reg: regionFS, dir: dir, files: fstest.MapFS{}, md: markdown.New(),
		report: &Report{Pages: map[string]*PageOrigin{}, lines: map[string][]span{}}}
	o.loadNational()
	if regionFS != nil {
		cfg, errs := LoadConfig(regionFS, dir, o.national, o.sheet)
		o.errs.Append(errs)
		if cfg == nil {
			return nil, nil, o.errs
		}
		o.cfg = cfg
		o.report.Region = cfg
	}
	o.readNationalPages()
	if o.cfg != nil {
		o.readRegionFiles()
	}
	o.compose()
	if o.cfg != nil {
		o.checkTrees()
		o.regionAssets()
		o.diffPage()
	}
	o.report.Settings = o.national
	o.errs.Sort()
	out := layerfs.New(
		layerfs.Layer{Name: "overlay", FS: o.files},
		layerfs.Layer{Name: "national", FS: withoutContent{national}},
	)
	return out, o.report, o.errs
}

// builder holds the state of one Overlay call.
type builder struct {
	base, reg fs.FS
	dir       string
	national  settings.Settings
	sheet     *tokens.Sheet
	cfg       *Config
	files     fstest.MapFS
	report    *Report
	errs      diag.List
	md        *markdown.Converter

	natDocs  map[string]*doc    // content rel -> national page
	natRaw   map[string]string  // content rel -> national page before placeholders
	natOther map[string][]byte  // content rel -> other national files
	regOther map[string][]byte  // content rel -> other region files
	changes  map[string]*change // content rel -> what the region does to it
	added    []string           // rels of pages only the region has
}

// change is what a region does to one national page.
type change struct {
	replace    *doc // whole page, or sections when sections is true
	sections   bool
	remove     *doc
	aanvulling *doc
}

func (o *builder) loadNational() {
	if src, err := fs.ReadFile(o.base, settings.File); err == nil {
		s, errs := settings.Parse(settings.File, src)
		o.errs.Append(errs)
		o.national = s
	} else {
		o.national = settings.Settings{Terms: map[string]string{}, TermPos: map[string]diag.Position{}}
	}
	if b, err := fs.ReadFile(o.base, "assets/css/tokens.css"); err == nil {
		if sh, err := tokens.Parse("assets/css/tokens.css", string(b)); err == nil {
			o.sheet = sh
		}
	}
}

// readNationalPages reads every file under content/ except the shipped
// regions.
func (o *builder) readNationalPages() {
	o.natDocs, o.natOther, o.natRaw = map[string]*doc{}, map[string][]byte{}, map[string]string{}
	err := fs.WalkDir(o.base, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			o.errs.Add(diag.Position{File: p}, "cannot read: %v", err)
			return nil
		}
		if d.IsDir() {
			if p == Shipped {
				return fs.SkipDir
			}
			return nil
		}
		b, err := fs.ReadFile(o.base, p)
		if err != nil {
			o.errs.Add(diag.Position{File: p}, "cannot read: %v", err)
			return nil
		}
		rel := strings.TrimPrefix(p, "content/")
		if path.Ext(p) != ".md" {
			o.natOther[rel] = b
			return nil
		}
		o.natRaw[rel] = string(b)
		// Only the pages a region changes are cut into sections (sectioned),
		// so an overlay parses a handful of national pages, not all.
		dc, perr := parseDoc(nil, p, rel, string(b))
		if perr != nil {
			// The build reports a broken page itself; keep it as it is.
			dc = &doc{File: p, Src: string(b), Intro: chunk{File: p, Line: 1, Text: string(b)}}
		}
		o.natDocs[rel] = dc
		return nil
	})
	if err != nil {
		o.errs.Add(diag.Position{File: "content"}, "cannot read: %v", err)
	}
}

// sectioned returns the national page at rel cut into its sections, or
// nil when there is none.
func (o *builder) sectioned(rel string) *doc {
	d := o.natDocs[rel]
	if d == nil || d.cut {
		return d
	}
	if c, err := parseDoc(o.md, d.File, rel, d.Src); err == nil {
		o.natDocs[rel] = c
		return c
	}
	return d
}

// regionFile is how people see the path of a file in the region folder.
func (o *builder) regionFile(rel string) string { return path.Join(o.dir, rel) }

// readRegionFiles sorts the region's files into replacements, section
// overrides, removals, supplements and new pages, and checks each against
// the locks of the national model.
func (o *builder) readRegionFiles() {
	o.changes, o.regOther = map[string]*change{}, map[string][]byte{}
	get := func(rel string) *change {
		if o.changes[rel] == nil {
			o.changes[rel] = &change{}
		}
		return o.changes[rel]
	}
	err := fs.WalkDir(o.reg, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			o.errs.Add(diag.Position{File: o.regionFile(p)}, "cannot read: %v", err)
			return nil
		}
		if d.IsDir() {
			if p != "." && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir // snapshots, editor and VCS folders
			}
			return nil
		}
		if p == ConfigFile || p == o.cfg.Logo || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		file := o.regionFile(p)
		b, err := fs.ReadFile(o.reg, p)
		if err != nil {
			o.errs.Add(diag.Position{File: file}, "cannot read: %v", err)
			return nil
		}
		if path.Ext(p) != ".md" {
			o.regOther[p] = b
			return nil
		}
		dc, perr := parseDoc(o.md, file, p, string(b))
		if perr != nil {
			o.errs.Append(diag.List{*perr})
			return nil
		}
		if dc.Meta.Title == "" || dc.Meta.Remove {
			// The build never reads this front matter (it replaces no whole
			// page), so its problems are reported here.
			o.errs.Append(dc.MetaErrs)
		}
		if target, ok := strings.CutSuffix(p, AanvullingSuffix); ok {
			o.aanvulling(target+".md", dc)
			if nat := o.natDocs[target+".md"]; nat != nil {
				get(target + ".md").aanvulling = dc
			}
			return nil
		}
		nat := o.sectioned(p)
		switch {
		case nat == nil && dc.Meta.Remove:
			o.errs.Add(o.metaPos(dc, "remove"), "`remove: true`, but the national model has no page %s to remove", "content/"+p)
		case nat == nil:
			if !dc.HasFront || dc.Meta.Title == "" {
				o.errs.Add(diag.Position{File: file, Line: 1, Col: 1}, "a new page needs front matter with a `title`; no national page content/%s exists to change sections of%s", p, o.pathHint(p))
				return nil
			}
			o.added = append(o.added, p)
			o.addedDocs()[p] = dc
		case dc.Meta.Remove:
			if o.checkPageLock(nat, dc, "remove") {
				get(p).remove = dc
			}
		case dc.Meta.Title != "":
			if o.checkPageLock(nat, dc, "replace") && o.checkSectionLocks(nat, dc) {
				get(p).replace = dc
			}
		default:
			if o.checkSectionOverride(nat, dc) {
				c := get(p)
				c.replace, c.sections = dc, true
			}
		}
		return nil
	})
	if err != nil {
		o.errs.Add(diag.Position{File: o.dir}, "cannot read: %v", err)
	}
}

// pathHint suggests the national path closest to rel.
func (o *builder) pathHint(rel string) string {
	var known []string
	for k := range o.natDocs {
		known = append(known, k)
	}
	slices.Sort(known)
	if h := settings.Hint(rel, known); h != "" {
		return h
	}
	return ""
}

func (o *builder) addedDocs() map[string]*doc {
	if o.report.added == nil {
		o.report.added = map[string]*doc{}
	}
	return o.report.added
}

func (o *builder) metaPos(d *doc, key string) diag.Position {
	if p, ok := d.Meta.Pos[key]; ok {
		return diag.Position{File: d.File, Line: p.Line, Col: 1}
	}
	return diag.Position{File: d.File, Line: 1, Col: 1}
}

// checkPageLock refuses to replace or remove a page with `locked: true`.
func (o *builder) checkPageLock(nat, reg *doc, verb string) bool {
	if !nat.Meta.Locked {
		return true
	}
	key := "title"
	if verb == "remove" {
		key = "remove"
	}
	o.errs.Add(o.metaPos(reg, key), "cannot %s %s: the national page is locked (%s: locked: true); a region may only add a Regionale aanvulling, in %s",
		verb, nat.File, o.metaPos(nat, "locked"), strings.TrimSuffix(path.Base(reg.File), ".md")+AanvullingSuffix)
	return false
}

// checkSectionLocks refuses a whole-page replacement that would drop a
// locked section of the national page.
func (o *builder) checkSectionLocks(nat, reg *doc) bool {
	ok := true
	for _, s := range nat.Sections {
		if s.locked() {
			o.errs.Add(o.metaPos(reg, "title"), "cannot replace %s as a whole: its section #%s (%s:%d) is locked; change the other sections one by one (leave `title` out of the front matter and give each h2 the id of the section it replaces)",
				nat.File, s.ID, nat.File, s.Line)
			ok = false
		}
	}
	return ok
}

// checkSectionOverride checks a file that changes sections: no text before
// its first h2, every h2 with the id of an unlocked national section, only
// the key basis in its front matter.
func (o *builder) checkSectionOverride(nat, reg *doc) bool {
	ok := true
	for _, k := range slices.Sorted(maps.Keys(reg.Meta.Pos)) {
		if k != "basis" {
			o.errs.Add(o.metaPos(reg, k), "unknown key `%s` in a file that changes sections (it has no `title`, so the national page keeps its front matter); only `basis` is allowed here, or add a `title` to replace the whole page", k)
			ok = false
		}
	}
	if strings.TrimSpace(reg.Intro.Text) != "" {
		o.errs.Add(diag.Position{File: reg.File, Line: firstTextLine(reg.Intro), Col: 1}, "text before the first h2 belongs to no section of %s: start with a `## heading {#id}` of the section it replaces", nat.File)
		ok = false
	}
	if nat.Meta.Locked {
		o.errs.Add(diag.Position{File: reg.File, Line: 1, Col: 1}, "cannot change sections of %s: the national page is locked (%s: locked: true); a region may only add a Regionale aanvulling, in %s",
			nat.File, o.metaPos(nat, "locked"), strings.TrimSuffix(path.Base(reg.File), ".md")+AanvullingSuffix)
		return false
	}
	if len(reg.Sections) == 0 {
		o.errs.Add(diag.Position{File: reg.File, Line: 1, Col: 1}, "this file has no `title` and no sections: give it a `title` to replace %s, `remove: true` to hide it, or h2 sections with the ids of the sections it replaces", nat.File)
		return false
	}
	seen := map[string]bool{}
	for _, s := range reg.Sections {
		pos := diag.Position{File: reg.File, Line: s.Line, Col: 1}
		ns := nat.section(s.ID)
		switch {
		case s.ID == "":
			o.errs.Add(pos, "section %q has no id: write the id of the national section it replaces, as `## %s {#id}`; ids on %s: %s", s.Title, s.Title, nat.File, strings.Join(nat.ids(), ", "))
			ok = false
		case ns == nil && isTree(strings.TrimPrefix(nat.File, "content/")):
			if !s.has(tree.RegionalClass) {
				o.errs.Add(pos, "knoop #%s staat niet in de landelijke beslisboom %s%s: een eigen knoop van de regio is een regionale route; geef hem de klasse .regionaal, zoals {#%s .regionaal}", s.ID, nat.File, settings.Hint(s.ID, nat.ids()), s.ID)
				ok = false
			}
		case ns == nil:
			o.errs.Add(pos, "%s has no section #%s%s; its sections are %s", nat.File, s.ID, settings.Hint(s.ID, nat.ids()), strings.Join(nat.ids(), ", "))
			ok = false
		case seen[s.ID]:
			o.errs.Add(pos, "section #%s is replaced twice in this file", s.ID)
			ok = false
		case ns.locked():
			o.errs.Add(pos, "cannot replace section #%s: it is locked in the national model (%s:%d, class .locked); a region may only add a Regionale aanvulling, in %s",
				s.ID, nat.File, ns.Line, strings.TrimSuffix(path.Base(reg.File), ".md")+AanvullingSuffix)
			ok = false
		}
		seen[s.ID] = true
	}
	return ok
}

func firstTextLine(c chunk) int {
	for i, l := range strings.Split(c.Text, "\n") {
		if strings.TrimSpace(l) != "" {
			return c.Line + i
		}
	}
	return c.Line
}

// aanvulling checks a supplement: its page must exist and must not be a
// decision tree (an h2 there would be a node), and it may not hold h2s.
func (o *builder) aanvulling(target string, d *doc) {
	nat := o.natDocs[target]
	pos := diag.Position{File: d.File, Line: 1, Col: 1}
	switch {
	case nat == nil:
		o.errs.Add(pos, "a Regionale aanvulling supplements a national page, but content/%s does not exist%s", target, o.pathHint(target))
	case strings.HasPrefix(target, "beslisbomen/") && path.Base(target) != "_index.md":
		o.errs.Add(pos, "a decision tree cannot get a Regionale aanvulling (every h2 is a node); change a node instead, in %s", strings.TrimSuffix(d.File, AanvullingSuffix)+".md")
	}
	for _, k := range slices.Sorted(maps.Keys(d.Meta.Pos)) {
		if k != "basis" {
			o.errs.Add(o.metaPos(d, k), "unknown key `%s` in a Regionale aanvulling; it takes no front matter (its heading is always \"Regionale aanvulling\")", k)
		}
	}
	for _, s := range d.Sections {
		o.errs.Add(diag.Position{File: d.File, Line: s.Line, Col: 1}, "an aanvulling is one section under the heading \"Regionale aanvulling\": use ### for headings inside it, not ##")
	}
}

// regionAssets publishes the region's tokens (appended to tokens.css, which
// every page already loads) and its logo (assets/img/regio-logo.svg).
func (o *builder) regionAssets() {
	if css := CSS(o.cfg.Tokens); css != "" {
		if b, err := fs.ReadFile(o.base, "assets/css/tokens.css"); err == nil {
			o.files["assets/css/tokens.css"] = &fstest.MapFile{Data: append(append([]byte(nil), b...), css...)}
		}
	}
	if o.cfg.LogoSVG != nil {
		o.files[LogoAsset] = &fstest.MapFile{Data: o.cfg.LogoSVG}
	}
}

// LogoAsset is where the overlay puts the region's logo among the assets.
const LogoAsset = "assets/img/regio-logo.svg"

// withoutContent hides content/ and site.yaml of the national source: the
// overlay supplies all of content/.
type withoutContent struct{ fs.FS }

func hidden(name string) bool {
	return name == "content" || strings.HasPrefix(name, "content/")
}

func (w withoutContent) Open(name string) (fs.File, error) {
	if hidden(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return w.FS.Open(name)
}

func (w withoutContent) ReadDir(name string) ([]fs.DirEntry, error) {
	if hidden(name) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	es, err := fs.ReadDir(w.FS, name)
	if name == "." {
		es = slices.DeleteFunc(slices.Clone(es), func(e fs.DirEntry) bool { return e.Name() == "content" })
	}
	return es, err
}
