/* The one script every page loads: shared helpers (window.PB), the incident session and its banner,
   phone-friendly tables and print meta; loads what only some pages use (ON_DEMAND) only there.
   State lives in localStorage (works from file://); nothing is sent anywhere. */
(function () {
  "use strict";

  /* What only some pages use, loaded where the selector finds something: [name, selector, files]. */
  var ON_DEMAND = [
    ["home", ".pb-actions", ".css"],
    ["sheet", "ul.pb-checklist, .pb-print-columns", ".css"], /* the one-sheet print layout */
    ["tables", "table[data-pb-stack]", ".css"], /* marked by labelTables() */
    ["copy", "button[data-copy]", ".css .js"], /* copy buttons beside commands and numbers */
    ["tree", '[data-pb-widget="tree"]', ".css .js"],
    ["composer", '[data-pb-widget="composer"]', ".css .js"],
    ["checklist", "ul.pb-checklist", ".css .js"],
  ];
  var src = document.currentScript && document.currentScript.src;
  var memory = {}; /* when localStorage is refused */

  /* A new element; appended to `parent` when one is given. */
  function el(tag, cls, text, parent) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text != null) node.textContent = text;
    return parent ? parent.appendChild(node) : node;
  }

  function button(text, cls, onClick) {
    var b = el("button", "pb-button" + (cls ? " " + cls : ""), text);
    b.type = "button";
    if (onClick) b.addEventListener("click", onClick);
    return b;
  }

  /* `v` when it is an object (stored or embedded data is checked before use), else null. */
  function obj(v) { return v && typeof v === "object" ? v : null; }

  function json(id) {
    var node = document.getElementById(id);
    try { return node ? JSON.parse(node.textContent) : null; } catch (e) { return null; }
  }

  function read(key) {
    var raw;
    try { raw = localStorage.getItem(key); } catch (e) { raw = memory[key]; }
    try { return JSON.parse(raw || "null"); } catch (e) { return null; }
  }

  function write(key, value) {
    var raw = JSON.stringify(value);
    try { localStorage.setItem(key, raw); } catch (e) { memory[key] = raw; }
  }

  function ready(fn) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn);
    else fn();
  }

  function mark(name) {
    try { performance.mark("pb-ready:" + name); } catch (e) { /* no Performance API */ }
  }

  /* Starts every widget node matching `selector` once with the page's data, then marks it ready. */
  function mount(selector, start, name) {
    ready(function () {
      var nodes = document.querySelectorAll(selector + ":not(.pb-ready)");
      var data = json("pb-data");
      if (!nodes.length || !data) return;
      for (var i = 0; i < nodes.length; i++) start(nodes[i], data);
      mark(name);
    });
  }

  /* The organisation's facts (pb-site); cached so own pages without them know the zone too.
     `lang`: the language the widgets speak, dates included: pb-site's on a translated page, else
     English; on an own page its <html lang> once messages in that language were kept. */
  var siteFacts;
  function site() {
    if (siteFacts) return siteFacts;
    var found = json("pb-site"), lang = document.documentElement.lang;
    if (obj(found)) write("pb-site", found);
    else if (obj(found = read("pb-site"))) found.lang = read("pb-messages:" + lang) && lang;
    siteFacts = obj(found) || {};
    try { new Intl.PluralRules(siteFacts.lang = siteFacts.lang || "en"); } catch (e) { siteFacts.lang = "en"; }
    return siteFacts;
  }

  /* Interface strings in the page's language. pb-messages (on pages not in English; cached for
     own pages) maps an id to its text, a plural id to its forms by Intl.PluralRules category.
     Call with string literals only: pybabel extracts them. `%(name)s` takes values[name];
     ngettext's count is `num`. */
  var texts;
  function text(id) {
    if (!texts) {
      var key = "pb-messages:" + site().lang;
      texts = obj(json("pb-messages"));
      if (texts) write(key, texts); else texts = obj(read(key)) || {};
    }
    return texts[id];
  }
  function fill(s, values) {
    return s.replace(/%\((\w+)\)s/g, function (all, k) { return values && k in values ? values[k] : all; });
  }
  function _(id, values) {
    var t = text(id);
    return fill(typeof t === "string" ? t : id, values);
  }
  function ngettext(one, many, n, values) {
    var forms = text(one) || {};
    values = values || {};
    values.num = n;
    return fill(forms[new Intl.PluralRules(site().lang).select(n)] || forms.other || (n === 1 ? one : many), values);
  }

  /* The time now, unless window.PB_NOW fixes it (a number of milliseconds or a date string). */
  function now() {
    var fixed = window.PB_NOW;
    var ms = typeof fixed === "number" ? fixed : Date.parse(fixed);
    return isNaN(ms) ? Date.now() : ms;
  }

  function zone() {
    var tz = site().timezone || "UTC";
    try { new Intl.DateTimeFormat("en", { timeZone: tz }); return tz; } catch (e) { return "UTC"; }
  }

  /* "2026-11-27 15:02 GMT+1 (14:02 UTC)": the organisation's zone first, then UTC (UTC alone when
     the organisation keeps UTC); the date only when `day` is true. A page in another language
     than English gets its language's own date and time (ja: "2026/11/27 23:02 JST"). */
  function clock(ms, day) {
    var tz = zone(), lang = site().lang;
    function one(z) {
      var o = { timeZone: z, hourCycle: "h23", hour: "2-digit", minute: "2-digit", timeZoneName: "short" }, p = {};
      if (day) { o.year = "numeric"; o.month = "2-digit"; o.day = "2-digit"; }
      if (!/^en\b/.test(lang)) return new Intl.DateTimeFormat(lang, o).format(ms);
      new Intl.DateTimeFormat("en", o).formatToParts(ms).forEach(function (x) { p[x.type] = x.value; });
      return (day ? p.year + "-" + p.month + "-" + p.day + " " : "") + p.hour + ":" + p.minute +
        " " + (z === "UTC" ? "UTC" : p.timeZoneName);
    }
    return tz === "UTC" ? one("UTC") : _("%(local)s (%(utc)s)", { local: one(tz), utc: one("UTC") });
  }

  /* ---------------------------------------------------------------- the incident session */
  var KEY = "pb-incidents";
  var listeners = [];

  function state() {
    var s = read(KEY);
    if (!obj(s) || !obj(s.all)) s = { active: null, all: {} };
    for (var id in s.all) {
      var i = s.all[id];
      if (!obj(i) || typeof i.start !== "number") { delete s.all[id]; continue; }
      i.ticks = obj(i.ticks) || {};
      if (!Array.isArray(i.posts)) i.posts = [];
      i.drafts = obj(i.drafts) || {};
    }
    if (!s.all[s.active]) s.active = null;
    return s;
  }

  function begin(s) {
    var at = now();
    var id = "i" + at.toString(36) + Math.random().toString(36).slice(2, 6);
    s.all[id] = { id: id, title: "", severity: "", start: at, ticks: {}, posts: [], drafts: s.drafts || {} };
    delete s.drafts; /* a draft begun before the start joins the incident */
    s.active = id;
    return s.all[id];
  }

  function changed(s) {
    write(KEY, s);
    listeners.forEach(function (fn) { fn(); });
  }

  var incident = {
    active: function () { var s = state(); return s.all[s.active] || null; },
    /* Incidents other than the active one, newest first. */
    others: function () {
      var s = state();
      return Object.keys(s.all).filter(function (id) { return id !== s.active; })
        .map(function (id) { return s.all[id]; })
        .sort(function (a, b) { return b.start - a.start; });
    },
    start: function (fields) {
      var s = state();
      var i = begin(s);
      for (var k in fields || {}) i[k] = fields[k];
      changed(s);
      return i;
    },
    update: function (fields) {
      var s = state();
      var i = s.all[s.active];
      if (!i) return;
      for (var k in fields) i[k] = fields[k];
      changed(s);
    },
    end: function () {
      var s = state();
      if (s.all[s.active]) s.all[s.active].ended = now();
      s.active = null;
      changed(s);
    },
    /* Deletes every incident but the active one, and ticks stored before incidents existed. */
    clearOld: function () {
      var s = state();
      for (var id in s.all) if (id !== s.active) delete s.all[id];
      try {
        for (var n = localStorage.length - 1; n >= 0; n--) {
          var key = localStorage.key(n);
          if (/^pb-checklist:/.test(key)) localStorage.removeItem(key);
        }
      } catch (e) { /* nothing stored */ }
      changed(s);
    },
    /* A first tick with no incident running starts one. */
    tick: function (task, text, where, on) {
      var s = state();
      var i = s.all[s.active] || (on ? begin(s) : null);
      if (!i) return;
      if (on) i.ticks[task] = { at: now(), text: text, where: where };
      else delete i.ticks[task];
      changed(s);
    },
    post: function (entry) {
      var s = state();
      var i = s.all[s.active] || begin(s);
      entry.at = now();
      i.posts.push(entry);
      changed(s);
    },
    /* Drafts of the running incident, or of none yet (they join the next one started). */
    drafts: function () {
      var s = state();
      return (s.all[s.active] || s).drafts || {};
    },
    draft: function (key, value) {
      var s = state();
      var i = s.all[s.active] || s;
      i.drafts = i.drafts || {};
      if (value == null) delete i.drafts[key]; else i.drafts[key] = value;
      write(KEY, s); /* no re-render while typing */
    },
    onChange: function (fn) { listeners.push(fn); },
  };

  function byId(items, id) {
    for (var n = 0; n < items.length; n++) if (items[n] && items[n].id === id) return items[n];
    return null;
  }

  function sevLabel(id) {
    var level = byId(site().severities || [], id);
    return level ? level.label : id;
  }

  function age(ms) {
    var min = Math.max(0, Math.floor((now() - ms) / 60000));
    if (min < 60) return _("%(min)s min", { min: min });
    if (min < 2880) return _("%(h)s h %(min)s min", { h: Math.floor(min / 60), min: min % 60 });
    return ngettext("%(num)s day", "%(num)s days", Math.floor(min / 1440));
  }

  /* ---------------------------------------------------------------- the banner */
  /* The rarer tools (incident-tools.js: copying, the edit form, the timeline as text) load on
     first use; most page views never need them. */
  var toolsWaiting = [];
  function withTools(fn) {
    if (window.PB.tools) { fn(window.PB.tools); return; }
    toolsWaiting.push(fn);
    load("incident-tools", ".css .js");
  }

  /* `text` to the clipboard, and into a box to select it from (incident-tools.js). */
  function copyOut(box, text, label) { withTools(function (t) { t.copyOut(box, text, label); }); }

  function banner() {
    var slot = document.querySelector(".pb-incident-slot") || document.querySelector(".md-content__inner");
    if (!slot) return;
    var box = slot.querySelector(".pb-incident") || el("section", "pb-incident");
    box.setAttribute("aria-label", _("Incident"));
    if (!box.parentNode) {
      var h1 = slot.classList.contains("pb-incident-slot") ? null : slot.querySelector("h1");
      slot.insertBefore(box, h1 ? h1.nextSibling : slot.firstChild);
    }
    var open = box.querySelector("details[open]");
    box.textContent = "";
    var i = incident.active();
    var out = el("div", "pb-copy-output");
    out.hidden = true;
    var line = el("p", "pb-incident-line");
    if (i) {
      box.className = "pb-incident pb-incident-on" + (now() - i.start > 86400000 ? " pb-incident-old" : "");
      el("strong", null, i.title || _("Incident in progress"), line);
      if (i.severity) el("span", "pb-incident-sev", sevLabel(i.severity), line);
      el("span", "pb-incident-age", _("started %(time)s, %(age)s ago",
        { time: clock(i.start, now() - i.start > 43200000), age: age(i.start) }), line);
      box.appendChild(line);
      var tools = el("div", "pb-incident-tools");
      tools.appendChild(button(_("Copy the timeline"), "pb-timeline", function () {
        withTools(function (t) { copyOut(out, t.timeline(incident.active()), _("The incident's timeline")); });
      }));
      var end = button(_("End incident"), "pb-end", function () {
        if (end.classList.contains("pb-armed")) incident.end();
        else { end.classList.add("pb-armed"); end.textContent = _("End it? Tap again"); }
      });
      tools.appendChild(end);
      box.appendChild(tools);
      var edit = el("details", "pb-incident-edit", null, box);
      el("summary", null, _("Title, severity, start"), edit);
      var fill = function () {
        if (edit.open) withTools(function (t) { if (!edit.querySelector("form")) edit.appendChild(t.form(i)); });
      };
      edit.addEventListener("toggle", fill);
      if (open) { edit.open = true; fill(); }
    } else {
      box.className = "pb-incident pb-incident-off";
      el("span", null, _("No incident running in this browser."), line);
      box.appendChild(line);
      box.appendChild(button(_("Start an incident"), "pb-start", function () { incident.start({}); }));
      var last = incident.others()[0];
      if (last) {
        var untitled = _("untitled");
        var old = el("p", "pb-incident-old-note", _("Last incident: %(title)s, started %(time)s.",
          { title: last.title || untitled, time: clock(last.start, true) }) + " ");
        old.appendChild(button(_("Copy its timeline"), "pb-timeline", function () {
          withTools(function (t) { copyOut(out, t.timeline(last), _("The last incident's timeline")); });
        }));
        old.appendChild(button(_("Clear stored incidents"), "pb-clear", function () { incident.clearOld(); }));
        box.appendChild(old);
      }
    }
    box.appendChild(out);
  }

  /* ---------------------------------------------------------------- page helpers */
  /* Header text into each cell's data-label; wide tables stack into cards on phones (tables.css). */
  function labelTables() {
    var tables = document.querySelectorAll(".md-typeset table");
    for (var t = 0; t < tables.length; t++) {
      var table = tables[t];
      var heads = table.querySelectorAll("thead th");
      if (heads.length < 3 || table.classList.contains("pb-no-stack")) continue;
      table.setAttribute("data-pb-stack", "");
      var rows = table.querySelectorAll("tbody tr");
      for (var r = 0; r < rows.length; r++) {
        for (var c = 0; c < rows[r].cells.length && c < heads.length; c++) {
          rows[r].cells[c].setAttribute("data-label", heads[c].textContent.replace(/\s*¶\s*$/, "").trim());
        }
      }
    }
  }

  function fillPrintMeta() {
    var metas = document.querySelectorAll(".pb-print-meta");
    for (var n = 0; n < metas.length; n++) {
      var meta = metas[n];
      var parts = [];
      if (meta.getAttribute("data-version")) parts.push(_("Playbook %(version)s", { version: meta.getAttribute("data-version") }));
      if (meta.getAttribute("data-date")) parts.push(_("built %(date)s", { date: meta.getAttribute("data-date") }));
      parts.push(location.href.replace(/#.*$/, ""));
      meta.textContent = parts.join(" · ");
    }
  }

  function load(name, files) {
    if (!src || document.querySelector('[data-pb-load="' + name + '"]')) return;
    var at = src.replace(/playbook\.js(\?.*)?$/, name);
    files.split(" ").forEach(function (ext) {
      var node = el(ext === ".css" ? "link" : "script");
      if (ext === ".css") { node.rel = "stylesheet"; node.href = at + ext; } else node.src = at + ext;
      node.setAttribute("data-pb-load", name);
      document.head.appendChild(node);
    });
  }

  window.PB = {
    _: _,
    ngettext: ngettext,
    el: el,
    button: button,
    copyOut: copyOut,
    mount: mount,
    ready: ready,
    mark: mark,
    read: read,
    site: site,
    now: now,
    clock: clock,
    incident: incident,
    sevLabel: sevLabel,
    withTools: withTools,
    /* Called by incident-tools.js once loaded. */
    toolsLoaded: function (tools) {
      window.PB.tools = tools;
      toolsWaiting.splice(0).forEach(function (fn) { fn(tools); });
    },
    base: function () {
      var cfg = json("__config");
      return ((cfg && typeof cfg.base === "string" ? cfg.base : ".").replace(/\/+$/, "")) || ".";
    },
    list: function (value) { return Array.isArray(value) ? value : []; },
    byId: byId,
  };

  ready(function () {
    fillPrintMeta();
    labelTables();
    banner();
    incident.onChange(banner);
    window.addEventListener("storage", function (event) {
      if (event.key === KEY) listeners.forEach(function (fn) { fn(); });
    });
    setInterval(function () { if (incident.active() && !document.querySelector(".pb-incident details[open], .pb-incident .pb-armed, .pb-incident .pb-copy-output:not([hidden])")) banner(); }, 30000);
    mark("banner");
    ON_DEMAND.forEach(function (w) { if (document.querySelector(w[1])) load(w[0], w[2]); });
  });
})();
