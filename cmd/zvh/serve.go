package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/zvh-webtool/zvh/internal/layerfs"
	"github.com/zvh-webtool/zvh/internal/serve"
	"github.com/zvh-webtool/zvh/internal/site"
	"github.com/zvh-webtool/zvh/internal/watch"
)

func serveCmd(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	source := fl.String("source", ".", "")
	portArg := fl.String("port", "8080", "")
	bind := fl.String("bind", "127.0.0.1", "")
	regionArg := fl.String("region", "", "")
	if code, ok := parseFlags("serve", fl, args, stdout, stderr); !ok {
		return code
	}
	port, err := strconv.Atoi(*portArg)
	if err != nil || port < 0 || port > 65535 {
		fmt.Fprintf(stderr, "zvh serve: --port %q is not a port: a port is a whole number from 1 to 65535, such as 8080 (0 picks a free one)\n", *portArg)
		return exitUsage
	}
	if strings.TrimSpace(*bind) == "" {
		fmt.Fprintf(stderr, "zvh serve: --bind needs an address: 127.0.0.1 serves only this computer, 0.0.0.0 every computer on the network\n")
		return exitUsage
	}
	if !checkSource("serve", *source, stderr) {
		return exitUsage
	}

	w, err := watch.New(*source, sourceDirs, 0)
	if err != nil {
		fmt.Fprintf(stderr, "zvh serve: cannot watch %s: %v\n", *source, err)
		return exitBuild
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go w.Run(ctx)

	src, err := layerfs.OpenDir(*source)
	if err != nil {
		fmt.Fprintf(stderr, "zvh serve: --source: %v\n", err)
		return exitUsage
	}
	defer src.Close()
	fsys := sourceFS(src)
	var builder serve.Builder = &serve.Incremental{
		Session: site.NewSession(site.Options{FS: fsys, Context: ctx, Root: "/"}),
		FS:      fsys,
		Source:  *source,
	}
	changes := w.Changes()
	var regionErrs <-chan error // nil, so never ready, without a region folder to watch
	if *regionArg != "" {
		if _, dir, err := resolveRegion(fsys, *regionArg); err != nil {
			fmt.Fprintf(stderr, "zvh serve: %v\n", err)
			return exitUsage
		} else if !strings.HasPrefix(dir, "content/regio/") {
			// A region kept outside the site folder is watched as well.
			rw, err := watch.New(*regionArg, []string{"."}, 0)
			if err != nil {
				fmt.Fprintf(stderr, "zvh serve: cannot watch %s: %v\n", *regionArg, err)
				return exitBuild
			}
			go rw.Run(ctx)
			changes = merge(ctx, changes, rw.Changes())
			regionErrs = rw.Errors()
		}
		builder = regionBuilder(fsys, *regionArg)
	}
	dev := serve.NewDev(builder)
	defer dev.Close()

	// Listen first: a port in use is reported before a build is waited for.
	ln, err := net.Listen("tcp", net.JoinHostPort(*bind, strconv.Itoa(port)))
	if err != nil {
		fmt.Fprintf(stderr, "zvh serve: %v\n", err)
		return exitBuild
	}
	defer ln.Close()

	fmt.Fprintf(stdout, "building %s over the built-in national model\n", describe(*source))
	first := dev.Rebuild(ctx, nil)
	if first.Canceled {
		return exitOK
	}
	t := terminal{out: stdout, errOut: stderr}
	t.report(first)

	// Idle keep-alive connections are closed after a while, so that
	// browsers that keep hundreds open cannot use up the process's files;
	// an event stream is a response being written, not idle, and stays.
	srv := &http.Server{Handler: serve.AllowHosts(dev, *bind), ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout: 30 * time.Second, IdleTimeout: 30 * time.Second, MaxHeaderBytes: 64 << 10}
	fmt.Fprintf(stdout, "serving http://%s/ (Ctrl+C stops); watching content/, layouts/ and assets/ in %s\n", ln.Addr(), describe(*source))
	if !serve.IsLoopback(*bind) {
		fmt.Fprintf(stdout, "note: --bind %s lets other computers on the network see this site\n", *bind)
	}

	go dev.Watch(ctx, changes, t.report)
	go func() {
		for {
			select {
			case err := <-w.Errors():
				fmt.Fprintf(stderr, "zvh serve: watching: %v\n", err)
			case err := <-regionErrs:
				fmt.Fprintf(stderr, "zvh serve: watching %s: %v\n", *regionArg, err)
			case <-ctx.Done():
				return
			}
		}
	}()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		fmt.Fprintf(stderr, "zvh serve: %v\n", err)
		return exitBuild
	case <-ctx.Done():
	}
	// Ctrl-C: end the event streams first, or Shutdown would wait for them.
	dev.Close()
	sctx, scancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer scancel()
	if err := srv.Shutdown(sctx); err != nil {
		srv.Close()
	}
	fmt.Fprintln(stdout, "stopped")
	return exitOK
}

