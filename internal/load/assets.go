package load

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"strings"

	"github.com/zvh-webtool/zvh/internal/csp"
	"github.com/zvh-webtool/zvh/internal/diag"
	"github.com/zvh-webtool/zvh/internal/markdown"
)

// codeCSS is the generated stylesheet for highlighted code.
const codeCSS = "css/code.css"

// Assets maps an asset's name under assets/ to its fingerprinted site path:
// css/app.css -> css/app.3f9a1c2e.css. A fingerprint changes with the
// content, so hosts can let browsers cache assets forever.
type Assets struct {
	names map[string]string // name -> fingerprinted site path
	Files map[string][]byte // fingerprinted site path -> bytes
}

// LoadAssets reads every file under assets/ and adds the generated code
// stylesheet.
func LoadAssets(fsys fs.FS) (*Assets, diag.List) {
	a := &Assets{names: map[string]string{}, Files: map[string][]byte{}}
	var errs diag.List
	err := fs.WalkDir(fsys, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			errs.Add(diag.Position{File: p}, "cannot read: %v", err)
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if info, err := fs.Stat(fsys, p); err == nil && info.Size() > MaxAsset {
			// Never read: a 3 GB file would be held in memory whole.
			errs.Add(diag.Position{File: p}, "dit bestand is %d bytes; de grens voor een bestand in assets/ is %s", info.Size(), sizeMB(MaxAsset))
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			errs.Add(diag.Position{File: p}, "cannot read: %v", err)
			return nil
		}
		// Every published file passes the same policy as the pages: no
		// HTML, no SVG that runs or loads, no CSS that loads from
		// elsewhere, no script that stores or sends.
		if problems := csp.CheckAsset(p, b); len(problems) > 0 {
			for _, pr := range problems {
				errs.Add(diag.Position{File: p, Line: pr.Line, Col: pr.Col}, "%s", pr.Msg)
			}
			return nil
		}
		a.add(strings.TrimPrefix(p, "assets/"), stripJSLineComments(p, stripCSSComments(p, b)))
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

// Add adds a generated file as the asset name, such as the search index.
func (a *Assets) Add(name string, b []byte) { a.add(name, b) }

// AddAs adds a generated file under a site path of its own choosing,
// without a fingerprint.
func (a *Assets) AddAs(name, sitePath string, b []byte) {
	a.names[name] = sitePath
	a.Files[sitePath] = b
}

// Clone returns a copy that Add can change without changing a.
func (a *Assets) Clone() *Assets {
	return &Assets{names: maps.Clone(a.names), Files: maps.Clone(a.Files)}
}

func (a *Assets) add(name string, b []byte) {
	sum := sha256.Sum256(b)
	ext := path.Ext(name)
	fp := strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:4]) + ext
	a.names[name] = fp
	a.Files[fp] = b
}

// Path returns the fingerprinted site path of the asset name.
func (a *Assets) Path(name string) (string, error) {
	fp, ok := a.names[strings.TrimPrefix(name, "/")]
	if !ok {
		return "", fmt.Errorf("no asset %q in assets/", name)
	}
	return fp, nil
}

// Names returns every asset name (as under assets/) with its fingerprinted
// site path.
func (a *Assets) Names() map[string]string { return a.names }
