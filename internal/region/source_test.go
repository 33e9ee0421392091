package region

import (
	"strings"
	"testing"
)

// overlayErrs lays reg over nat and returns the overlay's errors as text and
// the composed source of content/<rel>.
func overlayErrs(t *testing.T, natFiles, regFiles map[string]string, rel string) (string, string) {
	t.Helper()
	fsys, _, errs := Overlay(national(natFiles), regionFS(regFiles), dir)
	if fsys == nil {
		return errs.Error(), ""
	}
	return errs.Error(), read(t, fsys, "content/"+rel)
}

// A lock is read by the build's own front matter decoder: every way YAML
// spells true locks the page, also in a file with CRLF line ends.
func TestLockReadLikeTheBuild(t *testing.T) {
	for name, front := range map[string]string{
		"True": "---\ntitle: Vast\nlocked: True\n---\nTekst.\n",
		"yes":  "---\ntitle: Vast\nlocked: yes\n---\nTekst.\n",
		"CRLF": "---\r\ntitle: Vast\r\nlocked: true\r\n---\r\nTekst.\r\n",
	} {
		t.Run(name, func(t *testing.T) {
			errs, _ := overlayErrs(t, map[string]string{"content/vast.md": front},
				map[string]string{"vast.md": "---\ntitle: Anders\n---\nRegionale tekst.\n"}, "vast.md")
			if !strings.Contains(errs, "the national page is locked") {
				t.Errorf("replacing a page with locked %s passed; errors:\n%s", name, errs)
			}
		})
	}
}

// Only real h2 headings start sections: not a "## line" in a long fence
// that holds a shorter one, nor one in an HTML block.
func TestFakeHeadingsAreNoSections(t *testing.T) {
	page := "---\ntitle: Blokken\n---\nIntro.\n\n## Echt {#echt}\n\nVoorbeeld:\n\n````markdown\n```\n## Nep {#nep}\n```\n````\n\n<div>\n## Html {#html}\n</div>\n\n## Volgende {#volgende}\n\nBlijft staan.\n"
	for _, id := range []string{"nep", "html"} {
		errs, _ := overlayErrs(t, map[string]string{"content/blokken.md": page},
			map[string]string{"blokken.md": "## Anders {#" + id + "}\n\nRegionaal.\n"}, "blokken.md")
		if !strings.Contains(errs, "has no section #"+id) {
			t.Errorf("an override of #%s, which is no heading, was taken; errors:\n%s", id, errs)
		}
	}
	errs, src := overlayErrs(t, map[string]string{"content/blokken.md": page},
		map[string]string{"blokken.md": "## Echt anders {#echt}\n\nRegionaal.\n"}, "blokken.md")
	if errs != "" {
		t.Fatal(errs)
	}
	if !strings.Contains(src, "## Volgende {#volgende}\n\nBlijft staan.") || strings.Contains(src, "## Nep") {
		t.Errorf("replacing #echt did not keep the next section whole, or kept the fence:\n%s", src)
	}
}

// A setext heading is an h2 like any other; CRLF files cut the same way.
func TestSetextAndCRLFSections(t *testing.T) {
	page := "---\r\ntitle: Setext\r\n---\r\nIntro.\r\n\r\nEerste {#eerste}\r\n----------------\r\n\r\nOud.\r\n\r\n## Tweede {#tweede}\r\n\r\nBlijft.\r\n"
	errs, src := overlayErrs(t, map[string]string{"content/setext.md": page},
		map[string]string{"setext.md": "---\r\nbasis: 0123456789\r\n---\r\n## Eerste {#eerste}\r\n\r\nNieuw.\r\n"}, "setext.md")
	if errs != "" {
		t.Fatal(errs)
	}
	if strings.Contains(src, "Oud.") || !strings.Contains(src, "Nieuw.") || !strings.Contains(src, "Blijft.") {
		t.Errorf("the setext section was not replaced exactly:\n%s", src)
	}
}

// A section file's front matter goes through the strict decoder: an
// unknown key is named with a suggestion.
func TestSectionFileFrontMatterIsDecoded(t *testing.T) {
	errs, _ := overlayErrs(t, map[string]string{"content/los.md": "---\ntitle: Los\n---\n## Een {#een}\n\nTekst.\n"},
		map[string]string{"los.md": "---\nbasiss: 0123456789\n---\n## Een {#een}\n\nAnders.\n"}, "los.md")
	if !strings.Contains(errs, "regio/proef/los.md:2:1: unknown front matter key `basiss`; did you mean `basis`?") {
		t.Errorf("errors:\n%s", errs)
	}
}
