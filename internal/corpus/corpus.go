// Package corpus writes a generated site of N Dutch pages in S sections, the
// same bytes for the same numbers, for benchmarks: of zvh's own build at
// scale, of the floor (goldmark alone) and, through scripts/bench-hugo, of
// Hugo on the same text.
//
// Every page has front matter, an introduction, h2 and h3 sections, a list, a
// GitHub table, a fenced code block and about eleven links to other pages,
// written as source paths (/s003/p00042.md#doel), as authors write them.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Page is one generated Markdown file.
type Page struct {
	Path    string // under content/: "s003/p00042.md", "s003/_index.md", "_index.md"
	Title   string
	Weight  int
	Section int    // -1 for the home page
	Body    string // the Markdown after the front matter
}

// Markdown returns the page as zvh reads it: YAML front matter and body.
func (p Page) Markdown() string {
	return fmt.Sprintf("---\ntitle: %s\ndescription: Gegenereerde pagina voor metingen.\nweight: %d\n---\n%s", p.Title, p.Weight, p.Body)
}

// Generate returns the home page, one section page per section and n pages
// spread evenly over the sections.
func Generate(n, sections int) []Page {
	if sections < 1 {
		sections = 1
	}
	r := rand.New(rand.NewPCG(uint64(n), uint64(sections)))
	pages := []Page{{Path: "_index.md", Title: "Gegenereerde site", Section: -1,
		Body: "Een gegenereerde site om de bouw te meten.\n"}}
	for s := range sections {
		pages = append(pages, Page{Path: fmt.Sprintf("s%03d/_index.md", s), Title: fmt.Sprintf("Onderdeel %d", s+1),
			Weight: s + 1, Section: s, Body: "De pagina's van dit onderdeel.\n"})
	}
	for i := range n {
		s := i % sections
		pages = append(pages, Page{Path: pagePath(s, i), Title: title(r, i), Weight: i/sections + 1, Section: s,
			Body: body(r, n, sections, i)})
	}
	return pages
}

func pagePath(section, i int) string { return fmt.Sprintf("s%03d/p%05d.md", section, i) }

var (
	nouns = []string{"gegevens", "casus", "betrokkene", "partner", "gemeente", "politie", "reclassering", "zorg",
		"toestemming", "grondslag", "overleg", "afspraak", "plan", "risico", "verslag", "regie", "netwerk", "doel"}
	verbs = []string{"delen", "bespreken", "vastleggen", "toetsen", "melden", "afstemmen", "bewaren", "vragen",
		"beoordelen", "overdragen"}
	adjs = []string{"noodzakelijke", "beperkte", "juiste", "gezamenlijke", "eigen", "nieuwe", "wettelijke",
		"heldere", "volgende", "zorgvuldige"}
)

func pick(r *rand.Rand, words []string) string { return words[r.IntN(len(words))] }

func title(r *rand.Rand, i int) string {
	t := pick(r, adjs) + " " + pick(r, nouns) + " " + pick(r, verbs)
	return fmt.Sprintf("%s%s %d", strings.ToUpper(t[:1]), t[1:], i)
}

// sentence is a plain Dutch-looking sentence of 8 to 16 words.
func sentence(r *rand.Rand) string {
	n := 8 + r.IntN(9)
	w := make([]string, n)
	for i := range w {
		switch i % 3 {
		case 0:
			w[i] = pick(r, adjs)
		case 1:
			w[i] = pick(r, nouns)
		default:
			w[i] = pick(r, verbs)
		}
	}
	s := strings.Join(w, " ")
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

func paragraph(r *rand.Rand, sentences int) string {
	var b strings.Builder
	for i := range sentences {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(sentence(r))
	}
	return b.String()
}

// link returns a Markdown link from page i to another page, by source path,
// sometimes to one of its section anchors.
func link(r *rand.Rand, n, sections, i int) string {
	j := r.IntN(n)
	if j == i {
		j = (j + 1) % n
	}
	dest := "/" + pagePath(j%sections, j)
	switch r.IntN(3) {
	case 0:
		dest += "#doel"
	case 1:
		dest += "#werkwijze"
	}
	return fmt.Sprintf("[%s %s](%s)", pick(r, adjs), pick(r, nouns), dest)
}

func body(r *rand.Rand, n, sections, i int) string {
	var b strings.Builder
	l := func() string { return link(r, n, sections, i) }
	fmt.Fprintf(&b, "%s Zie ook %s en %s.\n\n", paragraph(r, 3), l(), l())
	fmt.Fprintf(&b, "## Doel {#doel}\n\n%s %s.\n\n", paragraph(r, 4), l())
	fmt.Fprintf(&b, "### Wie doet wat\n\n- %s %s\n- %s\n- %s %s\n- %s\n\n", sentence(r), l(), sentence(r), sentence(r), l(), sentence(r))
	fmt.Fprintf(&b, "## Werkwijze {#werkwijze}\n\n%s Lees %s.\n\n", paragraph(r, 5), l())
	b.WriteString("Tabel: wie deelt wat\n\n| Partner | Deelt | Grondslag |\n|---|---|---|\n")
	for range 4 {
		fmt.Fprintf(&b, "| %s | %s | %s |\n", pick(r, nouns), pick(r, nouns), pick(r, adjs))
	}
	fmt.Fprintf(&b, "\n### Voorbeeld\n\n%s %s.\n\n", paragraph(r, 2), l())
	b.WriteString("```go\nfunc deel(g Gegevens) bool {\n\treturn g.Noodzakelijk && g.Grondslag != \"\"\n}\n```\n\n")
	fmt.Fprintf(&b, "## Bronnen\n\n%s Meer in %s, %s, %s en %s.\n", paragraph(r, 2), l(), l(), l(), l())
	return b.String()
}

// Files returns the generated pages as files under content/, for an fs.FS
// or for writing to disk.
func Files(n, sections int) map[string][]byte {
	out := map[string][]byte{}
	for _, p := range Generate(n, sections) {
		out["content/"+p.Path] = []byte(p.Markdown())
	}
	return out
}
