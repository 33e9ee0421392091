package serve

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/zvh-webtool/zvh/internal/csp"
	"github.com/zvh-webtool/zvh/internal/diag"
)

// Reserved is the path prefix under which Dev serves its own files and its
// event stream. No site output starts with an underscore folder like it.
const Reserved = "/_zvh/"

// client holds the live-reload script and the overlay's stylesheet. They are
// part of the server, not of assets/: a published site never contains them.
//
//go:embed client
var client embed.FS

// Dev serves a site while it is being edited: "zvh serve". It keeps the last
// good build and serves it, and after every rebuild it tells the open pages
// over Server-Sent Events (Reserved + "events") what changed:
//
//   - reload: HTML pages changed; a page that is among them reloads and keeps
//     its scroll position, and when a single page changed, a page that is not
//     it goes there;
//   - css: only stylesheets changed; pages swap them without a reload;
//   - errors: the build failed; pages reload to show the errors over the last
//     good build, in the words the terminal prints.
//
// Each HTML page gets a script and a stylesheet from Reserved, and, while the
// build fails, the error overlay; nothing inline, so the production policy
// holds except for connect-src 'self' (csp.ServePolicy).
type Dev struct {
	builder Builder
	site    *Site

	building sync.Mutex // one build at a time

	mu    sync.Mutex
	files map[string][]byte // the last good build
	errs  diag.List         // of the latest build; nil when it succeeded
	gen   int               // counts changes of what pages show
	subs  map[chan event]bool
	done  chan struct{} // closed by Close
}

// Report says what one rebuild did, for the terminal.
type Report struct {
	Changed  []string      // source paths that triggered it
	Rebuilt  []string      // output paths whose bytes changed
	Warnings []Warning     // of this build
	Errs     diag.List     // why it failed; the last good build is still served
	Took     time.Duration // from the start of the build to the pages told
	Canceled bool          // the build was stopped (the server is stopping)
}

type event struct {
	name string // reload, css or errors
	data []byte // JSON
}

// NewDev returns a server that builds with b. Call Rebuild once before
// serving, and after every change.
func NewDev(b Builder) *Dev {
	d := &Dev{builder: b, subs: map[chan event]bool{}, done: make(chan struct{})}
	d.site = &Site{policy: csp.ServeHeaderPolicy, page: d.decorate}
	return d
}

// Close ends every event stream, so that an http.Server can shut down.
func (d *Dev) Close() {
	d.mu.Lock()
	defer d.mu.Unlock()
	select {
	case <-d.done:
	default:
		close(d.done)
	}
}

// Rebuild builds after a change of the source paths changed (nil for the
// first build), serves the result if it succeeded, and tells the open pages.
func (d *Dev) Rebuild(ctx context.Context, changed []string) Report {
	d.building.Lock()
	defer d.building.Unlock()
	start := time.Now()
	files, rebuilt, warnings, errs := d.builder.Build(ctx, changed)
	rep := Report{Changed: changed, Rebuilt: rebuilt, Warnings: warnings, Errs: errs}
	if ctx.Err() != nil {
		rep.Canceled = true
		rep.Took = time.Since(start)
		return rep
	}

	// d.files changes only here, under d.building: reading it needs no d.mu,
	// so comparing pages does not hold up requests.
	var swaps [][2]string
	cssOK := false
	if len(errs) == 0 {
		swaps, cssOK = cssOnly(d.files, files, rebuilt)
	}
	d.mu.Lock()
	var ev *event
	if len(errs) > 0 {
		errs.Sort()
		if !slices.Equal(errs, d.errs) {
			d.errs = errs
			d.gen++
			ev = d.event("errors", map[string]any{"errors": lines(errs)})
		}
	} else {
		hadErrs := len(d.errs) > 0
		d.files, d.errs = files, nil
		d.site.Replace(files)
		switch {
		case hadErrs:
			d.gen++
			ev = d.event("reload", map[string]any{"all": true})
		case len(rebuilt) == 0:
		case cssOK:
			d.gen++
			ev = d.event("css", map[string]any{"swap": swaps})
		default:
			d.gen++
			ev = d.event("reload", map[string]any{"pages": pages(rebuilt)})
		}
	}
	if ev != nil {
		for ch := range d.subs {
			select {
			case ch <- *ev:
			default: // a stream that does not keep up misses an event
			}
		}
	}
	d.mu.Unlock()
	rep.Took = time.Since(start)
	return rep
}

