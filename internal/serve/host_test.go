package serve

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestAllowHosts: only names of this server are served; a rebound DNS name
// gets 421.
func TestAllowHosts(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusOK) })
	for _, tc := range []struct {
		bind, host string
		want       int
	}{
		{"127.0.0.1", "127.0.0.1:8080", 200},
		{"127.0.0.1", "localhost:8080", 200},
		{"127.0.0.1", "LOCALHOST", 200},
		{"127.0.0.1", "[::1]:8080", 200},
		{"127.0.0.1", "attacker.example:8080", 421},
		{"127.0.0.1", "attacker.example", 421},
		{"127.0.0.1", "192.168.1.5:8080", 421},
		{"192.168.1.5", "192.168.1.5:8080", 200},
		{"mijn-pc.lan", "mijn-pc.lan:8080", 200},
		{"mijn-pc.lan", "attacker.example:8080", 421},
		{"0.0.0.0", "10.0.0.7:8080", 200},
		{"0.0.0.0", "attacker.example:8080", 421},
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.Host = tc.host
		w := httptest.NewRecorder()
		AllowHosts(ok, tc.bind).ServeHTTP(w, r)
		if w.Code != tc.want {
			t.Errorf("--bind %s, Host %s: %d, want %d", tc.bind, tc.host, w.Code, tc.want)
		}
		if w.Code == 421 && w.Header().Get("Content-Security-Policy") == "" {
			t.Error("the refusal lacks the security headers")
		}
	}
}

func TestIsLoopback(t *testing.T) {
	for bind, want := range map[string]bool{"localhost": true, "127.0.0.1": true, "::1": true, "[::1]": true, "127.1.2.3": true, "0.0.0.0": false, "192.168.1.5": false, "mijn-pc": false} {
		if got := IsLoopback(bind); got != want {
			t.Errorf("IsLoopback(%q) = %v", bind, got)
		}
	}
}
