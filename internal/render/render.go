// Package render is the third stage of a build: it turns the index of a
// site into HTML files. Every output file is a pure function of the pages
// it shows and the index: render reads both and changes neither, so files
// are rendered on every processor in any order and the bytes stay the same.
//
// URLs are written relative to the file being rendered while it is rendered
// (by the template functions and the Markdown renderer's link hooks), so the
// HTML is never rewritten afterwards. While it renders a file, render also
// records what the file used: the pages whose title or address it shows,
// the pages its links point into, the assets and layout files; package site
// keeps that record to re-render only what an edit touches.
package render

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"html"
	"html/template"
	"maps"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/zvh-webtool/zvh/internal/csp"
	"github.com/zvh-webtool/zvh/internal/diag"
	"github.com/zvh-webtool/zvh/internal/frontmatter"
	"github.com/zvh-webtool/zvh/internal/index"
	"github.com/zvh-webtool/zvh/internal/load"
	"github.com/zvh-webtool/zvh/internal/markdown"
	"github.com/zvh-webtool/zvh/internal/tree"
	"github.com/zvh-webtool/zvh/internal/urls"
)

// Job is one HTML file to render.
type Job struct {
	Kind string          // layout kind: a page kind, "node" or "overview"
	Page *index.Page     // the page it belongs to
	Node *index.TreeNode // on the page of one decision-tree node
	At   string          // site path of its folder; the file is At+"index.html"
	Out  string          // the output file, when it is not At+"index.html" (404.html)
	// Absolute: every address in the file is written from the root of
	// the host (Renderer.Root), not relative to the file. For 404.html,
	// which a host shows at any missing address, at any depth, where a
	// relative address would lead nowhere (and <base> is forbidden by
	// the policy). Ignored in an offline build.
	Absolute bool
}

// Path is the output file of the job.
func (j Job) Path() string {
	if j.Out != "" {
		return j.Out
	}
	return j.At + "index.html"
}

// Jobs lists every HTML file of site: one per page, and for each decision
// tree one per node and an overview. The start page and the overview of a
// tree show all its nodes, so they come first: a large tree's overview
// started last would keep one processor busy after the others are done.
func Jobs(site *index.Site) []Job {
	var heavy, jobs []Job
	for _, p := range site.Pages {
		if p.Tree == nil {
			jobs = append(jobs, Job{Kind: string(p.Kind), Page: p, At: p.URL})
			continue
		}
		heavy = append(heavy, Job{Kind: "overview", Page: p, At: p.URL + index.OverviewDir}, Job{Kind: string(p.Kind), Page: p, At: p.URL})
		for _, n := range p.Tree.Nodes {
			jobs = append(jobs, Job{Kind: "node", Page: p, Node: n, At: n.URL})
		}
	}
	return append(heavy, jobs...)
}

// Deps is what one output file used. Pages are named by their path under
// content/, so a record outlives the index it was made from.
type Deps struct {
	Shows    map[string]bool // pages whose title or address it shows
	Links    map[string]bool // pages its Markdown links point to (titles, anchors, markers)
	Assets   map[string]bool // asset names (as under assets/)
	Glossary bool            // it links words to the glossary
	Layouts  []string        // layout files it was rendered with
}

func newDeps() *Deps {
	return &Deps{Shows: map[string]bool{}, Links: map[string]bool{}, Assets: map[string]bool{}}
}

// Renderer renders the jobs of one site.
type Renderer struct {
	Layouts *Layouts
	Assets  *load.Assets
	MD      *markdown.Converter
	Site    *index.Site
	Offline bool            // links end in index.html, for use from file://
	Context context.Context // when it ends, the remaining files are skipped
	// Download is the offline copy the pages offer, or nil.
	Download *Download
	// Prefix is the folder the site is published in within a larger one,
	// for the addresses of printed pages (see site.Options).
	Prefix string
	// Root is the path the site is published at on its host ("/", or
	// "/gegevensdeling/"): where absolute addresses and the addresses of
	// printed pages start. "" is "/".
	Root string
	// Address is the site's published address (https://…/), or "".
	Address string

	mu    sync.Mutex
	cache map[fragmentKey][]*fragment // see worker.cached
}

// fragmentKey names the fragments of one partial for one key.
type fragmentKey struct{ partial, key string }

// Download is a file of the build that pages offer for download.
type Download struct {
	Path string // site path
	Size string // as people read it: "2,1 MB"
}

// fragment is one cached output of a partial and what it used. The same
// partial and key may have several fragments: one for each way its
// addresses come out relative to the files that use it.
type fragment struct {
	html   template.HTML
	rels   []relUse // every relative URL it wrote
	shows  []string
	links  []string
	assets []string
	// glossary: it links words to the glossary
	glossary bool
}

