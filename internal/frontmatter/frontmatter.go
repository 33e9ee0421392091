// Package frontmatter splits a Markdown source into its YAML front matter and
// body, and decodes the front matter strictly: unknown keys and values of the
// wrong type are reported at their own line and column, with a suggestion
// for a mistyped key.
//
// # Format
//
// A source starts with a line "---", then YAML, then a line "---"; the body
// follows. The keys every page may use are the fields of Meta that carry no
// kind tag; a page kind (phase, law article, decision tree) may allow a few
// more, listed in its Kind.
package frontmatter

import (
	"bytes"
	"fmt"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/zvh-webtool/zvh/internal/diag"
	"github.com/zvh-webtool/zvh/internal/suggest"
)

// Meta is the decoded front matter of a page. Field tags name the YAML key;
// a kind tag limits a key to pages of that kind.
type Meta struct {
	Title       string   `yaml:"title"`
	Description string   `yaml:"description"`
	Weight      int      `yaml:"weight"`
	Date        string   `yaml:"date"` // YYYY-MM-DD, shown as "laatst gewijzigd"
	Draft       bool     `yaml:"draft"`
	Locked      bool     `yaml:"locked"`
	Regime      string   `yaml:"regime"`
	Phase       string   `yaml:"phase"`
	Roles       []string `yaml:"roles"`
	Verified    *bool    `yaml:"verified"` // nil when not given
	Remove      bool     `yaml:"remove"`
	Aliases     []string `yaml:"aliases"`

	Questions []string `yaml:"questions" kind:"phase"` // key questions on the procesplaat
	Law       string   `yaml:"law" kind:"law"`         // citeertitel
	Article   string   `yaml:"article" kind:"law"`     // e.g. "artikel 6, eerste lid"
	Official  string   `yaml:"official" kind:"law"`    // URL of the official text
	Start     string   `yaml:"start" kind:"tree"`      // id of the first node

	// Ground says the provision can itself be the legal ground for
	// processing or sharing (AVG art. 6, the WGS, a duty or right to report
	// or record). A prohibition (art. 9, a professional secret) or a
	// principle (art. 5) cannot: an outcome citing only those names its
	// sources "Bron", never "Grondslag".
	Ground bool `yaml:"ground" kind:"law"`

	// Basis is only for a region's file that changes a national page: the
	// hash of the national text it was made against (see DecodeOverride).
	Basis string `yaml:"basis" kind:"override"`

	// Pos is where each key's value stands, for errors found later (an
	// alias that clashes with a page, a phase that does not exist).
	Pos map[string]diag.Position `yaml:"-"`
}

// Kind names a page kind whose extra keys are allowed.
type Kind string

// The page kinds with keys of their own.
const (
	KindPage  Kind = ""
	KindPhase Kind = "phase"
	KindLaw   Kind = "law"
	KindTree  Kind = "tree"
)

// Regimes lists the legal regimes a page may describe, with their labels.
var Regimes = map[string]string{
	"wgs":                "WGS/BGS (sinds 1 maart 2025)",
	"pre-wgs":            "Handvat en modelprotocol (vóór 1 maart 2025)",
	"pga-radicalisering": "Wet gegevensverwerking PGA radicalisering",
}

// dutchKeys maps keys that Dutch editors often type to the key they mean.
var dutchKeys = map[string]string{
	"titel": "title", "beschrijving": "description", "omschrijving": "description",
	"gewicht": "weight", "volgorde": "weight", "datum": "date", "concept": "draft",
	"vergrendeld": "locked", "fase": "phase", "rollen": "roles", "geverifieerd": "verified",
	"vragen": "questions", "wet": "law", "artikel": "article", "grondslag": "ground",
}

// Split separates front matter and body. It returns the YAML, the body and
// the 1-based line on which the body starts. A source without front matter
// is an error, since every page needs a title.
func Split(file string, src []byte) (yml, body []byte, bodyLine int, err error) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	first, rest, _ := bytes.Cut(src, []byte("\n"))
	if string(bytes.TrimRight(first, " \t\r")) != "---" {
		return nil, nil, 0, diag.Diagnostic{Pos: diag.Position{File: file, Line: 1, Col: 1},
			Msg: "missing front matter: a page starts with a line \"---\", then at least `title: …`, then \"---\""}
	}
	line := 2
	off := 0
	for off <= len(rest) {
		end := bytes.IndexByte(rest[off:], '\n')
		var l []byte
		if end < 0 {
			l = rest[off:]
		} else {
			l = rest[off : off+end]
		}
		if string(bytes.TrimRight(l, " \t\r")) == "---" {
			next := len(rest)
			if end >= 0 {
				next = off + end + 1
			}
			return rest[:off], rest[next:], line + 1, nil
		}
		if end < 0 {
			break
		}
		off += end + 1
		line++
	}
	return nil, nil, 0, diag.Diagnostic{Pos: diag.Position{File: file, Line: 1, Col: 1},
		Msg: "front matter opened here is never closed with a line \"---\""}
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// Decode reads the YAML front matter of file (which starts on line 2 of the
// file) into a Meta, allowing the keys of kind. All problems are returned.
func Decode(file string, yml []byte, kind Kind) (Meta, diag.List) {
	return decode(file, yml, kind, false)
}

// DecodeOverride reads the front matter of a region's file at the path of a
// national page of kind: it also takes `basis`, and it does not require a
// `title`, since a file without one changes only sections of the page.
func DecodeOverride(file string, yml []byte, kind Kind) (Meta, diag.List) {
	return decode(file, yml, kind, true)
}

