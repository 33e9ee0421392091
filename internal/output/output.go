// Package output writes a finished build to disk atomically: everything goes
// into a temporary sibling folder first, and only when every file is written
// is that folder swapped in for the old output. A build that fails, or a disk
// that fills up halfway, leaves the previous site exactly as it was.
//
// Files are written as the build produces them (Begin, WriteFile from any
// goroutine, then Commit or Abort), so a large site is never held in memory
// as a whole.
//
// # Whose folder it is
//
// Every build writes a marker file, [Marker], into its output. A folder is
// replaced only when it is empty or holds that marker: a folder of other
// files (a mistyped --out that names someone's documents) is refused and
// never touched, even when it happens to hold an index.html.
//
// # Left-overs
//
// The temporary folders are named after the output and the process that
// writes them: .<out>.new-<pid>-<random>, and .<out>.new-<pid>-<random>.old
// for the previous output during the swap. A build that is killed halfway
// leaves one behind; every later build into the same output removes those
// whose process is gone, and leaves alone those of a build still running
// next to it.
//
// When the previous output cannot be removed after the swap, the new site is
// in place and whole, so the build succeeded: Write then returns a
// [*LeftoverError], which callers report as a warning, not as a failure. The
// left-over folder is removed by the next build.
package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Marker is the name of the file, at the top of every output folder, by
// which a later build recognises the folder as its own.
const Marker = ".zvh-build"

// markerText explains the marker to a person who finds it.
const markerText = "This folder was written by zvh build and is replaced by the next build.\n" +
	"Files you add here are deleted then. Remove this file and zvh will refuse to touch the folder.\n"

// LeftoverError says that the new output is in place, but the previous one
// could not be removed and is still at Path. The build itself succeeded.
type LeftoverError struct {
	Path string // the previous output, moved aside
	Err  error
}

func (e *LeftoverError) Error() string {
	return fmt.Sprintf("the new site is in place, but the previous one could not be removed from %s (the next build tries again): %v", e.Path, e.Err)
}

func (e *LeftoverError) Unwrap() error { return e.Err }

// Dir is an output folder being written.
type Dir struct {
	final     string   // the folder to replace
	tmp       string   // the temporary sibling the files go to
	root      *os.Root // tmp, opened so that no write leaves it
	removeAll func(string) error

	mu   sync.Mutex
	dirs map[string]bool // folders made so far under tmp, as slash paths
}

// Begin starts writing a build that will replace the folder dir. dir may not
// exist yet. An existing non-empty dir is replaced only if it holds the
// marker of an earlier build.
func Begin(dir string) (*Dir, error) { return begin(dir, os.RemoveAll) }

// begin is Begin with the function that removes the previous output, so
// tests can make that fail.
func begin(dir string, removeAll func(string) error) (*Dir, error) {
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
	removeStale(parent, base)
	tmp, err := os.MkdirTemp(parent, tempPrefix(base)+strconv.Itoa(os.Getpid())+"-")
	if err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(tmp)
	if err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	return &Dir{final: dir, tmp: tmp, root: root, removeAll: removeAll, dirs: map[string]bool{".": true}}, nil
}

// WriteFile writes one file, name being a slash-separated path relative to
// the output folder. It is safe for concurrent use.
func (d *Dir) WriteFile(name string, b []byte) error {
	if !filepath.IsLocal(filepath.FromSlash(name)) || strings.Contains(name, "\\") {
		return fmt.Errorf("output path %q leaves the output folder", name)
	}
	if name == Marker {
		return fmt.Errorf("output path %s is reserved for the build's own marker", Marker)
	}
	if err := d.mkdir(path.Dir(name)); err != nil {
		return err
	}
	// Through the root: a name can never leave the output folder, not
	// even by a symbolic link something else put there meanwhile.
	f, err := d.root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if err == nil {
		// A web server must read what is published, whatever the umask
		// of the person who built it (077 would make it 0600).
		err = f.Chmod(0o644)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// mkdir makes dir and the folders above it that are not made yet. Every
// file of a site is in its own folder, so this runs once per file: it makes
// only the folder itself when its parent is known (one system call, where
// os.MkdirAll asks after each folder first), and never holds the lock during
// a system call, so the writers do not wait for each other.
func (d *Dir) mkdir(dir string) error {
	d.mu.Lock()
	known := d.dirs[dir]
	d.mu.Unlock()
	if known {
		return nil
	}
	if parent := path.Dir(dir); parent != dir {
		if err := d.mkdir(parent); err != nil {
			return err
		}
	}
	if err := d.root.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	if err := d.root.Chmod(dir, 0o755); err != nil { // whatever the umask
		return err
	}
	d.mu.Lock()
	d.dirs[dir] = true
	d.mu.Unlock()
	return nil
}

// Abort removes what was written; the previous output stays as it was.
func (d *Dir) Abort() {
	d.root.Close()
	os.RemoveAll(d.tmp)
}

// Commit writes the marker and swaps the written folder in for the old
// output. A *LeftoverError means the new output is in place all the same.
func (d *Dir) Commit() error {
	tmp, dir := d.tmp, d.final
	err := d.root.WriteFile(Marker, []byte(markerText), 0o644)
	if err == nil {
		err = d.root.Chmod(Marker, 0o644)
	}
	if err != nil {
		d.Abort()
		return err
	}
	d.root.Close()
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
	if err := d.removeAll(old); err != nil {
		return &LeftoverError{Path: old, Err: err}
	}
	return nil
}

// Write replaces the folder dir by a folder holding files (slash-separated
// paths relative to dir) and the marker, in one step: Begin, every file,
// Commit.
func Write(dir string, files map[string][]byte) error { return write(dir, files, os.RemoveAll) }

func write(dir string, files map[string][]byte, removeAll func(string) error) error {
	d, err := begin(dir, removeAll)
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

func tempPrefix(base string) string { return "." + base + ".new-" }

// staleAge is how old a temporary folder without a process id in its name
// (as written by earlier versions) must be before it counts as left over.
const staleAge = 10 * time.Minute

// removeStale removes the temporary folders of earlier builds into
// parent/base whose process is gone. It is best effort: a folder that
// cannot be removed now is tried again by the next build.
func removeStale(parent, base string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	prefix := tempPrefix(base)
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || !e.IsDir() {
			continue
		}
		if pid, ok := writer(rest); ok {
			if pid == os.Getpid() || alive(pid) {
				continue
			}
		} else if info, err := e.Info(); err != nil || time.Since(info.ModTime()) < staleAge {
			continue
		}
		os.RemoveAll(filepath.Join(parent, e.Name()))
	}
}

// writer reads the process id from the rest of a temporary folder's name,
// "<pid>-<random>" or "<pid>-<random>.old".
func writer(rest string) (int, bool) {
	pid, _, ok := strings.Cut(rest, "-")
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(pid)
	return n, err == nil && n > 0
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
	if m, err := os.Lstat(filepath.Join(dir, Marker)); err != nil || !m.Mode().IsRegular() {
		return fmt.Errorf("refusing to replace %s: it is not empty and was not written by zvh build (it has no %s file); choose another --out or empty it first", dir, Marker)
	}
	return nil
}
