/* Live checklists. A tick belongs to the active incident (a first tick starts one) and to the task,
   not to the page: the same task on the role page and the phase page is one tick. Ticks of other
   incidents never show as done; they are counted, dated and can be cleared. One sticky toolbar per
   page: progress, a jump to what is left, the incident's timeline. */
(function () {
  "use strict";

  var PB = window.PB;
  var el = PB.el, _ = PB._;

  function clean(node) { return node ? node.textContent.replace(/\s*¶\s*$/, "").trim() : ""; }

  /* The task's id: data-pb-task, else the list's phase id and the item id. */
  function taskOf(li, list) {
    var task = li.getAttribute("data-pb-task");
    if (task) return task;
    return (list.getAttribute("data-pb-checklist") || "").replace(/^phase-/, "") + "/" + li.getAttribute("data-pb-item");
  }

  function heading(list) {
    var node = list.previousElementSibling;
    while (node && !/^H[1-6]$/.test(node.tagName)) node = node.previousElementSibling;
    return node;
  }

  function Page(lists) {
    var self = this;
    this.items = [];
    lists.forEach(function (list, n) {
      list.classList.add("pb-ready");
      if (!list.id) list.id = "pb-list-" + (n + 1);
      var h = heading(list);
      var where = h && h.tagName !== "H1" && !/^checklist$/i.test(clean(h)) ? clean(h) : clean(document.querySelector("h1"));
      Array.prototype.forEach.call(list.querySelectorAll("li.pb-check"), function (li) {
        var box = li.querySelector('input[type="checkbox"]');
        if (!box) return;
        var item = { li: li, box: box, list: list, task: taskOf(li, list), where: where,
          text: clean(li.querySelector(".pb-check-text") || li) };
        item.time = el("time", "pb-check-time", null, li);
        box.disabled = false;
        box.addEventListener("change", function () { self.tick(item); });
        self.items.push(item);
      });
    });
    this.lists = lists;
  }

  Page.prototype.tick = function (item) {
    PB.incident.tick(item.task, item.text, item.where, item.box.checked);
  };

  Page.prototype.start = function () {
    var self = this;
    var first = this.lists[0];
    var bar = el("div", "pb-checklist-tools");
    this.progress = el("span", "pb-progress", null, bar);
    this.progress.setAttribute("aria-live", "polite");
    this.next = el("a", "pb-next", null, bar);
    bar.appendChild(PB.button(_("Copy the timeline"), "pb-timeline", function () {
      var i = PB.incident.active();
      PB.withTools(function (tools) {
        PB.copyOut(self.output, i ? tools.timeline(i) : _("(no incident running: nothing ticked yet)") + "\n", _("The incident's timeline"));
      });
    }));
    this.output = el("div", "pb-copy-output");
    this.output.hidden = true;
    this.old = el("p", "pb-old-ticks");
    this.old.hidden = true;
    var h = heading(first);
    var anchor = h && h.tagName !== "H1" ? h : first;
    anchor.parentNode.insertBefore(bar, anchor);
    bar.parentNode.insertBefore(this.output, bar.nextSibling);
    bar.parentNode.insertBefore(this.old, this.output.nextSibling);
    /* The first list far below the top: a jump to it under the banner. */
    this.jump = el("p", "pb-jump");
    var link = el("a", null, _("Go to the checklist ↓"), this.jump);
    link.href = "#" + first.id;
    var top = document.querySelector(".pb-incident") || document.querySelector(".md-content h1");
    if (top && first.getBoundingClientRect().top > window.innerHeight) top.parentNode.insertBefore(this.jump, top.nextSibling);
    PB.incident.onChange(function () { self.render(); });
    this.render();
  };

  /* Ticks of this page's tasks kept from earlier incidents, or from before incidents existed. */
  Page.prototype.leftovers = function () {
    var tasks = {};
    this.items.forEach(function (item) { tasks[item.task] = true; });
    var count = 0, latest = 0;
    PB.incident.others().forEach(function (i) {
      for (var t in i.ticks) if (tasks[t]) { count++; latest = Math.max(latest, i.ticks[t].at); }
    });
    this.lists.forEach(function (list) {
      var legacy = PB.read("pb-checklist:" + location.pathname + ":" + list.getAttribute("data-pb-checklist")) || {};
      for (var id in legacy) if (typeof legacy[id] === "number") { count++; latest = Math.max(latest, legacy[id]); }
    });
    return { count: count, latest: latest };
  };

  Page.prototype.render = function () {
    var i = PB.incident.active();
    var ticks = i ? i.ticks : {};
    var done = 0, todo = null;
    this.items.forEach(function (item) {
      var t = ticks[item.task];
      item.box.checked = !!t;
      item.li.classList.toggle("pb-done", !!t);
      if (t) {
        done++;
        item.time.textContent = PB.clock(t.at, new Date(t.at).toDateString() !== new Date(i.start).toDateString());
        item.time.setAttribute("datetime", new Date(t.at).toISOString());
      } else {
        item.time.textContent = "";
        item.time.removeAttribute("datetime");
        if (!todo) todo = item;
      }
    });
    var count = { done: done, total: this.items.length };
    this.progress.textContent = i ? _("%(done)s of %(total)s done", count) : _("%(done)s of %(total)s done (no incident running)", count);
    this.next.hidden = !todo || this.lists.length < 2;
    if (todo) {
      this.next.href = "#" + todo.list.id;
      this.next.textContent = _("Next: %(where)s ↓", { where: todo.where });
    }
    var left = this.leftovers();
    this.old.hidden = !left.count;
    this.old.textContent = "";
    if (left.count) {
      this.old.appendChild(document.createTextNode(PB.ngettext(
        "%(num)s tick on this page from an earlier incident (last %(time)s) not shown here.",
        "%(num)s ticks on this page from an earlier incident (last %(time)s) not shown here.",
        left.count, { time: PB.clock(left.latest, true) }) + " "));
      this.old.appendChild(PB.button(_("Clear earlier ticks"), "pb-clear", function () { PB.incident.clearOld(); }));
    }
  };

  PB.ready(function () {
    var lists = Array.prototype.slice.call(document.querySelectorAll("ul.pb-checklist:not(.pb-ready)"));
    if (!lists.length) return;
    new Page(lists).start();
    PB.mark("checklist");
  });
})();
