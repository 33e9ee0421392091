// Package worddiff compares two texts word by word and shows the result in
// a form people read: which words went out, which came in, with a little
// unchanged text around each change. Regions use it to show how their text
// differs from the national model, and how the national model changed since
// a regional override was made.
//
// The comparison is Eugene Myers' O((N+M)D) greedy algorithm ("An O(ND)
// Difference Algorithm and Its Variations", 1986): it finds a shortest edit
// script, so the diff shows as few changed words as possible. Texts are
// split on white space; a word is compared exactly.
//
// Every rendering marks changes with words or symbols as well as style, so
// colour is never the only signal: HTML uses <del> and <ins> with a label
// that screen readers speak, Markdown uses strikethrough and bold behind the
// words "weg:" and "nieuw:", and Text uses [-…-] and {+…+}.
package worddiff

import (
	"html"
	"html/template"
	"strings"
)

// Op says what happened to a run of words.
type Op int

// The three kinds of run.
const (
	Equal  Op = iota // in both texts
	Delete           // only in the old text
	Insert           // only in the new text
)

// Chunk is a run of words with the same Op.
type Chunk struct {
	Op    Op
	Words []string
}

// Words splits text into words on white space.
func Words(text string) []string { return strings.Fields(text) }

// Diff returns the chunks that turn a into b: Equal chunks hold words of
// both, Delete chunks words only of a, Insert chunks words only of b. A
// Delete is always followed directly by its Insert when a run is replaced.
func Diff(a, b []string) []Chunk {
	// Common prefix and suffix cost nothing and keep D small.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var out []Chunk
	add := func(op Op, w ...string) {
		if len(w) == 0 {
			return
		}
		if n := len(out); n > 0 && out[n-1].Op == op {
			out[n-1].Words = append(out[n-1].Words, w...)
			return
		}
		out = append(out, Chunk{op, append([]string(nil), w...)})
	}
	add(Equal, a[:pre]...)
	for _, e := range myers(a[pre:len(a)-suf], b[pre:len(b)-suf]) {
		add(e.op, e.word)
	}
	add(Equal, a[len(a)-suf:]...)
	return normalize(out)
}

type edit struct {
	op   Op
	word string
}

// myers returns the shortest edit script from a to b, word by word.
func myers(a, b []string) []edit {
	n, m := len(a), len(b)
	if n == 0 && m == 0 {
		return nil
	}
	max := n + m
	off := max + 1
	v := make([]int, 2*max+3)
	var trace [][]int
	var d int
found:
	for d = 0; d <= max; d++ {
		snap := make([]int, len(v))
		copy(snap, v)
		trace = append(trace, snap)
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				x = v[off+k+1] // down: insert from b
			} else {
				x = v[off+k-1] + 1 // right: delete from a
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x++
				y++
			}
			v[off+k] = x
			if x >= n && y >= m {
				break found
			}
		}
	}
	// Walk back through the snapshots to recover the path.
	var rev []edit
	x, y := n, m
	for ; d > 0; d-- {
		vp := trace[d]
		k := x - y
		var pk int
		if k == -d || (k != d && vp[off+k-1] < vp[off+k+1]) {
			pk = k + 1
		} else {
			pk = k - 1
		}
		px := vp[off+pk]
		py := px - pk
		for x > px && y > py {
			rev = append(rev, edit{Equal, a[x-1]})
			x--
			y--
		}
		if x == px {
			rev = append(rev, edit{Insert, b[y-1]})
			y--
		} else {
			rev = append(rev, edit{Delete, a[x-1]})
			x--
		}
	}
	for x > 0 && y > 0 {
		rev = append(rev, edit{Equal, a[x-1]})
		x--
		y--
	}
	out := make([]edit, len(rev))
	for i, e := range rev {
		out[len(rev)-1-i] = e
	}
	return out
}

// normalize puts the deletions of a replaced run before its insertions, so
// every renderer shows "old, then new".
func normalize(cs []Chunk) []Chunk {
	var out []Chunk
	for i := 0; i < len(cs); i++ {
		if cs[i].Op == Insert && i+1 < len(cs) && cs[i+1].Op == Delete {
			out = append(out, cs[i+1], cs[i])
			i++
			continue
		}
		out = append(out, cs[i])
	}
	return out
}

// Changed reports whether the chunks hold any change.
func Changed(cs []Chunk) bool {
	for _, c := range cs {
		if c.Op != Equal {
			return true
		}
	}
	return false
}

// Hunk is a change with the unchanged words around it.
type Hunk struct {
	Before, After []string // context; empty at the start or end of the text
	Chunks        []Chunk  // Delete and Insert chunks, with short Equal runs between them
	Start, End    bool     // the hunk starts at the start, ends at the end of the text
}

