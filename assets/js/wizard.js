// The decision-tree wizard on a tree's start page (see DESIGN.md, "Decision
// trees", and issue 5). Progressive enhancement: without JavaScript every node
// is its own page and every answer a plain link. With it, the wizard answers
// in place, shows the route so far, and has a trainer mode for a projector.
//
// State lives only in the URL fragment: #doel=ja/noodzaak=nee, with an extra
// segment "trainer" when trainer mode is on (#trainer/doel=ja). The fragment
// is untrusted: every id and key is checked against the page, and a route
// that stops making sense is cut back to its longest valid start.
//
// It keeps nothing and sends nothing: the page and its fragment are all the
// state. It changes only classes and the hidden attribute (the CSP allows no
// inline styling), and adds text only through textContent.
(() => {
  "use strict";
  const doc = document;
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
  const diagram = wizard.querySelector("figure.wizard-diagram");

  // The controls, route and live region, built once.
  const progress = make("p", "wizard__progress");
  const routeBox = make("div", "wizard-route");
  const routeTitle = make("p", "wizard-route__title", "Je antwoorden tot nu toe");
  routeTitle.id = "wizard-route-title";
  const routeList = make("ol", "route wizard-route__list");
  routeList.setAttribute("aria-labelledby", routeTitle.id);
  routeBox.append(routeTitle, routeList);
  const controls = make("div", "wizard__controls");
  const backBtn = button("wizard__back", "Vorige vraag");
  const restartBtn = button("wizard__restart", "Opnieuw beginnen");
  const printBtn = button("wizard__print", "Afdrukken");
  const trainerBtn = button("wizard__trainer", "Trainersmodus");
  controls.append(backBtn, restartBtn, printBtn, trainerBtn);
  const keys = make("p", "wizard__keys",
    "Toetsen: 1–9 kiest een antwoord, pijl links of Page Up gaat een antwoord terug, " +
    "pijl rechts of Page Down weer vooruit, Escape stopt de trainersmodus.");
  const live = make("div", "wizard__live");
  live.setAttribute("aria-live", "polite");
  live.setAttribute("aria-atomic", "true");
  const printDate = make("p", "print-date");

  const first = wizard.querySelector("section.wizard-node");
  wizard.insertBefore(printDate, first);
  wizard.insertBefore(progress, first);
  wizard.insertBefore(routeBox, first);
  wizard.insertBefore(keys, diagram || null);
  wizard.insertBefore(controls, keys);
  wizard.append(live);
  const entry = wizard.querySelector(".wizard__start");
  if (entry) entry.hidden = true;
  wizard.classList.add("wizard--js");
  // Print shows only the wizard (and the page title): mark the way up to it.
  for (let p = wizard.parentElement; p && p !== doc.documentElement; p = p.parentElement) {
    p.classList.add("wizard-path");
  }
  const head = doc.querySelector(".page-head");
  if (head) head.classList.add("wizard-print-keep");

  const months = ["januari", "februari", "maart", "april", "mei", "juni", "juli",
    "augustus", "september", "oktober", "november", "december"];
  const stamp = () => {
    const d = new Date();
    printDate.textContent = "Afgedrukt op " + d.getDate() + " " + months[d.getMonth()] + " " + d.getFullYear();
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
  let redo = null; // the route the user came back from, for "forward"
  let timer = 0;

  const announce = (msg) => {
    live.textContent = "";
    clearTimeout(timer);
    timer = setTimeout(() => { live.textContent = msg; }, 100);
  };

  const mark = (id, cls) => {
    const g = doc.getElementById("node-" + id);
    if (g && diagram.contains(g)) g.classList.add(cls);
    return g;
  };

  const render = (st, opt) => {
    const route = st.route, trainer = st.trainer;
    const id = target(route), node = nodes.get(id);
    if (cur && !(redo && isPrefix(route, redo))) {
      redo = isPrefix(route, cur.route) && cur.route.length > route.length ? cur.route : null;
    }
    cur = { route, trainer, frag: fragment(route, trainer), id };

    for (const n of nodes.values()) n.el.hidden = n !== node;
    const num = route.length + 1;
    progress.textContent = node.outcome ? "Uitkomst"
      : "Vraag " + num + (depth >= num ? " van maximaal " + depth : "");

    routeList.replaceChildren();
    route.forEach((s, i) => {
      const q = nodes.get(s.id);
      const a = make("a", "route__step");
      a.setAttribute("href", "#" + fragment(route.slice(0, i), trainer));
      a.setAttribute("data-step", String(i));
      a.append(make("span", "route__q", q.title), make("span", "route__sep", " — "),
        make("span", "route__a", q.answers.get(s.key).label));
      const li = make("li");
      li.append(a);
      routeList.append(li);
    });
    routeBox.hidden = !route.length;
    backBtn.hidden = restartBtn.hidden = !route.length;
    printBtn.hidden = !node.outcome;

    doc.body.classList.toggle("trainer", trainer);
    trainerBtn.setAttribute("aria-pressed", String(trainer));
    keys.hidden = !trainer;
    for (const n of nodes.values()) {
      n.list.forEach((a, i) => {
        if (trainer && i < 9) a.a.setAttribute("aria-keyshortcuts", String(i + 1));
        else a.a.removeAttribute("aria-keyshortcuts");
      });
    }
    for (const d of wizard.querySelectorAll(".wizard-node details")) {
      if (trainer && !d.open) {
        d.open = true;
        d.setAttribute("data-wizard-opened", "");
      } else if (!trainer && d.hasAttribute("data-wizard-opened")) {
        d.open = false;
        d.removeAttribute("data-wizard-opened");
      }
    }
    if (diagram) {
      diagram.hidden = !trainer;
      for (const g of diagram.querySelectorAll(".is-current, .is-visited")) {
        g.classList.remove("is-current", "is-visited");
      }
      for (const a of diagram.querySelectorAll("a[aria-current]")) a.removeAttribute("aria-current");
      for (const s of route) mark(s.id, "is-visited");
      const g = mark(id, "is-current");
      const link = g && g.querySelector("a");
      if (link) link.setAttribute("aria-current", "step");
    }

    if (opt.scroll) wizard.scrollIntoView({ block: "start" });
    if (opt.focus && node.h) node.h.focus({ preventScroll: !!opt.scroll });
    if (opt.say) announce(opt.say);
    else if (opt.announce) {
      announce(node.outcome ? "Uitkomst: " + (node.verdict ? node.verdict + " — " : "") + node.title
        : "Vraag " + num + ": " + node.title);
    }
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
      // Invalid or partly invalid: show (and link) the longest valid prefix.
      go(st.route, st.trainer, { replace: true, focus: true, scroll: initial, announce: !initial });
      return;
    }
    if (cur && frag === cur.frag) return;
    const shared = initial && (st.route.length > 0 || st.trainer);
    render(st, initial ? { focus: shared, scroll: shared } : step);
  };

  const back = (n) => go(cur.route.slice(0, Math.max(0, n)), cur.trainer, step);
  const forward = () => {
    if (redo && redo.length > cur.route.length && isPrefix(cur.route, redo)) {
      go(redo.slice(0, cur.route.length + 1), cur.trainer, step);
      return true;
    }
    return false;
  };
  const answer = (ans) => go(cur.route.concat([{ id: cur.id, key: ans.key }]), cur.trainer, step);
  const setTrainer = (on) => go(cur.route, on, { say: on ? "Trainersmodus aan" : "Trainersmodus uit" });

  backBtn.addEventListener("click", () => back(cur.route.length - 1));
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
      redo = st.route;
      go(st.route, cur.trainer, { focus: true, announce: true, scroll: true });
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
    } else if (diagram && diagram.contains(t)) {
      // A node of the diagram on the route so far: go back to it in place.
      const g = t.closest("g.node");
      const id = g && g.id.replace(/^node-/, "");
      const i = cur.route.findIndex((s) => s.id === id);
      if (id === cur.id || i >= 0) {
        e.preventDefault();
        if (i >= 0) back(i);
        else nodes.get(id).h.focus();
      }
    }
  });

  doc.addEventListener("keydown", (e) => {
    if (!cur || !cur.trainer || e.defaultPrevented || e.repeat || e.isComposing) return;
    if (e.ctrlKey || e.altKey || e.metaKey || e.shiftKey) return;
    const t = e.target;
    if (t && t.closest && (t.isContentEditable || t.closest("input, textarea, select, [contenteditable]"))) return;
    let done = true;
    const k = e.key;
    if (/^[1-9]$/.test(k)) {
      const ans = nodes.get(cur.id).list[+k - 1];
      if (ans) answer(ans);
      else done = false;
    } else if (k === "ArrowLeft" || k === "PageUp") {
      if (cur.route.length) back(cur.route.length - 1);
      else done = false;
    } else if (k === "ArrowRight" || k === "PageDown") {
      done = forward();
    } else if (k === "Escape" || k === "Esc") {
      setTrainer(false);
    } else {
      done = false;
    }
    if (done) e.preventDefault();
  });

  addEventListener("hashchange", () => fromLocation(false));
  addEventListener("popstate", () => fromLocation(false));
  fromLocation(true);
  // The route is restored: show the page (see restore.js).
  doc.documentElement.classList.remove("wizard-restoring");
})();
