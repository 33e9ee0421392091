// Package output writes a finished build to disk atomically: everything goes
// into a temporary sibling folder first, and only when every file is written
// is that folder swapped in for the old output. A build that fails, or a disk
// that fills up halfway, leaves the previous site exactly as it was.
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
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
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

// Write replaces the folder dir by a folder holding files (slash-separated
// paths relative to dir) and the marker. dir may not exist yet. An existing
// non-empty dir is replaced only if it holds the marker of an earlier
// build. A *LeftoverError means the new output is in place all the same.
func Write(dir string, files map[string][]byte) error {
	return write(dir, files, os.RemoveAll)
}

// write is Write with the function that removes the previous output, so
// tests can make that fail.
func write(dir string, files map[string][]byte, removeAll func(string) error) error {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	if _, ok := files[Marker]; ok {
		return fmt.Errorf("output path %s is reserved for the build's own marker", Marker)
	}
	if err := checkReplaceable(dir); err != nil {
		return err
	}
	parent, base := filepath.Split(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	removeStale(parent, base)
	tmp, err := os.MkdirTemp(parent, tempPrefix(base)+strconv.Itoa(os.Getpid())+"-")
	if err != nil {
		return err
	}
	if err := writeAll(tmp, files); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
		if err := os.Rename(tmp, dir); err != nil {
			os.RemoveAll(tmp)
			return err
		}
		return nil
	}
	old := tmp + ".old"
	if err := os.Rename(dir, old); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if err := os.Rename(tmp, dir); err != nil {
		// Put the previous build back; it is still whole.
		os.Rename(old, dir)
		os.RemoveAll(tmp)
		return err
	}
	if err := removeAll(old); err != nil {
		return &LeftoverError{Path: old, Err: err}
	}
	return nil
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

func writeAll(root string, files map[string][]byte) error {
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if !filepath.IsLocal(filepath.FromSlash(name)) || strings.Contains(name, "\\") {
			return fmt.Errorf("output path %q leaves the output folder", name)
		}
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, files[name], 0o644); err != nil {
			return err
		}
	}
	return os.WriteFile(filepath.Join(root, Marker), []byte(markerText), 0o644)
}
