package main

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// newRegion writes a starter region folder with zvh new region and returns
// it and an empty source folder.
func newRegion(t *testing.T) (src, dir string) {
	t.Helper()
	src = t.TempDir()
	dir = filepath.Join(t.TempDir(), "mijn-regio")
	if code, _, stderr := runCmd(t, "new", "region", dir, "--source", src); code != 0 {
		t.Fatalf("new region: exit %d\n%s", code, stderr)
	}
	return src, dir
}

// TestRegionSymlinkOutIsAnError: a region folder given by its path is read
// with the same contained opener as the source folder, so a page that is a
// symbolic link out of it is an error, never a published page.
func TestRegionSymlinkOutIsAnError(t *testing.T) {
	src, dir := newRegion(t)
	outside := writeSite(t, map[string]string{"geheim.md": "---\ntitle: Geheim\n---\nGeheime tekst.\n"})
	if err := os.Symlink(filepath.Join(outside, "geheim.md"), filepath.Join(dir, "geheim.md")); err != nil {
		t.Skipf("cannot make symbolic links here: %v", err)
	}
	out := filepath.Join(t.TempDir(), "public")
	code, _, stderr := runCmd(t, "build", "--source", src, "--region", dir, "--out", out)
	if code != 1 || !strings.Contains(stderr, "geheim.md") || !strings.Contains(stderr, "symlink to outside") {
		t.Fatalf("exit %d, want 1 with an error at geheim.md; stderr:\n%s", code, stderr)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("a failed build wrote output")
	}
}

// TestRegionAcceptStaysInside: zvh region accept writes the national
// snapshot into the region's .landelijk folder; when that folder is a link
// to somewhere else, nothing is written there.
func TestRegionAcceptStaysInside(t *testing.T) {
	src, dir := newRegion(t)
	outside := t.TempDir()
	if err := os.RemoveAll(filepath.Join(dir, ".landelijk")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, ".landelijk")); err != nil {
		t.Skipf("cannot make symbolic links here: %v", err)
	}
	file := filepath.Join(dir, "procesplaten", "complexe-casuistiek", "triage.md")
	code, _, stderr := runCmd(t, "region", "accept", file, "--source", src)
	if code == 0 {
		t.Errorf("accept through a linked .landelijk: exit 0; stderr:\n%s", stderr)
	}
	entries, _ := os.ReadDir(outside)
	if len(entries) > 0 {
		t.Errorf("accept wrote outside the region folder: %v", entries)
	}
}

// TestNewRegionRefusesDotNames: "." and ".." as a slug would write the
// starter into content/regio/ or content/ over national pages.
func TestNewRegionRefusesDotNames(t *testing.T) {
	for _, name := range []string{".", "..", "a/.."} {
		src := t.TempDir()
		code, _, stderr := runCmd(t, "new", "region", name, "--source", src)
		if code != exitUsage {
			t.Errorf("new region %q: exit %d, want %d; stderr:\n%s", name, code, exitUsage, stderr)
		}
		if entries, _ := os.ReadDir(src); len(entries) > 0 {
			t.Errorf("new region %q wrote into the source folder", name)
		}
	}
}

// TestCheckNamedPipe: a FIFO called x.md is an error naming it; it used to
// hang zvh check for good.
func TestCheckNamedPipe(t *testing.T) {
	src := t.TempDir()
	os.MkdirAll(filepath.Join(src, "content"), 0o755)
	if err := mkfifo(filepath.Join(src, "content", "x.md")); err != nil {
		t.Skipf("cannot make a named pipe here: %v", err)
	}
	type result struct {
		code   int
		stderr string
	}
	done := make(chan result, 1)
	go func() {
		code, _, stderr := runCmd(t, "check", "--source", src)
		done <- result{code, stderr}
	}()
	select {
	case r := <-done:
		if r.code != 1 || !strings.Contains(r.stderr, "content/x.md: cannot read: a named pipe (FIFO)") {
			t.Errorf("exit %d, want 1 with an error at content/x.md; stderr:\n%s", r.code, r.stderr)
		}
	case <-time.After(time.Minute):
		// Not a timing assertion: the old behaviour was to wait forever.
		t.Fatal("zvh check hangs on a named pipe")
	}
}

// TestServeRefusesOtherHosts: zvh serve answers a request for another host
// name (DNS rebinding) with 421, and one for its own address as usual.
func TestServeRefusesOtherHosts(t *testing.T) {
	url, _, _, stop := startServe(t, t.TempDir())
	defer stop()
	for host, want := range map[string]int{"attacker.example": 421, "": 200} {
		req, _ := http.NewRequest("GET", url, nil)
		if host != "" {
			req.Host = host
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("Host %q: status %d, want %d", host, resp.StatusCode, want)
		}
	}
}
