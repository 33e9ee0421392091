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
}

func newIDs() *ids { return &ids{used: map[string]bool{}} }

// Generate implements parser.IDs.
func (x *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	base := Slug(string(value))
	if base == "" {
		base = "kop"
	}
	id := base
	for i := 1; x.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	x.used[id] = true
	return []byte(id)
}

// Put implements parser.IDs: explicit ids ({#id}) are reserved as written.
func (x *ids) Put(value []byte) { x.used[string(value)] = true }
