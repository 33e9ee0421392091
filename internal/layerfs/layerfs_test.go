package layerfs

import (
	"io/fs"
	"testing"
	"testing/fstest"
)

func TestHighestLayerWinsPathByPath(t *testing.T) {
	base := fstest.MapFS{
		"content/a.md":      {Data: []byte("base a")},
		"content/b.md":      {Data: []byte("base b")},
		"layouts/base.html": {Data: []byte("base layout")},
	}
	site := fstest.MapFS{
		"content/a.md": {Data: []byte("site a")},
		"content/c.md": {Data: []byte("site c")},
	}
	f := New(Layer{"site", site}, Layer{"national", base}, Layer{"missing", nil})

	for name, want := range map[string]string{
		"content/a.md":      "site a",
		"content/b.md":      "base b",
		"content/c.md":      "site c",
		"layouts/base.html": "base layout",
	} {
		got, err := fs.ReadFile(f, name)
		if err != nil || string(got) != want {
			t.Errorf("ReadFile(%q) = %q, %v; want %q", name, got, err, want)
		}
	}
	if got := f.Origin("content/a.md"); got != "site" {
		t.Errorf("Origin(a) = %q, want site", got)
	}
	if got := f.Origin("content/b.md"); got != "national" {
		t.Errorf("Origin(b) = %q, want national", got)
	}
	if got := f.Origin("content/x.md"); got != "" {
		t.Errorf("Origin(x) = %q, want empty", got)
	}
	for name, want := range map[string]bool{"content/a.md": false, "content/b.md": true, "content/x.md": false} {
		if got := f.InBase(name); got != want {
			t.Errorf("InBase(%q) = %v, want %v", name, got, want)
		}
	}

	entries, err := fs.ReadDir(f, "content")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if got, want := len(names), 3; got != want || names[0] != "a.md" || names[2] != "c.md" {
		t.Errorf("ReadDir(content) = %v, want [a.md b.md c.md]", names)
	}
	if _, err := fs.ReadDir(f, "nothing"); err == nil {
		t.Error("ReadDir of a folder no layer has: want an error")
	}
	if err := fstest.TestFS(f, "content/a.md", "content/b.md", "content/c.md", "layouts/base.html"); err != nil {
		t.Error(err)
	}
}

func TestWithout(t *testing.T) {
	base := fstest.MapFS{"content/a.md": {}, "layouts/base.html": {}, "contentx": {}}
	f := Without(base, "content")
	for name, want := range map[string]bool{"content/a.md": false, "content": false, "layouts/base.html": true, "contentx": true} {
		if _, err := fs.Stat(f, name); (err == nil) != want {
			t.Errorf("%s: present %v, want %v", name, err == nil, want)
		}
	}
}
