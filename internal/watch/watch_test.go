package watch

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// start watches content/, layouts/ and assets/ of a new folder holding
// files, and returns the folder and the watcher.
func start(t *testing.T, files ...string) (string, *Watcher) {
	t.Helper()
	root := t.TempDir()
	for _, f := range files {
		write(t, filepath.Join(root, f), "x")
	}
	w, err := New(root, []string{"content", "layouts", "assets"}, 0)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan bool)
	go func() { w.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	return root, w
}

func write(t *testing.T, p, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// next waits for one batch.
func next(t *testing.T, w *Watcher) []string {
	t.Helper()
	select {
	case b := <-w.Changes():
		return b
	case <-time.After(5 * time.Second):
		t.Fatal("no batch of changes within 5s")
	}
	return nil
}

// none checks that no batch comes for a while.
func none(t *testing.T, w *Watcher) {
	t.Helper()
	select {
	case b := <-w.Changes():
		t.Errorf("unexpected batch %v", b)
	case <-time.After(10 * Quiet):
	}
}

func want(t *testing.T, got []string, want ...string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("batch = %q, want %q", got, want)
	}
}

func TestPlainWriteIsOneBatch(t *testing.T) {
	root, w := start(t, "content/a.md")
	f, err := os.OpenFile(filepath.Join(root, "content", "a.md"), os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		t.Fatal(err)
	}
	// Several writes, as editors make them for one save.
	for _, s := range []string{"---\n", "title: A\n", "---\n"} {
		f.WriteString(s)
		time.Sleep(time.Millisecond)
	}
	f.Close()
	want(t, next(t, w), "content/a.md")
	none(t, w)
}

// TestRenameSave is how many editors (and Go's own atomic writers) save:
// write a temporary file next to the original and rename it over it.
func TestRenameSave(t *testing.T) {
	root, w := start(t, "content/a.md")
	tmp := filepath.Join(root, "content", ".a.md.tmp123")
	write(t, tmp, "new")
	if err := os.Rename(tmp, filepath.Join(root, "content", "a.md")); err != nil {
		t.Fatal(err)
	}
	want(t, next(t, w), "content/a.md")
	none(t, w)
}

// TestVimSave replays vim's default save (backupcopy=auto on Linux): a write
// test file 4913, a backup made by renaming, the new file, the backup
// deleted, with a swap file being written throughout.
func TestVimSave(t *testing.T) {
	root, w := start(t, "layouts/base.html")
	dir := filepath.Join(root, "layouts")
	write(t, filepath.Join(dir, ".base.html.swp"), "swap")
	write(t, filepath.Join(dir, "4913"), "")
	os.Remove(filepath.Join(dir, "4913"))
	os.Rename(filepath.Join(dir, "base.html"), filepath.Join(dir, "base.html~"))
	write(t, filepath.Join(dir, "base.html"), "new")
	os.Remove(filepath.Join(dir, "base.html~"))
	write(t, filepath.Join(dir, ".base.html.swp"), "swap 2")
	want(t, next(t, w), "layouts/base.html")
	none(t, w)
}

// TestNewFolderIsWatched creates a folder after the start and a file in it
// later: the file's change must be seen, which needs a watch on the folder.
func TestNewFolderIsWatched(t *testing.T) {
	root, w := start(t, "content/a.md")
	write(t, filepath.Join(root, "content", "nieuw", "diep", "b.md"), "b")
	want(t, next(t, w), "content/nieuw/diep/b.md")
	write(t, filepath.Join(root, "content", "nieuw", "diep", "c.md"), "c")
	want(t, next(t, w), "content/nieuw/diep/c.md")
}

// TestSourceFolderCreatedLater starts in an empty site folder, the usual
// first step, and then adds content/.
func TestSourceFolderCreatedLater(t *testing.T) {
	root, w := start(t)
	if err := os.Mkdir(filepath.Join(root, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(root, "content", "a.md"), "a")
	want(t, next(t, w), "content/a.md")
}

func TestOtherFoldersAreNotSources(t *testing.T) {
	root, w := start(t, "content/a.md")
	write(t, filepath.Join(root, "public", "index.html"), "out")
	write(t, filepath.Join(root, "notes.txt"), "x")
	none(t, w)
}

// TestRootRenamed reports a renamed site folder as ".", so the server can
// say so instead of quietly building something else.
func TestRootRenamed(t *testing.T) {
	root, w := start(t, "content/a.md")
	if err := os.Rename(root, root+"-weg"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Rename(root+"-weg", root) })
	b := next(t, w)
	if !slices.Contains(b, ".") {
		t.Errorf("batch = %q, want it to contain \".\"", b)
	}
	// Renamed back: reported, and watched as before.
	if err := os.Rename(root+"-weg", root); err != nil {
		t.Fatal(err)
	}
	want(t, next(t, w), ".")
	write(t, filepath.Join(root, "content", "b.md"), "b")
	want(t, next(t, w), "content/b.md")
}

// TestBusyReceiverGetsOneBatch: changes made while the receiver is busy
// come together in the next batch.
func TestBusyReceiverGetsOneBatch(t *testing.T) {
	root, w := start(t, "content/a.md", "content/b.md")
	write(t, filepath.Join(root, "content", "a.md"), "1")
	time.Sleep(5 * Quiet)
	write(t, filepath.Join(root, "content", "b.md"), "2")
	time.Sleep(5 * Quiet)
	want(t, next(t, w), "content/a.md", "content/b.md")
}

func TestIgnored(t *testing.T) {
	for name, ignored := range map[string]bool{
		"4913": true, "5036": true, "over.md~": true, ".over.md.swp": true, ".over.md.swx": true,
		".#over.md": true, "#over.md#": true, "over.md___jb_tmp___": true, ".DS_Store": true,
		"over.md": false, "2024.md": false, "app.css": false, "regio.yaml": false, "swp.md": false,
	} {
		if Ignored(name) != ignored {
			t.Errorf("Ignored(%q) = %v", name, !ignored)
		}
	}
}

// TestWholeFolder watches all of a folder, as for a region folder outside
// the site folder: every file in it is a source.
func TestWholeFolder(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "regio.yaml"), "name: x")
	w, err := New(root, []string{"."}, 0)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan bool)
	go func() { w.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()
	write(t, filepath.Join(root, "regio.yaml"), "name: y")
	want(t, next(t, w), "regio.yaml")
	write(t, filepath.Join(root, "content", "over.md"), "x")
	want(t, next(t, w), "content/over.md")
}
