/* The rarer tools, loaded by playbook.js on first use (PB.withTools): copying a text out, the form
   that edits the running incident's title, severity and start, and the incident's timeline as
   Markdown text. */
(function () {
  "use strict";

  var PB = window.PB;
  var el = PB.el, _ = PB._;

  /* Clipboard API when allowed, else execCommand; the text also stays in a selectable box,
     because file:// pages may be refused the clipboard. */
  function copyOut(box, text, label) {
    box.textContent = "";
    var status = el("p", "pb-copy-status", _("Copying…"));
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
      status.textContent = ok ? _("Copied to the clipboard:") : _("Select the text below and copy it:");
      if (!ok) area.select();
    });
  }

  function localInput(ms) {
    var d = new Date(ms - new Date(ms).getTimezoneOffset() * 60000);
    return d.toISOString().slice(0, 16);
  }

  function editForm(i) {
    var form = el("form");
    function field(label, input) {
      var wrap = el("label", "pb-field");
      el("span", "pb-field-label", label, wrap);
      wrap.appendChild(input);
      form.appendChild(wrap);
      return input;
    }
    var title = field(_("Title"), el("input"));
    title.name = "incident-title";
    title.value = i.title || "";
    var levels = PB.site().severities || [];
    var sev = field(_("Severity"), el(levels.length ? "select" : "input"));
    sev.name = "incident-severity";
    if (levels.length) {
      el("option", null, _("not decided yet"), sev).value = "";
      levels.forEach(function (l) {
        el("option", null, l.label + (l.name ? " · " + l.name : ""), sev).value = l.id;
      });
    }
    sev.value = i.severity || "";
    var start = field(_("Started at (this device's time)"), el("input"));
    start.type = "datetime-local";
    start.name = "incident-start";
    start.value = localInput(i.start);
    form.appendChild(PB.button(_("Save"), null)).type = "submit";
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
      var v = { task: tick.text, where: tick.where };
      rows.push([tick.at, tick.where ? _("Done: %(task)s (%(where)s)", v) : _("Done: %(task)s", v)]);
    }
    i.posts.forEach(function (p) {
      var v = { to: p.label, text: p.text };
      rows.push([p.at, p.label ? _("Update posted (%(to)s): %(text)s", v) : _("Update posted: %(text)s", v)]);
    });
    rows.sort(function (a, b) { return a[0] - b[0]; });
    rows.unshift([i.start, _("Incident started")]);
    if (i.ended) rows.push([i.ended, _("Incident ended")]);
    var head = "## " + (i.title || _("Incident")) + (i.severity ? " (" + PB.sevLabel(i.severity) + ")" : "");
    return [head, ""].concat(rows.map(function (r) {
      return "- " + PB.clock(r[0], true) + ": " + r[1].replace(/\s+/g, " ");
    })).join("\n") + "\n";
  }

  PB.toolsLoaded({ copyOut: copyOut, form: editForm, timeline: timeline });
})();
