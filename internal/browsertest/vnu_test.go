package browsertest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// validateHTML runs the Nu Html Checker (vnu.jar from the npm package
// vnu-jar) over the HTML files of a build and returns its errors as
// "path:line:col: message". Warnings are not reported.
func validateHTML(t testing.TB, files map[string][]byte) []string {
	t.Helper()
	jar := nodeModule(t, "vnu-jar/build/dist/vnu.jar")
	java := javaPath(t)
	dir := t.TempDir()
	for _, name := range htmlFiles(files) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, files[name], 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, java, "-jar", jar,
		"--errors-only", "--format", "json", "--stdout", "--skip-non-html", dir)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	// Exit status 1 means "errors found"; anything else without a report is
	// a broken run.
	var report struct {
		Messages []struct {
			Type      string `json:"type"`
			SubType   string `json:"subType"`
			URL       string `json:"url"`
			LastLine  int    `json:"lastLine"`
			FirstCol  int    `json:"firstColumn"`
			LastCol   int    `json:"lastColumn"`
			Message   string `json:"message"`
			Extract   string `json:"extract"`
			FirstLine int    `json:"firstLine"`
		} `json:"messages"`
	}
	if jerr := json.Unmarshal(stdout.Bytes(), &report); jerr != nil {
		t.Fatalf("vnu.jar: %v (%v)\n%s\n%s", err, jerr, stdout.String(), stderr.String())
	}
	var out []string
	for _, m := range report.Messages {
		if m.Type == "info" {
			continue
		}
		name := strings.TrimPrefix(m.URL, "file:")
		if rel, rerr := filepath.Rel(dir, filepath.Clean(name)); rerr == nil {
			name = filepath.ToSlash(rel)
		}
		col := m.FirstCol
		if col == 0 {
			col = m.LastCol
		}
		msg := fmt.Sprintf("%s:%d:%d: %s", name, m.LastLine, col, m.Message)
		if m.Type != "error" {
			msg += " [" + m.Type + "]"
		}
		if ex := strings.Join(strings.Fields(m.Extract), " "); ex != "" {
			msg += " (" + ex + ")"
		}
		out = append(out, msg)
	}
	if err != nil && len(out) == 0 {
		t.Fatalf("vnu.jar failed without reporting an error: %v\n%s", err, stderr.String())
	}
	slices.Sort(out)
	return out
}

// TestHTMLValid runs the Nu Html Checker on every page of the national site
// (issue 6).
func TestHTMLValid(t *testing.T) {
	for _, p := range validateHTML(t, national(t, false).Files) {
		t.Error(p)
	}
}

// TestHTMLValidFindsDefects proves that the checker fails on invalid markup:
// a duplicate attribute and a <div> inside a <p>.
func TestHTMLValidFindsDefects(t *testing.T) {
	res := brokenSite(t, map[string]edit{
		"layouts/base.html": replace(`</main>`, `<p class="a" class="b">tekst <div>blok</div></p></main>`),
	})
	got := validateHTML(t, map[string][]byte{"index.html": res.Files["index.html"]})
	for _, want := range []string{"Duplicate attribute", "No “p” element in scope"} {
		if !slices.ContainsFunc(got, func(p string) bool { return strings.HasPrefix(p, "index.html:") && strings.Contains(p, want) }) {
			t.Errorf("the checker did not report %q; it found:\n%s", want, strings.Join(got, "\n"))
		}
	}
}
