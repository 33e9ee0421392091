package render

import (
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/zvh-webtool/zvh/internal/index"
	"github.com/zvh-webtool/zvh/internal/load"
	"github.com/zvh-webtool/zvh/internal/markdown"
)

// What a layout needs to place a page: its plate and phase for the phase
// bar, a distinct document title, and the glossary's letters.

// Plate is the procesplaat the page belongs to: a plate itself, the plate
// of a phase, the plate of a decision tree's phase; for other pages the
// default plate.
func (v *view) Plate() *index.Page {
	p := v.Page
	switch {
	case p.Kind == load.KindPlate:
		return p
	case p.Kind == load.KindPhase && p.Parent != nil:
		return p.Parent
	case p.Tree != nil && p.Tree.Phase != nil && p.Tree.Phase.Parent != nil:
		return p.Tree.Phase.Parent
	}
	return v.Site.DefaultPlate()
}

// Phase is the phase the page is about: a phase page itself, or the phase
// of a decision tree; nil for other pages.
func (v *view) Phase() *index.Page {
	switch {
	case v.Page.Kind == load.KindPhase:
		return v.Page
	case v.Page.Tree != nil:
		return v.Page.Tree.Phase
	}
	return nil
}

// PhaseKey is what the phase bar of this file depends on, for the cached
// partial: its plate, the current phase, and the page itself when it is
// the plate or one of its phases (then it is marked as the current page).
func (v *view) PhaseKey() string {
	plate := v.Plate()
	if plate == nil {
		return ""
	}
	key := plate.Rel + "|"
	if ph := v.Phase(); ph != nil {
		key += ph.Rel
	}
	if v.Page == plate || v.Page.Parent == plate {
		key += "|" + v.Page.Rel
	}
	return key
}

// FooterKey is what the footer of this file depends on, for the cached
// partial: the footer links top-level pages only (Over, Privacy, ...), so
// the page counts only when it is one of those.
func (v *view) FooterKey() string {
	if v.Node == nil && v.Section() == v.Page {
		return v.Page.File
	}
	return ""
}

// DocTitle is the text of <title>: distinct for every page, so that tabs,
// history and screen readers tell pages apart. A phase names its plate
// (three plates have a "Casusoverleg"), a tree node says which question it
// is and of which tree.
func (v *view) DocTitle() string {
	p := v.Page
	site := v.Site.Title
	switch {
	case p.Kind == load.KindHome:
		return site
	case v.Node != nil:
		return v.Node.DocTitle() + " — " + p.Title() + " | " + site
	case p.Kind == load.KindPhase && p.Parent != nil:
		return p.Title() + " — " + p.Parent.Title() + " | " + site
	}
	return p.Title() + " | " + site
}

// Letter is one letter of the glossary's jump list and the anchor of its
// first term.
type Letter struct {
	Letter string
	ID     string
}

// Letters returns the first letters of the glossary's terms with the anchor
// of the first term of each, for an A–Z jump list; nil on other pages.
func (v *view) Letters() []Letter {
	p := v.Page
	if p.Rel != "begrippen.md" || p.Doc == nil {
		return nil
	}
	var out []Letter
	for _, t := range markdown.Entries(p.Doc.Root, p.Doc.Src) {
		r, _ := utf8.DecodeRuneInString(t.Text)
		l := string(unicode.ToUpper(r))
		if unicode.IsLetter(r) && !slices.ContainsFunc(out, func(x Letter) bool { return x.Letter == l }) {
			out = append(out, Letter{Letter: l, ID: t.ID})
		}
	}
	return out
}
