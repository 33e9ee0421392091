// Package serve serves a built site from memory over HTTP, with the same
// security headers a production host should send (see package csp). It is
// used by "zvh serve" and by the browser tests, so both see exactly what a
// visitor would.
package serve

import (
	"bytes"
	"html/template"
	"mime"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/zvh-webtool/zvh/internal/csp"
)

// Site is an http.Handler over the files of a build. Replace swaps in a new
// build atomically, for rebuilds while serving.
type Site struct {
	mu    sync.RWMutex
	files map[string][]byte
}

// New returns a handler serving files (output path -> bytes).
func New(files map[string][]byte) *Site { return &Site{files: files} }

// Replace serves files from now on.
func (s *Site) Replace(files map[string][]byte) {
	s.mu.Lock()
	s.files = files
	s.mu.Unlock()
}

// modTime is fixed: builds are deterministic, so the content, not the clock,
// tells whether a file changed.
var modTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", csp.HeaderPolicy)
	h.Set("Referrer-Policy", csp.Referrer)
	h.Set("X-Content-Type-Options", "nosniff")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if strings.HasSuffix(r.URL.Path, "/") || name == "" {
		name = path.Join(name, "index.html")
	}
	s.mu.RLock()
	b, ok := s.files[name]
	if !ok {
		// A folder asked for without its slash: redirect, like a web server.
		if _, isDir := s.files[path.Join(name, "index.html")]; isDir {
			s.mu.RUnlock()
			http.Redirect(w, r, path.Base(name)+"/", http.StatusMovedPermanently)
			return
		}
	}
	s.mu.RUnlock()
	if !ok {
		http.Error(w, "404: deze pagina bestaat niet", http.StatusNotFound)
		return
	}
	if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
		h.Set("Content-Type", ct)
	}
	http.ServeContent(w, r, name, modTime, bytes.NewReader(b))
}

// Live serves a site that it builds again whenever its sources change, so an
// editor sees a change on the next page load. Before every page request it
// asks stamp for a fingerprint of the sources; when that differs from the
// last build's, it calls build. A failed build is shown in the browser, with
// every error, until the sources are fixed.
type Live struct {
	build func() (map[string][]byte, error)
	stamp func() string

	mu   sync.Mutex
	last string
	err  error
	site *Site
}

// NewLive returns a Live handler; it builds on the first request.
func NewLive(build func() (map[string][]byte, error), stamp func() string) *Live {
	return &Live{build: build, stamp: stamp, site: New(nil), last: "\x00never"}
}

func (l *Live) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if isPage(r.URL.Path) {
		l.mu.Lock()
		if s := l.stamp(); s != l.last {
			l.last = s
			files, err := l.build()
			l.err = err
			if err == nil {
				l.site.Replace(files)
			}
		}
		err := l.err
		l.mu.Unlock()
		if err != nil {
			h := w.Header()
			h.Set("Content-Security-Policy", csp.HeaderPolicy)
			h.Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusInternalServerError)
			errorPage.Execute(w, strings.Split(err.Error(), "\n"))
			return
		}
	}
	l.site.ServeHTTP(w, r)
}

// isPage reports whether a request path asks for an HTML page.
func isPage(p string) bool {
	return strings.HasSuffix(p, "/") || strings.HasSuffix(p, ".html") || path.Ext(p) == ""
}

var errorPage = template.Must(template.New("errors").Parse(`<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><title>Bouwfout</title></head>
<body>
<main>
<h1>De site bouwt niet</h1>
<p>Herstel deze fouten; de pagina laadt opnieuw zodra je haar ververst.</p>
<pre>{{range .}}{{.}}
{{end}}</pre>
</main>
</body>
</html>
`))
