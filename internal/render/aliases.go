package render

import (
	"fmt"
	"html/template"
	"path"
	"strings"

	"github.com/zvh-webtool/zvh/internal/csp"
	"github.com/zvh-webtool/zvh/internal/diag"
	"github.com/zvh-webtool/zvh/internal/index"
	"github.com/zvh-webtool/zvh/internal/urls"
)

// Alias is a redirect page at an old address of a page.
type Alias struct {
	Path string // output file: "fasen/triage/index.html"
	To   *index.Page
	Pos  diag.Position
}

// Aliases returns a redirect page for every alias in front matter, so an old
// address keeps working after a page moved. An alias is a site path such as
// "fasen/triage/" (leading and trailing slashes optional). Whether it takes
// the place of another output is checked with all outputs together
// (index.CheckOutputs).
func Aliases(site *index.Site) ([]Alias, diag.List) {
	var out []Alias
	var errs diag.List
	for _, p := range site.Pages {
		for _, a := range p.Meta.Aliases {
			pos := p.Meta.Pos["aliases"]
			clean := strings.Trim(path.Clean("/"+a), "/")
			if clean == "" || strings.ContainsAny(a, "#?\\") || strings.HasSuffix(clean, ".md") || strings.Contains(a, "..") {
				errs.Add(pos, "alias %q: write the old address as a site path, such as fasen/triage/", a)
				continue
			}
			out = append(out, Alias{Path: clean + "/index.html", To: p, Pos: pos})
		}
	}
	return out, errs
}

// Redirect is the page at an old address: a refresh to the new one, and a
// link for browsers that do not follow it.
func (a Alias) Redirect(offline bool) []byte {
	href := template.HTMLEscapeString(urls.Rel(path.Dir(a.Path)+"/", a.To.URL, offline))
	title := template.HTMLEscapeString(a.To.Meta.Title)
	return fmt.Appendf(nil, `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="%s">
<meta name="referrer" content="%s">
<meta http-equiv="refresh" content="0; url=%s">
<link rel="canonical" href="%s">
<title>Verhuisd: %s</title>
</head>
<body>
<main>
<h1>Deze pagina is verhuisd</h1>
<p>Je vindt haar nu op <a href="%s">%s</a>.</p>
</main>
</body>
</html>
`, csp.Policy, csp.Referrer, href, href, title, href, title)
}
