// Package load is the first stage of a build: it reads the Markdown files
// under content/ (and a decision tree's scenarios beside it) and parses each
// into a Page. A Page is immutable once Load returns it: later stages read
// its AST, its front matter and its tree, but never change them, so one parse
// can serve several sites (the national model and its regional variants) and
// several builds (zvh serve keeps the parses of files that did not change).
//
// Files are parsed on every processor. The result is in path order whatever
// the scheduling, so builds stay deterministic.
package load

import (
	"context"
	"crypto/sha256"
	"errors"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/zvh-webtool/zvh/internal/diag"
	"github.com/zvh-webtool/zvh/internal/frontmatter"
	"github.com/zvh-webtool/zvh/internal/markdown"
	"github.com/zvh-webtool/zvh/internal/tree"
)

// Limits on the size of what a site holds; a file past one is an error
// that names the limit, never a build that takes minutes or gigabytes.
const (
	MaxPage  = 8 << 20  // bytes of one Markdown file
	MaxTitle = 300      // bytes of a page title
	MaxAsset = 32 << 20 // bytes of one file of assets/
)

// sizeMB writes a size in megabytes, Dutch style: "8 MB", "3,2 MB".
func sizeMB(n int64) string {
	s := strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	return strings.Replace(s, ".", ",", 1) + " MB"
}

// Kind is what a page is; it picks the layout and the extra front matter keys.
type Kind string

// The page kinds. A layout file layouts/<kind>.html renders each; a missing
// one falls back to page.html.
const (
	KindHome    Kind = "home"
	KindSection Kind = "section"
	KindPage    Kind = "page"
	KindPlate   Kind = "plate" // procesplaten/<plaat>/_index.md
	KindPhase   Kind = "phase" // procesplaten/<plaat>/<fase>.md
	KindLaw     Kind = "law"   // wetten/<id>.md
	KindTree    Kind = "tree"  // beslisbomen/<slug>.md
	KindTrees   Kind = "trees" // beslisbomen/_index.md: the list of all trees
)

// Page is one parsed Markdown file of content/.
type Page struct {
	File  string // path relative to the source root, for diagnostics: content/a/b.md
	Rel   string // path relative to content/: a/b.md
	URL   string // site path of its folder: "a/b/", "" for the home page
	Kind  Kind
	Meta  frontmatter.Meta
	Doc   *markdown.Doc
	Lines *diag.Lines

	// For decision trees: the structure read from the AST, and the worked
	// examples of <slug>.scenarios.yaml (nil when there are none or they
	// have errors).
	Tree          *tree.Tree
	Scenarios     []tree.Scenario
	ScenarioFile  string
	scenarioBytes []byte

	Errs diag.List // what is wrong with this file on its own
	sum  [32]byte  // of the source and the scenarios, for Cache
}

// Sum is a hash of the page's source and its scenarios: pages with the same
// Sum read the same.
func (p *Page) Sum() [32]byte { return p.sum }

// IsSection reports whether the page is an _index.md.
func (p *Page) IsSection() bool { return path.Base(p.Rel) == "_index.md" }

// Title is the page title.
func (p *Page) Title() string { return p.Meta.Title }

// KindOf decides a page's kind from where it sits in content/.
func KindOf(rel string) Kind {
	parts := strings.Split(rel, "/")
	base := parts[len(parts)-1]
	switch {
	case rel == "_index.md":
		return KindHome
	case rel == "beslisbomen/_index.md":
		return KindTrees
	case len(parts) == 3 && parts[0] == "procesplaten" && base == "_index.md":
		return KindPlate
	case len(parts) == 3 && parts[0] == "procesplaten":
		return KindPhase
	case base == "_index.md":
		return KindSection
	case len(parts) == 2 && parts[0] == "wetten":
		return KindLaw
	case len(parts) == 2 && parts[0] == "beslisbomen":
		return KindTree
	}
	return KindPage
}

// FrontMatterKind maps a page kind to the front matter keys it may add.
func FrontMatterKind(k Kind) frontmatter.Kind {
	switch k {
	case KindPhase:
		return frontmatter.KindPhase
	case KindLaw:
		return frontmatter.KindLaw
	case KindTree:
		return frontmatter.KindTree
	}
	return frontmatter.KindPage
}

// URLOf returns the site path of the page at rel: a/b.md -> a/b/,
// a/_index.md -> a/, _index.md -> "".
func URLOf(rel string) string {
	dir, base := path.Split(rel)
	if base == "_index.md" {
		return dir
	}
	return dir + strings.TrimSuffix(base, ".md") + "/"
}

