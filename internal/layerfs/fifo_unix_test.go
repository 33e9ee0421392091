//go:build unix

package layerfs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestNamedPipeIsAnError: opening a FIFO blocks until someone writes to it,
// so a FIFO called x.md must be refused before it is opened.
func TestNamedPipeIsAnError(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "x.md"), 0o644); err != nil {
		t.Skipf("cannot make a named pipe here: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "y.md"), []byte("y"), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	done := make(chan error, 2)
	go func() {
		_, err := d.ReadFile("x.md")
		done <- err
		_, err = d.Open("x.md")
		done <- err
	}()
	for range 2 {
		var nr *NotRegularError
		if err := <-done; !errors.As(err, &nr) || nr.Path != "x.md" {
			t.Errorf("reading a FIFO: %v, want a NotRegularError for x.md", err)
		} else if err.Error() != "a named pipe (FIFO), not a regular file: only files and folders are read" {
			t.Errorf("message %q", err)
		}
	}
	if b, err := fs.ReadFile(d, "y.md"); err != nil || string(b) != "y" {
		t.Errorf("a regular file: %q, %v", b, err)
	}
}
