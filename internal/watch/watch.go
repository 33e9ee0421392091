// Package watch tells "zvh serve" which source files changed, one batch per
// save. It owns the operating system's file notifications (fsnotify): it
// watches the source folder itself and, recursively, the folders that hold
// sources (content/, layouts/, assets/), including folders created later, and
// it turns the bursts of events an editor makes while saving one file into
// one batch.
//
// # Saves as editors make them
//
// An editor rarely writes a file once. Vim first creates and deletes a test
// file named 4913 (or 5036, …), renames the original to a backup ending in
// ~, writes the new file and deletes the backup; many editors write a
// temporary file and rename it over the original; most write in several
// chunks. Files that are never sources (backups, swap and lock files, hidden
// files) are ignored, and a batch is sent only when no event has arrived for
// a short quiet period, so one save is one rebuild.
//
// # Paths
//
// A batch holds slash-separated paths relative to the watched folder, sorted,
// each once: "content/over.md". A deleted or renamed file is reported like a
// changed one; the builder finds out which. The path "." means "anything may
// have changed": the watched folder itself was renamed or removed, or came
// back after that, or the operating system dropped events.
package watch

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Quiet is the default quiet period: long enough to take in every event of
// one save (they come within a few milliseconds of each other), short enough
// not to be noticed on the way to the browser.
const Quiet = 25 * time.Millisecond

// maxDelay bounds how long a stream of events can put a batch off, so a
// program that writes continuously still gets its changes shown.
const maxDelay = 500 * time.Millisecond

// pollGone is how often a watched folder that was renamed or removed is
// looked for: the operating system cannot say when a path comes back.
const pollGone = 250 * time.Millisecond

// Watcher reports changed source files under a folder.
type Watcher struct {
	root  string
	dirs  []string // folders under root that hold sources, e.g. "content"
	quiet time.Duration
	fsw   *fsnotify.Watcher
	out   chan []string
	errs  chan error
}

// New watches root itself and, recursively, each of dirs (paths relative to
// root; they need not exist yet; "." is all of root, as for a region folder
// that holds nothing but sources). Changes are sent on Changes once Run is
// running, after quiet has passed without a new event (0 means Quiet).
func New(root string, dirs []string, quiet time.Duration) (*Watcher, error) {
	if quiet <= 0 {
		quiet = Quiet
	}
	fsw, err := fsnotify.NewBufferedWatcher(1024)
	if err != nil {
		return nil, err
	}
	w := &Watcher{root: filepath.Clean(root), quiet: quiet, fsw: fsw, out: make(chan []string), errs: make(chan error, 8)}
	for _, d := range dirs {
		w.dirs = append(w.dirs, filepath.Clean(filepath.FromSlash(d)))
	}
	if err := fsw.Add(w.root); err != nil {
		fsw.Close()
		return nil, err
	}
	for _, d := range w.dirs {
		if _, err := w.addTree(filepath.Join(w.root, d)); err != nil {
			fsw.Close()
			return nil, err
		}
	}
	return w, nil
}

// Changes delivers one sorted batch of changed paths per save. While the
// receiver is busy (rebuilding), new events are collected into the next batch.
func (w *Watcher) Changes() <-chan []string { return w.out }

// Errors delivers problems that do not stop watching, such as a folder that
// could not be watched. It never blocks the watcher: when nobody reads, errors
// are dropped.
func (w *Watcher) Errors() <-chan error { return w.errs }

