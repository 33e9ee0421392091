package zvh_test

import (
	"bufio"
	"flag"
	"fmt"
	"hash/fnv"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/zvh-webtool/zvh"
	"github.com/zvh-webtool/zvh/internal/frontmatter"
	"github.com/zvh-webtool/zvh/internal/markdown"
	"github.com/zvh-webtool/zvh/internal/region"
	"github.com/zvh-webtool/zvh/internal/site"
)

var update = flag.Bool("update", false, "rewrite testdata/seed-shingles.txt from ../shared/seeds")

// TestNationalModelBuilds builds the embedded national site: every page
// renders and passes the link check.
func TestNationalModelBuilds(t *testing.T) {
	res, errs := site.Build(site.Options{FS: zvh.Base})
	if errs != nil {
		t.Fatalf("the national model does not build:\n%v", errs)
	}
	if res.Pages < 40 {
		t.Errorf("only %d pages", res.Pages)
	}
}

// phaseHeadings is the fixed structure of every phase page, in order.
var phaseHeadings = []string{"wat", "wie", "gegevens", "spelregels", "fouten"}

func TestPhasePagesFollowTheFixedStructure(t *testing.T) {
	phases, _ := fs.Glob(zvh.Base, "content/procesplaten/*/*.md")
	md := markdown.New()
	n := 0
	for _, p := range phases {
		if strings.HasSuffix(p, "/_index.md") {
			continue
		}
		n++
		src, _ := fs.ReadFile(zvh.Base, p)
		yml, body, _, err := frontmatter.Split(p, src)
		if err != nil {
			t.Error(err)
			continue
		}
		meta, errs := frontmatter.Decode(p, yml, site.FrontMatterKind(strings.TrimPrefix(p, "content/")))
		if errs != nil {
			t.Error(errs)
		}
		if len(meta.Roles) == 0 || len(meta.Questions) == 0 {
			t.Errorf("%s: a phase page needs roles and questions for the procesplaat", p)
		}
		if meta.Regime == "" {
			t.Errorf("%s: a phase page states rules, so it needs a regime", p)
		}
		var got []string
		for _, h := range md.Parse(body).Headings {
			if h.Level == 2 {
				got = append(got, h.ID)
			}
		}
		if !slices.Equal(got, phaseHeadings) {
			t.Errorf("%s: h2 ids %v, want %v", p, got, phaseHeadings)
		}
	}
	if n < 15 {
		t.Errorf("only %d phase pages; want five phases for each of the three procesplaten", n)
	}
}

// shingleSize is the number of words two texts must share in a row to count
// as a quotation.
const shingleSize = 12

// words splits text into lower-case words of letters and digits.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

func shingles(text string) map[uint64]string {
	w := words(text)
	out := map[uint64]string{}
	for i := 0; i+shingleSize <= len(w); i++ {
		s := strings.Join(w[i:i+shingleSize], " ")
		h := fnv.New64a()
		h.Write([]byte(s))
		out[h.Sum64()] = s
	}
	return out
}