// describe names a source folder for people: its absolute path.
func describe(dir string) string {
	if abs, err := filepath.Abs(dir); err == nil {
		return abs
	}
	return dir
}

// terminal prints what each rebuild did. Only the goroutine that rebuilds
// calls it.
type terminal struct {
	out, errOut io.Writer
	builds      int
	failed      bool
	warned      []serve.Warning // own warnings last printed
}

func (t *terminal) report(r serve.Report) {
	if r.Canceled {
		return
	}
	t.builds++
	took := r.Took.Round(time.Millisecond)
	what := "built"
	if r.Changed != nil {
		what = changed(r.Changed) + ":"
	}
	if len(r.Errs) > 0 {
		r.Errs.Print(t.errOut)
		if t.builds == 1 {
			fmt.Fprintf(t.errOut, "the site does not build: %s in %s; the browser shows them until they are fixed\n", count(len(r.Errs), "error", "errors"), took)
		} else {
			fmt.Fprintf(t.errOut, "%s %s in %s; the browser shows them over the last good build\n", what, count(len(r.Errs), "error", "errors"), took)
		}
		t.failed = true
		return
	}
	switch pages := htmlCount(r.Rebuilt); {
	case t.builds == 1:
		fmt.Fprintf(t.out, "built %s, %s in %s\n", count(pages, "page", "pages"), count(len(r.Rebuilt), "file", "files"), took)
	case len(r.Rebuilt) == 0:
		fmt.Fprintf(t.out, "%s nothing changed in the site (%s)\n", what, took)
	case len(r.Rebuilt) <= 3:
		fmt.Fprintf(t.out, "%s rebuilt %s in %s\n", what, strings.Join(r.Rebuilt, ", "), took)
	case pages > 0 && pages <= 3:
		// An edit of one page also rewrites pieces of the search index:
		// name the pages, which are what the editor changed, and count
		// the rest.
		fmt.Fprintf(t.out, "%s rebuilt %s and %s in %s\n", what, strings.Join(htmlOf(r.Rebuilt), ", "),
			count(len(r.Rebuilt)-pages, "other file", "other files"), took)
	default:
		fmt.Fprintf(t.out, "%s rebuilt %s (%s) in %s\n", what, count(len(r.Rebuilt), "file", "files"), count(pages, "page", "pages"), took)
	}
	if t.failed {
		fmt.Fprintln(t.out, "fixed: the site builds again")
		t.failed = false
	}
	// Own warnings when they change; the national summary once.
	own := slices.DeleteFunc(slices.Clone(r.Warnings), func(w serve.Warning) bool { return w.Embedded })
	if t.builds == 1 {
		printWarnings(t.errOut, r.Warnings, false, false)
	} else if !slices.Equal(own, t.warned) {
		printWarnings(t.errOut, own, false, true)
	}
	t.warned = own
}

// changed names the changed sources in a few words.
func changed(paths []string) string {
	switch {
	case slices.Contains(paths, "."):
		return "the source folder changed"
	case len(paths) <= 2:
		return strings.Join(paths, ", ") + " changed"
	}
	return fmt.Sprintf("%s and %d more changed", paths[0], len(paths)-1)
}

func htmlCount(paths []string) int { return len(htmlOf(paths)) }

// htmlOf returns the pages among paths.
func htmlOf(paths []string) []string {
	var out []string
	for _, p := range paths {
		if strings.HasSuffix(p, ".html") {
			out = append(out, p)
		}
	}
	return out
}

// merge forwards the batches of both watchers on one channel.
func merge(ctx context.Context, a, b <-chan []string) <-chan []string {
	out := make(chan []string)
	forward := func(in <-chan []string) {
		for {
			select {
			case batch, ok := <-in:
				if !ok {
					return
				}
				select {
				case out <- batch:
				case <-ctx.Done():
					return
				}
			case <-ctx.Done():
				return
			}
		}
	}
	go forward(a)
	go forward(b)
	return out
}
