// Package region builds the regional variants of the webtool. A region is a
// folder that holds only what differs from the national model; Overlay lays
// it over the national source and returns a file system that site.Build
// builds like any other, plus a Report of where every page came from.
//
// # The region folder
//
//	regio.yaml                 name, slug, title, logo, contact, tokens, terms, facts
//	logo.svg                   the logo named in regio.yaml
//	a/b.md                     changes, removes or adds the page content/a/b.md
//	a/b.aanvulling.md          appended to content/a/b.md as "Regionale aanvulling"
//	.landelijk/a/b.md.txt      the national text an override was made against
//
// Shipped regions live in content/regio/<slug>/ and are embedded; a region
// kept elsewhere is any folder with a regio.yaml. The slug must equal the
// folder name. Unknown keys, a missing or unsafe logo and colour tokens that
// fail WCAG AA contrast are errors at their line in regio.yaml.
//
// # Overrides
//
// A Markdown file at a national path:
//
//   - with a `title` in its front matter replaces the whole page;
//   - without a `title` replaces only the sections whose ids its h2s carry
//     (## Heading {#id}); the other sections, the intro and the front matter
//     stay national. A decision-tree node is an h2, so trees are changed node
//     by node and validated after the merge. A section file may hold only the
//     key `basis` in its front matter, and no text before its first h2;
//   - with `remove: true` hides the page; links to it are then errors of the
//     build's link check.
//
// Pages are cut into sections by the build's own readers: the headings of
// the goldmark parse with the site's Markdown dialect (a "## line" in a
// fence or an HTML block is no section, a setext heading is one) and the
// strict front matter decoder (frontmatter.DecodeOverride, which adds the
// key basis), so a lock or a section means the same here as in the build.
//
// # National decision trees
//
// The verdicts of a national tree are the model protocol's. After the merge
// the tree is compared with the national one (trees.go): a changed verdict
// class, a removed or replaced source, a national answer sent elsewhere or
// dropped, a removed node or a question turned into an outcome is an error
// at the region's line and at the national node. A region may add a
// regional route: answers to national questions that lead to nodes of its
// own, each marked .regionaal and checked like any node. Its
// <tree>.scenarios.yaml is added to the national scenarios, which stay in
// force; one with the title of a national scenario is an error at both.
//
// A file at a path the national model lacks adds a page. <path>.aanvulling.md
// is appended to the page under the heading "Regionale aanvulling" with a
// sentence saying it is not national text; it uses ### for its own headings.
//
// # Locks
//
// A national page with `locked: true` cannot be replaced, changed or removed;
// a section whose h2 carries the class .locked ({#gegevens .locked}) cannot
// be replaced, nor can the page that holds it be replaced as a whole. Both
// may be supplemented. Breaking a lock is an error at the region file's line
// that names the national file and line.
//
// # Placeholders
//
// {{name}} in any page, national or regional, is replaced by the region's
// fact or term of that name, or by the default in site.yaml. The double
// brace never starts goldmark's attribute syntax ({#id .class}, one brace).
// Placeholders in code spans and fenced code stay as written; elsewhere
// \{{ is a literal pair of braces. An unknown name is an error at its
// position. A region may rename only the terms of site.yaml; its own values
// go in facts.
//
// # Transparency and drift
//
// Every region gets content/verschillen.md, "Verschillen met het landelijk
// model": each replaced, changed, added, removed or supplemented page, with a
// word diff against the national text, and each renamed term. Replaced and
// changed pages carry a notice that links to it. An override's `basis` is
// Hash of the national text it was made against (the whole file, or only the
// replaced sections); Report.Drift lists overrides whose national text has
// changed since, with a word diff when the snapshot in .landelijk/ exists, and
// Report.Accept records the current text.
package region
