package ci

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

func TestEnabled(t *testing.T) {
	for v, want := range map[string]bool{"": false, "false": false, "0": false, "FALSE": false, " ": false, "true": true, "1": true, "yes": true, "True": true} {
		t.Setenv("CI", v)
		if got := Enabled(); got != want {
			t.Errorf("CI=%q: Enabled() = %v, want %v", v, got, want)
		}
	}
}

// outcome runs f on a stand-in test and reports how it ended.
func outcome(f func(t testing.TB)) string {
	ended := make(chan string)
	go func() {
		r := &recorder{}
		defer func() { ended <- r.how }()
		f(r)
		r.how = "ran on"
	}()
	return <-ended
}

// recorder is a testing.TB whose Fatal and Skip end the goroutine, like
// the real ones, and record which was called.
type recorder struct {
	testing.TB
	how string
}

func (r *recorder) Helper() {}
func (r *recorder) Fatal(args ...any) {
	r.how = "failed"
	runtime.Goexit()
}
func (r *recorder) Skip(args ...any) {
	r.how = "skipped"
	runtime.Goexit()
}

func TestMissingFailsInCI(t *testing.T) {
	t.Setenv("CI", "true")
	if got := outcome(func(t testing.TB) { Missing(t, "hunspell is not installed") }); got != "failed" {
		t.Errorf("in CI a missing tool %s, want failed", got)
	}
	t.Setenv("CI", "")
	if got := outcome(func(t testing.TB) { Missing(t, "hunspell is not installed") }); got != "skipped" {
		t.Errorf("outside CI a missing tool %s, want skipped", got)
	}
}

func TestSlow(t *testing.T) {
	t.Setenv("CI", "")
	want := "ran on"
	if testing.Short() {
		want = "skipped"
	}
	if got := outcome(func(t testing.TB) { Slow(t, "a slow test") }); got != want {
		t.Errorf("a slow test %s under -short=%v, want %s", got, testing.Short(), want)
	}
	t.Setenv("CI", "1")
	if testing.Short() {
		want = "failed"
	}
	if got := outcome(func(t testing.TB) { Slow(t, "a slow test") }); got != want {
		t.Errorf("in CI a slow test %s under -short=%v, want %s", got, testing.Short(), want)
	}
}

// TestOneRule: no test but this package's reads the CI variable, so there
// is one answer to "is this CI?" and to what a run may leave out.
func TestOneRule(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	read := regexp.MustCompile(`Getenv\(\s*"CI"\s*\)|LookupEnv\(\s*"CI"\s*\)`)
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules") && p != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || filepath.Dir(p) == filepath.Join(root, "internal", "ci") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if read.Match(b) {
			rel, _ := filepath.Rel(root, p)
			t.Errorf("%s reads the CI variable itself; use package ci", filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
