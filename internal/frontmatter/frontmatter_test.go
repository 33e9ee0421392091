package frontmatter

import (
	"strings"
	"testing"
)

func TestSplitFindsBodyLine(t *testing.T) {
	src := "---\ntitle: A\nweight: 2\n---\nbody line\n"
	yml, body, line, err := Split("a.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if string(yml) != "title: A\nweight: 2\n" || string(body) != "body line\n" || line != 5 {
		t.Errorf("Split = %q, %q, %d", yml, body, line)
	}
}

func TestSplitErrors(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"no front matter", "# Titel\n", "a.md:1:1: missing front matter"},
		{"never closed", "---\ntitle: A\nbody\n", "a.md:1:1: front matter opened here is never closed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, _, err := Split("a.md", []byte(tc.src))
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("err = %v, want prefix %q", err, tc.want)
			}
		})
	}
}

func TestDecode(t *testing.T) {
	for _, tc := range []struct {
		name string
		kind Kind
		yml  string
		want []string // diagnostics, in order
	}{
		{"valid", KindPage, "title: A\nweight: 3\ndate: 2026-11-22\nregime: wgs\n", nil},
		{"missing title", KindPage, "description: x\n", []string{"a.md:1:1: front matter needs a `title`"}},
		{"empty title", KindPage, "title: \"\"\n", []string{"a.md:2:1: front matter needs a `title`"}},
		{"unknown key with typo", KindPage, "title: A\ndescripton: x\n",
			[]string{"a.md:3:1: unknown front matter key `descripton`; did you mean `description`?"}},
		{"dutch key", KindPage, "titel: A\n", []string{
			"a.md:1:1: front matter needs a `title`",
			"a.md:2:1: unknown front matter key `titel`; did you mean `title`?"}},
		{"kind key on plain page", KindPage, "title: A\nquestions: [x]\n",
			[]string{"a.md:3:1: unknown front matter key `questions`"}},
		{"kind key on its kind", KindPhase, "title: A\nquestions: [x, y]\n", nil},
		{"wrong type", KindPage, "title: A\nweight: veel\n",
			[]string{"a.md:3:9: front matter key `weight`: want a whole number"}},
		{"bad date", KindPage, "title: A\ndate: 22-11-2026\n",
			[]string{"a.md:3:7: front matter key `date`: want a date as YYYY-MM-DD, got \"22-11-2026\""}},
		{"bad regime", KindPage, "title: A\nregime: wsg\n",
			[]string{"a.md:3:9: unknown regime \"wsg\"; use one of pga-radicalisering, pre-wgs, wgs; did you mean `wgs`?"}},
		{"unclosed list", KindPage, "title: A\nweight: [1\n", []string{"a.md:3:1: invalid YAML in front matter: did not find expected ',' or ']'"}},
		{"colon in value", KindPage, "title: A\ndescription: a: b\n", []string{"a.md:3:1: invalid YAML in front matter: mapping values are not allowed"}},
		{"not a mapping", KindPage, "- a\n- b\n", []string{"a.md:2:1: front matter must be a list of `key: value` lines"}},
		{"duplicate key", KindPage, "title: A\ntitle: B\n", []string{"a.md:3:1: front matter key `title` is given twice"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, errs := Decode("a.md", []byte(tc.yml), tc.kind)
			errs.Sort()
			if len(errs) != len(tc.want) {
				t.Fatalf("got %d diagnostics %v, want %d %q", len(errs), errs, len(tc.want), tc.want)
			}
			for i, d := range errs {
				if !strings.HasPrefix(d.Error(), tc.want[i]) {
					t.Errorf("diagnostic %d = %q, want prefix %q", i, d.Error(), tc.want[i])
				}
			}
		})
	}
}

func TestDecodeOverride(t *testing.T) {
	m, errs := DecodeOverride("r.md", []byte("basis: 0123456789\nlocked: yes\n"), KindPage)
	if len(errs) > 0 || m.Basis != "0123456789" || !m.Locked {
		t.Errorf("got %+v, %v", m, errs)
	}
	if _, errs := Decode("p.md", []byte("title: T\nbasis: 0123456789\n"), KindPage); len(errs) == 0 {
		t.Error("a national page took `basis`")
	}
}
