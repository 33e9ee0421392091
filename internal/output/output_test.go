package output

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestWriteReplacesEarlierBuild(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := Write(out, map[string][]byte{"index.html": []byte("one"), "old/index.html": []byte("gone")}); err != nil {
		t.Fatal(err)
	}
	if err := Write(out, map[string][]byte{"index.html": []byte("two"), "a/b.css": []byte("css")}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "index.html")); string(b) != "two" {
		t.Errorf("index.html = %q, want two", b)
	}
	if _, err := os.Stat(filepath.Join(out, "old")); !os.IsNotExist(err) {
		t.Errorf("a file of the earlier build survived: %v", err)
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("temporary folders left beside the output: %v", entries)
	}
}

func TestWriteRefusesForeignFolder(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module x"), 0o644)
	err := Write(dir, map[string][]byte{"index.html": []byte("x")})
	if err == nil || !strings.Contains(err.Error(), "refusing to replace") {
		t.Fatalf("err = %v, want a refusal", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err != nil {
		t.Error("the foreign folder was touched")
	}
}

func TestWriteFailureKeepsPreviousOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := Write(out, map[string][]byte{"index.html": []byte("one")}); err != nil {
		t.Fatal(err)
	}
	err := Write(out, map[string][]byte{"index.html": []byte("two"), "../escape.html": []byte("x")})
	if err == nil {
		t.Fatal("want an error for a path outside the output")
	}
	if b, _ := os.ReadFile(filepath.Join(out, "index.html")); string(b) != "one" {
		t.Errorf("previous output changed: %q", b)
	}
}

// TestWriteRefusesUserFolderWithIndex is the case of a user's folder that
// happens to hold an index.html: it is no earlier build, so nothing in it
// may be deleted.
func TestWriteRefusesUserFolderWithIndex(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "thesis.docx"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(dir, "index.html"), []byte("<html>"), 0o644)
	err := Write(dir, map[string][]byte{"index.html": []byte("site")})
	if err == nil || !strings.Contains(err.Error(), "refusing to replace") || !strings.Contains(err.Error(), Marker) {
		t.Fatalf("err = %v, want a refusal that names %s", err, Marker)
	}
	for name, want := range map[string]string{"thesis.docx": "x", "index.html": "<html>"} {
		if b, err := os.ReadFile(filepath.Join(dir, name)); err != nil || string(b) != want {
			t.Errorf("%s = %q, %v; the user's file was touched", name, b, err)
		}
	}
}

// TestWriteMarksItsOutput checks that the output carries the marker, a
// regular file, and that a folder with a marker folder of the same name is
// still refused.
func TestWriteMarksItsOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := Write(out, map[string][]byte{"index.html": []byte("one")}); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(filepath.Join(out, Marker)); err != nil || !info.Mode().IsRegular() {
		t.Fatalf("no marker file in the output: %v", err)
	}
	if err := Write(out, map[string][]byte{Marker: []byte("x")}); err == nil {
		t.Error("a build that writes the marker's path itself: want an error")
	}

	other := t.TempDir()
	os.Mkdir(filepath.Join(other, Marker), 0o755)
	os.WriteFile(filepath.Join(other, "notes.txt"), []byte("x"), 0o644)
	if err := Write(other, map[string][]byte{"index.html": []byte("x")}); err == nil {
		t.Error("a folder with a directory named like the marker was replaced")
	}
}

// deadPID returns the id of a process that has ended.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.Process.Pid
}

// TestWriteRemovesStaleTemporaries leaves what killed builds leave behind
// (a half-written new output and a previous output moved aside) and checks
// that the next build removes them, but not the folder of a build that is
// still running.
func TestWriteRemovesStaleTemporaries(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	dead := strconv.Itoa(deadPID(t))
	running := strconv.Itoa(os.Getppid())
	stale := []string{".public.new-" + dead + "-123", ".public.new-" + dead + "-456.old", ".public.new-789"}
	keep := []string{".public.new-" + running + "-123", ".public.new-55", ".other.new-" + dead + "-1", "public.old"}
	for _, name := range append(slices.Clone(stale), keep...) {
		if err := os.MkdirAll(filepath.Join(parent, name, "a"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// A folder without a process id in its name (an older zvh) counts as
	// left over only when it is old; .public.new-55 is fresh.
	long := time.Now().Add(-time.Hour)
	os.Chtimes(filepath.Join(parent, ".public.new-789"), long, long)

	if err := Write(out, map[string][]byte{"index.html": []byte("x")}); err != nil {
		t.Fatal(err)
	}
	for _, name := range stale {
		if _, err := os.Stat(filepath.Join(parent, name)); !os.IsNotExist(err) {
			t.Errorf("%s was left behind: %v", name, err)
		}
	}
	for _, name := range keep {
		if _, err := os.Stat(filepath.Join(parent, name)); err != nil {
			t.Errorf("%s was removed: %v", name, err)
		}
	}
}

// TestWriteLeftoverIsNoFailure makes the removal of the previous output
// fail after the swap: the new output is in place, so Write says so with a
// *LeftoverError, and the next build removes the left-over.
func TestWriteLeftoverIsNoFailure(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	if err := Write(out, map[string][]byte{"index.html": []byte("one")}); err != nil {
		t.Fatal(err)
	}
	busy := errors.New("device or resource busy")
	err := write(out, map[string][]byte{"index.html": []byte("two")}, func(string) error { return busy })
	var lo *LeftoverError
	if !errors.As(err, &lo) || !errors.Is(err, busy) {
		t.Fatalf("err = %v, want a *LeftoverError", err)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "index.html")); string(b) != "two" {
		t.Errorf("index.html = %q; the new output is not in place", b)
	}
	if b, _ := os.ReadFile(filepath.Join(lo.Path, "index.html")); string(b) != "one" {
		t.Errorf("the left-over at %s does not hold the previous output", lo.Path)
	}
	// The left-over's process is this one, which is still running: it is
	// kept until a build from another process runs. Rename it as if an
	// earlier process had left it, and build again.
	ghost := filepath.Join(parent, ".public.new-"+strconv.Itoa(deadPID(t))+"-1.old")
	if err := os.Rename(lo.Path, ghost); err != nil {
		t.Fatal(err)
	}
	if err := Write(out, map[string][]byte{"index.html": []byte("three")}); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Errorf("left beside the output: %v", entries)
	}
}
