// Package urls makes every URL the generator emits relative, so a build works
// under any sub-path and from a USB stick (file://).
//
// Internal targets are named by their site path ("procesplaten/",
// "css/app.3f9a1c2e.css", "spelregels/#doel"); the renderer writes each as
// the path from the file being rendered to the target, while it renders.
// With Offline set, links to a folder get "index.html" appended, since
// file:// does not serve a folder's index.
package urls

import "strings"

// Rel returns the relative URL from the page at site path from (a folder path
// ending in "/", "" for the home page) to the site path to (which may carry a
// #fragment).
func Rel(from, to string, offline bool) string {
	target, frag, hasFrag := strings.Cut(to, "#")
	if offline && (target == "" || strings.HasSuffix(target, "/")) {
		target += "index.html"
	}
	fromDir := strings.Split(strings.TrimSuffix(from, "/"), "/")
	if from == "" {
		fromDir = nil
	}
	toParts := strings.Split(target, "/")
	// Drop the folders both paths share; the last element of toParts is a
	// file name (or "" for a folder) and never shared.
	i := 0
	for i < len(fromDir) && i < len(toParts)-1 && fromDir[i] == toParts[i] {
		i++
	}
	rel := strings.Repeat("../", len(fromDir)-i) + strings.Join(toParts[i:], "/")
	if rel == "" {
		rel = "./"
		if offline {
			rel = "index.html"
		}
	}
	if hasFrag {
		if rel == "./" && !offline && target == from {
			return "#" + frag
		}
		rel += "#" + frag
	}
	return rel
}
