package site

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/zvh-webtool/zvh/internal/csp"
	"github.com/zvh-webtool/zvh/internal/diag"
	"github.com/zvh-webtool/zvh/internal/frontmatter"
	"github.com/zvh-webtool/zvh/internal/urls"
)

// layouts holds one template set per page kind. Every set has the base
// layout (layouts/base.html), all partials (layouts/partials/*.html) and the
// kind's own file, which defines "main" and may define "head" or "aside".
type layouts struct {
	sets  map[string]*template.Template
	paths map[string]string // template file name -> path for diagnostics
}

func loadLayouts(fsys fs.FS, funcs template.FuncMap) (*layouts, diag.List) {
	l := &layouts{sets: map[string]*template.Template{}, paths: map[string]string{}}
	var errs diag.List
	base, err := fs.ReadFile(fsys, "layouts/base.html")
	if err != nil {
		errs.Add(diag.Position{File: "layouts/base.html"}, "missing base layout: %v", err)
		return nil, errs
	}
	root, err := template.New("base.html").Funcs(funcs).Parse(string(base))
	l.paths["base.html"] = "layouts/base.html"
	if err != nil {
		errs.Append(l.templateError(err))
		return nil, errs
	}
	partials, _ := fs.Glob(fsys, "layouts/partials/*.html")
	for _, p := range partials {
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			errs.Add(diag.Position{File: p}, "cannot read: %v", err)
			continue
		}
		l.paths[path.Base(p)] = p
		if _, err := root.New(path.Base(p)).Parse(string(b)); err != nil {
			errs.Append(l.templateError(err))
		}
	}
	kinds, _ := fs.Glob(fsys, "layouts/*.html")
	for _, p := range kinds {
		name := path.Base(p)
		if name == "base.html" {
			continue
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			errs.Add(diag.Position{File: p}, "cannot read: %v", err)
			continue
		}
		l.paths[name] = p
		set, err := root.Clone()
		if err == nil {
			_, err = set.New(name).Parse(string(b))
		}
		if err != nil {
			errs.Append(l.templateError(err))
			continue
		}
		l.sets[strings.TrimSuffix(name, ".html")] = set
	}
	if _, ok := l.sets["page"]; !ok && len(errs) == 0 {
		errs.Add(diag.Position{File: "layouts/page.html"}, "missing layout page.html: every page kind without its own layout uses it")
	}
	return l, errs
}

// templateLine finds "name:line:col:" or "name:line:" in a template error.
var templateLine = regexp.MustCompile(`template: ([\w./-]+):(\d+):(?:(\d+):)? ?(.*)`)

// templateError turns an html/template error into a diagnostic that points
// into layouts/.
func (l *layouts) templateError(err error) diag.List {
	var errs diag.List
	msg := err.Error()
	if m := templateLine.FindStringSubmatch(msg); m != nil {
		file := l.paths[m[1]]
		if file == "" {
			file = "layouts/" + m[1]
		}
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		errs.Add(diag.Position{File: file, Line: line, Col: max(col, 1)}, "%s", m[4])
		return errs
	}
	errs.Add(diag.Position{File: "layouts"}, "%s", msg)
	return errs
}

// render executes the layout for kind with data, and makes every marker URL
// relative to the page at site path from.
func (l *layouts) render(kind Kind, data any, from string, offline bool) ([]byte, diag.List) {
	set, ok := l.sets[string(kind)]
	if !ok && (kind == "node" || kind == "overview") {
		var errs diag.List
		errs.Add(diag.Position{File: "layouts/" + string(kind) + ".html"}, "missing layout for decision trees")
		return nil, errs
	}
	if !ok && (kind == KindPlate || kind == KindTrees) {
		set, ok = l.sets[string(KindSection)]
	}
	if !ok {
		set = l.sets["page"]
	}
	var b bytes.Buffer
	if err := set.ExecuteTemplate(&b, "base.html", data); err != nil {
		return nil, l.templateError(err)
	}
	return urls.Relativize(b.Bytes(), from, offline), nil
}

// renderJob is one page to render: the layout kind, its data and the site
// path it will sit at; render fills in out or errs.
type renderJob struct {
	kind Kind
	view *view
	at   string
	out  []byte
	errs diag.List
}

// renderAll renders the jobs on every processor. Templates are safe for
// concurrent use, each job writes only its own fields, and the caller reads
// the results in job order, so the output stays deterministic.
func (l *layouts) renderAll(jobs []renderJob, offline bool) {
	next := make(chan *renderJob)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for j := range next {
				j.out, j.errs = l.render(j.kind, j.view, j.at, offline)
			}
		})
	}
	for i := range jobs {
		next <- &jobs[i]
	}
	close(next)
	wg.Wait()
}

var months = [...]string{"januari", "februari", "maart", "april", "mei", "juni", "juli",
	"augustus", "september", "oktober", "november", "december"}

// dutchDate formats YYYY-MM-DD as "22 november 2026"; other text is returned
// as it is (front matter validation has already reported it).
func dutchDate(s string) string {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return fmt.Sprintf("%d %s %d", t.Day(), months[t.Month()-1], t.Year())
}

// funcs returns the template functions. url and asset return marker URLs,
// which render makes relative afterwards.
func funcs(assets *assetSet) template.FuncMap {
	return template.FuncMap{
		"url": func(p *Page) template.URL { return template.URL(urls.Abs(p.URL)) },
		"urlTo": func(sitePath string) template.URL {
			return template.URL(urls.Abs(sitePath))
		},
		"asset": func(name string) (template.URL, error) {
			p, err := assets.path(name)
			return template.URL(urls.Abs(p)), err
		},
		"date":   dutchDate,
		"regime": func(r string) string { return frontmatter.Regimes[r] },
		// The policy is trusted text of our own; writing it as an attribute
		// keeps its quotes readable instead of &#39;.
		"cspMeta": func() template.HTML {
			return template.HTML(`<meta http-equiv="Content-Security-Policy" content="` + csp.Policy + `">` + "\n" +
				`<meta name="referrer" content="` + csp.Referrer + `">`)
		},
		"add":   func(a, b int) int { return a + b },
		"deref": func(b *bool) bool { return b != nil && *b },
		"dict":  dict,
		"list":  func(s ...string) []string { return s },
	}
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
