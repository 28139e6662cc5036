(function () {
  "use strict";
  var focused = [];
  function focus(id, scroll) {
    focused.forEach(function (el) { el.classList.remove("focus"); });
    focused = [];
    var el = document.getElementById(id);
    if (!el) { return; }
    var fact = el.getAttribute("data-fact");
    var pieces = fact ? document.querySelectorAll('[data-fact="' + CSS.escape(fact) + '"]') : [el];
    pieces.forEach(function (p) { p.classList.add("focus"); focused.push(p); });
    if (scroll) { el.scrollIntoView({ block: "center" }); }
  }
  function fromHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (id) { focus(id, true); }
  }
  window.addEventListener("hashchange", fromHash);
  document.addEventListener("click", function (event) {
    var link = event.target.closest('a[href^="#"]');
    if (link && link.hash === location.hash) { fromHash(); return; }
    var mark = event.target.closest("mark[data-panel]");
    if (mark) {
      var entry = document.getElementById(mark.getAttribute("data-panel"));
      if (entry) {
        entry.scrollIntoView({ block: "nearest" });
        entry.classList.add("flash");
        setTimeout(function () { entry.classList.remove("flash"); }, 1500);
      }
    }
  });
  fromHash();
})();
