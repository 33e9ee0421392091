package site

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"github.com/zvh-webtool/zvh"
	"github.com/zvh-webtool/zvh/internal/ci"
	"github.com/zvh-webtool/zvh/internal/layerfs"
)

// editable returns the files of a txtar archive, which a test may change
// between builds, stacked on the embedded layouts and assets.
func editable(t *testing.T, archive []byte) (fstest.MapFS, fs.FS) {
	t.Helper()
	files := fstest.MapFS{}
	for _, f := range txtar.Parse(archive).Files {
		files[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	return files, layerfs.New(layerfs.Layer{Name: "test", FS: files}, layerfs.Layer{Name: "national", FS: withoutContent{zvh.Base}})
}

func edit(t *testing.T, files fstest.MapFS, name, old, new string) {
	t.Helper()
	f := files[name]
	if f == nil {
		var b []byte
		if name == "layouts/law.html" || strings.HasPrefix(name, "assets/") || strings.HasPrefix(name, "layouts/") {
			b, _ = fs.ReadFile(zvh.Base, name)
		}
		f = &fstest.MapFile{Data: b}
		files[name] = f
	}
	if !strings.Contains(string(f.Data), old) {
		t.Fatalf("%s does not contain %q", name, old)
	}
	files[name] = &fstest.MapFile{Data: []byte(strings.Replace(string(f.Data), old, new, 1))}
}

// rebuild builds again after an edit and checks the one property every
// incremental build must have: its files are exactly those of a full build
// of the same sources. It returns the HTML files it rendered.
func rebuild(t *testing.T, s *Session, fsys fs.FS) []string {
	t.Helper()
	u, errs := s.Build(nil)
	if errs != nil {
		t.Fatal(errs)
	}
	full, errs := Build(Options{FS: fsys, StableIndex: true})
	if errs != nil {
		t.Fatal(errs)
	}
	if len(u.Files) != len(full.Files) {
		t.Errorf("incremental build has %d files, a full build %d", len(u.Files), len(full.Files))
	}
	for name, b := range full.Files {
		if string(u.Files[name]) != string(b) {
			t.Errorf("%s differs from a full build: the edit should have rendered it again", name)
		}
	}
	return u.Rendered
}

// outputsShowing lists the HTML files of a full build that contain text.
func outputsShowing(t *testing.T, fsys fs.FS, text string) []string {
	t.Helper()
	res, errs := Build(Options{FS: fsys})
	if errs != nil {
		t.Fatal(errs)
	}
	var out []string
	for name, b := range res.Files {
		if strings.HasSuffix(name, ".html") && strings.Contains(string(b), text) {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// TestIncrementalRenderCounts edits one source at a time and counts what
// the next build renders, the way Hugo tests its partial rebuilds.
func TestIncrementalRenderCounts(t *testing.T) {
	ci.Slow(t, "rebuilds the national site after each edit")
	files, fsys := editable(t, readArchive(t, "basic.txtar"))
	s := NewSession(Options{FS: fsys})
	first, errs := s.Build(nil)
	if errs != nil {
		t.Fatal(errs)
	}
	total := len(first.Rendered)
	if total < 10 {
		t.Fatalf("the first build rendered %d files; expected every page", total)
	}

	t.Run("nothing changed", func(t *testing.T) {
		if got := rebuild(t, s, fsys); len(got) != 0 {
			t.Errorf("rendered %v without any change", got)
		}
	})
	t.Run("body of a page", func(t *testing.T) {
		edit(t, files, "content/spelregels.md", "houdt er zeggenschap over", "houdt er altijd zeggenschap over")
		if got, want := rebuild(t, s, fsys), []string{"spelregels/index.html"}; !slices.Equal(got, want) {
			t.Errorf("rendered %v, want only %v", got, want)
		}
	})
	t.Run("title of a page", func(t *testing.T) {
		edit(t, files, "content/beslisbomen/delen.md", "title: Mag ik dit delen?", "title: Mag ik deze gegevens delen?")
		got := rebuild(t, s, fsys)
		// Every page that now shows the new title was rendered again.
		for _, p := range outputsShowing(t, fsys, "Mag ik deze gegevens delen?") {
			if !slices.Contains(got, p) {
				t.Errorf("%s shows the title but was not rendered again", p)
			}
		}
		if len(got) >= total {
			t.Errorf("rendered all %d files for a title change", len(got))
		}
	})
	t.Run("a layout", func(t *testing.T) {
		edit(t, files, "layouts/law.html", "{{define", "{{/* edited */}}{{define")
		got := rebuild(t, s, fsys)
		if want := []string{"wetten/avg-6/index.html"}; !slices.Equal(got, want) {
			t.Errorf("rendered %v, want the pages of law.html only: %v", got, want)
		}
	})
	t.Run("a partial", func(t *testing.T) {
		edit(t, files, "layouts/partials/outline.html", "zie <a", "zie ook <a")
		got := rebuild(t, s, fsys)
		if want := []string{"beslisbomen/delen/overzicht/index.html"}; !slices.Equal(got, want) {
			t.Errorf("rendered %v, want the overview, the only page using outline.html: %v", got, want)
		}
	})
	t.Run("a partial rendered through cached", func(t *testing.T) {
		// footer.html is called as {{cached "footer.html" …}}, not
		// {{template}}: the record must know every page uses it.
		edit(t, files, "layouts/partials/footer.html", "Deze site bewaart niets", "Deze webtool bewaart niets")
		if got := rebuild(t, s, fsys); len(got) != total {
			t.Errorf("rendered %d files after a footer change, want all %d", len(got), total)
		}
	})
	t.Run("an asset", func(t *testing.T) {
		edit(t, files, "assets/js/wizard.js", "", "var edited = 1;\n")
		got := rebuild(t, s, fsys)
		want := outputsShowing(t, fsys, "js/wizard.")
		if !slices.Equal(got, want) {
			t.Errorf("rendered %v, want the pages that load wizard.js: %v", got, want)
		}
	})
	t.Run("a new page", func(t *testing.T) {
		files["content/nieuw.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Nieuw\n---\nTekst.\n")}
		if got := rebuild(t, s, fsys); len(got) <= total {
			t.Errorf("rendered %d files after adding a page to the menu; want all %d and the new one", len(got), total)
		}
	})
}