// TestNoSentenceFromTheSeeds fails when any run of twelve words of the
// content also occurs in a source document. The source documents are not
// part of this repository, only hashes of their twelve-word runs
// (testdata/seed-shingles.txt, rewritten by -update from ../shared/seeds).
func TestNoSentenceFromTheSeeds(t *testing.T) {
	const file = "testdata/seed-shingles.txt"
	seeds, _ := filepath.Glob("../shared/seeds/*.txt")
	if *update {
		var all []string
		for _, s := range seeds {
			b, err := os.ReadFile(s)
			if err != nil {
				t.Fatal(err)
			}
			for h := range shingles(string(b)) {
				all = append(all, fmt.Sprintf("%016x", h))
			}
		}
		slices.Sort(all)
		all = slices.Compact(all)
		if err := os.WriteFile(file, []byte(strings.Join(all, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	known := map[uint64]bool{}
	f, err := os.Open(file)
	if err != nil {
		t.Fatalf("%v (run go test -update with ../shared/seeds present)", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var h uint64
		if _, err := fmt.Sscanf(sc.Text(), "%x", &h); err == nil {
			known[h] = true
		}
	}
	if len(known) < 1000 {
		t.Fatalf("%s holds only %d shingles", file, len(known))
	}
	err = fs.WalkDir(zvh.Base, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(zvh.Base, p)
		if err != nil {
			return err
		}
		for h, s := range shingles(string(b)) {
			if known[h] {
				t.Errorf("%s quotes a source document: %q", p, s)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The walk above read the region folders as written; check their pages
	// also as composed, with the national sections they keep.
	for _, slug := range region.Slugs(zvh.Base) {
		sub, _ := fs.Sub(zvh.Base, path.Join(region.Shipped, slug))
		fsys, rep, errs := region.Overlay(zvh.Base, sub, path.Join(region.Shipped, slug))
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		n := 0
		for _, pg := range rep.Changed() {
			b, err := fs.ReadFile(fsys, "content/"+pg.Rel)
			if err != nil {
				continue // removed pages are not published
			}
			n++
			for h, s := range shingles(string(b)) {
				if known[h] {
					t.Errorf("content/%s in region %s quotes a source document: %q", pg.Rel, slug, s)
				}
			}
		}
		if n == 0 {
			t.Errorf("region %s: no regional page was checked", slug)
		}
	}
}

// TestShingleCheckCatchesAQuote proves the check above can fail.
func TestShingleCheckCatchesAQuote(t *testing.T) {
	seed := "Een persoon hoeft geen toestemming te geven om in een casusoverleg van het huis te worden besproken."
	copied := "Let op: een persoon hoeft geen toestemming te geven om in een casusoverleg van het huis te worden besproken!"
	own := "Voor bespreking in het casusoverleg is geen toestemming van de persoon nodig, wel moet je hem informeren."
	s := shingles(seed)
	hit := func(text string) bool {
		for h := range shingles(text) {
			if _, ok := s[h]; ok {
				return true
			}
		}
		return false
	}
	if !hit(copied) {
		t.Error("a copied sentence was not found")
	}
	if hit(own) {
		t.Error("a sentence in own words was taken for a quote")
	}
}

var answerLink = regexp.MustCompile(`<a class="answer" href="([^"]+)"`)

// TestEveryTreeRouteEndsInAnOutcome walks every route of every shipped tree
// through the static node pages, following the answer links as a reader
// without JavaScript would, and checks that each ends at an outcome page
// with a verdict and a legal basis.
func TestEveryTreeRouteEndsInAnOutcome(t *testing.T) {
	res, errs := site.Build(site.Options{FS: zvh.Base})
	if errs != nil {
		t.Fatal(errs)
	}
	trees, _ := fs.Glob(zvh.Base, "content/beslisbomen/*.md")
	routes := 0
	for _, tr := range trees {
		slug := strings.TrimSuffix(path.Base(tr), ".md")
		if slug == "_index" {
			continue
		}
		startPage := string(res.Files["beslisbomen/"+slug+"/index.html"])
		// The start page shows the first question (the one node section
		// that is not hidden); its own page is where a reader's route starts.
		m := regexp.MustCompile(`<section class="wizard-node" data-node="([^"]+)">`).FindStringSubmatch(startPage)
		if m == nil {
			t.Errorf("%s: the start page does not show the first question", slug)
			continue
		}
		var walk func(page string, depth int)
		walk = func(page string, depth int) {
			if depth > 50 {
				t.Fatalf("%s: route deeper than 50 questions at %s", slug, page)
			}
			b, ok := res.Files[page]
			if !ok {
				t.Errorf("%s: answer leads to missing page %s", slug, page)
				return
			}
			html := string(b)
			links := answerLink.FindAllStringSubmatch(html, -1)
			if len(links) == 0 {
				routes++
				if !strings.Contains(html, "wizard-node--outcome") || !strings.Contains(html, `class="verdict__label"`) || !strings.Contains(html, `class="grondslag"`) {
					t.Errorf("%s: route ends at %s, which is not an outcome with a verdict and a Grondslag", slug, page)
				}
				return
			}
			for _, l := range links {
				walk(path.Join(path.Dir(page), l[1], "index.html"), depth+1)
			}
		}
		walk(path.Join("beslisbomen", slug, m[1], "index.html"), 0)
	}
	if routes < 40 {
		t.Errorf("only %d routes through %d trees", routes, len(trees))
	}
	t.Logf("%d routes walked", routes)
}

var sourceLink = regexp.MustCompile(`\]\((/|\.\./)*(wetten/[a-z0-9-]+\.md|spelregels\.md)(#[a-z0-9-]+)?\)`)

// TestRulePagesCiteTheirSources checks that every page that states rules
// (it names the regime it describes) links at least one law article or
// spelregel, so no rule stands on the site without its source.
func TestRulePagesCiteTheirSources(t *testing.T) {
	// The national model, and every shipped region as it is published.
	sources := map[string]fs.FS{"": zvh.Base}
	for _, slug := range region.Slugs(zvh.Base) {
		sub, _ := fs.Sub(zvh.Base, path.Join(region.Shipped, slug))
		fsys, _, errs := region.Overlay(zvh.Base, sub, path.Join(region.Shipped, slug))
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		sources["region "+slug+": "] = fsys
	}
	for label, fsys := range sources {
		err := fs.WalkDir(fsys, "content", func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.IsDir() && p == region.Shipped {
				return fs.SkipDir
			}
			if err != nil || d.IsDir() || path.Ext(p) != ".md" {
				return err
			}
			src, _ := fs.ReadFile(fsys, p)
			yml, body, _, err := frontmatter.Split(p, src)
			if err != nil {
				return err
			}
			meta, errs := frontmatter.Decode(p, yml, site.FrontMatterKind(strings.TrimPrefix(p, "content/")))
			if errs != nil {
				return errs
			}
			regime := meta.Regime
			if regime == "" || p == "content/spelregels.md" || strings.HasPrefix(p, "content/wetten/") {
				return nil
			}
			if !sourceLink.Match(body) {
				t.Errorf("%s%s describes regime %s but links no wetsartikel or spelregel", label, p, regime)
			}
			return nil
		})
		if err != nil {
			t.Fatal(label, err)
		}
	}
}

// groundLabel matches the line in a decision-tree outcome that names its
// sources, with the label the outcome gives them.
var groundLabel = regexp.MustCompile(`(?m)^(Grondslag en bron|Grondslag|Bron):(.*)$`)

// lawLink matches a link to a law page in a line of Markdown.
var lawLink = regexp.MustCompile(`\]\(/wetten/([a-z0-9-]+)\.md(#[a-z0-9-]+)?\)`)

// groundPages lists the law pages of fsys whose provision can itself be a
// legal ground (front matter `ground: true`).
func groundPages(t *testing.T, fsys fs.FS) map[string]bool {
	t.Helper()
	laws, _ := fs.Glob(fsys, "content/wetten/*.md")
	grounds := map[string]bool{}
	for _, p := range laws {
		src, _ := fs.ReadFile(fsys, p)
		yml, _, _, err := frontmatter.Split(p, src)
		if err != nil {
			t.Fatal(err)
		}
		meta, errs := frontmatter.Decode(p, yml, frontmatter.KindLaw)
		if errs != nil {
			t.Fatal(errs)
		}
		if meta.Ground {
			grounds[strings.TrimSuffix(path.Base(p), ".md")] = true
		}
	}
	return grounds
}

// misnamedGrounds returns, for the Markdown of one tree, every source line
// whose label disagrees with what the outcome cites. "Grondslag" needs a
// law page that gives a ground in that line: an outcome resting only on a
// prohibition (a professional secret, AVG art. 9) or a principle (AVG
// art. 5) names a source, not a ground. And "Bron" may not stand in an
// outcome that links such a page, since its box is then headed "Grondslag".
func misnamedGrounds(src string, grounds map[string]bool) (bad []string, lines int) {
	cites := func(s string) bool {
		for _, l := range lawLink.FindAllStringSubmatch(s, -1) {
			if grounds[l[1]] {
				return true
			}
		}
		return false
	}
	for _, section := range strings.Split(src, "\n## ") {
		for _, m := range groundLabel.FindAllStringSubmatch(section, -1) {
			lines++
			if strings.HasPrefix(m[1], "Grondslag") != cites(m[2]) || (m[1] == "Bron" && cites(section)) {
				bad = append(bad, m[0])
			}
		}
	}
	return bad, lines
}

// TestOutcomesCallOnlyLawAGround checks the word in front of an outcome's
// sources: in privacy law "grondslag" means a legal ground, so an outcome
// that cites no provision giving one may not call its sources that.
func TestOutcomesCallOnlyLawAGround(t *testing.T) {
	grounds := groundPages(t, zvh.Base)
	if len(grounds) < 5 || !grounds["avg-6"] || grounds["beroepsgeheim"] || grounds["avg-5"] || grounds["avg-9"] {
		t.Fatalf("the law pages marked `ground: true` are wrong: %v", slices.Sorted(maps.Keys(grounds)))
	}
	trees, _ := fs.Glob(zvh.Base, "content/beslisbomen/*.md")
	n := 0
	for _, tr := range trees {
		src, _ := fs.ReadFile(zvh.Base, tr)
		bad, lines := misnamedGrounds(string(src), grounds)
		n += lines
		for _, b := range bad {
			t.Errorf("%s: %q: the label does not follow what the outcome cites (Grondslag only with a provision that gives a ground, in that line; Bron otherwise)", tr, b)
		}
	}
	if n < 50 {
		t.Errorf("only %d outcome source lines found", n)
	}
}

// TestGroundCheckCatchesAProhibition proves the check above can fail: an
// outcome that calls the professional secret and AVG article 5 its ground,
// and one that says "Bron" while its text cites a ground.
func TestGroundCheckCatchesAProhibition(t *testing.T) {
	grounds := map[string]bool{"avg-6": true}
	src := "## Deel het niet {#niet .uitkomst .mag-niet}\n\nTekst.\n\n" +
		"Grondslag en bron: [beroepsgeheim](/wetten/beroepsgeheim.md) en [AVG artikel 5](/wetten/avg-5.md).\n\n" +
		"## Deel het {#wel .uitkomst .mag}\n\nTekst.\n\n" +
		"Grondslag en bron: [AVG artikel 6](/wetten/avg-6.md) en [AVG artikel 5](/wetten/avg-5.md).\n\n" +
		"## Lees verder {#verder .uitkomst .verwijs}\n\nBron: [beroepsgeheim](/wetten/beroepsgeheim.md).\n\n" +
		"## Meld {#meld .uitkomst .mag}\n\nMeld op grond van [artikel 6](/wetten/avg-6.md).\n\nBron: spelregel [twijfel](/spelregels.md#twijfel).\n"
	bad, _ := misnamedGrounds(src, grounds)
	if len(bad) != 2 || !strings.Contains(bad[0], "beroepsgeheim") || !strings.Contains(bad[1], "twijfel") {
		t.Errorf("got %q; want the line that calls a prohibition its ground and the Bron under a ground", bad)
	}
}

// TestPhasePagesOpenWithARoleOverview checks that every phase page answers
// "what may I share, with whom, why" at a glance: a captioned table before
// the first fixed heading.
func TestPhasePagesOpenWithARoleOverview(t *testing.T) {
	phases, _ := fs.Glob(zvh.Base, "content/procesplaten/*/*.md")
	for _, p := range phases {
		if strings.HasSuffix(p, "/_index.md") {
			continue
		}
		src, _ := fs.ReadFile(zvh.Base, p)
		head, _, ok := strings.Cut(string(src), "## Wat gebeurt er? {#wat}")
		if !ok {
			t.Errorf("%s: no heading #wat", p)
			continue
		}
		if !strings.Contains(head, "\nTabel: ") || !strings.Contains(head, "| Rol |") {
			t.Errorf("%s: no captioned overview table per role before #wat", p)
		}
	}
}
