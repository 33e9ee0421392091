package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/zvh-webtool/zvh"
	"github.com/zvh-webtool/zvh/internal/diag"
	"github.com/zvh-webtool/zvh/internal/layerfs"
	"github.com/zvh-webtool/zvh/internal/region"
	"github.com/zvh-webtool/zvh/internal/serve"
	"github.com/zvh-webtool/zvh/internal/site"
	"github.com/zvh-webtool/zvh/internal/suggest"
)

// Exit codes, as documented in "zvh help".
const (
	exitOK    = 0
	exitBuild = 1 // content or build errors
	exitUsage = 2 // wrong command line
)

const usage = `zvh builds the data-sharing guidance webtool of the Zorg- en Veiligheidshuizen.

Usage:
  zvh build [--source DIR] [--out DIR] [--offline] [--quiet]
  zvh check [--source DIR] [-v]
  zvh serve [--source DIR] [--port N] [--bind ADDR]
  zvh version
  zvh help [command]

The national model (content/, layouts/, assets/) is built into zvh. Files in
the --source folder's content/, layouts/ and assets/ replace the built-in file
with the same path, or add to it.

Exit status: 0 ok, 1 content or build errors, 2 usage errors.
Errors are printed as path:line:col: message, all of them at once.
`

var commandHelp = map[string]string{
	"build": `Usage: zvh build [--source DIR] [--out DIR] [--offline] [--quiet]

Builds the site into --out (default "public"). The site is written to a
temporary folder next to it and swapped in only when the whole build
succeeded: a failed or interrupted build leaves the previous output
untouched. A folder that is not empty is replaced only if an earlier build
wrote it (it holds the file .zvh-build); any other folder is refused.

  --source DIR  folder with content/, layouts/, assets/ (default ".")
  --out DIR     output folder (default "public"); not inside the source's
                content/, layouts/ or assets/
  --offline     links end in index.html, so the site works from file://
                (a USB stick or a file share)
  --quiet       print nothing after a successful build, and no summary of
                warnings about the built-in national model
  -v            also list the warnings about the built-in national model,
                which are otherwise summed up in one line
  --offline-copy=false
                leave out gegevensdeling-offline.zip, the offline copy that
                every page offers for download (it renders the site twice)
  --national-content=false
                build the pages of the --source folder alone, without the
                built-in national pages (the built-in layouts and assets
                stay): for a site of its own, and for benchmarks
`,
	"check": `Usage: zvh check [--source DIR] [-v]

Runs the whole build without writing anything and reports every problem as
path:line:col: message. Exit status 1 if there is any.

  --source DIR  folder with content/, layouts/, assets/ (default ".")
  -v            also list the warnings about the built-in national model,
                which other commands sum up in one line
`,
	"serve": `Usage: zvh serve [--source DIR] [--port N] [--bind ADDR]

Builds the site in memory and serves it at http://ADDR:N/ with the same
security headers a production host should send. Nothing is written to disk.
Every save in the --source folder's content/, layouts/ or assets/ rebuilds the
site: open pages reload by themselves (a changed stylesheet is swapped in
without a reload). When a build fails, the errors are printed here and shown
over the last good version of every page until they are fixed.

  --source DIR  folder with content/, layouts/, assets/ (default ".")
  --port N      port, a whole number from 1 to 65535; 0 picks a free one
                (default 8080)
  --bind ADDR   address to listen on (default 127.0.0.1: only this computer;
                0.0.0.0 lets every computer on the network in)
`,
	"version": "Usage: zvh version\n\nPrints the version of zvh.\n",
	"help":    "Usage: zvh help [command]\n\nPrints help for zvh or for one command.\n",
}

// commands are the subcommands, for "did you mean".
var commands = []string{"build", "check", "serve", "new", "region", "why", "version", "help"}

// run is the whole command; main only adds the process around it, so tests
// call run directly. ctx ends on Ctrl-C: a build in progress is abandoned
// (nothing is written) and serve stops.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "build", "check":
		return build(ctx, cmd, rest, stdout, stderr)
	case "serve":
		return serveCmd(ctx, rest, stdout, stderr)
	case "new":
		return newCmd(rest, stdout, stderr)
	case "region":
		return regionCmd(rest, stdout, stderr)
	case "why":
		return whyCmd(rest, stdout, stderr)
	case "version", "--version":
		fmt.Fprintln(stdout, "zvh", version())
		return exitOK
	case "help", "-h", "--help":
		if len(rest) > 0 {
			h, ok := commandHelp[rest[0]]
			if !ok {
				fmt.Fprintf(stderr, "zvh help: unknown command %q%s\n", rest[0], didYouMean(rest[0], commands, ""))
				return exitUsage
			}
			fmt.Fprint(stdout, h)
			return exitOK
		}
		fmt.Fprint(stdout, usage+regionUsage)
		return exitOK
	}
	hint := didYouMean(cmd, commands, "zvh ")
	if hint == "" {
		hint = `; run "zvh help" for the commands`
	}
	fmt.Fprintf(stderr, "zvh: unknown command %q%s\n", cmd, hint)
	return exitUsage
}

