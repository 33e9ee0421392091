// Package site runs the build pipeline. Each stage has a package of its own
// and data flows one way:
//
//	load    files -> parsed pages and assets (internal/load; immutable after)
//	index   pages -> the site: sections, menu, link targets, glossary,
//	        trees, output owners (internal/index; computed once per site)
//	render  index -> HTML files, each a pure function of its page and the
//	        index, on every processor (internal/render)
//	write   files -> the output folder, streamed and swapped in atomically
//	        (internal/output), or kept in memory for zvh check and serve
//
// The pipeline never reads the clock, so the same input gives the same
// bytes. Every problem of every stage is reported, and nothing is written
// when there is one.
package site

import (
	"context"
	"errors"
	"io/fs"
	"slices"
	"sync"

	"github.com/zvh-webtool/zvh/internal/csp"
	"github.com/zvh-webtool/zvh/internal/diag"
	"github.com/zvh-webtool/zvh/internal/frontmatter"
	"github.com/zvh-webtool/zvh/internal/index"
	"github.com/zvh-webtool/zvh/internal/load"
	"github.com/zvh-webtool/zvh/internal/markdown"
	"github.com/zvh-webtool/zvh/internal/output"
	"github.com/zvh-webtool/zvh/internal/render"
	"github.com/zvh-webtool/zvh/internal/search"
	"github.com/zvh-webtool/zvh/internal/settings"
)

// Options select what to build.
type Options struct {
	FS      fs.FS // holds content/, layouts/ and assets/
	Offline bool  // links end in index.html, for use from file://
	// Cache keeps what builds that share it reuse: parses, parsed layouts
	// and their render workers, glossary plans, the search stemmer. nil
	// makes everything anew.
	Cache *load.Cache
	// OfflineCopy adds the site rendered for file:// as one zip file
	// (OfflineZip), which every page links with its size: what zvh build
	// publishes.
	OfflineCopy bool
	// StableIndex names the search index search/index.js instead of
	// fingerprinting it. A Session (zvh serve) always does: an edit then
	// changes the index without changing every page that links it.
	StableIndex bool
	// Context, when it ends, stops the build between files (Ctrl-C):
	// nothing is written and an error says it was interrupted.
	Context context.Context
	// Prefix is the folder the site is published in within a larger one
	// ("regio/fryslan/" for a region of --all). Links do not need it, as
	// they are relative; the addresses a printed page shows do.
	Prefix string
	// Names are a region's own names (regio.yaml); nil for the national
	// site, which shows the terms of site.yaml.
	Names *RegionNames
	// Root, when set, is the path the site is served from, instead of the
	// path of site.yaml's url: zvh serve serves every site at "/".
	Root string

	indexCache *index.Cache // set by a Session
}

// ctx is the build's context, never nil.
func (o Options) ctx() context.Context {
	if o.Context == nil {
		return context.Background()
	}
	return o.Context
}

// interrupted reports a build stopped by its context.
func interrupted(opts Options) diag.List {
	if opts.Context == nil || opts.Context.Err() == nil {
		return nil
	}
	var errs diag.List
	errs.Add(diag.Position{File: "."}, "the build was interrupted; nothing was written")
	return errs
}

// Result is a finished site.
type Result struct {
	Files    map[string][]byte // output path -> bytes; nil when written to disk
	Pages    int               // HTML pages written
	Trees    int               // decision trees
	Bytes    int               // total size of all files
	Warnings diag.List         // things a person should look at, that do not stop the build
}

// Size is the total number of bytes of all files.
func (r *Result) Size() int { return r.Bytes }

// FrontMatterKind returns which front matter keys the page at rel (a path
// under content/, such as "wetten/avg-6.md") may use besides the common ones.
func FrontMatterKind(rel string) frontmatter.Kind { return load.FrontMatterKind(load.KindOf(rel)) }

// Build builds the site in memory. On any error it returns all diagnostics
// and no result.
func Build(opts Options) (*Result, diag.List) {
	files := map[string][]byte{}
	var mu sync.Mutex
	res, errs := run(opts, func(name string, b []byte) error {
		mu.Lock()
		files[name] = b
		mu.Unlock()
		return nil
	})
	if errs != nil {
		return nil, errs
	}
	res.Files = files
	return res, nil
}

