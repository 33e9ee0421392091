// Package urls makes every URL the generator emits relative, so a build works
// under any sub-path and from a USB stick (file://).
//
// While a page is being put together, internal URLs are written as markers:
// "zvh:/" followed by the site path of the target ("zvh:/procesplaten/",
// "zvh:/css/app.3f9a1c2e.css", "zvh:/#top"). Markdown and templates do not need
// to know where the page will sit. Relativize then replaces every marker in a
// finished page with the path from that page to the target. With Offline set,
// links to a folder get "index.html" appended, since file:// does not serve
// a folder's index.
package urls

import (
	"bytes"
	"strings"
)

// Marker starts every internal URL before it is made relative.
const Marker = "zvh:/"

// Abs returns the marker URL of a site path such as "procesplaten/" or
// "css/app.css#x".
func Abs(sitePath string) string { return Marker + strings.TrimPrefix(sitePath, "/") }

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

// Relativize replaces every marker URL in page, the output of the page at
// site path from, by its relative form. A marker URL ends at a quote, a
// closing parenthesis, whitespace or '<'.
func Relativize(page []byte, from string, offline bool) []byte {
	marker := []byte(Marker)
	if !bytes.Contains(page, marker) {
		return page
	}
	var out bytes.Buffer
	out.Grow(len(page))
	for {
		i := bytes.Index(page, marker)
		if i < 0 {
			out.Write(page)
			return out.Bytes()
		}
		out.Write(page[:i])
		rest := page[i+len(marker):]
		end := bytes.IndexAny(rest, "\"' )<>\n\t")
		if end < 0 {
			end = len(rest)
		}
		out.WriteString(Rel(from, string(rest[:end]), offline))
		page = rest[end:]
	}
}
