/* A table box that really scrolls says so and becomes a region the keyboard can scroll, named by its table's caption
   and described by the hint; one that fits is neither (no Tab stop, no landmark). */
(function () {
  function fit() {
    document.querySelectorAll(".table-wrap").forEach(function (box, i) {
      var scrolls = box.scrollWidth > box.clientWidth + 1, hint = box.querySelector(".scroll-hint"),
        caption = box.querySelector("caption");
      if (hint) { hint.hidden = !scrolls; hint.id = hint.id || "scroll-hint-" + (i + 1); }
      if (caption) { caption.id = caption.id || "table-caption-" + (i + 1); }
      if (scrolls) {
        box.tabIndex = 0;
        box.setAttribute("role", "region");
        if (caption) { box.setAttribute("aria-labelledby", caption.id); } else { box.setAttribute("aria-label", "Table " + (i + 1)); }
        if (hint) { box.setAttribute("aria-describedby", hint.id); }
      } else {
        ["tabindex", "role", "aria-label", "aria-labelledby", "aria-describedby"].forEach(function (name) { box.removeAttribute(name); });
      }
    });
  }
  fit();
  addEventListener("resize", fit);
})();
