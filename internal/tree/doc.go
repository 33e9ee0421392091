// Package tree reads the decision trees (beslisbomen) of the webtool from
// their Markdown, checks them, walks them and draws them. It is pure: it gets
// a parsed Markdown body and returns values and diagnostics, and never reads
// files or keeps global state.
//
// # Format
//
// A tree is one Markdown file, content/beslisbomen/<slug>.md. The caller
// splits off the front matter; its optional key `start` names the first
// node, and without it the first node is the start. In the body:
//
//	Introduction shown on the start page.
//
//	## Is het doel van de casus vastgesteld? {#doel}
//
//	Explanation in Markdown.
//
//	- [Ja](#noodzaak)
//	- [Nee](#eerst-doel)
//
//	## Stel eerst het doel vast {#eerst-doel .uitkomst .voorwaarden}
//
//	Outcome text. Grondslag: [Spelregels: doel](../spelregels.md#doel)
//
// Everything before the first h2 is the introduction. Every top-level h2
// starts a node, which runs to the next h2. Other headings (h3, h4) are part
// of the node's text.
//
// # Node ids
//
// Every node needs an explicit id, written in the heading's attribute block:
// `## Title {#id}`. goldmark also generates an id for a heading without one,
// but that id follows the title, so rewording a question would silently
// break every answer, scenario and bookmark that points to it. An id counts
// as explicit only when the heading's own line carries an attribute block
// with an id (`{#id}` or `{id=…}`); comparing the id with the slug of the
// title would wrongly reject an author who writes `{#doel}` under the title
// "Doel". Ids become page addresses (beslisbomen/<slug>/<id>/), so they
// use lower-case letters, digits, hyphens and underscores only, must be
// unique, and may not be "overzicht", the address of the overview page.
//
// # Questions
//
// A question ends with a list (bulleted or numbered) of answers, each item
// exactly one link to another node of the same tree: `- [Ja](#noodzaak)`. The
// link text is the answer's label; labels on one node differ (ignoring case
// and surrounding space, as a scenario would). A question has at least two
// answers. Everything between the heading and the answers is its
// explanation.
//
// The explanation may end in a list of its own, right above the answers:
//
//	Denk aan:
//
//	- een diagnose;
//	- medicijngebruik.
//
//	- [Ja](#mag-niet)
//	- [Nee](#mag)
//
// Markdown joins two such lists into one, so the last list is read from
// its end: the trailing items that are each exactly one link to a node are
// the answers, and the leading items that link no node are explanation.
// From the first item that links a node on, every item must be an answer:
// an item that links a node but is more than that one link, or an item
// without a link after the answers have begun, is an error. (A last list
// with no node link at all is taken as answers with the links missing, and
// each item is reported.)
//
// # Outcomes
//
// An outcome carries the class `uitkomst` and has no answer list. It may add
// one verdict class: `mag`, `mag-niet`, `voorwaarden` or `verwijs`. Its text
// links at least one source page of the site, the legal basis (Grondslag) of
// the outcome: a relative or root-absolute link to a .md file, optionally
// with an #anchor, such as ../spelregels.md#doel or /wetten/avg-6.md. External
// URLs and #node links do not count. Whether the page exists is checked by
// the site's link checker, not here.
//
// A list at the end of an outcome is an answer list, and thus an error, only
// when one of its items is a single #node link; a closing list of conditions
// is ordinary text.
//
// # Checks
//
// [Parse] reports every problem at once, each at its real line and column:
// a missing, malformed, reserved or duplicate id; a node without a title; an
// answer to an unknown node (with the nearest existing id as a suggestion);
// a node unreachable from the start; a cycle (naming its nodes); a question
// with fewer than two answers; an outcome with an answer list; an outcome
// without a source link; a node that is neither a question nor an outcome;
// two answers with the same label; more than one verdict; an answer item
// that is not exactly one link to a node; and a `start` naming no node. That last one
// is reported at line 1, where the front matter opens, because the caller
// holds the front matter's positions.
//
// # Scenarios
//
// A tree may have a sibling file <slug>.scenarios.yaml that lists worked
// cases, each walked through the tree by the build:
//
//	# content/beslisbomen/inbrengen.scenarios.yaml
//	- title: Wijkagent met meldingen over overlast
//	  case: De wijkagent heeft meldingen van buren …
//	  answers: [Ja, Ja, Nee]
//	  expect: inbrengen
//
// `title`, `answers` and `expect` are required, `case` is optional and other
// keys are errors. Answers are matched to labels ignoring case and
// surrounding space; `expect` is an outcome id, with or without a leading #.
// See [ParseScenarios] and [Tree.CheckScenarios].
//
// # Walks and routes
//
// [Tree.Walk] follows a list of answer labels from the start, as a
// scenario does, and says where it went astray ([WalkError]); [Tree.Paths] lists every route from the start to an
// outcome and [Tree.Depth] the most questions on one. [Tree.Shortest]
// keeps, for every node, the last step of a shortest route to it, and
// [Route] follows those steps back: a node's own page numbers its question
// and shows how a reader gets there without JavaScript. [Tree.Parents]
// gives the questions that lead to each node, for its back link.
//
// # Diagram
//
// [Tree.SVG] draws the whole tree at build time as a static SVG: no script,
// no style attribute and no style element, since the site's
// Content-Security-Policy forbids inline styles. Every element carries a
// class for the site's CSS, plus presentation attributes that print in black
// on white without it. Every node is drawn once; an answer that leads more
// than three layers down ends in a dashed reference box that names the node
// and links to its box, so the drawing grows linearly with the tree, also
// when many questions share one outcome.
package tree
