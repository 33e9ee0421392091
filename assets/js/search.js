// Search in the header (issues 13 and 23; see internal/search). Loads the
// index piece by piece, as scripts: the meta file, the term shards of the
// words typed and the document chunks of the results shown. The query is
// never stored or sent.
(() => {
  "use strict";
  const doc = document;
  const box = doc.querySelector(".search[data-index]");
  const field = box && box.querySelector("input");
  const list = box && box.querySelector("[role=listbox]");
  if (!field || !list) return;
  const status = box.querySelector("[aria-live]");
  const attr = (n) => box.getAttribute("data-" + n);
  // search/index.<hash>.js has its shards in search/<hash>/ (search/ when
  // zvh serve writes search/index.js).
  const base = attr("index").replace(/index\.(\w+\.)?js$/, (m, h) => (h ? h.slice(0, -1) + "/" : ""));
  const root = attr("index").replace(/search\/[^/]*$/, "");
  const none = doc.createElement("div");
  none.className = "search__none";
  none.hidden = true;
  list.after(none);
  let meta, stop, bounds, seq = 0, shown = [], active = -1;
  const shards = [], chunks = [], files = new Map();
  self.zvhSearch = { m: (x) => (meta = x), t: (i, x) => (shards[i] = x), d: (i, x) => (chunks[i] = x) };
  box.classList.add("search--js");

  const get = (src) => files.get(src) || files.set(src, new Promise((ok, fail) => {
    const s = doc.createElement("script");
    s.src = src;
    s.onload = ok;
    s.onerror = fail;
    doc.head.append(s);
  })).get(src);
  const ready = () => Promise.all([get(attr("lib")), get(attr("index"))]).then(() => {
    stop = new Set(meta.stop);
    bounds = [];
    for (let i = 0, n = 0; i < meta.classes.length; i += 2) bounds.push([n += meta.classes[i + 1], meta.classes[i]]);
  });

  const fold = (w) => w.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  const stems = new Map();
  const stem = (w) => {
    let t = stems.get(w);
    if (t === undefined) {
      for (let i = 0, s = w; i < 3 && (t = zvhStemNl.stemmer(s)) !== s; i++) s = t;
      stems.set(w, t);
    }
    return t;
  };
  const term = (w) => (w = fold(w), stop.has(w) ? "" : stem(w));
  const words = /[\p{L}\p{M}\p{N}]+/gu;

  // The shard that holds term t, and its postings as a Map, or null.
  const shardOf = (t) => {
    let lo = 0, hi = meta.first.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (meta.first[mid] <= t) lo = mid; else hi = mid - 1;
    }
    return lo;
  };
  const load = (ts, max) => Promise.all([...new Set(ts.map((t) => shardOf(t)))].slice(0, max || 1e9).map((i) => get(base + "t" + i + ".js")));
  const post = (t) => {
    const s = shards[shardOf(t)], p = s && s[t];
    if (!p) return null;
    if (!p.m) {
      p.m = new Map();
      for (let i = 1, d = 0; i < p.length; i += 2) p.m.set(d += p[i], p[i + 1]);
    }
    return p;
  };

  // Split as internal/search.Split does, against the terms loaded.
  const pieces = (t) => {
    const out = [];
    for (let i = t.length - 3; i >= 4; i--) out.push(stem(t.slice(0, i)), ...["", "s", "e", "en"].map((l) => stem(t.slice(i + l.length))));
    return out;
  };
  const split = (t) => {
    if (t.length < 7) return null;
    for (let i = t.length - 3; i >= 4; i--) {
      const head = stem(t.slice(0, i));
      if (!post(head)) continue;
      for (const l of ["", "s", "e", "en"]) {
        if (!t.startsWith(l, i)) continue;
        const tail = t.slice(i + l.length);
        if (tail.length < 3 || (tail.length < 4 && i < 5 && !/^(art|wet)$/.test(tail)) || /^(heid|ing|lijk|baar|isch|loos|schap|achtig|ling|tje|atie)$/.test(tail)) continue;
        if (post(stem(tail))) return [head, stem(tail)];
        const more = split(tail);
        if (more) return [head, ...more];
      }
    }
    return null;
  };

  // The documents that have all terms, with the sum of their impacts.
  const all = (ts) => {
    const ps = ts.map((t) => post(t));
    if (ps.some((p) => !p)) return new Map();
    ps.sort((a, b) => a.m.size - b.m.size);
    const [first, ...rest] = ps, out = new Map();
    for (const [d, i] of first.m) {
      let s = i;
      for (const p of rest) s += p.m.get(d) || -1e9;
      if (s > 0) out.set(d, s);
    }
    return out;
  };

  // Ranks the documents for query q: those that match every word first,
  // then those that match most; within those, by score, with a practical
  // answer or a tree above law text unless the query names an article.
  async function find(q) {
    const us = [];
    for (const m of q.matchAll(words)) {
      const t = term(m[0]);
      if (t) us.push({ t, f: fold(m[0]), vs: [] });
    }
    if (!us.length) return { ids: [], hit: new Set() };
    const syn = [];
    for (const key in meta.syn) {
      const k = key.split(" ");
      for (let i = 0; i + k.length <= us.length; i++) {
        if (k.every((t, j) => us[i + j].t === t)) for (const a of meta.syn[key]) syn.push({ from: i, to: i + k.length, ts: a });
      }
    }
    const last = us[us.length - 1], typing = /[\p{L}\p{N}]$/u.test(q) && last.f.length > 2;
    const prefixShards = [];
    if (typing) {
      for (let i = shardOf(last.f); i < meta.first.length && prefixShards.length < 2; i++) {
        if (i > shardOf(last.f) && !meta.first[i].startsWith(last.f)) break;
        prefixShards.push(base + "t" + i + ".js");
      }
    }
    await Promise.all([load(us.map((u) => u.t).concat(...syn.map((s) => s.ts))), ...prefixShards.map(get)]);
    // A compound the index lacks is split against its terms: load the
    // shards of its pieces, at most six.
    const unknown = us.filter((u) => !post(u.t) && u.t.length > 6);
    if (unknown.length) await load(unknown.flatMap((u) => pieces(u.t)), 6);
    const parts = [];
    for (const u of us) {
      const p = post(u.t);
      u.vs.push({ ts: [u.t], w: 1 });
      const sp = p ? p[0] : split(u.t);
      if (sp) parts.push(...sp), u.vs.push({ ts: sp, w: 0.8 });
    }
    await load(parts);
    const hit = new Set(us.map((u) => u.t).concat(parts, ...syn.map((s) => s.ts)));
    if (typing) {
      let n = 0;
      for (const src of prefixShards) {
        const s = shards[+src.match(/t(\d+)\.js$/)[1]];
        // A longer word weighs less: "gegevens" is not about
        // "gegevensbeschermingseffectbeoordeling".
        for (const t in s) if (t.startsWith(last.f) && t !== last.t && n++ < 40) last.vs.push({ ts: [t], w: last.f.length / t.length / 2 }), hit.add(t);
      }
    }
    const best = new Map(); // document -> score per word
    const add = (from, to, ts, w) => {
      for (const [d, s] of all(ts)) {
        const b = best.get(d) || best.set(d, new Array(us.length).fill(0)).get(d);
        for (let k = from; k < to; k++) b[k] = Math.max(b[k], (s * w) / (to - from));
      }
    };
    us.forEach((u, k) => u.vs.forEach((v) => add(k, k + 1, v.ts, v.w)));
    for (const s of syn) add(s.from, s.to, s.ts, 1);
    const law = /\d|\bart|\bwet\b/i.test(q);
    const weight = law ? [1, 1, 1, 1, 1.3, 0.7] : [1.2, 1.2, 1.1, 1, 0.8, 0.7];
    // A word on more than a tenth of the documents ("delen", "gegevens")
    // says little: it scores, but does not count as a word matched.
    const n = bounds[bounds.length - 1][0];
    const rare = us.map((u) => { const p = post(u.t); return !p || p.m.size * 10 < n; });
    if (!rare.includes(true)) rare.fill(true);
    const ranked = [];
    for (const [d, b] of best) {
      let c = 0;
      while (bounds[c][0] <= d) c++;
      ranked.push([d, b.filter((x, k) => x > 0 && rare[k]).length, b.reduce((x, y) => x + y) * weight[bounds[c][1]]]);
    }
    ranked.sort((a, b) => b[1] - a[1] || b[2] - a[2] || a[0] - b[0]);
    return { ids: ranked.map((r) => r[0]), hit };
  }

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
    const from = Math.max(0, first - 6), to = Math.min(ws.length, first + 18);
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
    list.hidden = !on || !shown.length;
    none.hidden = !on || shown.length > 0 || !field.value.trim() || !meta;
    field.setAttribute("aria-expanded", !list.hidden);
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

  async function update() {
    const q = field.value, mine = ++seq;
    if (!q.trim()) return list.removeAttribute("aria-busy"), show([], q, new Set());
    list.setAttribute("aria-busy", "true");
    await ready();
    const { ids, hit } = await find(q);
    // The documents of the best results, 14 at a time until 10 pages
    // show (at most two results of one page).
    for (let k = 0; k < ids.length; k += 14) {
      await Promise.all([...new Set(ids.slice(k, k + 14).map((d) => Math.floor(d / meta.chunk)))].map((c) => get(base + "d" + c + ".js")));
      if (mine !== seq || show(ids.slice(0, k + 14), q, hit) >= 10) break;
    }
    if (mine !== seq) return;
    if (!ids.length) show(ids, q, hit);
    list.removeAttribute("aria-busy");
  }

  function show(ids, q, hit) {
    list.replaceChildren();
    shown = [];
    active = -1;
    field.removeAttribute("aria-activedescendant");
    const perPage = new Map();
    for (const d of ids) {
      const [title, url, kind, where, text] = chunks[Math.floor(d / meta.chunk)][d % meta.chunk];
      const page = url.split("#")[0], n = perPage.get(page) || 0;
      if (n > 1 || shown.length >= 10) continue;
      perPage.set(page, n + 1);
      const o = el("li", "search__option");
      o.id = "zoek-" + shown.length;
      o.setAttribute("role", "option");
      o.setAttribute("aria-selected", "false");
      o.append(el("span", "search__title", title), el("span", "search__where", [meta.labels[kind], where].filter(Boolean).join(" · ")), snippet(text, hit));
      const i = shown.length;
      o.addEventListener("mousedown", (e) => e.preventDefault());
      o.addEventListener("click", () => go(shown[i]));
      list.append(o);
      o.dataset.url = url;
      shown.push({ el: o, url });
    }
    if (!shown.length && meta && q.trim()) {
      const ul = el("ul");
      for (const [t, u] of meta.help) {
        const a = el("a", "", t);
        a.href = root + u;
        const li = el("li");
        li.append(a);
        ul.append(li);
      }
      none.replaceChildren(el("p", "", "Niets gevonden voor deze woorden. Probeer andere woorden, of kijk in:"), ul);
    }
    open(!!q.trim());
    status.textContent = !q.trim() ? "" : shown.length ? shown.length + (shown.length === 1 ? " resultaat" : " resultaten") + ". Kies met pijltjes en Enter." : "Niets gevonden. Kijk in het register, de beslisbomen of de praktische vragen.";
    return shown.length;
  }

  field.addEventListener("focus", () => ready().catch(() => {}), { once: true });
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
      if (list.hidden && none.hidden) field.value = "";
      open(false);
      select(-1);
    }
  });
  // Focus may move into the panel (the links when nothing is found).
  box.addEventListener("focusout", (e) => { if (!box.contains(e.relatedTarget)) open(false); });
})();
