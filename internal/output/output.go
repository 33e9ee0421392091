// Package output writes a finished build to disk atomically: everything goes
// into a temporary sibling folder first, and only when every file is written
// is that folder swapped in for the old output. A build that fails, or a disk
// that fills up halfway, leaves the previous site exactly as it was.
//
// Files are written as the build produces them (Begin, WriteFile from any
// goroutine, then Commit or Abort), so a large site is never held in memory
// as a whole.
package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// Dir is an output folder being written.
type Dir struct {
	final string // the folder to replace
	tmp   string // the temporary sibling the files go to

	mu   sync.Mutex
	dirs map[string]bool // folders made so far under tmp
}

// Begin starts writing a build that will replace the folder dir. dir may not
// exist yet. An existing non-empty dir is replaced only if it looks like an
// earlier build (it has an index.html), so a mistyped --out never wipes a
// folder of other files.
func Begin(dir string) (*Dir, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if err := checkReplaceable(dir); err != nil {
		return nil, err
	}
	parent, base := filepath.Split(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(parent, "."+base+".new-")
	if err != nil {
		return nil, err
	}
	return &Dir{final: dir, tmp: tmp, dirs: map[string]bool{tmp: true}}, nil
}

// WriteFile writes one file, name being a slash-separated path relative to
// the output folder. It is safe for concurrent use.
func (d *Dir) WriteFile(name string, b []byte) error {
	if !filepath.IsLocal(filepath.FromSlash(name)) || strings.Contains(name, "\\") {
		return fmt.Errorf("output path %q leaves the output folder", name)
	}
	p := filepath.Join(d.tmp, filepath.FromSlash(name))
	if err := d.mkdir(filepath.Dir(p)); err != nil {
		return err
	}
	return os.WriteFile(p, b, 0o644)
}

func (d *Dir) mkdir(dir string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.dirs[dir] {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for ; !d.dirs[dir]; dir = filepath.Dir(dir) {
		d.dirs[dir] = true
	}
	return nil
}

// Abort removes what was written; the previous output stays as it was.
func (d *Dir) Abort() { os.RemoveAll(d.tmp) }

// Commit swaps the written folder in for the old output.
func (d *Dir) Commit() error {
	tmp, dir := d.tmp, d.final
	if err := os.Chmod(tmp, 0o755); err != nil {
		d.Abort()
		return err
	}
	if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
		if err := os.Rename(tmp, dir); err != nil {
			d.Abort()
			return err
		}
		return nil
	}
	old := tmp + ".old"
	if err := os.Rename(dir, old); err != nil {
		d.Abort()
		return err
	}
	if err := os.Rename(tmp, dir); err != nil {
		// Put the previous build back; it is still whole.
		os.Rename(old, dir)
		d.Abort()
		return err
	}
	return os.RemoveAll(old)
}

// Write replaces the folder dir by a folder holding files (slash-separated
// paths relative to dir), in one step: Begin, every file, Commit.
func Write(dir string, files map[string][]byte) error {
	d, err := Begin(dir)
	if err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if err := d.WriteFile(name, files[name]); err != nil {
			d.Abort()
			return err
		}
	}
	return d.Commit()
}

func checkReplaceable(dir string) error {
	info, err := os.Stat(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return fmt.Errorf("output %s exists and is not a folder", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(dir, "index.html")); err != nil {
		return fmt.Errorf("refusing to replace %s: it is not empty and holds no earlier build (no index.html)", dir)
	}
	return nil
}
