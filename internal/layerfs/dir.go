package layerfs

import (
	"errors"
	"io/fs"
	"os"
	"path"
)

// ErrOutside is the error for a symbolic link that leads out of a [Dir].
var ErrOutside = errors.New("symlink to outside the source folder")

// Dir is a folder on disk as a file system that stays inside the folder.
// os.DirFS follows every symbolic link, so `ln -s /etc/passwd
// assets/passwd.txt` would publish the password file and a link to a
// Markdown file elsewhere would become a page. Dir reads through an
// os.Root instead: a link that stays inside the folder works as usual, and
// one that leads out of it (or is absolute) gives an error wrapping
// ErrOutside for that path, which is never served from a lower layer.
type Dir struct {
	root   *os.Root
	fsys   fs.FS
	escape error // the error os.Root gives for a path that leaves it
}

var (
	_ fs.ReadDirFS  = (*Dir)(nil)
	_ fs.ReadFileFS = (*Dir)(nil)
	_ fs.StatFS     = (*Dir)(nil)
)

// OpenDir opens the folder dir. Close it when done: it holds the folder
// open.
func OpenDir(dir string) (*Dir, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	// os.Root does not export its "path escapes from parent" error; it is
	// the one it gives for "..", so learn it from that.
	var escape error
	if _, err := root.Open(".."); err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			escape = pe.Err
		}
	}
	return &Dir{root: root, fsys: root.FS(), escape: escape}, nil
}

// Close releases the folder.
func (d *Dir) Close() error { return d.root.Close() }

// Open opens name, a regular file or a folder.
func (d *Dir) Open(name string) (fs.File, error) {
	if err := d.regular(name); err != nil {
		return nil, err
	}
	f, err := d.fsys.Open(name)
	return f, d.check(name, err)
}

// ReadFile reads name, a regular file.
func (d *Dir) ReadFile(name string) ([]byte, error) {
	if err := d.regular(name); err != nil {
		return nil, err
	}
	b, err := fs.ReadFile(d.fsys, name)
	return b, d.check(name, err)
}

// regular refuses to open anything but a regular file or a folder. Opening
// a named pipe blocks until something writes to it, which is never: a FIFO
// called x.md hung zvh check for good, and zvh serve's rebuilds with it. A
// device or a socket is no source either. The check is made before the
// open, on what the name leads to (links inside the folder are followed).
func (d *Dir) regular(name string) error {
	info, err := fs.Stat(d.fsys, name)
	if err != nil {
		return nil // Open reports it, in its own words
	}
	if m := info.Mode(); !m.IsRegular() && !m.IsDir() {
		return &NotRegularError{Path: name, Mode: m}
	}
	return nil
}

// NotRegularError is the error for a path that is neither a regular file
// nor a folder: a named pipe, a device or a socket.
type NotRegularError struct {
	Path string
	Mode fs.FileMode
}

func (e *NotRegularError) Error() string {
	what := "a special file"
	switch m := e.Mode.Type(); {
	case m&fs.ModeNamedPipe != 0:
		what = "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		what = "a socket"
	case m&fs.ModeDevice != 0:
		what = "a device"
	}
	return what + ", not a regular file: only files and folders are read"
}

// ReadDir lists the folder name. Symbolic links are listed as links;
// reading one that leads out of the folder is the error.
func (d *Dir) ReadDir(name string) ([]fs.DirEntry, error) {
	es, err := fs.ReadDir(d.fsys, name)
	return es, d.check(name, err)
}

// Stat describes name, following links that stay inside the folder.
func (d *Dir) Stat(name string) (fs.FileInfo, error) {
	info, err := fs.Stat(d.fsys, name)
	return info, d.check(name, err)
}

// check turns os.Root's error for a path that leaves the folder into one
// that says why, in words a site author knows.
func (d *Dir) check(name string, err error) error {
	if err == nil || d.escape == nil || !errors.Is(err, d.escape) {
		return err
	}
	return &OutsideError{Path: name}
}

// OutsideError is the error for a path that leads out of a [Dir] through
// a symbolic link. Its message leaves the path out, since callers report
// errors at the path already ("assets/passwd.txt: symlink to outside the
// source folder").
type OutsideError struct {
	Path string // the path whose link leaves the folder
}

func (e *OutsideError) Error() string { return ErrOutside.Error() }

func (e *OutsideError) Unwrap() error { return ErrOutside }

// WriteFile writes name (a slash-separated path inside the folder), making
// the folders above it. Like reading, writing stays inside the folder: a
// folder on the way that is a symbolic link out of it (a .landelijk that
// points elsewhere) is an error wrapping ErrOutside, and nothing is written.
// The file is readable by everyone (0644) and its new folders 0755,
// whatever the umask, as every file the tools write.
func (d *Dir) WriteFile(name string, b []byte) error {
	if !fs.ValidPath(name) {
		return &fs.PathError{Op: "write", Path: name, Err: fs.ErrInvalid}
	}
	if dir := path.Dir(name); dir != "." {
		if err := d.root.MkdirAll(dir, 0o755); err != nil {
			return d.check(name, err)
		}
	}
	if err := d.root.WriteFile(name, b, 0o644); err != nil {
		return d.check(name, err)
	}
	return d.check(name, d.root.Chmod(name, 0o644))
}
