package offlinezip_test

import (
	"archive/zip"
	"bytes"
	"io"
	"slices"
	"testing"

	"github.com/zvh-webtool/zvh/internal/offlinezip"
)

func files() map[string][]byte {
	return map[string][]byte{
		"index.html":               []byte("<!doctype html><title>Home</title>"),
		"css/app.1234.css":         []byte("body { color: black }"),
		"a/b/index.html":           []byte("<!doctype html><title>B</title>"),
		"beslisbomen/x/index.html": bytes.Repeat([]byte("tekst "), 1000),
	}
}

func TestSameFilesSameBytes(t *testing.T) {
	a, err := offlinezip.Build(files(), "site")
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		b, err := offlinezip.Build(files(), "site")
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Fatal("two zips of the same files differ")
		}
	}
}

func TestEntriesSortedWithFixedTimeInOneFolder(t *testing.T) {
	b, err := offlinezip.Build(files(), "site")
	if err != nil {
		t.Fatal(err)
	}
	r, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range r.File {
		names = append(names, f.Name)
		if !f.Modified.Equal(offlinezip.Stamp) {
			t.Errorf("%s: time %v, want %v", f.Name, f.Modified, offlinezip.Stamp)
		}
		if f.Mode().Perm() != 0o644 {
			t.Errorf("%s: mode %v", f.Name, f.Mode())
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if want := files()[f.Name[len("site/"):]]; !bytes.Equal(got, want) {
			t.Errorf("%s: content differs", f.Name)
		}
	}
	want := []string{"site/a/b/index.html", "site/beslisbomen/x/index.html", "site/css/app.1234.css", "site/index.html"}
	if !slices.Equal(names, want) {
		t.Errorf("entries %q, want %q", names, want)
	}
}
