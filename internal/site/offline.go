package site

import (
	"fmt"
	"strings"
	"sync"

	"github.com/zvh-webtool/zvh/internal/diag"
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
	zip, err := offlinezip.Build(files, strings.TrimSuffix(OfflineZip, ".zip"))
	if err != nil {
		errs.Add(diag.Position{File: "content"}, "cannot write %s: %v", OfflineZip, err)
		return nil, errs
	}
	return zip, nil
}

// dutchSize writes a file size as people read it: "1,4 MB", "830 kB".
func dutchSize(n int) string {
	if n >= 1<<20 {
		return strings.Replace(fmt.Sprintf("%.1f MB", float64(n)/(1<<20)), ".", ",", 1)
	}
	return fmt.Sprintf("%d kB", (n+1023)/1024)
}
