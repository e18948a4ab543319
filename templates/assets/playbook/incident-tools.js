/* The incident's rarer tools, loaded by playbook.js on first use (PB.withTools): the form that edits
   the running incident's title, severity and start, and the incident's timeline as Markdown text. */
(function () {
  "use strict";

  var PB = window.PB;
  var el = PB.el;

  function localInput(ms) {
    var d = new Date(ms - new Date(ms).getTimezoneOffset() * 60000);
    return d.toISOString().slice(0, 16);
  }

  function editForm(i) {
    var form = el("form");
    function field(label, input) {
      var wrap = el("label", "pb-field");
      wrap.appendChild(el("span", "pb-field-label", label));
      wrap.appendChild(input);
      form.appendChild(wrap);
      return input;
    }
    var title = field("Title", el("input"));
    title.name = "incident-title";
    title.value = i.title || "";
    var levels = PB.site().severities || [];
    var sev = field("Severity", el(levels.length ? "select" : "input"));
    sev.name = "incident-severity";
    if (levels.length) {
      sev.appendChild(el("option", null, "not decided yet")).value = "";
      levels.forEach(function (l) {
        sev.appendChild(el("option", null, l.label + (l.name ? " · " + l.name : ""))).value = l.id;
      });
    }
    sev.value = i.severity || "";
    var start = field("Started at (this device's time)", el("input"));
    start.type = "datetime-local";
    start.name = "incident-start";
    start.value = localInput(i.start);
    form.appendChild(PB.button("Save", null)).type = "submit";
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var at = Date.parse(start.value);
      PB.incident.update({ title: title.value.trim(), severity: sev.value.trim(), start: isNaN(at) ? i.start : at });
    });
    return form;
  }

  /* The whole incident in order: start, ticks, posted updates, end; each with both times. */
  function timeline(i) {
    var rows = [];
    for (var t in i.ticks) {
      var tick = i.ticks[t];
      rows.push([tick.at, "Done: " + tick.text + (tick.where ? " (" + tick.where + ")" : "")]);
    }
    i.posts.forEach(function (p) { rows.push([p.at, "Update posted" + (p.label ? " (" + p.label + ")" : "") + ": " + p.text]); });
    rows.sort(function (a, b) { return a[0] - b[0]; });
    rows.unshift([i.start, "Incident started"]);
    if (i.ended) rows.push([i.ended, "Incident ended"]);
    var head = "## " + (i.title || "Incident") + (i.severity ? " (" + PB.sevLabel(i.severity) + ")" : "");
    return [head, ""].concat(rows.map(function (r) {
      return "- " + PB.clock(r[0], true) + ": " + r[1].replace(/\s+/g, " ");
    })).join("\n") + "\n";
  }

  PB.toolsLoaded({ form: editForm, timeline: timeline });
})();
