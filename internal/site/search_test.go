package site

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/zvh-webtool/zvh"
	"github.com/zvh-webtool/zvh/internal/ci"
	"github.com/zvh-webtool/zvh/internal/markdown"
	"github.com/zvh-webtool/zvh/internal/search"
)

// nationalDocs returns the documents of the national site's search index,
// as its document chunks (search/<hash>/d<N>.js) store them.
func nationalDocs(t *testing.T) []search.Doc {
	t.Helper()
	res, errs := Build(Options{FS: zvh.Base})
	if errs != nil {
		t.Fatal(errs)
	}
	var docs []search.Doc
	for name, b := range res.Files {
		if !chunkFile.MatchString(name) {
			continue
		}
		s, ok := strings.CutPrefix(string(b), "zvhSearch.d(")
		s, ok2 := strings.CutSuffix(s, ");\n")
		if !ok || !ok2 {
			t.Fatalf("%s is not zvhSearch.d(…)", name)
		}
		var args []json.RawMessage
		var rows [][]string
		if err := json.Unmarshal([]byte("["+s+"]"), &args); err != nil || len(args) != 2 {
			t.Fatalf("%s: %v", name, err)
		}
		if err := json.Unmarshal(args[1], &rows); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, r := range rows {
			docs = append(docs, search.Doc{Title: r[0], URL: r[1], Kind: r[2], Where: r[3], Text: r[4]})
		}
	}
	if len(docs) == 0 {
		t.Fatal("the build has no document chunks search/<hash>/d<N>.js")
	}
	return docs
}

var chunkFile = regexp.MustCompile(`^search/[0-9a-f]+/d[0-9]+\.js$`)

// TestSearchDocuments checks that every kind of thing a reader looks for is
// a document of its own, with the kind its results are grouped under.
func TestSearchDocuments(t *testing.T) {
	docs := nationalDocs(t)
	want := map[string]string{ // URL -> kind
		"spelregels/#zeggenschap":                  search.KindRule,
		"begrippen/#aanmelder":                     search.KindTerm,
		"procesplaten/complexe-casuistiek/triage/": search.KindPhase,
		"wetten/avg-6/":                            search.KindLaw,
		"beslisbomen/inbrengen/":                   search.KindTree,
		"beslisbomen/inbrengen/doel/":              search.KindStep,
		"over/#offline":                            search.KindPage,
	}
	byURL := map[string]search.Doc{}
	for _, d := range docs {
		byURL[d.URL] = d
	}
	for url, kind := range want {
		d, ok := byURL[url]
		if !ok {
			t.Errorf("no document for %s", url)
			continue
		}
		if d.Kind != kind {
			t.Errorf("%s: kind %q, want %q", url, d.Kind, kind)
		}
		if d.Title == "" {
			t.Errorf("%s: no title", url)
		}
	}
	if d := byURL["begrippen/#aanmelder"]; d.Title != "Aanmelder" || !strings.Contains(d.Text, "casus") {
		t.Errorf("begrip aanmelder: %+v", d)
	}
	if d := byURL["spelregels/#zeggenschap"]; strings.Contains(d.Text, "Link naar") || strings.Contains(d.Title, "#") {
		t.Errorf("heading anchors leaked into the document: %+v", d)
	}
	if d := byURL["beslisbomen/inbrengen/doel/"]; d.Where == "" {
		t.Errorf("tree node without the title of its tree: %+v", d)
	}
	for _, d := range docs {
		if tag.MatchString(d.Text) {
			t.Errorf("%s: HTML in the text: %.80s", d.URL, d.Text)
		}
	}
}

// tag finds HTML tags the renderer writes (text may mention "<id>").
var tag = regexp.MustCompile(`</?(p|a|span|strong|em|code|li|ul|ol|h[1-6]|div|section|dl|dt|dd|table|td)[ >]`)

// TestRegisterAndIndexInBuild: the build ships the index script and the
// A–Z register, and the offline build's index links to index.html files.
func TestRegisterAndIndexInBuild(t *testing.T) {
	ci.Slow(t, "builds the national site")
	for _, offline := range []bool{false, true} {
		res, errs := Build(Options{FS: zvh.Base, Offline: offline})
		if errs != nil {
			t.Fatal(errs)
		}
		var index []byte
		for name, b := range res.Files {
			if strings.HasPrefix(name, "search/") {
				index = append(index, b...)
			}
		}
		if index == nil {
			t.Fatalf("offline=%v: no search/ files", offline)
		}
		hasIndexHTML := bytes.Contains(index, []byte(`procesplaten/complexe-casuistiek/triage/index.html`))
		if hasIndexHTML != offline {
			t.Errorf("offline=%v: the index links triage/index.html: %v", offline, hasIndexHTML)
		}
		reg := string(res.Files["a-z/index.html"])
		for _, want := range []string{`<h1>Register van A tot Z</h1>`, `href="#letter-a"`, `<h2 id="letter-s">S</h2>`,
			`>Aanmelder</a> <span class="az-list__where">Begrip · Begrippen</span>`} {
			if !strings.Contains(reg, want) {
				t.Errorf("offline=%v: the register lacks %s", offline, want)
			}
		}
		if !strings.Contains(string(res.Files["index.html"]), `class="search__az" href="a-z/`) {
			t.Errorf("offline=%v: the home page does not link the register from the search", offline)
		}
	}
}

