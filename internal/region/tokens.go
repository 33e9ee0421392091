package region

import (
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/zvh-webtool/zvh/internal/diag"
	"github.com/zvh-webtool/zvh/internal/settings"
	"github.com/zvh-webtool/zvh/internal/tokens"
)

// tokenTable is the one mapping from the NL Design System token names a
// region may set to the custom properties of assets/css/tokens.css that carry
// them. When tokens.css renames a property, change the right-hand side here
// and nothing else. A region writes the left-hand names, so it can copy the
// values of its own organisation's NL Design System theme.
var tokenTable = map[string][]string{
	// Primary colour: the strong brand colour of the procesplaat numbers and
	// the current phase.
	"basis.color.accent-1.color-default": {"--zvh-color-brand-strong"},
	// Links in text.
	"nl.link.color": {"--zvh-color-link"},
	// Focus ring around whatever has keyboard focus.
	"basis.focus.outline-color": {"--zvh-color-focus"},
	// The page header: background and text.
	"utrecht.page-header.background-color": {"--zvh-color-brand"},
	"utrecht.page-header.color":            {"--zvh-color-brand-text"},
	// Font family of all text.
	"basis.text.font-family": {"--zvh-font-family"},
}

// TokenNames lists the token names a region may set, sorted.
func TokenNames() []string {
	names := make([]string, 0, len(tokenTable))
	for k := range tokenTable {
		names = append(names, k)
	}
	slices.Sort(names)
	return names
}

// Token is one design token a region sets. A value given once holds for the
// light and the dark colour scheme; `{light: …, dark: …}` sets them apart.
type Token struct {
	Name        string
	Light, Dark string
	Pos         diag.Position
}

// isColour reports whether the token holds a colour (all but the font).
func (t Token) isColour() bool { return !strings.HasSuffix(t.Name, "font-family") }

func parseTokens(file string, v *yaml.Node, errs *diag.List) []Token {
	if v.Kind != yaml.MappingNode {
		errs.Add(settings.Pos(file, v), "`tokens`: want `token-name: value` lines")
		return nil
	}
	var out []Token
	seen := map[string]bool{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		if _, ok := tokenTable[k.Value]; !ok {
			errs.Add(settings.Pos(file, k), "unknown token `%s`%s; a region may set %s", k.Value, settings.Hint(k.Value, TokenNames()), strings.Join(TokenNames(), ", "))
			continue
		}
		if seen[k.Value] {
			errs.Add(settings.Pos(file, k), "token `%s` is given twice", k.Value)
			continue
		}
		seen[k.Value] = true
		t := Token{Name: k.Value, Pos: settings.Pos(file, val)}
		switch val.Kind {
		case yaml.ScalarNode:
			t.Light = settings.String(file, "tokens."+k.Value, val, errs)
			t.Dark = t.Light
		case yaml.MappingNode:
			settings.Fields(file, val, errs, map[string]func(*yaml.Node){
				"light": func(n *yaml.Node) { t.Light = settings.String(file, "tokens."+k.Value+".light", n, errs) },
				"dark":  func(n *yaml.Node) { t.Dark = settings.String(file, "tokens."+k.Value+".dark", n, errs) },
			})
			if t.Light == "" || t.Dark == "" {
				errs.Add(t.Pos, "token `%s`: give both `light` and `dark`, or one value for both", k.Value)
				continue
			}
		default:
			errs.Add(t.Pos, "token `%s`: want a value, or `light` and `dark`", k.Value)
			continue
		}
		if t.isColour() {
			bad := false
			for _, c := range []string{t.Light, t.Dark} {
				if _, err := tokens.ParseColor(c); err != nil {
					errs.Add(t.Pos, "token `%s`: %v", k.Value, err)
					bad = true
					break
				}
			}
			if bad {
				continue
			}
		} else if strings.ContainsAny(t.Light+t.Dark, ";{}<>\\") || strings.Contains(strings.ToLower(t.Light+t.Dark), "url(") {
			// A font family is the only free-form value; keep it to names,
			// so it cannot load anything or break out of its declaration.
			errs.Add(t.Pos, "token `%s`: a font family is a list of font names, such as \"Fira Sans\", Arial, sans-serif", k.Value)
			continue
		}
		out = append(out, t)
	}
	return out
}

// checkContrast applies the region's colour tokens to the national token
// sheet and measures every pair of tokens.Pairs that involves one of them,
// in the light and the dark scheme. A failing pair is reported at the line
// of the region token that produced it.
func checkContrast(sheet *tokens.Sheet, toks []Token, errs *diag.List) {
	if sheet == nil {
		return
	}
	for _, scheme := range []struct {
		name string
		base tokens.Set
		dark bool
	}{{"light", sheet.Light, false}, {"dark", sheet.Dark, true}} {
		set := tokens.Set{}
		for k, v := range scheme.base {
			set[k] = v
		}
		origin := map[string]Token{}
		for _, t := range toks {
			if !t.isColour() {
				continue
			}
			val := t.Light
			if scheme.dark {
				val = t.Dark
			}
			for _, prop := range tokenTable[t.Name] {
				set[prop] = tokens.Token{Value: val, Line: t.Pos.Line}
				origin[prop] = t
			}
		}
		for _, p := range tokens.Pairs {
			t, ok := origin[p.FG]
			if !ok {
				if t, ok = origin[p.BG]; !ok {
					continue
				}
			}
			for _, msg := range tokens.Check(set, []tokens.Pair{p}) {
				errs.Add(t.Pos, "token `%s` fails WCAG AA contrast in the %s colour scheme: %s", t.Name, scheme.name, msg)
			}
		}
	}
}

// CSS returns the declarations that put the region's tokens into effect: a
// :root rule for the light scheme and one in the dark-scheme media query,
// in the form of assets/css/tokens.css, to be appended to it.
func CSS(toks []Token) string {
	if len(toks) == 0 {
		return ""
	}
	var light, dark strings.Builder
	for _, t := range toks {
		for _, prop := range tokenTable[t.Name] {
			fmt.Fprintf(&light, "  %s: %s; /* %s */\n", prop, t.Light, t.Name)
			if t.isColour() {
				fmt.Fprintf(&dark, "    %s: %s;\n", prop, t.Dark)
			}
		}
	}
	out := "\n/* Regional tokens (regio.yaml) */\n:root {\n" + light.String() + "}\n"
	if dark.Len() > 0 {
		out += "@media screen and (prefers-color-scheme: dark) {\n  :root {\n" + dark.String() + "  }\n}\n"
	}
	return out
}
