package region

import (
	"errors"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/zvh-webtool/zvh/internal/csp"
	"github.com/zvh-webtool/zvh/internal/diag"
	"github.com/zvh-webtool/zvh/internal/settings"
	"github.com/zvh-webtool/zvh/internal/tokens"
)

// ConfigFile is the name of a region's settings file.
const ConfigFile = "regio.yaml"

// Config is a region's regio.yaml, checked.
type Config struct {
	Dir     string // the region folder as people see it: content/regio/fryslan or ../mijn-regio
	Name    string
	Title   string // site title of the variant; default: national title – Name
	Slug    string
	Contact settings.Contact
	Logo    string // file name of the logo in the region folder
	LogoSVG []byte
	Tokens  []Token
	Terms   map[string]string // renames of national terms
	Facts   map[string]string // regional facts, such as triage_day
	Phases  map[string]string // "plaat/fase" -> the region's title of that phase
	Pos     map[string]diag.Position
}

// File is the path of regio.yaml as people see it.
func (c *Config) File() string { return path.Join(c.Dir, ConfigFile) }

var slugForm = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// LoadConfig reads and checks regio.yaml from fsys, the region folder. dir
// is how people see that folder (used in every diagnostic); its last element
// is the folder name, which the slug must equal. national holds the national
// settings (the terms a region may rename) and sheet the national design
// tokens the region's tokens are measured against; sheet may be nil.
func LoadConfig(fsys fs.FS, dir string, national settings.Settings, sheet *tokens.Sheet) (*Config, diag.List) {
	c := &Config{Dir: dir, Terms: map[string]string{}, Facts: map[string]string{}, Phases: map[string]string{}, Pos: map[string]diag.Position{}}
	file := c.File()
	var errs diag.List
	src, err := fs.ReadFile(fsys, ConfigFile)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			errs.Add(diag.Position{File: dir}, "not a region folder: it has no %s (run `zvh new region SLUG` to start one)", ConfigFile)
		} else {
			errs.Add(diag.Position{File: file}, "cannot read: %v", err)
		}
		return nil, errs
	}
	root, errs := settings.Root(file, src)
	if root == nil {
		return nil, errs
	}
	at := func(key string, v *yaml.Node) { c.Pos[key] = settings.Pos(file, v) }
	settings.Fields(file, root, &errs, map[string]func(*yaml.Node){
		"name":    func(v *yaml.Node) { at("name", v); c.Name = settings.String(file, "name", v, &errs) },
		"slug":    func(v *yaml.Node) { at("slug", v); c.Slug = settings.String(file, "slug", v, &errs) },
		"title":   func(v *yaml.Node) { at("title", v); c.Title = settings.String(file, "title", v, &errs) },
		"contact": func(v *yaml.Node) { at("contact", v); c.Contact = settings.ParseContact(file, v, &errs) },
		"logo":    func(v *yaml.Node) { at("logo", v); c.Logo = settings.String(file, "logo", v, &errs) },
		"tokens":  func(v *yaml.Node) { at("tokens", v); c.Tokens = parseTokens(file, v, &errs) },
		"terms": func(v *yaml.Node) {
			at("terms", v)
			var pos map[string]diag.Position
			c.Terms, pos = settings.ParseTerms(file, "terms", v, &errs)
			known := slices.Sorted(keys(national.Terms))
			for name := range c.Terms {
				if _, ok := national.Terms[name]; !ok {
					errs.Add(pos[name], "unknown term `%s`%s; a region renames the terms of site.yaml (%s); put regional values in `facts`",
						name, settings.Hint(name, known), strings.Join(known, ", "))
				}
				c.Pos["terms."+name] = pos[name]
			}
		},
		"phases": func(v *yaml.Node) {
			// A phase title of the region: checked against the phases of
			// the site when it is built (a phase is a page, not a setting).
			at("phases", v)
			c.Phases = parsePhases(file, v, c.Pos, &errs)
		},
		"facts": func(v *yaml.Node) {
			at("facts", v)
			var pos map[string]diag.Position
			c.Facts, pos = settings.ParseTerms(file, "facts", v, &errs)
			for name := range c.Facts {
				c.Pos["facts."+name] = pos[name]
				if _, ok := national.Terms[name]; ok {
					errs.Add(pos[name], "fact `%s` has the name of a term; rename the term under `terms`, or give the fact another name", name)
				}
			}
		},
	})
	if c.Title == "" && c.Name != "" {
		c.Title = strings.TrimSpace(national.Title + " – " + c.Name)
		c.Title = strings.TrimPrefix(c.Title, "– ")
	}
	folder := path.Base(dir)
	switch {
	case c.Name == "":
		errs.Add(c.posOr("name", file), "%s needs a `name`, such as \"Zorg- en Veiligheidshuis Voorbeeldregio\"", ConfigFile)
	}
	switch {
	case c.Slug == "":
		errs.Add(c.posOr("slug", file), "%s needs a `slug`: the folder name, %q", ConfigFile, folder)
	case !slugForm.MatchString(c.Slug):
		errs.Add(c.Pos["slug"], "slug %q may hold only lower-case letters, digits and single hyphens", c.Slug)
	case c.Slug != folder:
		errs.Add(c.Pos["slug"], "slug %q does not match the folder name %q; rename one of them so they are equal", c.Slug, folder)
	}
	c.loadLogo(fsys, &errs)
	if strings.ContainsAny(c.Name+c.Title, "\"\n") {
		errs.Add(c.posOr("name", file), "`name` and `title` may not hold double quotes")
	}
	checkContrast(sheet, c.Tokens, &errs)
	return c, errs
}

