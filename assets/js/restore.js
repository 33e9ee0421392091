// restore.js runs in the <head> of a decision tree's start page, before the
// first paint. When the page is opened at a point in the tree (a shared link
// such as #doel=ja/noodzaak=nee or #trainer), it hides the page until
// wizard.js has restored that point, so nothing jumps while the page loads.
// If wizard.js does not finish, the page shows itself after a second.
(function () {
  var h = location.hash;
  try {
    h = decodeURIComponent(h);
  } catch (e) {
    return;
  }
  if (!/^#(trainer(\/|$)|[a-z0-9_-]+=)/.test(h)) return;
  var root = document.documentElement;
  root.classList.add("wizard-restoring");
  setTimeout(function () {
    root.classList.remove("wizard-restoring");
  }, 1000);
})();
