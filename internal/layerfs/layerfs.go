// Package layerfs stacks file systems: the embedded national model at the
// bottom, a site folder on top of it and, later, a region on top of that.
// A path is served by the highest layer that has it; directory listings are
// the union of all layers. This is the whole override mechanism, so "which
// file wins" has one answer, which Origin reports. A folder on disk joins the
// stack as a [Dir], which refuses symbolic links that lead out of it.
package layerfs

import (
	"errors"
	"io"
	"io/fs"
	"slices"
	"strings"
)

// Layer is one named file system in the stack.
type Layer struct {
	Name string // shown to people, e.g. "national" or "site"
	FS   fs.FS
}

// FS is a stack of layers; the first layer is the highest.
type FS struct {
	layers []Layer
}

var (
	_ fs.ReadDirFS  = (*FS)(nil)
	_ fs.ReadFileFS = (*FS)(nil)
)

// New returns the stack of layers, highest first. Nil file systems are
// skipped, so callers can pass optional layers without branching.
func New(layers ...Layer) *FS {
	f := &FS{}
	for _, l := range layers {
		if l.FS != nil {
			f.layers = append(f.layers, l)
		}
	}
	return f
}

// Open opens name from the highest layer that has it.
func (f *FS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	for _, l := range f.layers {
		file, err := l.FS.Open(name)
		if err == nil {
			if info, err := file.Stat(); err == nil && info.IsDir() {
				return &dir{File: file, fsys: f, name: name}, nil
			}
			return file, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// ReadFile reads name from the highest layer that has it.
func (f *FS) ReadFile(name string) ([]byte, error) {
	for _, l := range f.layers {
		b, err := fs.ReadFile(l.FS, name)
		if err == nil {
			return b, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrNotExist}
}

// ReadDir lists the union of name in every layer, sorted by name. When layers
// disagree about an entry, the highest layer's entry is kept.
func (f *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	var (
		out   []fs.DirEntry
		seen  = map[string]bool{}
		found bool
	)
	for _, l := range f.layers {
		entries, err := fs.ReadDir(l.FS, name)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			return nil, err
		}
		found = true
		for _, e := range entries {
			if !seen[e.Name()] {
				seen[e.Name()] = true
				out = append(out, e)
			}
		}
	}
	if !found {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	slices.SortFunc(out, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return out, nil
}

// Origin names the layer that serves name, or "" if none has it.
func (f *FS) Origin(name string) string {
	for _, l := range f.layers {
		if _, err := fs.Stat(l.FS, name); err == nil {
			return l.Name
		}
	}
	return ""
}

// InBase reports whether name is served by the lowest layer (the embedded
// national model) because no layer above has it. Warnings about such a file
// are not something the editor of a higher layer can act on.
func (f *FS) InBase(name string) bool {
	for i, l := range f.layers {
		if _, err := fs.Stat(l.FS, name); err == nil {
			return i == len(f.layers)-1
		}
	}
	return false
}

// dir is an open directory whose listing is the union of all layers, so that
// code walking with Open and ReadDir on the file sees what ReadDir sees.
type dir struct {
	fs.File
	fsys    *FS
	name    string
	entries []fs.DirEntry
	read    bool
}

func (d *dir) ReadDir(n int) ([]fs.DirEntry, error) {
	if !d.read {
		entries, err := d.fsys.ReadDir(d.name)
		if err != nil {
			return nil, err
		}
		d.entries, d.read = entries, true
	}
	if n <= 0 {
		out := d.entries
		d.entries = nil
		return out, nil
	}
	if len(d.entries) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(d.entries))
	out := d.entries[:n]
	d.entries = d.entries[n:]
	return out, nil
}

// Without hides the folder dir (and everything in it) of fsys: zvh build
// --national-content=false keeps the embedded layouts and assets but not the
// embedded pages.
func Without(fsys fs.FS, dir string) fs.FS { return without{fsys, dir} }

type without struct {
	fs.FS
	dir string
}

func (w without) Open(name string) (fs.File, error) {
	if name == w.dir || strings.HasPrefix(name, w.dir+"/") {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return w.FS.Open(name)
}
