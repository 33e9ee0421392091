package region

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/zvh-webtool/zvh/internal/worddiff"
)

// diffContext is the number of unchanged words shown around a change.
const diffContext = 8

// diffPage writes content/verschillen.md: every page the region replaces,
// changes, adds, removes or supplements, with a word diff against the
// national text, and every renamed term. It is Markdown, so it goes through
// the same build, link check and layout as every other page.
func (o *builder) diffPage() {
	var b strings.Builder
	name := o.cfg.Name
	fmt.Fprintf(&b, "---\ntitle: Verschillen met het landelijk model\ndescription: Wat %s anders heeft dan het landelijk model, pagina voor pagina.\nweight: 95\n---\n", name)
	fmt.Fprintf(&b, "%s werkt met het landelijk model. Op deze pagina staat alles wat in deze variant anders is: pagina's die de regio vervangt, aanpast, toevoegt, weglaat of aanvult, en begrippen met een andere naam. Alle andere pagina's zijn gelijk aan het landelijk model.\n\n", name)
	b.WriteString("Zo lees je een verschil: bij **weg:** staat doorgestreept wat uit de landelijke tekst is gehaald, bij **nieuw:** staat vet wat de regio ervoor in de plaats zette. Er staan telkens een paar woorden omheen die gelijk zijn gebleven. Opmaak zoals links zie je hier als gewone tekens.\n\n")
	changed := o.report.Changed()
	if len(changed) == 0 {
		b.WriteString("Deze variant heeft geen eigen pagina's.\n\n")
	}
	for _, p := range changed {
		title := p.NationalTitle
		if title == "" {
			title = p.Title
		}
		link := fmt.Sprintf("[%s](/%s)", keepNames(p.Title, mdText), p.Rel)
		switch p.Status {
		case StatusReplaced:
			fmt.Fprintf(&b, "## Vervangen: %s {#%s}\n\n", keepNames(title, mdTitle), anchor(p.Rel))
			fmt.Fprintf(&b, "De regio vervangt de landelijke pagina \"%s\" (`%s`) door een eigen versie: %s.\n\n", keepNames(p.NationalTitle, mdText), p.National, link)
			writeDiff(&b, p.natText, p.regText)
		case StatusSections:
			fmt.Fprintf(&b, "## Aangepast: %s {#%s}\n\n", keepNames(title, mdTitle), anchor(p.Rel))
			fmt.Fprintf(&b, "De regio vervangt %s van %s; de rest is landelijk.\n\n", sectionCount(len(p.Sections)), link)
			writeDiff(&b, p.natText, p.regText)
		case StatusAdded:
			fmt.Fprintf(&b, "## Toegevoegd: %s {#%s}\n\n", keepNames(title, mdTitle), anchor(p.Rel))
			fmt.Fprintf(&b, "%s staat alleen in deze variant; het landelijk model heeft geen pagina op deze plaats.\n\n", link)
		case StatusRemoved:
			fmt.Fprintf(&b, "## Weggelaten: %s {#%s}\n\n", keepNames(title, mdTitle), anchor(p.Rel))
			fmt.Fprintf(&b, "De landelijke pagina \"%s\" (`%s`) staat niet in deze variant.\n\n", keepNames(p.NationalTitle, mdText), p.National)
		}
		if p.Aanvulling != "" {
			if p.Status == StatusSupplemented {
				fmt.Fprintf(&b, "## Aangevuld: %s {#%s}\n\n", keepNames(title, mdTitle), anchor(p.Rel))
			}
			fmt.Fprintf(&b, "%s heeft een [Regionale aanvulling](/%s#regionale-aanvulling) onder de landelijke tekst. De landelijke tekst zelf is niet veranderd.\n\n", link, p.Rel)
		}
	}
	var renamed []string
	for _, t := range slices.Sorted(keys(o.cfg.Terms)) {
		if o.cfg.Terms[t] != o.national.Terms[t] {
			renamed = append(renamed, t)
		}
	}
	if len(renamed) > 0 || len(o.cfg.Facts) > 0 {
		b.WriteString("## Namen en regionale gegevens {#verschil-namen}\n\n")
		b.WriteString("Tabel: Woorden die in deze variant anders zijn\n\n| Landelijk | In deze variant |\n|---|---|\n")
		for _, t := range renamed {
			fmt.Fprintf(&b, "| %s | %s |\n", mdText(o.national.Terms[t]), mdText(o.cfg.Terms[t]))
		}
		for _, f := range slices.Sorted(keys(o.cfg.Facts)) {
			fmt.Fprintf(&b, "| (regionaal gegeven `%s`) | %s |\n", f, mdText(o.cfg.Facts[f]))
		}
		b.WriteString("\n")
	}
	c := &composer{}
	c.add(o.cfg.File(), 1, b.String(), true)
	o.put(DiffPage, c)
	o.report.Pages[DiffPage] = &PageOrigin{Rel: DiffPage, Status: StatusAdded, Title: "Verschillen met het landelijk model",
		Parts: []Part{{"whole page", "generated from the region's changes", o.cfg.File(), 1}}}
}

func writeDiff(b *strings.Builder, old, new string) {
	cs := worddiff.Diff(worddiff.Words(old), worddiff.Words(new))
	if !worddiff.Changed(cs) {
		b.WriteString("De tekst is gelijk aan de landelijke tekst.\n\n")
		return
	}
	b.WriteString(worddiff.Markdown(cs, diffContext))
	b.WriteString("\n")
}

func sectionCount(n int) string {
	if n == 1 {
		return "één onderdeel"
	}
	return fmt.Sprintf("%d onderdelen", n)
}

// mdText escapes text for use inside Markdown.
func mdText(s string) string { return strings.Join(worddiff.EscapeMarkdown(strings.Fields(s)), " ") }

// mdTitle makes text safe for a heading without backslashes, which the
// table of contents would show: it drops the characters that Markdown or
// the attribute syntax would read.
func mdTitle(s string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune("{}*_[]`<>\\", r) {
			return -1
		}
		return r
	}, s)
}

// Diff is the word diff of the page against the national text: of the whole
// body for a replaced page, of the replaced sections for a changed one, of
// nothing against the added text for a new page or an aanvulling. Layouts
// that can show HTML render it with worddiff.HTML, which marks changes with
// <del> and <ins>; the generated differences page uses worddiff.Markdown.
func (p *PageOrigin) Diff() []worddiff.Chunk {
	return worddiff.Diff(worddiff.Words(p.natText), worddiff.Words(p.regText))
}

// placeholderForm is a placeholder in a title, such as {{Casusoverleg}}.
var placeholderForm = regexp.MustCompile(`\{\{[A-Za-z][a-z0-9_]*(:[A-Za-z][a-z0-9_]*)?\}\}`)

// keepNames applies escape to the text of a title between its
// placeholders, which it keeps, so the differences page shows the page
// titles with the region's names, as every other page does.
func keepNames(s string, escape func(string) string) string {
	var b strings.Builder
	last := 0
	part := func(t string) {
		if strings.TrimSpace(t) == "" {
			b.WriteString(t)
			return
		}
		lead := t[:len(t)-len(strings.TrimLeft(t, " "))]
		trail := t[len(strings.TrimRight(t, " ")):]
		b.WriteString(lead + escape(t) + trail)
	}
	for _, m := range placeholderForm.FindAllStringIndex(s, -1) {
		part(s[last:m[0]])
		b.WriteString(s[m[0]:m[1]])
		last = m[1]
	}
	part(s[last:])
	return b.String()
}
