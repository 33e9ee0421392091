// Live reload for "zvh serve". The server injects this script into every
// page it serves while the site is being edited; a published site never has
// it. It listens to the server's event stream and:
//   - reload: reloads this page, keeping the scroll position, when it is one
//     of the changed pages; when one other page changed, goes there;
//   - css: swaps the changed stylesheets without a reload;
//   - errors: reloads, so the server shows its errors over this page.
// It also makes the error overlay closable with its button and Escape.
(function () {
  "use strict";
  var me = document.currentScript;
  var build = me ? me.getAttribute("data-build") : "";
  // The scroll position survives a reload in the page's history entry: no
  // storage, nothing leaves the tab.
  var st = history.state;
  var keep = st && typeof st === "object" && st.zvhScroll;
  if (keep) {
    var rest = Object.assign({}, st);
    delete rest.zvhScroll;
    history.replaceState(rest, "");
    window.addEventListener("load", function () {
      window.scrollTo(keep[0], keep[1]);
    });
  }

  function here() {
    return location.pathname.replace(/^\//, "").replace(/index\.html$/, "");
  }

  function reload() {
    var s = history.state && typeof history.state === "object" ? history.state : {};
    history.replaceState(Object.assign({}, s, { zvhScroll: [window.scrollX, window.scrollY] }), "");
    location.reload();
  }

  function swap(pairs, n) {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var u = new URL(links[i].href);
      for (var j = 0; j < pairs.length; j++) {
        if (u.pathname === "/" + pairs[j][0]) {
          var next = new URL("/" + pairs[j][1], u);
          if (pairs[j][0] === pairs[j][1]) next.search = "?zvh=" + n;
          links[i].href = next.href;
        }
      }
    }
  }

  if (window.EventSource) {
    var es = new EventSource("/_zvh/events?build=" + encodeURIComponent(build));
    es.addEventListener("reload", function (e) {
      var d = JSON.parse(e.data);
      if (d.all || d.pages.indexOf(here()) >= 0) {
        es.close();
        reload();
      } else if (d.pages.length === 1) {
        es.close();
        location.href = "/" + d.pages[0];
      }
    });
    es.addEventListener("css", function (e) {
      var d = JSON.parse(e.data);
      swap(d.swap, d.build);
    });
    es.addEventListener("errors", function () {
      es.close();
      reload();
    });
  }

  var overlay = document.getElementById("zvh-fouten");
  if (!overlay) return;
  var before = document.activeElement;
  function hide() {
    overlay.hidden = true;
    if (before && before !== document.body && before.focus) before.focus();
  }
  overlay.querySelector("button").addEventListener("click", hide);
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && !overlay.hidden) hide();
  });
  overlay.focus();
})();
