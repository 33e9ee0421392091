// The decision-tree wizard on a tree's start page (see docs/DESIGN.md, "Decision
// trees", and issues 5 and 15). Progressive enhancement: without JavaScript
// the start page shows the first question and every answer is a link to the
// next node's own page. With it, the wizard answers in place, in the manner
// of GOV.UK question pages: a back link above the question, the question (or
// the outcome) first, then "Je antwoorden" with "Wijzig" per answer, and a
// trainer mode for a projector. On a node's own page it makes the answers
// open the wizard at the next question.
//
// State lives only in the URL fragment: #doel=ja/noodzaak=nee, with an extra
// segment "trainer" when trainer mode is on (#trainer/doel=ja). The fragment
// is untrusted: every id and key is checked against the page, and a route
// that stops making sense is cut back to its longest valid start, with a
// note that says so.
//
// It keeps nothing and sends nothing: the page and its fragment are all the
// state. It changes only classes, the hidden attribute, hrefs and the
// document title (the CSP allows no inline styling), and adds text only
// through textContent.
(() => {
  "use strict";
  const doc = document;

  // A node's own page: its answers open the wizard on the start page at
  // the next question, with the shortest route to this node before it.
  const own = doc.querySelector("article[data-wizard-start][data-wizard-node]");
  if (own) {
    const startURL = own.getAttribute("data-wizard-start");
    const route = own.getAttribute("data-wizard-route");
    const id = own.getAttribute("data-wizard-node");
    for (const a of own.querySelectorAll("a.answer[data-key]")) {
      a.setAttribute("href", startURL + "#" + (route ? route + "/" : "") + id + "=" + a.getAttribute("data-key"));
    }
    return;
  }

  const wizard = doc.getElementById("wizard");
  if (!wizard || !wizard.classList.contains("wizard") || !history.pushState) return;

  const text = (el) => (el ? el.textContent.replace(/\s+/g, " ").trim() : "");
  const make = (tag, cls, txt) => {
    const el = doc.createElement(tag);
    if (cls) el.className = cls;
    if (txt) el.textContent = txt;
    return el;
  };
  const button = (cls, txt) => {
    const b = make("button", "button button--secondary wizard__button " + cls, txt);
    b.type = "button";
    return b;
  };

  // The tree, read from the markup: id -> node; a node's answers by key.
  const nodes = new Map();
  for (const el of wizard.querySelectorAll("section.wizard-node[data-node]")) {
    const id = el.getAttribute("data-node");
    if (!id || nodes.has(id)) continue;
    const h = el.querySelector(".wizard-node__title");
    nodes.set(id, {
      id, el, h,
      title: text(h),
      outcome: el.classList.contains("wizard-node--outcome"),
      verdict: text(el.querySelector(".verdict__label")).replace(/^Uitkomst:\s*/i, ""),
      answers: new Map(),
      list: [],
    });
  }
  for (const n of nodes.values()) {
    for (const a of n.el.querySelectorAll("a.answer[data-to][data-key]")) {
      const key = a.getAttribute("data-key"), to = a.getAttribute("data-to");
      if (!key || n.answers.has(key) || !nodes.has(to)) continue;
      const ans = { a, key, to, label: text(a) };
      n.answers.set(key, ans);
      n.list.push(ans);
    }
  }
  const start = wizard.getAttribute("data-start");
  if (!nodes.has(start)) return;
  const depth = parseInt(wizard.getAttribute("data-depth"), 10) || 0;
  const baseTitle = doc.title;

  // Top left, above the title: the back link, to the previous question or,
  // at the first, to the list of trees (the same place, so nothing moves),
  // with the progress beside it. Above the question: a note when a shared
  // link could not be used in full.
  const up = wizard.getAttribute("data-up") || "";
  const top = make("div", "back wizard__top");
  const backLink = make("a", "back-link wizard__back", "Vorige vraag");
  backLink.setAttribute("href", "#");
  const progress = make("p", "wizard__progress");
  // In trainer mode the row also says what the clicker's two buttons do
  // now, and holds the visible switch that leaves trainer mode.
  const keys = make("p", "wizard__keys");
  const trainerBtn = button("wizard__trainer", "Trainersmodus");
  top.append(backLink, progress, keys, trainerBtn);
  // A worked example: its case beside the tree while it is walked.
  const caseBox = make("aside", "wizard__case");
  caseBox.setAttribute("aria-label", "Voorbeeld");
  caseBox.hidden = true;
  const note = make("p", "wizard__note");
  note.setAttribute("role", "status");
  note.hidden = true;

  // Below it: secondary actions and the answers given so far, each with
  // "Wijzig".
  const controls = make("div", "wizard__controls");
  const restartBtn = button("wizard__restart", "Opnieuw beginnen");
  const printBtn = button("wizard__print", "Afdrukken");
  controls.append(restartBtn, printBtn);
  const routeBox = make("details", "wizard-route");
  routeBox.open = true;
  const routeTitle = make("summary", "wizard-route__title");
  const routeList = make("ol", "route wizard-route__list");
  routeBox.append(routeTitle, routeList);
  const live = make("div", "wizard__live");
  live.setAttribute("aria-live", "polite");
  live.setAttribute("aria-atomic", "true");
  const printDate = make("p", "print-date");

  const first = wizard.querySelector("section.wizard-node");
  wizard.insertBefore(printDate, first);
  const head = doc.querySelector(".page-head");
  if (head && up) head.parentNode.insertBefore(top, head);
  else wizard.insertBefore(top, first);
  wizard.insertBefore(note, first);
  wizard.insertBefore(caseBox, first);
  wizard.append(controls, routeBox, live);
  wizard.classList.add("wizard--js");
  // Print shows only the wizard (and the page title): mark the way up to it.
  for (let p = wizard.parentElement; p && p !== doc.documentElement; p = p.parentElement) {
    p.classList.add("wizard-path");
  }
  if (head) head.classList.add("wizard-print-keep");

  const months = ["januari", "februari", "maart", "april", "mei", "juni", "juli",
    "augustus", "september", "oktober", "november", "december"];
  const stamp = () => {
    const d = new Date();
    printDate.textContent = "Afgedrukt op " + d.getDate() + " " + months[d.getMonth()] + " " + d.getFullYear();
    routeBox.open = true;
  };
  stamp();
  addEventListener("beforeprint", stamp);

  // A route is a list of steps {id, key}: the question and the answer given.
  const fragment = (route, trainer) =>
    (trainer ? ["trainer"] : []).concat(route.map((s) => s.id + "=" + s.key)).join("/");
  const isPrefix = (a, b) =>
    a.length <= b.length && a.every((s, i) => s.id === b[i].id && s.key === b[i].key);
  const target = (route) =>
    route.length ? nodes.get(route[route.length - 1].id).answers.get(route[route.length - 1].key).to : start;

  const decode = (s) => {
    try {
      return decodeURIComponent(s);
    } catch (e) {
      return null;
    }
  };
  // parse reads a fragment into {route, trainer}, keeping the longest valid
  // start of the route; null when the fragment is not the wizard's (#inhoud).
  const parse = (hash) => {
    const raw = String(hash).replace(/^#/, "");
    if (!raw) return { route: [], trainer: false };
    const s = decode(raw);
    const segs = s === null ? [] : s.split("/");
    if (s === null) {
      // A broken %-escape: keep the segments before it.
      for (const g of raw.split("/")) {
        const d = decode(g);
        if (d === null) break;
        segs.push(d);
      }
      segs.push("");
    }
    if (!segs.some((g) => g === "trainer" || g.indexOf("=") > 0)) return null;
    const route = [];
    let trainer = false, id = start, ok = true;
    for (const g of segs) {
      if (g === "trainer") {
        trainer = true;
        continue;
      }
      if (!ok) continue;
      const i = g.indexOf("=");
      const n = nodes.get(id);
      const ans = i > 0 && g.slice(0, i) === id ? n.answers.get(g.slice(i + 1)) : null;
      if (!ans) {
        ok = false;
        continue;
      }
      route.push({ id, key: ans.key });
      id = ans.to;
    }
    return { route, trainer };
  };

  let cur = null; // what is shown: {route, trainer, frag, id}
  let redo = null; // the route the user came back from: its answers are marked
  let changing = false; // "Wijzig" was used: an answer keeps the later ones
  let example = null; // the route of the worked example being walked
  let timer = 0;

  const announce = (msg) => {
    live.textContent = "";
    clearTimeout(timer);
    timer = setTimeout(() => { live.textContent = msg; }, 100);
  };

  // The name of a node in titles and announcements, as on its own page.
  const label = (node, num) => node.outcome
    ? "Uitkomst: " + (node.verdict ? node.verdict + " — " : "") + node.title
    : "Vraag " + num + ": " + node.title;

  const render = (st, opt) => {
    const route = st.route, trainer = st.trainer;
    const id = target(route), node = nodes.get(id);
    if (cur && !(redo && isPrefix(route, redo))) {
      redo = isPrefix(route, cur.route) && cur.route.length > route.length ? cur.route : null;
    }
    cur = { route, trainer, frag: fragment(route, trainer), id };

    for (const n of nodes.values()) n.el.hidden = n !== node;
    const num = route.length + 1;
    progress.textContent = node.outcome ? "Uitkomst na " + route.length + (route.length === 1 ? " vraag" : " vragen")
      : "Vraag " + num + (depth >= num ? " van maximaal " + depth : "");
    doc.title = label(node, num) + " — " + baseTitle;

    if (route.length || !up) {
      backLink.setAttribute("href", "#" + fragment(route.slice(0, -1), trainer));
      backLink.textContent = "Vorige vraag";
    } else {
      backLink.setAttribute("href", up);
      backLink.textContent = "Beslisbomen";
    }
    backLink.classList.toggle("wizard__back--none", !route.length && !up);

    routeList.replaceChildren();
    route.forEach((s, i) => {
      const q = nodes.get(s.id);
      const li = make("li", "route__item");
      const change = make("a", "route__step", "Wijzig");
      change.setAttribute("href", "#" + fragment(route.slice(0, i), trainer));
      change.setAttribute("data-step", String(i));
      change.append(make("span", "visually-hidden", " je antwoord op: " + q.title));
      li.append(make("span", "route__q", q.title), make("span", "route__a", q.answers.get(s.key).label), change);
      routeList.append(li);
    });
    routeTitle.textContent = node.outcome ? "Je antwoorden (" + route.length + ")"
      : "Je antwoorden tot nu toe (" + route.length + ")";
    routeBox.hidden = !route.length;
    restartBtn.hidden = !route.length;
    printBtn.hidden = !node.outcome;

    doc.body.classList.toggle("trainer", trainer);
    trainerBtn.setAttribute("aria-pressed", String(trainer));
    keys.hidden = !trainer;
    // The answer given before (after Vorige vraag or Wijzig), or the
    // example's answer, is marked as the current choice.
    const was = example && isPrefix(route, example) ? example : redo && isPrefix(route, redo) ? redo : [];
    for (const a of node.list) {
      if (was[route.length] && was[route.length].key === a.key) a.a.setAttribute("aria-current", "true");
      else a.a.removeAttribute("aria-current");
    }
    starts = [0];
    page(0);
    for (const n of nodes.values()) {
      n.list.forEach((a, i) => {
        if (trainer && i < 9) a.a.setAttribute("aria-keyshortcuts", String(i + 1));
        else a.a.removeAttribute("aria-keyshortcuts");
      });
    }
    if (!opt.keepNote) note.hidden = true;

    if (opt.scroll) scrollTo(0, 0);
    if (opt.focus && node.h) node.h.focus({ preventScroll: !!opt.scroll });
    if (opt.say) announce(opt.say);
    else if (opt.announce) announce(label(node, num));
  };

  // go shows a new state and records it in the fragment, as a new history
  // entry so that the browser's Back and Forward move through the answers.
  const go = (route, trainer, opt) => {
    const frag = fragment(route, trainer);
    if (opt.replace || !cur || frag !== cur.frag) {
      const url = location.href.split("#")[0] + (frag ? "#" + frag : "");
      try {
        history[opt.replace ? "replaceState" : "pushState"](null, "", url);
      } catch (e) {
        // Some browsers refuse pushState on file://; a fragment change works.
        if (opt.replace) location.replace(url);
        else location.hash = frag;
      }
    }
    render({ route, trainer }, opt);
  };
  const step = { focus: true, announce: true };

  // fromLocation renders the state in the fragment (on load, Back, Forward,
  // a pasted link); fragments that are not the wizard's are left alone.
  const fromLocation = (initial) => {
    const st = parse(location.hash);
    if (!st) {
      if (initial) render({ route: [], trainer: false }, {});
      return;
    }
    const frag = fragment(st.route, st.trainer);
    const raw = location.hash.replace(/^#/, "");
    if (decode(raw) !== frag) {
      // Invalid or partly invalid: show (and link) the longest valid start,
      // and say so, on screen and to screen readers.
      note.textContent = "Een deel van de link klopte niet met deze beslisboom. " +
        (st.route.length ? "Je ziet de laatste vraag die wel bij de link paste." : "Je begint bij de eerste vraag.");
      note.hidden = false;
      go(st.route, st.trainer, { replace: true, focus: true, keepNote: true, say: note.textContent });
      return;
    }
    if (cur && frag === cur.frag) return;
    const shared = initial && (st.route.length > 0 || st.trainer);
    // The question is at the top of the page: focus it without scrolling.
    render(st, initial ? { focus: shared, announce: shared } : step);
  };

  const back = (n) => go(cur.route.slice(0, Math.max(0, n)), cur.trainer, step);
  // answer takes an answer; after "Wijzig" the later answers still on the
  // route are kept, and the reader lands at the first question they do not
  // answer, or the outcome (as GOV.UK's "check your answers" does).
  const answer = (ans) => {
    const r = cur.route.concat([{ id: cur.id, key: ans.key }]);
    if (changing && redo) {
      const kept = new Map(redo.map((s) => [s.id, s.key]));
      for (let id = target(r); kept.has(id) && nodes.get(id).answers.has(kept.get(id)) && r.length < nodes.size; id = target(r)) {
        r.push({ id, key: kept.get(id) });
      }
    }
    changing = false;
    go(r, cur.trainer, step);
  };
  const setTrainer = (on) => go(cur.route, on, { scroll: true, say: on ? "Trainersmodus aan" : "Trainersmodus uit" });

  // The clicker: which answer is pointed at (it has the focus), and what
  // the two buttons do now, as the row at the top says.
  const node = () => nodes.get(cur.id);
  const pointed = () => nodes.get(cur.id).list.findIndex((a) => a.a === doc.activeElement);
  const inExample = () => example && isPrefix(cur.route, example) && example.length > cur.route.length;
  const hint = () => {
    const n = node(), i = pointed();
    keys.textContent = (n.outcome ? (more() ? "Page Down: verder lezen · " : "") + "Page Up: " + (starts.length > 1 ? "terug" : "vorige vraag")
      : inExample() ? "Page Down: " + (i < 0 ? "wijs het antwoord van het voorbeeld aan" : "kies het") + " · Page Up: terug"
      : "Page Down: volgend antwoord · Page Up: " + (i < 0 ? "vorige vraag" : "kies antwoord " + (i + 1))) +
      " · T: trainersmodus uit";
  };
  const point = (i) => {
    const l = node().list;
    if (l.length) l[(i + l.length) % l.length].a.focus();
    hint();
  };
  // An outcome too long for the projector is shown a screen at a time:
  // its text blocks (paragraphs, list items, the sources) that do not fit
  // wait for the next Page Down. starts holds where each screen begins.
  let starts = [0], shown = [];
  const parts = () => cur && cur.trainer && node().outcome
    ? [...node().el.querySelectorAll(".wizard-node__body > :not(ul, ol), .wizard-node__body > * > li, .grondslag li")] : [];
  const more = () => shown.some((el, i) => i > starts[starts.length - 1] && el.hidden);
  const page = (from, again) => {
    const y = node().el.getBoundingClientRect().top;
    for (const el of shown) el.hidden = false;
    shown = parts();
    shown.forEach((el, i) => { el.hidden = i !== from; });
    for (let i = from + 1; i < shown.length; i++) {
      shown[i].hidden = false;
      if (node().el.getBoundingClientRect().bottom + scrollY > innerHeight - 8) {
        shown[i].hidden = true;
        break;
      }
    }
    hint();
    // The row at the top may have grown with its new text: measure again.
    if (!again && node().el.getBoundingClientRect().top !== y) page(from, 1);
  };
  const next = () => {
    const list = node().list, i = pointed();
    if (more()) {
      starts.push(shown.findIndex((el, j) => j > starts[starts.length - 1] && el.hidden));
      page(starts[starts.length - 1]);
    }
    if (!list.length) return;
    if (inExample()) {
      const k = list.findIndex((a) => a.key === example[cur.route.length].key);
      if (i === k) answer(list[k]);
      else point(k);
    } else point(i + 1);
  };
  const prev = () => {
    const i = pointed();
    if (starts.length > 1) {
      starts.pop();
      page(starts[starts.length - 1]);
    } else if (i >= 0 && !inExample()) answer(node().list[i]);
    else if (i >= 0) node().h.focus();
    else if (cur.route.length) back(cur.route.length - 1);
    hint();
  };


  restartBtn.addEventListener("click", () => back(0));
  printBtn.addEventListener("click", () => print());
  trainerBtn.addEventListener("click", () => setTrainer(!cur.trainer));

  doc.addEventListener("click", (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    const t = e.target && e.target.closest ? e.target.closest("a") : null;
    if (!t) return;
    if (t.classList.contains("voorbeeld__start")) {
      const st = parse(t.getAttribute("data-route") || t.getAttribute("href") || "");
      if (!st || !st.route.length) return;
      e.preventDefault();
      // Start at the first question, with the case beside the tree; the
      // example's answers are marked and the clicker steps through them.
      const d = t.closest("details");
      example = st.route;
      caseBox.replaceChildren(make("p", "wizard__case-title", "Voorbeeld: " + text(d && d.querySelector("summary"))),
        make("p", "", text(d && d.querySelector("summary + p"))));
      caseBox.hidden = false;
      wizard.classList.add("wizard--example");
      redo = null;
      go([], cur.trainer, { focus: true, announce: true, scroll: true });
      return;
    }
    if (t === backLink && cur.route.length) {
      e.preventDefault();
      back(cur.route.length - 1);
      return;
    }
    if (!wizard.contains(t)) return;
    if (t.classList.contains("answer")) {
      const ans = nodes.get(cur.id).answers.get(t.getAttribute("data-key"));
      if (ans && ans.a === t) {
        e.preventDefault();
        answer(ans);
      }
    } else if (t.classList.contains("route__step") && routeList.contains(t)) {
      e.preventDefault();
      back(parseInt(t.getAttribute("data-step"), 10) || 0);
      changing = true;
    }
  });

  doc.addEventListener("keydown", (e) => {
    if (!cur || !cur.trainer || e.defaultPrevented || e.repeat || e.isComposing) return;
    if (e.ctrlKey || e.altKey || e.metaKey || e.shiftKey) return;
    const t = e.target;
    if (t && t.closest && (t.isContentEditable || t.closest("input, textarea, select, [contenteditable]"))) return;
    if (e.key === " " && t.closest && t.closest("button, summary")) return;
    let done = true;
    const k = e.key;
    if (/^[1-9]$/.test(k)) {
      const ans = node().list[+k - 1];
      if (ans) answer(ans);
      else done = false;
    } else if (/^(PageDown|ArrowRight|ArrowDown| )$/.test(k)) {
      next();
    } else if (/^(PageUp|ArrowLeft|ArrowUp)$/.test(k)) {
      prev();
    } else if (k === "Home") {
      back(0);
    } else if (k === "t" || k === "T") {
      setTrainer(false);
    } else {
      // What a clicker's other buttons send (start or stop the show, a
      // black screen) must not put the site on the projector.
      done = /^(Escape|Esc|F5|b|B|\.)$/.test(k);
    }
    if (done) e.preventDefault();
  });

  addEventListener("hashchange", () => fromLocation(false));
  const again = () => page(starts[starts.length - 1]);
  addEventListener("resize", again);
  addEventListener("afterprint", again);
  addEventListener("beforeprint", () => shown.forEach((el) => { el.hidden = false; }));
  addEventListener("popstate", () => fromLocation(false));
  // Show the page before restoring the route (see restore.js): an element
  // of a hidden page cannot take the focus. Nothing paints in between.
  doc.documentElement.classList.remove("wizard-restoring");
  fromLocation(true);
})();
