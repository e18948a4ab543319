/* Severity decision tree: one question at a time. The path lives in the URL hash
   (#path=node:answer,...) and each answer is a history entry, so a shared link, a reload and the
   browser's Back all show the right step. Every text from the data goes in with textContent. */
(function () {
  "use strict";

  var PB = window.PB;
  var el = PB.el, list = PB.list, byId = PB.byId, _ = PB._;

  function Tree(mount, data) {
    this.mount = mount;
    this.tree = data["decision-tree"] || {};
    this.nodes = list(this.tree.nodes);
    this.severities = list(data.severities);
    this.phases = list(data.phases);
    this.types = list(data.types);
    this.cadence = data.cadence || {};
    this.audiences = list(data.audiences);
    this.base = PB.base();
    this.path = []; /* [{node: id, answer: index}] */
  }
  var T = Tree.prototype;

  /* The longest valid prefix of the hash's path; anything else (anchors, bad escapes) is ignored. */
  T.fromHash = function () {
    var match = /(?:^#|[#&])path=([^&]*)/.exec(location.hash);
    var steps = [];
    var raw = match ? match[1] : "";
    try { raw = decodeURIComponent(raw); } catch (e) { raw = ""; }
    var nodeId = this.tree.start;
    var parts = raw ? raw.split(",") : [];
    for (var i = 0; i < parts.length && nodeId; i++) {
      var pair = parts[i].split(":");
      var node = byId(this.nodes, nodeId);
      var index = /^\d+$/.test(pair[1] || "") ? +pair[1] : -1;
      if (!node || pair[0] !== nodeId || !node.answers || !(index < node.answers.length) || index < 0) break;
      steps.push({ node: nodeId, answer: index });
      nodeId = node.answers[index].next || null;
    }
    this.path = steps;
  };

  T.url = function () {
    var value = this.path.map(function (s) { return s.node + ":" + s.answer; }).join(",");
    return location.pathname + location.search + (value ? "#path=" + value : "");
  };

  /* A new history entry per step; Back (ours or the browser's) returns to the previous one. */
  T.go = function () {
    try { history.pushState({ pbTree: this.path.length }, "", this.url()); }
    catch (e) { /* history refused: the page still shows the step */ }
    this.render(true);
  };

  T.choose = function (nodeId, index) {
    this.path.push({ node: nodeId, answer: index });
    this.go();
  };

  T.back = function () {
    var st = history.state;
    if (st && st.pbTree === this.path.length && this.path.length) { history.back(); return; }
    this.path.pop();
    try { history.replaceState(null, "", this.url()); } catch (e) { /* as above */ }
    this.render(true);
  };

  T.restart = function () {
    this.path = [];
    this.go();
  };

  T.current = function () {
    if (!this.path.length) return { node: byId(this.nodes, this.tree.start) };
    var last = this.path[this.path.length - 1];
    var answer = byId(this.nodes, last.node).answers[last.answer];
    if (answer.severity) return { severity: byId(this.severities, answer.severity), answer: answer };
    return { node: byId(this.nodes, answer.next) };
  };

  T.link = function (href, text) {
    var a = el("a", null, text);
    a.href = this.base + "/" + href;
    return a;
  };

  T.controls = function () {
    var self = this;
    var box = el("div", "pb-tree-controls");
    [[_("Back"), function () { self.back(); }], [_("Restart"), function () { self.restart(); }]].forEach(function (b) {
      box.appendChild(PB.button(b[0], null, b[1])).disabled = !self.path.length;
    });
    return box;
  };

  T.renderPath = function () {
    var box = el("details", "pb-tree-path");
    if (!this.path.length) return box;
    el("summary", null, _("Your answers so far (%(num)s)", { num: this.path.length }), box);
    var ol = box.appendChild(el("ol"));
    for (var i = 0; i < this.path.length; i++) {
      var node = byId(this.nodes, this.path[i].node);
      var li = el("li", null, node.question + " ", ol);
      el("strong", null, node.answers[this.path[i].answer].label, li);
    }
    return box;
  };

  T.renderQuestion = function (node) {
    var self = this;
    var step = el("div", "pb-tree-step");
    step.setAttribute("data-pb-node", node.id);
    step.appendChild(this.controls());
    var heading = el("h3", "pb-tree-question", node.question, step);
    heading.tabIndex = -1;
    if (node.help) el("p", "pb-tree-help", node.help, step);
    var group = el("div", "pb-tree-answers", null, step);
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", node.question);
    (node.answers || []).forEach(function (answer, index) {
      group.appendChild(PB.button(answer.label, "pb-tree-answer", function () { self.choose(node.id, index); }));
    });
    return step;
  };

  T.fact = function (dl, term, value) {
    if (value == null || value === "" || (Array.isArray(value) && !value.length)) return;
    el("dt", null, term, dl);
    var dd = dl.appendChild(el("dd"));
    if (!Array.isArray(value)) value = [value];
    var ul = dd.appendChild(el("ul"));
    value.forEach(function (item) {
      var li = ul.appendChild(el("li"));
      if (typeof item === "string") li.textContent = item; else li.appendChild(item);
    });
  };

  /* What the level triggers: facts worded in Python, update cadence, the level's checklists. */
  T.facts = function (dl, severity) {
    var self = this;
    (severity.facts || []).forEach(function (f) { self.fact(dl, f.term, f.text); });
    var table = this.cadence[severity.id] || {};
    this.fact(dl, _("Updates"), this.audiences.filter(function (a) { return table[a.id] && table[a.id].summary; })
      .map(function (a) { return a.name + ": " + table[a.id].summary; }));
    var phases = Array.isArray(severity.checklists) ? severity.checklists : this.phases;
    this.fact(dl, _("Checklists to start"), phases.map(function (p) {
      return self.link("phases/" + p.id + ".html", p.name || p.id);
    }));
  };

  T.renderResult = function (severity, answer) {
    var self = this;
    var step = el("div", "pb-tree-step pb-tree-result");
    step.appendChild(this.controls());
    var heading = el("h3", "pb-tree-question", null, step);
    heading.tabIndex = -1;
    if (!severity) {
      heading.textContent = _("This answer names a level the playbook does not define: %(level)s", { level: answer.severity });
      return step;
    }
    step.setAttribute("data-pb-severity", severity.id);
    step.setAttribute("data-pb-level", String(this.severities.indexOf(severity) + 1));
    el("span", "pb-tree-level", severity.label, heading);
    if (severity.name) el("span", "pb-tree-name", severity.name, heading);
    var kind = answer.type ? byId(this.types, answer.type) : null;
    if (answer.type) {
      var t = el("p", "pb-tree-type", null, step);
      t.appendChild(this.link("types/" + answer.type + ".html", kind ? kind.name : answer.type));
      if (kind && kind.summary) t.appendChild(document.createTextNode(": " + kind.summary));
    }
    if (answer.note) el("p", "pb-tree-note", answer.note, step);
    if (severity.summary) el("p", "pb-tree-summary", severity.summary, step);
    var act = el("p", "pb-tree-act", null, step);
    var running = PB.incident.active();
    var level = { level: severity.label };
    act.appendChild(PB.button(running ? _("Set the running incident to %(level)s", level) : _("Start an incident at %(level)s", level),
      "pb-tree-start", function () {
        var fields = { severity: severity.id };
        if (answer.type) fields.type = answer.type;
        if (PB.incident.active()) PB.incident.update(fields); else PB.incident.start(fields);
        this.disabled = true;
        this.textContent = _("Incident set to %(level)s", level);
      }));
    var dl = el("dl", "pb-tree-facts", null, step);
    this.facts(dl, severity);
    var more = el("p", "pb-tree-more", null, step);
    more.appendChild(this.link("severities/" + severity.id + ".html", _("Everything about %(level)s", level)));
    more.appendChild(document.createTextNode(" · "));
    more.appendChild(this.link("respond/status-update.html#severity=" + severity.id, _("Write a status update")));
    return step;
  };

  T.render = function (moveFocus) {
    var now = this.current();
    var box = this.mount;
    box.textContent = "";
    var step = now.node ? this.renderQuestion(now.node) : this.renderResult(now.severity, now.answer);
    box.appendChild(step);
    box.appendChild(this.renderPath());
    this.live.textContent = now.node
      ? _("Question %(num)s: %(question)s", { num: this.path.length + 1, question: now.node.question })
      : now.severity ? _("Result: %(level)s", { level: now.severity.label + " " + (now.severity.name || "") }) : _("Result: unknown");
    if (moveFocus) step.querySelector(".pb-tree-question").focus();
  };

  T.start = function () {
    var self = this;
    if (!byId(this.nodes, this.tree.start)) {
      this.mount.textContent = _("The decision tree is missing from this page's data.");
      return;
    }
    this.live = el("p", "pb-visually-hidden");
    this.live.setAttribute("aria-live", "polite");
    this.mount.parentNode.insertBefore(this.live, this.mount.nextSibling);
    this.mount.classList.add("pb-ready");
    this.fromHash();
    this.render(false);
    function follow() {
      if (location.hash && !/path=/.test(location.hash)) return; /* an ordinary anchor on the page */
      self.fromHash();
      self.render(true);
    }
    window.addEventListener("popstate", follow);
    window.addEventListener("hashchange", follow);
  };

  PB.mount('[data-pb-widget="tree"]', function (node, data) { new Tree(node, data).start(); }, "tree");
})();
