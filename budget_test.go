package zvh_test

import (
	"bytes"
	"compress/gzip"
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/zvh-webtool/zvh"
	"github.com/zvh-webtool/zvh/internal/ci"
	"github.com/zvh-webtool/zvh/internal/site"
)

// Budgets from docs/DESIGN.md, in gzipped bytes.
const (
	pageBudget  = 50 << 10  // HTML + CSS + JS of one page
	jsBudget    = 15 << 10  // all JavaScript: our code and the vendored libraries
	indexBudget = 150 << 10 // the search index (issue 13), budgeted on its own
)

func gzipSize(t *testing.T, b []byte) int {
	t.Helper()
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Len()
}

var linkedAsset = regexp.MustCompile(`(?:href|src)="((?:\.\./)*(?:css|js)/[^"]+)"`)

// TestPageWeightBudget checks every page of the national site: the page with
// the stylesheets and scripts it loads stays under 50 KB gzipped, all
// JavaScript together under 15 KB, and the search index, the scripts of data
// under search/ that search.js loads piece by piece, under 150 KB in all
// (a query loads a part: TestSearchTransferAtScale in internal/browsertest).
func TestPageWeightBudget(t *testing.T) {
	ci.Slow(t, "builds the whole national site")
	res, errs := site.Build(site.Options{FS: zvh.Base})
	if errs != nil {
		t.Fatal(errs)
	}
	js, index, heaviest, heaviestName := 0, 0, 0, ""
	for name, b := range res.Files {
		switch {
		case strings.HasPrefix(name, "search/") && path.Ext(name) == ".js":
			index += gzipSize(t, b)
		case path.Ext(name) == ".js":
			js += gzipSize(t, b)
		}
		if path.Ext(name) != ".html" {
			continue
		}
		total := gzipSize(t, b)
		for _, m := range linkedAsset.FindAllSubmatch(b, -1) {
			asset := path.Join(path.Dir(name), string(m[1]))
			a, ok := res.Files[strings.TrimPrefix(asset, "/")]
			if !ok {
				t.Fatalf("%s links %s, which the build lacks", name, asset)
			}
			total += gzipSize(t, a)
		}
		if total > heaviest {
			heaviest, heaviestName = total, name
		}
	}
	if heaviest > pageBudget {
		t.Errorf("heaviest page %s: %d bytes gzipped with its CSS and JS, budget %d", heaviestName, heaviest, pageBudget)
	}
	if js > jsBudget {
		t.Errorf("JavaScript: %d bytes gzipped, budget %d", js, jsBudget)
	}
	if index == 0 {
		t.Error("the build has no search index search/*.js")
	}
	if index > indexBudget {
		t.Errorf("search index: %d bytes gzipped, budget %d", index, indexBudget)
	}
	t.Logf("heaviest page %s: %d bytes; JavaScript %d bytes; search index %d bytes (gzipped)", heaviestName, heaviest, js, index)
}
