// Package ci is the one rule, for every test of zvh, about what a test run
// may leave out.
//
// Two kinds of run exist. A quick run, `go test -short ./...`, leaves out
// the browser tests and the slow ones, so a developer gets an answer in
// well under half a minute. A full run, `go test ./...` or scripts/test,
// runs everything; a test whose tool (Chromium, Java, Node, hunspell) is
// missing skips with a note on how to install it. In CI (the environment
// variable CI set, as CI services do, to anything but "false" or "0")
// nothing may be left out: a missing tool and -short are failures, since a
// check that silently skips proves nothing.
package ci

import (
	"os"
	"strings"
	"testing"
)

// Enabled reports whether the tests run in CI.
func Enabled() bool {
	v := strings.ToLower(strings.TrimSpace(os.Getenv("CI")))
	return v != "" && v != "false" && v != "0"
}

// Missing ends t because something it needs is not installed: a skip on a
// developer's machine, a failure in CI. what says what is missing and how
// to install it.
func Missing(t testing.TB, what string) {
	t.Helper()
	if Enabled() {
		t.Fatal(what + " (CI is set: a missing tool is a failure, not a skip)")
	}
	t.Skip(what)
}

// Slow leaves t out of a quick run (go test -short): a test that drives a
// browser, builds the whole national site several times or otherwise
// takes seconds. why says what it is, for the skip message.
func Slow(t testing.TB, why string) {
	t.Helper()
	if !testing.Short() {
		return
	}
	if Enabled() {
		t.Fatal("-short leaves out " + why + ", and CI runs every test")
	}
	t.Skip("-short: leaves out " + why)
}
