package serve

import (
	"errors"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestServe(t *testing.T) {
	s := New(map[string][]byte{
		"index.html":   []byte("<p>home</p>"),
		"a/index.html": []byte("<p>a</p>"),
		"css/x.css":    []byte("p{}"),
	})
	for _, tc := range []struct {
		method, path string
		code         int
		body, ctype  string
	}{
		{"GET", "/", 200, "home", "text/html"},
		{"GET", "/a/", 200, "<p>a</p>", "text/html"},
		{"GET", "/a", 301, "", ""},
		{"GET", "/css/x.css", 200, "p{}", "text/css"},
		{"GET", "/nope/", 404, "bestaat niet", ""},
		{"GET", "/../../etc/passwd", 404, "", ""},
		{"POST", "/", 405, "", ""},
	} {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest(tc.method, tc.path, nil))
		if rec.Code != tc.code || !strings.Contains(rec.Body.String(), tc.body) || !strings.HasPrefix(rec.Header().Get("Content-Type"), tc.ctype) {
			t.Errorf("%s %s = %d %q (%s), want %d with %q", tc.method, tc.path, rec.Code, rec.Body, rec.Header().Get("Content-Type"), tc.code, tc.body)
		}
		if !strings.Contains(rec.Header().Get("Content-Security-Policy"), "connect-src 'none'") {
			t.Errorf("%s %s: no Content-Security-Policy header", tc.method, tc.path)
		}
	}
	s.Replace(map[string][]byte{"index.html": []byte("new")})
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	if rec.Body.String() != "new" {
		t.Errorf("after Replace: %q", rec.Body)
	}
}

func TestLiveRebuildsWhenSourcesChange(t *testing.T) {
	stamp, builds := "v1", 0
	var buildErr error
	l := NewLive(func() (map[string][]byte, error) {
		builds++
		if buildErr != nil {
			return nil, buildErr
		}
		return map[string][]byte{"index.html": []byte("build " + stamp), "app.css": []byte("p{}")}, nil
	}, func() string { return stamp })

	get := func(p string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		l.ServeHTTP(rec, httptest.NewRequest("GET", p, nil))
		return rec
	}
	if b := get("/").Body.String(); b != "build v1" {
		t.Fatalf("first page = %q", b)
	}
	get("/")
	get("/app.css")
	if builds != 1 {
		t.Errorf("%d builds without a change, want 1", builds)
	}
	stamp = "v2"
	get("/app.css") // assets do not trigger a rebuild
	if builds != 1 {
		t.Errorf("an asset request rebuilt the site")
	}
	if b := get("/").Body.String(); b != "build v2" || builds != 2 {
		t.Errorf("after a change: %q after %d builds", b, builds)
	}
	stamp, buildErr = "v3", errors.New("content/a.md:3:1: eerste fout\ncontent/b.md:1:1: tweede <fout>")
	rec := get("/")
	if rec.Code != 500 || !strings.Contains(rec.Body.String(), "content/a.md:3:1: eerste fout") || !strings.Contains(rec.Body.String(), "tweede &lt;fout&gt;") {
		t.Errorf("a failed build shows %d %q", rec.Code, rec.Body)
	}
	if rec.Header().Get("Content-Security-Policy") == "" {
		t.Error("the error page has no Content-Security-Policy")
	}
	stamp, buildErr = "v4", nil
	if b := get("/").Body.String(); b != "build v4" {
		t.Errorf("after the fix: %q", b)
	}
}
