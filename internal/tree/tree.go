package tree

import (
	"bytes"
	"net/url"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/zvh-webtool/zvh/internal/diag"
	"github.com/zvh-webtool/zvh/internal/markdown"
	"github.com/zvh-webtool/zvh/internal/suggest"
)

// Verdict is what an outcome tells the reader, as one of the classes an
// outcome heading may carry. The empty Verdict is an outcome without one.
type Verdict string

// The verdicts, named after their classes.
const (
	Mag         Verdict = "mag"
	MagNiet     Verdict = "mag-niet"
	Voorwaarden Verdict = "voorwaarden"
	Verwijs     Verdict = "verwijs"
)

// verdicts lists the verdict classes in the order messages name them.
var verdicts = []Verdict{Mag, MagNiet, Voorwaarden, Verwijs}

// Label returns the verdict in words, so that a page or diagram never shows
// it by colour alone: "Mag", "Mag niet", "Onder voorwaarden", "Verwijs", or
// "Uitkomst" for an outcome without a verdict.
func (v Verdict) Label() string {
	switch v {
	case Mag:
		return "Mag"
	case MagNiet:
		return "Mag niet"
	case Voorwaarden:
		return "Onder voorwaarden"
	case Verwijs:
		return "Verwijs"
	}
	return "Uitkomst"
}

// outcomeClass marks an outcome heading.
const outcomeClass = "uitkomst"

// RegionalClass marks a node a region adds to a national tree.
const RegionalClass = "regionaal"

// reserved are ids that would collide with the tree's other pages.
var reserved = map[string]string{"overzicht": "the overview page"}

// Answer is one answer of a question: a labelled link to the next node.
type Answer struct {
	Label string        // the link text, as plain text
	To    string        // the id of the node it leads to
	Pos   diag.Position // the link
	Link  *ast.Link     // for rendering the label with its inline Markdown
}

// Node is a question or an outcome.
type Node struct {
	ID      string
	Title   string // the heading as plain text
	Pos     diag.Position
	Heading *ast.Heading
	Body    []ast.Node // the blocks after the heading, without the answer list
	Answers []Answer   // nil for an outcome
	Outcome bool
	Verdict Verdict     // only on outcomes
	Sources []*ast.Link // links to site pages in Body: an outcome's legal basis
	// Regional marks a step of a regional route (class .regionaal): a node
	// a region added to a national tree, which pages label as such.
	Regional bool
}

// Tree is a parsed decision tree. A Tree returned with diagnostics is still
// usable for reporting, but a site should not publish it.
type Tree struct {
	Intro []ast.Node // the blocks before the first node
	Nodes []*Node    // in document order; a node without an id, or with an id used before, is left out
	Start *Node      // nil only when the tree has no nodes
	byID  map[string]*Node
}

// Node returns the node with the given id, or nil.
func (t *Tree) Node(id string) *Node { return t.byID[id] }

// Start is the front matter's `start` key: the id of the first node (empty
// for the first node of the file) and where the key stands, for errors.
type Start struct {
	ID  string
	Pos diag.Position // zero: the file's first line
}

// Parse reads a tree from doc, the parsed body of a tree file, and checks it.
// lines maps offsets in doc.Src to file positions; start is the front
// matter's `start` key, empty for the first node. It returns every problem it
// finds, sorted, and never stops at the first.
func Parse(doc *markdown.Doc, lines *diag.Lines, start Start) (*Tree, diag.List) {
	t := &Tree{byID: map[string]*Node{}}
	if doc == nil || doc.Root == nil {
		doc = markdown.New().Parse(nil)
	}
	if lines == nil {
		lines = diag.NewLines("", doc.Src, 1)
	}
	p := &parse{src: doc.Src, lines: lines, t: t}
	p.nodes(doc.Root)
	p.start(start)
	p.links()
	p.reachable()
	p.cycles()
	p.errs.Sort()
	return t, p.errs
}

// parse holds the state of one Parse call.
type parse struct {
	src   []byte
	lines *diag.Lines
	t     *Tree
	all   []*Node // every node, also those left out of the tree, for the link check
	errs  diag.List
}

