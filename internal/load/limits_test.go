package load

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/zvh-webtool/zvh/internal/markdown"
)

// TestSizeLimits: a page or an asset past its limit is an error that names
// the limit, and is never read into the build.
func TestSizeLimits(t *testing.T) {
	fsys := fstest.MapFS{
		"content/groot.md":  &fstest.MapFile{Data: make([]byte, MaxPage+1)},
		"content/klein.md":  &fstest.MapFile{Data: []byte("---\ntitle: Klein\n---\nTekst.\n")},
		"assets/groot.bin":  &fstest.MapFile{Data: make([]byte, MaxAsset+1)},
		"assets/klein.woff": &fstest.MapFile{Data: []byte("x")},
	}
	res := Load(fsys, markdown.New(), nil)
	if len(res.Errs) != 1 || res.Errs[0].Error() != "content/groot.md: deze pagina is 8388609 bytes; de grens is 8 MB: splits haar in kleinere pagina's" {
		t.Errorf("page errors: %v", res.Errs)
	}
	a, errs := LoadAssets(fsys)
	if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), "assets/groot.bin: dit bestand is 33554433 bytes; de grens voor een bestand in assets/ is 32 MB") {
		t.Errorf("asset errors: %v", errs)
	}
	if _, err := a.Path("groot.bin"); err == nil {
		t.Error("the large asset was published")
	}
}
