package browsertest

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zvh-webtool/zvh"
	"github.com/zvh-webtool/zvh/internal/region"
	"github.com/zvh-webtool/zvh/internal/site"
)

// allBuild holds what "zvh build --all" writes, built once per test binary.
var allBuild struct {
	sync.Mutex
	files map[string][]byte
}

// allSites builds the national site and every shipped region into one set
// of files, as "zvh build --all" does: each region under regio/<slug>/.
func allSites(t testing.TB) map[string][]byte {
	t.Helper()
	slow(t)
	allBuild.Lock()
	defer allBuild.Unlock()
	if allBuild.files != nil {
		return allBuild.files
	}
	sites, errs := region.All(zvh.Base)
	if len(errs) > 0 {
		t.Fatalf("the regions do not overlay:\n%v", errs)
	}
	if len(sites) < 4 {
		t.Fatalf("%d sites, want the national site and three regions", len(sites))
	}
	files := map[string][]byte{}
	for _, s := range sites {
		res, errs := site.Build(site.Options{FS: s.FS, Names: s.Report.Names(), Prefix: s.Prefix})
		if len(errs) > 0 {
			t.Fatalf("%s does not build:\n%v", s.Name, s.Report.MapAll(errs))
		}
		for name, b := range res.Files {
			files[s.Prefix+name] = b
		}
	}
	allBuild.files = files
	return files
}

// TestAllSitesStaticPrivacy runs the static privacy scan on the four sites
// of an --all build.
func TestAllSitesStaticPrivacy(t *testing.T) {
	files := allSites(t)
	for _, p := range first(scanStatic(files), 20) {
		t.Error(p)
	}
}

// TestAllSitesLinks checks every local link of the four sites, including the
// list of regions on the national site and each region's differences page.
func TestAllSitesLinks(t *testing.T) {
	files := allSites(t)
	for _, want := range []string{"regio/index.html", "regio/fryslan/verschillen/index.html", "regio/zaanstreek-waterland/aanpakken/index.html"} {
		if _, ok := files[want]; !ok {
			t.Errorf("the --all build lacks %s", want)
		}
	}
	if !strings.Contains(string(files["regio/index.html"]), `href="rotterdam-rijnmond/"`) {
		t.Error("the list of regions does not link to rotterdam-rijnmond")
	}
	for _, p := range first(checkLinks(files, false), 20) {
		t.Error(p)
	}
}

// TestAllSitesAccessibility runs axe-core on the pages a region changes, in
// the light and the dark colour scheme: each region's home page with its
// notice, a page with regional sections, a regional aanvulling, a page only
// the region has, the differences page with its word diffs, and the list of
// regions on the national site. The region's colours are its own tokens.
func TestAllSitesAccessibility(t *testing.T) {
	files := allSites(t)
	src := axeSource(t)
	ctx := newTab(t, 3*time.Minute)
	base := serveSite(t, &site.Result{Files: files})
	paths := []string{
		"regio/",
		"regio/fryslan/", "regio/fryslan/spelregels/", "regio/fryslan/doel/", "regio/fryslan/verschillen/",
		"regio/rotterdam-rijnmond/procesplaten/complexe-casuistiek/triage/", "regio/rotterdam-rijnmond/lokale-kamer/",
		"regio/rotterdam-rijnmond/beslisbomen/criteria/lokaal-geprobeerd/", "regio/rotterdam-rijnmond/beslisbomen/criteria/rr-lokale-kamer/",
		"regio/zaanstreek-waterland/verschillen/", "regio/zaanstreek-waterland/aanpakken/",
	}
	for _, p := range paths {
		for _, scheme := range []string{"", "dark"} {
			c := pageCase{name: p, path: p, scheme: scheme}
			if err := visit(ctx, base, c); err != nil {
				t.Fatal(err)
			}
			vs, _, err := runAxe(ctx, src)
			if err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			for _, v := range vs {
				t.Errorf("/%s (colour scheme %q): %s", p, scheme, v)
			}
		}
	}
}

// TestAllSitesHTMLValid runs the Nu Html Checker on every page of the
// three shipped regions and on the list of regions.
func TestAllSitesHTMLValid(t *testing.T) {
	files := map[string][]byte{}
	for name, b := range allSites(t) {
		if strings.HasPrefix(name, "regio/") {
			files[name] = b
		}
	}
	for _, p := range first(validateHTML(t, files), 20) {
		t.Error(p)
	}
}

// TestAllSitesBrowserPrivacy loads every page of the four sites of an --all
// build in Chromium, and walks a regional decision tree whose node a region
// could change, then requires no cookie, no storage, no request outside the
// build, no CSP violation and no console error.
func TestAllSitesBrowserPrivacy(t *testing.T) {
	res := &site.Result{Files: allSites(t)}
	base := serveSite(t, res)
	w := watchPrivacy(t, res, base, 6*time.Minute)
	n := 0
	for _, name := range htmlFiles(res.Files) {
		if !strings.HasPrefix(name, "regio/") {
			continue // the national pages have TestBrowserPrivacy
		}
		if err := load(w.ctx, base+strings.TrimSuffix(name, "index.html")); err != nil {
			t.Fatal(err)
		}
		n++
	}
	const tree = "regio/zaanstreek-waterland/beslisbomen/inbrengen/"
	if err := load(w.ctx, base+tree); err != nil {
		t.Fatal(err)
	}
	if _, err := walkTree(w.ctx, wizardOf(t, res, tree)); err != nil {
		t.Fatalf("/%s: %v", tree, err)
	}
	t.Logf("loaded %d regional pages", n)
	for _, p := range w.finish(t) {
		t.Error(p)
	}
}
