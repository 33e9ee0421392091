package browsertest

import (
	"bytes"
	"compress/gzip"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/zvh-webtool/zvh"
	"github.com/zvh-webtool/zvh/internal/corpus"
	"github.com/zvh-webtool/zvh/internal/layerfs"
	"github.com/zvh-webtool/zvh/internal/site"
)

// transferBudget is what one query may load, gzipped, on a site of 10,000
// pages (issue 23): the search library, the index's meta file, the term
// shards of its words and the documents of its results.
const transferBudget = 150 << 10

// noContent hides the national content/, so a generated corpus is the
// whole site.
type noContent struct{ fs.FS }

func (w noContent) Open(name string) (fs.File, error) {
	if name == "content" || strings.HasPrefix(name, "content/") {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return w.FS.Open(name)
}

// scaleQueries are typed on the generated corpus: common words, a rare
// number, a compound of its words that it lacks (risico + verslag), and
// words of the titles.
var scaleQueries = []string{"gegevens delen", "zorgvuldige toestemming bewaren 4321", "reclassering",
	"risicoverslag", "gezamenlijke regie afstemmen", "politie overleg vastleggen"}

// TestSearchTransferAtScale builds the 10,000-page corpus of
// internal/corpus and types queries, character by character, into the
// search of a fresh page: over HTTP it sums the gzipped size of every file
// the search loads for a query and requires at most 150 KB; over file:// it
// checks that results show. The time from the first character to the first
// results, cold (nothing loaded yet), is logged, never asserted.
func TestSearchTransferAtScale(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 10,000 pages; skipped with -short")
	}
	files := fstest.MapFS{}
	for name, b := range corpus.Files(10000, 100) {
		files[name] = &fstest.MapFile{Data: b}
	}
	res, errs := site.Build(site.Options{FS: layerfs.New(layerfs.Layer{Name: "corpus", FS: files},
		layerfs.Layer{Name: "national", FS: noContent{zvh.Base}})})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	index, shards, chunks := 0, 0, 0
	for name, b := range res.Files {
		if !strings.HasPrefix(name, "search/") {
			continue
		}
		index += len(b)
		switch base := filepath.Base(name); {
		case strings.HasPrefix(base, "t"):
			shards++
		case strings.HasPrefix(base, "d"):
			chunks++
		}
	}
	t.Logf("10,000 pages: index %.1f MB in %d term shards and %d document chunks", float64(index)/(1<<20), shards, chunks)

	base := serveSite(t, res)
	ctx := newTab(t, 5*time.Minute)
	var mu sync.Mutex
	var requested []string
	chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			mu.Lock()
			requested = append(requested, e.Request.URL)
			mu.Unlock()
		}
	})
	gz := map[string]int{}
	var firsts []float64
	for _, q := range scaleQueries {
		if err := load(ctx, base+"s000/p00000/"); err != nil {
			t.Fatal(err)
		}
		mu.Lock()
		requested = nil
		mu.Unlock()
		first, st, err := typeTimed(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if len(st.Options) == 0 {
			t.Errorf("%q: nothing found on the corpus", q)
		}
		mu.Lock()
		seen := map[string]bool{}
		total, n := 0, 0
		for _, u := range requested {
			name, ok := strings.CutPrefix(u, base)
			if !ok || seen[name] || !(strings.HasPrefix(name, "search/") || strings.HasPrefix(name, "js/vendor/")) {
				continue
			}
			seen[name] = true
			if _, ok := gz[name]; !ok {
				gz[name] = gzipLen(res.Files[name])
			}
			total += gz[name]
			n++
		}
		mu.Unlock()
		firsts = append(firsts, first)
		t.Logf("%q: %d files, %.1f KB gzipped; first results %.0f ms after the first character", q, n, float64(total)/1024, first)
		if total > transferBudget {
			t.Errorf("%q loads %d bytes gzipped, budget %d", q, total, transferBudget)
		}
	}
	slices.Sort(firsts)
	t.Logf("first results over HTTP: median %.0f ms, slowest %.0f ms", firsts[len(firsts)/2], firsts[len(firsts)-1])

	// The same files from file://, as the offline copy is used.
	dir := t.TempDir()
	for name, b := range res.Files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	firsts = firsts[:0]
	for _, q := range scaleQueries {
		if err := load(ctx, "file://"+filepath.ToSlash(dir)+"/s000/p00000/index.html"); err != nil {
			t.Fatal(err)
		}
		first, st, err := typeTimed(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if len(st.Options) == 0 {
			t.Errorf("file://, %q: nothing found", q)
		}
		firsts = append(firsts, first)
	}
	slices.Sort(firsts)
	t.Logf("first results from file://: median %.0f ms, slowest %.0f ms", firsts[len(firsts)/2], firsts[len(firsts)-1])
}

// typeTimed types q into the search of a freshly loaded page and returns
// the time from the first character to the first results (or the
// no-results panel) in the page, and what the search shows at the end.
func typeTimed(ctx context.Context, q string) (float64, searchState, error) {
	err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`(() => {
		const box = document.querySelector(".search");
		window.zvhFirst = 0;
		document.getElementById("zoekveld").addEventListener("input", () => { window.zvhT0 = window.zvhT0 || performance.now(); });
		new MutationObserver((m, o) => {
			const none = box.querySelector(".search__none");
			if (box.querySelector("[role=option]") || (none && !none.hidden)) { window.zvhFirst = performance.now() - window.zvhT0; o.disconnect(); }
		}).observe(box, { subtree: true, childList: true, attributes: true });
	})()`))
	if err != nil {
		return 0, searchState{}, err
	}
	st, err := typeQuery(ctx, q)
	if err != nil {
		return 0, st, err
	}
	first, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`window.zvhFirst`))
	return first, st, err
}

// gzipLen is the size of b gzipped at the best compression, as
// TestPageWeightBudget counts.
func gzipLen(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}
