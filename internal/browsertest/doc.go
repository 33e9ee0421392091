// Package browsertest proves the promises of docs/DESIGN.md ("Principles")
// on a real build of the national site, the way a visitor meets it (issue 6):
//
//   - privacy: a static scan of every output file (CSP and referrer meta tags,
//     no inline scripts or styles, no event-handler attributes, nothing from
//     another origin, no storage or network APIs in the JavaScript), and a
//     headless Chromium that walks every path of every decision tree by
//     clicking, switches trainer mode and print media, and then finds no
//     cookie, no Web Storage, no IndexedDB, no service worker, no request
//     that leaves the site or asks for a file the build does not have, no CSP
//     violation and no console error;
//   - accessibility: axe-core (WCAG 2.0, 2.1 and 2.2 A/AA rules) on every HTML
//     page, in the wizard, in trainer mode and in the dark colour scheme, and
//     a keyboard-only walk through a tree (answers, back link, "Wijzig") that
//     checks focus and its visible indicator after every step;
//   - the wizard as readers meet it (issue 15, ux_test.go), measured on a
//     phone, a desktop and a projector: the first answer and an outcome's
//     verdict and first condition on the first screen, every node in trainer
//     mode on one projector screen, no shift when answering, a title per
//     question, the phase bar of the page's own plate, shared links;
//   - validity: the Nu Html Checker (vnu.jar) on every HTML file;
//   - links: every local href, src and CSS url() of a normal and an offline
//     build points to a file (and #id) of that build.
//
// Each check is a function that returns its problems as []string, so the
// tests can also build a deliberately broken site (an extra layer over the
// embedded model) and assert that the check finds what is wrong.
//
// The package has only tests. The browser tests need Chromium, and the
// accessibility and validity tests the npm packages axe-core and vnu-jar
// (package.json at the repository root) plus Java; scripts/test installs all
// of them. Without them, plain "go test ./..." skips those tests and says
// what is missing; with CI=true a missing tool is a failure.
package browsertest
