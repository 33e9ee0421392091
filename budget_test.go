package zvh_test

import (
	"bytes"
	"compress/gzip"
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/zvh-webtool/zvh"
	"github.com/zvh-webtool/zvh/internal/site"
)

// Budgets from DESIGN.md, in gzipped bytes.
const (
	pageBudget = 50 << 10 // HTML + CSS + JS of one page
	jsBudget   = 15 << 10 // all JavaScript
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
// the stylesheets and scripts it loads stays under 50 KB gzipped, and all
// JavaScript together under 15 KB.
func TestPageWeightBudget(t *testing.T) {
	res, errs := site.Build(site.Options{FS: zvh.Base})
	if errs != nil {
		t.Fatal(errs)
	}
	js, heaviest, heaviestName := 0, 0, ""
	for name, b := range res.Files {
		if path.Ext(name) == ".js" {
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
	t.Logf("heaviest page %s: %d bytes; JavaScript %d bytes (gzipped)", heaviestName, heaviest, js)
}