// Write builds the site into the folder dir, streaming every file to a
// temporary folder beside it as soon as it is rendered, and swaps it in only
// when the whole build succeeded.
func Write(opts Options, dir string) (*Result, diag.List) {
	out, err := output.Begin(dir)
	if err != nil {
		var errs diag.List
		errs.Add(diag.Position{File: dir}, "%v", err)
		return nil, errs
	}
	res, errs := run(opts, out.WriteFile)
	if errs != nil {
		out.Abort()
		return nil, errs
	}
	var leftover *output.LeftoverError
	switch err := out.Commit(); {
	case errors.As(err, &leftover):
		// The new site is in place and whole: the build succeeded.
		res.Warnings.Add(diag.Position{File: dir}, "%v", err)
	case err != nil:
		errs.Add(diag.Position{File: dir}, "%v", err)
		return nil, errs
	}
	return res, nil
}

// stages is one site's way through the pipeline.
type stages struct {
	site     *index.Site
	settings diag.List // warnings of site.yaml
	assets   *load.Assets
	layouts  *render.Layouts
	aliases  []render.Alias
	root     string // the path the site is published at: "/" or site.yaml's url
	prefix   string // Options.Prefix
}

// notFoundKind is the layout of the 404 page (layouts/404.html).
const notFoundKind = "404"

// generatedJobs are the pages the build writes itself: the A–Z register
// and, when layouts/404.html exists, 404.html at the root of the output,
// the page hosts show for an address the site does not have (its links are
// relative to the root, where hosts serve it from).
func generatedJobs(st *stages, regs []*index.Page, offline bool) []render.Job {
	var jobs []render.Job
	for _, reg := range regs {
		jobs = append(jobs, render.Job{Kind: string(reg.Kind), Page: reg, At: reg.URL})
	}
	// An offline copy is opened from file://, where no host shows it.
	if st.layouts.Has(notFoundKind) && !offline {
		p := index.NewPage(&load.Page{File: "layouts/404.html", Kind: notFoundKind, Meta: frontmatter.Meta{Title: "Pagina niet gevonden"}})
		jobs = append(jobs, render.Job{Kind: notFoundKind, Page: p, At: "", Out: "404.html", Absolute: true})
	}
	return jobs
}

// renderer is the render stage for st, with the assets (and the search
// index) of this build.
func (st *stages) renderer(opts Options, md *markdown.Converter, assets *load.Assets, download *render.Download) *render.Renderer {
	return &render.Renderer{Layouts: st.layouts, Assets: assets, MD: md, Site: st.site, Offline: opts.Offline,
		Context: opts.Context, Download: download, Prefix: opts.Prefix, Root: st.root, Address: st.site.URL}
}

// warnings are the warnings of the site index and of site.yaml.
func (st *stages) warnings() diag.List {
	w := st.site.Warnings()
	w.Append(st.settings)
	w.Sort()
	return w
}

// headerFiles are the files that tell a web server the security headers
// and where the 404 page is; root is the path the site is published at.
func headerFiles(root string) map[string][]byte {
	return map[string][]byte{"_headers": csp.HeadersFile(root), "nginx-security-headers.conf": csp.NginxSnippet(root)}
}

// prepare runs load and index and checks every output path.
func prepare(opts Options, md *markdown.Converter) (*stages, diag.List) {
	// The layouts and the assets are read and parsed beside the content.
	var (
		assets        *load.Assets
		layouts       *render.Layouts
		aerrs, lerrs  diag.List
		assetsLayouts sync.WaitGroup
	)
	assetsLayouts.Go(func() {
		assets, aerrs = load.LoadAssets(opts.FS)
		layouts, lerrs = render.LoadLayouts(opts.FS, opts.Cache)
	})
	// site.yaml: who publishes the site, how to reach them, and the
	// national names (terms). Without one, the site names no publisher.
	var (
		set         settings.Settings
		serrs       diag.List
		setWarnings diag.List
		hasSettings bool
	)
	if b, err := fs.ReadFile(opts.FS, settings.File); err == nil {
		set, serrs = settings.Parse(settings.File, b)
		setWarnings = set.Warnings(settings.File)
		hasSettings = true
	}
	names := siteNames(set, opts.Names)
	loaded := load.LoadContext(opts.ctx(), opts.FS, markdown.New(markdown.WithNames(names)), opts.Cache)
	assetsLayouts.Wait()
	errs := loaded.Errs
	if ierrs := interrupted(opts); ierrs != nil {
		// Ctrl-C while the files were read: no index of half a site.
		return nil, ierrs
	}
	errs.Append(serrs)
	errs.Append(checkPhases(loaded.Pages, opts.Names, names))
	errs.Append(aerrs)
	errs.Append(lerrs)
	// Go on after errors in single files: every link is still checked, so
	// one build reports everything that is wrong.
	plans := opts.indexCache
	if plans == nil && opts.Cache != nil {
		// The sites of one build share the pages they have in common, and
		// with them where those pages link glossary terms.
		plans = opts.Cache.Shared("glossary plans", func() any { return index.NewCache() }).(*index.Cache)
	}
	s, ierrs := index.Build(loaded.Pages, func(name string) bool { _, err := assets.Path(name); return err == nil }, plans)
	errs.Append(ierrs)
	if hasSettings {
		s.Publisher, s.Contact, s.URL = set.Publisher, set.Contact, set.URL
	}
	aliases, alerrs := render.Aliases(s)
	errs.Append(alerrs)
	outs := append(s.Outputs(), index.Output{Path: registerURL + "index.html"}, index.Output{Path: OfflineZip}, index.Output{Path: "404.html"})
	for _, a := range aliases {
		outs = append(outs, index.Output{Path: a.Path, Owner: a.Pos})
	}
	for name, fp := range assets.Names() {
		outs = append(outs, index.Output{Path: fp, Owner: diag.Position{File: "assets/" + name}})
	}
	for name := range headerFiles("/") {
		outs = append(outs, index.Output{Path: name})
	}
	errs.Append(index.CheckOutputs(outs))
	errs.Sort()
	root := settings.RootOf(s.URL)
	if opts.Root != "" {
		root = opts.Root
	}
	return &stages{site: s, settings: setWarnings, assets: assets, layouts: layouts, aliases: aliases, root: root, prefix: opts.Prefix}, errs
}

