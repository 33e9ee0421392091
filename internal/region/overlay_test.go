package region

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/zvh-webtool/zvh"
	"github.com/zvh-webtool/zvh/internal/ci"
	"github.com/zvh-webtool/zvh/internal/diag"
	"github.com/zvh-webtool/zvh/internal/layerfs"
	"github.com/zvh-webtool/zvh/internal/site"
)

const (
	dir      = "content/regio/proef"
	goodYAML = "name: Zorg- en Veiligheidshuis Proef\nslug: proef\nlogo: logo.svg\nterms:\n  casusoverleg: ICO\nfacts:\n  triage_day: dinsdag\n"
	logo     = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>`
)

// regionFS is a region folder holding a valid regio.yaml and logo, plus
// files; a file given as "" is left out.
func regionFS(files map[string]string) fstest.MapFS {
	m := fstest.MapFS{"regio.yaml": {Data: []byte(goodYAML)}, "logo.svg": {Data: []byte(logo)}}
	for k, v := range files {
		if v == "" {
			delete(m, k)
			continue
		}
		m[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return m
}

// national is the embedded model with extra files on top.
func national(extra map[string]string) fs.FS {
	m := fstest.MapFS{}
	for k, v := range extra {
		m[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return layerfs.New(layerfs.Layer{Name: "extra", FS: m}, layerfs.Layer{Name: "national", FS: zvh.Base})
}

// build overlays the region on the national model and builds the result;
// it fails the test on any error.
func build(t *testing.T, nat fs.FS, reg fs.FS) (fs.FS, *Report, *site.Result) {
	t.Helper()
	fsys, rep, errs := Overlay(nat, reg, dir)
	if len(errs) > 0 {
		t.Fatalf("overlay: %v", errs)
	}
	res, errs := site.Build(site.Options{FS: fsys, Names: rep.Names()})
	if len(errs) > 0 {
		t.Fatalf("build: %v", rep.MapAll(errs))
	}
	return fsys, rep, res
}

func read(t *testing.T, fsys fs.FS, name string) string {
	t.Helper()
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// wantErrors checks that the overlay (and, when it passes, the build of it)
// fails with a diagnostic starting with each of want.
func wantErrors(t *testing.T, nat fs.FS, reg fs.FS, want ...string) {
	t.Helper()
	fsys, rep, errs := Overlay(nat, reg, dir)
	if fsys != nil {
		_, berrs := site.Build(site.Options{FS: fsys, Names: rep.Names()})
		errs.Append(rep.MapAll(berrs))
	}
	got := errs.Error()
	if len(errs) == 0 {
		t.Fatalf("no error, want %q", want)
	}
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("errors:\n%s\nwant one containing %q", got, w)
		}
	}
}

func TestNationalOverlayBuilds(t *testing.T) {
	fsys, rep, errs := Overlay(zvh.Base, nil, "")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	res, errs := site.Build(site.Options{FS: fsys})
	if len(errs) > 0 {
		t.Fatal(rep.MapAll(errs))
	}
	direct, errs := site.Build(site.Options{FS: zvh.Base})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if res.Pages != direct.Pages {
		t.Errorf("overlay has %d pages, the embedded model %d", res.Pages, direct.Pages)
	}
	for name := range direct.Files {
		if strings.HasPrefix(name, "regio/") {
			t.Errorf("the national site publishes %s: a region is never a national page", name)
		}
	}
}

func TestReplacePage(t *testing.T) {
	nat := national(map[string]string{"content/los.md": "---\ntitle: Los\n---\nDe triage is op woensdag.\n"})
	fsys, rep, res := build(t, nat, regionFS(map[string]string{
		"los.md": "---\ntitle: Los in de regio\nbasis: 0123456789\n---\nHet {{casusoverleg}} komt op {{triage_day}} samen.\n",
	}))
	src := read(t, fsys, "content/los.md")
	for _, want := range []string{"# basis: 0123456789", "**Regionale versie.**", "Het {{casusoverleg}} komt op {{triage_day}} samen."} {
		if !strings.Contains(src, want) {
			t.Errorf("content/over.md lacks %q:\n%s", want, src)
		}
	}
	p := rep.Pages["los.md"]
	if p.Status != StatusReplaced || p.Regional != dir+"/los.md" || p.Basis != "0123456789" {
		t.Errorf("report = %+v", p)
	}
	if html := string(res.Files["los/index.html"]); !strings.Contains(html, `Het <a href="../begrippen/#casusoverleg" class="term">ICO</a> komt op dinsdag samen.`) {
		t.Errorf("los/index.html lacks the regional text")
	}
	diff := string(res.Files["verschillen/index.html"])
	for _, want := range []string{"Vervangen: Los", "[weg: <del>woensdag.</del>] [nieuw: <strong>{{triage_day}} samen.</strong>]"} {
		if !strings.Contains(diff, want) {
			t.Errorf("verschillen/index.html lacks %q", want)
		}
	}
}

func TestSectionOverride(t *testing.T) {
	const rel = "procesplaten/complexe-casuistiek/triage.md"
	fsys, rep, res := build(t, zvh.Base, regionFS(map[string]string{
		rel: "---\nbasis: abc\n---\n## Wie zijn erbij betrokken? {#wie}\n\nDe triage is elke {{triage_day}}.\n",
	}))
	if !strings.Contains(string(res.Files["procesplaten/complexe-casuistiek/triage/index.html"]), "De triage is elke dinsdag.") {
		t.Error("the page does not show the region's fact")
	}
	src := read(t, fsys, "content/"+rel)
	if !strings.Contains(src, "De triage is elke {{triage_day}}.") || !strings.Contains(src, "## Wat gebeurt er? {#wat}") || strings.Contains(src, "Wie dat zijn, verschilt per regio") {
		t.Errorf("merged page:\n%s", src)
	}
	p := rep.Pages[rel]
	if p.Status != StatusSections || len(p.Sections) != 1 || p.Sections[0] != "wie" {
		t.Errorf("report = %+v", p)
	}
	// The regional line maps back to the region file.
	lines := strings.Split(src, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "De triage is elke") {
			got := rep.Map(diag.Position{File: "content/" + rel, Line: i + 1, Col: 3})
			if want := (diag.Position{File: dir + "/" + rel, Line: 6, Col: 3}); got != want {
				t.Errorf("Map = %v, want %v", got, want)
			}
		}
	}
}

// TestTreeNodeOverride: a node is an h2, so it is replaced like a section,
// and the tree is validated after the merge.
func TestTreeNodeOverride(t *testing.T) {
	const rel = "beslisbomen/inbrengen.md"
	node := "## Heb je een rol in deze casus? {#rol}\n\nIn het {{casusoverleg}} praat alleen mee wie een rol heeft.\n\n- [Ja](#noodzaak)\n- [Nee](#geen-rol)\n"
	_, rep, res := build(t, zvh.Base, regionFS(map[string]string{rel: "---\n---\n" + node}))
	if rep.Pages[rel].Status != StatusSections {
		t.Errorf("status = %v", rep.Pages[rel].Status)
	}
	if html := string(res.Files["beslisbomen/inbrengen/rol/index.html"]); !strings.Contains(html, "praat alleen mee wie een rol heeft") {
		t.Errorf("node page lacks the regional text")
	}
	broken := strings.Replace(node, "#geen-rol", "#bestaat-niet", 1)
	wantErrors(t, zvh.Base, regionFS(map[string]string{rel: "---\n---\n" + broken}), dir+"/"+rel+":8:")
}

func TestAddPage(t *testing.T) {
	_, rep, res := build(t, zvh.Base, regionFS(map[string]string{
		"aanmelden.md": "---\ntitle: Aanmelden bij het ZVH\n---\nZie de [spelregels](/spelregels.md).\n",
	}))
	if rep.Pages["aanmelden.md"].Status != StatusAdded {
		t.Errorf("status = %v", rep.Pages["aanmelden.md"].Status)
	}
	if _, ok := res.Files["aanmelden/index.html"]; !ok {
		t.Error("added page not built")
	}
	if !strings.Contains(string(res.Files["verschillen/index.html"]), "Toegevoegd: Aanmelden bij het ZVH") {
		t.Error("differences page does not list the added page")
	}
}

func TestRemovePage(t *testing.T) {
	nat := national(map[string]string{"content/los.md": "---\ntitle: Los\n---\nNiemand linkt hierheen.\n"})
	_, rep, res := build(t, nat, regionFS(map[string]string{"los.md": "---\ntitle: Los\nremove: true\n---\n"}))
	if rep.Pages["los.md"].Status != StatusRemoved {
		t.Errorf("status = %v", rep.Pages["los.md"].Status)
	}
	if _, ok := res.Files["los/index.html"]; ok {
		t.Error("removed page is still built")
	}
}

// TestRemoveWithRemainingLinks: a national page still links to the removed
// page, and the build's link check reports that link.
func TestRemoveWithRemainingLinks(t *testing.T) {
	wantErrors(t, zvh.Base, regionFS(map[string]string{"disclaimer.md": "---\ntitle: Disclaimer\nremove: true\n---\n"}),
		"content/_index.md:", "disclaimer.md")
}

func TestAanvullingOnLockedPage(t *testing.T) {
	fsys, rep, res := build(t, zvh.Base, regionFS(map[string]string{
		"spelregels.aanvulling.md": "In onze regio ondertekenden alle gemeenten het protocol.\n",
	}))
	src := read(t, fsys, "content/spelregels.md")
	if !strings.Contains(src, "## Regionale aanvulling {#regionale-aanvulling .regionale-aanvulling}") || !strings.HasSuffix(src, "alle gemeenten het protocol.\n") {
		t.Errorf("spelregels.md does not end with the aanvulling:\n%s", src[len(src)-400:])
	}
	if p := rep.Pages["spelregels.md"]; p.Status != StatusSupplemented || p.Aanvulling != dir+"/spelregels.aanvulling.md" {
		t.Errorf("report = %+v", p)
	}
	if html := string(res.Files["spelregels/index.html"]); !strings.Contains(html, "Regionale aanvulling") {
		t.Error("spelregels page lacks the aanvulling")
	}
}

func TestLockedPageCannotBeReplaced(t *testing.T) {
	wantErrors(t, zvh.Base, regionFS(map[string]string{"spelregels.md": "---\ntitle: Onze spelregels\n---\nAnders.\n"}),
		dir+"/spelregels.md:2:1: cannot replace content/spelregels.md: the national page is locked (content/spelregels.md:6:1: locked: true)")
}

func TestLockedPageCannotBeRemoved(t *testing.T) {
	wantErrors(t, zvh.Base, regionFS(map[string]string{"spelregels.md": "---\ntitle: Spelregels\nremove: true\n---\n"}),
		dir+"/spelregels.md:3:1: cannot remove content/spelregels.md")
}

func TestLockedPageSectionsCannotBeChanged(t *testing.T) {
	wantErrors(t, zvh.Base, regionFS(map[string]string{"spelregels.md": "---\n---\n## Spreek eerst het doel af {#doel}\nAnders.\n"}),
		dir+"/spelregels.md:1:1: cannot change sections of content/spelregels.md")
}

const lockedSectionPage = "---\ntitle: Delen\n---\nInleiding.\n\n## Wat {#wat}\n\nVrij.\n\n## Gegevens {#gegevens .locked}\n\nVast.\n"

func TestLockedSectionCannotBeReplaced(t *testing.T) {
	ci.Slow(t, "builds the national site once per case")
	nat := national(map[string]string{"content/delen.md": lockedSectionPage})
	wantErrors(t, nat, regionFS(map[string]string{"delen.md": "---\n---\n## Gegevens {#gegevens}\n\nAnders.\n"}),
		dir+"/delen.md:3:1: cannot replace section #gegevens: it is locked in the national model (content/delen.md:10, class .locked)")
	// Nor can the page be replaced as a whole, which would drop the section.
	wantErrors(t, nat, regionFS(map[string]string{"delen.md": "---\ntitle: Delen\n---\nAnders.\n"}),
		dir+"/delen.md:2:1: cannot replace content/delen.md as a whole: its section #gegevens (content/delen.md:10) is locked")
	// The free section can be replaced.
	fsys, _, _ := build(t, nat, regionFS(map[string]string{"delen.md": "---\n---\n## Wat {#wat}\n\nRegionaal.\n"}))
	if src := read(t, fsys, "content/delen.md"); !strings.Contains(src, "Regionaal.") || !strings.Contains(src, "Vast.") {
		t.Errorf("merged:\n%s", src)
	}
}

func TestSectionOverrideErrors(t *testing.T) {
	ci.Slow(t, "builds the national site once per case")
	const rel = "procesplaten/complexe-casuistiek/triage.md"
	wantErrors(t, zvh.Base, regionFS(map[string]string{rel: "---\n---\n## Wie {#wiie}\n\nx\n"}),
		dir+"/"+rel+":3:1: content/"+rel+" has no section #wiie; did you mean `wie`?")
	wantErrors(t, zvh.Base, regionFS(map[string]string{rel: "---\n---\nLos.\n\n## Wie {#wie}\n"}),
		dir+"/"+rel+":3:1: text before the first h2")
	wantErrors(t, zvh.Base, regionFS(map[string]string{rel: "---\nweight: 3\n---\n## Wie {#wie}\n"}),
		dir+"/"+rel+":2:1: unknown key `weight` in a file that changes sections")
}

func TestUnknownPlaceholder(t *testing.T) {
	wantErrors(t, zvh.Base, regionFS(map[string]string{"over.md": "---\ntitle: Over\n---\nHet {{casusoverlg}} en \\{{letterlijk}}.\n"}),
		dir+"/over.md:4:5: onbekende naam {{casusoverlg}}; bedoel je {{casusoverleg}}?")
}

// TestNamesOfTheRegion: a region's page and the national pages in its
// variant show the region's names, a new page the national default.
func TestNamesOfTheRegion(t *testing.T) {
	reg := regionFS(map[string]string{"regio.yaml": "name: Proef\nslug: proef\nlogo: logo.svg\nterms:\n  casusoverleg: ICO\nphases:\n  complexe-casuistiek/triage: Weging voor het {{casusoverleg}}\n",
		"nieuw.md": "---\ntitle: Nieuw voor het {{casusoverleg}}\n---\nHet {{casusoverleg}} en het {{landelijk:casusoverleg}}.\n"})
	_, _, res := build(t, zvh.Base, reg)
	page := string(res.Files["nieuw/index.html"])
	for _, want := range []string{"<title>Nieuw voor het ICO", `Het <a href="../begrippen/#casusoverleg" class="term">ICO</a> en het <span class="landelijk">casusoverleg</span>.`} {
		if !strings.Contains(page, want) {
			t.Errorf("nieuw/index.html lacks %q", want)
		}
	}
	triage := string(res.Files["procesplaten/complexe-casuistiek/triage/index.html"])
	if !strings.Contains(triage, ">Weging voor het ICO</h1>") {
		t.Error("the region's phase title is not the page's heading")
	}
	wantErrors(t, zvh.Base, regionFS(map[string]string{"regio.yaml": "name: Proef\nslug: proef\nlogo: logo.svg\nphases:\n  complexe-casuistiek/triag: Weging\n  complexe-casuistiek/triage: Het {{ico}}\n"}),
		dir+"/regio.yaml:5:30: onbekende fase `complexe-casuistiek/triag`; bedoel je `complexe-casuistiek/triage`?",
		dir+"/regio.yaml:6:31: onbekende naam {{ico}}. Bekende namen")
	if got := string(res.Files["procesplaten/radicalisering/triage/index.html"]); strings.Contains(got, "Weging voor") {
		t.Error("a phase title of one plate renamed the phase of another")
	}
}

// TestPlaceholdersInCodeStayLiteral: the editor's guide shows the syntax in
// code, where it is not replaced and is no error.
func TestPlaceholdersInCodeStayLiteral(t *testing.T) {
	src := "---\ntitle: Code\n---\nSchrijf `{{casusoverleg}}` of `{{onbekend}}`; het {{casusoverleg}}.\n\n```text\n{{nogeen}}\n```\n"
	_, _, res := build(t, zvh.Base, regionFS(map[string]string{"code.md": src}))
	got := string(res.Files["code/index.html"])
	for _, want := range []string{`<code>{{casusoverleg}}</code> of <code>{{onbekend}}</code>; het <a href="../begrippen/#casusoverleg" class="term">ICO</a>.`, "{{nogeen}}"} {
		if !strings.Contains(got, want) {
			t.Errorf("code/index.html lacks %q:\n%s", want, got)
		}
	}
}

// TestReplaceAndSupplement: a page can be changed and supplemented at once;
// the differences page shows the change and mentions the supplement.
func TestReplaceAndSupplement(t *testing.T) {
	ci.Slow(t, "builds the national site with a region")
	const rel = "procesplaten/complexe-casuistiek/triage.md"
	fsys, rep, res := build(t, zvh.Base, regionFS(map[string]string{
		rel: "---\n---\n## Wie zijn erbij betrokken? {#wie}\n\nAlleen wij.\n",
		strings.TrimSuffix(rel, ".md") + AanvullingSuffix: "Een regionale noot.\n",
	}))
	src := read(t, fsys, "content/"+rel)
	if !strings.Contains(src, "Alleen wij.") || !strings.HasSuffix(src, "Een regionale noot.\n") {
		t.Errorf("merged:\n%s", src)
	}
	p := rep.Pages[rel]
	if p.Status != StatusSections || p.Aanvulling == "" {
		t.Errorf("report = %+v", p)
	}
	if got := strings.Join(p.Diff()[len(p.Diff())-1].Words, " "); !strings.Contains(got, "Alleen wij.") {
		t.Errorf("last chunk of the diff = %q, want the regional section", got)
	}
	diff := string(res.Files["verschillen/index.html"])
	if !strings.Contains(diff, "Aangepast: Triage en voorbereiding") || !strings.Contains(diff, "Regionale aanvulling</a> onder de landelijke tekst") {
		t.Error("differences page does not show both the change and the supplement")
	}
}
