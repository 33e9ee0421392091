package main

// The region commands and flags: --region and --all for build, check and
// serve, and the subcommands new region, region accept and why. They only
// parse arguments and call package region; run.go hooks them in.

import (
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/zvh-webtool/zvh/internal/diag"
	"github.com/zvh-webtool/zvh/internal/layerfs"
	"github.com/zvh-webtool/zvh/internal/load"
	"github.com/zvh-webtool/zvh/internal/output"
	"github.com/zvh-webtool/zvh/internal/region"
	"github.com/zvh-webtool/zvh/internal/serve"
	"github.com/zvh-webtool/zvh/internal/site"
	"github.com/zvh-webtool/zvh/internal/suggest"
)

func init() {
	for _, cmd := range []string{"build", "check", "serve"} {
		commandHelp[cmd] += "\n  --region SLUG|PATH  build a regional variant: a shipped region by its slug\n                      (content/regio/SLUG), or a region folder by its path\n"
	}
	for _, cmd := range []string{"build", "check"} {
		commandHelp[cmd] += "  --all               the national site, and each shipped region in regio/SLUG/\n"
	}
	commandHelp["new"] = `Usage: zvh new region SLUG|PATH [--source DIR]

Writes a starter region folder that builds at once: a commented regio.yaml,
a logo and one example of a changed section. A SLUG makes
content/regio/SLUG/ in the --source folder; a PATH (with a /) makes that
folder, for a region kept in its own repository.
`
	commandHelp["region"] = `Usage: zvh region accept FILE... [--source DIR]

Records in each region FILE (an override of a national page) the national
version it now follows: its basis hash, and a copy of that national text in
the region's .landelijk/ folder, so later national changes are shown as a
word diff by zvh check --region. Run it after checking the override against
the national text.
`
	commandHelp["why"] = `Usage: zvh why PAGE [--region SLUG|PATH] [--source DIR]

Prints where each part of a page comes from: the national file, a regional
file, a section override, a term substitution or a Regionale aanvulling.
PAGE is a source path (procesplaten/complexe-casuistiek/triage.md) or a
URL path (procesplaten/complexe-casuistiek/triage/).
`
}

const regionUsage = `
Regions:
  zvh build|check|serve --region SLUG|PATH   a regional variant
  zvh build|check --all                      the national site and every shipped region
  zvh new region SLUG|PATH
  zvh region accept FILE...
  zvh why PAGE [--region SLUG|PATH]
`

