// Highlights the span a link points at (#s-START-END) in an article's text: every segment
// inside it gets the class "focus", and the first one is scrolled into view.
(function () {
  "use strict";
  function focusSpan() {
    var match = /^#s-(\d+)-(\d+)$/.exec(window.location.hash);
    var old = document.querySelectorAll(".focus");
    for (var i = 0; i < old.length; i++) { old[i].classList.remove("focus"); }
    if (!match) { return; }
    var start = parseInt(match[1], 10), end = parseInt(match[2], 10), first = null;
    var parts = document.querySelectorAll("#text [data-s]");
    for (var j = 0; j < parts.length; j++) {
      var s = parseInt(parts[j].getAttribute("data-s"), 10);
      var e = parseInt(parts[j].getAttribute("data-e"), 10);
      if (s >= start && e <= end) {
        parts[j].classList.add("focus");
        first = first || parts[j];
      }
    }
    if (first) { first.scrollIntoView({block: "center"}); }
  }
  window.addEventListener("hashchange", focusSpan);
  document.addEventListener("DOMContentLoaded", focusSpan);
})();
