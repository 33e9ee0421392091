package site

import (
	"strings"
	"testing"

	"github.com/zvh-webtool/zvh"
)

// nationalFiles builds the shipped national site and returns its files.
func nationalFiles(t *testing.T) map[string][]byte {
	t.Helper()
	res, errs := Build(Options{FS: zvh.Base})
	if errs != nil {
		t.Fatal(errs)
	}
	return res.Files
}

// TestWizardData checks what the layouts get from wizard.go on the shipped
// site (issue 15): each a thing a reader sees on a page.
func TestWizardData(t *testing.T) {
	files := nationalFiles(t)
	page := func(p string) string {
		t.Helper()
		b, ok := files[p]
		if !ok {
			t.Fatalf("the build has no %s", p)
		}
		return string(b)
	}
	tests := []struct {
		name, file string
		want, not  []string
	}{
		{"the phase bar of a nazorg page follows its plate", "procesplaten/nazorg/triage/index.html",
			[]string{`<a class="phase-nav__plate" href="../">Nazorg`, `<a href="./" aria-current="page"><span class="phase-nav__nummer" aria-hidden="true">2</span>`},
			[]string{`href="../../complexe-casuistiek/triage/"><span class="phase-nav__nummer"`}},
		{"a phase names its plate in the title", "procesplaten/nazorg/casusoverleg/index.html",
			[]string{"<title>Casusoverleg — Nazorg"}, nil},
		{"a node page has a back link, its number and its route", "beslisbomen/inbrengen/noodzaak/index.html",
			[]string{`<a class="back-link" href="../rol/">Vorige vraag`, `Vraag 3</span>`, `<title>Vraag 3: Is dit gegeven nodig om het doel te bereiken? — Mag ik deze gegevens inbrengen`, `data-wizard-route="doel=ja/rol=ja"`, `Zo kom je hier (2 vragen)`},
			nil},
		{"a node reached from several questions lists them all", "beslisbomen/inbrengen/vraag-procesregisseur/index.html",
			[]string{`<nav class="back back--many" aria-label="Vorige vragen">`}, nil},
		{"a node page's breadcrumbs end at its tree, which is not the current page", "beslisbomen/inbrengen/noodzaak/index.html",
			[]string{`<li><a href="../">Mag ik deze gegevens inbrengen in het casusoverleg?</a></li>`, `<li><a href="../">Opnieuw beginnen</a></li>`},
			[]string{`aria-current="page"`}},
		{"an outcome with a law page among its sources", "beslisbomen/inbrengen/inbrengen/index.html",
			[]string{`<h2 class="grondslag__title">Grondslag en bron</h2>`, `<title>Uitkomst: Onder voorwaarden — Je mag het gegeven inbrengen`}, []string{`>Grondslag</h2>`}},
		{"an outcome that rests on spelregels only", "beslisbomen/overdragen/aanmelder-kiezen/index.html",
			[]string{`<h2 class="grondslag__title">Bron</h2>`}, []string{"Grondslag en bron"}},
		{"an outcome that cites a prohibition, not a ground", "beslisbomen/overdragen/geheim-blijft/index.html",
			[]string{`<h2 class="grondslag__title">Bron</h2>`, `Beroepsgeheim`}, []string{"Grondslag"}},
		{"a law page lists where it is used", "wetten/avg-9/index.html",
			[]string{`<h2 id="gebruikt-in"`, `Mag ik deze gegevens inbrengen in het casusoverleg?</a> <span class="cited-by__kind">(beslisboom)</span>`, `>Lees de officiële tekst op eur-lex.europa.eu</a>`}, nil},
		{"the glossary has an A-Z jump list", "begrippen/index.html",
			[]string{`<nav class="az" aria-label="Begrippen van A tot Z">`, `>A</a></li>`}, nil},
		{"the editor's guide is in the footer, not the main menu", "index.html",
			[]string{`Handleiding voor redacteuren</a></li>`}, nil},
		{"a 404 page that links from the host's root, so it works at any depth", "404.html",
			[]string{"<h1 class=\"nl-heading nl-heading--level-1\">Pagina niet gevonden</h1>", `href="/css/app.`, `href="/beslisbomen/"`}, []string{`href="css/`, `href="beslisbomen/"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			html := page(tt.file)
			for _, w := range tt.want {
				if !strings.Contains(html, w) {
					t.Errorf("%s lacks %q", tt.file, w)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(html, n) {
					t.Errorf("%s has %q", tt.file, n)
				}
			}
		})
	}
	menu := page("index.html")
	menu = menu[strings.Index(menu, `<nav class="main-menu main-menu--row"`):]
	menu = menu[:strings.Index(menu, "</nav>")]
	if strings.Contains(menu, "Handleiding") {
		t.Error("the editor's guide is in the main menu")
	}
}
