package tokens

import (
	"bytes"
	"compress/gzip"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/zvh-webtool/zvh"
	"github.com/zvh-webtool/zvh/internal/site"
)

// cssBudget is the most CSS a page may load, gzipped (issue 3).
const cssBudget = 12 * 1024

// componentSheets returns the stylesheets under assets/css other than
// tokens.css, by name.
func componentSheets(t *testing.T) map[string]string {
	t.Helper()
	names, err := fs.Glob(zvh.Base, "assets/css/*.css")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, n := range names {
		if path.Base(n) == "tokens.css" {
			continue
		}
		b, err := fs.ReadFile(zvh.Base, n)
		if err != nil {
			t.Fatal(err)
		}
		out[n] = string(b)
	}
	if len(out) == 0 {
		t.Fatal("no stylesheets besides tokens.css")
	}
	return out
}

var (
	cssComment = regexp.MustCompile(`(?s)/\*.*?\*/`)
	cssString  = regexp.MustCompile(`"[^"]*"|'[^']*'`)
	tokenRef   = regexp.MustCompile(`var\(\s*(--[\w-]+)`)
	// Colour literals: hex, functions and the named colours a hand is most
	// likely to type. System colours (Canvas, Highlight…) are allowed: they
	// serve forced-colors mode.
	colourLiteral = regexp.MustCompile(`#[0-9a-fA-F]{3,8}\b|\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(|(?:^|[\s:,(])(?:white|black|red|green|blue|yellow|orange|purple|gr[ae]y|silver|navy)(?:$|[\s;,)}!])`)
)

// withoutFallbacks removes var() expressions with their fallbacks, so that
// var(--zvh-color-text, #1a1f28) counts as a token, not as a literal.
func withoutFallbacks(css string) string {
	var b strings.Builder
	for {
		i := strings.Index(css, "var(")
		if i < 0 {
			b.WriteString(css)
			return b.String()
		}
		b.WriteString(css[:i])
		depth, j := 0, i+3
		for ; j < len(css); j++ {
			if css[j] == '(' {
				depth++
			} else if css[j] == ')' {
				depth--
				if depth == 0 {
					break
				}
			}
		}
		b.WriteString("var()")
		css = css[min(j+1, len(css)):]
	}
}

// TestComponentsUseOnlyTokens: components take every colour from a token,
// so a region can restyle the site by overriding tokens, and every token
// they name exists (a typo would silently fall back to nothing).
func TestComponentsUseOnlyTokens(t *testing.T) {
	sh := readSheet(t)
	for name, css := range componentSheets(t) {
		src := cssComment.ReplaceAllStringFunc(css, func(s string) string {
			return strings.Repeat("\n", strings.Count(s, "\n"))
		})
		src = cssString.ReplaceAllString(src, `""`)
		for _, m := range tokenRef.FindAllStringSubmatchIndex(src, -1) {
			tok := src[m[2]:m[3]]
			if !strings.HasPrefix(tok, "--zvh-") {
				continue // a component's own variable
			}
			if _, ok := sh.Light[tok]; !ok {
				t.Errorf("%s:%d: var(%s) is not defined in tokens.css", name, strings.Count(src[:m[0]], "\n")+1, tok)
			}
		}
		for i, line := range strings.Split(withoutFallbacksByLine(src), "\n") {
			if lit := colourLiteral.FindString(line); lit != "" {
				t.Errorf("%s:%d: colour literal %q; use a --zvh-color-* token", name, i+1, strings.Trim(lit, " \t:,();}!"))
			}
		}
	}
}

// withoutFallbacksByLine applies withoutFallbacks but keeps line breaks, so
// messages point at the right line.
func withoutFallbacksByLine(css string) string {
	lines := strings.Split(css, "\n")
	for i, l := range lines {
		lines[i] = withoutFallbacks(l)
	}
	return strings.Join(lines, "\n")
}

// TestTypeAndMeasure keeps body text at 18px or more and lines at 75
// characters or fewer (issue 3).
func TestTypeAndMeasure(t *testing.T) {
	sh := readSheet(t)
	body, err := sh.Light.Resolve("--zvh-font-size-body")
	if err != nil {
		t.Fatal(err)
	}
	if v, err := strconv.ParseFloat(strings.TrimSuffix(body, "rem"), 64); err != nil || !strings.HasSuffix(body, "rem") || v < 1.125 {
		t.Errorf("--zvh-font-size-body = %s, want at least 1.125rem", body)
	}
	measure, err := sh.Light.Resolve("--zvh-measure")
	if err != nil {
		t.Fatal(err)
	}
	if v, err := strconv.ParseFloat(strings.TrimSuffix(measure, "ch"), 64); err != nil || !strings.HasSuffix(measure, "ch") || v > 75 {
		t.Errorf("--zvh-measure = %s, want at most 75ch", measure)
	}
}

// TestCSSBudget builds a one-page site with the real layouts and assets and
// gzips every stylesheet it publishes (the generated code.css included):
// together they must stay under the budget.
func TestCSSBudget(t *testing.T) {
	files := fstest.MapFS{"content/_index.md": {Data: []byte("---\ntitle: Budget\n---\nTekst.\n")}}
	err := fs.WalkDir(zvh.Base, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(strings.HasPrefix(p, "layouts/") || strings.HasPrefix(p, "assets/")) {
			return err
		}
		b, err := fs.ReadFile(zvh.Base, p)
		files[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	res, errs := site.Build(site.Options{FS: files})
	if errs != nil {
		t.Fatalf("build failed:\n%v", errs)
	}
	// Concatenate in name order: map order would make the gzipped size
	// (and so the verdict near the budget) differ from run to run.
	var names []string
	for name := range res.Files {
		if strings.HasSuffix(name, ".css") {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	var all bytes.Buffer
	for _, name := range names {
		all.Write(res.Files[name])
	}
	var gz bytes.Buffer
	w, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	w.Write(all.Bytes())
	w.Close()
	if gz.Len() >= cssBudget {
		t.Errorf("CSS is %d bytes gzipped (%v), budget %d", gz.Len(), names, cssBudget)
	}
	t.Logf("CSS: %d bytes, %d gzipped, budget %d", all.Len(), gz.Len(), cssBudget)
}