// didYouMean returns "; did you mean PREFIX+X?" for the candidate closest to
// name, or "" when none is close.
func didYouMean(name string, candidates []string, prefix string) string {
	return suggest.Hint(name, candidates, prefix, "")
}

// parseFlags parses args into fl and reports a usage error the way a person
// can act on: an unknown flag with the one they probably meant.
func parseFlags(cmd string, fl *flag.FlagSet, args []string, stdout, stderr io.Writer) (code int, ok bool) {
	fl.SetOutput(io.Discard)
	err := fl.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprint(stdout, commandHelp[cmd])
		return exitOK, false
	case err != nil:
		msg := err.Error()
		if name, unknown := strings.CutPrefix(msg, "flag provided but not defined: -"); unknown {
			var names []string
			fl.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
			msg = fmt.Sprintf("unknown flag --%s%s", name, didYouMean(name, names, "--"))
		}
		fmt.Fprintf(stderr, "zvh %s: %s\n\n%s", cmd, msg, commandHelp[cmd])
		return exitUsage, false
	case fl.NArg() > 0:
		fmt.Fprintf(stderr, "zvh %s: unexpected argument %q\n\n%s", cmd, fl.Arg(0), commandHelp[cmd])
		return exitUsage, false
	}
	return 0, true
}

// checkSource makes sure the --source folder exists: a mistyped folder must
// not quietly give the built-in site.
func checkSource(cmd, source string, stderr io.Writer) bool {
	if info, err := os.Stat(source); err != nil || !info.IsDir() {
		fmt.Fprintf(stderr, "zvh %s: --source %s is not a folder\n", cmd, source)
		return false
	}
	return true
}

// build is zvh build and zvh check, of the national site, a region
// (--region) or all of them (--all): one way through, so every selection
// stops on Ctrl-C without writing, reports errors and warnings the same way
// and is silent with --quiet.
func build(ctx context.Context, cmd string, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet(cmd, flag.ContinueOnError)
	source := fl.String("source", ".", "")
	regionArg := fl.String("region", "", "")
	all := fl.Bool("all", false, "")
	out := "public"
	var offline, quiet, verbose bool
	offlineCopy, nationalContent := false, true
	fl.BoolVar(&verbose, "v", false, "")
	if cmd == "build" {
		fl.StringVar(&out, "out", "public", "")
		fl.BoolVar(&offline, "offline", false, "")
		fl.BoolVar(&quiet, "quiet", false, "")
		fl.BoolVar(&offlineCopy, "offline-copy", true, "")
		fl.BoolVar(&nationalContent, "national-content", true, "")
	}
	if code, ok := parseFlags(cmd, fl, args, stdout, stderr); !ok {
		return code
	}
	regional := *regionArg != "" || *all
	switch {
	case *regionArg != "" && *all:
		fmt.Fprintf(stderr, "zvh %s: give either --region SLUG|PATH or --all, not both\n\n%s", cmd, commandHelp[cmd])
		return exitUsage
	case regional && !nationalContent:
		fmt.Fprintf(stderr, "zvh %s: --national-content=false builds no region\n\n%s", cmd, commandHelp[cmd])
		return exitUsage
	}
	if !checkSource(cmd, *source, stderr) {
		return exitUsage
	}
	if cmd == "build" && !checkOut(out, *source, stderr) {
		return exitUsage
	}

	start := time.Now()
	src, err := layerfs.OpenDir(*source)
	if err != nil {
		fmt.Fprintf(stderr, "zvh %s: --source: %v\n", cmd, err)
		return exitUsage
	}
	defer src.Close()
	fsys := sourceFS(src)
	if !nationalContent {
		fsys = layerfs.New(layerfs.Layer{Name: "site", FS: src}, layerfs.Layer{Name: "national", FS: layerfs.Without(zvh.Base, "content")})
	}
	// What zvh build publishes carries its offline copy as a zip; check
	// and an offline build do not need one.
	opts := site.Options{FS: fsys, Offline: offline, Context: ctx, OfflineCopy: cmd == "build" && !offline && offlineCopy}
	var res *site.Result
	var errs diag.List
	var sites []region.SiteTime
	switch {
	case regional:
		var err error
		res, sites, errs, err = buildRegions(ctx, cmd, fsys, *regionArg, *all, offline, out)
		if err != nil {
			fmt.Fprintf(stderr, "zvh %s: %v\n", cmd, err)
			return exitUsage
		}
	case cmd == "build":
		res, errs = site.Write(opts, out)
	default:
		res, errs = site.Build(opts)
	}
	if ctx.Err() != nil {
		fmt.Fprintf(stderr, "zvh %s: interrupted; nothing written\n", cmd)
		return exitBuild
	}
	if len(errs) > 0 {
		errs.Print(stderr)
		fmt.Fprintf(stderr, "%s\n", count(len(errs), "error", "errors"))
		return exitBuild
	}
	printWarnings(stderr, serve.Warnings(res.Warnings, fsys), verbose, quiet)

	if !quiet {
		verb := "built"
		if cmd == "check" {
			verb = "checked"
		}
		if regional {
			for _, s := range sites {
				if len(sites) > 1 {
					fmt.Fprintf(stdout, "  %s: %s in %s\n", s.Name, count(s.Pages, "page", "pages"), s.Took.Round(time.Millisecond))
				}
			}
			verb += " " + count(len(sites), "site", "sites") + ":"
		}
		fmt.Fprintf(stdout, "%s %s, %s, %s in %s\n", verb, count(res.Pages, "page", "pages"),
			count(res.Trees, "decision tree", "decision trees"), size(res.Size()), time.Since(start).Round(time.Millisecond))
	}
	return exitOK
}

