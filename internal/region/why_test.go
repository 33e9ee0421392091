package region

import (
	"strings"
	"testing"
)

// TestWhyUnknownPageHint: zvh why with a page that is not there suggests
// the page meant, for a typo as for a path given by its end.
func TestWhyUnknownPageHint(t *testing.T) {
	r := &Report{Pages: map[string]*PageOrigin{
		"_index.md": {Rel: "_index.md"},
		"procesplaten/complexe-casuistiek/triage.md": {Rel: "procesplaten/complexe-casuistiek/triage.md"},
	}}
	for target, want := range map[string]string{
		"procesplaten/complexe-casuistiek/triag.md": "; did you mean procesplaten/complexe-casuistiek/triage.md?",
		"/triage/": "; did you mean procesplaten/complexe-casuistiek/triage.md?",
		"zzzzzz":   `no page "zzzzzz" in this site`,
	} {
		_, err := r.Why(target)
		if err == nil || !strings.HasSuffix(err.Error(), want) {
			t.Errorf("Why(%q): %v, want an error ending in %q", target, err, want)
		}
	}
}
