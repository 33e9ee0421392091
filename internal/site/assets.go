package site

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/zvh-webtool/zvh/internal/diag"
	"github.com/zvh-webtool/zvh/internal/markdown"
)

// codeCSS is the generated stylesheet for highlighted code.
const codeCSS = "css/code.css"

// assetSet maps an asset's name under assets/ to its fingerprinted site
// path: css/app.css -> css/app.3f9a1c2e.css. A fingerprint changes with the
// content, so hosts can let browsers cache assets forever.
type assetSet struct {
	names map[string]string
	files map[string][]byte // fingerprinted site path -> bytes
}

func loadAssets(fsys fs.FS) (*assetSet, diag.List) {
	a := &assetSet{names: map[string]string{}, files: map[string][]byte{}}
	var errs diag.List
	err := fs.WalkDir(fsys, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			errs.Add(diag.Position{File: p}, "cannot read: %v", err)
			return nil
		}
		if d.IsDir() {
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			errs.Add(diag.Position{File: p}, "cannot read: %v", err)
			return nil
		}
		a.add(strings.TrimPrefix(p, "assets/"), stripCSSComments(p, b))
		return nil
	})
	if err != nil {
		errs.Add(diag.Position{File: "assets"}, "cannot read: %v", err)
	}
	css, err := markdown.CodeCSS("github", "github-dark")
	if err != nil {
		errs.Add(diag.Position{File: "assets"}, "cannot write the code stylesheet: %v", err)
	}
	a.add(codeCSS, []byte(css))
	return a, errs
}

func (a *assetSet) add(name string, b []byte) {
	sum := sha256.Sum256(b)
	ext := path.Ext(name)
	fp := strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:4]) + ext
	a.names[name] = fp
	a.files[fp] = b
}

// path returns the fingerprinted site path of the asset name.
func (a *assetSet) path(name string) (string, error) {
	fp, ok := a.names[strings.TrimPrefix(name, "/")]
	if !ok {
		return "", fmt.Errorf("no asset %q in assets/", name)
	}
	return fp, nil
}
