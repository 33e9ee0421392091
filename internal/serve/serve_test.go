package serve

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/zvh-webtool/zvh/internal/csp"
)

// checkHeaders fails unless a response carries the production security
// headers and may not be used from a cache without asking.
func checkHeaders(t *testing.T, what string, h http.Header, policy string) {
	t.Helper()
	for name, want := range map[string]string{
		"Content-Security-Policy": policy,
		"Referrer-Policy":         "no-referrer",
		"X-Content-Type-Options":  "nosniff",
		"Permissions-Policy":      csp.Permissions,
		"Cache-Control":           "no-cache",
	} {
		if got := h.Get(name); got != want {
			t.Errorf("%s: %s = %q, want %q", what, name, got, want)
		}
	}
	if h.Get("Last-Modified") != "" {
		t.Errorf("%s: Last-Modified %q lets a browser keep a stale page", what, h.Get("Last-Modified"))
	}
}

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
		{"GET", "/a/index.html", 200, "<p>a</p>", "text/html"},
		{"GET", "/a", 301, "", ""},
		{"GET", "/css/x.css", 200, "p{}", "text/css"},
		{"GET", "/nope/", 404, "bestaat niet", ""},
		{"GET", "/../../etc/passwd", 400, "verlaat de site", ""},
		{"GET", "/a/../../etc/passwd", 400, "verlaat de site", ""},
		{"GET", "/a/%2e%2e/%2e%2e/etc/passwd", 400, "verlaat de site", ""},
		{"GET", "/a\\..\\x", 400, "verlaat de site", ""},
		{"POST", "/", 405, "", ""},
	} {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest(tc.method, tc.path, nil))
		if rec.Code != tc.code || !strings.Contains(rec.Body.String(), tc.body) || !strings.HasPrefix(rec.Header().Get("Content-Type"), tc.ctype) {
			t.Errorf("%s %s = %d %q (%s), want %d with %q", tc.method, tc.path, rec.Code, rec.Body, rec.Header().Get("Content-Type"), tc.code, tc.body)
		}
		checkHeaders(t, tc.method+" "+tc.path, rec.Header(), csp.HeaderPolicy)
	}
	s.Replace(map[string][]byte{"index.html": []byte("new")})
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	if rec.Body.String() != "new" {
		t.Errorf("after Replace: %q", rec.Body)
	}
}

// TestETag: a browser that asks again with the tag it has gets 304 while the
// bytes are the same, and the new page as soon as they differ.
func TestETag(t *testing.T) {
	s := New(map[string][]byte{"index.html": []byte("<p>één</p>")})
	get := func(tag string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("GET", "/", nil)
		if tag != "" {
			req.Header.Set("If-None-Match", tag)
		}
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		return rec
	}
	first := get("")
	tag := first.Header().Get("ETag")
	if !strings.HasPrefix(tag, `"`) || strings.HasPrefix(tag, "W/") {
		t.Fatalf("ETag = %q, want a strong tag", tag)
	}
	if rec := get(tag); rec.Code != http.StatusNotModified {
		t.Errorf("same bytes, same tag: %d, want 304", rec.Code)
	}
	s.Replace(map[string][]byte{"index.html": []byte("<p>twee</p>")})
	rec := get(tag)
	if rec.Code != http.StatusOK || rec.Body.String() != "<p>twee</p>" {
		t.Errorf("after a change the old tag gets %d %q, want 200 with the new page", rec.Code, rec.Body)
	}
	if rec.Header().Get("ETag") == tag {
		t.Error("the tag did not change with the bytes")
	}
}

// TestSiteNotFoundPage answers a missing path with the site's own 404 page.
func TestSiteNotFoundPage(t *testing.T) {
	s := New(map[string][]byte{"index.html": []byte("home"), "404.html": []byte("<h1>Niet gevonden</h1>")})
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("GET", "/weg/", nil))
	if rec.Code != 404 || rec.Body.String() != "<h1>Niet gevonden</h1>" || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
		t.Errorf("missing page: %d %q", rec.Code, rec.Body)
	}
	checkHeaders(t, "404", rec.Header(), csp.HeaderPolicy)
}

// TestTraversalOverTheWire sends paths as raw bytes, the way an attacker
// would, past any cleaning an HTTP client does.
func TestTraversalOverTheWire(t *testing.T) {
	srv := httptest.NewServer(New(map[string][]byte{"index.html": []byte("home")}))
	defer srv.Close()
	for _, p := range []string{"/../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/css/..%2f..%2f..%2fetc/passwd", "/..\\..\\etc\\passwd"} {
		conn, err := net.Dial("tcp", srv.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", p)
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		conn.Close()
		if resp.StatusCode != 400 || strings.Contains(string(body), "root:") {
			t.Errorf("GET %s = %d %q, want 400", p, resp.StatusCode, body)
		}
		checkHeaders(t, "GET "+p, resp.Header, csp.HeaderPolicy)
	}
}
