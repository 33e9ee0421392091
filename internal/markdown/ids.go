package markdown

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/text/unicode/norm"
)

// Slug turns text into an id or URL segment: lower case, accents dropped,
// every run of other characters a single hyphen. "Casusoverleg (ICO)" becomes
// "casusoverleg-ico"; "Financiën" becomes "financien".
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// a combining accent: drop it
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		default:
			dash = true
		}
	}
	return b.String()
}

// ids gives headings unique, readable ids within one document.
type ids struct {
	used map[string]bool
	// next is, per base id, the suffix to try first: 20,000 headings
	// "## Same" then cost one lookup each instead of one per earlier
	// heading (which took a minute).
	next map[string]int
}

func newIDs() *ids { return &ids{used: map[string]bool{}, next: map[string]int{}} }

// Generate implements parser.IDs.
func (x *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	base := Slug(string(value))
	if base == "" {
		base = "kop"
	}
	id := base
	if x.used[id] {
		i := max(x.next[base], 1)
		for id = base + "-" + strconv.Itoa(i); x.used[id]; id = base + "-" + strconv.Itoa(i) {
			i++
		}
		x.next[base] = i + 1
	}
	x.used[id] = true
	return []byte(id)
}

// Put implements parser.IDs: explicit ids ({#id}) are reserved as written.
func (x *ids) Put(value []byte) { x.used[string(value)] = true }
