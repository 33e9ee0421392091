// Package suggest finds the name a person probably meant, for "did you mean"
// hints in error messages.
package suggest

import "strings"

// Closest returns the candidate nearest to name by edit distance, ignoring
// case, or "" when none is near enough to be a likely typo.
func Closest(name string, candidates []string) string {
	best, bestD := "", 1<<30
	for _, c := range candidates {
		if d := Distance(strings.ToLower(name), strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	if bestD <= max(2, len([]rune(name))/3) {
		return best
	}
	return ""
}

// Distance is the Levenshtein edit distance between a and b, in runes.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// Hint is "; did you mean X?" for the candidate closest to name, written as
// prefix+X+suffix (such as "`", "`" for a key or "#", "" for an anchor), or
// "" when none is close. Every "did you mean" of zvh is written by it, so
// they all read alike and follow one rule for "close".
func Hint(name string, candidates []string, prefix, suffix string) string {
	return hint(Closest(name, candidates), prefix, suffix)
}

// Path returns the path among candidates that a person probably meant by
// name: the closest by edit distance (a typo in the path), else the
// shortest that holds name, ignoring case (a page named by the end of its
// path, "triage" for "procesplaten/complexe-casuistiek/triage.md"), else "".
func Path(name string, candidates []string) string {
	if c := Closest(name, candidates); c != "" || name == "" {
		return c
	}
	best, low := "", strings.ToLower(name)
	for _, c := range candidates {
		if strings.Contains(strings.ToLower(c), low) && (best == "" || len(c) < len(best)) {
			best = c
		}
	}
	return best
}

// PathHint is Hint for a path, by the rule of Path.
func PathHint(name string, candidates []string) string {
	return hint(Path(name, candidates), "", "")
}

func hint(c, prefix, suffix string) string {
	if c == "" {
		return ""
	}
	return "; did you mean " + prefix + c + suffix + "?"
}
