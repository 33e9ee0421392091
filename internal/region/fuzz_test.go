package region

import (
	"testing"
	"testing/fstest"

	"github.com/zvh-webtool/zvh"
)

// FuzzOverlay feeds arbitrary region files to the overlay: whatever a region
// holds, the result is diagnostics or a file system, never a panic.
func FuzzOverlay(f *testing.F) {
	f.Add(goodYAML, "---\n---\n## Wie {#wie}\n\nx {{casusoverleg}}\n", "extra")
	f.Add("name: [", "---\ntitle: x\nremove: true\n---\n", "{{")
	f.Add("slug: 3\ntokens:\n  nl.link.color: {light: x}\n", "## a {#b .locked}\n```\n{{x}}\n", "`{{a}}`")
	f.Fuzz(func(t *testing.T, yml, page, aanvulling string) {
		reg := fstest.MapFS{
			"regio.yaml": {Data: []byte(yml)},
			"logo.svg":   {Data: []byte(logo)},
			"procesplaten/complexe-casuistiek/triage.md": {Data: []byte(page)},
			"spelregels.aanvulling.md":                   {Data: []byte(aanvulling)},
			"nieuw.md":                                   {Data: []byte(page)},
		}
		fsys, rep, errs := Overlay(zvh.Base, reg, dir)
		if len(errs) == 0 && (fsys == nil || rep == nil) {
			t.Fatal("no errors and no result")
		}
		if rep != nil {
			rep.Drift(reg)
			rep.Why("procesplaten/complexe-casuistiek/triage/")
		}
	})
}