func decode(file string, yml []byte, kind Kind, override bool) (Meta, diag.List) {
	var (
		m    Meta
		errs diag.List
	)
	pos := func(n *yaml.Node) diag.Position { return diag.Position{File: file, Line: n.Line + 1, Col: n.Column} }
	var doc yaml.Node
	if err := yaml.Unmarshal(yml, &doc); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		p := diag.Position{File: file, Line: 2, Col: 1}
		if sm := yamlLine.FindStringSubmatch(err.Error()); sm != nil {
			n, _ := strconv.Atoi(sm[1])
			if parserError(sm[2]) {
				n++ // yaml.v3 counts these lines from 0, scanner errors from 1
			}
			p.Line, msg = n+1, sm[2]
		}
		errs.Add(p, "invalid YAML in front matter: %s", msg)
		return m, errs
	}
	if len(doc.Content) == 0 {
		if override {
			return m, nil
		}
		errs.Add(diag.Position{File: file, Line: 1, Col: 1}, "front matter is empty: `title` is required")
		return m, errs
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		errs.Add(pos(root), "front matter must be a list of `key: value` lines")
		return m, errs
	}

	fields, known := fieldsFor(kind, override)
	m.Pos = map[string]diag.Position{}
	v := reflect.ValueOf(&m).Elem()
	seen := map[string]bool{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, val := root.Content[i], root.Content[i+1]
		idx, ok := fields[k.Value]
		if !ok {
			errs.Add(pos(k), "unknown front matter key `%s`%s", k.Value, hint(k.Value, known))
			continue
		}
		if seen[k.Value] {
			errs.Add(pos(k), "front matter key `%s` is given twice", k.Value)
			continue
		}
		seen[k.Value] = true
		if t := tagged(val); t != nil {
			errs.Add(pos(t), "front matter key `%s`: the YAML tag %s is not allowed; write the value as plain text", k.Value, t.Tag)
			continue
		}
		m.Pos[k.Value] = pos(val)
		if err := val.Decode(v.Field(idx).Addr().Interface()); err != nil {
			errs.Add(pos(val), "front matter key `%s`: %s", k.Value, typeError(v.Field(idx).Type()))
		}
	}
	if strings.TrimSpace(m.Title) == "" && (!override || seen["title"]) {
		p := diag.Position{File: file, Line: 1, Col: 1}
		if seen["title"] {
			p = pos(root)
		}
		errs.Add(p, "front matter needs a `title`")
	}
	if m.Date != "" {
		if _, err := time.Parse(time.DateOnly, m.Date); err != nil {
			errs.Add(m.Pos["date"], "front matter key `date`: want a date as YYYY-MM-DD, got %q", m.Date)
		}
	}
	if m.Regime != "" {
		if _, ok := Regimes[m.Regime]; !ok {
			names := slices.Sorted(mapKeys(Regimes))
			errs.Add(m.Pos["regime"], "unknown regime %q; use one of %s%s", m.Regime, strings.Join(names, ", "), hint(m.Regime, names))
		}
	}
	if m.Official != "" {
		if u, err := url.Parse(m.Official); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			errs.Add(m.Pos["official"], "front matter key `official`: want the address of the official text, starting with https://, got %q", m.Official)
		}
	}
	return m, errs
}

func mapKeys(m map[string]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// parserError reports whether msg comes from yaml.v3's parser rather than its
// scanner: the parser reports the 0-based line of the construct it was in.
func parserError(msg string) bool {
	for _, s := range []string{"<document start>", "node content", "expected key", "'-' indicator", "',' or"} {
		if strings.HasPrefix(msg, "did not find expected") && strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// fieldsFor maps each key allowed for kind to its field index in Meta.
func fieldsFor(kind Kind, override bool) (map[string]int, []string) {
	t := reflect.TypeFor[Meta]()
	fields := map[string]int{}
	var names []string
	for i := range t.NumField() {
		f := t.Field(i)
		if k, ok := f.Tag.Lookup("kind"); ok && Kind(k) != kind && !(override && k == "override") {
			continue
		}
		name := f.Tag.Get("yaml")
		if name == "-" {
			continue
		}
		fields[name] = i
		names = append(names, name)
	}
	return fields, names
}

func typeError(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "want text"
	case reflect.Int:
		return "want a whole number"
	case reflect.Bool, reflect.Pointer:
		return "want true or false"
	case reflect.Slice:
		return "want a list of text, e.g. [een, twee]"
	}
	return "wrong type"
}

// hint returns "; did you mean `x`?" for the known name closest to name,
// or "" when nothing is close.
func hint(name string, known []string) string {
	if k, ok := dutchKeys[strings.ToLower(name)]; ok && slices.Contains(known, k) {
		return fmt.Sprintf("; did you mean `%s`?", k)
	}
	return suggest.Hint(name, known, "`", "`")
}

// coreTags are the YAML tags a value may carry explicitly: the plain types.
// !!binary (bytes decoded into a title), !!timestamp and tags of one's own
// make a value other than the text an editor reads.
var coreTags = map[string]bool{"!!str": true, "!!int": true, "!!float": true, "!!bool": true, "!!null": true, "!!seq": true, "!!map": true}

// tagged returns the first node in n with an explicit tag that is not a
// core one, or nil.
func tagged(n *yaml.Node) *yaml.Node {
	if n.Style&yaml.TaggedStyle != 0 && !coreTags[n.Tag] {
		return n
	}
	for _, c := range n.Content {
		if t := tagged(c); t != nil {
			return t
		}
	}
	return nil
}
