// Package serve serves a built site from memory over HTTP, with the same
// security headers a production host should send (see package csp). It is
// used by "zvh serve" and by the browser tests, so both see exactly what a
// visitor would.
package serve

import (
	"bytes"
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
