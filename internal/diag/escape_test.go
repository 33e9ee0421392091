package diag

import "testing"

// TestControlCharactersEscaped: an ESC or a line break in a file name or a
// message is printed escaped, never raw.
func TestControlCharactersEscaped(t *testing.T) {
	d := Diagnostic{Pos: Position{File: "content/a\x1b[31m\nb.md", Line: 2, Col: 3}, Msg: "link to missing page x\ny.md"}
	if got, want := d.Error(), `content/a\x1b[31m\nb.md:2:3: link to missing page x\ny.md`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := (Diagnostic{Pos: Position{File: "content/é.md"}, Msg: "ok"}).Error(); got != "content/é.md: ok" {
		t.Errorf("plain text changed: %q", got)
	}
}
