package search

import (
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Script returns the index as the script file the site ships: one statement
// that sets self.zvhSearchData. The data is a JSON text in a string literal,
// since browsers parse JSON.parse("…") faster than the same object literal.
//
// The bytes are exactly those of encoding/json marshaling the index (struct
// fields in order, map keys sorted, integer keys as strings) and then
// marshaling that text as a string: a test holds Script to that reference.
// It writes them by hand, straight into the string literal, because
// marshaling nested maps through reflection, twice, cost as much as
// building the index. Every JSON string is escaped twice in one step (see
// appendString) and every quote of the JSON text is written as \".
func (ix *Index) Script() []byte {
	b := make([]byte, 0, ix.scriptSize())
	b = append(b, `self.zvhSearchData=JSON.parse("{\"fields\":`...)
	b = appendStrings(b, ix.Fields)
	b = append(b, `,\"store\":`...)
	b = appendStrings(b, ix.Store)
	b = append(b, `,\"stop\":`...)
	b = appendStrings(b, ix.Stop)
	b = append(b, `,\"labels\":`...)
	if ix.Labels == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '{')
		for i, k := range slices.Sorted(maps.Keys(ix.Labels)) {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, k)
			b = append(b, ':')
			b = appendString(b, ix.Labels[k])
		}
		b = append(b, '}')
	}

	// MiniSearch's serialization, version 2 (the output of its toJSON).
	n := len(ix.docs)
	b = append(b, `,\"index\":{\"documentCount\":`...)
	b = strconv.AppendInt(b, int64(n), 10)
	b = append(b, `,\"nextId\":`...)
	b = strconv.AppendInt(b, int64(n), 10)
	b = append(b, `,\"documentIds\":{`...)
	for i, d := range ix.order {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendKey(b, d)
		b = strconv.AppendInt(b, int64(d), 10)
	}
	b = append(b, `},\"fieldIds\":{`...)
	byName := make([]int, len(fields))
	for f := range byName {
		byName[f] = f
	}
	slices.SortFunc(byName, func(x, y int) int { return strings.Compare(fields[x], fields[y]) })
	for i, f := range byName {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, fields[f])
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(f), 10)
	}
	b = append(b, `},\"fieldLength\":{`...)
	for i, d := range ix.order {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendKey(b, d)
		b = append(b, '[')
		for f, l := range ix.lengths[int(d)*len(fields) : (int(d)+1)*len(fields)] {
			if f > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendInt(b, int64(l), 10)
		}
		b = append(b, ']')
	}
	b = append(b, `},\"averageFieldLength\":[`...)
	for f, a := range ix.average {
		if f > 0 {
			b = append(b, ',')
		}
		b = appendFloat(b, a)
	}
	// The stored fields of a document, keys sorted.
	b = append(b, `],\"storedFields\":{`...)
	for i, d := range ix.order {
		if i > 0 {
			b = append(b, ',')
		}
		doc := &ix.docs[d]
		b = appendKey(b, d)
		b = append(b, `{\"kind\":`...)
		b = appendString(b, doc.Kind)
		b = append(b, `,\"text\":`...)
		b = appendString(b, doc.Text)
		b = append(b, `,\"title\":`...)
		b = appendString(b, doc.Title)
		b = append(b, `,\"url\":`...)
		b = appendString(b, doc.URL)
		b = append(b, `,\"where\":`...)
		b = appendString(b, doc.Where)
		b = append(b, '}')
	}
	b = append(b, `},\"dirtCount\":0,\"index\":`...)
	if len(ix.terms) == 0 {
		b = append(b, "null"...) // encoding/json's nil slice
	}
	// Each term with, per field id, how often it occurs in each document:
	// ["gegev",{"2":{"0":3,"7":1}}]. BuildWith put the postings in this
	// order.
	for k, t := range ix.terms {
		if k == 0 {
			b = append(b, '[')
		} else {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = appendString(b, t)
		b = append(b, ",{"...)
		field := int32(-1)
		for _, p := range ix.postings[ix.start[k]:ix.start[k+1]] {
			if p.field != field {
				if field >= 0 {
					b = append(b, "},"...)
				}
				field = p.field
				b = appendKey(b, field)
				b = append(b, '{')
			} else {
				b = append(b, ',')
			}
			b = appendKey(b, p.doc)
			b = strconv.AppendInt(b, int64(p.count), 10)
		}
		b = append(b, "}}]"...)
		if k == len(ix.terms)-1 {
			b = append(b, ']')
		}
	}
	b = append(b, `,\"serializationVersion\":2}}");`+"\n"...)
	return b
}

// scriptSize estimates the length of the script, a little over for plain
// text, so it is written into one allocation.
func (ix *Index) scriptSize() int {
	size := 4096 + 120*len(ix.docs) + 12*len(ix.postings)
	for i := range ix.docs {
		d := &ix.docs[i]
		size += len(d.Kind) + len(d.Text) + len(d.Title) + len(d.URL) + len(d.Where)
	}
	for _, t := range ix.terms {
		size += len(t) + 12
	}
	return size + size/32
}

// appendStrings appends a list of strings as a JSON array, or null for nil
// as encoding/json writes a nil slice, escaped for the string literal.
func appendStrings(b []byte, list []string) []byte {
	if list == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, s := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, s)
	}
	return append(b, ']')
}

// appendKey appends the object key of an integer, \"12\": as it reads in
// the string literal.
func appendKey(b []byte, n int32) []byte {
	b = append(b, `\"`...)
	b = strconv.AppendInt(b, int64(n), 10)
	return append(b, `\":`...)
}

// appendFloat appends f as encoding/json writes a float64: like ES6's
// number to string, shortest digits, exponent only below 1e-6 or from 1e21,
// without a leading zero in the exponent. f is finite.
func appendFloat(b []byte, f float64) []byte {
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// e-09 -> e-9
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// appendString appends s as a JSON string as encoding/json writes it, and
// that as it reads inside a JSON string literal: escaped twice.
//
// encoding/json escapes " and \ with a backslash; \b, \f, \n, \r and \t
// as such; other control characters and <, > and & (HTML-safe) as \u00XX;
// U+2028 and U+2029 as \u2028 and \u2029; an invalid UTF-8 byte as
// \ufffd. Everything else, non-ASCII letters too, stays as it is. Written
// in the literal, each backslash of that is doubled and each quote gets a
// backslash: a " of s becomes \\\", a newline \\n, the JSON string's own
// quotes \".
func appendString(b []byte, s string) []byte {
	b = append(b, `\"`...)
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if plain[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"':
				b = append(b, `\\\"`...)
			case '\\':
				b = append(b, `\\\\`...)
			case '\b':
				b = append(b, `\\b`...)
			case '\f':
				b = append(b, `\\f`...)
			case '\n':
				b = append(b, `\\n`...)
			case '\r':
				b = append(b, `\\r`...)
			case '\t':
				b = append(b, `\\t`...)
			default:
				b = append(b, '\\', '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, `\"`...)
}

const hexDigits = "0123456789abcdef"

// plain marks the ASCII bytes that appendString copies as they are:
// printable, and not " \ < > &.
var plain = func() (t [utf8.RuneSelf]bool) {
	for c := ' '; c < utf8.RuneSelf; c++ {
		t[c] = true
	}
	for _, c := range `"\<>&` {
		t[c] = false
	}
	return t
}()
