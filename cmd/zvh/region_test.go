package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/zvh-webtool/zvh/internal/ci"
)

// TestRegionOutsideTheRepository is a region kept in its own repository:
// zvh new region makes it, and zvh build --region PATH builds it with
// nothing but the binary (an empty source folder).
func TestRegionOutsideTheRepository(t *testing.T) {
	ci.Slow(t, "builds regions from their own folders")
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
	if !strings.Contains(stderr, "mijn-regio/regio.yaml: warning: no `contact` is set") {
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

// TestRegionCheckedInItsOwnFolder runs check as an editor does inside the
// region's folder: --region . names the folder by its real name.
func TestRegionCheckedInItsOwnFolder(t *testing.T) {
	ci.Slow(t, "checks a region from its own folder")
	src := t.TempDir()
	dir := filepath.Join(t.TempDir(), "proef")
	if code, _, stderr := runCmd(t, "new", "region", dir, "--source", src); code != 0 {
		t.Fatalf("new region: exit %d\n%s", code, stderr)
	}
	t.Chdir(dir)
	if code, _, stderr := runCmd(t, "check", "--source", src, "--region", "."); code != 0 {
		t.Errorf("check --region . inside the folder: exit %d\n%s", code, stderr)
	}
	t.Chdir(filepath.Join(dir, "procesplaten"))
	if code, _, stderr := runCmd(t, "check", "--source", src, "--region", ".."); code != 0 {
		t.Errorf("check --region .. from a subfolder: exit %d\n%s", code, stderr)
	}
}

// TestBuildAll writes the national site and each shipped region, with the
// list of regions, into one folder.
func TestBuildAll(t *testing.T) {
	ci.Slow(t, "builds every site of --all")
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
	if !regexp.MustCompile(`^\d+ warnings about the built-in national model \(zvh check -v lists them\)\n$`).MatchString(stderr) {
		t.Errorf("the warnings about the built-in model are not one line, once:\n%s", stderr)
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
	ci.Slow(t, "checks a whole region twice")
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

// TestRegionBuildsTakeTheNationalPath: --region and --all stop on Ctrl-C
// without writing, sum up the warnings about the built-in model once for
// the whole command (-v lists each once, with its position), and print
// nothing with --quiet.
func TestRegionBuildsTakeTheNationalPath(t *testing.T) {
	for _, sel := range [][]string{{"--all"}, {"--region", "rotterdam-rijnmond"}} {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		out := filepath.Join(t.TempDir(), "public")
		var stdout, stderr bytes.Buffer
		code := run(ctx, append([]string{"build", "--source", t.TempDir(), "--out", out}, sel...), &stdout, &stderr)
		if code != exitBuild || !strings.Contains(stderr.String(), "interrupted; nothing written") {
			t.Errorf("%v interrupted: exit %d, stderr %q", sel, code, stderr.String())
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%v: an interrupted build wrote its output", sel)
		}
	}
	code, _, verbose := runCmd(t, "check", "--source", t.TempDir(), "--all", "-v")
	unverified := regexp.MustCompile(`(?m)^content/wetten/wpg\.md:\d+:\d+: warning: unverified reference`)
	if code != 0 || len(unverified.FindAllString(verbose, -1)) != 1 || strings.Contains(verbose, "about the built-in") {
		t.Errorf("check --all -v: exit %d, want each warning once with its position:\n%s", code, verbose)
	}
	out := filepath.Join(t.TempDir(), "public")
	if code, stdout, stderr := runCmd(t, "build", "--quiet", "--source", t.TempDir(), "--region", "fryslan", "--out", out); code != 0 || stdout != "" || stderr != "" {
		t.Errorf("build --region --quiet: exit %d, printed %q %q", code, stdout, stderr)
	}
}

// TestCheckRegionKeepsNationalVerdicts: zvh check --region refuses a verdict
// flip, a removed source, a redirected national answer and a replaced
// national scenario, each at the region's line and at the national one.
func TestCheckRegionKeepsNationalVerdicts(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"r/regio.yaml": "name: R\nslug: r\nlogo: logo.svg\ncontact:\n  url: https://example.org\n",
		"r/logo.svg":   `<svg xmlns="http://www.w3.org/2000/svg"></svg>`,
		"r/beslisbomen/criteria.md": "## Is samenwerking tussen meerdere domeinen nodig? {#samenwerking}\n\nTekst.\n\n- [Ja](#lokaal-geprobeerd)\n- [Nee](#aanmelden)\n\n" +
			"## Los het op binnen je eigen keten {#eigen-keten .uitkomst .mag}\n\nTekst.\n\nBron: [BGS: criteria](/wetten/bgs-criteria.md)\n",
		"r/beslisbomen/criteria.scenarios.yaml": "- title: Overlast na schulden en verslaving\n  answers: [Ja]\n  expect: aanmelden\n",
	})
	code, _, stderr := runCmd(t, "check", "--source", t.TempDir(), "--region", filepath.Join(dir, "r"))
	reg := filepath.ToSlash(filepath.Join(dir, "r", "beslisbomen"))
	for _, want := range []string{
		reg + "/criteria.md:6:3: de regio mag landelijk antwoord „Nee” van vraag #samenwerking niet ergens anders heen laten leiden",
		reg + "/criteria.md:8:1: de regio mag het oordeel van uitkomst #eigen-keten niet wijzigen",
		reg + "/criteria.md:8:1: de regio mag bron /spelregels.md#noodzaak van uitkomst #eigen-keten niet weghalen of vervangen",
		reg + "/criteria.scenarios.yaml:1:3: scenario „Overlast na schulden en verslaving” staat al in de landelijke scenario's",
		"content/beslisbomen/criteria.scenarios.yaml:1:3: landelijk scenario „Overlast na schulden en verslaving”, vervangen door R",
		"content/beslisbomen/criteria.md:", "landelijke knoop, gewijzigd door R in " + reg + "/criteria.md:8:1: de regio mag het oordeel",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("check --region lacks %q", want)
		}
	}
	if code != exitBuild {
		t.Errorf("exit %d, want %d", code, exitBuild)
	}
	if t.Failed() {
		t.Logf("stderr:\n%s", stderr)
	}
}
