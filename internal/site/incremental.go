package site

import (
	"maps"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/zvh-webtool/zvh/internal/diag"
	"github.com/zvh-webtool/zvh/internal/frontmatter"
	"github.com/zvh-webtool/zvh/internal/index"
	"github.com/zvh-webtool/zvh/internal/load"
	"github.com/zvh-webtool/zvh/internal/markdown"
	"github.com/zvh-webtool/zvh/internal/render"
	"github.com/zvh-webtool/zvh/internal/search"
)

// Session keeps the last build of one site in memory, with its dependency
// record, so that an edit re-renders only the files that depend on it. zvh
// serve holds one; a Session is not safe for concurrent use.
type Session struct {
	opts  Options
	md    *markdown.Converter
	cache *load.Cache
	last  *built
	// stemmer remembers the words of earlier builds for the search index;
	// builds of a Session run one at a time, as the Stemmer needs.
	stemmer *search.Stemmer
}

// built is one finished build and what each of its files used.
type built struct {
	st      *stages
	files   map[string][]byte
	record  map[string]*render.Deps // output path -> what it used
	layouts map[string][32]byte     // layout file -> hash
	res     *Result
}

// Update is the outcome of Session.Build.
type Update struct {
	*Result
	Rendered []string // HTML files rendered by this build, sorted
	Changed  []string // files whose bytes differ from the previous build, sorted (all files on the first build)
	Removed  []string // files the previous build had and this one has not
}

// NewSession prepares incremental builds of the site opts describes.
func NewSession(opts Options) *Session {
	if opts.Cache == nil {
		opts.Cache = load.NewCache()
	}
	opts.StableIndex = true
	opts.indexCache = index.NewCache()
	return &Session{opts: opts, md: markdown.New(), cache: opts.Cache, stemmer: search.NewStemmer()}
}

// Build brings the site up to date with its sources. changed names the
// source paths (content/…, layouts/…, assets/…) that changed since the last
// build; nil means unknown, and then every file is compared. The first build
// renders everything. On errors the previous build stays the current one.
func (s *Session) Build(changed []string) (*Update, diag.List) {
	st, errs := prepare(s.opts, s.md)
	if len(errs) > 0 {
		return nil, errs
	}
	layouts := st.layouts.Sums()
	st.assets = st.assets.Clone()
	regs, finishSearch := addSearch(st.site, s.opts.FS, st.assets, s.opts.Offline, s.opts.StableIndex, s.stemmer)
	jobs := append(render.Jobs(st.site), generatedJobs(st, regs, s.opts.Offline)...)
	var todo []render.Job
	if s.last == nil {
		todo = jobs
	} else {
		want := affected(s.last, st, layouts)
		for _, j := range jobs {
			if want[j.Path()] || s.last.files[j.Path()] == nil {
				todo = append(todo, j)
			}
		}
	}
	b := &built{st: st, files: map[string][]byte{}, record: map[string]*render.Deps{}, layouts: layouts,
		res: &Result{Warnings: st.warnings(), Trees: len(st.site.Trees()), Pages: len(jobs)}}
	if s.last != nil {
		// Start from the previous files and records of the pages that
		// still exist; rendering overwrites what changed.
		for _, j := range jobs {
			if f, ok := s.last.files[j.Path()]; ok {
				b.files[j.Path()] = f
				b.record[j.Path()] = s.last.record[j.Path()]
			}
		}
	}
	var mu sync.Mutex
	r := st.renderer(s.opts, s.md, st.assets, nil)
	errs = r.Run(todo, func(j render.Job, html []byte, deps *render.Deps) error {
		mu.Lock()
		defer mu.Unlock()
		b.files[j.Path()] = html
		b.record[j.Path()] = deps
		return nil
	})
	errs.Append(finishSearch())
	if len(errs) > 0 {
		return nil, errs
	}
	for name, f := range otherFiles(st, st.assets, s.opts.Offline) {
		b.files[name] = f
	}
	u := &Update{Result: b.res}
	for _, j := range todo {
		u.Rendered = append(u.Rendered, j.Path())
	}
	slices.Sort(u.Rendered)
	for name, f := range b.files {
		b.res.Bytes += len(f)
		if s.last == nil || !slices.Equal(s.last.files[name], f) {
			u.Changed = append(u.Changed, name)
		}
	}
	slices.Sort(u.Changed)
	if s.last != nil {
		for name := range s.last.files {
			if _, ok := b.files[name]; !ok {
				u.Removed = append(u.Removed, name)
			}
		}
		slices.Sort(u.Removed)
	}
	u.Files = b.files
	s.last = b
	return u, nil
}

// Record returns, for every HTML file of the last build, what it used.
func (s *Session) Record() map[string]*render.Deps {
	if s.last == nil {
		return nil
	}
	return s.last.record
}