// event makes an event; d.mu is held.
func (d *Dev) event(name string, data map[string]any) *event {
	data["build"] = d.gen
	b, _ := json.Marshal(data)
	return &event{name, b}
}

// Watch rebuilds after every batch of changed source paths (package watch)
// until ctx ends or changes is closed, and hands each report to report.
// Changes that come in during a build wait for it and make one more build.
func (d *Dev) Watch(ctx context.Context, changes <-chan []string, report func(Report)) {
	for {
		select {
		case <-ctx.Done():
			return
		case c, ok := <-changes:
			if !ok {
				return
			}
			r := d.Rebuild(ctx, c)
			if report != nil {
				report(r)
			}
		}
	}
}

func (d *Dev) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	if !strings.HasPrefix(p, Reserved) {
		d.mu.Lock()
		empty := d.files == nil
		d.mu.Unlock()
		if empty && (strings.HasSuffix(p, "/") || path.Ext(p) == ".html") {
			// No build has succeeded yet: there is no last good page to
			// show the errors over, so show them on an empty one.
			secure(w.Header(), csp.ServeHeaderPolicy)
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusInternalServerError)
			w.Write(d.decorate("index.html", []byte(noBuildPage)))
			return
		}
		d.site.ServeHTTP(w, r)
		return
	}
	switch strings.TrimPrefix(p, Reserved) {
	case "events":
		d.events(w, r)
	case "live.js", "live.css":
		b, _ := client.ReadFile("client/" + path.Base(p))
		h := w.Header()
		secure(h, csp.ServeHeaderPolicy)
		h.Set("Content-Type", map[string]string{".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}[path.Ext(p)])
		h.Set("ETag", etag(b))
		http.ServeContent(w, r, p, time.Time{}, bytes.NewReader(b))
	default:
		fail(w, csp.ServeHeaderPolicy, http.StatusNotFound, "404: deze pagina bestaat niet")
	}
}

const noBuildPage = `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="` + csp.Policy + `">
<title>De site bouwt nog niet</title>
</head>
<body>
<main>
<h1>De site bouwt nog niet</h1>
<p>Er is nog geen versie die wel bouwde. Herstel de fouten; deze pagina laadt dan vanzelf opnieuw.</p>
</main>
</body>
</html>
`

// events is the Server-Sent Events stream. A page passes the build it was
// served from (?build=N); when a build happened since, the stream starts with
// a reload, so no change falls between loading a page and connecting.
func (d *Dev) events(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	secure(h, csp.ServeHeaderPolicy)
	h.Set("Content-Type", "text/event-stream")
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming not supported", http.StatusInternalServerError)
		return
	}
	ch := make(chan event, 16)
	d.mu.Lock()
	d.subs[ch] = true
	gen := d.gen
	var first *event
	if since := r.URL.Query().Get("build"); since != "" && since != strconv.Itoa(gen) {
		first = d.event("reload", map[string]any{"all": true})
	}
	d.mu.Unlock()
	defer func() {
		d.mu.Lock()
		delete(d.subs, ch)
		d.mu.Unlock()
	}()

	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, "retry: 500\n\n")
	if first != nil {
		writeEvent(w, *first)
	}
	flusher.Flush()
	ping := time.NewTicker(20 * time.Second)
	defer ping.Stop()
	for {
		select {
		case ev := <-ch:
			writeEvent(w, ev)
		case <-ping.C:
			fmt.Fprint(w, ": ping\n\n")
		case <-r.Context().Done():
			return
		case <-d.done:
			return
		}
		flusher.Flush()
	}
}

func writeEvent(w http.ResponseWriter, ev event) {
	fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.name, ev.data)
}

