package browsertest

import (
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/zvh-webtool/zvh"
	"github.com/zvh-webtool/zvh/internal/ci"
	"github.com/zvh-webtool/zvh/internal/layerfs"
	"github.com/zvh-webtool/zvh/internal/site"
)

// builds holds the national site, built once per test binary for each value
// of Offline: several tests look at the same build.
var builds struct {
	sync.Mutex
	res [2]*site.Result
}

// national returns the national site as "zvh build" makes it (offline: as
// "zvh build --offline").
func national(t testing.TB, offline bool) *site.Result {
	slow(t)
	t.Helper()
	builds.Lock()
	defer builds.Unlock()
	i := 0
	if offline {
		i = 1
	}
	if builds.res[i] == nil {
		res, errs := site.Build(site.Options{FS: zvh.Base, Offline: offline})
		if len(errs) > 0 {
			t.Fatalf("the national site does not build:\n%v", errs)
		}
		builds.res[i] = res
	}
	return builds.res[i]
}

// edit changes the text of one source file of the embedded model; old is ""
// for a file the model does not have.
type edit func(t testing.TB, old string) string

// replace returns an edit that replaces the first old with new. The edited
// file must contain old: a test whose anchor has gone fails loudly instead of
// testing nothing.
func replace(old, new string) edit {
	return func(t testing.TB, text string) string {
		t.Helper()
		if !strings.Contains(text, old) {
			t.Fatalf("broken build: %q not found; update the test to the current file", old)
		}
		return strings.Replace(text, old, new, 1)
	}
}

// chain returns an edit that applies edits in order.
func chain(edits ...edit) edit {
	return func(t testing.TB, text string) string {
		for _, e := range edits {
			text = e(t, text)
		}
		return text
	}
}

// appendText returns an edit that adds s at the end of the file.
func appendText(s string) edit {
	return func(_ testing.TB, text string) string { return text + s }
}

// brokenSite builds the national site with some source files edited, in a
// layer over the embedded model (the way a site folder overrides it), so the
// negative tests run each check on a build with a known defect.
func brokenSite(t testing.TB, edits map[string]edit) *site.Result {
	slow(t)
	t.Helper()
	layer := fstest.MapFS{}
	for _, name := range slices.Sorted(maps.Keys(edits)) {
		old, err := fs.ReadFile(zvh.Base, name)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		layer[name] = &fstest.MapFile{Data: []byte(edits[name](t, string(old)))}
	}
	fsys := layerfs.New(layerfs.Layer{Name: "broken", FS: layer}, layerfs.Layer{Name: "national", FS: zvh.Base})
	res, errs := site.Build(site.Options{FS: fsys})
	if len(errs) > 0 {
		t.Fatalf("the broken site does not build at all:\n%v", errs)
	}
	return res
}

// tamperedOutput is the national site with some of its built files edited
// afterwards: each key is the start of an output path ("js/wizard."), and
// every file it names gets the edit. The build refuses scripts and styles
// that store, send or load from elsewhere, so the checks that look at the
// published files are proven on files changed after the build, as a host
// or a copy could change them.
func tamperedOutput(t testing.TB, edits map[string]edit) *site.Result {
	t.Helper()
	res := *national(t, false)
	res.Files = maps.Clone(res.Files)
	for _, prefix := range slices.Sorted(maps.Keys(edits)) {
		found := false
		for name, b := range res.Files {
			if strings.HasPrefix(name, prefix) {
				res.Files[name] = []byte(edits[prefix](t, string(b)))
				found = true
			}
		}
		if !found {
			t.Fatalf("no built file starts with %q", prefix)
		}
	}
	return &res
}

// htmlFiles returns the output paths of the HTML pages, sorted.
func htmlFiles(files map[string][]byte) []string {
	var out []string
	for name := range files {
		if strings.HasSuffix(name, ".html") {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// repoRoot is the folder that holds go.mod (and package.json).
func repoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		up := filepath.Dir(dir)
		if up == dir {
			t.Fatal("no go.mod above the test's folder")
		}
		dir = up
	}
}

// missing ends the test because a tool is not installed: a skip on a
// developer's machine, a failure in CI (package ci).
func missing(t testing.TB, what string) {
	t.Helper()
	ci.Missing(t, what+"; run scripts/test, which installs what the browser, accessibility and HTML tests need")
}

// slow leaves a test out of a quick run (go test -short): every test here
// that builds the whole site or drives the browser calls it, through the
// helpers that do those things.
func slow(t testing.TB) {
	t.Helper()
	ci.Slow(t, "the browser tests and the builds of the whole site they check")
}

// nodeModule returns the path of a file of an npm package installed from the
// repository's package-lock.json, or ends the test when it is not installed.
func nodeModule(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join(repoRoot(t), "node_modules", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		missing(t, "node_modules/"+rel+" is not installed (npm ci)")
	}
	return p
}

// javaPath returns the java command, or ends the test.
func javaPath(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("java")
	if err != nil {
		missing(t, "java is not installed (Debian: default-jre-headless)")
	}
	return p
}
