/* Status update composer: stage, audience and severity pick a template (or say the policy when none
   fits); placeholders fill a live preview; the next update time follows the precomputed cadence;
   every phrase to avoid is flagged; the draft is kept per incident; a copy adds the update to the
   incident's timeline. JS computes times only: every sentence comes from the page's data. */
(function () {
  "use strict";

  var PB = window.PB;
  var el = PB.el, list = PB.list, byId = PB.byId, _ = PB._;

  /* Patterns are written for Python; drop an inline (?i) and fall back to the literal phrase. */
  function phraseRegex(p) {
    var source = p.pattern ? String(p.pattern).replace(/^\(\?i\)/, "") : null;
    try { if (source) return new RegExp(source, "gi"); } catch (e) { /* the literal phrase */ }
    return new RegExp(String(p.phrase).replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "gi");
  }

  var uid = 0;

  function Composer(mount, data) {
    this.mount = mount;
    this.stages = list(data.stages);
    this.templates = list(data.templates);
    this.severities = list(data.severities);
    this.cadences = data.cadence || {};
    this.policy = data.policy || {};
    this.audiences = list(data.audiences);
    this.phrases = list(data.phrases_to_avoid).map(function (p) { return { phrase: p, regex: phraseRegex(p) }; });
    this.values = {}; /* typed values by placeholder name, kept across template switches */
    this.nextDirty = false;
    this.id = "pb-composer-" + ++uid;
  }
  var C = Composer.prototype;

  C.select = function (name, label, items, text) {
    var wrap = el("label", "pb-field pb-choice", null, this.choices);
    el("span", "pb-field-label", label, wrap);
    var select = wrap.appendChild(el("select"));
    select.name = name;
    items.forEach(function (item) { el("option", null, text(item), select).value = item.id; });
    return select;
  };

  C.build = function () {
    var self = this;
    var m = this.mount;
    m.textContent = "";
    m.classList.add("pb-ready");
    this.choices = el("div", "pb-composer-choices", null, m);
    this.stage = this.select("stage", _("Stage"), this.stages, function (s) { return s.name; });
    this.audience = this.select("audience", _("Audience"), this.audiences, function (a) { return a.name; });
    this.severity = this.select("severity", _("Severity"), this.severities, function (s) {
      return s.label + (s.name ? " · " + s.name : "");
    });
    this.template = this.select("template", _("Template"), [], null);
    this.templateWrap = this.template.parentNode;
    this.stageHint = el("p", "pb-hint pb-stage-hint", null, m);
    this.fields = el("div", "pb-composer-fields", null, m);
    el("h3", null, _("Preview"), m);
    /* A child of the mount, so on phones it can stick to the bottom while the fields are typed in. */
    this.preview = el("div", "pb-preview", null, m);
    var out = el("div", "pb-composer-output", null, m);
    this.preview.setAttribute("aria-label", _("Preview of the update"));
    this.count = el("p", "pb-count", null, out);
    this.lint = el("ul", "pb-lint", null, out);
    this.lint.setAttribute("aria-live", "polite");
    this.copyButton = out.appendChild(PB.button(_("Copy and add to the timeline"), "pb-copy", function () { self.copy(); }));
    this.copied = el("div", "pb-copy-output", null, out);
    this.copied.hidden = true;

    this.restore();
    var hash = /[#&]severity=([a-z0-9-]+)/.exec(location.hash);
    if (hash && byId(this.severities, hash[1])) this.severity.value = hash[1];
    [this.stage, this.audience, this.severity].forEach(function (s) {
      s.addEventListener("change", function () { self.nextDirty = false; self.chooseTemplate(); self.keep(); });
    });
    this.template.addEventListener("change", function () { self.renderFields(); self.keep(); });
    this.chooseTemplate();
  };

  /* The draft of the running incident (choices and typed values), else its severity. */
  C.restore = function () {
    var i = PB.incident.active();
    var d = PB.incident.drafts().composer;
    if (i && i.severity && byId(this.severities, i.severity)) this.severity.value = i.severity;
    if (!d) return;
    if (byId(this.stages, d.stage)) this.stage.value = d.stage;
    if (byId(this.audiences, d.audience)) this.audience.value = d.audience;
    if (byId(this.severities, d.severity)) this.severity.value = d.severity;
    this.wanted = d.template;
    this.values = d.values && typeof d.values === "object" ? d.values : {};
  };

  C.keep = function () {
    PB.incident.draft("composer", { stage: this.stage.value, audience: this.audience.value,
      severity: this.severity.value, template: this.template.value, values: this.values });
  };

  C.matching = function () {
    var stage = this.stage.value, audience = this.audience.value, sev = this.severity.value;
    return this.templates.filter(function (t) {
      var sevs = t.severities || [];
      return t.stage === stage && t.audience === audience && (!sevs.length || sevs.indexOf(sev) >= 0);
    });
  };

  C.chooseTemplate = function () {
    var found = this.matching();
    var previous = this.wanted || this.template.value;
    this.wanted = null;
    this.template.textContent = "";
    found.forEach(function (t) { el("option", null, t.title + " (" + t.id + ")", this.template).value = t.id; }, this);
    if (byId(found, previous)) this.template.value = previous;
    this.templateWrap.hidden = found.length < 2;
    this.renderFields();
  };

  C.cadence = function () {
    return (this.cadences[this.severity.value] || {})[this.audience.value] || null;
  };

  /* This update's place in the incident: how many went to this audience before. */
  C.sent = function () {
    var i = PB.incident.active(), aud = this.audience.value;
    return i ? i.posts.filter(function (p) { return p.audience === aud; }).length : 0;
  };

  /* When the update after this one is due: a named follow-up, then the stage's interval or the
     regular one; in a long incident the long-incident interval (none = the lead's call). */
  C.nextUpdate = function () {
    var c = this.cadence();
    if (!c) return { value: "", reason: _("no cadence is defined for this severity and audience") };
    var n = this.sent();
    var follow = (c.follow_ups || [])[n];
    var rule = follow || (this.longBox && this.longBox.checked && c.long) ||
      (c.by_stage || {})[this.stage.value] || c.every;
    if (!rule) return { value: "", reason: _("the cadence sets no interval") };
    var reason = (follow ? follow.name + ": " : "") + rule.text;
    if (rule.minutes == null) return { value: "", reason: reason };
    var at = Math.floor((PB.now() + rule.minutes * 60000) / 60000) * 60000;
    var day = new Date(at).toDateString() !== new Date(PB.now()).toDateString();
    return { value: PB.clock(at, day), reason: reason };
  };

  C.field = function (ph) {
    var self = this;
    var id = this.id + "-" + ph.name;
    var wrap = el("div", "pb-field", null, this.fields);
    /* A placeholder's name is the playbook's identifier (the preview shows {name} until filled),
       not a text to translate; next_update is the one the composer knows. */
    var next = ph.name === "next_update";
    var label = el("label", "pb-field-label", next ? _("Next update") : ph.name.replace(/[_-]+/g, " "), wrap);
    label.translate = next;
    label.htmlFor = id;
    if (ph.description) el("p", "pb-hint", ph.description, wrap);
    var multi = !next && (ph.example || "").length > 60;
    var input = wrap.appendChild(el(multi ? "textarea" : "input"));
    if (multi) input.rows = 3; else input.type = "text";
    input.id = id;
    input.name = ph.name;
    if (ph.example) input.placeholder = _("e.g. %(example)s", { example: ph.example });
    if (next) {
      input.addEventListener("input", function () { self.nextDirty = true; self.update(); });
    } else {
      input.value = this.values[ph.name] != null ? this.values[ph.name] : ph.default || "";
      input.addEventListener("input", function () { self.values[ph.name] = input.value; self.keep(); self.update(); });
    }
    return input;
  };

  /* The stage hint: when the first update is due (from the incident's start) and what else
     calls for an update. */
  C.hint = function (c) {
    var parts = [];
    var i = PB.incident.active();
    if (c && c.first && !this.sent()) {
      var v = { when: c.first.text, time: i && c.first.minutes != null && PB.clock(i.start + c.first.minutes * 60000) };
      parts.push(v.time ? _("First update: %(when)s (by %(time)s).", v) : _("First update: %(when)s.", v));
    }
    if (c && c.also_on && c.also_on.length) {
      parts.push(_("Also post %(when)s.", { when: c.also_on.map(function (a) { return a.text; }).join(", ") }));
    }
    if (c && c.summary && !parts.length) parts.push(c.summary);
    this.stageHint.textContent = parts.join(" ");
  };

  C.renderFields = function () {
    var self = this;
    var t = this.current();
    var c = this.cadence();
    this.fields.textContent = "";
    this.inputs = {};
    this.nextInput = null;
    this.longBox = null;
    this.hint(c);
    if (!t) {
      var said = (this.policy[this.severity.value] || {})[this.audience.value];
      var sev = byId(this.severities, this.severity.value);
      var aud = byId(this.audiences, this.audience.value);
      var stage = byId(this.stages, this.stage.value);
      var none = { stage: stage ? stage.name : _("this stage"), audience: aud ? aud.name : _("this audience"),
        level: sev ? sev.label : _("this level") };
      el("p", "pb-hint pb-no-template", said ||
        _("The playbook has no template for %(stage)s updates to %(audience)s at %(level)s.", none), this.fields);
      this.update();
      return;
    }
    var declared = (t.placeholders || []).filter(function (p) { return p.name !== "severity"; });
    if (/\{next_update\}/.test(t.title + t.body) && !declared.some(function (p) { return p.name === "next_update"; })) {
      declared.push({ name: "next_update", description: _("When the next update will be posted.") });
    }
    declared.forEach(function (ph) {
      var input = this.field(ph);
      this.inputs[ph.name] = input;
      if (ph.name !== "next_update") return;
      this.nextInput = input;
      var wrap = input.parentNode;
      this.nextHint = el("p", "pb-hint pb-next-hint", null, wrap);
      if (c && c.long) {
        var lab = el("label", "pb-long", null, wrap);
        this.longBox = lab.appendChild(el("input"));
        this.longBox.type = "checkbox";
        var i = PB.incident.active();
        this.longBox.checked = !!(i && c.long.after_minutes != null && PB.now() - i.start >= c.long.after_minutes * 60000);
        lab.appendChild(document.createTextNode(" " + _("Long incident: %(when)s", { when: c.long.text })));
        this.longBox.addEventListener("change", function () { self.nextDirty = false; self.update(); });
      }
      wrap.appendChild(PB.button(_("Recalculate from now"), "pb-recalc", function () { self.nextDirty = false; self.update(); }));
    }, this);
    this.update();
  };

  C.current = function () { return byId(this.matching(), this.template.value); };

  C.update = function () {
    var t = this.current();
    var values = {};
    if (this.nextInput) {
      var next = this.nextUpdate();
      if (!this.nextDirty) this.nextInput.value = next.value;
      var why = { reason: next.reason };
      this.nextHint.textContent = next.value ? _("From the cadence: %(reason)s.", why) : _("Not filled in: %(reason)s. Write when you will post next.", why);
    }
    for (var name in this.inputs) values[name] = this.inputs[name].value.trim();
    var sev = byId(this.severities, this.severity.value);
    this.preview.textContent = "";
    this.lint.textContent = "";
    this.count.textContent = "";
    this.copyButton.disabled = !t;
    this.fullText = "";
    if (!t) {
      el("p", "pb-hint", _("Nothing to copy: %(reason)s", { reason: this.fields.textContent }), this.preview);
      return;
    }
    values.severity = sev ? sev.label : "";
    function fill(s) {
      return String(s || "").replace(/\{([A-Za-z0-9_-]+)\}/g, function (all, n) { return values[n] ? values[n] : all; });
    }
    var title = fill(t.title), body = fill(t.body);
    this.title = title;
    this.fullText = title + "\n\n" + body;
    el("p", "pb-preview-title", title, this.preview);
    el("p", "pb-preview-body", body, this.preview);
    this.count.textContent = _("%(all)s characters (title %(title)s, text %(text)s)", { all: this.fullText.length, title: title.length, text: body.length });
    var problems = [];
    var text = this.fullText;
    this.phrases.forEach(function (p) {
      p.regex.lastIndex = 0;
      var hit, seen = 0;
      while ((hit = p.regex.exec(text)) && seen++ < 50) {
        if (!hit[0]) { p.regex.lastIndex++; continue; }
        problems.push({ kind: "phrase", quote: hit[0], why: p.phrase.why, instead: p.phrase.instead });
      }
    });
    if (this.nextInput && !values.next_update) {
      problems.push({ kind: "next-update", why: _("No next-update time. Readers need to know when they will hear from us again."),
        instead: _("Give a time, such as \"Next update by 14:30\".") });
    }
    var missing = Object.keys(this.inputs).filter(function (n) { return !values[n] && n !== "next_update"; });
    if (missing.length) problems.push({ kind: "placeholder", why: _("Still to fill in: %(names)s.", { names: missing.join(", ") }), instead: "" });
    if (!problems.length) el("li", "pb-lint-ok", _("No problems found."), this.lint);
    problems.forEach(function (p) {
      var li = el("li", "pb-lint-" + p.kind, null, this.lint);
      if (p.quote) el("strong", null, _("“%(quote)s”:", { quote: p.quote }) + " ", li);
      li.appendChild(document.createTextNode(p.why));
      if (p.instead) el("span", "pb-lint-instead", " " + _("Instead: %(text)s", { text: p.instead }), li);
    }, this);
  };

  C.copy = function () {
    if (!this.fullText) return;
    var aud = byId(this.audiences, this.audience.value);
    var stage = byId(this.stages, this.stage.value);
    PB.incident.post({ audience: this.audience.value, stage: this.stage.value, text: this.title,
      label: [aud ? aud.name : this.audience.value, stage ? stage.name : this.stage.value].join(", ") });
    PB.copyOut(this.copied, this.fullText, _("The update as text"));
    this.nextDirty = false;
    this.hint(this.cadence());
  };

  PB.mount('[data-pb-widget="composer"]', function (node, data) { new Composer(node, data).build(); }, "composer");
})();
