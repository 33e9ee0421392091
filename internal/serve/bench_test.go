package serve

import (
	"context"
	"fmt"
	"io/fs"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zvh-webtool/zvh"
	"github.com/zvh-webtool/zvh/internal/diag"
	"github.com/zvh-webtool/zvh/internal/watch"
)

// editedPage is a page of the shipped site that the benchmarks edit, as an
// editor would: a copy in the site folder with one sentence changed.
const editedPage = "content/over.md"

func editedSource(b *testing.B, n int) string {
	src, err := fs.ReadFile(zvh.Base, editedPage)
	if err != nil {
		b.Fatal(err)
	}
	// After the front matter, so the page keeps its title and anchors.
	i := strings.Index(string(src[3:]), "\n---\n") + 3 + len("\n---\n")
	return string(src[:i]) + fmt.Sprintf("Bewerking %d.\n\n", n) + string(src[i:])
}

// BenchmarkSaveToServed measures what an editor waits for: from writing a
// page of the shipped site to the server answering with the new HTML,
// through the watcher, the rebuild and HTTP.
func BenchmarkSaveToServed(b *testing.B) {
	l := startLive(b, map[string]string{editedPage: editedSource(b, 0)})
	l.waitFor(b, "/over/", "Bewerking 0.")
	p := filepath.Join(l.dir, filepath.FromSlash(editedPage))
	var total time.Duration
	b.ResetTimer()
	for i := 1; i <= b.N; i++ {
		start := time.Now()
		writeFile(b, p, editedSource(b, i))
		l.waitFor(b, "/over/", fmt.Sprintf("Bewerking %d.", i))
		total += time.Since(start)
	}
	b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "ms/save")
	l.mu.Lock()
	var built time.Duration
	for _, r := range l.reports {
		built += r.Took
	}
	b.ReportMetric(float64(len(l.reports))/float64(b.N), "builds/save")
	b.ReportMetric(float64(built.Milliseconds())/float64(len(l.reports)), "ms/build")
	l.mu.Unlock()
}

// BenchmarkRebuildOnePage measures the Builder of zvh serve alone after one
// page of the shipped site changed (budget: under 50 ms).
func BenchmarkRebuildOnePage(b *testing.B) {
	dir := b.TempDir()
	writeFile(b, filepath.Join(dir, filepath.FromSlash(editedPage)), editedSource(b, 0))
	benchRebuilds(b, dir, editedPage, func(i int) string { return editedSource(b, i) })
}

// benchRebuilds builds the site folder dir once, then times the rebuild
// after each of b.N edits of the file edited (a path under dir), whose
// source after the i-th edit is source(i).
func benchRebuilds(b *testing.B, dir, edited string, source func(i int) string) {
	p := filepath.Join(dir, filepath.FromSlash(edited))
	builder := siteBuilder(dir)
	if _, _, _, errs := builder.Build(context.Background(), nil); len(errs) > 0 {
		b.Fatal(errs)
	}
	b.ResetTimer()
	for i := 1; i <= b.N; i++ {
		b.StopTimer()
		writeFile(b, p, source(i))
		b.StartTimer()
		_, rebuilt, _, errs := builder.Build(context.Background(), []string{edited})
		if len(errs) > 0 || len(rebuilt) == 0 {
			b.Fatalf("rebuilt %v, errors %v", rebuilt, errs)
		}
	}
}

// BenchmarkSaveToServedLoop measures the loop around the build: watcher,
// quiet period, event and HTTP, with a builder that only reads the edited
// file. Save-to-served is this plus the rebuild.
func BenchmarkSaveToServedLoop(b *testing.B) {
	dir := b.TempDir()
	p := filepath.Join(dir, "content", "over.md")
	writeFile(b, p, "0")
	d := NewDev(FullRebuild(func(context.Context) (map[string][]byte, []Warning, diag.List) {
		src, err := os.ReadFile(p)
		if err != nil {
			return nil, nil, diag.List{{Msg: err.Error()}}
		}
		return map[string][]byte{"over/index.html": src}, nil, nil
	}))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	d.Rebuild(ctx, nil)
	w, err := watch.New(dir, []string{"content"}, 0)
	if err != nil {
		b.Fatal(err)
	}
	go w.Run(ctx)
	go d.Watch(ctx, w.Changes(), nil)
	srv := httptest.NewServer(d)
	defer srv.Close()
	defer d.Close()
	l := &live{url: srv.URL}
	b.ResetTimer()
	for i := 1; i <= b.N; i++ {
		writeFile(b, p, fmt.Sprintf("Bewerking %d.", i))
		l.waitFor(b, "/over/", fmt.Sprintf("Bewerking %d.", i))
	}
}

// BenchmarkRebuildOnePage1000 is BenchmarkRebuildOnePage on a site folder
// that adds 1,000 generated pages to the national model, in 20 sections of
// 50 as a real site would have them. It shows how a one-page rebuild grows
// with the site: a full rebuild grows with it, an incremental one much less.
func BenchmarkRebuildOnePage1000(b *testing.B) {
	dir := b.TempDir()
	writeFile(b, filepath.Join(dir, "content", "gen", "_index.md"), "---\ntitle: Gegenereerd\nweight: 99\n---\nGegenereerde pagina's.\n")
	for i := range 1000 {
		sec := fmt.Sprintf("s%02d", i/50)
		if i%50 == 0 {
			writeFile(b, filepath.Join(dir, "content", "gen", sec, "_index.md"), fmt.Sprintf("---\ntitle: Sectie %s\n---\nEen sectie.\n", sec))
		}
		var body strings.Builder
		fmt.Fprintf(&body, "---\ntitle: Pagina %d\nweight: %d\n---\n", i, i)
		for j := range 5 {
			fmt.Fprintf(&body, "Alinea %d van pagina %d over het delen van gegevens in een casus, met een [verwijzing](p%03d.md).\n\n", j, i, i/50*50+(i+1)%50)
		}
		writeFile(b, filepath.Join(dir, "content", "gen", sec, fmt.Sprintf("p%03d.md", i)), body.String())
	}
	benchRebuilds(b, dir, "content/gen/s10/p500.md", func(i int) string {
		return fmt.Sprintf("---\ntitle: Pagina 500\nweight: 500\n---\nBewerking %d.\n", i)
	})
}
