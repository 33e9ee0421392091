// Package settings reads site.yaml, the settings of a whole site: its title,
// who publishes it, how to reach the publisher, and the default names of the
// terms that pages use through placeholders. A region's regio.yaml overrides
// the same settings for its own variant (package region).
//
// # Format
//
//	title: Gegevensdeling in het Zorg- en Veiligheidshuis
//	publisher: Landelijke stuurgroep Zorg en Veiligheid
//	url: https://…/gegevensdeling/   # where the site is published; optional
//	contact:            # every key optional; leave out what is not known
//	  name: …
//	  email: …
//	  phone: …
//	  url: https://…
//	terms:              # placeholder name -> text, see package region
//	  casusoverleg: casusoverleg
//
// Unknown keys are errors with a suggestion. A site without any contact
// detail builds, with a warning: the site never shows an invented address.
package settings

import (
	"fmt"
	"net/mail"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/zvh-webtool/zvh/internal/diag"
	"github.com/zvh-webtool/zvh/internal/suggest"
)

// File is the name of the settings file at the source root.
const File = "site.yaml"

// Settings are the site-wide settings.
type Settings struct {
	Title     string
	Publisher string
	// URL is the address the site is published at (https://…/, ending
	// in a slash), or "" while it is not known. Printed pages and the
	// offline copy name it; the 404 page takes its links from its path.
	URL     string
	Contact Contact
	Terms   map[string]string // placeholder name -> default text
	// TermPos is where each term is defined, for errors found later.
	TermPos map[string]diag.Position
}

// Contact is how people reach the publisher. Every field is optional.
type Contact struct {
	Name  string
	Email string
	Phone string
	URL   string
}

// IsZero reports whether no contact detail is given.
func (c Contact) IsZero() bool { return c == Contact{} }

// Warnings returns what a person should fix before publishing: today only a
// missing contact. The build prints them and goes on.
func (s Settings) Warnings(file string) diag.List {
	var out diag.List
	if s.Contact.IsZero() {
		out.Add(diag.Position{File: file}, "no `contact` is set, so the site shows no way to reach %s; add a real address when one is known (never an invented one)", orDefault(s.Publisher, "the publisher"))
	}
	return out
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// TermName is the form of a placeholder or fact name: lower case letters,
// digits and underscores, starting with a letter.
var TermName = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// Parse reads site.yaml. file names the file in diagnostics.
func Parse(file string, src []byte) (Settings, diag.List) {
	var (
		s    = Settings{Terms: map[string]string{}, TermPos: map[string]diag.Position{}}
		errs diag.List
	)
	root, errs := Root(file, src)
	if root == nil {
		return s, errs
	}
	Fields(file, root, &errs, map[string]func(v *yaml.Node){
		"title":     func(v *yaml.Node) { s.Title = String(file, "title", v, &errs) },
		"publisher": func(v *yaml.Node) { s.Publisher = String(file, "publisher", v, &errs) },
		"contact":   func(v *yaml.Node) { s.Contact = ParseContact(file, v, &errs) },
		"url":       func(v *yaml.Node) { s.URL = ParseURL(file, v, &errs) },
		"terms":     func(v *yaml.Node) { s.Terms, s.TermPos = ParseTerms(file, "terms", v, &errs) },
	})
	if strings.TrimSpace(s.Title) == "" {
		errs.Add(diag.Position{File: file, Line: 1, Col: 1}, "%s needs a `title`", file)
	}
	return s, errs
}

// Root parses src as one YAML mapping and returns it, or nil with the error.
func Root(file string, src []byte) (*yaml.Node, diag.List) {
	var (
		doc  yaml.Node
		errs diag.List
	)
	if err := yaml.Unmarshal(src, &doc); err != nil {
		errs.Add(diag.Position{File: file, Line: yamlErrLine(err.Error()), Col: 1}, "invalid YAML: %s", yamlErrMsg(err.Error()))
		return nil, errs
	}
	if len(doc.Content) == 0 {
		errs.Add(diag.Position{File: file, Line: 1, Col: 1}, "%s is empty", file)
		return nil, errs
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		errs.Add(Pos(file, root), "%s must be a list of `key: value` lines", file)
		return nil, errs
	}
	return root, errs
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

func yamlErrLine(msg string) int {
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		var n int
		fmt.Sscanf(m[1], "%d", &n)
		return n
	}
	return 1
}

func yamlErrMsg(msg string) string {
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		return m[2]
	}
	return strings.TrimPrefix(msg, "yaml: ")
}

// Pos is the position of a YAML node in file.
func Pos(file string, n *yaml.Node) diag.Position {
	return diag.Position{File: file, Line: n.Line, Col: n.Column}
}

