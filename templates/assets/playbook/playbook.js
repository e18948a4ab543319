/* The one script every page loads: it loads a widget's script only on pages that host that
   widget (keeping each page's JavaScript small), and writes the page's address into
   .pb-print-meta so a printed sheet says where it came from. */
(function () {
  "use strict";

  var WIDGETS = [
    ["tree", '[data-pb-widget="tree"]'],
    ["composer", '[data-pb-widget="composer"]'],
    ["checklist", "ul.pb-checklist[data-pb-checklist]"],
  ];
  var src = document.currentScript && document.currentScript.src;

  function load(name) {
    if (!src || document.querySelector('script[data-pb-script="' + name + '"]')) return;
    var script = document.createElement("script");
    script.src = src.replace(/playbook\.js(\?.*)?$/, name + ".js");
    script.setAttribute("data-pb-script", name);
    document.head.appendChild(script);
  }

  function fillPrintMeta() {
    var metas = document.querySelectorAll(".pb-print-meta:not(.pb-ready)");
    for (var i = 0; i < metas.length; i++) {
      var meta = metas[i];
      var parts = [];
      if (meta.getAttribute("data-version")) parts.push("Playbook " + meta.getAttribute("data-version"));
      if (meta.getAttribute("data-date")) parts.push("built " + meta.getAttribute("data-date"));
      parts.push(location.href.replace(/#.*$/, ""));
      meta.textContent = parts.join(" · ");
      meta.classList.add("pb-ready");
    }
  }

  function init() {
    fillPrintMeta();
    WIDGETS.forEach(function (w) { if (document.querySelector(w[1])) load(w[0]); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