// Cache keeps parsed pages between loads, keyed by path and content, so a
// rebuild parses only the files that changed and the sites of one build
// (the national model and its regional variants) share the parse of every
// file they have in common. Later stages keep what they make of files'
// bytes in it too (Shared). It is safe for concurrent use; a nil *Cache
// caches nothing.
type Cache struct {
	mu     sync.Mutex
	pages  map[cacheKey]*Page
	shared map[string]*sharedValue
	order  []string // keys of shared, oldest first
}

type sharedValue struct {
	once sync.Once
	v    any
}

// maxShared bounds the values Shared keeps: a long zvh serve session makes
// a new one after every layout edit.
const maxShared = 8

// Shared returns the value kept under key, made by make on first use. The
// key must name everything the value is made from (a hash of the bytes it
// was made of), unless the value is a cache that checks its own entries.
// Calls for one key at the same time make it once; with a nil *Cache every
// call makes it.
func (c *Cache) Shared(key string, make func() any) any {
	if c == nil {
		return make()
	}
	c.mu.Lock()
	if c.shared == nil {
		c.shared = map[string]*sharedValue{}
	}
	e := c.shared[key]
	if e == nil {
		e = &sharedValue{}
		c.shared[key] = e
		c.order = append(c.order, key)
		if len(c.order) > maxShared {
			delete(c.shared, c.order[0])
			c.order = c.order[1:]
		}
	}
	c.mu.Unlock()
	e.once.Do(func() { e.v = make() })
	return e.v
}

type cacheKey struct {
	file string
	sum  [32]byte
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{pages: map[cacheKey]*Page{}} }

func (c *Cache) get(file string, sum [32]byte) *Page {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.pages[cacheKey{file, sum}]
}

func (c *Cache) put(p *Page) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pages[cacheKey{p.File, p.sum}] = p
}

// Result is what Load found: the pages that are not drafts, in path order,
// and the problems of all files.
type Result struct {
	Pages  []*Page
	Errs   diag.List
	Parsed int // files parsed anew (not taken from the cache)
}

// Load reads and parses every Markdown file under content/ of fsys.
func Load(fsys fs.FS, md *markdown.Converter, cache *Cache) Result {
	return LoadContext(context.Background(), fsys, md, cache)
}

// LoadContext is Load that stops when ctx ends: the files not yet begun are
// skipped (so Ctrl-C ends the stage when the files being parsed are done)
// and the result then holds ctx's error.
func LoadContext(ctx context.Context, fsys fs.FS, md *markdown.Converter, cache *Cache) Result {
	var res Result
	var files []string
	err := fs.WalkDir(fsys, "content", func(p string, d fs.DirEntry, err error) error {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			res.Errs.Add(diag.Position{File: p}, "cannot read: %v", err)
			return nil
		}
		if d.IsDir() && path.Dir(p) == "content/regio" {
			// A region folder (one with regio.yaml) is a variant of the
			// site, built by package region, never a part of it.
			if _, err := fs.Stat(fsys, p+"/regio.yaml"); err == nil {
				return fs.SkipDir
			}
		}
		if !d.IsDir() && path.Ext(p) == ".md" {
			files = append(files, p)
		}
		return nil
	})
	if ctx.Err() != nil {
		res.Errs.Add(diag.Position{File: "."}, "the build was interrupted; nothing was written")
		return res
	}
	if err != nil {
		res.Errs.Add(diag.Position{File: "content"}, "cannot read: %v", err)
	}
	slices.Sort(files)
	pages := make([]*Page, len(files))
	fresh := make([]bool, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(files), 1)) {
		wg.Go(func() {
			for i := range next {
				pages[i], fresh[i] = loadFile(fsys, files[i], md, cache)
			}
		})
	}
	for i := range files {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if ctx.Err() != nil {
		res.Errs.Add(diag.Position{File: "."}, "the build was interrupted; nothing was written")
		return res
	}
	for i, p := range pages {
		if fresh[i] {
			res.Parsed++
		}
		res.Errs.Append(p.Errs)
		if !p.Meta.Draft {
			res.Pages = append(res.Pages, p)
		}
	}
	if len(res.Pages) == 0 && len(res.Errs) == 0 {
		res.Errs.Add(diag.Position{File: "content"}, "no pages: content/ holds no Markdown files")
	}
	return res
}

