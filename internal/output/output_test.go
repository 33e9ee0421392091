package output

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