func (p *parse) pos(n ast.Node) diag.Position { return p.lines.Pos(n.Pos()) }

// nodes splits the document at its top-level h2 headings.
func (p *parse) nodes(root ast.Node) {
	var h *ast.Heading
	var body []ast.Node
	flush := func() {
		if h != nil {
			p.node(h, body)
		}
	}
	for c := root.FirstChild(); c != nil; c = c.NextSibling() {
		if hc, ok := c.(*ast.Heading); ok && hc.Level == 2 {
			flush()
			h, body = hc, nil
			continue
		}
		if h == nil {
			p.t.Intro = append(p.t.Intro, c)
		} else {
			body = append(body, c)
		}
	}
	flush()
	if len(p.all) == 0 {
		p.errs.Add(p.lines.Pos(0), "a decision tree needs at least one node: a heading like ## Vraag? {#id}")
	}
}

// node reads one node from its heading and the blocks under it.
func (p *parse) node(h *ast.Heading, blocks []ast.Node) {
	n := &Node{Heading: h, Pos: p.pos(h), Title: markdown.PlainText(h, p.src)}
	id, explicit := headingID(h, p.src)
	n.ID = id
	classes := headingClasses(h)
	n.Outcome = classes[outcomeClass]
	n.Regional = classes[RegionalClass]
	var vs []string
	for _, v := range verdicts {
		if classes[string(v)] {
			vs = append(vs, "."+string(v))
			if n.Verdict == "" {
				n.Verdict = v
			}
		}
	}

	name := "#" + id
	usable := explicit && id != ""
	switch {
	case !usable:
		name = "„" + n.Title + "”"
		p.errs.Add(n.Pos, "node %s has no id; add one to its heading, like {#%s}", name, suggestID(n.Title))
	case !validID(id):
		p.errs.Add(n.Pos, "node id #%s cannot be a page address: use lower-case letters, digits and hyphens, like #%s", id, suggestID(id))
	case reserved[id] != "":
		p.errs.Add(n.Pos, "node id #%s is taken by %s; choose another id", id, reserved[id])
	}
	if strings.TrimSpace(n.Title) == "" {
		p.errs.Add(n.Pos, "node %s has no title", name)
	}
	if len(vs) > 1 {
		p.errs.Add(n.Pos, "node %s has more than one verdict (%s); keep one", name, strings.Join(vs, " "))
	}

	var list *ast.List
	if len(blocks) > 0 {
		list, _ = blocks[len(blocks)-1].(*ast.List)
	}
	switch {
	case n.Outcome && list != nil && isAnswerList(list, p.src):
		p.errs.Add(p.pos(list), "outcome %s has an answer list; an outcome ends the route, so remove the list or the class .uitkomst", name)
		blocks = blocks[:len(blocks)-1]
	case !n.Outcome && list != nil:
		if explain := splitExplanation(list); explain != nil {
			blocks = slices.Insert(blocks, len(blocks)-1, ast.Node(explain))
		}
		n.Answers = p.answers(name, list)
		blocks = blocks[:len(blocks)-1]
	case !n.Outcome && n.Verdict != "":
		p.errs.Add(n.Pos, "node %s has verdict .%s but no class .uitkomst: add it, or end the node with a list of answers", name, n.Verdict)
	case !n.Outcome:
		p.errs.Add(n.Pos, "node %s is neither a question nor an outcome: end it with a list of answers like - [Ja](#volgende), or add the class .uitkomst", name)
	}
	n.Body = blocks
	if !n.Outcome {
		n.Verdict = ""
	}
	for _, b := range blocks {
		n.Sources = append(n.Sources, sourceLinks(b)...)
	}
	if n.Outcome && len(n.Sources) == 0 {
		p.errs.Add(n.Pos, "outcome %s has no source link: link the spelregel or wetsartikel it rests on, like Grondslag: [Spelregels](../spelregels.md#doel)", name)
	}

	p.all = append(p.all, n)
	if !usable {
		return
	}
	if first := p.t.byID[id]; first != nil {
		p.errs.Add(n.Pos, "duplicate node id #%s; it is already used on line %d", id, first.Pos.Line)
		return
	}
	p.t.byID[id] = n
	p.t.Nodes = append(p.t.Nodes, n)
}

