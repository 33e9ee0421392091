package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"github.com/zvh-webtool/zvh"
	"github.com/zvh-webtool/zvh/internal/golden"
	"github.com/zvh-webtool/zvh/internal/layerfs"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// testFS returns the files of a txtar archive on top of the embedded
// layouts and assets (not the embedded content, so tests see only their own
// pages).
func testFS(t *testing.T, archive []byte) fs.FS {
	t.Helper()
	files := fstest.MapFS{}
	for _, f := range txtar.Parse(archive).Files {
		files[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	return layerfs.New(layerfs.Layer{Name: "test", FS: files}, layerfs.Layer{Name: "national", FS: withoutContent{zvh.Base}})
}

// withoutContent hides content/ of the embedded model.
type withoutContent struct{ fs.FS }

func (w withoutContent) Open(name string) (fs.File, error) {
	if name == "content" || strings.HasPrefix(name, "content/") {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return w.FS.Open(name)
}

func readArchive(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// fingerprint matches the content hash in an asset name. The golden pages
// hide it, so a change to a stylesheet does not change every golden page;
// TestAssetsAreFingerprinted checks the hashes themselves.
var fingerprint = regexp.MustCompile(`\.[0-9a-f]{8}\.(css|js|svg)\b`)

// TestGoldenSite builds a small site with the real layouts and compares every
// HTML page with testdata/basic.golden. Run with -update to rewrite the
// golden file, then review the diff.
func TestGoldenSite(t *testing.T) {
	res, errs := Build(Options{FS: testFS(t, readArchive(t, "basic.txtar"))})
	if errs != nil {
		t.Fatalf("build failed:\n%v", errs)
	}
	var got txtar.Archive
	var names []string
	for name := range res.Files {
		if strings.HasSuffix(name, ".html") {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	for _, name := range names {
		got.Files = append(got.Files, txtar.File{Name: name, Data: fingerprint.ReplaceAll(res.Files[name], []byte(".HASH.$1"))})
	}
	goldenFile := filepath.Join("testdata", "basic.golden")
	if *update {
		if err := os.WriteFile(goldenFile, txtar.Format(&got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(goldenFile)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	wantArchive := txtar.Parse(want)
	wantFiles := map[string][]byte{}
	for _, f := range wantArchive.Files {
		wantFiles[f.Name] = f.Data
		if _, ok := res.Files[f.Name]; !ok {
			t.Errorf("missing output file %s", f.Name)
		}
	}
	for _, name := range names {
		w, ok := wantFiles[name]
		if !ok {
			t.Errorf("unexpected output file %s", name)
			continue
		}
		if g := fingerprint.ReplaceAll(res.Files[name], []byte(".HASH.$1")); !bytes.Equal(w, g) {
			t.Errorf("%s differs from the golden file; run go test -update and review the diff\n%s", name, golden.Diff(w, g))
		}
	}
}

func TestBuildIsDeterministic(t *testing.T) {
	fsys := testFS(t, readArchive(t, "basic.txtar"))
	a, errs := Build(Options{FS: fsys})
	if errs != nil {
		t.Fatal(errs)
	}
	b, errs := Build(Options{FS: fsys})
	if errs != nil {
		t.Fatal(errs)
	}
	if len(a.Files) != len(b.Files) {
		t.Fatalf("builds differ in file count: %d vs %d", len(a.Files), len(b.Files))
	}
	for name, data := range a.Files {
		if !bytes.Equal(data, b.Files[name]) {
			t.Errorf("%s differs between two builds of the same input", name)
		}
	}
}

// TestErrors feeds deliberately broken sites to the build and checks every
// diagnostic, in order. Each case is a txtar archive in testdata/errors/
// whose comment lists the expected diagnostics, one per line.
func TestErrors(t *testing.T) {
	cases, _ := filepath.Glob(filepath.Join("testdata", "errors", "*.txtar"))
	if len(cases) == 0 {
		t.Fatal("no cases in testdata/errors")
	}
	for _, c := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(c), ".txtar"), func(t *testing.T) {
			raw, err := os.ReadFile(c)
			if err != nil {
				t.Fatal(err)
			}
			want := strings.Split(strings.TrimSpace(string(txtar.Parse(raw).Comment)), "\n")
			res, errs := Build(Options{FS: testFS(t, raw)})
			if res != nil {
				t.Fatal("a broken site built without errors")
			}
			var got []string
			for _, d := range errs {
				got = append(got, d.Error())
			}
			if !slices.Equal(got, want) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

func TestUnverifiedReferencesAreReported(t *testing.T) {
	res, errs := Build(Options{FS: testFS(t, readArchive(t, "basic.txtar"))})
	if errs != nil {
		t.Fatal(errs)
	}
	want := []string{
		"content/wetten/avg-6.md:6:11: unverified reference (verified: false); cited by content/beslisbomen/delen.md, content/spelregels.md",
		"site.yaml: no `contact` is set, so the site shows no way to reach Landelijke stuurgroep Zorg en Veiligheid; add a real address when one is known (never an invented one)",
	}
	var got []string
	for _, w := range res.Warnings {
		got = append(got, w.Error())
	}
	if !slices.Equal(got, want) {
		t.Errorf("warnings = %q, want %q", res.Warnings, want)
	}
	if !strings.Contains(string(res.Files["spelregels/index.html"]), "AVG artikel 6</a> (nog te bevestigen)") {
		t.Error("the citing page does not say the reference is still to be confirmed")
	}
}

func TestAssetsAreFingerprinted(t *testing.T) {
	res, errs := Build(Options{FS: testFS(t, readArchive(t, "basic.txtar"))})
	if errs != nil {
		t.Fatal(errs)
	}
	// The icon is published byte for byte (stylesheets and scripts lose
	// their comments first, see internal/load).
	icon, err := fs.ReadFile(zvh.Base, "assets/img/icon.svg")
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(icon)
	name := "img/icon." + hex.EncodeToString(sum[:4]) + ".svg"
	if !bytes.Equal(res.Files[name], icon) {
		t.Errorf("icon.svg is not published as %s", name)
	}
	if !strings.Contains(string(res.Files["index.html"]), `src="`+name+`"`) {
		t.Errorf("the home page does not link %s", name)
	}
	if _, ok := res.Files["img/icon.svg"]; ok {
		t.Error("the asset is also published without its fingerprint")
	}
}

// An image names a file of assets/ and is published with its fingerprint,
// relative to the page.
func TestImagesAreAssets(t *testing.T) {
	fsys := testFS(t, []byte("-- content/_index.md --\n---\ntitle: Home\n---\n-- content/a/b.md --\n---\ntitle: B\n---\n![Het huis](/img/icon.svg \"Logo\")\n"))
	res, errs := Build(Options{FS: fsys})
	if errs != nil {
		t.Fatal(errs)
	}
	page := string(res.Files["a/b/index.html"])
	if !regexp.MustCompile(`<img src="\.\./\.\./img/icon\.[0-9a-f]{8}\.svg" alt="Het huis" title="Logo">`).MatchString(page) {
		t.Errorf("the image is not written as the fingerprinted asset:\n%s", page)
	}
}
