package main

import (
	"context"
	"crypto/sha256"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/zvh-webtool/zvh"
	"github.com/zvh-webtool/zvh/internal/layerfs"
	"github.com/zvh-webtool/zvh/internal/output"
	"github.com/zvh-webtool/zvh/internal/serve"
	"github.com/zvh-webtool/zvh/internal/site"
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
  zvh check [--source DIR]
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
succeeded: a failed build leaves the previous output untouched.

  --source DIR  folder with content/, layouts/, assets/ (default ".")
  --out DIR     output folder (default "public")
  --offline     links end in index.html, so the site works from file://
                (a USB stick or a file share)
  --quiet       print nothing after a successful build
`,
	"check": `Usage: zvh check [--source DIR]

Runs the whole build without writing anything and reports every problem as
path:line:col: message. Exit status 1 if there is any.
`,
	"serve": `Usage: zvh serve [--source DIR] [--port N] [--bind ADDR]

Builds the site in memory and serves it at http://ADDR:N/ with the same
security headers a production host should send. Nothing is written to disk.
When a file in the --source folder changes, the next page you load is built
from it; build errors are shown in the browser and printed here.

  --source DIR  folder with content/, layouts/, assets/ (default ".")
  --port N      port (default 8080)
  --bind ADDR   address to listen on (default 127.0.0.1: only this computer)
`,
	"version": "Usage: zvh version\n\nPrints the version of zvh.\n",
	"help":    "Usage: zvh help [command]\n\nPrints help for zvh or for one command.\n",
}

// run is the whole command; main only adds the process around it, so tests
// call run directly.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "build", "check":
		return build(cmd, rest, stdout, stderr)
	case "serve":
		return serveCmd(ctx, rest, stdout, stderr)
	case "version", "--version":
		fmt.Fprintln(stdout, "zvh", version())
		return exitOK
	case "help", "-h", "--help":
		if len(rest) > 0 {
			h, ok := commandHelp[rest[0]]
			if !ok {
				fmt.Fprintf(stderr, "zvh help: unknown command %q\n", rest[0])
				return exitUsage
			}
			fmt.Fprint(stdout, h)
			return exitOK
		}
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "zvh: unknown command %q; run \"zvh help\"\n", cmd)
	return exitUsage
}

func build(cmd string, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet(cmd, flag.ContinueOnError)
	fl.SetOutput(io.Discard)
	source := fl.String("source", ".", "")
	out := "public"
	var offline, quiet bool
	if cmd == "build" {
		fl.StringVar(&out, "out", "public", "")
		fl.BoolVar(&offline, "offline", false, "")
		fl.BoolVar(&quiet, "quiet", false, "")
	}
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, commandHelp[cmd])
			return exitOK
		}
		fmt.Fprintf(stderr, "zvh %s: %v\n\n%s", cmd, err, commandHelp[cmd])
		return exitUsage
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(stderr, "zvh %s: unexpected argument %q\n\n%s", cmd, fl.Arg(0), commandHelp[cmd])
		return exitUsage
	}
	if info, err := os.Stat(*source); err != nil || !info.IsDir() {
		fmt.Fprintf(stderr, "zvh %s: --source %s is not a folder\n", cmd, *source)
		return exitUsage
	}

	if cmd == "build" && inside(out, *source) {
		fmt.Fprintf(stderr, "zvh build: --out %s would replace the source folder\n", out)
		return exitUsage
	}

	start := time.Now()
	// A published build also carries its offline copy as a zip; the
	// offline build itself and "check" do not need it.
	buildSite := site.Build
	if cmd == "build" && !offline {
		buildSite = site.BuildRelease
	}
	res, errs := buildSite(site.Options{FS: sourceFS(*source), Offline: offline})
	if len(errs) > 0 {
		errs.Print(stderr)
		fmt.Fprintf(stderr, "%s\n", count(len(errs), "error", "errors"))
		return exitBuild
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(stderr, "warning:", w)
	}
	if cmd == "build" {
		if err := output.Write(out, res.Files); err != nil {
			fmt.Fprintf(stderr, "zvh build: %v\n", err)
			return exitBuild
		}
	}
	if !quiet {
		verb := "built"
		if cmd == "check" {
			verb = "checked"
		}
		fmt.Fprintf(stdout, "%s %s, %s, %s in %s\n", verb, count(res.Pages, "page", "pages"),
			count(res.Trees, "decision tree", "decision trees"), size(res.Size()), time.Since(start).Round(time.Millisecond))
	}
	return exitOK
}

// inside reports whether out is the source folder or one of its parents, which
// an atomic swap would replace.
func inside(out, source string) bool {
	o, err1 := filepath.Abs(out)
	s, err2 := filepath.Abs(source)
	if err1 != nil || err2 != nil {
		return false
	}
	return s == o || strings.HasPrefix(s, o+string(filepath.Separator))
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

// sourceFS stacks the site folder on the embedded national model.
func sourceFS(dir string) fs.FS {
	return layerfs.New(
		layerfs.Layer{Name: "site", FS: os.DirFS(dir)},
		layerfs.Layer{Name: "national", FS: zvh.Base},
	)
}

func serveCmd(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	fl.SetOutput(io.Discard)
	source := fl.String("source", ".", "")
	port := fl.Int("port", 8080, "")
	bind := fl.String("bind", "127.0.0.1", "")
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, commandHelp["serve"])
			return exitOK
		}
		fmt.Fprintf(stderr, "zvh serve: %v\n\n%s", err, commandHelp["serve"])
		return exitUsage
	}
	if fl.NArg() > 0 || *port < 0 || *port > 65535 {
		fmt.Fprintf(stderr, "zvh serve: bad arguments\n\n%s", commandHelp["serve"])
		return exitUsage
	}
	build := func() (map[string][]byte, error) {
		start := time.Now()
		res, errs := site.Build(site.Options{FS: sourceFS(*source)})
		if len(errs) > 0 {
			errs.Print(stderr)
			return nil, errs
		}
		fmt.Fprintf(stdout, "built %s in %s\n", count(res.Pages, "page", "pages"), time.Since(start).Round(time.Millisecond))
		return res.Files, nil
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(*bind, strconv.Itoa(*port)))
	if err != nil {
		fmt.Fprintf(stderr, "zvh serve: %v\n", err)
		return exitBuild
	}
	srv := &http.Server{Handler: serve.NewLive(build, func() string { return stamp(*source) }), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		srv.Close()
	}()
	fmt.Fprintf(stdout, "serving http://%s/ (Ctrl+C stops); a change in %s shows on the next page load\n", ln.Addr(), *source)
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(stderr, "zvh serve: %v\n", err)
		return exitBuild
	}
	return exitOK
}

// stamp is a fingerprint of the site folder's sources: the path, size and
// modification time of every file under content/, layouts/ and assets/. The
// embedded model never changes while zvh runs.
func stamp(dir string) string {
	h := sha256.New()
	for _, sub := range []string{"content", "layouts", "assets"} {
		filepath.WalkDir(filepath.Join(dir, sub), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if info, err := d.Info(); err == nil {
				fmt.Fprintf(h, "%s %d %d\n", p, info.Size(), info.ModTime().UnixNano())
			}
			return nil
		})
	}
	return string(h.Sum(nil))
}
