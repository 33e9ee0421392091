package index

import (
	"path"
	"slices"
	"strings"
	"unicode"

	"github.com/zvh-webtool/zvh/internal/diag"
	"github.com/zvh-webtool/zvh/internal/load"
)

// Output is one file a site writes and the source that owns it.
type Output struct {
	Path  string        // slash-separated, relative to the output folder
	Owner diag.Position // the source (or the front matter key) it comes from; no file for the build's own files
}

// owner names the source of o in a message.
func (o Output) owner() string {
	if o.Owner.File == "" {
		return "the build itself"
	}
	return o.Owner.String()
}

// add reports msg at o's source; a clash with one of the build's own files
// is reported at the other source only.
func (o Output) add(errs *diag.List, format string, args ...any) {
	if o.Owner.File != "" {
		errs.Add(o.Owner, format, args...)
	}
}

// Outputs lists the HTML files the pages of s write: one per page, and for
// each decision tree one per node and an overview.
func (s *Site) Outputs() []Output {
	var out []Output
	for _, p := range s.Pages {
		out = append(out, Output{p.URL + "index.html", diag.Position{File: p.File}})
		if p.Tree == nil {
			continue
		}
		for _, n := range p.Tree.Nodes {
			out = append(out, Output{n.URL + "index.html", n.Node.Pos})
		}
		out = append(out, Output{p.URL + OverviewDir + "index.html", diag.Position{File: p.File}})
	}
	return out
}

// OverviewDir is the folder of a decision tree's overview page.
const OverviewDir = "overzicht/"

// CheckOutputs reports every output path that more than one source would
// write, at each of those sources, and every path that one output needs as
// a folder while another writes it as a file. Without it one of the two
// would silently be lost.
func CheckOutputs(outs []Output) diag.List {
	var errs diag.List
	byPath := map[string][]Output{}
	for _, o := range outs {
		byPath[o.Path] = append(byPath[o.Path], o)
	}
	paths := make([]string, 0, len(byPath))
	for p := range byPath {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	for _, p := range paths {
		owners := byPath[p]
		for i, o := range owners {
			if len(owners) > 1 {
				other := owners[(i+1)%len(owners)]
				o.add(&errs, "output %s is also written by %s; every output path has exactly one source", p, other.owner())
			}
		}
		// A file at a/b clashes with any output under a/b/.
		for dir := path.Dir(p); dir != "."; dir = path.Dir(dir) {
			if files := byPath[dir]; len(files) > 0 {
				owners[0].add(&errs, "output %s needs %s to be a folder, but %s writes a file there", p, dir, files[0].owner())
				files[0].add(&errs, "output %s is a file, but %s writes %s inside it", dir, owners[0].owner(), p)
			}
		}
	}
	// A.md and a.md build on Linux, but are one file on Windows, macOS
	// and most USB sticks: the offline copy would lose one of them.
	byFold := map[string][]string{}
	for _, p := range paths {
		f := strings.ToLower(p)
		byFold[f] = append(byFold[f], p)
	}
	for _, p := range paths {
		same := byFold[strings.ToLower(p)]
		if len(same) < 2 {
			continue
		}
		other := same[0]
		if other == p {
			other = same[1]
		}
		byPath[p][0].add(&errs, "output %s differs from %s (by %s) only in upper and lower case; on Windows, macOS and USB sticks they are one file", p, other, byPath[other][0].owner())
	}
	return errs
}

// checkNames reports content files whose name cannot become a safe address:
// a folder or file name that is empty, starts with a dot or an underscore
// (other than _index.md), or holds characters other than letters, digits,
// '-', '_' and '.'.
func checkNames(pages []*load.Page) diag.List {
	var errs diag.List
	for _, p := range pages {
		parts := strings.Split(strings.TrimSuffix(p.Rel, ".md"), "/")
		if path.Base(p.Rel) == "_index.md" {
			parts = parts[:len(parts)-1]
		}
		for _, part := range parts {
			if msg := badName(part); msg != "" {
				errs.Add(diag.Position{File: p.File}, "file name %q cannot be a page address: %s", p.Rel, msg)
				break
			}
		}
	}
	return errs
}

func badName(s string) string {
	switch {
	case s == "":
		return "a folder or file name is empty"
	case s[0] == '.':
		return "a name may not start with a dot"
	case s[0] == '_':
		return "names starting with _ are reserved (only _index.md is a page)"
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '_' && r != '.' {
			return "use letters, digits, '-', '_' and '.' only"
		}
	}
	return ""
}