// printWarnings prints the warnings about the editor's own files with their
// position, and those about the embedded national model as one line, or all
// of them when verbose; quiet leaves out that line.
func printWarnings(w io.Writer, warnings []serve.Warning, verbose, quiet bool) {
	embedded := 0
	for _, wa := range warnings {
		if wa.Embedded && !verbose {
			embedded++
			continue
		}
		fmt.Fprintf(w, "%s: warning: %s\n", wa.Pos, wa.Msg)
	}
	if embedded > 0 && !quiet {
		fmt.Fprintf(w, "%s about the built-in national model (zvh check -v lists them)\n", count(embedded, "warning", "warnings"))
	}
}

// checkOut refuses an --out that is the source folder or holds it (the
// atomic swap would replace it), or lies inside a folder the build reads
// (the output would be read back in by the next build, and grow with
// every build).
func checkOut(out, source string, stderr io.Writer) bool {
	if within(source, out) {
		fmt.Fprintf(stderr, "zvh build: --out %s would replace the source folder\n", out)
		return false
	}
	for _, sub := range sourceDirs {
		if within(out, filepath.Join(source, sub)) {
			fmt.Fprintf(stderr, "zvh build: --out %s is inside the source's %s/ folder, which the build reads; choose a folder outside it\n", out, sub)
			return false
		}
	}
	return true
}

// within reports whether path is the folder dir or lies inside it, after
// following the symbolic links of the parts that exist. The output must not
// hold the source (an atomic swap would replace it) nor lie inside a folder
// the build reads.
func within(path, dir string) bool {
	p, err1 := resolve(path)
	d, err2 := resolve(dir)
	if err1 != nil || err2 != nil {
		return false
	}
	return p == d || strings.HasPrefix(p, d+string(filepath.Separator))
}

// resolve makes p absolute and resolves symbolic links in its longest
// existing prefix, so that two names for one folder compare equal.
func resolve(p string) (string, error) {
	p, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	var rest []string
	for {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(append([]string{r}, rest...)...), nil
		}
		parent := filepath.Dir(p)
		if parent == p {
			return filepath.Join(append([]string{p}, rest...)...), nil
		}
		rest = append([]string{filepath.Base(p)}, rest...)
		p = parent
	}
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func size(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// version is the module version zvh was built from, or "devel".
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

// sourceFS stacks the site folder (opened with layerfs.OpenDir, so no
// symlink leads out of it) on the embedded national model; nil gives the
// national model alone.
func sourceFS(dir *layerfs.Dir) *layerfs.FS {
	if dir == nil {
		return layerfs.New(layerfs.Layer{Name: "national", FS: zvh.Base})
	}
	return layerfs.New(
		layerfs.Layer{Name: "site", FS: dir},
		layerfs.Layer{Name: "national", FS: zvh.Base},
	)
}

// sourceDirs are the folders of a site folder that hold sources.
var sourceDirs = []string{"content", "layouts", "assets"}
