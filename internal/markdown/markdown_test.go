package markdown

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

func render(t *testing.T, src string) (string, *Doc) {
	t.Helper()
	c := New()
	d := c.Parse([]byte(src))
	if d.Err != nil {
		t.Fatal(d.Err)
	}
	var b bytes.Buffer
	if err := c.Render(&b, d, d.Root); err != nil {
		t.Fatal(err)
	}
	return b.String(), d
}

func TestRender(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string // substrings of the HTML, in order
		not       []string // substrings that must not occur
	}{
		// Single quotes are left to goldmark: a leading one is often an
		// apostrophe in Dutch ('s avonds), so only double quotes are tested.
		{"dutch quotes", `Hij zei "ja".`, []string{"&bdquo;ja&rdquo;"}, nil},
		{"heading anchor h2", "## Wat gebeurt er?", []string{`<h2 id="wat-gebeurt-er">Wat gebeurt er? <a class="anchor" href="#wat-gebeurt-er">`, `Link naar „Wat gebeurt er?”`}, nil},
		{"heading anchor h3", "### Sub", []string{`<h3 id="sub">Sub <a class="anchor"`}, nil},
		{"no anchor on h4", "#### Klein", []string{`<h4 id="klein">Klein</h4>`}, []string{"anchor"}},
		{"explicit id and class", "## Doel {#doel .kern}", []string{`<h2 id="doel" class="kern">`}, nil},
		{"accents in ids", "## Financiën", []string{`id="financien"`}, nil},
		{"duplicate ids", "## A\n\n## A", []string{`id="a"`, `id="a-1"`}, nil},
		{"explicit id reserved", "## Doel\n\n## Iets {#doel}", []string{`id="doel-1"`, `id="doel"`}, nil},
		{"callout", "> **Let op:** niet doen", []string{`<blockquote class="callout callout--let-op">`}, nil},
		{"tip", "> **Tip:** doe dit", []string{`<blockquote class="callout callout--tip">`}, nil},
		{"plain quote", "> gewoon", []string{"<blockquote>"}, []string{"callout"}},
		{"definition term id", "Plan van aanpak\n: wat je afspreekt", []string{`<dt id="plan-van-aanpak">Plan van aanpak</dt>`}, nil},
		{"table scrolls", "| a | b |\n|---|---|\n| 1 | 2 |", []string{`<div class="table-scroll" role="region" tabindex="0" aria-label="Tabel">`, "<table>", `<th scope="col">a</th>`, "</table>\n</div>"}, nil},
		{"table rows have headers and labels", "| Rol | Wat | Waarom |\n|---|:-:|--:|\n| Politie | *x* | y |", []string{`<th scope="col">Rol</th>`, `<th scope="row">Politie</th>`, `<td data-label="Wat" class="align-center"><em>x</em></td>`, `<td data-label="Waarom" class="align-right">y</td>`}, []string{"style=", "<td>Politie"}},
		{"table caption with id", "Tabel: Triage *per rol* {#per-rol}\n\n| a | b |\n|---|---|\n| 1 | 2 |", []string{`<div class="table-scroll" id="per-rol" role="region"`, `aria-label="Tabel: Triage per rol">`, "<caption>Triage <em>per rol</em></caption>"}, []string{"{#", "#per-rol}"}},
		{"table caption", "Tabel: Wie deelt *wat*\n\n| a | b |\n|---|---|\n| 1 | 2 |", []string{`aria-label="Tabel: Wie deelt wat">`, "<table>\n<caption>Wie deelt <em>wat</em></caption>\n<thead>"}, []string{"<p>Tabel:"}},
		{"strikethrough", "~~weg~~", []string{"<del>weg</del>"}, nil},
		{"autolink", "zie https://wetten.overheid.nl/ nu", []string{`<a href="https://wetten.overheid.nl/">`}, nil},
		{"footnote", "tekst[^1]\n\n[^1]: noot", []string{`id="fnref:1"`, `id="fn:1"`}, nil},
		{"code with classes only", "```yaml\ntitle: x\n```", []string{`<div class="code" data-lang="yaml"><pre class="chroma">`, `<span class="nt">title</span>`}, []string{"style="}},
		{"code without language", "```\nplain\n```", []string{`<div class="code"><pre class="chroma">`}, []string{"style="}},
		{"spelregel section", "## Zeggenschap {#zeggenschap .spelregel}\n\nRegel.\n\n**Bron:** wet.\n\n## Volgende\n\nLos.",
			[]string{`<section class="spelregel" aria-labelledby="zeggenschap">`, `<h2 id="zeggenschap" class="spelregel__kop">Zeggenschap <a class="anchor"`, "<p>Regel.</p>", `<p class="spelregel__bron"><strong>Bron:</strong> wet.</p>`, "</section>", `<h2 id="volgende">`, "<p>Los.</p>"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			html, _ := render(t, tc.src)
			rest := html
			for _, w := range tc.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("missing %q (in order) in\n%s", w, html)
				}
				rest = rest[i+len(w):]
			}
			for _, n := range tc.not {
				if strings.Contains(html, n) {
					t.Errorf("unexpected %q in\n%s", n, html)
				}
			}
		})
	}
}

