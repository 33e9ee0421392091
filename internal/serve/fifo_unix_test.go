//go:build unix

package serve

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/zvh-webtool/zvh"
	"github.com/zvh-webtool/zvh/internal/layerfs"
	"github.com/zvh-webtool/zvh/internal/site"
)

// TestRebuildRecoversFromNamedPipe: a FIFO in content/ is an error naming
// it (it used to stop every later rebuild for good), and once it is removed
// the next rebuild succeeds.
func TestRebuildRecoversFromNamedPipe(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "content", "x.md")
	os.MkdirAll(filepath.Dir(fifo), 0o755)
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("cannot make a named pipe here: %v", err)
	}
	d, err := layerfs.OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	fsys := layerfs.New(layerfs.Layer{Name: "site", FS: d}, layerfs.Layer{Name: "national", FS: zvh.Base})
	b := &Incremental{Session: site.NewSession(site.Options{FS: fsys}), FS: fsys, Source: dir}
	dev := NewDev(b)
	defer dev.Close()
	r := dev.Rebuild(context.Background(), nil)
	if len(r.Errs) == 0 || !strings.Contains(r.Errs.Error(), "content/x.md: cannot read: a named pipe") {
		t.Fatalf("first build: %v, want an error at content/x.md", r.Errs)
	}
	if err := os.Remove(fifo); err != nil {
		t.Fatal(err)
	}
	if r := dev.Rebuild(context.Background(), []string{"content/x.md"}); len(r.Errs) > 0 {
		t.Fatalf("after the FIFO was removed: %v", r.Errs)
	}
}
