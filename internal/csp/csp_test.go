package csp

import (
	"strings"
	"testing"
)

// TestOnePolicyEverywhere checks that the header files carry the page policy
// and what only headers can add.
func TestOnePolicyEverywhere(t *testing.T) {
	for name, b := range map[string][]byte{"_headers": HeadersFile("/"), "nginx": NginxSnippet("/")} {
		s := string(b)
		for _, want := range []string{Policy + "; frame-ancestors 'none'", "no-referrer", "nosniff", "Permissions-Policy", Permissions, "/404.html"} {
			if !strings.Contains(s, want) {
				t.Errorf("%s lacks %q", name, want)
			}
		}
	}
	for _, directive := range []string{"default-src 'none'", "connect-src 'none'", "form-action 'none'", "script-src 'self'", "style-src 'self'"} {
		if !strings.Contains(Policy, directive) {
			t.Errorf("policy lacks %q", directive)
		}
	}
	if strings.Contains(Policy, "unsafe") {
		t.Error("policy allows something unsafe")
	}
}

// TestServePolicyOnlyAllowsConnectingHome: the dev server's policy differs
// from the production one in connect-src alone.
func TestServePolicyOnlyAllowsConnectingHome(t *testing.T) {
	if got := strings.Replace(ServePolicy, "connect-src 'self'", "connect-src 'none'", 1); got != Policy {
		t.Errorf("ServePolicy differs from Policy in more than connect-src:\n%s\n%s", ServePolicy, Policy)
	}
	if ServeHeaderPolicy != ServePolicy+"; frame-ancestors 'none'" {
		t.Errorf("ServeHeaderPolicy = %q", ServeHeaderPolicy)
	}
}