// TestIndexDirNamesGenerator: the search index is named before it is
// built, from the page sources; the name changes with the generator too,
// so a zvh that indexes the same sources differently never ships its index
// under the old name.
func TestIndexDirNamesGenerator(t *testing.T) {
	st, errs := prepare(Options{FS: zvh.Base}, markdown.New())
	if errs != nil {
		t.Fatal(errs)
	}
	a, again := indexDir(st.site, false, "zvh 1", nil), indexDir(st.site, false, "zvh 1", nil)
	if syn := indexDir(st.site, false, "zvh 1", [][]byte{[]byte("a: b")}); syn == a {
		t.Errorf("another synonyms file gives the same name %s", a)
	}
	if a != again {
		t.Errorf("the same site and generator give %s and %s", a, again)
	}
	if b := indexDir(st.site, false, "zvh 2", nil); b == a {
		t.Errorf("another generator gives the same name %s", a)
	}
	if off := indexDir(st.site, true, "zvh 1", nil); off == a {
		t.Errorf("the offline index has the online name %s", a)
	}
	if generator() == "" {
		t.Error("the test binary has no build information to name the generator by")
	}
}

// TestOfflineCopy: the published build carries the offline variant as a
// zip, linked with its size from every page (so also from over.md), the
// same bytes on every build.
func TestOfflineCopy(t *testing.T) {
	ci.Slow(t, "builds the national site with its offline copy")
	res, errs := Build(Options{FS: zvh.Base, OfflineCopy: true})
	if errs != nil {
		t.Fatal(errs)
	}
	z := res.Files[OfflineZip]
	if len(z) == 0 {
		t.Fatal("no " + OfflineZip)
	}
	over := string(res.Files["over/index.html"])
	link := regexp.MustCompile(`<a href="\.\./gegevensdeling-offline\.zip" download>Download de offline kopie</a> \(zipbestand, (\d+(,\d)? [kM]B)\)`)
	m := link.FindStringSubmatch(over)
	if m == nil {
		t.Fatalf("over/index.html has no download link with the size")
	}
	if plain, _ := Build(Options{FS: zvh.Base}); strings.Contains(string(plain.Files["over/index.html"]), OfflineZip) {
		t.Error("a build without the offline copy links it")
	}
	if m[1] != dutchSize(len(z)) {
		t.Errorf("the page says %s, the zip has %d bytes", m[1], len(z))
	}
	r, err := zip.NewReader(bytes.NewReader(z), int64(len(z)))
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]*zip.File{}
	for _, f := range r.File {
		names[f.Name] = f
	}
	top, _, _ := strings.Cut(r.File[0].Name, "/")
	top += "/"
	if !regexp.MustCompile(`^gegevens-delen-in-het-zorg-en-veiligheidshuis-\d{4}-\d\d-\d\d/$`).MatchString(top) {
		t.Errorf("the zip's folder is %q, want the site's name and the date", top)
	}
	if names[top+OfflineStart] == nil {
		t.Errorf("the zip has no start file %s%s", top, OfflineStart)
	}
	home := names[top+OfflineFiles+"index.html"]
	if home == nil {
		t.Fatalf("the zip has no %s%sindex.html", top, OfflineFiles)
	}
	rc, _ := home.Open()
	var b bytes.Buffer
	b.ReadFrom(rc)
	rc.Close()
	if !strings.Contains(b.String(), `href="spelregels/index.html"`) {
		t.Error("the zip's home page is not the offline variant (links without index.html)")
	}
	for _, name := range []string{OfflineZip, "_headers", "nginx-security-headers.conf", "404.html"} {
		if names[top+OfflineFiles+name] != nil {
			t.Errorf("the zip contains %s", name)
		}
	}
	again, errs := Build(Options{FS: zvh.Base, OfflineCopy: true})
	if errs != nil {
		t.Fatal(errs)
	}
	if !bytes.Equal(again.Files[OfflineZip], z) {
		t.Error("two builds give different zips")
	}
}

func TestDutchSize(t *testing.T) {
	for n, want := range map[int]string{800: "1 kB", 830 * 1024: "830 kB", 1468006: "1,4 MB"} {
		if got := dutchSize(n); got != want {
			t.Errorf("dutchSize(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestRegisterSplitsPerLetter: a site of more than registerSplit pages gets
// a register page per letter, each with the links to all letters and only
// its own entries; the national site keeps one page (see above).
func TestRegisterSplitsPerLetter(t *testing.T) {
	res, errs := Build(Options{FS: corpusFS(1000, 10)})
	if errs != nil {
		t.Fatal(errs)
	}
	top := string(res.Files["a-z/index.html"])
	if !strings.Contains(top, `href="g/"`) || !strings.Contains(top, `href="overig/"`) || strings.Contains(top, "az-list") {
		t.Errorf("a-z/ of a large site: want links to the letter pages and no entries")
	}
	g := string(res.Files["a-z/g/index.html"])
	entries := regexp.MustCompile(`<li><a href="[^"]*">([^<]*)</a> <span class="az-list__where">`).FindAllStringSubmatch(g, -1)
	if len(entries) == 0 || !strings.Contains(g, `href="../a/"`) || !strings.Contains(g, `aria-current="page">G<`) {
		t.Fatalf("a-z/g/: %d entries, or no letter links", len(entries))
	}
	for _, e := range entries {
		if !strings.HasPrefix(e[1], "G") {
			t.Errorf("a-z/g/ lists %q", e[1])
		}
	}
	if res.Files["a-z/q/index.html"] == nil || !strings.Contains(string(res.Files["a-z/q/index.html"]), "Geen onderwerpen") {
		t.Error("a-z/q/ is missing or does not say it is empty")
	}
}