// resolveRegion finds the region arg names: a slug of a shipped region in
// the layered source, or a folder path. It returns the folder and how
// people see it.
func resolveRegion(src fs.FS, arg string) (fs.FS, string, error) {
	if strings.ContainsAny(arg, `/\`) || strings.HasPrefix(arg, ".") {
		if info, err := os.Stat(arg); err != nil || !info.IsDir() {
			return nil, "", fmt.Errorf("--region %s is not a folder", arg)
		}
		return openRegion(arg)
	}
	slugs := region.Slugs(src)
	if !slices.Contains(slugs, arg) {
		if info, err := os.Stat(arg); err == nil && info.IsDir() {
			return openRegion(arg)
		}
		hint := suggest.Hint(arg, slugs, "", "")
		return nil, "", fmt.Errorf("no region %q%s (shipped regions: %s; or give the path of a region folder)", arg, hint, strings.Join(slugs, ", "))
	}
	sub, err := fs.Sub(src, path.Join(region.Shipped, arg))
	return sub, path.Join(region.Shipped, arg), err
}

// openRegion opens a region folder given by its path with the same
// contained opener as the source folder: a symbolic link (or a "..") that
// leads out of it is an error at that file, never a published page. The
// folder stays open for the life of the command.
func openRegion(arg string) (fs.FS, string, error) {
	d, err := layerfs.OpenDir(arg)
	if err != nil {
		return nil, "", fmt.Errorf("--region %s: %v", arg, err)
	}
	// The name the region package shows and compares with the slug must
	// end in the folder's own name: "." or "../.." say nothing about it,
	// so those are shown as the folder's absolute path.
	dir := filepath.Clean(arg)
	if b := filepath.Base(dir); b == "." || b == ".." {
		if abs, err := filepath.Abs(dir); err == nil {
			dir = abs
		}
	}
	return d, filepath.ToSlash(dir), nil
}

// overlays prepares the sites that regionArg and all select.
func overlays(src fs.FS, regionArg string, all bool) ([]region.Site, diag.List, error) {
	if all {
		sites, errs := region.All(src)
		return sites, errs, nil
	}
	reg, dir, err := resolveRegion(src, regionArg)
	if err != nil {
		return nil, nil, err
	}
	fsys, rep, errs := region.Overlay(src, reg, dir)
	if rep == nil {
		return nil, errs, nil
	}
	return []region.Site{{Name: dir, FS: fsys, Report: rep, Region: reg}}, errs, nil
}

// buildRegions builds the sites that --region or --all select from src
// with one parse cache, and for zvh build writes them to out, all at once.
// An unknown region is a usage error, returned as err; a build that ctx
// interrupts returns errors and writes nothing.
func buildRegions(ctx context.Context, cmd string, src fs.FS, regionArg string, all, offline bool, out string) (*site.Result, []region.SiteTime, diag.List, error) {
	sites, errs, err := overlays(src, regionArg, all)
	if err != nil {
		return nil, nil, nil, err
	}
	// Build even after overlay errors: the build's own errors (a link to a
	// removed page) are then reported in the same run.
	built, berrs := region.Build(ctx, sites, offline, load.NewCache())
	errs.Append(berrs)
	if len(errs) > 0 {
		return nil, nil, errs, nil
	}
	if cmd == "build" {
		if err := output.Write(out, built.Files); err != nil {
			errs.Add(diag.Position{File: out}, "%v", err)
			return nil, nil, errs, nil
		}
	}
	res := &site.Result{Pages: built.Pages, Trees: built.Trees, Warnings: built.Warnings}
	for _, b := range built.Files {
		res.Bytes += len(b)
	}
	return res, built.Sites, nil, nil
}

// regionBuilder is the serve.Builder of zvh serve --region: it lays the
// region over the source again on every change (a region file may now
// replace another section) and builds the result, with one parse cache for
// the whole session.
func regionBuilder(fsys fs.FS, regionArg string) serve.Builder {
	cache := load.NewCache()
	return serve.FullRebuild(func(ctx context.Context) (map[string][]byte, []serve.Warning, diag.List) {
		sites, errs, err := overlays(fsys, regionArg, false)
		if err != nil {
			errs.Add(diag.Position{File: regionArg}, "%v", err)
			return nil, nil, errs
		}
		built, berrs := region.Build(ctx, sites, false, cache)
		errs.Append(berrs)
		if len(errs) > 0 {
			return nil, nil, errs
		}
		lfs, _ := fsys.(*layerfs.FS)
		return built.Files, serve.Warnings(built.Warnings, lfs), nil
	})
}

// newCmd is zvh new region SLUG|PATH.
func newCmd(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "region" {
		fmt.Fprint(stderr, commandHelp["new"])
		return exitUsage
	}
	fl := flag.NewFlagSet("new", flag.ContinueOnError)
	fl.SetOutput(io.Discard)
	source := fl.String("source", ".", "")
	rest := args[1:]
	var target string
	if len(rest) > 0 && !strings.HasPrefix(rest[0], "-") {
		target, rest = rest[0], rest[1:]
	}
	if err := fl.Parse(rest); err != nil || target == "" || fl.NArg() > 0 {
		fmt.Fprint(stderr, commandHelp["new"])
		return exitUsage
	}
	dir := target
	if !strings.ContainsAny(target, `/\`) {
		dir = filepath.Join(*source, "content", "regio", target)
	}
	slug := filepath.Base(dir)
	if b := path.Base(filepath.ToSlash(target)); b == "." || b == ".." || b == "/" {
		// "." or ".." would write the starter into content/regio/ or
		// content/ itself, over national pages.
		fmt.Fprintf(stderr, "zvh new region: %q is no name for a region folder; give a slug such as mijn-regio, or the path of a new folder\n", target)
		return exitUsage
	}
	if _, err := os.Stat(dir); err == nil {
		fmt.Fprintf(stderr, "zvh new region: %s exists already\n", dir)
		return exitUsage
	}
	files, err := region.Starter(openSource(*source), slug)
	if err != nil {
		fmt.Fprintf(stderr, "zvh new region: %v\n", err)
		return exitUsage
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintf(stderr, "zvh new region: %v\n", err)
		return exitBuild
	}
	reg, err := layerfs.OpenDir(dir)
	if err != nil {
		fmt.Fprintf(stderr, "zvh new region: %v\n", err)
		return exitBuild
	}
	defer reg.Close()
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if err := reg.WriteFile(name, files[name]); err != nil {
			fmt.Fprintf(stderr, "zvh new region: %s: %v\n", name, err)
			return exitBuild
		}
	}
	arg := slug
	if dir != filepath.Join(*source, "content", "regio", slug) {
		arg = dir
	}
	fmt.Fprintf(stdout, "wrote %s\nnext: edit %s, then run: zvh serve --region %s\n", dir, filepath.Join(dir, region.ConfigFile), arg)
	return exitOK
}

// regionCmd is zvh region accept FILE...
func regionCmd(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "accept" {
		fmt.Fprint(stderr, commandHelp["region"])
		return exitUsage
	}
	fl := flag.NewFlagSet("region", flag.ContinueOnError)
	fl.SetOutput(io.Discard)
	source := fl.String("source", ".", "")
	var targets []string
	rest := args[1:]
	for len(rest) > 0 {
		if err := fl.Parse(rest); err != nil {
			fmt.Fprint(stderr, commandHelp["region"])
			return exitUsage
		}
		if fl.NArg() == 0 {
			break
		}
		targets = append(targets, fl.Arg(0))
		rest = fl.Args()[1:]
	}
	if len(targets) == 0 {
		fmt.Fprint(stderr, commandHelp["region"])
		return exitUsage
	}
	src := openSource(*source)
	code := exitOK
	for _, file := range targets {
		regDir, rel, err := regionOf(file)
		if err != nil {
			fmt.Fprintf(stderr, "zvh region accept: %v\n", err)
			code = exitUsage
			continue
		}
		label := filepath.ToSlash(regDir)
		if abs, err := filepath.Abs(filepath.Join(*source, "content", "regio")); err == nil {
			if r, err := filepath.Rel(abs, regDir); err == nil && !strings.Contains(r, "..") && !strings.Contains(r, string(filepath.Separator)) {
				label = path.Join(region.Shipped, filepath.ToSlash(r))
			}
		}
		reg, err := layerfs.OpenDir(regDir)
		if err != nil {
			fmt.Fprintf(stderr, "zvh region accept: %v\n", err)
			code = exitBuild
			continue
		}
		_, rep, errs := region.Overlay(src, reg, label)
		if len(errs) > 0 {
			errs.Print(stderr)
			code = exitBuild
			continue
		}
		b, err := reg.ReadFile(rel)
		if err != nil {
			reg.Close()
			fmt.Fprintf(stderr, "zvh region accept: %s: %v\n", file, err)
			code = exitBuild
			continue
		}
		acc, err := rep.Accept(rel, b)
		if err != nil {
			reg.Close()
			fmt.Fprintf(stderr, "zvh region accept: %s: %v\n", file, err)
			code = exitBuild
			continue
		}
		// Both files are written inside the region folder: a .landelijk
		// that is a symbolic link out of it is refused, not written through.
		err = reg.WriteFile(acc.Snapshot, acc.Text)
		if err == nil {
			err = reg.WriteFile(rel, acc.Source)
		}
		reg.Close()
		if err != nil {
			fmt.Fprintf(stderr, "zvh region accept: %v\n", err)
			code = exitBuild
			continue
		}
		fmt.Fprintf(stdout, "%s: basis %s\n", file, acc.Basis)
	}
	return code
}

// regionOf finds the region folder of a file (the nearest folder above it
// with a regio.yaml) and the file's path inside it.
func regionOf(file string) (dir, rel string, err error) {
	abs, err := filepath.Abs(file)
	if err != nil {
		return "", "", err
	}
	for d := filepath.Dir(abs); ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, region.ConfigFile)); err == nil {
			r, err := filepath.Rel(d, abs)
			return d, filepath.ToSlash(r), err
		}
		if filepath.Dir(d) == d {
			return "", "", fmt.Errorf("%s is in no region folder (no %s above it)", file, region.ConfigFile)
		}
	}
}

// whyCmd is zvh why PAGE [--region X].
func whyCmd(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("why", flag.ContinueOnError)
	fl.SetOutput(io.Discard)
	source := fl.String("source", ".", "")
	regionArg := fl.String("region", "", "")
	var target string
	rest := args
	if len(rest) > 0 && !strings.HasPrefix(rest[0], "-") {
		target, rest = rest[0], rest[1:]
	}
	if err := fl.Parse(rest); err != nil {
		fmt.Fprint(stderr, commandHelp["why"])
		return exitUsage
	}
	if target == "" && fl.NArg() == 1 {
		target = fl.Arg(0)
	}
	if target == "" {
		fmt.Fprint(stderr, commandHelp["why"])
		return exitUsage
	}
	src := openSource(*source)
	var (
		rep  *region.Report
		errs diag.List
	)
	if *regionArg == "" {
		_, rep, errs = region.Overlay(src, nil, "")
	} else {
		reg, dir, err := resolveRegion(src, *regionArg)
		if err != nil {
			fmt.Fprintf(stderr, "zvh why: %v\n", err)
			return exitUsage
		}
		_, rep, errs = region.Overlay(src, reg, dir)
	}
	if len(errs) > 0 {
		errs.Print(stderr)
		return exitBuild
	}
	out, err := rep.Why(target)
	if err != nil {
		fmt.Fprintf(stderr, "zvh why: %v\n", err)
		return exitBuild
	}
	fmt.Fprint(stdout, out)
	return exitOK
}

// openSource is the source folder dir over the embedded model, read with
// the same symlink rules as zvh build. A folder that cannot be opened is
// read as empty; the commands check --source before they get here.
func openSource(dir string) fs.FS {
	d, err := layerfs.OpenDir(dir)
	if err != nil {
		return sourceFS(nil)
	}
	return sourceFS(d)
}
