package region

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/zvh-webtool/zvh/internal/diag"
	"github.com/zvh-webtool/zvh/internal/frontmatter"
	"github.com/zvh-webtool/zvh/internal/worddiff"
)

// Hash is the basis of a national text: the first 10 hex digits of its
// SHA-256. An override records it in its front matter as `basis:`; when the
// national text changes, the hash no longer matches and the override is
// reported as drifted.
//
// What is hashed: the whole national file for a page that is replaced or
// removed, and only the replaced sections for a section override, so a
// change elsewhere on the page does not bother the region.
func Hash(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])[:10]
}

// Drift is an override whose national base changed since it was made.
type Drift struct {
	Pos      diag.Position // the basis line of the region file
	Page     string        // content rel
	National string        // national file
	Recorded string        // basis in the front matter, "" when missing
	Current  string        // hash of the national text now
	Diff     string        // word diff of the national change, "" without a snapshot
}

func (d Drift) String() string { return d.Diagnostic().Error() }

// Diagnostic is the drift as a warning at the basis line.
func (d Drift) Diagnostic() diag.Diagnostic {
	if d.Recorded == "" {
		return diag.Diagnostic{Pos: d.Pos, Msg: fmt.Sprintf("no `basis` recorded: after checking the override against %s, run `zvh region accept %s`", d.National, d.Pos.File)}
	}
	s := fmt.Sprintf("the national text of %s changed since this override was made (basis %s, now %s); check the override, then run `zvh region accept %s`", d.National, d.Recorded, d.Current, d.Pos.File)
	if d.Diff != "" {
		s += "\n  what changed in the national text:\n" + d.Diff
	} else {
		s += fmt.Sprintf(" (no copy of the old national text in %s/, so the change cannot be shown)", Snapshots)
	}
	return diag.Diagnostic{Pos: d.Pos, Msg: s}
}

// Drift reports every override of the region whose recorded basis differs
// from the national text now, with a word diff of that change when the
// region folder regionFS holds a snapshot of the old text.
func (r *Report) Drift(regionFS fs.FS) []Drift {
	var out []Drift
	for _, rel := range slices.Sorted(keys(r.Pages)) {
		p := r.Pages[rel]
		if p.Regional == "" || p.Status == StatusAdded {
			continue
		}
		now := Hash(p.basisText)
		if p.Basis == now {
			continue
		}
		d := Drift{Pos: p.BasisPos, Page: rel, National: p.National, Recorded: p.Basis, Current: now}
		if p.Basis != "" && regionFS != nil {
			if old, err := fs.ReadFile(regionFS, snapshotPath(rel)); err == nil {
				d.Diff = worddiff.Text(worddiff.Diff(worddiff.Words(string(old)), worddiff.Words(p.basisText)), diffContext)
			}
		}
		out = append(out, d)
	}
	return out
}

// Accepted is what `zvh region accept` writes for one override: the region
// file with its basis set to the national text of now, and the snapshot of
// that text (to be stored at Snapshot inside the region folder).
type Accepted struct {
	Source   []byte
	Snapshot string
	Text     []byte
	Basis    string
}

// Accept records the current national base of the override at rel (a path
// inside the region folder) in src, the region file's bytes.
func (r *Report) Accept(rel string, src []byte) (Accepted, error) {
	p, ok := r.Pages[rel]
	if !ok || p.Regional == "" || p.Status == StatusAdded {
		return Accepted{}, fmt.Errorf("%s replaces, changes or removes no national page, so it has no basis to record", rel)
	}
	h := Hash(p.basisText)
	return Accepted{Source: SetBasis(src, h), Snapshot: snapshotPath(rel), Text: []byte(p.basisText), Basis: h}, nil
}

// snapshotPath is where the copy of the national text of the override at
// rel is kept. It ends in .txt: it is no page, and a section's text has no
// front matter.
func snapshotPath(rel string) string { return path.Join(Snapshots, rel+".txt") }

// SetBasis writes `basis: h` into the front matter of src, replacing the
// line the front matter decoder finds the key on, or adding one after the
// opening "---".
func SetBasis(src []byte, h string) []byte {
	line := "basis: " + h + "\n"
	yml, _, _, err := frontmatter.Split("", src)
	if !bytes.HasPrefix(src, []byte("---")) || err != nil {
		return append([]byte("---\n"+line+"---\n"), src...)
	}
	lines := strings.SplitAfter(string(src), "\n")
	m, _ := frontmatter.DecodeOverride("", yml, frontmatter.KindPage)
	if p, ok := m.Pos["basis"]; ok && p.Line-1 > 0 && p.Line-1 < len(lines) {
		if strings.HasSuffix(lines[p.Line-1], "\r\n") {
			line = strings.TrimSuffix(line, "\n") + "\r\n"
		}
		lines[p.Line-1] = line
		return []byte(strings.Join(lines, ""))
	}
	return []byte(lines[0] + line + strings.Join(lines[1:], ""))
}