func (c *Config) posOr(key, file string) diag.Position {
	if p, ok := c.Pos[key]; ok {
		return p
	}
	return diag.Position{File: file, Line: 1, Col: 1}
}

// loadLogo checks that the logo is an SVG file in the region folder that
// loads nothing from elsewhere and runs no script.
func (c *Config) loadLogo(fsys fs.FS, errs *diag.List) {
	p := c.posOr("logo", c.File())
	if c.Logo == "" {
		errs.Add(p, "%s needs a `logo`: an SVG file in the region folder, such as logo.svg", ConfigFile)
		return
	}
	if path.Ext(c.Logo) != ".svg" || !fs.ValidPath(c.Logo) || strings.Contains(c.Logo, "/") {
		errs.Add(p, "logo %q: give the name of an .svg file in the region folder itself", c.Logo)
		return
	}
	b, err := fs.ReadFile(fsys, c.Logo)
	if err != nil {
		errs.Add(p, "logo %q is not in the region folder %s", c.Logo, c.Dir)
		return
	}
	// Parsed with an allow-list of elements and attributes (csp.CheckSVG),
	// not searched for substrings: the logo is inlined in every page and
	// published as a file a reader can open on its own.
	problems := csp.CheckSVG(b)
	for _, pr := range problems {
		errs.Add(diag.Position{File: path.Join(c.Dir, c.Logo), Line: pr.Line, Col: pr.Col}, "logo: %s", pr.Msg)
	}
	if len(problems) == 0 {
		c.LogoSVG = b
	}
}

func keys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// Lookup returns the value of a placeholder: the region's fact or term, or
// the national default.
func (c *Config) Lookup(national settings.Settings, name string) (string, bool) {
	if c != nil {
		if v, ok := c.Facts[name]; ok {
			return v, true
		}
		if v, ok := c.Terms[name]; ok {
			return v, true
		}
	}
	v, ok := national.Terms[name]
	return v, ok
}

// Warnings returns what the region should fix before publishing: today
// only a missing contact, which the site then does not show.
func (c *Config) Warnings() diag.List {
	var w diag.List
	if c.Contact.IsZero() {
		w.Add(diag.Position{File: c.File()}, "no `contact` is set, so the variant shows no way to reach %s; add a real address when one is known", c.Name)
	}
	return w
}

// phaseKey is how regio.yaml names a phase: its plate and its file name,
// as in complexe-casuistiek/triage (procesplaten/complexe-casuistiek/triage.md).
var phaseKey = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*$`)

// parsePhases decodes `phases`: the region's titles of national phases.
// Whether each phase exists is checked by the build, which knows the
// pages.
func parsePhases(file string, v *yaml.Node, pos map[string]diag.Position, errs *diag.List) map[string]string {
	out := map[string]string{}
	if v.Kind != yaml.MappingNode {
		errs.Add(settings.Pos(file, v), "`phases`: zet per fase een regel `plaat/fase: titel`, zoals `complexe-casuistiek/triage: Triage en voorbereiding`")
		return out
	}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		switch _, dup := out[k.Value]; {
		case !phaseKey.MatchString(k.Value):
			errs.Add(settings.Pos(file, k), "`phases`: %q is geen fase; schrijf de plaat en de fase zoals in het pad, bijvoorbeeld `complexe-casuistiek/triage`", k.Value)
		case dup:
			errs.Add(settings.Pos(file, k), "`phases.%s` staat er twee keer", k.Value)
		default:
			out[k.Value] = settings.String(file, "phases."+k.Value, val, errs)
			pos["phases."+k.Value] = settings.Pos(file, val)
		}
	}
	return out
}