// Fields calls handle[key] for each key of the mapping m, and reports
// unknown and repeated keys with a suggestion.
func Fields(file string, m *yaml.Node, errs *diag.List, handle map[string]func(v *yaml.Node)) {
	known := make([]string, 0, len(handle))
	for k := range handle {
		known = append(known, k)
	}
	slices.Sort(known)
	seen := map[string]bool{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		h, ok := handle[k.Value]
		switch {
		case !ok:
			errs.Add(Pos(file, k), "unknown key `%s`%s", k.Value, Hint(k.Value, known))
		case seen[k.Value]:
			errs.Add(Pos(file, k), "key `%s` is given twice", k.Value)
		default:
			seen[k.Value] = true
			h(v)
		}
	}
}

// Hint is "; did you mean `x`?" for the known name closest to name, or "".
func Hint(name string, known []string) string { return suggest.Hint(name, known, "`", "`") }

// String decodes a text value.
func String(file, key string, v *yaml.Node, errs *diag.List) string {
	if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
		errs.Add(Pos(file, v), "`%s`: want text", key)
		return ""
	}
	return strings.TrimSpace(v.Value)
}

// ParseContact decodes a contact mapping and checks the form of its values.
func ParseContact(file string, v *yaml.Node, errs *diag.List) Contact {
	var c Contact
	if v.Kind != yaml.MappingNode {
		errs.Add(Pos(file, v), "`contact`: want `name`, `email`, `phone` and/or `url` on lines of their own")
		return c
	}
	Fields(file, v, errs, map[string]func(v *yaml.Node){
		"name": func(v *yaml.Node) { c.Name = String(file, "contact.name", v, errs) },
		"email": func(v *yaml.Node) {
			c.Email = String(file, "contact.email", v, errs)
			if a, err := mail.ParseAddress(c.Email); c.Email != "" && (err != nil || a.Address != c.Email) {
				errs.Add(Pos(file, v), "`contact.email`: %q is not an e-mail address", c.Email)
			}
		},
		"phone": func(v *yaml.Node) {
			c.Phone = String(file, "contact.phone", v, errs)
			if c.Phone != "" && !phone.MatchString(c.Phone) {
				errs.Add(Pos(file, v), "`contact.phone`: %q is not a phone number (digits, spaces, + and -)", c.Phone)
			}
		},
		"url": func(v *yaml.Node) {
			c.URL = String(file, "contact.url", v, errs)
			if u, err := url.Parse(c.URL); c.URL != "" && (err != nil || u.Scheme != "https" || u.Host == "") {
				errs.Add(Pos(file, v), "`contact.url`: %q is not an https:// address", c.URL)
			}
		},
	})
	return c
}

// ParseURL decodes the site's published address: an https:// address of a
// folder, so that it ends in a slash, without query or fragment.
func ParseURL(file string, v *yaml.Node, errs *diag.List) string {
	s := String(file, "url", v, errs)
	if s == "" {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "https" || u.Host == "" || u.RawQuery != "" || u.Fragment != "" || !strings.HasSuffix(u.Path, "/") {
		errs.Add(Pos(file, v), "`url`: %q is not the https:// address of the folder the site is published in (it ends in /, e.g. https://www.voorbeeld.nl/gegevensdeling/)", s)
		return ""
	}
	return s
}

// Root is the path of the published address, "/" when it is not known:
// where the site sits on its host.
func (s Settings) Root() string { return RootOf(s.URL) }

// RootOf is the path of a published address, "/" for "".
func RootOf(address string) string {
	if u, err := url.Parse(address); err == nil && strings.HasPrefix(u.Path, "/") {
		return u.Path
	}
	return "/"
}

var phone = regexp.MustCompile(`^\+?[0-9][0-9 \-]{5,}[0-9]$`)

// ParseTerms decodes a mapping of placeholder names to text.
func ParseTerms(file, key string, v *yaml.Node, errs *diag.List) (map[string]string, map[string]diag.Position) {
	terms, pos := map[string]string{}, map[string]diag.Position{}
	if v.Kind != yaml.MappingNode {
		errs.Add(Pos(file, v), "`%s`: want `name: text` lines", key)
		return terms, pos
	}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		if !TermName.MatchString(k.Value) {
			errs.Add(Pos(file, k), "`%s`: name %q may hold only lower-case letters, digits and _", key, k.Value)
			continue
		}
		if _, dup := terms[k.Value]; dup {
			errs.Add(Pos(file, k), "`%s.%s` is given twice", key, k.Value)
			continue
		}
		terms[k.Value] = String(file, key+"."+k.Value, val, errs)
		pos[k.Value] = Pos(file, val)
	}
	return terms, pos
}
