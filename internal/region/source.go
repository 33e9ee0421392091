package region

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/zvh-webtool/zvh/internal/diag"
	"github.com/zvh-webtool/zvh/internal/frontmatter"
)

// doc is a Markdown source cut into the parts a region can override: the
// front matter, the text before the first h2 (the intro) and one section per
// h2, each running to the next h2.
type doc struct {
	File     string // as people see it
	Src      string
	Front    string // "---\n…\n---\n", or "" when the file has none
	Meta     map[string]string
	MetaLine map[string]int
	Intro    chunk
	Sections []section
}

// chunk is a run of whole lines of a source file.
type chunk struct {
	File string
	Line int // 1-based line of the first line in File
	Text string
}

// section is one h2 with the text under it.
type section struct {
	chunk
	ID      string
	Title   string
	Classes []string
}

func (s section) locked() bool {
	for _, c := range s.Classes {
		if c == "locked" {
			return true
		}
	}
	return false
}

var (
	h2Line   = regexp.MustCompile(`^ {0,3}## +(.*?)[ \t]*$`)
	attrTail = regexp.MustCompile(`[ \t]*\{([^{}]*)\}$`)
	fence    = regexp.MustCompile("^ {0,3}(```+|~~~+)")
)

// parseDoc cuts src. The front matter keys are read as plain scalars for
// the few this package needs (title, remove, locked, basis); the build
// decodes them properly.
func parseDoc(file, src string) (*doc, *diag.Diagnostic) {
	d := &doc{File: file, Src: src, Meta: map[string]string{}, MetaLine: map[string]int{}}
	body, bodyLine := src, 1
	if strings.HasPrefix(src, "---") {
		yml, b, bl, err := frontmatter.Split(file, []byte(src))
		if err != nil {
			e := err.(diag.Diagnostic)
			return nil, &e
		}
		d.Front = src[:len(src)-len(b)]
		body, bodyLine = string(b), bl
		for i, l := range strings.Split(string(yml), "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && !strings.HasPrefix(l, " ") && !strings.HasPrefix(l, "#") {
				k = strings.TrimSpace(k)
				d.Meta[k] = strings.Trim(strings.TrimSpace(stripComment(v)), `"'`)
				d.MetaLine[k] = i + 2
			}
		}
	}
	lines := strings.SplitAfter(body, "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	cur := &d.Intro
	cur.File, cur.Line = file, bodyLine
	var b strings.Builder
	inFence := ""
	flush := func() { cur.Text = b.String(); b.Reset() }
	for i, l := range lines {
		trimmed := strings.TrimRight(l, "\r\n")
		if m := fence.FindStringSubmatch(trimmed); m != nil {
			switch {
			case inFence == "":
				inFence = m[1][:3]
			case strings.HasPrefix(m[1], inFence) && strings.TrimSpace(trimmed[len(m[0]):]) == "":
				inFence = ""
			}
		}
		if m := h2Line.FindStringSubmatch(trimmed); m != nil && inFence == "" {
			flush()
			s := section{chunk: chunk{File: file, Line: bodyLine + i}}
			title := m[1]
			if a := attrTail.FindStringSubmatchIndex(title); a != nil {
				for _, f := range strings.Fields(title[a[2]:a[3]]) {
					switch {
					case strings.HasPrefix(f, "#"):
						s.ID = f[1:]
					case strings.HasPrefix(f, "."):
						s.Classes = append(s.Classes, f[1:])
					}
				}
				title = title[:a[0]]
			}
			s.Title = strings.TrimSpace(strings.TrimRight(title, "# "))
			d.Sections = append(d.Sections, s)
			cur = &d.Sections[len(d.Sections)-1].chunk
		}
		b.WriteString(l)
	}
	flush()
	return d, nil
}

func stripComment(v string) string {
	if i := strings.Index(v, " #"); i >= 0 {
		return v[:i]
	}
	return v
}

// section returns the section with id, or nil.
func (d *doc) section(id string) *section {
	for i := range d.Sections {
		if d.Sections[i].ID == id {
			return &d.Sections[i]
		}
	}
	return nil
}

func (d *doc) ids() []string {
	var out []string
	for _, s := range d.Sections {
		if s.ID != "" {
			out = append(out, s.ID)
		}
	}
	return out
}

// body is the text after the front matter.
func (d *doc) body() string { return d.Src[len(d.Front):] }

// blankBasis turns the basis line of a front matter into a comment, so the
// build, which does not know the key, reads the same lines.
func blankBasis(front string) string {
	var b bytes.Buffer
	for _, l := range strings.SplitAfter(front, "\n") {
		if strings.HasPrefix(l, "basis:") {
			l = "# " + l
		}
		b.WriteString(l)
	}
	return b.String()
}