func TestDocCollectsHeadingsAndIDs(t *testing.T) {
	_, d := render(t, "## Eén {#een}\n\n### Twee `code`\n\nTerm\n: def\n\nx[^n]\n\n[^n]: y\n")
	if len(d.Headings) != 2 || d.Headings[0].ID != "een" || d.Headings[1].Text != "Twee code" || d.Headings[1].Level != 3 {
		t.Errorf("headings = %+v", d.Headings)
	}
	for _, id := range []string{"een", "twee-code", "term", "fn:1", "fnref:1"} {
		if !d.IDs[id] {
			t.Errorf("id %q not collected; have %v", id, d.IDs)
		}
	}
}

// TestHeadingTextIsWhatReadersSee: a heading's plain text, which becomes a
// tree node's title, the table of contents and the search index, has its
// backslash escapes and character references resolved as in the rendered
// heading, not the source's spelling of them.
func TestHeadingTextIsWhatReadersSee(t *testing.T) {
	_, d := render(t, "## Is \\<b\\> \\*echt\\* AVG &amp; UAVG &#8220;x&#8221; &eacute; \\&amp;\n")
	if len(d.Headings) != 1 {
		t.Fatalf("headings = %+v", d.Headings)
	}
	if got, want := d.Headings[0].Text, "Is <b> *echt* AVG & UAVG \u201cx\u201d é &amp;"; got != want {
		t.Errorf("heading text = %q, want %q", got, want)
	}
}

func TestDuplicateExplicitIDsAreCollected(t *testing.T) {
	_, d := render(t, "## A {#x}\n\n## B {#x}\n")
	if len(d.Dups) != 1 {
		t.Errorf("dups = %d, want 1", len(d.Dups))
	}
}

// TestParseReportsGoldmarkPanic: goldmark panics on {id=5}; Parse reports
// it at the attribute, in words an author can act on, with no Go internals.
func TestParseReportsGoldmarkPanic(t *testing.T) {
	for _, tc := range []struct {
		src    string
		offset int
		msg    string
	}{
		{"Tekst.\n\n## A {id=5}\n", 14, `attribute id=5 cannot be read: the value must be text; write {#5} or id="5"`},
		{"## A {.x id=true}\n", 9, `attribute id=true cannot be read: the value must be text; write {#true} or id="true"`},
	} {
		d := New().Parse([]byte(tc.src))
		if d.Err == nil || len(d.Errs) != 1 {
			t.Errorf("%q: errors %v, want one", tc.src, d.Errs)
			continue
		}
		if d.Err.Offset != tc.offset || d.Err.Msg != tc.msg {
			t.Errorf("%q: %d: %s\nwant %d: %s", tc.src, d.Err.Offset, d.Err.Msg, tc.offset, tc.msg)
		}
		if strings.Contains(d.Err.Msg, "interface") {
			t.Errorf("%q: the message shows Go internals: %s", tc.src, d.Err.Msg)
		}
	}
}