// relUse is one relative URL a fragment wrote: the site path it points to
// and what it came out as.
type relUse struct{ to, rel string }

// fits reports whether f's addresses are the same for the file being
// written, whose addresses link writes.
func (f *fragment) fits(link func(to string) string) bool {
	for _, u := range f.rels {
		if link(u.to) != u.rel {
			return false
		}
	}
	return true
}

// maxFragments bounds the fragments kept for one partial and key: a
// partial whose addresses differ on nearly every file is just executed.
const maxFragments = 16

// Emit receives a finished file. It is called from several goroutines.
type Emit func(j Job, html []byte, deps *Deps) error

// Run renders jobs on every processor and hands each finished file to emit
// as soon as it is done, so a build never holds every page in memory. It
// returns the problems of all jobs, sorted.
func (r *Renderer) Run(jobs []Job, emit Emit) diag.List {
	// Each worker takes the next job by counting, not from a channel:
	// a channel hands every one of thousands of small jobs from one
	// goroutine to another.
	var next atomic.Int64
	errs := make([]diag.List, len(jobs))
	var (
		wg     sync.WaitGroup
		mu     sync.Mutex
		broken error
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			w, err := r.Layouts.worker(r)
			if err != nil {
				mu.Lock()
				broken = err
				mu.Unlock()
				return
			}
			defer r.Layouts.release(w)
			for {
				i := int(next.Add(1)) - 1
				if i >= len(jobs) || r.Context != nil && r.Context.Err() != nil {
					return
				}
				out, deps, jerrs := w.render(jobs[i])
				if jerrs == nil {
					if err := emit(jobs[i], out, deps); err != nil {
						jerrs.Add(diag.Position{File: jobs[i].Page.File}, "cannot write %s: %v", jobs[i].Path(), err)
					}
				}
				errs[i] = jerrs
			}
		})
	}
	wg.Wait()
	var all diag.List
	if broken != nil {
		all.Add(diag.Position{File: "layouts"}, "cannot prepare the layouts: %v", broken)
		return all
	}
	for _, e := range errs {
		all.Append(e)
	}
	all.Sort()
	return all
}

// worker renders one file at a time; from and deps describe that file.
type worker struct {
	r    *Renderer
	sets map[string]*template.Template
	set  *template.Template // of the file being rendered
	from string
	page *index.Page
	abs  bool // addresses from the host's root (Job.Absolute)
	deps *Deps
	rels *[]relUse // while a cached partial runs: the URLs it wrote
	buf  bytes.Buffer

	// Markdown is rendered into mdBuf through md, kept from file to file.
	md    *bufio.Writer
	mdBuf bytes.Buffer
}

// cached executes the partial name with data once per key and site, and
// returns the same HTML for every later file with that key. Layouts use it
// for site-wide fragments such as the main menu or the footer, which are the
// same on many pages. The key must say everything the output depends on
// except where the file sits: cached remembers every relative URL the
// partial wrote and reuses a fragment only for a file from which each comes
// out the same, so a key never has to name the folder. A fragment's
// dependencies are recorded for every file that uses it.
func (w *worker) cached(name, key string, data any) (template.HTML, error) {
	k := fragmentKey{name, key}
	// Fragments are never changed once cached, so they are checked
	// outside the lock, which the other workers want for every partial
	// of every file.
	w.r.mu.Lock()
	all := w.r.cache[k]
	w.r.mu.Unlock()
	var f *fragment
	for _, c := range all {
		if c.fits(w.link) {
			f = c
			break
		}
	}
	if f == nil {
		var err error
		if f, err = w.execute(name, data); err != nil {
			return "", err
		}
		if len(all) < maxFragments {
			w.r.mu.Lock()
			if w.r.cache == nil {
				w.r.cache = map[fragmentKey][]*fragment{}
			}
			w.r.cache[k] = append(w.r.cache[k], f)
			w.r.mu.Unlock()
		}
	}
	if w.rels != nil {
		*w.rels = append(*w.rels, f.rels...)
	}
	for _, rel := range f.shows {
		w.deps.Shows[rel] = true
	}
	for _, rel := range f.links {
		w.deps.Links[rel] = true
	}
	for _, a := range f.assets {
		w.deps.Assets[a] = true
	}
	w.deps.Glossary = w.deps.Glossary || f.glossary
	return f.html, nil
}

// execute runs the partial name for the file being rendered and keeps
// what it used apart, as a fragment.
func (w *worker) execute(name string, data any) (*fragment, error) {
	outerDeps, outerRels := w.deps, w.rels
	w.deps, w.rels = newDeps(), &[]relUse{}
	var b bytes.Buffer
	err := w.set.ExecuteTemplate(&b, name, data)
	inner, rels := w.deps, *w.rels
	w.deps, w.rels = outerDeps, outerRels
	if err != nil {
		return nil, err
	}
	f := &fragment{html: template.HTML(b.String()), rels: rels}
	f.shows = slices.Collect(maps.Keys(inner.Shows))
	f.links = slices.Collect(maps.Keys(inner.Links))
	f.assets = slices.Collect(maps.Keys(inner.Assets))
	f.glossary = inner.Glossary
	return f, nil
}