// otherFiles are the files besides the rendered pages: assets, redirect
// pages and the security headers.
func otherFiles(st *stages, assets *load.Assets, offline bool) map[string][]byte {
	other := map[string][]byte{}
	for name, b := range assets.Files {
		other[name] = b
	}
	for _, a := range st.aliases {
		other[a.Path] = a.Redirect(offline)
	}
	if !offline {
		// A copy opened from file:// has no web server to configure.
		for name, b := range headerFiles(st.root + st.prefix) {
			other[name] = b
		}
	}
	return other
}

// run builds the site and hands every file to emit, from several goroutines.
func run(opts Options, emit func(name string, b []byte) error) (*Result, diag.List) {
	md := markdown.New()
	st, errs := prepare(opts, md)
	if len(errs) > 0 {
		return nil, errs
	}
	if errs := interrupted(opts); errs != nil {
		return nil, errs
	}
	// One Stemmer for the site and its offline copy, and for every site
	// of a build that shares a cache: each stems only words it is the
	// first to meet.
	stemmer := opts.Cache.Shared("search stemmer", func() any { return search.NewStemmer() }).(*search.Stemmer)
	var download *render.Download
	if opts.OfflineCopy && !opts.Offline {
		// The offline copy is the same index rendered for file://, packed
		// as one zip; the site links it with its size.
		zip, zerrs := offlineCopy(opts, md, st, stemmer)
		if len(zerrs) > 0 {
			return nil, zerrs
		}
		if err := emit(OfflineZip, zip); err != nil {
			errs.Add(diag.Position{File: OfflineZip}, "cannot write: %v", err)
			return nil, errs
		}
		download = &render.Download{Path: OfflineZip, Size: dutchSize(len(zip))}
	}
	res, errs := renderAll(opts, md, st, stemmer, emit, download)
	if errs := interrupted(opts); errs != nil {
		return nil, errs
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return res, nil
}

// renderAll adds the search index to st, renders every page and hands it
// and every other file to emit.
func renderAll(opts Options, md *markdown.Converter, st *stages, stemmer *search.Stemmer, emit func(name string, b []byte) error, download *render.Download) (*Result, diag.List) {
	assets := st.assets.Clone()
	regs, finishSearch := addSearch(st.site, opts.FS, assets, opts.Offline, opts.StableIndex, stemmer)
	res := &Result{Warnings: st.warnings(), Trees: len(st.site.Trees())}
	var mu sync.Mutex
	count := func(n int, page bool) {
		mu.Lock()
		res.Bytes += n
		if page {
			res.Pages++
		}
		mu.Unlock()
	}
	r := st.renderer(opts, md, assets, download)
	page := func(j render.Job, b []byte, _ *render.Deps) error {
		count(len(b), true)
		return emit(j.Path(), b)
	}
	errs := r.Run(render.Jobs(st.site), page)
	if len(errs) == 0 {
		// The register and the 404 page are rendered with the same
		// layouts; after the pages, so a layout error is reported once,
		// at a page of content/.
		errs = r.Run(generatedJobs(st, regs, opts.Offline), page)
	}
	errs.Append(finishSearch())
	other := otherFiles(st, assets, opts.Offline)
	names := make([]string, 0, len(other))
	for name := range other {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		count(len(other[name]), false)
		if err := emit(name, other[name]); err != nil {
			errs.Add(diag.Position{File: name}, "cannot write: %v", err)
		}
	}
	errs.Sort()
	return res, errs
}
