package site

import (
	"strings"
	"testing"
)

// wayBackArchive is a tree in which node c is reached from a2 (first in the
// file, three answers from the start) and from b (two answers): the route on
// c's page comes from b, so its way back must list b first.
const wayBackArchive = `-- content/_index.md --
---
title: Testsite
---
Welkom.
-- content/spelregels.md --
---
title: Spelregels
---
## Doel {#doel}

Eerst het doel.
-- content/beslisbomen/_index.md --
---
title: Beslisbomen
---
Alle beslisbomen.
-- content/beslisbomen/weg.md --
---
title: De weg terug
---
Een boom met twee wegen naar c.

## Begin {#start}

- [Lang](#a)
- [Kort](#b)

## Vraag a {#a}

- [Ja](#a2)
- [Nee](#klaar)

## Vraag a2 {#a2}

- [Ja](#c)
- [Nee](#klaar)

## Vraag b {#b}

- [Ja](#c)
- [Nee](#klaar)

## Vraag c {#c}

- [Ja](#klaar)
- [Nee](#ander)

## Klaar {#klaar .uitkomst .mag}

Bron: [doel](/spelregels.md#doel).

## Anders {#ander .uitkomst .mag-niet}

Bron: [doel](/spelregels.md#doel).
`

// TestWayBackStartsWithTheRoute checks that a node with several questions
// before it lists first the one its shortest route comes from, not the one
// that comes first in the file.
func TestWayBackStartsWithTheRoute(t *testing.T) {
	res, errs := Build(Options{FS: testFS(t, []byte(wayBackArchive))})
	if errs != nil {
		t.Fatal(errs)
	}
	html := string(res.Files["beslisbomen/weg/c/index.html"])
	want := `Terug naar een van de vorige vragen</p><ul><li><a class="back-link" href="../b/">`
	if !strings.Contains(html, want) {
		t.Errorf("node c's way back does not start at b; want %q in:\n%s", want, html)
	}
}

// TestUnverifiedMarkedOncePerPage checks that a page citing an unverified
// law page three times says "(nog te bevestigen)" once, after the first
// link, and once for each other unverified page it cites.
func TestUnverifiedMarkedOncePerPage(t *testing.T) {
	archive := wayBackArchive + `-- content/wetten/a.md --
---
title: Artikel a
law: Een wet
article: artikel a
official: https://wetten.overheid.nl/a
verified: false
---
Tekst a.
-- content/wetten/b.md --
---
title: Artikel b
law: Een wet
article: artikel b
official: https://wetten.overheid.nl/b
verified: false
---
Tekst b.
-- content/uitleg.md --
---
title: Uitleg
---
Zie [a](/wetten/a.md) en [b](/wetten/b.md).

| Wie | Waarom |
|---|---|
| een | [a](/wetten/a.md) |
| twee | [a](/wetten/a.md) |
`
	res, errs := Build(Options{FS: testFS(t, []byte(archive))})
	if errs != nil {
		t.Fatal(errs)
	}
	html := string(res.Files["uitleg/index.html"])
	if n := strings.Count(html, "(nog te bevestigen)"); n != 2 {
		t.Errorf("the page says (nog te bevestigen) %d times, want 2 (once for a, once for b):\n%s", n, html)
	}
	if !strings.Contains(html, `>a</a> (nog te bevestigen) en`) {
		t.Errorf("the first link to a lacks the marker:\n%s", html)
	}
}
