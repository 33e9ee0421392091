package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zvh-webtool/zvh"
	"github.com/zvh-webtool/zvh/internal/layerfs"
	"github.com/zvh-webtool/zvh/internal/site"
	"github.com/zvh-webtool/zvh/internal/watch"
)

// live is "zvh serve" on a temporary site folder over the embedded national
// model: the real watcher, the real build and a server on a random loopback
// port.
type live struct {
	dir, url string
	dev      *Dev
	mu       sync.Mutex
	reports  []Report
}

// siteBuild is the whole-site BuildFunc of "zvh serve" for dir.
// siteBuilder is the builder zvh serve uses, over the site folder dir.
func siteBuilder(dir string) Builder {
	fsys := layerfs.New(layerfs.Layer{Name: "site", FS: os.DirFS(dir)}, layerfs.Layer{Name: "national", FS: zvh.Base})
	return &Incremental{Session: site.NewSession(site.Options{FS: fsys}), FS: fsys}
}

func startLive(t testing.TB, files map[string]string) *live {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		writeFile(t, filepath.Join(dir, name), data)
	}
	ctx, cancel := context.WithCancel(context.Background())
	w, err := watch.New(dir, []string{"content", "layouts", "assets"}, 0)
	if err != nil {
		t.Fatal(err)
	}
	l := &live{dir: dir, dev: NewDev(siteBuilder(dir))}
	if rep := l.dev.Rebuild(ctx, nil); len(rep.Errs) > 0 {
		t.Fatalf("first build: %v", rep.Errs)
	}
	srv := httptest.NewServer(l.dev)
	l.url = srv.URL
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); w.Run(ctx) }()
	go func() {
		defer wg.Done()
		l.dev.Watch(ctx, w.Changes(), func(r Report) {
			l.mu.Lock()
			l.reports = append(l.reports, r)
			l.mu.Unlock()
		})
	}()
	t.Cleanup(func() {
		cancel()
		l.dev.Close()
		srv.Close()
		wg.Wait()
	})
	return l
}

func writeFile(t testing.TB, p, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func (l *live) get(t testing.TB, p string) (int, string) {
	t.Helper()
	resp, err := http.Get(l.url + p)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// waitFor polls p until its body contains want, and returns the body.
func (l *live) waitFor(t testing.TB, p, want string) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		_, body := l.get(t, p)
		if strings.Contains(body, want) {
			return body
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s never showed %q; reports: %+v", p, want, l.reports)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// sse is a client of the event stream.
type sse struct {
	events chan [2]string // name, data
}

func (l *live) listen(t testing.TB) *sse {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", l.url+Reserved+"events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("event stream has Content-Type %q", ct)
	}
	s := &sse{events: make(chan [2]string, 16)}
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 1<<20)
		var name, data string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				data = strings.TrimPrefix(line, "data: ")
			case line == "" && name != "":
				s.events <- [2]string{name, data}
				name, data = "", ""
			}
		}
	}()
	return s
}

// next waits for the next event and decodes its data.
func (s *sse) next(t testing.TB) (string, map[string]any) {
	t.Helper()
	select {
	case ev := <-s.events:
		var data map[string]any
		if err := json.Unmarshal([]byte(ev[1]), &data); err != nil {
			t.Fatalf("event %s: data %q: %v", ev[0], ev[1], err)
		}
		return ev[0], data
	case <-time.After(10 * time.Second):
		t.Fatal("no event within 10s")
	}
	return "", nil
}

const proef = "---\ntitle: Proefpagina\n---\n%s\n"

func mdPage(text string) string { return strings.Replace(proef, "%s", text, 1) }

