package diag

import (
	"strings"
	"testing"
)

func TestLinesMapOffsetsToFileLines(t *testing.T) {
	body := []byte("eerste\ntweede regel\n\nvierde")
	x := NewLines("content/a.md", body, 5) // the body starts on line 5 of the file
	for _, tc := range []struct {
		off  int
		want string
	}{
		{0, "content/a.md:5:1"},
		{3, "content/a.md:5:4"},
		{7, "content/a.md:6:1"},
		{14, "content/a.md:6:8"},
		{20, "content/a.md:7:1"},
		{21, "content/a.md:8:1"},
		{-1, "content/a.md:5:1"},
	} {
		if got := x.Pos(tc.off).String(); got != tc.want {
			t.Errorf("Pos(%d) = %s, want %s", tc.off, got, tc.want)
		}
	}
}

func TestListSortsAndPrintsAll(t *testing.T) {
	var l List
	l.Add(Position{File: "b.md", Line: 1, Col: 1}, "tweede bestand")
	l.Add(Position{File: "a.md", Line: 10, Col: 2}, "later in a")
	l.Add(Position{File: "a.md", Line: 2, Col: 5}, "eerder in a")
	l.Add(Position{File: "a.md", Line: 2, Col: 5}, "eerder in a")
	l.Add(Position{File: "c.md"}, "hele bestand %d", 3)
	var b strings.Builder
	l.Print(&b)
	want := "a.md:2:5: eerder in a\na.md:10:2: later in a\nb.md:1:1: tweede bestand\nc.md: hele bestand 3\n"
	if b.String() != want {
		t.Errorf("Print =\n%s\nwant\n%s", b.String(), want)
	}
	if l.Err() == nil || List(nil).Err() != nil {
		t.Error("Err: want an error for a non-empty list and nil for an empty one")
	}
}
