/* A table box that really scrolls says so and becomes a named region the keyboard can scroll; one that fits is neither. */
(function () {
  function fit() {
    document.querySelectorAll(".table-wrap").forEach(function (box, i) {
      var scrolls = box.scrollWidth > box.clientWidth + 1, hint = box.querySelector(".scroll-hint");
      if (hint) { hint.hidden = !scrolls; }
      if (scrolls) {
        box.tabIndex = 0;
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", (box.dataset.name || "Table " + (i + 1)) + ", scrolls sideways");
      } else {
        ["tabindex", "role", "aria-label"].forEach(function (name) { box.removeAttribute(name); });
      }
    });
  }
  fit();
  addEventListener("resize", fit);
})();
