package layerfs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// TestDirRefusesLinksOut builds a real folder with symbolic links that stay
// inside it and ones that leave it, for content, layouts and assets: the
// first kind reads as usual, the second is an error naming the path, also
// when a lower layer has a file at that path.
func TestDirRefusesLinksOut(t *testing.T) {
	tmp := t.TempDir()
	outside := filepath.Join(tmp, "geheim.md")
	os.WriteFile(outside, []byte("---\ntitle: Geheim\n---\n"), 0o644)
	src := filepath.Join(tmp, "site")
	for _, d := range []string{"content", "layouts", "assets", "shared"} {
		os.MkdirAll(filepath.Join(src, d), 0o755)
	}
	os.WriteFile(filepath.Join(src, "shared", "in.md"), []byte("binnen"), 0o644)
	links := map[string]string{
		"content/geheim.md":   outside,           // absolute, out
		"content/relatief.md": "../../geheim.md", // relative, out
		"layouts/base.html":   "/etc/hostname",   // absolute, out
		"assets/passwd.txt":   "/etc/passwd",     // the attack in the report
		"assets/etc":          "/etc",            // a folder out
		"content/binnen.md":   "../shared/in.md", // stays inside
		"content/gedeeld":     "../shared",       // a folder inside
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(src, name)); err != nil {
			t.Skipf("cannot make symbolic links here: %v", err)
		}
	}
	d, err := OpenDir(src)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	lower := fstest.MapFS{"layouts/base.html": {Data: []byte("national")}}
	stack := New(Layer{"site", d}, Layer{"national", lower})

	for _, name := range []string{"content/geheim.md", "content/relatief.md", "layouts/base.html", "assets/passwd.txt", "assets/etc/passwd"} {
		b, err := fs.ReadFile(stack, name)
		var oe *OutsideError
		if !errors.As(err, &oe) || !errors.Is(err, ErrOutside) {
			t.Errorf("ReadFile(%s) = %q, %v; want the symlink error", name, b, err)
			continue
		}
		if err.Error() != "symlink to outside the source folder" {
			t.Errorf("ReadFile(%s): message %q", name, err)
		}
		if _, err := fs.Stat(stack, name); !errors.Is(err, ErrOutside) {
			t.Errorf("Stat(%s) = %v; want the symlink error", name, err)
		}
	}
	if b, err := fs.ReadFile(stack, "content/binnen.md"); err != nil || string(b) != "binnen" {
		t.Errorf("a link inside the folder: %q, %v", b, err)
	}
	if b, err := fs.ReadFile(stack, "content/gedeeld/in.md"); err != nil || string(b) != "binnen" {
		t.Errorf("a folder link inside the folder: %q, %v", b, err)
	}
	if _, err := fs.ReadFile(stack, "content/nergens.md"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing file: %v, want not-exist", err)
	}

	// Walking reports the link as an entry; reading it is the error.
	var found []string
	fs.WalkDir(stack, "assets", func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			if _, err := fs.ReadFile(stack, p); errors.Is(err, ErrOutside) {
				found = append(found, p)
			}
		}
		return nil
	})
	if len(found) != 2 || found[0] != "assets/etc" || found[1] != "assets/passwd.txt" {
		t.Errorf("walking assets found %v as links out; want assets/etc and assets/passwd.txt", found)
	}
}

// TestDirIsAnFS runs the standard file system checks on a plain folder.
func TestDirIsAnFS(t *testing.T) {
	src := t.TempDir()
	os.MkdirAll(filepath.Join(src, "content", "a"), 0o755)
	os.WriteFile(filepath.Join(src, "content", "a", "b.md"), []byte("x"), 0o644)
	d, err := OpenDir(src)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if err := fstest.TestFS(d, "content/a/b.md"); err != nil {
		t.Error(err)
	}
}
