package serve

import (
	"net"
	"net/http"
	"strings"

	"github.com/zvh-webtool/zvh/internal/csp"
)

// AllowHosts serves only requests whose Host names this server: localhost,
// a loopback address, or bind, the address it listens on. A page of another
// site can make a browser on this computer ask attacker.example, which its
// DNS then points at 127.0.0.1 ("DNS rebinding"); the browser sends
// Host: attacker.example, and gets 421 instead of the drafts being
// written. When bind is every address (0.0.0.0 or ::), any IP address is
// a name of this server too: an IP address cannot be rebound.
func AllowHosts(h http.Handler, bind string) http.Handler {
	bindIP := net.ParseIP(bind)
	anyIP := bindIP != nil && bindIP.IsUnspecified()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host := r.Host
		if hn, _, err := net.SplitHostPort(host); err == nil {
			host = hn
		}
		host = strings.TrimSuffix(strings.Trim(host, "[]"), ".")
		ip := net.ParseIP(host)
		switch {
		case strings.EqualFold(host, "localhost"), strings.EqualFold(host, bind),
			ip != nil && (ip.IsLoopback() || ip.Equal(bindIP) || anyIP):
			h.ServeHTTP(w, r)
		default:
			fail(w, csp.HeaderPolicy, http.StatusMisdirectedRequest, "421: deze server beantwoordt alleen adressen van deze computer (localhost, 127.0.0.1 of het --bind-adres), niet "+r.Host)
		}
	})
}

// IsLoopback reports whether bind, an address for --bind, reaches only this
// computer: a loopback address or the name localhost.
func IsLoopback(bind string) bool {
	if strings.EqualFold(bind, "localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(bind, "[]"))
	return ip != nil && ip.IsLoopback()
}
