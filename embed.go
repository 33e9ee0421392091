// Package zvh holds the national model of the webtool: the content, layouts and
// assets that every build starts from. They are embedded in the binary so that
// `zvh build` in an empty folder publishes the whole national site; a site or
// region folder only needs the files that differ.
package zvh

import "embed"

// Base is the embedded national model (and its settings, site.yaml). The all: prefix keeps files such as
// _index.md, which go:embed would otherwise skip.
//
//go:embed all:content all:layouts all:assets site.yaml
var Base embed.FS
