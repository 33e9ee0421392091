package index

import (
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/zvh-webtool/zvh/internal/load"
	"github.com/zvh-webtool/zvh/internal/markdown"
)

// glossaryFile is the page whose definition list is the glossary.
const glossaryFile = "begrippen.md"

// term is one way of writing a glossary entry, lower case, and the anchor of
// its definition.
type term struct {
	text string
	id   string
}

// termUse is a glossary link the renderer writes inside a text node: source
// bytes [start, stop) link to the definition id.
type termUse struct {
	start, stop int
	id          string
}

// Terms returns the glossary links inside t, a text node of p.
func (p *Page) Terms(t *ast.Text) (uses []TermUse) {
	for _, u := range p.terms[t] {
		uses = append(uses, TermUse{Start: u.start, Stop: u.stop, ID: u.id})
	}
	return uses
}

// NameTerm returns the anchor of the glossary entry that the placeholder
// n, a node of p, links to.
func (p *Page) NameTerm(n *markdown.Name) (id string, ok bool) {
	if uses := p.terms[n]; len(uses) > 0 {
		return uses[0].id, true
	}
	return "", false
}

// TermUse is a glossary link inside a text node: the source bytes
// [Start, Stop) link to the definition with anchor ID on the glossary page.
type TermUse struct {
	Start, Stop int
	ID          string
}

// glossaryTerms reads the terms of the glossary page. "ICO / MDO" yields both
// "ico" and "mdo"; "Functionaris voor gegevensbescherming (FG)" yields the
// long form and "fg". Longer terms come first, so "plan van aanpak" wins over
// "plan".
func glossaryTerms(g *Page) []term {
	var out []term
	for _, t := range markdown.Entries(g.Doc.Root, g.Doc.Src) {
		var forms []string
		if before, inner, ok := strings.Cut(t.Text, "("); ok {
			forms = append(forms, strings.TrimSpace(before), strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(inner), ")")))
		} else {
			forms = strings.Split(t.Text, "/")
		}
		for _, f := range forms {
			if f = strings.ToLower(strings.TrimSpace(f)); utf8.RuneCountInString(f) >= 2 {
				out = append(out, term{text: f, id: t.ID})
			}
		}
	}
	slices.SortStableFunc(out, func(a, b term) int { return len(b.text) - len(a.text) })
	return out
}

// planTerms decides, for every page but the glossary itself, where the first
// use of each glossary term links to its definition. Headings, links, code
// and definition terms are left alone. The plan is computed once per site,
// on every processor, and read by the renderer; the AST stays as parsed.
func planTerms(s *Site, g *Page, cache *Cache) {
	terms := glossaryTerms(g)
	if len(terms) == 0 {
		return
	}
	var key strings.Builder
	for _, t := range terms {
		key.WriteString(t.text + "\x00" + t.id + "\x00")
	}
	ix := indexTerms(terms)
	next := make(chan *Page)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for p := range next {
				if plan, ok := cache.plan(p.Page, key.String()); ok {
					p.terms = plan
					continue
				}
				p.terms = planPage(p, ix)
				cache.putPlan(p.Page, key.String(), p.terms)
			}
		})
	}
	for _, p := range s.Pages {
		if p != g {
			next <- p
		}
	}
	close(next)
	wg.Wait()
	cache.keepOnly(s.Pages)
}

// keepOnly forgets the plans of pages that are no longer in the site (an
// edited page is a new parse), so a long zvh serve session stays small.
func (c *Cache) keepOnly(pages []*Page) {
	if c == nil {
		return
	}
	live := map[*load.Page]bool{}
	for _, p := range pages {
		live[p.Page] = true
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for p := range c.plans {
		if !live[p] {
			delete(c.plans, p)
		}
	}
}

// Cache keeps what the index computed per page between builds of one site
// (zvh serve): a page's glossary links depend only on its parse, which
// load.Cache hands back unchanged, and on the glossary's terms. A nil
// *Cache caches nothing; it is safe for concurrent use.
type Cache struct {
	mu    sync.Mutex
	plans map[*load.Page]cachedPlan
}

type cachedPlan struct {
	terms string // the glossary's terms it was made with
	plan  map[ast.Node][]termUse
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{plans: map[*load.Page]cachedPlan{}} }

func (c *Cache) plan(p *load.Page, terms string) (map[ast.Node][]termUse, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.plans[p]
	return e.plan, ok && e.terms == terms
}

func (c *Cache) putPlan(p *load.Page, terms string, plan map[ast.Node][]termUse) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.plans[p] = cachedPlan{terms, plan}
}

