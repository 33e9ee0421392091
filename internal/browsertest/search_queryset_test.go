package browsertest

import (
	"os"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/zvh-webtool/zvh/internal/site"
)

// querySetFile holds the questions professionals type, with the pages that
// answer them (issue 23).
const querySetFile = "../../testdata/zoekvragen.yaml"

type setQuery struct {
	Who    string   `yaml:"wie"`
	Query  string   `yaml:"vraag"`
	Region string   `yaml:"regio"`
	Pages  []string `yaml:"paginas"`
}

// TestSearchQuerySet types every question of testdata/zoekvragen.yaml into
// the search of its site (national, or a region of an --all build) and
// requires a right page among the first three results for at least 90 % of
// them. It prints every miss with what was shown instead.
func TestSearchQuerySet(t *testing.T) {
	b, err := os.ReadFile(querySetFile)
	if err != nil {
		t.Fatal(err)
	}
	var set []setQuery
	if err := yaml.Unmarshal(b, &set); err != nil {
		t.Fatal(err)
	}
	who := map[string]int{}
	regional := 0
	for _, q := range set {
		who[q.Who]++
		if q.Region != "" {
			regional++
		}
		if q.Query == "" || len(q.Pages) == 0 {
			t.Fatalf("%s: an entry without a question or pages: %+v", querySetFile, q)
		}
	}
	if len(set) < 40 || regional == 0 || who["politie"] == 0 || who["zorg"] == 0 || who["gemeente"] == 0 || who["reclassering"] == 0 {
		t.Fatalf("%s: %d questions (%v, %d regional); want at least 40 from police, care, gemeente and reclassering, some regional",
			querySetFile, len(set), who, regional)
	}
	files := allSites(t)
	res := &site.Result{Files: files}
	for _, q := range set {
		for _, p := range q.Pages {
			if files[prefixOf(q.Region)+p+"index.html"] == nil {
				t.Errorf("%q: the page %s is not in the build", q.Query, p)
			}
		}
	}
	base := serveSite(t, res)
	ctx := newTab(t, 5*time.Minute)
	hits, loaded := 0, "-"
	for _, q := range set {
		if q.Region != loaded {
			if err := load(ctx, base+prefixOf(q.Region)); err != nil {
				t.Fatal(err)
			}
			loaded = q.Region
		}
		st, err := typeQuery(ctx, q.Query)
		if err != nil {
			t.Fatal(err)
		}
		var shown []string
		hit := false
		for i, o := range st.Options {
			if i == 3 {
				break
			}
			page := strings.Split(o.URL, "#")[0]
			for _, p := range q.Pages {
				hit = hit || page == p
			}
			shown = append(shown, o.URL+" ("+o.Title+")")
		}
		if hit {
			hits++
			continue
		}
		where := "landelijk"
		if q.Region != "" {
			where = q.Region
		}
		t.Logf("miss [%s, %s] %q: want one of %v; first three: %v", q.Who, where, q.Query, q.Pages, shown)
	}
	share := float64(hits) / float64(len(set))
	t.Logf("%d of %d questions (%.0f %%) have a right page among the first three results", hits, len(set), share*100)
	if share < 0.9 {
		t.Errorf("%.0f %% of the questions have a right page among the first three results, want at least 90 %%", share*100)
	}
}

// prefixOf is where a site of an --all build lives: "" for the national
// one, "regio/<slug>/" for a region.
func prefixOf(region string) string {
	if region == "" {
		return ""
	}
	return "regio/" + region + "/"
}