// answers reads a question's answer list.
func (p *parse) answers(name string, list *ast.List) []Answer {
	answers := []Answer{}
	seen := map[string]bool{}
	items := 0
	for item := list.FirstChild(); item != nil; item = item.NextSibling() {
		items++
		link := onlyLink(item)
		if link == nil || !bytes.HasPrefix(link.Destination, []byte("#")) {
			p.errs.Add(p.pos(item), "answer list item of node %s must be exactly one link to a node, like - [Ja](#volgende)", name)
			continue
		}
		a := Answer{
			Label: markdown.PlainText(link, p.src),
			To:    string(link.Destination[1:]),
			Pos:   p.pos(link),
			Link:  link,
		}
		if link.Pos() < 0 {
			a.Pos = p.pos(item)
		}
		key := foldLabel(a.Label)
		switch {
		case key == "":
			p.errs.Add(a.Pos, "answer to #%s on node %s has no label", a.To, name)
		case seen[key]:
			p.errs.Add(a.Pos, "node %s has two answers labelled „%s”", name, a.Label)
		}
		seen[key] = true
		answers = append(answers, a)
	}
	if items < 2 {
		p.errs.Add(p.pos(list), "question %s has only one answer; a question needs at least two", name)
	}
	return answers
}

// start resolves the start node.
func (p *parse) start(s Start) {
	id := strings.TrimPrefix(strings.TrimSpace(s.ID), "#")
	if id == "" {
		if len(p.t.Nodes) > 0 {
			p.t.Start = p.t.Nodes[0]
		}
		return
	}
	p.t.Start = p.t.byID[id]
	if p.t.Start == nil {
		pos := s.Pos
		if pos.File == "" {
			pos = diag.Position{File: p.lines.File(), Line: 1, Col: 1}
		}
		p.errs.Add(pos, "front matter `start` names unknown node #%s%s", id, p.suggest(id))
	}
}

// links checks that every answer leads to an existing node.
func (p *parse) links() {
	for _, n := range p.all {
		for _, a := range n.Answers {
			if p.t.byID[a.To] == nil {
				p.errs.Add(a.Pos, "answer „%s” links to unknown node #%s%s", a.Label, a.To, p.suggest(a.To))
			}
		}
	}
}

// suggest returns "; did you mean #x?" for the existing id nearest to id.
func (p *parse) suggest(id string) string {
	ids := make([]string, len(p.t.Nodes))
	for i, n := range p.t.Nodes {
		ids[i] = n.ID
	}
	return suggest.Hint(id, ids, "#", "")
}

// reachable reports the nodes that no route from the start reaches.
func (p *parse) reachable() {
	if p.t.Start == nil {
		return
	}
	seen := map[*Node]bool{}
	p.t.visit(p.t.Start, seen)
	for _, n := range p.t.Nodes {
		if !seen[n] {
			p.errs.Add(n.Pos, "node #%s cannot be reached from the start node #%s", n.ID, p.t.Start.ID)
		}
	}
}

func (t *Tree) visit(n *Node, seen map[*Node]bool) {
	if seen[n] {
		return
	}
	seen[n] = true
	for _, a := range n.Answers {
		if next := t.byID[a.To]; next != nil {
			t.visit(next, seen)
		}
	}
}

// cycles reports each cycle once, at its first node in document order. It
// finds the strongly connected components (Tarjan) and names the shortest
// cycle through the first node of each, so a tangle of loops gives one
// readable message rather than dozens.
func (p *parse) cycles() {
	for _, comp := range p.t.components() {
		first := comp[0]
		cycle := p.t.shortestCycle(first, comp)
		if cycle == nil {
			continue
		}
		names := make([]string, len(cycle))
		for i, n := range cycle {
			names[i] = "#" + n.ID
		}
		p.errs.Add(first.Pos, "answers form a cycle: %s → #%s; a route must always move on", strings.Join(names, " → "), first.ID)
	}
}

