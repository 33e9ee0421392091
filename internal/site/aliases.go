package site

import (
	"fmt"
	"html/template"
	"path"
	"strings"

	"github.com/zvh-webtool/zvh/internal/csp"
	"github.com/zvh-webtool/zvh/internal/diag"
	"github.com/zvh-webtool/zvh/internal/urls"
)

// aliasPages returns a redirect page for every alias in front matter, so an
// old address keeps working after a page moved. An alias is a site path such
// as "fasen/triage/" (leading and trailing slashes optional); it may not
// take the place of a page or of another alias.
func aliasPages(pages []*Page, files map[string][]byte, offline bool) diag.List {
	var errs diag.List
	taken := map[string]string{}
	for _, p := range pages {
		for _, a := range p.Meta.Aliases {
			pos := p.Meta.Pos["aliases"]
			clean := strings.Trim(path.Clean("/"+a), "/")
			if clean == "" || strings.ContainsAny(a, "#?\\") || strings.HasSuffix(clean, ".md") || strings.Contains(a, "..") {
				errs.Add(pos, "alias %q: write the old address as a site path, such as fasen/triage/", a)
				continue
			}
			out := clean + "/index.html"
			if by, ok := taken[out]; ok {
				errs.Add(pos, "alias %q is also an alias of %s", a, by)
				continue
			}
			if _, ok := files[out]; ok {
				errs.Add(pos, "alias %q is the address of an existing page", a)
				continue
			}
			taken[out] = p.File
			files[out] = urls.Relativize(redirect(p), clean+"/", offline)
		}
	}
	return errs
}

// redirect is the page at an old address: a refresh to the new one, and a
// link for browsers that do not follow it.
func redirect(to *Page) []byte {
	href := template.HTMLEscapeString(urls.Abs(to.URL))
	title := template.HTMLEscapeString(to.Meta.Title)
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
