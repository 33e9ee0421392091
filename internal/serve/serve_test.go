package serve

import (
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
