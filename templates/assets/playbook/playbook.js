/* The one script every page loads. It writes the page's address into .pb-print-meta (a printed
   sheet says where it came from), offers the widgets' shared helpers as window.PB, and loads a
   widget's script only on pages that host that widget, so each page stays small. */
(function () {
  "use strict";

  /* [script name, the mount it serves, whether it has its own stylesheet] */
  var WIDGETS = [
    ["tree", '[data-pb-widget="tree"]', true],
    ["composer", '[data-pb-widget="composer"]', true],
    ["checklist", "ul.pb-checklist[data-pb-checklist]", false],
  ];
  var src = document.currentScript && document.currentScript.src;
  var UNIT = { m: [60000, "minute"], h: [3600000, "hour"], d: [86400000, "day"], w: [604800000, "week"] };
  var NAMED = {
    immediately: "immediately",
    "next-business-day": "by the next business day",
    "as-progress-dictates": "as progress dictates",
    none: "no regular updates",
  };

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text != null) node.textContent = text;
    return node;
  }

  function json(id) {
    var node = document.getElementById(id);
    try { return node ? JSON.parse(node.textContent) : null; } catch (e) { return null; }
  }

  /* Writes via the clipboard API when allowed, else execCommand; always also shows the text in a
     selectable box, because file:// pages may be refused the clipboard. */
  function copyOut(box, text, label) {
    box.textContent = "";
    var status = el("p", "pb-copy-status", "Copying…");
    status.setAttribute("role", "status");
    var area = el("textarea", "pb-copy-text");
    area.readOnly = true;
    area.value = text;
    area.rows = Math.min(12, text.split("\n").length + 1);
    area.setAttribute("aria-label", label);
    box.appendChild(status);
    box.appendChild(area);
    box.hidden = false;
    function fallback() {
      area.select();
      try { return document.execCommand("copy"); } catch (e) { return false; }
    }
    var done = navigator.clipboard && window.isSecureContext
      ? navigator.clipboard.writeText(text).then(function () { return true; }, fallback)
      : Promise.resolve(fallback());
    done.then(function (ok) {
      status.textContent = ok ? "Copied to the clipboard:" : "Select the text below and copy it:";
      if (!ok) area.select();
    });
  }

  /* Runs fn once the page is parsed (at once when it already is). */
  function ready(fn) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn);
    else fn();
  }

  /* Starts every widget node matching `selector` once: start(node, data). A widget that reads
     the page's embedded data is not started when the page has none. */
  function mount(selector, start, needsData) {
    ready(function () {
      var nodes = document.querySelectorAll(selector + ":not(.pb-ready)");
      if (!nodes.length) return;
      var data = needsData ? json("pb-data") : null;
      if (needsData && !data) return;
      for (var i = 0; i < nodes.length; i++) start(nodes[i], data);
    });
  }

  window.PB = {
    el: el,
    copyOut: copyOut,
    mount: mount,
    data: function () { return json("pb-data"); },
    /* The site root from Material's config, for links such as <base>/roles/<id>.html. */
    base: function () {
      var cfg = json("__config");
      return ((cfg && typeof cfg.base === "string" ? cfg.base : ".").replace(/\/+$/, "")) || ".";
    },
    /* The merged document nests each list under its file's key: {"roles": {"roles": [...]}}. */
    list: function (section, key) {
      if (Array.isArray(section)) return section;
      return section && Array.isArray(section[key]) ? section[key] : [];
    },
    byId: function (items, id) {
      for (var i = 0; i < items.length; i++) if (items[i].id === id) return items[i];
      return null;
    },
    /* Tests fix the clock with window.PB_NOW or data-now on a widget (ms or ISO string). */
    now: function (node) {
      var fixed = window.PB_NOW != null ? window.PB_NOW : node && node.getAttribute("data-now");
      var ms = typeof fixed === "number" ? fixed : /^\d+$/.test(fixed) ? +fixed : Date.parse(fixed);
      return isNaN(ms) ? Date.now() : ms;
    },
    millis: function (value) {
      var m = /^(\d+)([mhdw])$/.exec(value || "");
      return m ? +m[1] * UNIT[m[2]][0] : null;
    },
    /* "5m" -> "5 minutes"; named values in words. */
    words: function (value) {
      var m = /^(\d+)([mhdw])$/.exec(value || "");
      if (!m) return NAMED[value] || String(value || "");
      return m[1] + " " + UNIT[m[2]][1] + (m[1] === "1" ? "" : "s");
    },
    /* A cadence interval: "every 15 minutes", or the named value in words. */
    every: function (value) {
      return /^\d+[mhdw]$/.test(value) ? "every " + window.PB.words(value) : window.PB.words(value);
    },
  };

  function load(name, css) {
    if (!src || document.querySelector('script[data-pb-script="' + name + '"]')) return;
    if (css) {
      var link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = src.replace(/playbook\.js(\?.*)?$/, name + ".css");
      document.head.appendChild(link);
    }
    var script = document.createElement("script");
    script.src = src.replace(/playbook\.js(\?.*)?$/, name + ".js");
    script.setAttribute("data-pb-script", name);
    document.head.appendChild(script);
  }

  function fillPrintMeta() {
    var metas = document.querySelectorAll(".pb-print-meta");
    for (var i = 0; i < metas.length; i++) {
      var meta = metas[i];
      var parts = [];
      if (meta.getAttribute("data-version")) parts.push("Playbook " + meta.getAttribute("data-version"));
      if (meta.getAttribute("data-date")) parts.push("built " + meta.getAttribute("data-date"));
      parts.push(location.href.replace(/#.*$/, ""));
      meta.textContent = parts.join(" · ");
    }
  }

  function init() {
    fillPrintMeta();
    WIDGETS.forEach(function (w) { if (document.querySelector(w[1])) load(w[0], w[2]); });
  }

  ready(init);
})();
