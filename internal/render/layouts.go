package render

import (
	"crypto/sha256"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"text/template/parse"

	"github.com/zvh-webtool/zvh/internal/diag"
	"github.com/zvh-webtool/zvh/internal/load"
)

// Layouts holds one template set per page kind. Every set has the base
// layout (layouts/base.html), all partials (layouts/partials/*.html) and the
// kind's own file, which defines "main" and may define "head" or "aside".
//
// Layouts are immutable once loaded, except for their idle workers: every
// render worker keeps its own copy of the sets (see worker), and making one
// (a clone of every set, escaped by html/template on first use) costs as
// much as rendering dozens of pages. Workers go back to their Layouts after
// a run, so the next site built with the same layouts (a region in --all,
// the next rebuild of zvh serve) takes them as they are.
type Layouts struct {
	sets  map[string]*template.Template
	paths map[string]string   // template file name -> path for diagnostics
	uses  map[string][]string // kind -> the layout files its pages use
	sums  map[string][32]byte // layout file -> hash of its bytes, as read

	// One worker per processor, made once (see makeWorkers); a worker at
	// work holds a slot, so sites that render at the same time take turns.
	slots chan struct{}
	ready chan struct{} // closed when the workers are made
	mu    sync.Mutex
	idle  []*worker
	err   error // why the workers could not be made
}

// makeWorkers makes n workers, each with its own copy of every set. The
// copies are taken before anything runs (html/template cannot copy a set
// that has run), and the last worker takes the parsed sets themselves: a
// copy less. It runs in the background from the moment the layouts are
// parsed, beside the stages that come before rendering.
func (l *Layouts) makeWorkers(n int) {
	defer close(l.ready)
	for i := range n {
		w := &worker{sets: map[string]*template.Template{}}
		for kind, set := range l.sets {
			if i < n-1 {
				c, err := set.Clone()
				if err != nil {
					l.err = err
					return
				}
				set = c
			}
			w.sets[kind] = set.Funcs(funcs(w))
		}
		l.idle = append(l.idle, w)
	}
}

// worker returns an idle worker for r, waiting for one when all are at
// work for another site.
func (l *Layouts) worker(r *Renderer) (*worker, error) {
	<-l.ready
	if l.err != nil {
		return nil, l.err
	}
	l.slots <- struct{}{}
	l.mu.Lock()
	w := l.idle[len(l.idle)-1]
	l.idle = l.idle[:len(l.idle)-1]
	l.mu.Unlock()
	w.r = r
	return w, nil
}

// release gives w back for the next run.
func (l *Layouts) release(w *worker) {
	w.r, w.page, w.deps = nil, nil, nil
	l.mu.Lock()
	l.idle = append(l.idle, w)
	l.mu.Unlock()
	<-l.slots
}

// Sums returns the hash of every layout file that was read, so a rebuild
// can tell which ones changed without reading them again.
func (l *Layouts) Sums() map[string][32]byte { return l.sums }

// LoadLayouts parses layouts/ of fsys. The functions are placeholders:
// every render worker binds its own (see worker), so a template sees the
// page it is writing. Sites whose layout files are the same bytes share
// one Layouts through cache, and with it the workers.
func LoadLayouts(fsys fs.FS, cache *load.Cache) (*Layouts, diag.List) {
	files, errs := readLayouts(fsys)
	if errs != nil {
		return nil, errs
	}
	// The key is made of the files' hashes, which the Layouts keep too.
	sums := map[string][32]byte{}
	h := sha256.New()
	for _, p := range slices.Sorted(maps.Keys(files)) {
		sums[p] = sha256.Sum256(files[p])
		fmt.Fprintf(h, "%q %x\n", p, sums[p])
	}
	type parsed struct {
		l    *Layouts
		errs diag.List
	}
	v := cache.Shared(fmt.Sprintf("layouts %x", h.Sum(nil)), func() any {
		l, errs := parseLayouts(files, sums)
		return parsed{l, errs}
	}).(parsed)
	return v.l, v.errs
}

// readLayouts reads every layout file: base.html, partials/*.html and the
// layouts of the page kinds.
func readLayouts(fsys fs.FS) (map[string][]byte, diag.List) {
	var errs diag.List
	files := map[string][]byte{}
	b, err := fs.ReadFile(fsys, "layouts/base.html")
	if err != nil {
		errs.Add(diag.Position{File: "layouts/base.html"}, "missing base layout: %v", err)
		return nil, errs
	}
	files["layouts/base.html"] = b
	partials, _ := fs.Glob(fsys, "layouts/partials/*.html")
	kinds, _ := fs.Glob(fsys, "layouts/*.html")
	for _, p := range append(partials, kinds...) {
		if p == "layouts/base.html" {
			continue
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			errs.Add(diag.Position{File: p}, "cannot read: %v", err)
			continue
		}
		files[p] = b
	}
	return files, errs
}