// treePages names the files of a decision tree by the layout kind they
// need; page.html cannot show them, so they have no fallback (Layouts.set).
var treePages = map[string]string{"tree": "the start pages of decision trees", "node": "the node pages of decision trees", "overview": "the overviews of decision trees"}

func (w *worker) render(j Job) ([]byte, *Deps, diag.List) {
	kind, ok := w.r.Layouts.set(j.Kind)
	if !ok {
		var errs diag.List
		errs.Add(diag.Position{File: "layouts/" + j.Kind + ".html"}, "missing layout %s.html: %s have no other layout to fall back on", j.Kind, treePages[j.Kind])
		return nil, nil, errs
	}
	w.set, w.from, w.page, w.deps = w.sets[kind], j.At, j.Page, newDeps()
	w.abs = j.Absolute && !w.r.Offline
	w.deps.Layouts = w.r.Layouts.uses[kind]
	w.buf.Reset()
	if err := w.set.ExecuteTemplate(&w.buf, "base.html", newView(w.r.Site, j)); err != nil {
		return nil, nil, w.r.Layouts.execError(w.set, err, j.Page.File)
	}
	if v, ok := csp.Violations(w.buf.Bytes()); v != nil || !ok {
		var errs diag.List
		layout := w.r.Layouts.paths[kind+".html"]
		for _, msg := range v {
			errs.Add(diag.Position{File: layout}, "%s (for %s) has %s; the Content-Security-Policy of every page forbids it: scripts and styles belong in assets/", j.Path(), j.Page.File, msg)
		}
		switch {
		case len(bytes.TrimSpace(w.buf.Bytes())) == 0:
			errs.Add(diag.Position{File: "layouts/base.html"}, "renders nothing for %s: a layout set must render every page", j.Page.File)
		case !ok:
			errs.Add(diag.Position{File: "layouts/base.html"}, "%s (for %s) has no Content-Security-Policy meta tag: base.html must call {{cspMeta}} in <head>", j.Path(), j.Page.File)
		}
		return nil, nil, errs
	}
	return bytes.Clone(w.buf.Bytes()), w.deps, nil
}

// rel is the relative URL from the file being rendered to the site path to.
// Inside a cached partial it is remembered with the fragment.
func (w *worker) rel(to string) string {
	r := w.link(to)
	if w.rels != nil {
		*w.rels = append(*w.rels, relUse{to, r})
	}
	return r
}

// link is the address of the site path to in the file being rendered:
// relative to it, or from the host's root in an absolute file.
func (w *worker) link(to string) string {
	if w.abs {
		return w.r.rootPath() + to
	}
	return urls.Rel(w.from, to, w.r.Offline)
}

// rootPath is where the site's own paths start on the host: the published
// root, and the site's folder within a larger build.
func (r *Renderer) rootPath() string {
	root := r.Root
	if root == "" {
		root = "/"
	}
	return root + r.Prefix
}

// shows records that the file shows p's title or address.
func (w *worker) shows(p *index.Page) {
	if p != nil {
		w.deps.Shows[p.Rel] = true
	}
}

// markdown renders nodes of page p's document for the file being rendered.
func (w *worker) markdown(p *index.Page, nodes ...astNode) (template.HTML, error) {
	if w.md == nil {
		w.md = bufio.NewWriter(&w.mdBuf)
	}
	w.mdBuf.Reset()
	ctx := &mdContext{w: w, page: p}
	for _, n := range nodes {
		if err := w.r.MD.RenderWith(w.md, p.Doc, n, ctx); err != nil {
			return "", fmt.Errorf("%s: cannot render: %v", p.File, err)
		}
	}
	// Our own renderer wrote it from the parsed Markdown; raw HTML in the
	// source is never passed through.
	return template.HTML(w.mdBuf.String()), nil
}