// components returns the strongly connected components of the tree's graph
// that could hold a cycle, each sorted in document order.
func (t *Tree) components() [][]*Node {
	index := map[*Node]int{}
	for i, n := range t.Nodes {
		index[n] = i
	}
	var (
		next  int
		order = map[*Node]int{}
		low   = map[*Node]int{}
		on    = map[*Node]bool{}
		stack []*Node
		comps [][]*Node
	)
	var connect func(n *Node)
	connect = func(n *Node) {
		order[n], low[n] = next, next
		next++
		stack = append(stack, n)
		on[n] = true
		for _, a := range n.Answers {
			m := t.byID[a.To]
			switch {
			case m == nil:
			case !hasKey(order, m):
				connect(m)
				low[n] = min(low[n], low[m])
			case on[m]:
				low[n] = min(low[n], order[m])
			}
		}
		if low[n] != order[n] {
			return
		}
		var comp []*Node
		for {
			m := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			on[m] = false
			comp = append(comp, m)
			if m == n {
				break
			}
		}
		if len(comp) > 1 || t.linksTo(n, n) {
			sortByIndex(comp, index)
			comps = append(comps, comp)
		}
	}
	for _, n := range t.Nodes {
		if !hasKey(order, n) {
			connect(n)
		}
	}
	return comps
}

func hasKey[K comparable, V any](m map[K]V, k K) bool { _, ok := m[k]; return ok }

func sortByIndex(ns []*Node, index map[*Node]int) {
	for i := 1; i < len(ns); i++ {
		for j := i; j > 0 && index[ns[j]] < index[ns[j-1]]; j-- {
			ns[j], ns[j-1] = ns[j-1], ns[j]
		}
	}
}

func (t *Tree) linksTo(from, to *Node) bool {
	for _, a := range from.Answers {
		if a.To == to.ID && t.byID[a.To] == to {
			return true
		}
	}
	return false
}

// shortestCycle returns the nodes of the shortest cycle from n back to n
// within comp (breadth first, answers in order), starting with n.
func (t *Tree) shortestCycle(n *Node, comp []*Node) []*Node {
	in := map[*Node]bool{}
	for _, m := range comp {
		in[m] = true
	}
	prev := map[*Node]*Node{}
	queue := []*Node{n}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		for _, a := range cur.Answers {
			m := t.byID[a.To]
			if m == nil || !in[m] {
				continue
			}
			if m == n {
				var path []*Node
				for c := cur; c != n; c = prev[c] {
					path = append(path, c)
				}
				path = append(path, n)
				for i, j := 0, len(path)-1; i < j; i, j = i+1, j-1 {
					path[i], path[j] = path[j], path[i]
				}
				return path
			}
			if !hasKey(prev, m) {
				prev[m] = cur
				queue = append(queue, m)
			}
		}
	}
	return nil
}

// headingID returns the heading's id and whether the author wrote it. The
// id attribute alone cannot tell, since goldmark generates one for every
// heading; so the attribute block is read again from the rest of the
// heading's last line, exactly as goldmark's heading parsers read it.
func headingID(h *ast.Heading, src []byte) (string, bool) {
	v, _ := h.AttributeString("id")
	id, _ := v.([]byte)
	lines := h.Lines()
	if lines.Len() == 0 {
		return string(id), false
	}
	seg := lines.At(lines.Len() - 1)
	if seg.Stop < 0 || seg.Stop > len(src) {
		return string(id), false
	}
	rest := src[seg.Stop:]
	if i := bytes.IndexByte(rest, '\n'); i >= 0 {
		rest = rest[:i]
	}
	i := bytes.IndexByte(rest, '{')
	if i < 0 {
		return string(id), false
	}
	attrs, ok := parser.ParseAttributes(text.NewReader(rest[i:]))
	if !ok {
		return string(id), false
	}
	_, explicit := attrs.Find([]byte("id"))
	return string(id), explicit && id != nil
}

// HeadingID returns the id of h and whether the author wrote it ({#id}),
// rather than goldmark deriving it from the text: package region cuts pages
// into sections by the ids authors wrote, read the same way as here.
func HeadingID(h *ast.Heading, src []byte) (string, bool) { return headingID(h, src) }

