package region

import (
	"fmt"
	"html"
	"io/fs"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/zvh-webtool/zvh"
	"github.com/zvh-webtool/zvh/internal/markdown"
	"github.com/zvh-webtool/zvh/internal/settings"
)

// TestRegionNamesEverywhere builds --all and counts, on every page of a
// region that renames the casusoverleg, the national words the region
// replaced, in what a reader sees and hears: the page title and the text
// and labels of the page body (main text, phase bar, tables, trees). It
// must be zero, except where a page names the national word on purpose
// ({{landelijk:casusoverleg}}, rendered in <span class="landelijk">) and on
// the differences page, which lists the national names by design.
func TestRegionNamesEverywhere(t *testing.T) {
	sites, built := buildAll(t)
	marked := markedFrontMatter(t)
	checked := 0
	for _, s := range sites {
		cfg := s.Report.Region
		if cfg == nil || len(cfg.Terms) == 0 {
			continue
		}
		// The national words this region replaced, and its own values
		// (which may hold a national word: "Integraal casusoverleg").
		var words, own []string
		for _, name := range slices.Sorted(maps.Keys(cfg.Terms)) {
			nat := s.Report.Settings.Terms[name]
			// Names, not descriptions: "het registratiesysteem van het
			// ZVH" is a phrase a region may write around its own name.
			if nat != "" && !strings.Contains(nat, " ") && !strings.EqualFold(nat, cfg.Terms[name]) {
				words = append(words, strings.ToLower(nat))
				own = append(own, strings.ToLower(cfg.Terms[name]))
			}
		}
		slices.Sort(words)
		words = slices.Compact(words)
		if len(words) == 0 {
			continue
		}
		checked++
		var bad []string
		total := 0
		for _, name := range slices.Sorted(maps.Keys(built.Files)) {
			if !strings.HasPrefix(name, s.Prefix) || !strings.HasSuffix(name, ".html") || strings.HasPrefix(name, s.Prefix+"verschillen/") {
				continue
			}
			text := shownText(string(built.Files[name]))
			for _, o := range append(marked, own...) {
				text = strings.ReplaceAll(text, o, " ")
			}
			for _, w := range words {
				if n := countWord(text, w); n > 0 {
					total += n
					if len(bad) < 40 {
						i := indexWord(text, w)
						ctx := strings.Join(strings.Fields(text[max(0, i-60):min(len(text), i+len(w)+30)]), " ")
						bad = append(bad, fmt.Sprintf("%s: %d× %q, such as …%s…", name, n, w, ctx))
					}
				}
			}
		}
		if total > 0 {
			t.Errorf("%s shows the national word %d times:\n%s", s.Name, total, strings.Join(bad, "\n"))
		}
	}
	if checked < 2 {
		t.Fatalf("checked %d regions that rename the casusoverleg, want Zaanstreek-Waterland and Rotterdam-Rijnmond", checked)
	}
}