// funcs returns the template functions, bound to worker w (nil while
// parsing, when only the names matter).
func funcs(w *worker) template.FuncMap {
	return template.FuncMap{
		"url": func(p *index.Page) (template.URL, error) {
			if p == nil {
				return "", fmt.Errorf("url: no such page in this site")
			}
			w.shows(p)
			return template.URL(w.rel(p.URL)), nil
		},
		"urlTo": func(sitePath string) template.URL { return template.URL(w.rel(sitePath)) },
		// printPath is the address of a site path from the root of the
		// host, for a printed page, where a relative address says nothing.
		"printPath": func(sitePath string) string { return w.r.rootPath() + sitePath },
		// address is the full published address of a site path when the
		// site knows where it is published (site.yaml url), else its
		// printPath: what a printed page or an offline copy names.
		"address": func(sitePath string) string {
			if w.r.Address == "" {
				return w.r.rootPath() + sitePath
			}
			return strings.TrimSuffix(w.r.Address, w.r.Root) + w.r.rootPath() + sitePath
		},
		// offline reports whether the file is for the offline copy.
		"offline": func() bool { return w.r.Offline },
		"cached":  func(name, key string, data any) (template.HTML, error) { return w.cached(name, key, data) },
		"asset": func(name string) (template.URL, error) {
			p, err := w.r.Assets.Path(name)
			w.deps.Assets[strings.TrimPrefix(name, "/")] = true
			return template.URL(w.rel(p)), err
		},
		// hasAsset reports whether the site has the asset, for files that
		// only some sites have (a region's logo).
		"hasAsset": func(name string) bool {
			_, err := w.r.Assets.Path(name)
			return err == nil
		},
		"body": func(p *index.Page) (template.HTML, error) {
			if p.Generated != nil {
				return p.Generated(w.rel), nil
			}
			return w.markdown(p, p.Doc.Root)
		},
		// download is the offline copy, with its address relative to the
		// page, or nil when this build has none.
		"download": func() map[string]string {
			if w.r.Download == nil {
				return nil
			}
			return map[string]string{"URL": w.rel(w.r.Download.Path), "Size": w.r.Download.Size}
		},
		"treeIntro": func(t *index.Tree) (template.HTML, error) {
			return w.markdown(t.Page, t.Parsed.Intro...)
		},
		"nodeBody": func(n *index.TreeNode) (template.HTML, error) {
			return w.markdown(n.Tree.Page, n.Node.Body...)
		},
		"route": func(n *index.TreeNode) template.HTML { return w.route(n) },
		"diagram": func(t *index.Tree) template.HTML {
			svg := t.Parsed.SVG(tree.SVGOptions{Title: t.Page.Meta.Title, Href: func(id string) string { return w.rel(t.Page.URL + id + "/") }})
			// The diagram is drawn by our own code from escaped text.
			return template.HTML(svg)
		},
		"source": func(l index.TreeLink) template.URL {
			w.deps.Links[l.Target.Page.Rel] = true
			return template.URL(w.rel(l.Path()))
		},
		"date":   index.DutchDate,
		"regime": func(r string) string { return frontmatter.Regimes[r] },
		// The policy is trusted text of our own; writing it as an attribute
		// keeps its quotes readable instead of &#39;.
		"cspMeta": func() template.HTML {
			return template.HTML(`<meta http-equiv="Content-Security-Policy" content="` + csp.Policy + `">` + "\n" +
				`<meta name="referrer" content="` + csp.Referrer + `">`)
		},
		// without is pages less those at the given paths under content/:
		// one call where a test per page would cost one per page.
		"without": func(pages []*index.Page, rels ...string) []*index.Page {
			out := make([]*index.Page, 0, len(pages))
			for _, p := range pages {
				if !slices.Contains(rels, p.Rel) {
					out = append(out, p)
				}
			}
			return out
		},
		"add":   func(a, b int) int { return a + b },
		"deref": func(b *bool) bool { return b != nil && *b },
		"dict":  dict,
		"list":  func(s ...string) []string { return s },
	}
}

// route writes the steps that lead to n (n.Route) as an ordered list of
// links, numbered from the first step it lists: <ol class="route"> with,
// per step, the question (a.route__q) and the answer (span.route__a). It
// is the one list of a node page that is written in Go, like the diagram:
// through html/template each step cost some ten reflective calls, and a
// node page lists up to ten steps, so in a tree of thousands of nodes the
// route was half the time of the build. A layout that wants other markup
// ranges over .Node.Route itself.
func (w *worker) route(n *index.TreeNode) template.HTML {
	var b strings.Builder
	b.WriteString(`<ol class="route"`)
	if n.Earlier > 0 {
		b.WriteString(` start="` + strconv.Itoa(n.Earlier+1) + `"`)
	}
	b.WriteString(">")
	for _, s := range n.Route {
		b.WriteString(`<li><a class="route__q" href="`)
		b.WriteString(html.EscapeString(w.rel(s.Question.URL)))
		b.WriteString(`">`)
		b.WriteString(html.EscapeString(s.Question.Title))
		b.WriteString(`</a> <span class="route__a">`)
		b.WriteString(html.EscapeString(s.Answer))
		b.WriteString("</span></li>")
	}
	b.WriteString("</ol>")
	return template.HTML(b.String())
}

// dict builds a map from key, value pairs, so a layout can pass several
// values to a partial.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict needs key, value pairs")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict key %v is not text", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}