func planPage(p *Page, terms *byFirstByte) map[ast.Node][]termUse {
	done := map[string]bool{}
	var plan map[ast.Node][]termUse
	src := p.Doc.Src
	_ = ast.Walk(p.Doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading, *ast.Link, *ast.AutoLink, *ast.CodeSpan, *ast.FencedCodeBlock, *ast.CodeBlock, *east.DefinitionTerm:
			return ast.WalkSkipChildren, nil
		case *markdown.Name:
			// A name links as a whole when its value is a term, such as
			// {{casusoverleg}} to the entry {{Casusoverleg}}.
			value := strings.ToLower(n.Value)
			if best, at := firstTerm(value, terms, done); at == 0 && len(best.text) == len(value) {
				done[best.id] = true
				if plan == nil {
					plan = map[ast.Node][]termUse{}
				}
				plan[n] = []termUse{{id: best.id}}
			}
		case *ast.Text:
			if uses := termsIn(n, src, terms, done); uses != nil {
				if plan == nil {
					plan = map[ast.Node][]termUse{}
				}
				plan[n] = uses
			}
		}
		return ast.WalkContinue, nil
	})
	return plan
}

// termsIn finds, left to right, the first not-yet-linked term in the text of
// t, then looks for further terms in the text after it.
func termsIn(t *ast.Text, src []byte, terms *byFirstByte, done map[string]bool) []termUse {
	var uses []termUse
	seg := t.Segment
	// The text is matched as it is, ignoring case rune by rune: lowering
	// it first changes byte lengths (İ, the Kelvin sign K, ẞ), and the
	// offsets of the links with them.
	text := string(seg.Value(src))
	for from := 0; ; {
		best, bestAt, n := firstTermFold(text[from:], terms, done)
		if bestAt < 0 {
			return uses
		}
		done[best.id] = true
		start := from + bestAt
		uses = append(uses, termUse{start: seg.Start + start, stop: seg.Start + start + n, id: best.id})
		from = start + n
	}
}

// byFirstByte lists the glossary's terms under the first byte of their
// text, each list in the glossary's order, so a text is read once instead
// of once per term.
type byFirstByte [256][]term

func indexTerms(terms []term) *byFirstByte {
	var ix byFirstByte
	for _, t := range terms {
		if t.text != "" {
			ix[t.text[0]] = append(ix[t.text[0]], t)
		}
	}
	return &ix
}

// firstTerm finds the term that stands as a whole word (lower case) first
// in s and is not done; of terms at the same place, the glossary's first.
// A term stands as a whole word where no letter, digit or hyphen touches it
// on either side; the start of s counts as a boundary.
func firstTerm(s string, terms *byFirstByte, done map[string]bool) (term, int) {
	tm, at, _ := firstTermFold(s, terms, done)
	return tm, at
}

// firstTermFold is firstTerm on text in any case: it also returns the
// length of the match in s, which differs from the term's when a rune's
// lower case has another length.
func firstTermFold(s string, terms *byFirstByte, done map[string]bool) (term, int, int) {
	prev := utf8.RuneError // nothing before the start
	var first [utf8.UTFMax]byte
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(prev) {
			b := s[i]
			if b >= utf8.RuneSelf || 'A' <= b && b <= 'Z' {
				utf8.EncodeRune(first[:], unicode.ToLower(r))
				b = first[0]
			}
			for _, tm := range terms[b] {
				if done[tm.id] {
					continue
				}
				n := prefixFold(s[i:], tm.text)
				if n < 0 {
					continue
				}
				if after, _ := utf8.DecodeRuneInString(s[i+n:]); !isWordRune(after) {
					return tm, i, n
				}
			}
		}
		prev = r
		i += size
	}
	return term{}, -1, 0
}

// prefixFold returns the length of the prefix of s that equals the lower
// case text t rune by rune, ignoring case, or -1.
func prefixFold(s, t string) int {
	i := 0
	for _, rt := range t {
		if i >= len(s) {
			return -1
		}
		rs, size := utf8.DecodeRuneInString(s[i:])
		if rs != rt && unicode.ToLower(rs) != rt {
			return -1
		}
		i += size
	}
	return i
}

func isWordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-')
}