// TestHeadingAttributesOnlyIDAndClass: an attribute block may set an id and
// classes; anything else is an error at the attribute and never rendered.
func TestHeadingAttributesOnlyIDAndClass(t *testing.T) {
	c := New()
	src := "## Rood {#rood style=\"color:red\"}\n\n### B {.x tabindex=1 onclick=\"x()\"}\n\n#### C {#c hidden=\"hidden\"}\n"
	d := c.Parse([]byte(src))
	type e struct {
		off int
		msg string
	}
	want := []e{
		{strings.Index(src, "style"), "heading attribute style is not allowed: inline styles are forbidden by the site's security policy; use a class {.naam} instead"},
		{strings.Index(src, "tabindex"), "heading attribute tabindex is not allowed: only an id {#naam} and classes {.naam} may be set"},
		{strings.Index(src, "onclick"), "heading attribute onclick is not allowed: only an id {#naam} and classes {.naam} may be set"},
		{strings.Index(src, "hidden"), "heading attribute hidden is not allowed: only an id {#naam} and classes {.naam} may be set"},
	}
	var got []e
	for _, pe := range d.Errs {
		got = append(got, e{pe.Offset, pe.Msg})
	}
	if len(got) != len(want) {
		t.Fatalf("errors:\n%v\nwant:\n%v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("error %d: %d %q\nwant %d %q", i, got[i].off, got[i].msg, want[i].off, want[i].msg)
		}
	}
	var b bytes.Buffer
	if err := c.Render(&b, d, d.Root); err != nil {
		t.Fatal(err)
	}
	html := b.String()
	for _, bad := range []string{"style", "tabindex=\"1\"", "onclick", " hidden"} {
		if strings.Contains(html, bad) {
			t.Errorf("%s reached the HTML:\n%s", bad, html)
		}
	}
	if !strings.Contains(html, `<h2 id="rood">`) || !strings.Contains(html, `<h3 class="x" id="b">`) {
		t.Errorf("id and class were lost:\n%s", html)
	}
}

// TestInvalidUTF8IsAnError reports the first bad byte of each line.
func TestInvalidUTF8IsAnError(t *testing.T) {
	src := "Goed: é.\nFout: caf\xe9 en \xff.\nGoed.\n## Kop \xc3\n"
	d := New().Parse([]byte(src))
	var offs []int
	for _, e := range d.Errs {
		offs = append(offs, e.Offset)
		if !strings.HasPrefix(e.Msg, "invalid UTF-8 (byte 0x") || !strings.HasSuffix(e.Msg, "save the file as UTF-8") {
			t.Errorf("message %q", e.Msg)
		}
	}
	want := []int{strings.Index(src, "caf\xe9") + 3, strings.Index(src, "Kop \xc3") + 4}
	if !slices.Equal(offs, want) {
		t.Errorf("offsets %v, want %v", offs, want)
	}
	if d.Root.ChildCount() == 0 {
		t.Error("the rest of the page was not parsed")
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Casusoverleg (ICO)": "casusoverleg-ico",
		"Financiën":          "financien",
		"ICO / MDO":          "ico-mdo",
		"  --a--b--  ":       "a-b",
		"Wat gebeurt er?":    "wat-gebeurt-er",
		"":                   "",
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCodeCSS(t *testing.T) {
	css, err := CodeCSS("github", "github-dark")
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(css, "@media (prefers-color-scheme: dark)")
	if i < 0 || !strings.Contains(css[:i], ".chroma") || !strings.Contains(css[i:], ".chroma") {
		t.Errorf("want light rules, then dark rules in a media query; got %d bytes", len(css))
	}
}