// affected returns the output files of the new build that must be rendered
// again because a source they depend on changed since old. The parse cache
// hands back the very same load.Page for a file that did not change, so a
// changed page is one whose pointer differs.
func affected(old *built, st *stages, layouts map[string][32]byte) map[string]bool {
	all := func() map[string]bool {
		m := map[string]bool{}
		for path := range old.record {
			m[path] = true
		}
		for _, o := range st.site.Outputs() {
			m[o.Path] = true
		}
		return m
	}
	if siteFacts(old.st.site) != siteFacts(st.site) {
		return all() // title, version, menu, plates: on every page
	}
	want := map[string]bool{}
	// Layouts: every file rendered with a changed layout file. A layout
	// added or removed can change which file a kind uses: all.
	if !slices.Equal(slices.Sorted(maps.Keys(old.layouts)), slices.Sorted(maps.Keys(layouts))) {
		return all()
	}
	var changedLayouts []string
	for p, h := range layouts {
		if old.layouts[p] != h {
			changedLayouts = append(changedLayouts, p)
		}
	}
	// Assets: a changed asset has a new fingerprint, so every file that
	// links it changes.
	var changedAssets []string
	oldNames, newNames := old.st.assets.Names(), st.assets.Names()
	for name, fp := range newNames {
		if oldNames[name] != fp {
			changedAssets = append(changedAssets, name)
		}
	}
	for name := range oldNames {
		if _, ok := newNames[name]; !ok {
			changedAssets = append(changedAssets, name)
		}
	}
	// Pages.
	oldPages := map[string]*load.Page{}
	for _, p := range old.st.site.Pages {
		oldPages[p.Rel] = p.Page
	}
	newPages := map[string]*index.Page{}
	for _, p := range st.site.Pages {
		newPages[p.Rel] = p
	}
	var shown, linked, own []string
	glossary := false
	for rel, np := range newPages {
		op := oldPages[rel]
		if op == np.Page {
			continue
		}
		if op == nil || op.URL != np.URL || op.Kind != np.Kind || !slices.Equal(op.Meta.Aliases, np.Meta.Aliases) {
			return all() // a page added or moved: navigation everywhere
		}
		own = append(own, rel)
		if !sameMeta(op.Meta, np.Meta) {
			shown = append(shown, rel)
			linked = append(linked, rel)
			if op.Meta.Weight != np.Meta.Weight || op.Meta.Title != np.Meta.Title {
				// The order of the section changes: its listing and the
				// neighbours of every page in it.
				if np.Parent != nil {
					own = append(own, np.Parent.Rel)
					for _, c := range np.Parent.Children {
						shown = append(shown, c.Rel)
					}
				}
			}
		}
		if !reflect.DeepEqual(headings(op.Doc), headings(np.Doc)) {
			linked = append(linked, rel)
		}
		if st.site.Glossary != nil && rel == st.site.Glossary.Rel {
			glossary = true
		}
		// Pages it cites now or cited before list it ("Gebruikt in").
		if before, after := targets(old.st.site, rel), targets(st.site, rel); !slices.Equal(before, after) {
			own = append(own, before...)
			own = append(own, after...)
		}
	}
	for rel := range oldPages {
		if newPages[rel] == nil {
			return all() // a page removed
		}
	}
	for path, d := range old.record {
		if d == nil {
			want[path] = true
			continue
		}
		hit := glossary && d.Glossary
		for _, l := range changedLayouts {
			hit = hit || slices.Contains(d.Layouts, l)
		}
		for _, a := range changedAssets {
			hit = hit || d.Assets[a]
		}
		for _, rel := range shown {
			hit = hit || d.Shows[rel]
		}
		// The A–Z register lists every title.
		hit = hit || (len(shown) > 0 && path == registerURL+"index.html")
		for _, rel := range linked {
			hit = hit || d.Links[rel]
		}
		if hit {
			want[path] = true
		}
	}
	ownSet := map[string]bool{}
	for _, rel := range own {
		ownSet[rel] = true
	}
	for _, j := range render.Jobs(st.site) {
		if ownSet[j.Page.Rel] {
			want[j.Path()] = true
		}
	}
	return want
}

// siteFacts is what every page shows of the site as a whole.
func siteFacts(s *index.Site) string {
	var b strings.Builder
	b.WriteString(s.Title + "\x00" + s.Version)
	for _, list := range [][]*index.Page{s.Menu, s.Plates} {
		b.WriteString("\x00")
		for _, p := range list {
			b.WriteString(p.Rel + "\x01")
		}
	}
	return b.String()
}

// sameMeta compares front matter, without the positions of its keys.
func sameMeta(a, b frontmatter.Meta) bool {
	a.Pos, b.Pos = nil, nil
	return reflect.DeepEqual(a, b)
}

type heading struct {
	level    int
	id, text string
}

func headings(d *markdown.Doc) []heading {
	var out []heading
	for _, h := range d.Headings {
		out = append(out, heading{h.Level, h.ID, h.Text})
	}
	return out
}

// targets lists the pages that page rel of s links to.
func targets(s *index.Site, rel string) []string {
	if p := s.Get(rel); p != nil {
		return p.Cites()
	}
	return nil
}
