package csp

import (
	"fmt"
	"strings"
	"testing"
)

// nodePage is a page like the build's decision-tree node pages: about 6 KB
// of head, navigation, text, lists of links and a footer, with many tags and
// attributes and little text between them.
func nodePage() []byte {
	var b strings.Builder
	b.WriteString(`<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="` + Policy + `">
<title>Vraag 3: Verwerk je persoonsgegevens? | Webtool</title>
<meta name="description" content="Een vraag van de beslisboom over de verwerking van persoonsgegevens.">
<meta name="color-scheme" content="light dark">
`)
	for _, css := range []string{"tokens", "nlds", "app", "code", "search", "print"} {
		fmt.Fprintf(&b, "<link rel=\"stylesheet\" href=\"../../css/%s.3f9a2c1e.css\">\n", css)
	}
	b.WriteString(`<link rel="icon" href="../../img/icon.5d1e.svg" type="image/svg+xml">
</head>
<body class="kind-node">
<a class="skip-link nl-skip-link nl-skip-link--visible-on-focus" href="#inhoud">Naar de inhoud</a>
<header class="site-header">
<nav class="site-nav" aria-label="Hoofdmenu"><ul class="site-nav__list">
`)
	for i := range 25 {
		fmt.Fprintf(&b, "<li class=\"site-nav__item\"><a class=\"site-nav__link\" href=\"../../fase-%d/onderdeel-%d/\">Onderdeel %d</a></li>\n", i/5, i, i)
	}
	b.WriteString(`</ul></nav>
</header>
<div class="page">
<main id="inhoud" tabindex="-1">
<article class="content tree-node-page" data-wizard-start="../" data-wizard-route="q1.ja.q2.nee" data-wizard-node="q3">
<p class="back"><a class="back-link" href="../q2/">Vorige vraag<span class="visually-hidden">: Is er een grondslag?</span></a></p>
<h1 class="utrecht-heading-1">Verwerk je persoonsgegevens?</h1>
<p class="lead">Persoonsgegevens zijn alle gegevens over een ge&iuml;dentificeerde of identificeerbare persoon. Denk aan een naam, een adres of een <em>klantnummer</em>.</p>
<h2 class="utrecht-heading-2">Antwoorden</h2>
<ul class="answers">
`)
	for i := range 3 {
		fmt.Fprintf(&b, "<li class=\"answer\"><a class=\"answer__link\" href=\"../q%d/\" data-answer=\"a%d\" data-next=\"q%d\">Antwoord %d</a> <span class=\"answer__note\">toelichting bij dit antwoord</span></li>\n", i+4, i, i+4, i)
	}
	b.WriteString(`</ul>
<details class="node-route" open>
<summary>Zo kom je hier (3 vragen)</summary>
<ol class="route">
`)
	for i := range 4 {
		fmt.Fprintf(&b, "<li><a class=\"route__q\" href=\"../q%d/\">Vraag nummer %d van de route</a> <span class=\"route__a\">Ja</span></li>\n", i, i)
	}
	b.WriteString(`</ol>
</details>
<nav class="tree-nav" aria-label="Beslisboom">
<ul>
<li><a href="../q1/">Opnieuw beginnen</a></li>
<li><a href="../overzicht/">Overzicht van de hele boom</a></li>
</ul>
</nav>
<p class="disclaimer-note">Dit is hulp bij je afweging, geen juridisch advies. Twijfel je, vraag dan je privacy officer.</p>
</article>
</main>
</div>
<footer class="site-footer">
<div class="site-footer__inner">
<nav class="site-footer__nav" aria-label="Over deze webtool"><ul>
`)
	for _, p := range []string{"over", "privacy", "toegankelijkheid", "disclaimer", "handleiding"} {
		fmt.Fprintf(&b, "<li><a href=\"../../%s/\">%s</a></li>\n", p, p)
	}
	b.WriteString(`</ul></nav>
<p class="site-footer__version">Versie van de inhoud: 2024-05-01.</p>
<p class="site-footer__privacy">Deze site bewaart niets: geen cookies, geen gegevens.</p>
</div>
</footer>
<script src="../../js/wizard.8c2d.js" defer></script>
</body>
</html>
`)
	return []byte(b.String())
}

