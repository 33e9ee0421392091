package tree

import (
	"errors"
	"fmt"
	"strings"
)

// Step is one answered question on a route.
type Step struct {
	Node   *Node  // the question
	Answer Answer // the answer given to it
}

// Path is a route through the tree: the questions answered, in order, and
// the node where the route ends.
type Path struct {
	Steps []Step
	End   *Node
}

// Labels returns the answer labels of the route, the form in which a
// scenario lists it.
func (p Path) Labels() []string {
	labels := make([]string, len(p.Steps))
	for i, s := range p.Steps {
		labels[i] = s.Answer.Label
	}
	return labels
}

// WalkError says where a list of answer labels leaves the tree.
type WalkError struct {
	At    *Node  // the node the walk had reached
	Index int    // the index of the label that does not fit
	Label string // that label
}

func (e *WalkError) Error() string {
	if e.At.Outcome {
		n := "answers"
		if e.Index == 1 {
			n = "answer"
		}
		return fmt.Sprintf("the route already ends at outcome #%s after %d %s, so „%s” and any later answers are left over",
			e.At.ID, e.Index, n, e.Label)
	}
	return fmt.Sprintf("at #%s there is no answer „%s”; the answers there are %s", e.At.ID, e.Label, labelList(e.At))
}

// labelList names the answers of n for a message.
func labelList(n *Node) string {
	if len(n.Answers) == 0 {
		return "none"
	}
	labels := make([]string, len(n.Answers))
	for i, a := range n.Answers {
		labels[i] = "„" + a.Label + "”"
	}
	return strings.Join(labels, ", ")
}

// Walk follows labels from the start: the first label answers the start
// question, the next one the question it leads to, and so on. Labels match
// ignoring case and surrounding space. It returns the route taken and the
// node where the labels ran out, which may be a question: the wizard uses
// this to restore a half-answered route. When a label does not fit, the
// error is a *WalkError, and the path holds the route up to that point; in
// a tree with errors, an answer to an unknown node gives a plain error.
func (t *Tree) Walk(labels []string) (Path, error) {
	if t.Start == nil {
		return Path{}, errors.New("the tree has no start node")
	}
	p := Path{End: t.Start}
	for i, label := range labels {
		n := p.End
		a, ok := n.answer(label)
		if !ok {
			return p, &WalkError{At: n, Index: i, Label: label}
		}
		next := t.byID[a.To]
		if next == nil {
			return p, fmt.Errorf("answer „%s” at #%s leads to unknown node #%s", a.Label, n.ID, a.To)
		}
		p.Steps = append(p.Steps, Step{Node: n, Answer: a})
		p.End = next
	}
	return p, nil
}

// answer returns the answer of n with the given label.
func (n *Node) answer(label string) (Answer, bool) {
	key := foldLabel(label)
	for _, a := range n.Answers {
		if foldLabel(a.Label) == key {
			return a, true
		}
	}
	return Answer{}, false
}

// Paths returns every route from the start, in answer order: the first
// answer of every question first. In a valid tree each route ends at an
// outcome. In a tree with errors a route also stops at a node without
// answers, and answers that lead to an unknown node or back onto the route
// are skipped, so Paths always ends. The number of routes can grow
// exponentially with the depth of the tree; the trees of the site have
// tens of routes.
func (t *Tree) Paths() []Path {
	if t.Start == nil {
		return nil
	}
	var (
		paths []Path
		steps []Step
		on    = map[*Node]bool{}
	)
	var walk func(n *Node)
	walk = func(n *Node) {
		on[n] = true
		defer delete(on, n)
		more := false
		for _, a := range n.Answers {
			next := t.byID[a.To]
			if next == nil || on[next] {
				continue
			}
			more = true
			steps = append(steps, Step{Node: n, Answer: a})
			walk(next)
			steps = steps[:len(steps)-1]
		}
		if !more {
			paths = append(paths, Path{Steps: append([]Step(nil), steps...), End: n})
		}
	}
	walk(t.Start)
	return paths
}

// Depth returns the largest number of questions on one route from the
// start, so a wizard can say "vraag 3 van hooguit 6". It takes time linear
// in the size of the tree, unlike counting Paths.
func (t *Tree) Depth() int {
	if t.Start == nil {
		return 0
	}
	memo := map[*Node]int{}
	on := map[*Node]bool{}
	var depth func(n *Node) int
	depth = func(n *Node) int {
		if d, ok := memo[n]; ok {
			return d
		}
		on[n] = true
		d := 0
		for _, a := range n.Answers {
			if next := t.byID[a.To]; next != nil && !on[next] {
				d = max(d, 1+depth(next))
			}
		}
		delete(on, n)
		memo[n] = d
		return d
	}
	return depth(t.Start)
}
