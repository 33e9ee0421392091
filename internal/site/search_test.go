package site

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/zvh-webtool/zvh"
	"github.com/zvh-webtool/zvh/internal/markdown"
	"github.com/zvh-webtool/zvh/internal/search"
)

// nationalDocs returns the documents of the national site's search index,
// as the index script stores them.
func nationalDocs(t *testing.T) []search.Doc {
	t.Helper()
	res, errs := Build(Options{FS: zvh.Base})
	if errs != nil {
		t.Fatal(errs)
	}
	var script string
	for name, b := range res.Files {
		if strings.HasPrefix(name, "search/index.") {
			script = string(b)
		}
	}
	lit, ok := strings.CutPrefix(script, "self.zvhSearchData=JSON.parse(")
	lit, ok2 := strings.CutSuffix(lit, ");\n")
	if !ok || !ok2 {
		t.Fatalf("no index script of the form self.zvhSearchData=JSON.parse(…)")
	}
	var text string
	if err := json.Unmarshal([]byte(lit), &text); err != nil {
		t.Fatal(err)
	}
	var data struct {
		Index struct {
			StoredFields map[string]map[string]string `json:"storedFields"`
		} `json:"index"`
	}
	if err := json.Unmarshal([]byte(text), &data); err != nil {
		t.Fatal(err)
	}
	var docs []search.Doc
	for _, f := range data.Index.StoredFields {
		docs = append(docs, search.Doc{URL: f["url"], Title: f["title"], Kind: f["kind"], Where: f["where"], Text: f["text"]})
	}
	return docs
}

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
		"beslisbomen/inbrengen/doel/":              search.KindTree,
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
	for _, offline := range []bool{false, true} {
		res, errs := Build(Options{FS: zvh.Base, Offline: offline})
		if errs != nil {
			t.Fatal(errs)
		}
		var index []byte
		for name, b := range res.Files {
			if strings.HasPrefix(name, "search/index.") {
				index = b
			}
		}
		if index == nil {
			t.Fatalf("offline=%v: no search/index.*.js", offline)
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

// TestIndexNameNamesGenerator: the search index is named before it is
// built, from the page sources; the name changes with the generator too,
// so a zvh that indexes the same sources differently never ships its index
// under the old name.
func TestIndexNameNamesGenerator(t *testing.T) {
	st, errs := prepare(Options{FS: zvh.Base}, markdown.New())
	if errs != nil {
		t.Fatal(errs)
	}
	a, again := indexName(st.site, false, "zvh 1"), indexName(st.site, false, "zvh 1")
	if a != again {
		t.Errorf("the same site and generator give %s and %s", a, again)
	}
	if b := indexName(st.site, false, "zvh 2"); b == a {
		t.Errorf("another generator gives the same name %s", a)
	}
	if off := indexName(st.site, true, "zvh 1"); off == a {
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