// svgPage is a page like a tree's overview: a few hundred boxes and edges
// of an inline SVG, each a group with a link, a title, shapes with many
// numeric attributes, and text in tspans.
func svgPage(boxes int) []byte {
	var b strings.Builder
	b.WriteString(`<!doctype html><html lang="nl"><head><meta charset="utf-8">` +
		`<meta http-equiv="Content-Security-Policy" content="` + Policy + `">` +
		`<title>Overzicht</title><link rel="stylesheet" href="../css/app.css"></head><body><main>` + "\n" +
		`<svg xmlns="http://www.w3.org/2000/svg" class="tree-diagram" viewBox="0 0 4210.5 9830" width="4210.5" height="9830" font-family="Arial, Helvetica, sans-serif" font-size="14" fill="#000">` + "\n" +
		"<title>Beslisboom</title>\n<g class=\"edges\">\n")
	for i := range boxes {
		x, y := float64(i%40)*104.5, float64(i/40)*130
		fmt.Fprintf(&b, "<g class=\"edge\">\n<title>„Ja” bij „Vraag %d” leidt naar „Vraag %d”</title>\n", i, i+1)
		fmt.Fprintf(&b, "<path class=\"edge__line\" d=\"M%.1f %.1f C%.1f %.1f %.1f %.1f %.1f %.1f L%.1f %.1f\" fill=\"none\" stroke=\"#000\" stroke-width=\"1.5\"/>\n",
			x, y, x+10, y+20, x+30, y+40, x+50, y+60, x+50, y+90)
		fmt.Fprintf(&b, "<path class=\"edge__arrow\" d=\"M%.1f %.1f L%.1f %.1f L%.1f %.1f Z\"/>\n", x-4.5, y+89, x+4.5, y+89, x, y+98)
		fmt.Fprintf(&b, "<g class=\"edge__label\">\n<rect class=\"edge__label-box\" x=\"%.1f\" y=\"%.1f\" width=\"24\" height=\"16\" rx=\"3\" fill=\"#fff\"/>\n", x+20, y+50)
		fmt.Fprintf(&b, "<text font-size=\"12\" text-anchor=\"middle\"><tspan x=\"%.1f\" y=\"%.1f\">Ja</tspan></text>\n</g>\n</g>\n", x+32, y+62)
	}
	b.WriteString("</g>\n<g class=\"nodes\">\n")
	for i := range boxes {
		x, y := float64(i%40)*104.5, float64(i/40)*130
		fmt.Fprintf(&b, "<g id=\"node-q%d\" class=\"node node--question\">\n<a href=\"../q%d/\">\n<title>Vraag: Verwerk je gegevens nummer %d?</title>\n", i, i, i)
		fmt.Fprintf(&b, "<rect class=\"node__box\" x=\"%.1f\" y=\"%.1f\" width=\"96\" height=\"64\" rx=\"4\" fill=\"#fff\" stroke=\"#000\" stroke-width=\"1.5\"/>\n", x-48, y)
		fmt.Fprintf(&b, "<text class=\"node__title\" text-anchor=\"middle\"><tspan x=\"%.1f\" y=\"%.1f\">Verwerk je</tspan><tspan x=\"%.1f\" y=\"%.1f\">gegevens %d?</tspan></text>\n</a>\n</g>\n", x, y+20, x, y+38, i)
	}
	b.WriteString("</g>\n</svg>\n</main></body></html>\n")
	return []byte(b.String())
}

// BenchmarkViolations scans the two kinds of page the build writes most:
// many node pages and, once per tree, a large overview of SVG.
func BenchmarkViolations(b *testing.B) {
	for _, bc := range []struct {
		name string
		page []byte
	}{
		{"node", nodePage()},
		{"svg", svgPage(400)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			if v, ok := Violations(bc.page); v != nil || !ok {
				b.Fatalf("the page is not clean: %q, policy %v", v, ok)
			}
			b.SetBytes(int64(len(bc.page)))
			b.ReportAllocs()
			for b.Loop() {
				Violations(bc.page)
			}
		})
	}
}
