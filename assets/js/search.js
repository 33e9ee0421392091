// Search in the header (issue 13; see internal/search). Loads the library
// and the index script on first use; the query is never stored or sent.
(() => {
  "use strict";
  const doc = document;
  const box = doc.querySelector(".search[data-index]");
  const field = box && box.querySelector("input");
  const list = box && box.querySelector("[role=listbox]");
  if (!field || !list) return;
  const status = box.querySelector("[aria-live]");
  const src = (n) => box.getAttribute("data-" + n);
  const root = src("index").replace(/[^/]*\/[^/]*$/, "");
  let engine, loading, data, stop, shown = [], active = -1;
  box.classList.add("search--js");

  const fold = (w) => w.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  const stems = new Map();
  const term = (w) => {
    w = fold(w);
    if (stop.has(w)) return "";
    let t = stems.get(w);
    if (t === undefined) {
      for (let i = 0, s = w; i < 3 && (t = zvhStemNl.stemmer(s)) !== s; i++) s = t;
      stems.set(w, t);
    }
    return t;
  };
  const words = /[\p{L}\p{M}\p{N}]+/gu;

  const load = () => loading || (loading = Promise.all(["lib", "index"].map((n) => new Promise((ok, fail) => {
    const s = doc.createElement("script");
    s.src = src(n);
    s.onload = ok;
    s.onerror = fail;
    doc.head.append(s);
  }))).then(() => {
    data = self.zvhSearchData;
    stop = new Set(data.stop);
    engine = MiniSearch.loadJS(data.index, { fields: data.fields, storeFields: data.store });
    update();
  }));

  const el = (tag, cls, txt) => {
    const e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (txt) e.textContent = txt;
    return e;
  };

  // The text around the first hit, every hit marked.
  const snippet = (text, hit) => {
    const p = el("span", "search__snippet");
    const ws = [];
    let first = -1;
    for (const m of text.matchAll(words)) {
      if (first < 0 && hit.has(term(m[0]))) first = ws.length;
      if (ws.push(m) > first + 22 && first >= 0) break;
    }
    if (first < 0) first = 0;
    const from = Math.max(0, first - 8), to = Math.min(ws.length, first + 22);
    let at = from ? ws[from].index : 0;
    if (from) p.append("… ");
    for (let i = from; i < to; i++) {
      const m = ws[i];
      if (!hit.has(term(m[0]))) continue;
      p.append(text.slice(at, m.index), el("mark", "", m[0]));
      at = m.index + m[0].length;
    }
    const end = to < ws.length ? ws[to].index : text.length;
    p.append(text.slice(at, end).trimEnd() + (to < ws.length ? " …" : ""));
    return p;
  };

  const open = (on) => {
    list.hidden = !on;
    field.setAttribute("aria-expanded", on);
  };
  const select = (i) => {
    if (shown[active]) shown[active].el.setAttribute("aria-selected", "false");
    active = i;
    const o = shown[i];
    if (!o) return field.removeAttribute("aria-activedescendant");
    o.el.setAttribute("aria-selected", "true");
    field.setAttribute("aria-activedescendant", o.el.id);
    o.el.scrollIntoView({ block: "nearest" });
  };
  const go = (o) => { if (o) location.href = root + o.url; };

  function update() {
    const q = field.value;
    if (!engine) {
      if (q.trim()) load();
      return;
    }
    const terms = [];
    for (const m of q.matchAll(words)) if (term(m[0])) terms.push(term(m[0]));
    const found = terms.length ? engine.search(terms.join(" "), {
      tokenize: (s) => s.split(" "), processTerm: (t) => t, combineWith: "AND",
      prefix: (t, i, all) => i === all.length - 1 && t.length > 1, fuzzy: (t) => (t.length > 5 ? 0.2 : 0),
      boost: { title: 4, headings: 2 },
    }) : [];
    // Groups in the order of their best result, at most 5 results each.
    const groups = new Map();
    let n = 0;
    for (const r of found) {
      const g = groups.get(r.kind) || [];
      if (g.length < 5 && n++ < 20) groups.set(r.kind, g.concat(r));
    }
    list.replaceChildren();
    shown = [];
    active = -1;
    field.removeAttribute("aria-activedescendant");
    for (const [kind, rs] of groups) {
      const g = el("li", "search__group");
      g.setAttribute("role", "group");
      const h = el("span", "search__kind", data.labels[kind]);
      h.id = "zoek-" + kind;
      g.setAttribute("aria-labelledby", h.id);
      const ul = el("ul");
      ul.setAttribute("role", "presentation");
      g.append(h, ul);
      for (const r of rs) {
        const o = el("li", "search__option");
        o.id = "zoek-" + shown.length;
        o.setAttribute("role", "option");
        o.setAttribute("aria-selected", "false");
        o.append(el("span", "search__title", r.title));
        if (r.where) o.append(el("span", "search__where", r.where));
        o.append(snippet(r.text, new Set(r.terms)));
        const i = shown.length;
        o.addEventListener("mousedown", (e) => e.preventDefault());
        o.addEventListener("click", () => go(shown[i]));
        ul.append(o);
        shown.push({ el: o, url: r.url });
      }
      list.append(g);
    }
    open(shown.length > 0);
    status.textContent = !q.trim() ? "" : shown.length ? shown.length + (shown.length === 1 ? " resultaat" : " resultaten") + ". Kies met pijltjes en Enter." : "Niets gevonden.";
  }

  field.addEventListener("focus", load, { once: true });
  field.addEventListener("input", update);
  field.addEventListener("keydown", (e) => {
    const n = shown.length;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (!n) return;
      e.preventDefault();
      open(true);
      select(e.key === "ArrowDown" ? (active + 1) % n : (active - 1 + n) % n);
    } else if (e.key === "Enter") {
      e.preventDefault();
      go(shown[active < 0 ? 0 : active]);
    } else if (e.key === "Escape") {
      if (list.hidden) field.value = "";
      open(false);
      select(-1);
    }
  });
  field.addEventListener("blur", () => open(false));

})();
