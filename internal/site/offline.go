package site

import (
	"fmt"
	"html"
	"strings"
	"sync"

	"github.com/zvh-webtool/zvh/internal/csp"
	"github.com/zvh-webtool/zvh/internal/diag"
	"github.com/zvh-webtool/zvh/internal/index"
	"github.com/zvh-webtool/zvh/internal/markdown"
	"github.com/zvh-webtool/zvh/internal/offlinezip"
	"github.com/zvh-webtool/zvh/internal/search"
)

// OfflineZip is the name of the downloadable offline copy in the output.
const OfflineZip = "gegevensdeling-offline.zip"

// offlineCopy renders the site again for file:// and packs it as one zip
// (OfflineZip), from the same load and index: nothing is parsed twice.
func offlineCopy(opts Options, md *markdown.Converter, st *stages, stemmer *search.Stemmer) ([]byte, diag.List) {
	files := map[string][]byte{}
	var mu sync.Mutex
	offline := opts
	offline.Offline = true
	_, errs := renderAll(offline, md, st, stemmer, func(name string, b []byte) error {
		mu.Lock()
		files[name] = b
		mu.Unlock()
		return nil
	}, nil)
	if len(errs) > 0 {
		return nil, errs
	}
	// One folder named after the site and its date; at its top only the
	// start file and the folder with the site, so nobody has to guess
	// which of many index.html files to open.
	packed := map[string][]byte{OfflineStart: offlineStart(st.site)}
	for name, b := range files {
		packed[OfflineFiles+name] = b
	}
	zip, err := offlinezip.Build(packed, OfflineFolder(st.site))
	if err != nil {
		errs.Add(diag.Position{File: "content"}, "cannot write %s: %v", OfflineZip, err)
		return nil, errs
	}
	return zip, nil
}

// OfflineStart is the start file at the top of the offline copy's folder,
// and OfflineFiles the folder beside it that holds the site.
const (
	OfflineStart = "Start hier.html"
	OfflineFiles = "webtool/"
)

// OfflineFolder is the one folder the offline zip unpacks to: the site's
// title and the date of its newest page, "gegevens-delen-in-het-zvh-2026-11-22".
func OfflineFolder(s *index.Site) string {
	name := markdown.Slug(s.Title)
	if name == "" {
		name = strings.TrimSuffix(OfflineZip, ".zip")
	}
	if s.Updated != "" {
		name += "-" + s.Updated
	}
	return name
}

// offlineStart is the start file of the offline copy: it opens the home
// page of the site at once (a meta refresh, as a page may run no inline
// script) and says, for the moment before that and for browsers that do
// not follow it, what the folder is and where the current version lives.
func offlineStart(s *index.Site) []byte {
	e := html.EscapeString
	where := "de website van " + e(s.Publisher)
	if s.URL != "" {
		where = `<a href="` + e(s.URL) + `">` + e(s.URL) + `</a>`
	} else if s.Publisher == "" {
		where = "de website waar je deze kopie vandaan hebt"
	}
	return []byte(`<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="` + csp.Policy + `">
<meta name="referrer" content="` + csp.Referrer + `">
<meta http-equiv="refresh" content="0; url=` + OfflineFiles + `index.html">
<title>` + e(s.Title) + ` (offline kopie)</title>
</head>
<body>
<h1>` + e(s.Title) + `</h1>
<p><a href="` + OfflineFiles + `index.html">Open de webtool</a>.</p>
<p>Dit is een offline kopie van ` + e(s.Version) + `. Ze werkt zonder internet. De actuele versie staat op ` + where + `.</p>
</body>
</html>
`)
}

// dutchSize writes a file size as people read it: "1,4 MB", "830 kB".
func dutchSize(n int) string {
	if n >= 1<<20 {
		return strings.Replace(fmt.Sprintf("%.1f MB", float64(n)/(1<<20)), ".", ",", 1)
	}
	return fmt.Sprintf("%d kB", (n+1023)/1024)
}