// Hunks groups the changes, with up to context unchanged words before and
// after each; changes closer than 2*context words share a hunk.
func Hunks(cs []Chunk, context int) []Hunk {
	var out []Hunk
	var cur *Hunk
	for i, c := range cs {
		if c.Op != Equal {
			if cur == nil {
				out = append(out, Hunk{})
				cur = &out[len(out)-1]
				if i > 0 {
					w := cs[i-1].Words
					cur.Before = w[max(0, len(w)-context):]
					cur.Start = len(w) <= context && i == 1
				} else {
					cur.Start = true
				}
			}
			cur.Chunks = append(cur.Chunks, c)
			continue
		}
		if cur == nil {
			continue
		}
		last := i == len(cs)-1
		if !last && len(c.Words) <= 2*context {
			cur.Chunks = append(cur.Chunks, c)
			continue
		}
		cur.After = c.Words[:min(context, len(c.Words))]
		cur.End = last && len(c.Words) <= context
		cur = nil
	}
	if cur != nil {
		cur.End = true
	}
	return out
}

// Text renders the hunks for a terminal, one per line: "… a [-old-]{+new+} b …".
func Text(cs []Chunk, context int) string {
	var b strings.Builder
	for _, h := range Hunks(cs, context) {
		b.WriteString("  ")
		if !h.Start {
			b.WriteString("… ")
		}
		writeWords(&b, h.Before, " ")
		for _, c := range h.Chunks {
			switch c.Op {
			case Equal:
				b.WriteString(strings.Join(c.Words, " ") + " ")
			case Delete:
				b.WriteString("[-" + strings.Join(c.Words, " ") + "-] ")
			case Insert:
				b.WriteString("{+" + strings.Join(c.Words, " ") + "+} ")
			}
		}
		writeWords(&b, h.After, " ")
		if !h.End {
			b.WriteString("…")
		}
		b.WriteString("\n")
	}
	return b.String()
}

func writeWords(b *strings.Builder, w []string, sep string) {
	if len(w) > 0 {
		b.WriteString(strings.Join(w, " ") + sep)
	}
}

// notation is how a list of hunks is written: the escaping of a word, the
// start and end of an item and of the whole list, and the wrapping of
// removed and added words.
type notation struct {
	escape            func([]string) []string
	open, close       string // the list
	item, itemEnd     string
	delOpen, delClose string
	insOpen, insClose string
}

// write renders the hunks in notation n.
func (n notation) write(cs []Chunk, context int) string {
	var b strings.Builder
	b.WriteString(n.open)
	for _, h := range Hunks(cs, context) {
		b.WriteString(n.item)
		if !h.Start {
			b.WriteString("… ")
		}
		writeWords(&b, n.escape(h.Before), " ")
		for _, c := range h.Chunks {
			words := strings.Join(n.escape(c.Words), " ")
			switch c.Op {
			case Equal:
				b.WriteString(words + " ")
			case Delete:
				b.WriteString(n.delOpen + words + n.delClose + " ")
			case Insert:
				b.WriteString(n.insOpen + words + n.insClose + " ")
			}
		}
		writeWords(&b, n.escape(h.After), "")
		if !h.End {
			b.WriteString(" …")
		}
		b.WriteString(n.itemEnd)
	}
	b.WriteString(n.close)
	return b.String()
}

// HTML renders the hunks as a list, one item per change, with <del> and
// <ins>. Each carries a visually hidden label ("weg:", "nieuw:") for screen
// readers, which do not announce the elements themselves; the stylesheet
// should strike through del and underline ins. The class names are
// worddiff, worddiff__label.
func HTML(cs []Chunk, context int) template.HTML {
	return template.HTML(notation{
		escape: escape, open: `<ul class="worddiff">`, close: "</ul>", item: "<li>", itemEnd: "</li>",
		delOpen: `<del><span class="worddiff__label">weg: </span>`, delClose: "</del>",
		insOpen: `<ins><span class="worddiff__label">nieuw: </span>`, insClose: "</ins>",
	}.write(cs, context))
}

func escape(ws []string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = html.EscapeString(w)
	}
	return out
}

// Markdown renders the hunks as a Markdown list, one item per change, for a
// generated page: removed words after "weg:" struck through (GFM renders
// <del>), added words after "nieuw:" in bold. Every word is escaped, so
// Markdown in the compared texts shows as the characters the author typed
// and creates no links, headings or emphasis of its own.
func Markdown(cs []Chunk, context int) string {
	return notation{
		escape: EscapeMarkdown, item: "- ", itemEnd: "\n",
		delOpen: "[weg: ~~", delClose: "~~]", insOpen: "[nieuw: **", insClose: "**]",
	}.write(cs, context)
}

// EscapeMarkdown puts a backslash before every ASCII punctuation character of
// each word, which CommonMark then shows literally.
func EscapeMarkdown(ws []string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		var b strings.Builder
		for _, r := range w {
			if r < 128 && strings.ContainsRune("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", r) {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
		out[i] = b.String()
	}
	return out
}
