package tree

// Way is how a shortest route reaches a node: its last step (the question
// and the answer that lead there; no Node for the start) and its length.
type Way struct {
	Via   Step
	Depth int // questions answered on the way: 0 for the start
}

// Shortest returns, for every node reachable from the start, the last step
// of a shortest route to it: the fewest questions answered. Among routes of
// the same length it takes the one that follows earlier answers (document
// order), so the result is the same on every build. A node's own page uses
// it to say "Vraag 3" and to show how one gets there without JavaScript.
// Keeping only the last step makes it linear in the size of the tree; Route
// follows the steps back.
func (t *Tree) Shortest() map[*Node]Way {
	out := map[*Node]Way{}
	if t.Start == nil {
		return out
	}
	out[t.Start] = Way{}
	queue := []*Node{t.Start}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for _, a := range n.Answers {
			next := t.byID[a.To]
			if next == nil {
				continue
			}
			if _, seen := out[next]; seen {
				continue
			}
			out[next] = Way{Via: Step{Node: n, Answer: a}, Depth: out[n].Depth + 1}
			queue = append(queue, next)
		}
	}
	return out
}

// Route returns the last max steps of the shortest route to n (all of them
// when max <= 0), in order from the start, and how many steps come before
// those. A page that lists its route stays small however deep the tree.
func Route(ways map[*Node]Way, n *Node, max int) (steps []Step, before int) {
	w, ok := ways[n]
	if !ok {
		return nil, 0
	}
	count := w.Depth
	if max > 0 && count > max {
		count = max
	}
	steps = make([]Step, count)
	for i := count - 1; i >= 0; i-- {
		steps[i] = w.Via
		w = ways[w.Via.Node]
	}
	return steps, ways[n].Depth - count
}

// Parents returns, for every node, the questions with an answer that leads
// to it, each once, in document order: the way back from a node's own page.
// The start has none.
func (t *Tree) Parents() map[*Node][]*Node {
	out := map[*Node][]*Node{}
	for _, n := range t.Nodes {
		for _, a := range n.Answers {
			next := t.byID[a.To]
			if next == nil {
				continue
			}
			if l := out[next]; len(l) > 0 && l[len(l)-1] == n {
				continue // two answers of n lead to the same node
			}
			out[next] = append(out[next], n)
		}
	}
	return out
}
