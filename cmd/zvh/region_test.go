package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRegionOutsideTheRepository is a region kept in its own repository:
// zvh new region makes it, and zvh build --region PATH builds it with
// nothing but the binary (an empty source folder).
func TestRegionOutsideTheRepository(t *testing.T) {
	src := t.TempDir()
	dir := filepath.Join(t.TempDir(), "mijn-regio")
	if code, _, stderr := runCmd(t, "new", "region", dir, "--source", src); code != 0 {
		t.Fatalf("new region: exit %d\n%s", code, stderr)
	}
	for _, f := range []string{"regio.yaml", "logo.svg", "procesplaten/complexe-casuistiek/triage.md", ".landelijk/procesplaten/complexe-casuistiek/triage.md.txt"} {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(f))); err != nil {
			t.Errorf("starter lacks %s", f)
		}
	}
	out := filepath.Join(t.TempDir(), "public")
	code, stdout, stderr := runCmd(t, "build", "--source", src, "--region", dir, "--out", out)
	if code != 0 {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	if !strings.HasPrefix(stdout, "built 1 site: ") {
		t.Errorf("summary = %q", stdout)
	}
	if strings.Contains(stderr, "basis") {
		t.Errorf("a fresh starter reports drift:\n%s", stderr)
	}
	if !strings.Contains(stderr, "regio.yaml: no `contact` is set") {
		t.Errorf("no warning for the missing contact:\n%s", stderr)
	}
	triage, err := os.ReadFile(filepath.Join(out, "procesplaten/complexe-casuistiek/triage/index.html"))
	if err != nil || !strings.Contains(string(triage), "Regionaal aangepast") || !strings.Contains(string(triage), "Gegevens delen in het Zorg- en Veiligheidshuis – Zorg- en Veiligheidshuis Mijn-Regio") {
		t.Errorf("triage page is not the region's: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "verschillen/index.html")); err != nil {
		t.Error("no differences page")
	}
}

// TestBuildAll writes the national site and each shipped region, with the
// list of regions, into one folder.
func TestBuildAll(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	code, stdout, stderr := runCmd(t, "build", "--source", t.TempDir(), "--all", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, want := range []string{"  national: ", "  regio/fryslan: ", "  regio/rotterdam-rijnmond: ", "  regio/zaanstreek-waterland: ", "built 4 sites: "} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	if !strings.Contains(stderr, "site.yaml: no `contact` is set") {
		t.Errorf("no warning for the national contact:\n%s", stderr)
	}
	list, _ := os.ReadFile(filepath.Join(out, "regio/index.html"))
	for _, slug := range []string{"fryslan", "rotterdam-rijnmond", "zaanstreek-waterland"} {
		if !strings.Contains(string(list), `href="`+slug+`/"`) {
			t.Errorf("the list of regions lacks a link to %s", slug)
		}
		home, err := os.ReadFile(filepath.Join(out, "regio", slug, "index.html"))
		if err != nil || !strings.Contains(string(home), "Dit is de regionale variant") {
			t.Errorf("regio/%s/index.html is not the region's home page", slug)
		}
	}
	if home, _ := os.ReadFile(filepath.Join(out, "index.html")); strings.Contains(string(home), "regionale variant van de webtool") {
		t.Error("the national home page is a region's")
	}
}

func TestRegionUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"build", "--region", "frislan"}, `no region "frislan"; did you mean fryslan?`},
		{[]string{"build", "--region", "./bestaat-niet"}, "--region ./bestaat-niet is not a folder"},
		{[]string{"check", "--region", "fryslan", "--all"}, "give either --region SLUG|PATH or --all"},
		{[]string{"new", "region", "Mijn Regio", "--source", "."}, "may hold only lower-case letters"},
	} {
		code, _, stderr := runCmd(t, tc.args...)
		if code != exitUsage || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q, want 2 and %q", tc.args, code, stderr, tc.want)
		}
	}
}

// TestRegionErrorsPointAtRegionFiles: a build error in a region file is
// reported at the region file's own line, with exit status 1.
func TestRegionErrorsPointAtRegionFiles(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"r/regio.yaml": "name: R\nslug: r\nlogo: logo.svg\n",
		"r/logo.svg":   `<svg xmlns="http://www.w3.org/2000/svg"></svg>`,
		"r/nieuw.md":   "---\ntitle: Nieuw\n---\nEerste regel.\n\nZie [dit](/bestaat-niet.md).\n",
	})
	code, _, stderr := runCmd(t, "check", "--source", t.TempDir(), "--region", filepath.Join(dir, "r"))
	want := filepath.ToSlash(filepath.Join(dir, "r", "nieuw.md")) + ":6:"
	if code != exitBuild || !strings.Contains(stderr, want) {
		t.Errorf("exit %d, stderr:\n%s\nwant %q", code, stderr, want)
	}
}

func TestWhy(t *testing.T) {
	code, stdout, stderr := runCmd(t, "why", "procesplaten/complexe-casuistiek/triage/", "--region", "zaanstreek-waterland", "--source", t.TempDir())
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, want := range []string{
		"national page with regional sections",
		"section #wat:",
		"regional (section override), content/regio/zaanstreek-waterland/procesplaten/complexe-casuistiek/triage.md:",
		"section #gegevens:",
		`fact {{triage_day}} = "dinsdag"`,
		`name {{casusoverleg}} = "ICO"`,
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("why lacks %q:\n%s", want, stdout)
		}
	}
}

// TestRegionAccept records the basis of an override and clears its drift
// warning.
func TestRegionAccept(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"r/regio.yaml": "name: R\nslug: r\nlogo: logo.svg\ncontact:\n  url: https://example.org\n",
		"r/logo.svg":   `<svg xmlns="http://www.w3.org/2000/svg"></svg>`,
		"r/procesplaten/complexe-casuistiek/triage.md": "---\n---\n## Wie zijn erbij betrokken? {#wie}\n\nWij.\n",
	})
	src := t.TempDir()
	reg := filepath.Join(dir, "r")
	_, _, stderr := runCmd(t, "check", "--source", src, "--region", reg)
	if !strings.Contains(stderr, "no `basis` recorded") {
		t.Fatalf("no drift warning before accept:\n%s", stderr)
	}
	file := filepath.Join(reg, "procesplaten/complexe-casuistiek/triage.md")
	if code, stdout, stderr := runCmd(t, "region", "accept", file, "--source", src); code != 0 || !strings.Contains(stdout, "basis ") {
		t.Fatalf("accept: exit %d\n%s%s", code, stdout, stderr)
	}
	if b, _ := os.ReadFile(file); !strings.HasPrefix(string(b), "---\nbasis: ") {
		t.Errorf("file after accept:\n%s", b)
	}
	if code, _, stderr := runCmd(t, "check", "--source", src, "--region", reg); code != 0 || strings.Contains(stderr, "basis") {
		t.Errorf("after accept: exit %d\n%s", code, stderr)
	}
}
