// Command gencorpus writes the generated benchmark corpus of
// internal/corpus to a folder, as a zvh site (content/...) or as a Hugo site
// (content/... plus a minimal theme), for scripts/bench-hugo.
//
//	go run ./scripts/gencorpus -pages 1000 -sections 10 -out /tmp/c1k
//	go run ./scripts/gencorpus -hugo -pages 1000 -sections 10 -out /tmp/h1k
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/zvh-webtool/zvh/internal/corpus"
)

func main() {
	pages := flag.Int("pages", 1000, "number of pages")
	sections := flag.Int("sections", 10, "number of sections")
	out := flag.String("out", "", "folder to write (must not exist)")
	hugo := flag.Bool("hugo", false, "write a Hugo site instead of a zvh site")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "gencorpus: -out is required")
		os.Exit(2)
	}
	if _, err := os.Stat(*out); err == nil {
		fmt.Fprintf(os.Stderr, "gencorpus: %s exists\n", *out)
		os.Exit(2)
	}
	files := map[string]string{}
	for _, p := range corpus.Generate(*pages, *sections) {
		// Hugo reads the same YAML front matter and Markdown; its link
		// render hook (below) resolves the source-path links.
		files["content/"+p.Path] = p.Markdown()
	}
	if *hugo {
		for name, text := range hugoSite {
			files[name] = text
		}
	}
	for name, text := range files {
		p := filepath.Join(*out, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			fmt.Fprintln(os.Stderr, "gencorpus:", err)
			os.Exit(1)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "gencorpus:", err)
			os.Exit(1)
		}
	}
}

// hugoSite is an equivalent minimal Hugo site: the top navigation of all
// sections, a sidebar with the section's pages, a table of contents, chroma
// with CSS classes, and links resolved through a render hook.
var hugoSite = map[string]string{
	"hugo.toml": `baseURL = "/"
languageCode = "nl"
title = "Gegenereerde site"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
relativeURLs = true
[markup.highlight]
noClasses = false
[markup.goldmark.parser.attribute]
title = true
block = true
[markup.goldmark.extensions]
definitionList = true
footnote = true
table = true
typographer = true
`,
	"layouts/_default/baseof.html": `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>{{ .Title }} | {{ site.Title }}</title></head>
<body>
<nav><ul>{{ range site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></nav>
<aside><ul>{{ with .CurrentSection }}{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}</ul></aside>
<main>{{ block "main" . }}{{ end }}</main>
</body></html>
`,
	"layouts/_default/single.html": `{{ define "main" }}<h1>{{ .Title }}</h1>{{ .TableOfContents }}{{ .Content }}{{ end }}`,
	"layouts/_default/list.html":   `{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}`,
	"layouts/_default/_markup/render-link.html": `{{- $u := urls.Parse .Destination -}}
{{- $href := .Destination -}}
{{- if and (not $u.IsAbs) (strings.HasSuffix $u.Path ".md") -}}
{{- with site.GetPage (strings.TrimSuffix ".md" $u.Path) -}}{{- $href = .RelPermalink -}}{{- with $u.Fragment -}}{{- $href = printf "%s#%s" $href . -}}{{- end -}}{{- end -}}
{{- end -}}
<a href="{{ $href }}">{{ .Text }}</a>`,
}