// markedFrontMatter returns, lower case, the national titles,
// descriptions and questions that hold a {{landelijk:…}} placeholder, as
// the pages show them: where a layout prints them as plain text (<title>,
// the phase bar, lists of pages) the <span class="landelijk"> marking
// cannot go with them, so the whole marked phrase counts as marked.
func markedFrontMatter(t *testing.T) []string {
	t.Helper()
	set := nationalSettings(t)
	names := markdown.Names{Values: set.Terms, National: set.Terms}
	var out []string
	err := fs.WalkDir(zvh.Base, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() && p == Shipped {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(p, ".md") {
			return nil
		}
		b, err := fs.ReadFile(zvh.Base, p)
		if err != nil {
			return err
		}
		front, _, _ := strings.Cut(strings.TrimPrefix(string(b), "---\n"), "\n---\n")
		for _, l := range strings.Split(front, "\n") {
			if !strings.Contains(l, "{{"+markdown.NationalPrefix) {
				continue
			}
			_, v, _ := strings.Cut(l, ":")
			if strings.HasPrefix(strings.TrimSpace(l), "- ") {
				v = strings.TrimPrefix(strings.TrimSpace(l), "- ")
			}
			v = strings.Trim(strings.TrimSpace(v), `"'`)
			text, errs := names.ExpandText(v)
			if errs != nil {
				t.Fatalf("%s: %v", p, errs[0].Msg)
			}
			if !strings.Contains(strings.TrimSpace(text), " ") {
				t.Errorf("%s: the marked phrase %q is one word; a page shows it as plain text in lists and titles, where it cannot be told from an accident: give it words of its own (such as \"casusoverleg radicalisering\")", p, text)
			}
			out = append(out, strings.ToLower(text))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Longest first, so a phrase is removed before one it holds.
	slices.SortFunc(out, func(a, b string) int { return len(b) - len(a) })
	return out
}

func nationalSettings(t *testing.T) settings.Settings {
	t.Helper()
	b, err := fs.ReadFile(zvh.Base, settings.File)
	if err != nil {
		t.Fatal(err)
	}
	set, errs := settings.Parse(settings.File, b)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return set
}

var (
	sitePath      = regexp.MustCompile(`/[a-z0-9._/-]+/`)
	scriptOrStyle = regexp.MustCompile(`(?s)<(script|style)\b.*?</(script|style)>|<code\b.*?</code>`)
	nationalSpan  = regexp.MustCompile(`<span class="landelijk">[^<]*</span>`)
	titleElem     = regexp.MustCompile(`(?s)<title>(.*?)</title>`)
	bodyElem      = regexp.MustCompile(`(?s)<body\b.*</body>`)
	labelAttr     = regexp.MustCompile(`\s(?:aria-label|alt|title)="([^"]*)"`)
	tag           = regexp.MustCompile(`<[^>]*>`)
)

// shownText is the lower-case text of a page a reader sees or hears: its
// title, and the text and labels of its body, marked national words and
// code (syntax and file names in the editor's guide) left out.
func shownText(page string) string {
	page = scriptOrStyle.ReplaceAllString(page, " ")
	page = nationalSpan.ReplaceAllString(page, " ")
	var b strings.Builder
	if m := titleElem.FindStringSubmatch(page); m != nil {
		b.WriteString(m[1] + " \n ")
	}
	body := bodyElem.FindString(page)
	for _, m := range labelAttr.FindAllStringSubmatch(body, -1) {
		b.WriteString(m[1] + " \n ")
	}
	b.WriteString(tag.ReplaceAllString(body, " "))
	// Addresses printed after links and at the foot name folders, not
	// the overleg.
	return sitePath.ReplaceAllString(strings.ToLower(html.UnescapeString(b.String())), " ")
}

// countWord counts w in text as a whole word.
func countWord(text, w string) int {
	n := 0
	for i := 0; ; {
		j := indexWord(text[i:], w)
		if j < 0 {
			return n
		}
		n++
		i += j + len(w)
	}
}

func indexWord(text, w string) int {
	for from := 0; ; {
		i := strings.Index(text[from:], w)
		if i < 0 {
			return -1
		}
		i += from
		before := i == 0 || !isLetter(text[i-1])
		after := i+len(w) >= len(text) || !isLetter(text[i+len(w)])
		if before && after {
			return i
		}
		from = i + 1
	}
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80 }

// TestTermCannotBypassLock: a term value is text, never Markdown, so a
// region cannot put a heading or any other block into a locked national
// section through it (issue 26, point 3).
func TestTermCannotBypassLock(t *testing.T) {
	yml := "name: Proef\nslug: proef\nlogo: logo.svg\nterms:\n  casusoverleg: |\n    ICO\n\n    ## Delen mag altijd {#altijd}\n\n    Alles mag <script>x</script>.\n"
	_, rep, res := build(t, zvh.Base, regionFS(map[string]string{"regio.yaml": yml}))
	page := string(res.Files["procesplaten/complexe-casuistiek/triage/index.html"])
	if strings.Contains(page, `id="altijd"`) || strings.Contains(page, "<script>x") {
		t.Error("the term value added a heading or markup to the page")
	}
	if !strings.Contains(page, "## Delen mag altijd {#altijd}") {
		t.Error("the term value is not shown as text")
	}
	if p := rep.Pages["procesplaten/complexe-casuistiek/triage.md"]; p.Status != StatusNational {
		t.Errorf("status = %v, want the national page, unchanged", p.Status)
	}
}
