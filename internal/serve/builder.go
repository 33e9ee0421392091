package serve

import (
	"bytes"
	"context"
	"os"
	"slices"

	"github.com/zvh-webtool/zvh/internal/diag"
	"github.com/zvh-webtool/zvh/internal/layerfs"
	"github.com/zvh-webtool/zvh/internal/site"
)

// Builder builds the site again after sources changed. changed holds the
// source paths the watcher reported (package watch): slash-separated and
// relative to the source folder, each a file that was written, created,
// removed or renamed, or a folder that was removed or renamed with everything
// in it; "." means anything may have changed. nil means a first, full build.
//
// A successful build returns every output file and, in rebuilt, the output
// paths whose bytes differ from the previous successful build (added, changed
// or removed), sorted. A failed build returns its diagnostics and nothing
// else; the next build is compared with the last successful one. When ctx
// ends, Build returns promptly with ctx's error as a diagnostic.
//
// An incremental builder re-renders only what depends on changed; the full
// builder below renders everything and compares. Both give the same answer,
// so the server cannot tell them apart.
type Builder interface {
	Build(ctx context.Context, changed []string) (files map[string][]byte, rebuilt []string, warnings []Warning, errs diag.List)
}

// Warning is a problem that does not stop the build.
type Warning struct {
	diag.Diagnostic
	// Embedded is true for a warning about a file of the embedded national
	// model, which an editor of a site or region folder cannot change; such
	// warnings are summed up in one line instead of listed.
	Embedded bool
}

// BuildFunc builds the whole site. It returns the files, the warnings and,
// on failure, the diagnostics (and no files).
type BuildFunc func(ctx context.Context) (map[string][]byte, []Warning, diag.List)

// FullRebuild returns a Builder that builds everything on every change and
// finds what was rebuilt by comparing the output with the last successful
// build. It is correct for any change; an incremental Builder is faster.
func FullRebuild(build BuildFunc) Builder { return &fullRebuild{build: build} }

type fullRebuild struct {
	build BuildFunc
	prev  map[string][]byte // last successful build; only Build touches it
}

func (f *fullRebuild) Build(ctx context.Context, changed []string) (map[string][]byte, []string, []Warning, diag.List) {
	files, warnings, errs := f.build(ctx)
	if len(errs) > 0 {
		return nil, nil, warnings, errs
	}
	rebuilt := Diff(f.prev, files)
	f.prev = files
	return files, rebuilt, warnings, nil
}

// Diff returns the paths that differ between two builds: added, removed or
// with other bytes, sorted.
func Diff(old, cur map[string][]byte) []string {
	var out []string
	for name, b := range cur {
		if o, ok := old[name]; !ok || !bytes.Equal(o, b) {
			out = append(out, name)
		}
	}
	for name := range old {
		if _, ok := cur[name]; !ok {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// Warnings marks the build's warnings about files that come from the
// embedded model (fsys.InBase) rather than from the editor's own folder:
// those are summed up in one line, since an editor can do nothing about
// them.
func Warnings(list diag.List, fsys *layerfs.FS) []Warning {
	out := make([]Warning, 0, len(list))
	for _, d := range list {
		out = append(out, Warning{Diagnostic: d, Embedded: fsys != nil && fsys.InBase(d.Pos.File)})
	}
	return out
}

// Incremental is the Builder of zvh serve: a site.Session, which keeps the
// last build and its dependency record, so a save re-renders only the files
// that depend on what changed.
type Incremental struct {
	Session *site.Session
	FS      *layerfs.FS // the source, to tell the editor's files from the embedded model
	// Source is the site folder on disk, or "": a folder that disappears
	// (renamed while serving) is an error, not a quiet switch to the
	// built-in site.
	Source string
}

func (b *Incremental) Build(ctx context.Context, changed []string) (map[string][]byte, []string, []Warning, diag.List) {
	if b.Source != "" {
		if info, err := os.Stat(b.Source); err != nil || !info.IsDir() {
			var errs diag.List
			errs.Add(diag.Position{File: b.Source}, "the source folder is gone (renamed or removed?); the last good build is still served: put the folder back, or restart zvh serve with the new --source")
			return nil, nil, nil, errs
		}
	}
	u, errs := b.Session.Build(changed)
	if len(errs) > 0 {
		return nil, nil, nil, errs
	}
	rebuilt := slices.Concat(u.Changed, u.Removed)
	slices.Sort(rebuilt)
	return u.Files, rebuilt, Warnings(u.Warnings, b.FS), nil
}