// headingClasses returns the set of classes on h.
func headingClasses(h *ast.Heading) map[string]bool {
	set := map[string]bool{}
	v, _ := h.AttributeString("class")
	if b, ok := v.([]byte); ok {
		for _, c := range strings.Fields(string(b)) {
			set[c] = true
		}
	}
	return set
}

// validID reports whether id is safe as a path segment and a URL fragment.
func validID(id string) bool {
	if id == "" || id[0] == '-' || id[0] == '_' {
		return false
	}
	for _, c := range []byte(id) {
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// suggestID turns a title or a bad id into a usable id for a message.
func suggestID(s string) string {
	if id := markdown.Slug(s); id != "" {
		return id
	}
	return "id"
}

// foldLabel is how answer labels are compared: case and surrounding space
// do not count.
func foldLabel(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// onlyLink returns the link when item holds exactly one link and nothing
// else, not even space around it.
func onlyLink(item ast.Node) *ast.Link {
	if item.ChildCount() != 1 {
		return nil
	}
	block := item.FirstChild()
	switch block.(type) {
	case *ast.TextBlock, *ast.Paragraph:
	default:
		return nil
	}
	if block.ChildCount() != 1 {
		return nil
	}
	link, _ := block.FirstChild().(*ast.Link)
	return link
}

// splitExplanation separates the explanation at the head of a question's
// last list from its answers. Markdown joins two lists with the same
// marker that only a blank line separates, so an explanation that ends in
// a bulleted list runs into the answer list. The leading items that link
// no node are explanation; from the first item that links a node on, the
// items are the answers (and each must be exactly one link, which answers
// checks). The explanation items move into a list of their own, inserted
// before the answer list, which is returned; nil when there are none, or
// when no item links a node at all (then every item is a faulty answer,
// as when an author forgot the links). Like the transformers of package
// markdown (which wrap sections and caption tables while parsing), it
// changes the document's shape before anything renders, and only then:
// after Parse the document is read, never changed (package load).
func splitExplanation(list *ast.List) *ast.List {
	var explain []ast.Node
	item := list.FirstChild()
	for ; item != nil && !linksNode(item); item = item.NextSibling() {
		explain = append(explain, item)
	}
	if item == nil || len(explain) == 0 {
		return nil
	}
	head := ast.NewList(list.Marker)
	head.IsTight = list.IsTight
	head.Start = list.Start
	if list.IsOrdered() {
		list.Start += len(explain)
	}
	list.Parent().InsertBefore(list.Parent(), list, head)
	for _, it := range explain {
		head.AppendChild(head, it)
	}
	return head
}

// linksNode reports whether n holds a link to a node: a #fragment link.
func linksNode(n ast.Node) bool {
	found := false
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if l, ok := c.(*ast.Link); ok && entering && bytes.HasPrefix(l.Destination, []byte("#")) {
			found = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

// isAnswerList reports whether some item of list is a single #node link.
func isAnswerList(list *ast.List, src []byte) bool {
	for item := list.FirstChild(); item != nil; item = item.NextSibling() {
		if l := onlyLink(item); l != nil && bytes.HasPrefix(l.Destination, []byte("#")) {
			return true
		}
	}
	return false
}

// sourceLinks returns the links under n that point to a page of the site.
func sourceLinks(n ast.Node) []*ast.Link {
	var links []*ast.Link
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if l, ok := c.(*ast.Link); ok && entering && isSource(string(l.Destination)) {
			links = append(links, l)
		}
		return ast.WalkContinue, nil
	})
	return links
}

// isSource reports whether dest is a relative or root-absolute link to a
// Markdown page, with an optional #anchor: the form in which content links
// the pages that hold a rule's source.
func isSource(dest string) bool {
	u, err := url.Parse(dest)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Opaque != "" || u.RawQuery != "" ||
		strings.HasPrefix(dest, "//") {
		return false
	}
	return strings.HasSuffix(u.Path, ".md") && len(u.Path) > len(".md") && !strings.HasSuffix(u.Path, "/.md")
}

// String returns the node as "#id", the way messages name it.
func (n *Node) String() string {
	if n == nil {
		return "<nil>"
	}
	return "#" + n.ID
}