// parseLayouts makes the template sets of the layout files, whose hashes
// are sums.
func parseLayouts(files map[string][]byte, sums map[string][32]byte) (*Layouts, diag.List) {
	l := &Layouts{sets: map[string]*template.Template{}, paths: map[string]string{}, uses: map[string][]string{}, sums: sums}
	var errs diag.List
	root, err := template.New("base.html").Funcs(funcs(nil)).Parse(string(files["layouts/base.html"]))
	l.paths["base.html"] = "layouts/base.html"
	if err != nil {
		errs.Append(parseError(err, "base.html", "layouts/base.html"))
		return nil, errs
	}
	var partials, kinds []string
	for p := range files {
		switch dir := path.Dir(p); {
		case dir == "layouts/partials":
			partials = append(partials, p)
		case dir == "layouts" && p != "layouts/base.html":
			kinds = append(kinds, p)
		}
	}
	slices.Sort(partials)
	slices.Sort(kinds)
	for _, p := range partials {
		l.paths[path.Base(p)] = p
		if _, err := root.New(path.Base(p)).Parse(string(files[p])); err != nil {
			errs.Append(parseError(err, path.Base(p), p))
		}
	}
	for _, p := range kinds {
		name := path.Base(p)
		l.paths[name] = p
		set, err := root.Clone()
		if err == nil {
			_, err = set.New(name).Parse(string(files[p]))
		}
		if err != nil {
			errs.Append(parseError(err, name, p))
			continue
		}
		kind := strings.TrimSuffix(name, ".html")
		l.sets[kind] = set
		l.uses[kind] = l.files(set, p)
	}
	if _, ok := l.sets["page"]; !ok && len(errs) == 0 {
		errs.Add(diag.Position{File: "layouts/page.html"}, "missing layout page.html: every page kind without its own layout uses it")
	}
	n := runtime.GOMAXPROCS(0)
	l.slots, l.ready = make(chan struct{}, n), make(chan struct{})
	go l.makeWorkers(n)
	return l, errs
}

// set returns the template set for kind: its own, the section layout for
// plates and the list of trees, page.html for the rest. Tree pages need
// their own layouts.
func (l *Layouts) set(kind string) (string, bool) {
	if _, ok := l.sets[kind]; ok {
		return kind, true
	}
	switch kind {
	case "tree", "node", "overview":
		return "", false
	case "plate", "trees":
		if _, ok := l.sets["section"]; ok {
			return "section", true
		}
	}
	return "page", true
}

// files lists the layout files a set executes: base.html, the kind's own
// file (which fills in base's blocks) and every partial reachable from them
// through {{template}}. The dependency record uses it: a changed partial
// re-renders only the pages of the kinds that use it.
func (l *Layouts) files(set *template.Template, kindFile string) []string {
	seen := map[string]bool{}
	var visit func(name string)
	visit = func(name string) {
		if seen[name] {
			return
		}
		seen[name] = true
		if t := set.Lookup(name); t != nil && t.Tree != nil {
			walkTemplates(t.Tree.Root, visit)
		}
	}
	visit("base.html")
	out := []string{kindFile}
	for name := range seen {
		if p := l.paths[name]; p != "" {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// walkTemplates calls f with the name of every partial executed under n:
// by {{template "name"}}, or by {{cached "name" key data}}, which runs it
// through a function (the parse tree only shows a call with a string).
func walkTemplates(n parse.Node, f func(string)) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			walkTemplates(c, f)
		}
	case *parse.TemplateNode:
		f(n.Name)
		walkPipe(n.Pipe, f)
	case *parse.ActionNode:
		walkPipe(n.Pipe, f)
	case *parse.IfNode:
		walkPipe(n.Pipe, f)
		walkTemplates(n.List, f)
		walkTemplates(n.ElseList, f)
	case *parse.RangeNode:
		walkPipe(n.Pipe, f)
		walkTemplates(n.List, f)
		walkTemplates(n.ElseList, f)
	case *parse.WithNode:
		walkPipe(n.Pipe, f)
		walkTemplates(n.List, f)
		walkTemplates(n.ElseList, f)
	}
}

// walkPipe finds the calls of cached in a pipeline, also inside
// parenthesized ones.
func walkPipe(p *parse.PipeNode, f func(string)) {
	if p == nil {
		return
	}
	for _, c := range p.Cmds {
		if len(c.Args) >= 2 {
			if id, ok := c.Args[0].(*parse.IdentifierNode); ok && id.Ident == "cached" {
				if name, ok := c.Args[1].(*parse.StringNode); ok {
					f(name.Text)
				}
			}
		}
		for _, a := range c.Args {
			if sub, ok := a.(*parse.PipeNode); ok {
				walkPipe(sub, f)
			}
		}
	}
}

// Has reports whether layouts/<kind>.html exists.
func (l *Layouts) Has(kind string) bool {
	_, ok := l.sets[kind]
	return ok
}

// Uses returns the layout files that pages of kind use.
func (l *Layouts) Uses(kind string) []string {
	k, ok := l.set(kind)
	if !ok {
		return nil
	}
	return l.uses[k]
}
