package tree

import (
	"cmp"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// SVGOptions says how to draw a tree.
type SVGOptions struct {
	// Title is the diagram's accessible name, usually the tree's title.
	Title string
	// Href returns the address of a node's page. Nil links "../<id>/",
	// the node's page as seen from the overview page next to it.
	Href func(id string) string
}

// Sizes of the diagram in SVG user units (CSS pixels at 100%). A box of
// 200 units takes about 45 mm of an A3 sheet for a tree eight outcomes
// wide, which keeps 14-unit text at a readable 9 pt.
const (
	boxWidth    = 200.0
	boxPad      = 10.0
	titleSize   = 14.0
	titleLead   = 18.0
	verdictSize = 12.0
	verdictLead = 18.0
	labelSize   = 12.0
	labelLead   = 15.0
	labelWidth  = 130.0 // the widest a label's text may run before it wraps
	labelPad    = 4.0
	rankGap     = 26.0 // vertical room for the curves between ranks
	boxGap      = 28.0 // horizontal space between two boxes
	lineGap     = 12.0 // horizontal space next to an edge or a label
	margin      = 16.0
	arrowLen    = 8.0
	sweeps      = 12 // crossing-reduction sweeps; small trees settle in a few
	alignPasses = 9  // odd, so the last pass centres children under their parents
	refWidth    = 160.0
	// maxSpan is the most layers an answer's line may cross. An answer to
	// a node further down is drawn as a reference box just below its
	// question instead, so that the drawing stays linear in the size of
	// the tree: a line costs a point in every layer it crosses, and in a
	// chain of n questions that all offer the same way out, those lines
	// alone would cost n²/2 points.
	maxSpan = 3
)

// SVG draws the tree as a standalone SVG document that can also be
// inlined in HTML. Questions and outcomes are boxes, each a link to its
// page; outcomes say their verdict in words ("MAG NIET") and have a heavier,
// rounder border, so colour is never the only signal. Answers are labelled
// arrows. Every node is drawn once. An answer that leads to a node more
// than a few layers further down ends in a small dashed reference box
// ("Zie: …") that links to the node's box, rather than in a line across
// the whole drawing; so the drawing grows linearly with the tree, however
// many answers share a node. The drawing is layered top-down, a node's layer being its longest
// distance from the start, and a simple barycentre pass orders each layer
// to reduce crossings (after Sugiyama et al.): every answer gets a point in
// the band below its question that carries its label, and long answers
// get a point in every layer they pass, so labels and lines never run
// through a box.
//
// The output has no style attribute and no style element (the site's
// Content-Security-Policy forbids them). Classes let the site's CSS style
// it: tree-diagram, node, node--question, node--outcome, node--<verdict>,
// node__box, node__title, node__verdict, node--ref, node__ref, edge, edge__line, edge__arrow,
// edge__label and edge__label-box; presentation attributes print it in
// black on white without CSS. Text is wrapped from Helvetica's glyph widths, so the CSS
// should keep a font of similar width. The same tree always gives the same
// bytes. A tree with errors is drawn as far as it can be: answers to unknown
// nodes and answers that close a cycle are left out.
func (t *Tree) SVG(opts SVGOptions) []byte {
	href := opts.Href
	if href == nil {
		href = func(id string) string { return "../" + url.PathEscape(id) + "/" }
	}
	title := opts.Title
	if strings.TrimSpace(title) == "" {
		title = "Beslisboom"
	}
	l := t.layout()
	w := &svgWriter{b: make([]byte, 0, l.sizeHint())}
	w.str(`<svg xmlns="http://www.w3.org/2000/svg" class="tree-diagram" viewBox="0 0 `)
	w.point(l.width, l.height)
	w.str(`"`)
	w.attr("width", l.width)
	w.attr("height", l.height)
	w.str(` font-family="Arial, Helvetica, sans-serif"`)
	w.attr("font-size", titleSize)
	w.str(" fill=\"#000\">\n<title>")
	w.esc(title)
	w.str("</title>\n")
	questions := 0
	for _, n := range t.Nodes {
		if !n.Outcome {
			questions++
		}
	}
	w.str("<desc>" + count(questions, "vraag", "vragen") + " en " + count(len(t.Nodes)-questions, "uitkomst", "uitkomsten") +
		". Elke vraag en uitkomst is een link naar haar eigen pagina.</desc>\n")

	w.str("<g class=\"edges\">\n")
	for _, e := range l.edges {
		l.drawEdge(w, e)
	}
	w.str("</g>\n<g class=\"nodes\">\n")
	for _, it := range l.boxes {
		drawBox(w, it, href(it.node.ID))
	}
	for _, it := range l.refs {
		drawRef(w, it)
	}
	w.str("</g>\n</svg>\n")
	return w.b
}

// sizeHint estimates the length of the drawing from its parts and their
// text, so that the document is written into one allocation instead of
// being copied into ever larger ones as it grows. It errs a little on the
// high side for the trees on the site.
func (l *layout) sizeHint() int {
	n := 512
	for _, it := range l.boxes {
		n += 320 + 2*len(it.node.ID) + 2*len(it.node.Title) + 40*len(it.lines)
		if it.node.Outcome {
			n += 100
		}
	}
	for _, it := range l.refs {
		n += 350 + len(it.ref.ID) + 2*len(it.ref.Title) + 40*len(it.lines)
	}
	for _, e := range l.edges {
		n += 510 + 2*len(e.answer.Label) + 40*len(e.points) + len(e.from.node.Title) + len(e.to.named().Title)
	}
	return n
}

// count says "1 vraag" or "3 vragen".
func count(n int, one, more string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + more
}

// item is a box or a point on an edge in the layered drawing.
type item struct {
	node     *Node    // the node of a box; nil for a point
	ref      *Node    // the node a reference box refers to
	lines    []string // a box's title, or a label point's answer label
	rank     int      // 2 × layer for boxes; label points sit in the odd ranks between
	pos      int      // index within the rank
	w, h     float64
	x, y     float64 // x of the centre, y of the top
	up, down []*item // neighbours in the ranks above and below
	label    bool
	key      float64 // sort key while ordering a rank
}

// edge is an answer drawn from one box to another.
type edge struct {
	from, to  *item
	answer    Answer
	points    []*item // one per rank between from and to; the first carries the label
	outX, inX float64 // where the line leaves from and enters to
}

type layout struct {
	ranks  [][]*item
	rankH  []float64
	rankY  []float64
	boxes  []*item // in document order
	refs   []*item // reference boxes, in the order their answers were placed
	edges  []*edge
	width  float64
	height float64
}

// arc is an answer kept in the drawing, with the number of the node it
// leads to.
type arc struct {
	answer Answer
	to     int
}

// layout builds the drawing: layers, ranks with points for long edges,
// order within ranks, then coordinates. Nodes are known by their number,
// their index in t.Nodes, so that what the passes learn about them is
// kept in slices rather than maps.
func (t *Tree) layout() *layout {
	l := &layout{boxes: make([]*item, len(t.Nodes))}
	number := make(map[*Node]int, len(t.Nodes))
	boxes := make([]item, len(t.Nodes)) // one allocation for all of them
	for i, n := range t.Nodes {
		number[n] = i
		it := &boxes[i]
		it.node, it.w = n, boxWidth
		it.lines = wrap(n.Title, boxWidth-2*boxPad, titleSize, false)
		it.h = 2*boxPad + float64(max(len(it.lines), 1))*titleLead
		if n.Outcome {
			it.h += verdictLead
		}
		l.boxes[i] = it
	}
	roots := make([]int, 0, len(t.Nodes))
	if start, ok := number[t.Start]; ok {
		roots = append(roots, start)
	}
	for i, n := range t.Nodes {
		if n != t.Start {
			roots = append(roots, i)
		}
	}

	// Depth-first from the start, answers in order: edges that go back onto
	// the stack close a cycle and are dropped, the rest form a DAG whose
	// reverse post-order is a topological order.
	forward := make([][]arc, len(t.Nodes))
	state := make([]int8, len(t.Nodes)) // 0 unseen, 1 on the stack, 2 done
	post := make([]int, 0, len(t.Nodes))
	var dfs func(n int)
	dfs = func(n int) {
		state[n] = 1
		for _, a := range t.Nodes[n].Answers {
			m, ok := number[t.byID[a.To]]
			if !ok || state[m] == 1 {
				continue
			}
			forward[n] = append(forward[n], arc{a, m})
			if state[m] == 0 {
				dfs(m)
			}
		}
		state[n] = 2
		post = append(post, n)
	}
	for _, n := range roots {
		if state[n] == 0 {
			dfs(n)
		}
	}
	layer := make([]int, len(t.Nodes))
	maxLayer := 0
	for i := len(post) - 1; i >= 0; i-- {
		n := post[i]
		for _, a := range forward[n] {
			layer[a.to] = max(layer[a.to], layer[n]+1)
			maxLayer = max(maxLayer, layer[a.to])
		}
	}
	l.ranks = make([][]*item, 2*maxLayer+1)
	for n, it := range l.boxes {
		it.rank = 2 * layer[n]
	}

	// Place boxes and points in the same depth-first order, which is a
	// good first order: the first answer's subtree on the left.
	placed := make([]bool, len(t.Nodes))
	var place func(n int)
	place = func(n int) {
		placed[n] = true
		from := l.boxes[n]
		l.add(from)
		for _, a := range forward[n] {
			m := a.to
			to := l.boxes[m]
			if layer[m]-layer[n] > maxSpan {
				ref := t.Nodes[m]
				to = &item{ref: ref, rank: from.rank + 2, w: refWidth}
				to.lines = wrap("Zie: "+ref.Title, refWidth-2*boxPad, labelSize, false)
				to.h = 2*labelPad + float64(max(len(to.lines), 1))*labelLead
			}
			e := &edge{from: from, to: to, answer: a.answer}
			prev := from
			for r := from.rank + 1; r < to.rank; r++ {
				p := &item{rank: r}
				if r == from.rank+1 {
					p.label = true
					p.lines = wrap(a.answer.Label, labelWidth, labelSize, false)
					if len(p.lines) > 0 {
						for _, line := range p.lines {
							p.w = max(p.w, textWidth(line, labelSize, false))
						}
						p.w += 2 * labelPad
						p.h = float64(len(p.lines))*labelLead + 2*labelPad
					}
				}
				l.add(p)
				connect(prev, p)
				e.points = append(e.points, p)
				prev = p
			}
			connect(prev, e.to)
			if to.ref != nil {
				l.add(to)
				l.refs = append(l.refs, to)
			}
			l.edges = append(l.edges, e)
			if !placed[m] {
				place(m)
			}
		}
	}
	for _, n := range roots {
		if !placed[n] {
			place(n)
		}
	}
	l.order()
	l.coordinates()
	return l
}

func (l *layout) add(it *item) {
	it.pos = len(l.ranks[it.rank])
	l.ranks[it.rank] = append(l.ranks[it.rank], it)
}

func connect(a, b *item) {
	a.down = append(a.down, b)
	b.up = append(b.up, a)
}

// order reduces crossings: each sweep sorts the items of a rank by the mean
// position of their neighbours in the rank before it (downward sweeps) or
// after it (upward sweeps), and the order with the fewest crossings wins.
func (l *layout) order() {
	best, fewest := l.snapshot(), l.crossings()
	for i := range sweeps {
		if i%2 == 0 {
			for r := 1; r < len(l.ranks); r++ {
				l.sortRank(r, func(it *item) []*item { return it.up })
			}
		} else {
			for r := len(l.ranks) - 2; r >= 0; r-- {
				l.sortRank(r, func(it *item) []*item { return it.down })
			}
		}
		if c := l.crossings(); c < fewest {
			best, fewest = l.snapshot(), c
		}
	}
	for r, rank := range best {
		l.ranks[r] = rank
		for i, it := range rank {
			it.pos = i
		}
	}
}

func (l *layout) sortRank(r int, neighbours func(*item) []*item) {
	rank := l.ranks[r]
	for _, it := range rank {
		it.key = float64(it.pos)
		if nb := neighbours(it); len(nb) > 0 {
			sum := 0.0
			for _, n := range nb {
				sum += float64(n.pos)
			}
			it.key = sum / float64(len(nb))
		}
	}
	slices.SortStableFunc(rank, func(a, b *item) int { return cmp.Compare(a.key, b.key) })
	for i, it := range rank {
		it.pos = i
	}
}

func (l *layout) snapshot() [][]*item {
	s := make([][]*item, len(l.ranks))
	for r, rank := range l.ranks {
		s[r] = slices.Clone(rank)
	}
	return s
}

// crossings counts the pairs of lines that cross between adjacent ranks:
// with the lines listed by their upper end, then their lower end, two lines
// cross exactly when their lower ends are out of order.
func (l *layout) crossings() int {
	n := 0
	var lower []int
	for _, rank := range l.ranks {
		lower = lower[:0]
		for _, a := range rank {
			start := len(lower)
			for _, b := range a.down {
				lower = append(lower, b.pos)
			}
			slices.Sort(lower[start:])
		}
		n += inversions(lower, make([]int, len(lower)))
	}
	return n
}

// inversions counts the pairs i < j with s[i] > s[j] by merge sort, and
// sorts s; buf is scratch space as long as s.
func inversions(s, buf []int) int {
	if len(s) < 2 {
		return 0
	}
	mid := len(s) / 2
	n := inversions(s[:mid], buf[:mid]) + inversions(s[mid:], buf[mid:])
	merged := buf[:0]
	i, j := 0, mid
	for i < mid && j < len(s) {
		if s[j] < s[i] {
			merged = append(merged, s[j])
			n += mid - i
			j++
		} else {
			merged = append(merged, s[i])
			i++
		}
	}
	merged = append(append(merged, s[i:mid]...), s[j:]...)
	copy(s, merged)
	return n
}

// box reports whether it is drawn as a box: a node or a reference.
func (it *item) box() bool { return it.node != nil || it.ref != nil }

// named returns the node a box draws or refers to; nil for a point.
func (it *item) named() *Node {
	if it.ref != nil {
		return it.ref
	}
	return it.node
}

// gap is the least distance between the centres of two neighbours in a rank.
func gap(a, b *item) float64 {
	g := lineGap
	if a.box() && b.box() {
		g = boxGap
	}
	return a.w/2 + g + b.w/2
}

// coordinates places every item. Horizontally, a few passes move each item
// towards the mean x of its neighbours above, then below, as near as the
// order and spacing of its rank allow (a least-squares fit, solved exactly
// by pool-adjacent-violators); vertically, ranks are stacked.
func (l *layout) coordinates() {
	for _, rank := range l.ranks {
		x := 0.0
		for i, it := range rank {
			if i > 0 {
				x += gap(rank[i-1], it)
			}
			it.x = x
		}
	}
	var a aligner
	for pass := range alignPasses {
		if pass%2 == 0 {
			for r := 1; r < len(l.ranks); r++ {
				a.align(l.ranks[r], func(it *item) []*item { return it.up })
			}
		} else {
			for r := len(l.ranks) - 2; r >= 0; r-- {
				a.align(l.ranks[r], func(it *item) []*item { return it.down })
			}
		}
	}
	left, right := math.Inf(1), math.Inf(-1)
	for _, rank := range l.ranks {
		for _, it := range rank {
			left = min(left, it.x-it.w/2)
			right = max(right, it.x+it.w/2)
		}
	}
	if math.IsInf(left, 0) {
		left, right = 0, 0
	}
	l.rankH = make([]float64, len(l.ranks))
	l.rankY = make([]float64, len(l.ranks))
	y := margin
	for r, rank := range l.ranks {
		for _, it := range rank {
			it.x += margin - left
			l.rankH[r] = max(l.rankH[r], it.h)
		}
		l.rankY[r] = y
		for _, it := range rank {
			it.y = y
			if !it.box() {
				it.y += (l.rankH[r] - it.h) / 2
			}
		}
		y += l.rankH[r] + rankGap
	}
	l.width = right - left + 2*margin
	l.height = y - rankGap + margin
	l.ports()
}

// aligner aligns ranks one after another. It keeps its scratch space from
// one rank to the next: a large tree has thousands of ranks, each aligned
// alignPasses times.
type aligner struct {
	offset []float64
	blocks []block
}

// block is a run of neighbours in a rank that move as one: the sum of
// their targets less their offsets, their number and the first's index.
type block struct {
	sum   float64
	n     int
	first int
}

// align moves the items of rank towards the mean x of their neighbours,
// keeping their order and spacing. With offsets o (the least distance of
// each item from the first), x = y + o turns "keep the spacing" into "y
// does not decrease", and the closest such y to the targets is an
// isotonic regression.
func (a *aligner) align(rank []*item, neighbours func(*item) []*item) {
	if len(rank) == 0 {
		return
	}
	offset := slices.Grow(a.offset[:0], len(rank))[:len(rank)]
	offset[0] = 0
	for i := 1; i < len(rank); i++ {
		offset[i] = offset[i-1] + gap(rank[i-1], rank[i])
	}
	blocks := a.blocks[:0]
	for i, it := range rank {
		target := it.x
		if nb := neighbours(it); len(nb) > 0 {
			target = 0
			for _, n := range nb {
				target += n.x
			}
			target /= float64(len(nb))
		}
		blocks = append(blocks, block{target - offset[i], 1, i})
		for len(blocks) > 1 {
			p, q := blocks[len(blocks)-2], blocks[len(blocks)-1]
			if p.sum/float64(p.n) <= q.sum/float64(q.n) {
				break
			}
			blocks = append(blocks[:len(blocks)-2], block{p.sum + q.sum, p.n + q.n, p.first})
		}
	}
	for k, bl := range blocks {
		end := len(rank)
		if k+1 < len(blocks) {
			end = blocks[k+1].first
		}
		for i := bl.first; i < end; i++ {
			rank[i].x = bl.sum/float64(bl.n) + offset[i]
		}
	}
	a.offset, a.blocks = offset, blocks
}

// ports spreads the lines that leave and enter a box along its edge, in
// the order of where they go, so that they do not cross at the box.
func (l *layout) ports() {
	next := func(e *edge) float64 {
		if len(e.points) > 0 {
			return e.points[0].x
		}
		return e.to.x
	}
	prev := func(e *edge) float64 {
		if len(e.points) > 0 {
			return e.points[len(e.points)-1].x
		}
		return e.from.x
	}
	es := slices.Clone(l.edges)
	spread(es, func(e *edge) *item { return e.from }, next, 36, func(e *edge, x float64) { e.outX = x })
	copy(es, l.edges)
	spread(es, func(e *edge) *item { return e.to }, prev, 20, func(e *edge, x float64) { e.inX = x })
}

// spread groups es by the box at one end, sorts each group by by, and
// spaces the ends evenly around the centre of the box, at most most apart.
// Sorting all edges at once, by box and then by by, takes no memory per
// box; the box is known by its place in the drawing.
func spread(es []*edge, end func(*edge) *item, by func(*edge) float64, most float64, set func(*edge, float64)) {
	slices.SortStableFunc(es, func(a, b *edge) int {
		p, q := end(a), end(b)
		return cmp.Or(cmp.Compare(p.rank, q.rank), cmp.Compare(p.pos, q.pos), cmp.Compare(by(a), by(b)))
	})
	for len(es) > 0 {
		box := end(es[0])
		n := 1
		for n < len(es) && end(es[n]) == box {
			n++
		}
		step := min(box.w/float64(n+1), most)
		for i, e := range es[:n] {
			set(e, box.x+(float64(i)-float64(n-1)/2)*step)
		}
		es = es[n:]
	}
}

// drawEdge writes an answer's line, arrow head and label. The line runs
// straight down through the points of its edge and bends between ranks.
func (l *layout) drawEdge(w *svgWriter, e *edge) {
	w.str("<g class=\"edge\">\n<title>„")
	w.esc(e.answer.Label)
	w.str("” bij „")
	w.esc(e.from.node.Title)
	w.str("” leidt naar „")
	w.esc(e.to.named().Title)
	w.str("”</title>\n")

	w.str(`<path class="edge__line" d="M`)
	x, y := e.outX, e.from.y+e.from.h
	w.point(x, y)
	for _, p := range e.points {
		w.curve(x, y, p.x, l.rankY[p.rank])
		x, y = p.x, l.rankY[p.rank]+l.rankH[p.rank]
		w.str(" L")
		w.point(x, y)
	}
	w.curve(x, y, e.inX, e.to.y-arrowLen)
	w.str("\" fill=\"none\" stroke=\"#000\" stroke-width=\"1.5\"/>\n")

	tip := e.to.y
	w.str(`<path class="edge__arrow" d="M`)
	w.point(e.inX-4.5, tip-arrowLen-1)
	w.str(" L")
	w.point(e.inX+4.5, tip-arrowLen-1)
	w.str(" L")
	w.point(e.inX, tip)
	w.str(" Z\"/>\n")
	if len(e.points) > 0 && len(e.points[0].lines) > 0 {
		p := e.points[0]
		w.str("<g class=\"edge__label\">\n<rect class=\"edge__label-box\"")
		w.bounds(p)
		w.str(" rx=\"3\" fill=\"#fff\"/>\n")
		w.text(p.lines, p.x, p.y+labelPad, labelSize, labelLead, labelAttrs)
		w.str("</g>\n")
	}
	w.str("</g>\n")
}

// drawBox writes a node: a group with the node's id, holding a link to the
// node's page with an accessible title, the box and its text.
func drawBox(w *svgWriter, it *item, href string) {
	n := it.node
	w.str(`<g id="node-`)
	w.esc(n.ID)
	rx, stroke := "4", "1.5"
	if n.Outcome {
		rx, stroke = "14", "3"
		w.str(`" class="node node--outcome`)
		if n.Verdict != "" {
			w.str(" node--")
			w.esc(string(n.Verdict))
		}
	} else {
		w.str(`" class="node node--question`)
	}
	w.str("\">\n<a href=\"")
	w.esc(href)
	w.str("\">\n<title>")
	switch {
	case !n.Outcome:
		w.str("Vraag: ")
	case n.Verdict != "":
		w.str("Uitkomst (")
		w.esc(strings.ToLower(n.Verdict.Label()))
		w.str("): ")
	default:
		w.str("Uitkomst: ")
	}
	w.esc(n.Title)
	w.str("</title>\n<rect class=\"node__box\"")
	w.bounds(it)
	w.str(` rx="`)
	w.str(rx)
	w.str(`" fill="#fff" stroke="#000" stroke-width="`)
	w.str(stroke)
	w.str("\"/>\n")
	y := it.y + boxPad
	if n.Outcome {
		w.text([]string{strings.ToUpper(n.Verdict.Label())}, it.x, y, verdictSize, verdictLead, verdictAttrs)
		y += verdictLead
	}
	w.text(it.lines, it.x, y, titleSize, titleLead, ` class="node__title"`)
	w.str("</a>\n</g>\n")
}

// drawRef writes a reference box: a dashed box, linking to the box of the
// node it names, for an answer whose line would cross too many layers.
func drawRef(w *svgWriter, it *item) {
	n := it.ref
	w.str("<g class=\"node node--ref\">\n<a href=\"#node-")
	w.esc(n.ID)
	w.str("\">\n<title>Zie „")
	w.esc(n.Title)
	w.str("”, elders in dit schema</title>\n<rect class=\"node__box\"")
	w.bounds(it)
	w.str(" rx=\"4\" fill=\"#fff\" stroke=\"#000\" stroke-width=\"1\" stroke-dasharray=\"4 3\"/>\n")
	w.text(it.lines, it.x, it.y+labelPad, labelSize, labelLead, refAttrs)
	w.str("</a>\n</g>\n")
}

// bounds writes the x, y, width and height of the rectangle of it, which
// is centred on it.x.
func (w *svgWriter) bounds(it *item) {
	w.attr("x", it.x-it.w/2)
	w.attr("y", it.y)
	w.attr("width", it.w)
	w.attr("height", it.h)
}

// The attributes of text elements other than box titles, which take the
// diagram's font size.
var (
	labelAttrs   = ` font-size="` + string(appendNum(nil, labelSize)) + `"`
	verdictAttrs = ` class="node__verdict" font-size="` + string(appendNum(nil, verdictSize)) + `" font-weight="bold"`
	refAttrs     = ` class="node__ref" font-size="` + string(appendNum(nil, labelSize)) + `"`
)

// svgWriter appends the document to a byte slice. Its methods write markup,
// escaped text and numbers straight into it, so that a drawing of thousands
// of boxes does not make a string for every piece.
type svgWriter struct{ b []byte }

// str writes s as it is: markup, or text that needs no escaping.
func (w *svgWriter) str(s string) { w.b = append(w.b, s...) }

// esc writes s escaped for XML text and attribute values.
func (w *svgWriter) esc(s string) { w.b = appendEsc(w.b, s) }

// num writes a coordinate.
func (w *svgWriter) num(v float64) { w.b = appendNum(w.b, v) }

// point writes the coordinates of a point on a path: "x y".
func (w *svgWriter) point(x, y float64) {
	w.num(x)
	w.b = append(w.b, ' ')
	w.num(y)
}

// attr writes a number attribute: ` name="v"`.
func (w *svgWriter) attr(name string, v float64) {
	w.b = append(w.b, ' ')
	w.b = append(w.b, name...)
	w.b = append(w.b, `="`...)
	w.num(v)
	w.b = append(w.b, '"')
}

// curve writes a path segment from (x, y) down to (x2, y2): a straight line
// if one is above the other, else a curve that leaves and enters vertically.
func (w *svgWriter) curve(x, y, x2, y2 float64) {
	if x2 == x {
		w.str(" L")
		w.point(x2, y2)
		return
	}
	mid := (y + y2) / 2
	w.str(" C")
	w.point(x, mid)
	w.str(" ")
	w.point(x2, mid)
	w.str(" ")
	w.point(x2, y2)
}

// text writes lines centred on x, the first line box starting at top.
func (w *svgWriter) text(lines []string, x, top, size, lead float64, attrs string) {
	if len(lines) == 0 {
		return
	}
	w.str("<text")
	w.str(attrs)
	w.str(` text-anchor="middle">`)
	for i, line := range lines {
		// Centre the capital height (about 0.72 em) in the line box.
		base := top + float64(i)*lead + lead/2 + 0.36*size
		w.str("<tspan")
		w.attr("x", x)
		w.attr("y", base)
		w.str(">")
		w.esc(line)
		w.str("</tspan>")
	}
	w.str("</text>\n")
}

// appendNum appends a coordinate with at most one decimal, in the shortest
// form: "12", "12.5". It never writes "-0", "NaN" or "+Inf", which SVG does
// not read.
func appendNum(b []byte, v float64) []byte {
	tenths := math.Round(v * 10)
	if tenths == 0 || math.IsNaN(tenths) || math.IsInf(tenths, 0) {
		return append(b, '0')
	}
	if math.Abs(tenths) >= 1e15 {
		return strconv.AppendFloat(b, tenths/10, 'f', -1, 64)
	}
	// Below 10¹⁴ two float64s are less than 0.1 apart, so the shortest
	// decimal that reads back as tenths/10 is tenths with a point before
	// its last digit, and integers are faster to write than floats.
	t := int64(tenths)
	if t < 0 {
		b = append(b, '-')
		t = -t
	}
	b = strconv.AppendInt(b, t/10, 10)
	if d := t % 10; d != 0 {
		b = append(b, '.', byte('0'+d))
	}
	return b
}

// appendEsc appends s escaped for XML text and attribute values, and
// replaces what XML cannot hold at all (control characters, invalid UTF-8)
// with U+FFFD. Runs that need neither are copied whole.
func appendEsc(b []byte, s string) []byte {
	done := 0 // s[:done] is written
	for i, r := range s {
		var repl string
		size := 1
		switch {
		case r == '&':
			repl = "&amp;"
		case r == '<':
			repl = "&lt;"
		case r == '>':
			repl = "&gt;"
		case r == '"':
			repl = "&quot;"
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r':
			repl = "\uFFFD"
		case r == 0xFFFE, r == 0xFFFF:
			repl, size = "\uFFFD", 3
		case r == utf8.RuneError && isInvalid(s, i):
			repl = "\uFFFD"
		default:
			continue
		}
		b = append(b, s[done:i]...)
		b = append(b, repl...)
		done = i + size
	}
	return append(b, s[done:]...)
}

func isInvalid(s string, i int) bool {
	r, size := utf8.DecodeRuneInString(s[i:])
	return r == utf8.RuneError && size <= 1
}
