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
	// Walk both paths a folder at a time and drop the folders they share;
	// the last element of target is a file name (or "" for a folder) and
	// never shared. Every link of every page comes through here, so it
	// slices the strings instead of splitting them.
	dir := strings.TrimSuffix(from, "/")
	depth := 0
	if from != "" {
		depth = strings.Count(dir, "/") + 1
	}
	shared, fi, ti := 0, 0, 0
	for shared < depth {
		fe := strings.IndexByte(dir[fi:], '/')
		if fe < 0 {
			fe = len(dir) - fi
		}
		te := strings.IndexByte(target[ti:], '/')
		if te < 0 || dir[fi:fi+fe] != target[ti:ti+te] {
			break
		}
		shared++
		fi += fe + 1
		ti += te + 1
	}
	rel := strings.Repeat("../", depth-shared) + target[ti:]
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
