package site

import (
	"regexp"
	"strings"
	"testing"

	"github.com/zvh-webtool/zvh"
)

// TestNationalNames: the national build resolves placeholders with the
// terms of site.yaml, in the text and in the front matter.
func TestNationalNames(t *testing.T) {
	fsys := testFS(t, []byte(`-- content/_index.md --
---
title: Start
---
Naar het {{casusoverleg}}.
-- content/a.md --
---
title: "{{casusoverleg}} en meer"
description: Over het {{casusoverleg}}.
---
## {{casusoverleg}} {#co}

Het {{zvh}} plant het. {{Casusoverleg}} volgt. Landelijk heet dit het {{landelijk:casusoverleg}}.
`))
	res, errs := Build(Options{FS: fsys})
	if errs != nil {
		t.Fatal(errs)
	}
	page := string(res.Files["a/index.html"])
	for _, want := range []string{
		"<title>Casusoverleg en meer",
		`<h2 id="co">Casusoverleg <a`,
		"Het Zorg- en Veiligheidshuis plant het. Casusoverleg volgt. Landelijk heet dit het <span class=\"landelijk\">casusoverleg</span>.",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("a/index.html lacks %q", want)
		}
	}
	if strings.Contains(page, "{{") {
		t.Error("a/index.html publishes a raw placeholder")
	}
	// With a region's names the same source reads differently, on the
	// same cache.
	reg, errs := Build(Options{FS: fsys, Names: &RegionNames{Values: map[string]string{"casusoverleg": "ICO"}}})
	if errs != nil {
		t.Fatal(errs)
	}
	if page := string(reg.Files["a/index.html"]); !strings.Contains(page, "<title>ICO en meer") || !strings.Contains(page, "Het Zorg- en Veiligheidshuis plant het. ICO volgt.") {
		t.Error("the region's names are not used")
	}
}

// TestUnknownNameIsAnError: an unknown name in the text or the front matter
// is an error at its position, on the national build too.
func TestUnknownNameIsAnError(t *testing.T) {
	fsys := testFS(t, []byte(`-- content/_index.md --
---
title: Start over het {{casusoverlg}}
---
Tekst.

Het {{ico}} en `+"`{{in code}}`"+`.
`))
	_, errs := Build(Options{FS: fsys})
	got := errs.Error()
	for _, want := range []string{
		"content/_index.md:2:8: onbekende naam {{casusoverlg}}; bedoel je {{casusoverleg}}?",
		"content/_index.md:6:5: onbekende naam {{ico}}.",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("errors:\n%s\nwant %q", got, want)
		}
	}
	if strings.Contains(got, "in code") {
		t.Error("a placeholder in code is an error")
	}
}

var codeOrPre = regexp.MustCompile(`(?s)<code\b.*?</code>|<pre\b.*?</pre>`)

// TestNoRawPlaceholder: the national site publishes no unresolved
// placeholder outside code.
func TestNoRawPlaceholder(t *testing.T) {
	res, errs := Build(Options{FS: zvh.Base})
	if errs != nil {
		t.Fatal(errs)
	}
	for name, b := range res.Files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		if text := codeOrPre.ReplaceAllString(string(b), ""); strings.Contains(text, "{{") {
			i := strings.Index(text, "{{")
			t.Errorf("%s publishes a placeholder: …%s…", name, text[max(0, i-40):min(len(text), i+40)])
		}
	}
}