// TestEditShowsNewHTML: a saved edit is served, and the page's event stream
// says to reload that page.
func TestEditShowsNewHTML(t *testing.T) {
	l := startLive(t, map[string]string{"content/proef.md": mdPage("Eerste versie.")})
	l.waitFor(t, "/proef/", "Eerste versie.")
	events := l.listen(t)
	writeFile(t, filepath.Join(l.dir, "content", "proef.md"), mdPage("Tweede versie."))
	l.waitFor(t, "/proef/", "Tweede versie.")
	name, data := events.next(t)
	if name != "reload" {
		t.Fatalf("event %q %v, want reload", name, data)
	}
	pages, _ := data["pages"].([]any)
	if !slices.Contains(pages, any("proef/")) {
		t.Errorf("reload event names pages %v, want proef/ among them", pages)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if n := len(l.reports); n != 1 || !slices.Equal(l.reports[0].Changed, []string{"content/proef.md"}) || !slices.Contains(l.reports[0].Rebuilt, "proef/index.html") {
		t.Errorf("reports: %+v", l.reports)
	}
}

// TestCSSOnlyChange: a changed stylesheet is announced as a swap of the old
// fingerprinted file for the new one, not as a reload.
func TestCSSOnlyChange(t *testing.T) {
	app, err := fs.ReadFile(zvh.Base, "assets/css/app.css")
	if err != nil {
		t.Fatal(err)
	}
	l := startLive(t, nil)
	events := l.listen(t)
	writeFile(t, filepath.Join(l.dir, "assets", "css", "app.css"), string(app)+"\n.proef { color: red; }\n")
	name, data := events.next(t)
	if name != "css" {
		t.Fatalf("event %q %v, want css", name, data)
	}
	swap, _ := data["swap"].([]any)
	if len(swap) != 1 {
		t.Fatalf("swap %v, want one pair", swap)
	}
	pair := swap[0].([]any)
	oldName, newName := pair[0].(string), pair[1].(string)
	if !strings.HasPrefix(oldName, "css/app.") || !strings.HasPrefix(newName, "css/app.") || oldName == newName {
		t.Errorf("swap %q for %q", oldName, newName)
	}
	if _, body := l.get(t, "/"+newName); !strings.Contains(body, ".proef { color: red; }") {
		t.Errorf("the new stylesheet is not served")
	}
}

// TestErrorOverlayAndRecovery: a broken file keeps the last good page, with
// the errors over it, as the terminal prints them; the fix removes them.
func TestErrorOverlayAndRecovery(t *testing.T) {
	l := startLive(t, map[string]string{"content/proef.md": mdPage("Goede versie.")})
	events := l.listen(t)
	writeFile(t, filepath.Join(l.dir, "content", "proef.md"), "---\ntitle: Proefpagina\ntitel: oeps\n---\nKapotte versie.\n")
	if name, data := events.next(t); name != "errors" {
		t.Fatalf("event %q %v, want errors", name, data)
	}
	const msg = "content/proef.md:3:1: unknown front matter key `titel`; did you mean `title`?"
	for _, p := range []string{"/proef/", "/", "/spelregels/"} {
		code, body := l.get(t, p)
		if code != 200 || !strings.Contains(body, `role="alertdialog"`) || !strings.Contains(body, "<code>"+msg+"</code>") {
			t.Errorf("%s: %d, no overlay with %q", p, code, msg)
		}
		if p == "/proef/" && (!strings.Contains(body, "Goede versie.") || strings.Contains(body, "Kapotte")) {
			t.Errorf("%s is not the last good page", p)
		}
	}
	l.mu.Lock()
	if last := l.reports[len(l.reports)-1]; len(last.Errs) != 1 || last.Errs[0].Error() != msg {
		t.Errorf("the terminal gets %v, want %q", last.Errs, msg)
	}
	l.mu.Unlock()

	writeFile(t, filepath.Join(l.dir, "content", "proef.md"), mdPage("Herstelde versie."))
	if name, data := events.next(t); name != "reload" || data["all"] != true {
		t.Errorf("after the fix: event %q %v, want reload of all pages", name, data)
	}
	body := l.waitFor(t, "/proef/", "Herstelde versie.")
	if strings.Contains(body, "zvh-fouten") {
		t.Error("the overlay stays after the fix")
	}
}

// TestRenameSaveServed: an editor that saves by renaming a temporary file
// over the page.
func TestRenameSaveServed(t *testing.T) {
	l := startLive(t, map[string]string{"content/proef.md": mdPage("Voor het hernoemen.")})
	tmp := filepath.Join(l.dir, "content", "proef.md.tmp-4821")
	writeFile(t, tmp, mdPage("Na het hernoemen."))
	if err := os.Rename(tmp, filepath.Join(l.dir, "content", "proef.md")); err != nil {
		t.Fatal(err)
	}
	l.waitFor(t, "/proef/", "Na het hernoemen.")
}

// TestNewFolderServed: a folder made after the start is watched, so a page
// created in it later is served, and so is a later edit of that page.
func TestNewFolderServed(t *testing.T) {
	l := startLive(t, nil)
	if err := os.MkdirAll(filepath.Join(l.dir, "content", "nieuw"), 0o755); err != nil {
		t.Fatal(err)
	}
	time.Sleep(50 * time.Millisecond)
	writeFile(t, filepath.Join(l.dir, "content", "nieuw", "map.md"), mdPage("In een nieuwe map."))
	l.waitFor(t, "/nieuw/map/", "In een nieuwe map.")
	writeFile(t, filepath.Join(l.dir, "content", "nieuw", "map.md"), mdPage("Later bewerkt."))
	l.waitFor(t, "/nieuw/map/", "Later bewerkt.")
}

// TestStreamCatchesUp: a page that connects after a build it has not seen
// is told to reload at once.
func TestStreamCatchesUp(t *testing.T) {
	fb := &fakeBuild{files: map[string][]byte{"index.html": html("1")}}
	d := NewDev(FullRebuild(fb.build))
	d.Rebuild(context.Background(), nil)
	srv := httptest.NewServer(d)
	defer srv.Close()
	defer d.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+Reserved+"events?build=0", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	var got []string
	for sc.Scan() && len(got) < 4 {
		got = append(got, sc.Text())
	}
	if !slices.Contains(got, "event: reload") {
		t.Errorf("stream starts with %q, want a reload", got)
	}
}
