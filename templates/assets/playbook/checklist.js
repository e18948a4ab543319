/* Live checklists: ticks persist in localStorage per page and list with the time of each tick, a
   progress count, a reset, and "Copy as Markdown" of the ticked items (UTC times) for the scribe's
   timeline. Works from file://. */
(function () {
  "use strict";

  var PB = window.PB;
  var el = PB.el;

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function hhmm(ms) {
    var d = new Date(ms);
    return pad(d.getUTCHours()) + ":" + pad(d.getUTCMinutes()) + " UTC";
  }

  function day(ms) {
    var d = new Date(ms);
    return d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate());
  }

  var memory = {}; /* used when localStorage is unavailable */

  function load(key) {
    var raw;
    try { raw = window.localStorage.getItem(key); } catch (e) { raw = memory[key]; }
    try { var value = JSON.parse(raw || "{}"); return value && typeof value === "object" ? value : {}; }
    catch (e) { return {}; }
  }

  function save(key, state) {
    var raw = JSON.stringify(state);
    try { window.localStorage.setItem(key, raw); } catch (e) { memory[key] = raw; }
  }

  function Checklist(list) {
    this.list = list;
    this.key = "pb-checklist:" + location.pathname + ":" + list.getAttribute("data-pb-checklist");
    this.items = Array.prototype.slice.call(list.querySelectorAll("li.pb-check[data-pb-item]"));
  }

  Checklist.prototype.title = function () {
    var node = this.list.previousElementSibling;
    while (node && !/^H[1-6]$/.test(node.tagName)) node = node.previousElementSibling;
    var h1 = document.querySelector("h1");
    function clean(n) { return n.textContent.replace(/\s*¶\s*$/, "").trim(); }
    var page = h1 ? clean(h1) : document.title;
    return node && node !== h1 ? page + ": " + clean(node) : page;
  };

  Checklist.prototype.start = function () {
    var self = this;
    this.list.classList.add("pb-ready");
    var tools = el("div", "pb-checklist-tools");
    this.progress = el("span", "pb-progress");
    this.progress.setAttribute("aria-live", "polite");
    var copy = el("button", "pb-button pb-copy", "Copy as Markdown");
    copy.type = "button";
    this.reset = el("button", "pb-button pb-reset", "Reset");
    this.reset.type = "button";
    tools.appendChild(this.progress);
    tools.appendChild(copy);
    tools.appendChild(this.reset);
    this.list.parentNode.insertBefore(tools, this.list);
    this.output = el("div", "pb-copy-output");
    this.output.hidden = true;
    this.list.parentNode.insertBefore(this.output, this.list.nextSibling);

    this.items.forEach(function (li) {
      var box = li.querySelector('input[type="checkbox"]');
      if (!box) return;
      box.disabled = false;
      var time = el("time", "pb-check-time");
      li.appendChild(time);
      box.addEventListener("change", function () {
        var state = load(self.key);
        var id = li.getAttribute("data-pb-item");
        if (box.checked) state[id] = PB.now(); else delete state[id];
        save(self.key, state);
        self.render();
      });
    });
    copy.addEventListener("click", function () { self.copy(); });
    this.reset.addEventListener("click", function () { self.askReset(); });
    this.reset.addEventListener("blur", function () { self.resetLabel(false); });
    window.addEventListener("storage", function (event) { if (event.key === self.key) self.render(); });
    this.render();
  };

  Checklist.prototype.render = function () {
    var state = load(this.key);
    var done = 0;
    this.items.forEach(function (li) {
      var box = li.querySelector('input[type="checkbox"]');
      var time = li.querySelector(".pb-check-time");
      if (!box || !time) return;
      var at = state[li.getAttribute("data-pb-item")];
      box.checked = typeof at === "number";
      li.classList.toggle("pb-done", box.checked);
      if (box.checked) {
        done++;
        time.textContent = hhmm(at);
        time.setAttribute("datetime", new Date(at).toISOString());
        time.title = "Ticked " + day(at) + " " + hhmm(at);
      } else {
        time.textContent = "";
        time.removeAttribute("datetime");
        time.removeAttribute("title");
      }
    });
    this.progress.textContent = done + " of " + this.items.length + " done";
  };

  Checklist.prototype.markdown = function () {
    var state = load(this.key);
    var ticked = [];
    this.items.forEach(function (li) {
      var at = state[li.getAttribute("data-pb-item")];
      var text = li.querySelector(".pb-check-text");
      if (typeof at === "number") ticked.push({ at: at, text: (text || li).textContent.trim() });
    });
    ticked.sort(function (a, b) { return a.at - b.at; });
    var lines = ["### " + this.title(), ""];
    ticked.forEach(function (t) { lines.push("- [x] " + day(t.at) + " " + hhmm(t.at) + " " + t.text); });
    if (!ticked.length) lines.push("(nothing ticked yet)");
    return lines.join("\n") + "\n";
  };

  Checklist.prototype.copy = function () {
    PB.copyOut(this.output, this.markdown(), "Ticked items as Markdown");
  };

  Checklist.prototype.resetLabel = function (armed) {
    this.armed = armed;
    this.reset.textContent = armed ? "Untick all? Click again" : "Reset";
    this.reset.classList.toggle("pb-armed", armed);
  };

  /* Two clicks, no dialog: a stray tap mid-incident must not wipe the timeline. */
  Checklist.prototype.askReset = function () {
    if (!this.armed) { this.resetLabel(true); return; }
    save(this.key, {});
    this.resetLabel(false);
    this.output.hidden = true;
    this.render();
  };

  PB.mount("ul.pb-checklist[data-pb-checklist]", function (node) { new Checklist(node).start(); });
})();
