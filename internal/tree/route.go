package tree

// Shortest returns, for every node reachable from the start, the shortest
// route to it: the fewest questions answered. Among routes of the same
// length it takes the one that follows earlier answers (document order), so
// the result is the same on every build. A node's own page uses it to say
// "Vraag 3" and to show how one gets there without JavaScript.
func (t *Tree) Shortest() map[*Node]Path {
	out := map[*Node]Path{}
	if t.Start == nil {
		return out
	}
	out[t.Start] = Path{End: t.Start}
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
			steps := append(append([]Step(nil), out[n].Steps...), Step{Node: n, Answer: a})
			out[next] = Path{Steps: steps, End: next}
			queue = append(queue, next)
		}
	}
	return out
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
