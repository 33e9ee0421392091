// Printing a decision tree: the print line at the foot of the page gets the
// date of printing, so a printed outcome with its route says when it was
// made ("Afgedrukt op 7 december 2026"). It runs only when the page is
// printed, and stores and sends nothing. Without JavaScript the line still
// names the page's address and the version of the content.
(() => {
  const el = document.querySelector(".print-address__date");
  if (!el) return;
  addEventListener("beforeprint", () => {
    const day = new Date().toLocaleDateString("nl-NL", { day: "numeric", month: "long", year: "numeric" });
    el.textContent = " · Afgedrukt op " + day;
  });
})();
