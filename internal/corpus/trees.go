package corpus

import (
	"fmt"
	"strings"
)

// ChainTree is the body of a decision tree of n nodes (n ≥ 3): questions
// q0 … q(n-3) in a row, each with the answer "Verder" to the next question
// and "Stop" to the one outcome #einde, and a last question that leads to
// #einde or #klaar. Every question shares #einde, so a drawing with a line
// per answer would cross n²/2 layers. Outcomes cite source, a page path.
func ChainTree(n int, source string) string {
	var b strings.Builder
	q := n - 2
	for i := range q {
		next := fmt.Sprintf("q%d", i+1)
		if i == q-1 {
			next = "klaar"
		}
		fmt.Fprintf(&b, "## Vraag %d? {#q%d}\n\n- [Verder](#%s)\n- [Stop](#einde)\n\n", i, i, next)
	}
	fmt.Fprintf(&b, "## Einde {#einde .uitkomst .mag-niet}\n\nGrondslag: [Regels](%s)\n\n", source)
	fmt.Fprintf(&b, "## Klaar {#klaar .uitkomst .mag}\n\nGrondslag: [Regels](%s)\n", source)
	return b.String()
}

// LadderTree is the body of a decision tree of n nodes (n ≥ 2): n-1
// questions in a row whose two answers both lead to the next question, and
// one outcome. It has 2^(n-1) routes, so anything that writes out every
// route explodes.
func LadderTree(n int, source string) string {
	var b strings.Builder
	for i := range n - 1 {
		next := fmt.Sprintf("q%d", i+1)
		if i == n-2 {
			next = "einde"
		}
		fmt.Fprintf(&b, "## Vraag %d? {#q%d}\n\n- [Ja](#%s)\n- [Nee](#%s)\n\n", i, i, next, next)
	}
	fmt.Fprintf(&b, "## Einde {#einde .uitkomst .mag}\n\nGrondslag: [Regels](%s)\n", source)
	return b.String()
}
