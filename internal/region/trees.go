package region

import (
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"
	"testing/fstest"

	"github.com/zvh-webtool/zvh/internal/diag"
	"github.com/zvh-webtool/zvh/internal/frontmatter"
	"github.com/zvh-webtool/zvh/internal/load"
	"github.com/zvh-webtool/zvh/internal/tree"
)

// In a national decision tree the verdicts are the model protocol's: a
// region may rewrite a node's text, but not its verdict, its sources, where
// a national answer leads, or whether the node is there at all. It may add
// a regional route: answers to national questions that lead to its own
// nodes, and its own questions and outcomes, each marked .regionaal and
// checked like every node. A break of these rules is an error at the
// region's line and at the national node, so both editors see it.

// isTree reports whether rel is a decision tree page.
func isTree(rel string) bool { return load.KindOf(rel) == load.KindTree }

// checkTrees compares every national tree the region changes, as the
// overlay composed it, with the national tree.
func (o *builder) checkTrees() {
	for _, rel := range slices.Sorted(maps.Keys(o.changes)) {
		ch := o.changes[rel]
		nat := o.natDocs[rel]
		if !isTree(rel) || ch.replace == nil || nat == nil {
			continue
		}
		f := o.files["content/"+rel]
		if f == nil {
			continue
		}
		nt := o.parseTree(nat.File, nat.Src)
		rt := o.parseTree("content/"+rel, string(f.Data))
		if nt == nil || rt == nil {
			continue // the build reports a tree it cannot read
		}
		whole := diag.Position{File: ch.replace.File, Line: 1, Col: 1}
		if p, ok := ch.replace.Meta.Pos["title"]; ok {
			whole = diag.Position{File: ch.replace.File, Line: p.Line, Col: 1}
		}
		o.compareTrees(rel, nt, rt, whole)
	}
}

// parseTree reads the tree in src with the build's own readers; nil when
// its front matter cannot be split.
func (o *builder) parseTree(file, src string) *tree.Tree {
	yml, body, bodyLine, err := frontmatter.Split(file, []byte(src))
	if err != nil {
		return nil
	}
	meta, _ := frontmatter.Decode(file, yml, frontmatter.KindTree)
	t, _ := tree.Parse(o.md.Parse(body), diag.NewLines(file, body, bodyLine), tree.Start{ID: meta.Start})
	return t
}

// compareTrees reports every way the regional tree rt departs from the
// national tree nt where the protocol allows no regional deviation. whole
// is where a region file that replaces the whole tree is reported when a
// node it should hold is missing.
func (o *builder) compareTrees(rel string, nt, rt *tree.Tree, whole diag.Position) {
	for _, n := range nt.Nodes {
		r := rt.Node(n.ID)
		if r == nil {
			o.protocol(whole, n.Pos, fmt.Sprintf("de regio mag knoop #%s niet uit de landelijke beslisboom weghalen", n.ID))
			continue
		}
		at := o.report.Map(r.Pos)
		if r.Regional && !n.Regional {
			o.protocol(at, n.Pos, fmt.Sprintf("knoop #%s is een landelijke knoop; alleen een eigen knoop van de regio (een nieuw id) kan de klasse .regionaal hebben", n.ID))
		}
		switch {
		case n.Outcome != r.Outcome:
			o.protocol(at, n.Pos, fmt.Sprintf("knoop #%s is landelijk %s; de regio mag er geen %s van maken", n.ID, kindWord(n), kindWord(r)))
		case n.Outcome:
			if r.Verdict != n.Verdict {
				o.protocol(at, n.Pos, fmt.Sprintf("de regio mag het oordeel van uitkomst #%s niet wijzigen (landelijk „%s”, hier „%s”)", n.ID, n.Verdict.Label(), r.Verdict.Label()))
			}
			have := map[string]bool{}
			for _, l := range r.Sources {
				have[sourceOf(rel, string(l.Destination))] = true
			}
			for _, l := range n.Sources {
				if !have[sourceOf(rel, string(l.Destination))] {
					o.protocol(at, n.Pos, fmt.Sprintf("de regio mag bron %s van uitkomst #%s niet weghalen of vervangen", l.Destination, n.ID))
				}
			}
		default:
			o.compareAnswers(n, r, nt, rt, at)
		}
	}
	for _, r := range rt.Nodes {
		if nt.Node(r.ID) == nil && !r.Regional {
			o.errs.Add(o.report.Map(r.Pos), "knoop #%s staat niet in de landelijke beslisboom: een eigen knoop van de regio is een regionale route; geef hem de klasse .regionaal, zoals {#%s .regionaal}", r.ID, r.ID)
		}
	}
}