// loadFile parses one file, or takes it from the cache when neither it nor
// its scenarios changed. It reports whether it parsed.
func loadFile(fsys fs.FS, file string, md *markdown.Converter, cache *Cache) (*Page, bool) {
	rel := strings.TrimPrefix(file, "content/")
	p := &Page{File: file, Rel: rel, URL: URLOf(rel), Kind: KindOf(rel)}
	if info, err := fs.Stat(fsys, file); err == nil && info.Size() > MaxPage {
		// Not read at all: a page this size is a mistake, and parsing it
		// would hold up the whole build.
		p.Errs.Add(diag.Position{File: file}, "deze pagina is %d bytes; de grens is %s: splits haar in kleinere pagina's", info.Size(), sizeMB(MaxPage))
		p.Doc = md.Parse(nil)
		p.Lines = diag.NewLines(file, nil, 1)
		return p, true
	}
	src, err := fs.ReadFile(fsys, file)
	if err != nil {
		p.Errs.Add(diag.Position{File: file}, "cannot read: %v", err)
		p.Doc = md.Parse(nil)
		p.Lines = diag.NewLines(file, nil, 1)
		return p, true
	}
	h := sha256.New()
	h.Write(src)
	if p.Kind == KindTree {
		p.ScenarioFile = strings.TrimSuffix(file, ".md") + ".scenarios.yaml"
		b, err := fs.ReadFile(fsys, p.ScenarioFile)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			p.ScenarioFile = ""
		case err != nil:
			p.Errs.Add(diag.Position{File: p.ScenarioFile}, "cannot read: %v", err)
		default:
			p.scenarioBytes = b
			h.Write([]byte{0})
			h.Write(b)
		}
	}
	if usesNames(p.Kind, src, p.scenarioBytes) {
		// The page reads differently on every site whose names differ.
		key := md.Names().Key()
		h.Write([]byte{1})
		h.Write(key[:])
	}
	h.Sum(p.sum[:0])
	if c := cache.get(file, p.sum); c != nil {
		return c, false
	}
	parse(p, src, md)
	cache.put(p)
	return p, true
}

func parse(p *Page, src []byte, md *markdown.Converter) {
	yml, body, bodyLine, err := frontmatter.Split(p.File, src)
	if err != nil {
		// Keep the page, so links to it and its anchors are still checked
		// and every other error of the build is reported too.
		p.Errs.Append(diag.List{err.(diag.Diagnostic)})
		yml, body, bodyLine = nil, src, 1
	}
	if yml != nil {
		var ferrs diag.List
		p.Meta, ferrs = frontmatter.Decode(p.File, yml, FrontMatterKind(p.Kind))
		p.Errs.Append(ferrs)
		if n := len(p.Meta.Title); n > MaxTitle {
			// The title is repeated in the menus of every page: 10 MB of
			// title made a build of gigabytes.
			pos := p.Meta.Pos["title"]
			if pos.File == "" {
				pos = diag.Position{File: p.File}
			}
			p.Errs.Add(pos, "de titel is %d bytes lang; de grens is %d: houd een titel kort, de uitleg hoort in de tekst", n, MaxTitle)
			p.Meta.Title = strings.ToValidUTF8(p.Meta.Title[:MaxTitle], "")
		}
		nameMeta(p, md.Names())
	}
	p.Doc = md.Parse(body)
	p.Lines = diag.NewLines(p.File, body, bodyLine)
	for _, e := range p.Doc.Errs {
		p.Errs.Add(p.Lines.Pos(e.Offset), "%s", e.Msg)
	}
	if p.Kind != KindTree { // trees report duplicate node ids themselves
		for _, n := range p.Doc.Dups {
			id, _ := n.AttributeString("id")
			p.Errs.Add(p.Lines.Pos(n.Pos()), "duplicate id %q: another element on this page has it already", id)
		}
		return
	}
	t, terrs := tree.Parse(p.Doc, p.Lines, tree.Start{ID: p.Meta.Start, Pos: p.Meta.Pos["start"]})
	p.Tree = t
	p.Errs.Append(terrs)
	if p.scenarioBytes == nil {
		return
	}
	sc, serrs := tree.ParseScenarios(p.ScenarioFile, p.scenarioBytes)
	p.Errs.Append(serrs)
	nameScenarios(p, sc, md.Names())
	if len(terrs) == 0 && len(serrs) == 0 {
		cerrs := t.CheckScenarios(sc)
		p.Errs.Append(cerrs)
		if len(cerrs) == 0 {
			p.Scenarios = sc
		}
	}
}

// IDs returns every anchor of the page, sorted, for "did you mean".
func (p *Page) IDs() []string {
	out := make([]string, 0, len(p.Doc.IDs))
	for id := range p.Doc.IDs {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}
