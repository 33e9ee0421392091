package region

import (
	"fmt"
	"io/fs"
	"path"
	"strings"
	"testing/fstest"
)

// starterConfig is the commented regio.yaml of a new region. Every line a
// region may want is there; what needs real data is commented out, so the
// starter never publishes an invented address.
const starterConfig = `# The settings of this regional variant. Everything that is not here
# comes from the national model. Check the result with:
#   zvh serve --region %[1]s
name: Zorg- en Veiligheidshuis %[2]s   # shown on every page
slug: %[1]s                         # must equal the folder name
logo: logo.svg                      # an SVG file in this folder

# How professionals reach you. Fill in only what is real; leave out the rest.
# contact:
#   name: Zorg- en Veiligheidshuis %[2]s
#   email: …
#   phone: …
#   url: https://…

# House style, with NL Design System token names. Colours are checked for
# WCAG AA contrast in the light and the dark colour scheme. A value holds for
# both schemes, or give {light: "#…", dark: "#…"}. The names you may set:
#   basis.color.accent-1.color-default, nl.link.color,
#   basis.focus.outline-color, utrecht.page-header.background-color,
#   utrecht.page-header.color, basis.text.font-family
# tokens:
#   utrecht.page-header.background-color: "#154273"

# Your names for national terms. Pages write {{casusoverleg}} and show yours.
# terms:
#   casusoverleg: ICO
#   casusoverleg_long: Integraal casusoverleg

# Regional facts, also used as {{name}} on your pages.
# facts:
#   triage_day: dinsdag

# Your titles for phases, by plate and phase as in their path.
# phases:
#   complexe-casuistiek/triage: Triage en voorbereiding van het {{casusoverleg}}
`

const starterLogo = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" role="img" aria-label="%s">
  <rect width="64" height="64" rx="12" fill="#154273"/>
  <path d="M14 46 L32 16 L50 46 Z" fill="none" stroke="#ffffff" stroke-width="5" stroke-linejoin="round"/>
</svg>
`

// starterOverride changes one section of the national triage page, as an
// example of the smallest kind of override.
const starterOverride = `---
# This file changes one section of the national page with the same path.
# It has no title, so only the sections below replace theirs; the h2 carries
# the id of the national section ({#wie}). basis is the national version it
# was made against: zvh check --region warns when that text changes, and
# zvh region accept <this file> records the new version after you checked it.
---
## Wie zijn erbij betrokken? {#wie}

- **Procesregisseur** van het ZVH: bereidt het {{casusoverleg}} voor.
- **Vaste partners in de triage**: schrijf hier welke partners dat in jouw regio zijn.
- **Aanmelder**: geeft zo nodig een toelichting en hoort de uitkomst.
`

const starterPath = "procesplaten/complexe-casuistiek/triage.md"

// Starter returns the files of a new region folder for slug, built against
// the national source: a commented regio.yaml, a logo and one section
// override with its basis recorded. The folder builds as it is.
func Starter(national fs.FS, slug string) (map[string][]byte, error) {
	if !slugForm.MatchString(slug) {
		return nil, fmt.Errorf("slug %q may hold only lower-case letters, digits and single hyphens", slug)
	}
	name := titleOf(slug)
	files := map[string][]byte{
		ConfigFile: []byte(fmt.Sprintf(starterConfig, slug, name)),
		"logo.svg": []byte(fmt.Sprintf(starterLogo, "Logo van Zorg- en Veiligheidshuis "+name)),
	}
	if _, err := fs.Stat(national, path.Join("content", starterPath)); err == nil {
		files[starterPath] = []byte(starterOverride)
	}
	m := fstest.MapFS{}
	for k, v := range files {
		m[k] = &fstest.MapFile{Data: v}
	}
	_, rep, errs := Overlay(national, m, path.Join(Shipped, slug))
	if len(errs) > 0 {
		return nil, fmt.Errorf("the starter does not build against this national model:\n%v", errs)
	}
	if _, ok := files[starterPath]; ok {
		acc, err := rep.Accept(starterPath, files[starterPath])
		if err != nil {
			return nil, err
		}
		files[starterPath] = acc.Source
		files[acc.Snapshot] = acc.Text
	}
	return files, nil
}

// titleOf turns a slug into a name: zaanstreek-waterland -> Zaanstreek-Waterland.
func titleOf(slug string) string {
	parts := strings.Split(slug, "-")
	for i, p := range parts {
		if p != "" {
			parts[i] = strings.ToUpper(p[:1]) + p[1:]
		}
	}
	return strings.Join(parts, "-")
}
