// Package serve serves a built site from memory over HTTP, with the same
// security headers a production host should send (see package csp). New is
// what the browser tests use: exactly what a visitor would get. Dev, in
// dev.go, is "zvh serve": the same handler around a site that is rebuilt while
// an editor works on it, with live reload and build errors shown over the
// last good page.
//
// # Caching
//
// Every response says Cache-Control: no-cache with a strong ETag computed
// from the bytes sent, and no Last-Modified: a browser may keep a copy but
// must ask each time, and gets 304 Not Modified only when the bytes are the
// same. A fixed modification date, which this package once sent, made
// browsers keep showing a page from before an edit.
package serve

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
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

	policy string // the Content-Security-Policy header
	// page rewrites an HTML page (by output path) just before it is sent;
	// Dev uses it to add its script and the error overlay. Nil in
	// production.
	page func(name string, b []byte) []byte
}

// New returns a handler serving files (output path -> bytes) as a
// production host would.
func New(files map[string][]byte) *Site { return &Site{files: files, policy: csp.HeaderPolicy} }

// Replace serves files from now on.
func (s *Site) Replace(files map[string][]byte) {
	s.mu.Lock()
	s.files = files
	s.mu.Unlock()
}

// secure sets the headers every response carries, whatever its status.
func secure(h http.Header, policy string) {
	h.Set("Content-Security-Policy", policy)
	h.Set("Referrer-Policy", csp.Referrer)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Permissions-Policy", csp.Permissions)
	h.Set("Cache-Control", "no-cache")
}

// fail answers with a plain-text error that carries the security headers.
func fail(w http.ResponseWriter, policy string, code int, msg string) {
	secure(w.Header(), policy)
	http.Error(w, msg, code)
}

// cleanPath returns the output path a request asks for, or false when the
// path tries to leave the site (a ".." segment, also percent-encoded, a
// backslash or a NUL byte). Such requests are refused, not cleaned into
// something else, so a mistake in a link shows instead of quietly working.
func cleanPath(p string) (string, bool) {
	if strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." {
			return "", false
		}
	}
	name := strings.TrimPrefix(path.Clean("/"+p), "/")
	if name == "" || strings.HasSuffix(p, "/") {
		name = path.Join(name, "index.html")
	}
	return name, true
}

func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		fail(w, s.policy, http.StatusMethodNotAllowed, "405: alleen GET en HEAD")
		return
	}
	name, ok := cleanPath(r.URL.Path)
	if !ok {
		fail(w, s.policy, http.StatusBadRequest, "400: dit pad verlaat de site")
		return
	}
	s.mu.RLock()
	b, found := s.files[name]
	_, isDir := s.files[path.Join(name, "index.html")]
	notFound, has404 := s.files[csp.NotFound]
	s.mu.RUnlock()
	h := w.Header()
	secure(h, s.policy)
	if !found && isDir {
		// A folder asked for without its slash: redirect, like a web server.
		http.Redirect(w, r, path.Base(name)+"/", http.StatusMovedPermanently)
		return
	}
	if !found {
		if !has404 {
			http.Error(w, "404: deze pagina bestaat niet", http.StatusNotFound)
			return
		}
		if s.page != nil {
			notFound = s.page(csp.NotFound, notFound)
		}
		h.Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		w.Write(notFound)
		return
	}
	if s.page != nil && path.Ext(name) == ".html" {
		b = s.page(name, b)
	}
	if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
		h.Set("Content-Type", ct)
	}
	h.Set("ETag", etag(b))
	// ServeContent answers If-None-Match from the ETag; the zero time
	// leaves out Last-Modified.
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(b))
}

// etag is a strong entity tag for b: equal tags mean equal bytes.
func etag(b []byte) string {
	sum := sha256.Sum256(b)
	return `"` + hex.EncodeToString(sum[:12]) + `"`
}
