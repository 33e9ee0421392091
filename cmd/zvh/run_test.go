package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zvh-webtool/zvh"
	"github.com/zvh-webtool/zvh/internal/ci"
)

func runCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// writeSite writes files (path -> content) into a new folder.
func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// hashTree returns a digest of every file under dir, to see whether a folder
// changed.
func hashTree(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		out[p] = sha256.Sum256(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestBuildEmbeddedModel is the newcomer's path: zvh build in an empty
// folder publishes the whole national site from the binary alone.
func TestBuildEmbeddedModel(t *testing.T) {
	src := t.TempDir()
	out := filepath.Join(t.TempDir(), "public")
	code, stdout, stderr := runCmd(t, "build", "--source", src, "--out", out)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if !strings.HasPrefix(stdout, "built ") || !strings.Contains(stdout, " pages, ") {
		t.Errorf("summary line = %q", stdout)
	}
	for _, f := range []string{"index.html", "spelregels/index.html", "procesplaten/complexe-casuistiek/triage/index.html", "_headers"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("national site lacks %s", f)
		}
	}
}

func TestSiteFolderOverridesEmbeddedFile(t *testing.T) {
	ci.Slow(t, "builds the whole site to disk")
	src := writeSite(t, map[string]string{
		"content/over.md": "---\ntitle: Over deze regio\n---\nEigen tekst van de regio.\n\n## Bronnen {#bronnen}\n\n## Reageren {#reageren}\n\n## Colofon {#colofon}\n",
	})
	out := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := runCmd(t, "build", "--quiet", "--source", src, "--out", out); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	b, err := os.ReadFile(filepath.Join(out, "over", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "Eigen tekst van de regio.") {
		t.Error("the site folder's over.md did not replace the embedded one")
	}
	if _, err := os.Stat(filepath.Join(out, "spelregels", "index.html")); err != nil {
		t.Error("embedded pages missing next to the override")
	}
}

// TestFailedBuildLeavesOutputUntouched breaks the site in several ways at
// once; every error is reported and the earlier output stays byte for byte.
func TestFailedBuildLeavesOutputUntouched(t *testing.T) {
	ci.Slow(t, "builds the whole site to disk, then fails a second build")
	out := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := runCmd(t, "build", "--quiet", "--source", t.TempDir(), "--out", out); code != 0 {
		t.Fatalf("first build failed: %s", stderr)
	}
	before := hashTree(t, out)

	src := writeSite(t, map[string]string{
		"content/stuk.md":      "---\ntitle: Stuk\ntitel: x\n---\n[weg](nergens.md)\n",
		"content/zonder.md":    "---\ndescription: geen titel\n---\n",
		"content/yaml.md":      "---\ntitle: a: b\n---\n",
		"content/anker.md":     "---\ntitle: Anker\n---\n[x](/spelregels.md#bestaat-niet)\n",
		"content/nietdicht.md": "---\ntitle: Open\n",
	})
	code, stdout, stderr := runCmd(t, "build", "--source", src, "--out", out)
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	if stdout != "" {
		t.Errorf("a failed build printed a summary: %q", stdout)
	}
	for _, want := range []string{
		"content/anker.md:4:1: link to spelregels.md#bestaat-niet: that page has no such anchor",
		"content/nietdicht.md:1:1: front matter opened here is never closed",
		"content/stuk.md:3:1: unknown front matter key `titel`; did you mean `title`?",
		"content/stuk.md:5:1: link to missing page nergens.md",
		"content/yaml.md:2:1: invalid YAML in front matter: mapping values are not allowed in this context",
		"content/zonder.md:1:1: front matter needs a `title`",
		"6 errors",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q\nstderr:\n%s", want, stderr)
		}
	}
	if after := hashTree(t, out); len(after) != len(before) {
		t.Errorf("output changed: %d files before, %d after", len(before), len(after))
	} else {
		for p, h := range before {
			if after[p] != h {
				t.Errorf("%s changed after a failed build", p)
			}
		}
	}
}

func TestCheckWritesNothing(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	code, stdout, stderr := runCmd(t, "check", "--source", t.TempDir())
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.HasPrefix(stdout, "checked ") {
		t.Errorf("summary = %q", stdout)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("check wrote files: %v", entries)
	}
}

func TestUsage(t *testing.T) {
	for _, tc := range []struct {
		args     []string
		code     int
		inStdout string
		inStderr string
	}{
		{nil, 2, "", "Usage:"},
		{[]string{"bouw"}, 2, "", `unknown command "bouw"; run "zvh help" for the commands`},
		{[]string{"biuld"}, 2, "", "unknown command \"biuld\"; did you mean zvh build?\n"},
		{[]string{"help", "serv"}, 2, "", `unknown command "serv"; did you mean serve?`},
		{[]string{"build", "--ouput", "x"}, 2, "", "unknown flag --ouput; did you mean --out?"},
		{[]string{"serve", "--prot", "1"}, 2, "", "unknown flag --prot; did you mean --port?"},
		{[]string{"serve", "--port", "abc"}, 2, "", `--port "abc" is not a port: a port is a whole number from 1 to 65535`},
		{[]string{"serve", "--port", "70000"}, 2, "", `--port "70000" is not a port`},
		{[]string{"serve", "--bind", ""}, 2, "", "--bind needs an address"},
		{[]string{"serve", "--source", "/does/not/exist"}, 2, "", "--source /does/not/exist is not a folder"},
		{[]string{"check", "--source", "/does/not/exist"}, 2, "", "is not a folder"},
		{[]string{"help"}, 0, "zvh build", ""},
		{[]string{"help", "build"}, 0, "--offline", ""},
		{[]string{"help", "nope"}, 2, "", "unknown command"},
		{[]string{"build", "--nope"}, 2, "", "unknown flag --nope\n"},
		{[]string{"build", "extra"}, 2, "", `unexpected argument "extra"`},
		{[]string{"build", "--source", "/does/not/exist"}, 2, "", "is not a folder"},
		{[]string{"check", "--out", "x"}, 2, "", "unknown flag --out"},
		{[]string{"version"}, 0, "zvh ", ""},
		{[]string{"build", "--help"}, 0, "Usage: zvh build", ""},
	} {
		code, stdout, stderr := runCmd(t, tc.args...)
		if code != tc.code || !strings.Contains(stdout, tc.inStdout) || !strings.Contains(stderr, tc.inStderr) {
			t.Errorf("zvh %v: exit %d, stdout %q, stderr %q; want exit %d with %q / %q",
				tc.args, code, stdout, stderr, tc.code, tc.inStdout, tc.inStderr)
		}
	}
}

func TestOutRefusesToReplaceSource(t *testing.T) {
	src := t.TempDir()
	code, _, stderr := runCmd(t, "build", "--source", src, "--out", src)
	if code != 2 || !strings.Contains(stderr, "would replace the source folder") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

func TestOfflineLinksEndInIndexHTML(t *testing.T) {
	ci.Slow(t, "builds the whole site to disk")
	out := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := runCmd(t, "build", "--quiet", "--offline", "--source", t.TempDir(), "--out", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(filepath.Join(out, "spelregels", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `href="../index.html"`) {
		t.Error("offline build: link to the home page does not end in index.html")
	}
}

// syncBuffer is a bytes.Buffer that a running command writes while the test
// reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// waitText waits until buf holds want.
func waitText(t *testing.T, buf *syncBuffer, want string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(buf.String(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("never printed %q; got:\n%s", want, buf.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// startServe runs "zvh serve" on a free loopback port until the test ends
// and returns its URL.
func startServe(t *testing.T, src string) (url string, stdout, stderr *syncBuffer, stop func() int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stdout, stderr = &syncBuffer{}, &syncBuffer{}
	done := make(chan int, 1)
	go func() { done <- run(ctx, []string{"serve", "--port", "0", "--source", src}, stdout, stderr) }()
	stop = func() int {
		cancel()
		select {
		case code := <-done:
			return code
		case <-time.After(5 * time.Second):
			t.Fatal("serve did not stop within 5s of Ctrl-C")
		}
		return -1
	}
	t.Cleanup(func() { cancel() })
	waitText(t, stdout, "serving http://")
	m := regexp.MustCompile(`serving (http://\S+/)`).FindStringSubmatch(stdout.String())
	return m[1], stdout, stderr, stop
}

func httpGet(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// TestServe runs the command as an editor does: it serves on loopback,
// rebuilds on a save and says what it rebuilt, and stops on Ctrl-C.
func TestServe(t *testing.T) {
	src := writeSite(t, map[string]string{"content/proef.md": "---\ntitle: Proef\n---\nEerste versie.\n"})
	url, stdout, stderr, stop := startServe(t, src)
	if !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Errorf("serves on %s, want 127.0.0.1", url)
	}
	if !strings.Contains(httpGet(t, url+"proef/"), "Eerste versie.") {
		t.Fatal("page not served")
	}
	if err := os.WriteFile(filepath.Join(src, "content", "proef.md"), []byte("---\ntitle: Proef\n---\nTweede versie.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	waitText(t, stdout, "content/proef.md changed: rebuilt")
	if !strings.Contains(httpGet(t, url+"proef/"), "Tweede versie.") {
		t.Error("the edit is not served")
	}
	if !regexp.MustCompile(`content/proef.md changed: rebuilt .*proef/index.html.* in \d+ms`).MatchString(stdout.String()) {
		t.Errorf("the terminal does not say what was rebuilt and how long it took:\n%s", stdout)
	}
	if n := strings.Count(stderr.String(), "unverified reference"); n != 0 {
		t.Errorf("%d warnings about the national model listed, want one summary line:\n%s", n, stderr)
	}
	if code := stop(); code != 0 {
		t.Errorf("exit %d after Ctrl-C", code)
	}
	if !strings.Contains(stdout.String(), "stopped") {
		t.Errorf("stdout: %s", stdout)
	}
}

// TestServeSourceRenamed: a source folder renamed while serving is reported,
// and the last good build stays, instead of quietly serving the built-in site;
// when the folder is back, so is the site.
func TestServeSourceRenamed(t *testing.T) {
	src := writeSite(t, map[string]string{"content/proef.md": "---\ntitle: Proef\n---\nEigen versie.\n"})
	url, stdout, stderr, _ := startServe(t, src)
	if err := os.Rename(src, src+"-nieuw"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Rename(src+"-nieuw", src) })
	waitText(t, stderr, src+": the source folder is gone")
	body := httpGet(t, url+"proef/")
	if !strings.Contains(body, "Eigen versie.") || !strings.Contains(body, "the source folder is gone") {
		t.Error("the page is not the last good one with the error over it")
	}
	// Put back: the site builds again by itself.
	if err := os.Rename(src+"-nieuw", src); err != nil {
		t.Fatal(err)
	}
	waitText(t, stdout, "fixed: the site builds again")
	if body := httpGet(t, url+"proef/"); strings.Contains(body, "the source folder is gone") {
		t.Error("the error stays after the folder is back")
	}
}

// TestBuildInterrupted: Ctrl-C during a build writes nothing.
func TestBuildInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	out := filepath.Join(t.TempDir(), "public")
	var stdout, stderr bytes.Buffer
	code := run(ctx, []string{"build", "--source", t.TempDir(), "--out", out}, &stdout, &stderr)
	if code != 1 || !strings.Contains(stderr.String(), "interrupted; nothing written") {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("an interrupted build wrote its output")
	}
}

// TestWarnings: warnings about the built-in model are one line, listed by
// check -v and left out by --quiet; warnings about the editor's own files
// are listed with their path.
func TestWarnings(t *testing.T) {
	ci.Slow(t, "builds the national site several times")
	code, _, stderr := runCmd(t, "check", "--source", t.TempDir())
	if code != 0 || strings.Count(stderr, "\n") != 1 || !regexp.MustCompile(`^\d+ warnings about the built-in national model \(zvh check -v lists them\)\n$`).MatchString(stderr) {
		t.Errorf("check in an empty folder: exit %d, stderr:\n%s", code, stderr)
	}
	_, _, verbose := runCmd(t, "check", "-v", "--source", t.TempDir())
	if !regexp.MustCompile(`content/wetten/wpg\.md:\d+:\d+: warning: unverified reference \(verified: false\)`).MatchString(verbose) || strings.Contains(verbose, "about the built-in") {
		t.Errorf("check -v:\n%s", verbose)
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, stdout, stderr := runCmd(t, "build", "--quiet", "--source", t.TempDir(), "--out", out); stdout != "" || stderr != "" {
		t.Errorf("build --quiet printed %q %q", stdout, stderr)
	}

	wpg, err := fs.ReadFile(zvh.Base, "content/wetten/wpg.md")
	if err != nil {
		t.Fatal(err)
	}
	src := writeSite(t, map[string]string{"content/wetten/wpg.md": string(wpg)})
	_, _, stderr = runCmd(t, "build", "--quiet", "--source", src, "--out", out)
	if !regexp.MustCompile(`content/wetten/wpg\.md:\d+:\d+: warning: unverified reference \(verified: false\)`).MatchString(stderr) {
		t.Errorf("a warning about the editor's own file is not listed:\n%s", stderr)
	}
}

// TestOutRefusesFoldersTheBuildReads: an output inside content/, layouts/
// or assets/ of the source would be read back in by the next build.
func TestOutRefusesFoldersTheBuildReads(t *testing.T) {
	ci.Slow(t, "builds the national site once per folder")
	src := writeSite(t, map[string]string{"assets/css/x.css": "a{}"})
	for _, out := range []string{"assets", "assets/public", "content/public", "layouts/x/y"} {
		code, _, stderr := runCmd(t, "build", "--source", src, "--out", filepath.Join(src, out))
		sub, _, _ := strings.Cut(out, "/")
		if code != 2 || !strings.Contains(stderr, "inside the source's "+sub+"/ folder") {
			t.Errorf("--out %s: exit %d, stderr %q; want a usage error", out, code, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(src, "assets", "public")); !os.IsNotExist(err) {
		t.Error("a refused build wrote its output")
	}
	// Through a symbolic link to the same folder.
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(filepath.Join(src, "assets"), link); err != nil {
		t.Skip(err)
	}
	if code, _, stderr := runCmd(t, "build", "--source", src, "--out", filepath.Join(link, "public")); code != 2 {
		t.Errorf("--out through a link into assets/: exit %d, stderr %q", code, stderr)
	}
	// Next to those folders is fine: the default --out is public/ in the source.
	if code, _, stderr := runCmd(t, "build", "--quiet", "--source", src, "--out", filepath.Join(src, "public")); code != 0 {
		t.Errorf("--out public in the source: exit %d, %s", code, stderr)
	}
}

// TestBuildKeepsUserFiles is the mistyped --out: a folder of the user's
// own files that holds an index.html is no earlier build and is not
// touched.
func TestBuildKeepsUserFiles(t *testing.T) {
	u := writeSite(t, map[string]string{"thesis.docx": "x", "index.html": "<html>"})
	before := hashTree(t, u)
	code, _, stderr := runCmd(t, "build", "--source", t.TempDir(), "--out", u)
	if code != 1 || !strings.Contains(stderr, "refusing to replace") {
		t.Fatalf("exit %d, stderr %q; want a refusal", code, stderr)
	}
	after := hashTree(t, u)
	if len(after) != len(before) || after[filepath.Join(u, "thesis.docx")] != before[filepath.Join(u, "thesis.docx")] {
		t.Errorf("the user's folder changed: %v", after)
	}
}

// TestSymlinkOutOfSourceIsAnError is the attack of the report: a link in
// the site folder to a file elsewhere on the machine must not publish it.
// Each such link is an error naming its path; a link that stays inside the
// folder is fine.
func TestSymlinkOutOfSourceIsAnError(t *testing.T) {
	elsewhere := writeSite(t, map[string]string{"geheim.md": "---\ntitle: Geheim\n---\nGeheim.\n", "footer.html": "x"})
	src := writeSite(t, map[string]string{"shared/over.md": "---\ntitle: Over\n---\nOver ons.\n"})
	links := map[string]string{
		"assets/passwd.txt":            "/etc/passwd",
		"content/geheim.md":            filepath.Join(elsewhere, "geheim.md"),
		"layouts/partials/footer.html": filepath.Join(elsewhere, "footer.html"),
		"content/over.md":              "../shared/over.md",
	}
	for name, target := range links {
		p := filepath.Join(src, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.Symlink(target, p); err != nil {
			t.Skipf("cannot make symbolic links here: %v", err)
		}
	}
	out := filepath.Join(t.TempDir(), "public")
	code, _, stderr := runCmd(t, "build", "--source", src, "--out", out)
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr:\n%s", code, stderr)
	}
	for _, name := range []string{"assets/passwd.txt", "content/geheim.md", "layouts/partials/footer.html"} {
		found := false
		for _, line := range strings.Split(stderr, "\n") {
			if strings.HasPrefix(line, name+":") && strings.HasSuffix(line, "symlink to outside the source folder") {
				found = true
			}
		}
		if !found {
			t.Errorf("no error for %s; stderr:\n%s", name, stderr)
		}
	}
	if strings.Contains(stderr, "content/over.md") {
		t.Errorf("a link inside the source folder was reported:\n%s", stderr)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("a failed build wrote output")
	}
}

// TestBuildWithoutNationalContent: --national-content=false builds the
// source's own pages with the built-in layouts and assets, and none of the
// built-in pages.
func TestBuildWithoutNationalContent(t *testing.T) {
	src := writeSite(t, map[string]string{"content/_index.md": "---\ntitle: Eigen site\n---\nWelkom.\n", "content/a.md": "---\ntitle: A\n---\nTekst.\n"})
	out := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := runCmd(t, "build", "--quiet", "--national-content=false", "--offline-copy=false", "--source", src, "--out", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "a", "index.html")); err != nil {
		t.Error("the source's own page is missing")
	}
	if _, err := os.Stat(filepath.Join(out, "spelregels", "index.html")); err == nil {
		t.Error("a built-in national page was built")
	}
	if m, _ := filepath.Glob(filepath.Join(out, "css", "app.*.css")); len(m) != 1 {
		t.Error("the built-in stylesheet is missing")
	}
}
