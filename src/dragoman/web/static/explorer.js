// Highlights the span a link points at (#s-START-END, character offsets into the article's
// text) in an article page: the text segments inside it get the class "focus" (a segment
// that straddles an end is split there first) and the first one is scrolled into view.
(function () {
  "use strict";
  function bounds(el) {
    return [parseInt(el.getAttribute("data-s"), 10), parseInt(el.getAttribute("data-e"), 10)];
  }
  function splitAt(el, cut) {
    // offsets count code points, as Python does: split by Array.from, not by UTF-16 units
    var chars = Array.from(el.textContent), start = bounds(el)[0];
    var left = el.cloneNode(false);
    left.removeAttribute("id");
    left.textContent = chars.slice(0, cut - start).join("");
    left.setAttribute("data-e", String(cut));
    el.textContent = chars.slice(cut - start).join("");
    el.setAttribute("data-s", String(cut));
    el.parentNode.insertBefore(left, el);
  }
  function cutAt(cut) {
    var parts = document.querySelectorAll("#text [data-s]");
    for (var i = 0; i < parts.length; i++) {
      var b = bounds(parts[i]);
      if (b[0] < cut && cut < b[1]) { splitAt(parts[i], cut); return; }
    }
  }
  function focusSpan() {
    var old = document.querySelectorAll(".focus");
    for (var i = 0; i < old.length; i++) { old[i].classList.remove("focus"); }
    var match = /^#s-(\d+)-(\d+)$/.exec(window.location.hash);
    if (!match || !document.getElementById("text")) { return; }
    var start = parseInt(match[1], 10), end = parseInt(match[2], 10), first = null;
    cutAt(start);
    cutAt(end);
    var parts = document.querySelectorAll("#text [data-s]");
    for (var j = 0; j < parts.length; j++) {
      var b = bounds(parts[j]);
      if (b[0] >= start && b[1] <= end && b[0] < b[1]) {
        parts[j].classList.add("focus");
        first = first || parts[j];
      }
    }
    if (first) { first.scrollIntoView({block: "center"}); }
  }
  function layerToggles() {
    // the article page's layer checkboxes hide one kind of span each (class hide-KIND)
    var text = document.getElementById("text");
    var boxes = document.querySelectorAll("input[data-layer]");
    for (var i = 0; i < boxes.length; i++) {
      boxes[i].addEventListener("change", function (event) {
        var box = event.target;
        text.classList.toggle("hide-" + box.getAttribute("data-layer"), !box.checked);
      });
    }
  }
  window.addEventListener("hashchange", focusSpan);
  document.addEventListener("DOMContentLoaded", focusSpan);
  document.addEventListener("DOMContentLoaded", layerToggles);
})();