// Run watches until ctx ends, then releases the watches. Changes is closed
// when Run returns.
func (w *Watcher) Run(ctx context.Context) {
	defer close(w.out)
	defer w.fsw.Close()

	pending := map[string]bool{}
	var (
		timer  = time.NewTimer(time.Hour)
		first  time.Time // when the oldest pending event came
		ready  bool      // the quiet period has passed
		out    chan []string
		batch  []string
		events = w.fsw.Events
		// While the watched folder is gone, look for it to come back.
		back  *time.Ticker
		backC <-chan time.Time
	)
	timer.Stop()
	defer func() {
		if back != nil {
			back.Stop()
		}
	}()
	for {
		out = nil
		if ready && len(pending) > 0 {
			out = w.out
			batch = sorted(pending)
		}
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case ev, ok := <-events:
			if !ok {
				events = nil
				continue
			}
			for _, p := range w.handle(ev) {
				if len(pending) == 0 {
					first = time.Now()
				}
				pending[p] = true
				if p == "." && back == nil && !w.exists() {
					back = time.NewTicker(pollGone)
					backC = back.C
				}
			}
			if len(pending) > 0 {
				ready = false
				timer.Reset(min(w.quiet, max(0, maxDelay-time.Since(first))))
			}
		case err, ok := <-w.fsw.Errors:
			if !ok {
				continue
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Events were lost: anything may have changed.
				pending["."] = true
				ready = false
				timer.Reset(w.quiet)
			}
			w.report(err)
		case <-backC:
			if !w.exists() {
				continue
			}
			back.Stop()
			back, backC = nil, nil
			// Back (renamed back, or made again): watch it afresh and
			// rebuild everything.
			if err := w.fsw.Add(w.root); err != nil {
				w.report(err)
			}
			for _, d := range w.dirs {
				if _, err := w.addTree(filepath.Join(w.root, d)); err != nil {
					w.report(err)
				}
			}
			if len(pending) == 0 {
				first = time.Now()
			}
			pending["."] = true
			ready = false
			timer.Reset(w.quiet)
		case <-timer.C:
			ready = true
		case out <- batch:
			clear(pending)
			ready = false
		}
	}
}

// handle returns the source paths an event changes, and watches a folder
// that appeared inside a source folder.
func (w *Watcher) handle(ev fsnotify.Event) []string {
	name := filepath.Clean(ev.Name)
	if name == w.root {
		// The folder itself was renamed or removed.
		if ev.Has(fsnotify.Rename) || ev.Has(fsnotify.Remove) {
			return []string{"."}
		}
		return nil
	}
	rel, err := filepath.Rel(w.root, name)
	if err != nil || !w.inSources(rel) || Ignored(filepath.Base(name)) {
		return nil
	}
	if ev.Op == fsnotify.Chmod {
		return nil // touched, not changed
	}
	if ev.Has(fsnotify.Create) {
		if info, err := os.Lstat(name); err == nil && info.IsDir() {
			// A new folder (or one moved in): watch it, and report the
			// files it already holds, since they were created before the
			// watch could see them.
			files, err := w.addTree(name)
			if err != nil {
				w.report(err)
			}
			return files
		}
	}
	// A removed or renamed folder drops its watches by itself; the files it
	// held are reported as the folder's path, which the builder treats as
	// "everything under here".
	return []string{filepath.ToSlash(rel)}
}

// inSources reports whether rel (relative to the root) is one of the source
// folders or lies inside one.
func (w *Watcher) inSources(rel string) bool {
	for _, d := range w.dirs {
		if d == "." || rel == d || strings.HasPrefix(rel, d+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// addTree watches dir and every folder below it, and returns the files it
// holds, relative to the root. A dir that does not exist is not an error:
// the root's watch sees it when it is created.
func (w *Watcher) addTree(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if d.IsDir() {
			if p != dir && Ignored(d.Name()) {
				return filepath.SkipDir
			}
			return w.fsw.Add(p)
		}
		if !Ignored(d.Name()) {
			rel, _ := filepath.Rel(w.root, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	return files, err
}

// exists reports whether the watched folder is at its path.
func (w *Watcher) exists() bool {
	info, err := os.Stat(w.root)
	return err == nil && info.IsDir()
}

func (w *Watcher) report(err error) {
	select {
	case w.errs <- err:
	default:
	}
}

func sorted(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for p := range set {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

// Ignored reports whether a file name belongs to an editor or the operating
// system rather than to the site: vim's write test (4913, 5036, …, all
// digits), backups (name~), swap files (.name.swp, .swo, .swx), Emacs lock
// and autosave files (.#name, #name#), JetBrains' safe-write files
// (name___jb_tmp___) and other hidden files such as .DS_Store.
func Ignored(name string) bool {
	switch {
	case name == "":
		return true
	case strings.HasPrefix(name, "."), strings.HasPrefix(name, "#"), strings.HasSuffix(name, "~"):
		return true
	case strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"):
		return true
	}
	ext := filepath.Ext(name)
	if len(ext) == 4 && strings.HasPrefix(ext, ".sw") {
		return true // .swp, .swo, .swx, …
	}
	return strings.Trim(name, "0123456789") == ""
}
