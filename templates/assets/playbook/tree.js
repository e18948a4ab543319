/* Severity decision tree: one question at a time, state kept in the URL hash (#path=node:answer,...)
   so a shared or reloaded link shows the same step. Data comes from the page's #pb-data JSON; every
   text from it is inserted with textContent. */
(function () {
  "use strict";

  var PB = window.PB;
  var el = PB.el, list = PB.list, byId = PB.byId, duration = PB.words, every = PB.every;

  function Tree(mount, data) {
    this.mount = mount;
    this.data = data;
    this.tree = data["decision-tree"] || {};
    this.nodes = list(this.tree, "nodes");
    this.severities = list(data.severities, "severities");
    this.roles = list(data.roles, "roles");
    this.phases = list(data.phases, "phases");
    this.comm = data.communication || {};
    this.base = PB.base();
    this.path = []; /* [{node: id, answer: index}] */
  }

  /* Keep the longest valid prefix of the hash's path; ignore hashes that are not ours (anchors). */
  Tree.prototype.fromHash = function () {
    var match = /(?:^#|[#&])path=([^&]*)/.exec(location.hash);
    var steps = [];
    if (match) {
      var nodeId = this.tree.start;
      var parts = decodeURIComponent(match[1]).split(",");
      for (var i = 0; i < parts.length && nodeId; i++) {
        var pair = parts[i].split(":");
        var node = byId(this.nodes, nodeId);
        var index = parseInt(pair[1], 10);
        if (!node || pair[0] !== nodeId || !(index >= 0 && index < node.answers.length)) break;
        steps.push({ node: nodeId, answer: index });
        nodeId = node.answers[index].next || null;
      }
    }
    this.path = steps;
  };

  Tree.prototype.toHash = function () {
    var value = this.path.map(function (s) { return s.node + ":" + s.answer; }).join(",");
    var url = location.pathname + location.search + (value ? "#path=" + value : "");
    try { history.replaceState(history.state, "", url); } catch (e) { location.hash = value ? "path=" + value : ""; }
  };

  Tree.prototype.current = function () {
    if (!this.path.length) return { node: byId(this.nodes, this.tree.start) };
    var last = this.path[this.path.length - 1];
    var answer = byId(this.nodes, last.node).answers[last.answer];
    if (answer.severity) return { severity: byId(this.severities, answer.severity), answer: answer };
    return { node: byId(this.nodes, answer.next) };
  };

  Tree.prototype.choose = function (nodeId, index) {
    this.path.push({ node: nodeId, answer: index });
    this.update(true);
  };

  Tree.prototype.back = function () {
    this.path.pop();
    this.update(true);
  };

  Tree.prototype.restart = function () {
    this.path = [];
    this.update(true);
  };

  Tree.prototype.update = function (moveFocus) {
    this.toHash();
    this.render(moveFocus);
  };

  Tree.prototype.link = function (href, text) {
    var a = el("a", null, text);
    a.href = this.base + "/" + href;
    return a;
  };

  Tree.prototype.renderPath = function () {
    var box = el("div", "pb-tree-path");
    if (!this.path.length) return box;
    box.appendChild(el("p", "pb-tree-path-title", "Your answers so far"));
    var ol = el("ol");
    for (var i = 0; i < this.path.length; i++) {
      var node = byId(this.nodes, this.path[i].node);
      var answer = node.answers[this.path[i].answer];
      var li = el("li", null, node.question + " ");
      li.appendChild(el("strong", null, answer.label));
      if (answer.note) li.appendChild(el("span", "pb-tree-note", " " + answer.note));
      ol.appendChild(li);
    }
    box.appendChild(ol);
    return box;
  };

  Tree.prototype.renderQuestion = function (node) {
    var step = el("div", "pb-tree-step");
    step.setAttribute("data-pb-node", node.id);
    var heading = el("h3", "pb-tree-question", node.question);
    heading.tabIndex = -1;
    step.appendChild(heading);
    if (node.help) step.appendChild(el("p", "pb-tree-help", node.help));
    var group = el("div", "pb-tree-answers");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", node.question);
    var self = this;
    node.answers.forEach(function (answer, index) {
      var button = el("button", "pb-tree-answer", answer.label);
      button.type = "button";
      button.addEventListener("click", function () { self.choose(node.id, index); });
      group.appendChild(button);
    });
    step.appendChild(group);
    if (this.tree.tie_break) step.appendChild(el("p", "pb-tree-tiebreak", this.tree.tie_break));
    return step;
  };

  Tree.prototype.fact = function (dl, term, value) {
    if (value == null || value === "" || (Array.isArray(value) && !value.length)) return;
    dl.appendChild(el("dt", null, term));
    var dd = el("dd");
    if (Array.isArray(value)) {
      var ul = el("ul");
      value.forEach(function (item) {
        var li = el("li");
        if (typeof item === "string") li.textContent = item; else li.appendChild(item);
        ul.appendChild(li);
      });
      dd.appendChild(ul);
    } else if (typeof value === "string") {
      dd.textContent = value;
    } else {
      dd.appendChild(value);
    }
    dl.appendChild(dd);
  };

  Tree.prototype.cadence = function (sevId) {
    var table = (this.comm.cadence || {})[sevId] || {};
    var audiences = list(this.comm, "audiences");
    var ids = audiences.length ? audiences.map(function (a) { return a.id; }) : Object.keys(table);
    var out = [];
    ids.forEach(function (id) {
      var c = table[id];
      if (!c) return;
      var audience = byId(audiences, id);
      var text = (audience ? audience.name : id) + ": " + every(c.every);
      if (c.first_update_within) text += "; first update within " + duration(c.first_update_within);
      if (c.long_incident) {
        text += "; after " + duration(c.long_incident.after) + ", " + every(c.long_incident.every);
      }
      out.push(text);
    });
    return out;
  };

  Tree.prototype.renderResult = function (severity, answer) {
    var self = this;
    var step = el("div", "pb-tree-step pb-tree-result");
    if (!severity) {
      step.appendChild(el("h3", "pb-tree-question", "Unknown severity: " + answer.severity));
      step.firstChild.tabIndex = -1;
      return step;
    }
    step.setAttribute("data-pb-severity", severity.id);
    var heading = el("h3", "pb-tree-question", severity.label + " · " + severity.name);
    heading.tabIndex = -1;
    step.appendChild(heading);
    if (answer && answer.note) step.appendChild(el("p", "pb-tree-note", answer.note));
    if (severity.summary) step.appendChild(el("p", null, severity.summary));
    var r = severity.response || {};
    var ic = r.incident_commander || {};
    var dl = el("dl", "pb-tree-facts");
    this.fact(dl, "Acknowledge within", duration(r.acknowledge_within));
    this.fact(dl, "Incident commander", ic.required
      ? "Required" + (ic.assigned_within ? ", assigned within " + duration(ic.assigned_within) : "")
      : "Not required");
    this.fact(dl, "Page", r.page || []);
    this.fact(dl, "Updates", this.cadence(severity.id));
    this.fact(dl, "Roles to staff", (r.roles || []).map(function (id) {
      var role = byId(self.roles, id);
      return self.link("roles/" + id + ".html", role ? role.name : id);
    }));
    this.fact(dl, "Checklists to start", this.phases.map(function (p) {
      return self.link("phases/" + p.id + ".html", p.name);
    }));
    step.appendChild(dl);
    var more = el("p", "pb-tree-more");
    more.appendChild(this.link("severities/" + severity.id + ".html",
      "Everything about " + severity.label + " " + severity.name));
    more.appendChild(document.createTextNode(" · "));
    more.appendChild(this.link("respond/status-update.html#severity=" + severity.id,
      "Write a status update"));
    step.appendChild(more);
    return step;
  };

  Tree.prototype.render = function (moveFocus) {
    var self = this;
    var now = this.current();
    var box = this.mount;
    box.textContent = "";
    box.appendChild(this.renderPath());
    var step = now.node ? this.renderQuestion(now.node) : this.renderResult(now.severity, now.answer);
    box.appendChild(step);
    var controls = el("div", "pb-tree-controls");
    var back = el("button", "pb-button", "Back");
    back.type = "button";
    back.disabled = !this.path.length;
    back.addEventListener("click", function () { self.back(); });
    var restart = el("button", "pb-button", "Restart");
    restart.type = "button";
    restart.disabled = !this.path.length;
    restart.addEventListener("click", function () { self.restart(); });
    controls.appendChild(back);
    controls.appendChild(restart);
    box.appendChild(controls);
    this.live.textContent = now.node
      ? "Question " + (this.path.length + 1) + ": " + now.node.question
      : "Result: " + (now.severity ? now.severity.label + " " + now.severity.name : "unknown");
    if (moveFocus) step.querySelector(".pb-tree-question").focus();
  };

  Tree.prototype.start = function () {
    var self = this;
    if (!byId(this.nodes, this.tree.start)) {
      this.mount.textContent = "The decision tree is missing from this page's data.";
      return;
    }
    this.live = el("p", "pb-visually-hidden");
    this.live.setAttribute("aria-live", "polite");
    this.mount.parentNode.insertBefore(this.live, this.mount.nextSibling);
    this.mount.classList.add("pb-ready");
    this.fromHash();
    this.render(false);
    window.addEventListener("hashchange", function () {
      if (!/path=/.test(location.hash)) return; /* an ordinary anchor on the page */
      self.fromHash();
      self.render(true);
    });
  };

  PB.mount('[data-pb-widget="tree"]', function (node, data) { new Tree(node, data).start(); }, true);
})();