// decorate adds the live-reload script and stylesheet to a page, allows them
// in the page's policy and, while the build fails, puts the error overlay at
// the start of the body.
func (d *Dev) decorate(name string, b []byte) []byte {
	d.mu.Lock()
	gen, errs := d.gen, d.errs
	d.mu.Unlock()
	out := make([]byte, 0, len(b)+1024)
	b = bytes.Replace(b, []byte(`content="`+csp.Policy+`"`), []byte(`content="`+csp.ServePolicy+`"`), 1)
	head := fmt.Sprintf(`<link rel="stylesheet" href="%slive.css"><script src="%slive.js" data-build="%d" defer></script>`+"\n", Reserved, Reserved, gen)
	i := bytes.Index(b, []byte("</head>"))
	if i < 0 {
		i = 0
	}
	out = append(out, b[:i]...)
	out = append(out, head...)
	b = b[i:]
	if len(errs) > 0 {
		var ov bytes.Buffer
		overlay.Execute(&ov, lines(errs))
		j := bytes.Index(b, []byte("<body"))
		if j >= 0 {
			j += bytes.IndexByte(b[j:], '>') + 1
		} else {
			j = len(b)
		}
		out = append(out, b[:j]...)
		out = append(out, ov.Bytes()...)
		b = b[j:]
	}
	return append(out, b...)
}

// overlay shows build errors over the last good page. It is an alert
// dialog: announced when it appears, focused by live.js, closed with its
// button or Escape.
var overlay = template.Must(template.New("overlay").Parse(`
<div id="zvh-fouten" class="zvh-fouten" role="alertdialog" aria-labelledby="zvh-fouten-titel" aria-describedby="zvh-fouten-uitleg" tabindex="-1">
<div class="zvh-fouten-paneel">
<h2 id="zvh-fouten-titel">De site bouwt niet: {{len .}} {{if eq (len .) 1}}fout{{else}}fouten{{end}}</h2>
<p id="zvh-fouten-uitleg">Je ziet de laatste versie die wel bouwde. Herstel wat hieronder staat en sla op: deze melding verdwijnt dan vanzelf.</p>
<ul class="zvh-fouten-lijst">
{{range .}}<li><code>{{.}}</code></li>
{{end}}</ul>
<button type="button" class="zvh-fouten-sluit">Verbergen <kbd>Esc</kbd></button>
</div>
</div>
`))

// lines are the diagnostics as the terminal prints them.
func lines(errs diag.List) []string {
	out := make([]string, len(errs))
	for i, e := range errs {
		out[i] = e.Error()
	}
	return out
}

// pages returns the HTML pages among output paths as the paths a browser
// shows: "a/b/" for "a/b/index.html", "" for the home page.
func pages(outputs []string) []string {
	out := []string{}
	for _, o := range outputs {
		if path.Ext(o) == ".html" {
			out = append(out, strings.TrimSuffix(o, "index.html"))
		}
	}
	return out
}

// fingerprint matches the content hash in an asset's name, app.3f9a1c2e.css.
var fingerprint = regexp.MustCompile(`\.[0-9a-f]{8}(\.css)$`)

// cssOnly reports whether a rebuild changed stylesheets and nothing else.
// Because stylesheets carry a content hash in their name, every page that
// links one changes too; such a page counts as unchanged when it equals the
// old page with the old stylesheet names replaced by the new ones. It returns
// the pairs of old and new stylesheet paths.
func cssOnly(old, cur map[string][]byte, rebuilt []string) ([][2]string, bool) {
	var removed, added, other []string
	var swaps [][2]string
	for _, p := range rebuilt {
		_, inOld := old[p]
		_, inCur := cur[p]
		switch {
		case path.Ext(p) != ".css":
			other = append(other, p)
		case inOld && inCur:
			swaps = append(swaps, [2]string{p, p})
		case inOld:
			removed = append(removed, p)
		default:
			added = append(added, p)
		}
	}
	for _, r := range removed {
		stem := fingerprint.ReplaceAllString(r, "$1")
		i := slices.IndexFunc(added, func(a string) bool { return fingerprint.ReplaceAllString(a, "$1") == stem })
		if i < 0 || stem == r {
			return nil, false // a stylesheet went away: pages must reload
		}
		swaps = append(swaps, [2]string{r, added[i]})
		added = slices.Delete(added, i, i+1)
	}
	if len(swaps) == 0 || len(added) > 0 {
		return nil, false
	}
	for _, p := range other {
		o, ok := old[p]
		if !ok || path.Ext(p) != ".html" {
			return nil, false
		}
		for _, s := range swaps {
			o = bytes.ReplaceAll(o, []byte(path.Base(s[0])), []byte(path.Base(s[1])))
		}
		if !bytes.Equal(o, cur[p]) {
			return nil, false
		}
	}
	return swaps, true
}