// compareAnswers checks the answers of the national question n against
// its regional version r: every national answer leads where it led, and
// an added answer leads to a node of the region's own.
func (o *builder) compareAnswers(n, r *tree.Node, nt, rt *tree.Tree, at diag.Position) {
	used := make([]bool, len(r.Answers))
	find := func(match func(tree.Answer) bool) int {
		for i, a := range r.Answers {
			if !used[i] && match(a) {
				used[i] = true
				return i
			}
		}
		return -1
	}
	fold := func(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
	// An answer that keeps its label and target is matched first, then one
	// that keeps its target under new words; what is left is redirected
	// (the same words, another target) or removed.
	var reworded, missing []tree.Answer
	for _, a := range n.Answers {
		if find(func(ra tree.Answer) bool { return ra.To == a.To && fold(ra.Label) == fold(a.Label) }) < 0 {
			reworded = append(reworded, a)
		}
	}
	for _, a := range reworded {
		if find(func(ra tree.Answer) bool { return ra.To == a.To }) < 0 {
			missing = append(missing, a)
		}
	}
	for _, a := range missing {
		if i := find(func(ra tree.Answer) bool { return fold(ra.Label) == fold(a.Label) }); i >= 0 {
			ra := r.Answers[i]
			o.protocol(o.report.Map(ra.Pos), a.Pos, fmt.Sprintf("de regio mag landelijk antwoord „%s” van vraag #%s niet ergens anders heen laten leiden (landelijk naar #%s, hier naar #%s)", a.Label, n.ID, a.To, ra.To))
			continue
		}
		o.protocol(at, a.Pos, fmt.Sprintf("de regio mag landelijk antwoord „%s” (naar #%s) van vraag #%s niet weghalen", a.Label, a.To, n.ID))
	}
	for i, a := range r.Answers {
		if used[i] || nt.Node(a.To) == nil {
			continue
		}
		o.protocol(o.report.Map(a.Pos), nt.Node(a.To).Pos, fmt.Sprintf("een antwoord dat de regio toevoegt aan vraag #%s moet naar een eigen knoop van de regio leiden (met de klasse .regionaal), niet naar landelijke knoop #%s", n.ID, a.To))
	}
}

// sourceOf is the page and anchor a source link of the page at rel leads
// to, so ../spelregels.md#doel and /spelregels.md#doel are one source.
func sourceOf(rel, dest string) string {
	if strings.HasPrefix(dest, "/") {
		return path.Clean(dest[1:])
	}
	return path.Join(path.Dir(rel), dest)
}

func kindWord(n *tree.Node) string {
	if n.Outcome {
		return "een uitkomst"
	}
	return "een vraag"
}

// protocol reports a departure from the national tree at the region's
// line and at the national node.
func (o *builder) protocol(reg, nat diag.Position, what string) {
	o.errs.Add(reg, "%s: in een landelijke beslisboom liggen oordelen, bronnen en antwoorden vast in het modelprotocol (landelijk: %s). Eigen tekst voor de regio zet je in een Regionale aanvulling, of in een regionale route: een nieuw antwoord naar een eigen knoop met de klasse .regionaal", what, nat)
	o.errs.Add(nat, "landelijke knoop, gewijzigd door %s in %s: %s", o.cfg.Name, reg, what)
}

// mergeScenarios keeps the national scenarios of a tree in force on the
// region's tree and adds the region's own: the composed file holds the
// national list, then the region's. A regional scenario with the title of
// a national one would replace it: an error at both.
func (o *builder) mergeScenarios(rel string, nat, reg []byte) {
	natFile, regFile := "content/"+rel, o.regionFile(rel)
	ns, nerrs := tree.ParseScenarios(natFile, nat)
	rs, rerrs := tree.ParseScenarios(regFile, reg)
	o.errs.Append(rerrs)
	if len(nerrs) > 0 || len(rerrs) > 0 {
		o.files[natFile] = mapFile(nat)
		return
	}
	byTitle := map[string]tree.Scenario{}
	for _, s := range ns {
		byTitle[strings.ToLower(strings.TrimSpace(s.Title))] = s
	}
	ok := true
	for _, s := range rs {
		if n, dup := byTitle[strings.ToLower(strings.TrimSpace(s.Title))]; dup {
			o.errs.Add(s.Pos, "scenario „%s” staat al in de landelijke scenario's (%s): een regio voegt scenario's toe, maar vervangt of verzwakt geen landelijk scenario; geef dit scenario een eigen titel", s.Title, n.Pos)
			o.errs.Add(n.Pos, "landelijk scenario „%s”, vervangen door %s in %s: landelijke scenario's blijven gelden in elke regio", n.Title, o.cfg.Name, s.Pos)
			ok = false
		}
	}
	if !ok {
		o.files[natFile] = mapFile(nat)
		return
	}
	c := &composer{}
	c.add(natFile, 1, string(nat), false)
	c.add(regFile, 1, string(reg), false)
	o.put(rel, c)
}

func mapFile(b []byte) *fstest.MapFile { return &fstest.MapFile{Data: b} }
