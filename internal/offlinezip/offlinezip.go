// Package offlinezip packs a finished site into one zip file that people can
// download, unpack and open from file://, for instance from a USB stick.
//
// The zip is deterministic: the same files give the same bytes. Entries are
// sorted by name, every entry has the same fixed time and mode, and nothing
// of the machine that wrote it (owner, clock) ends up inside.
package offlinezip

import (
	"archive/zip"
	"bytes"
	"maps"
	"path"
	"slices"
	"time"
)

// Stamp is the modification time of every entry: 1 January 2000, 00:00
// UTC. Zip stores local times from 1980 on; any fixed time would do.
var Stamp = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// Build returns a zip of files (output path -> bytes), each under the folder
// dir, so that unpacking gives one folder.
func Build(files map[string][]byte, dir string) ([]byte, error) {
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, name := range slices.Sorted(maps.Keys(files)) {
		h := &zip.FileHeader{Name: path.Join(dir, name), Method: zip.Deflate, Modified: Stamp}
		h.SetMode(0o644)
		f, err := w.CreateHeader(h)
		if err != nil {
			return nil, err
		}
		if _, err := f.Write(files[name]); err != nil {
			return nil, err
		}
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
