package load

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/zvh-webtool/zvh/internal/markdown"
)

// TestLoadStopsWhenCanceled: once the build's context has ended, no file
// is parsed any more, so one Ctrl-C ends the stage after the files being
// parsed.
func TestLoadStopsWhenCanceled(t *testing.T) {
	fsys := fstest.MapFS{}
	for _, n := range []string{"a", "b", "c"} {
		fsys["content/"+n+".md"] = &fstest.MapFile{Data: []byte("---\ntitle: " + n + "\n---\ntekst\n")}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res := LoadContext(ctx, fsys, markdown.New(), nil)
	if res.Parsed != 0 || len(res.Pages) != 0 {
		t.Errorf("parsed %d files after the context ended", res.Parsed)
	}
	if len(res.Errs) != 1 || !strings.Contains(res.Errs[0].Msg, "interrupted") {
		t.Errorf("errors %v, want one saying the build was interrupted", res.Errs)
	}
	if res := LoadContext(context.Background(), fsys, markdown.New(), nil); res.Parsed != 3 {
		t.Errorf("parsed %d files, want 3", res.Parsed)
	}
}
