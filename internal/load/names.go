package load

import (
	"bytes"
	"strings"

	"github.com/zvh-webtool/zvh/internal/markdown"
	"github.com/zvh-webtool/zvh/internal/tree"
)

// usesNames reports whether a page depends on the names of its site: it
// holds a placeholder (in its text, front matter or scenarios), or it is a
// phase, which a region may give a title of its own.
func usesNames(k Kind, src, scenarios []byte) bool {
	return k == KindPhase || bytes.Contains(src, []byte("{{")) || bytes.Contains(scenarios, []byte("{{"))
}

// PhaseSlug is the name a region gives a phase a title by: its plate and
// file name, "complexe-casuistiek/triage" for
// procesplaten/complexe-casuistiek/triage.md.
func PhaseSlug(rel string) string {
	return strings.TrimSuffix(strings.TrimPrefix(rel, "procesplaten/"), ".md")
}

// nameMeta expands the placeholders of the front matter a reader sees (the
// title, the description, the key questions of a phase), so <title>, the
// menu, the phase bar and the search index show the site's names, and
// gives a phase the title its region chose.
func nameMeta(p *Page, n markdown.Names) {
	expand := func(key string, s *string) {
		v, errs := n.ExpandText(*s)
		for _, e := range errs {
			p.Errs.Add(p.Meta.Pos[key], "%s", e.Msg)
		}
		*s = v
	}
	expand("title", &p.Meta.Title)
	expand("description", &p.Meta.Description)
	for i := range p.Meta.Questions {
		expand("questions", &p.Meta.Questions[i])
	}
	if p.Kind == KindPhase {
		if t, ok := n.Phases[PhaseSlug(p.Rel)]; ok {
			// The title may hold names too; the build reports their
			// errors at regio.yaml (see site.checkPhases).
			p.Meta.Title, _ = n.ExpandText(t)
		}
	}
}

// nameScenarios expands the placeholders of a tree's worked examples, whose
// answers must read like the tree's answers, which hold the site's names.
func nameScenarios(p *Page, sc []tree.Scenario, n markdown.Names) {
	for i := range sc {
		s := &sc[i]
		for _, f := range append([]*string{&s.Title, &s.Case}, ptrs(s.Answers)...) {
			v, errs := n.ExpandText(*f)
			for _, e := range errs {
				p.Errs.Add(s.Pos, "%s", e.Msg)
			}
			*f = v
		}
	}
}

func ptrs(s []string) []*string {
	out := make([]*string, len(s))
	for i := range s {
		out[i] = &s[i]
	}
	return out
}
