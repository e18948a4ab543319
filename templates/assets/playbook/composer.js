/* Status update composer: pick stage, audience and severity, fill the template's placeholders, and
   get a live preview, "next update by" from the cadence (organisation's timezone and UTC), a lint
   against the phrases to avoid, a character count and a copy button. The clock can be fixed for tests
   with window.PB_NOW or data-now on the mount (ms or ISO string). */
(function () {
  "use strict";

  var PB = window.PB;
  var el = PB.el, list = PB.list, byId = PB.byId, words = PB.words;

  /* Patterns are written for Python; drop an inline (?i) and fall back to the literal phrase. */
  function phraseRegex(p) {
    var source = p.pattern ? String(p.pattern).replace(/^\(\?i\)/, "") : null;
    if (source) {
      try { return new RegExp(source, "i"); } catch (e) { /* fall through */ }
    }
    return new RegExp(String(p.phrase).replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "i");
  }

  var uid = 0;

  function Composer(mount, data) {
    this.mount = mount;
    var org = data.organisation || {};
    this.timezone = org.timezone || "UTC";
    this.language = org.language || "en";
    this.stages = list(data["status-templates"], "stages");
    this.templates = list(data["status-templates"], "templates");
    this.severities = list(data.severities, "severities");
    this.comm = data.communication || {};
    this.audiences = list(this.comm, "audiences");
    this.phrases = list(this.comm, "phrases_to_avoid").map(function (p) {
      return { phrase: p, regex: phraseRegex(p) };
    });
    this.values = {}; /* typed values by placeholder name, kept across template switches */
    this.nextDirty = false;
    this.id = "pb-composer-" + ++uid;
  }

  Composer.prototype.select = function (name, label, items, text) {
    var wrap = el("label", "pb-field pb-choice");
    wrap.appendChild(el("span", "pb-field-label", label));
    var select = el("select");
    select.name = name;
    items.forEach(function (item) {
      var option = el("option", null, text(item));
      option.value = item.id;
      select.appendChild(option);
    });
    wrap.appendChild(select);
    this.choices.appendChild(wrap);
    return select;
  };

  Composer.prototype.build = function () {
    var self = this;
    var m = this.mount;
    m.textContent = "";
    m.classList.add("pb-ready");
    this.choices = el("div", "pb-composer-choices");
    this.stage = this.select("stage", "Stage", this.stages, function (s) { return s.name; });
    this.audience = this.select("audience", "Audience", this.audiences, function (a) { return a.name; });
    this.severity = this.select("severity", "Severity", this.severities, function (s) {
      return s.label + " · " + s.name;
    });
    this.template = this.select("template", "Template", [], null);
    this.templateWrap = this.template.parentNode;
    m.appendChild(this.choices);
    this.stageHint = el("p", "pb-hint pb-stage-hint");
    m.appendChild(this.stageHint);
    this.fields = el("div", "pb-composer-fields");
    m.appendChild(this.fields);

    var out = el("div", "pb-composer-output");
    out.appendChild(el("h3", null, "Preview"));
    this.preview = el("div", "pb-preview");
    this.preview.setAttribute("aria-label", "Preview of the update");
    out.appendChild(this.preview);
    this.count = el("p", "pb-count");
    out.appendChild(this.count);
    this.lint = el("ul", "pb-lint");
    this.lint.setAttribute("aria-live", "polite");
    out.appendChild(this.lint);
    var copy = el("button", "pb-button pb-copy", "Copy to clipboard");
    copy.type = "button";
    out.appendChild(copy);
    this.copied = el("div", "pb-copy-output");
    this.copied.hidden = true;
    out.appendChild(this.copied);
    m.appendChild(out);

    var hash = /[#&]severity=([a-z0-9-]+)/.exec(location.hash);
    if (hash && byId(this.severities, hash[1])) this.severity.value = hash[1];
    [this.stage, this.audience, this.severity].forEach(function (s) {
      s.addEventListener("change", function () { self.nextDirty = false; self.chooseTemplate(); });
    });
    this.template.addEventListener("change", function () { self.renderFields(); });
    copy.addEventListener("click", function () { self.copy(); });
    this.chooseTemplate();
  };

  Composer.prototype.matching = function () {
    var stage = this.stage.value, audience = this.audience.value, sev = this.severity.value;
    return this.templates.filter(function (t) {
      var sevs = t.severities || [];
      return t.stage === stage && t.audience === audience && (!sevs.length || sevs.indexOf(sev) >= 0);
    });
  };

  Composer.prototype.chooseTemplate = function () {
    var found = this.matching();
    var previous = this.template.value;
    this.template.textContent = "";
    found.forEach(function (t) {
      var option = el("option", null, t.title + " (" + t.id + ")");
      option.value = t.id;
      this.template.appendChild(option);
    }, this);
    if (byId(found, previous)) this.template.value = previous;
    this.templateWrap.hidden = found.length < 2;
    this.renderFields();
  };

  Composer.prototype.cadence = function () {
    var table = (this.comm.cadence || {})[this.severity.value] || {};
    return table[this.audience.value] || null;
  };

  /* "Next update by" = now + the cadence interval (the long-incident interval when ticked), floored
     to the minute so we never promise later than the cadence. first_update_within says when THIS
     update is due after declaring, so it is shown as a hint, not used for the next one. */
  Composer.prototype.nextUpdate = function () {
    var c = this.cadence();
    if (!c) return { value: "", reason: "no cadence is defined for this severity and audience" };
    var interval = c.every;
    if (c.long_incident && this.longBox && this.longBox.checked) interval = c.long_incident.every;
    var ms = PB.millis(interval);
    if (ms == null) return { value: "", reason: "the cadence is " + words(interval) };
    var now = PB.now(this.mount);
    var at = Math.floor((now + ms) / 60000) * 60000;
    return { value: this.formatTime(at, now), reason: "every " + words(interval) };
  };

  Composer.prototype.formatTime = function (at, now) {
    var tz = this.timezone, lang = this.language;
    function fmt(zone, ms, withDay) {
      var opts = { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
      if (zone !== "UTC") opts.timeZoneName = "short";
      if (withDay) { opts.day = "numeric"; opts.month = "short"; }
      try { return new Intl.DateTimeFormat(lang, opts).format(ms); }
      catch (e) { return new Intl.DateTimeFormat("en", opts).format(ms); }
    }
    function dayOf(zone, ms) {
      return new Intl.DateTimeFormat("en", { timeZone: zone, dateStyle: "short" }).format(ms);
    }
    var local;
    try { local = fmt(tz, at, dayOf(tz, at) !== dayOf(tz, now)); }
    catch (e) { tz = "UTC"; local = null; }
    var utc = fmt("UTC", at, dayOf("UTC", at) !== dayOf("UTC", now)) + " UTC";
    return local && tz !== "UTC" ? local + " (" + utc + ")" : utc;
  };

  Composer.prototype.current = function () {
    return byId(this.templates, this.template.value);
  };

  Composer.prototype.field = function (ph) {
    var self = this;
    var id = this.id + "-" + ph.name;
    var wrap = el("div", "pb-field");
    var label = el("label", "pb-field-label", ph.name.replace(/[_-]+/g, " "));
    label.htmlFor = id;
    wrap.appendChild(label);
    if (ph.description) wrap.appendChild(el("p", "pb-hint", ph.description));
    var multi = ph.name !== "next_update" && (ph.example || "").length > 60;
    var input = el(multi ? "textarea" : "input");
    if (!multi) input.type = "text";
    else input.rows = 3;
    input.id = id;
    input.name = ph.name;
    if (ph.example) input.placeholder = "e.g. " + ph.example;
    wrap.appendChild(input);
    if (ph.name === "next_update") {
      input.addEventListener("input", function () { self.nextDirty = true; self.update(); });
    } else {
      var sev = byId(this.severities, this.severity.value);
      var preset = ph.name === "severity" && sev ? sev.label : ph.default;
      input.value = this.values[ph.name] != null ? this.values[ph.name] : preset || "";
      input.addEventListener("input", function () { self.values[ph.name] = input.value; self.update(); });
    }
    this.fields.appendChild(wrap);
    return input;
  };

  Composer.prototype.renderFields = function () {
    var self = this;
    var t = this.current();
    var c = this.cadence();
    this.fields.textContent = "";
    this.inputs = {};
    this.nextInput = null;
    this.longBox = null;
    var sev = byId(this.severities, this.severity.value);
    var aud = byId(this.audiences, this.audience.value);
    var first = this.stages.length && this.stages[0].id === this.stage.value;
    this.stageHint.textContent = first && c && c.first_update_within && sev && aud
      ? "The first update to " + aud.name + " is due within " + words(c.first_update_within) +
        " of declaring " + sev.label + "."
      : "";
    if (!t) {
      this.fields.appendChild(el("p", "pb-hint",
        "No template for this stage and audience at this severity. Pick another combination."));
      this.update();
      return;
    }
    var declared = (t.placeholders || []).slice();
    var usesNext = /\{next_update\}/.test(t.title + t.body);
    if (usesNext && !declared.some(function (p) { return p.name === "next_update"; })) {
      declared.push({ name: "next_update", description: "When the next update will be posted." });
    }
    declared.forEach(function (ph) {
      var input = this.field(ph);
      this.inputs[ph.name] = input;
      if (ph.name !== "next_update") return;
      this.nextInput = input;
      var wrap = input.parentNode;
      this.nextHint = el("p", "pb-hint pb-next-hint");
      wrap.appendChild(this.nextHint);
      if (c && c.long_incident) {
        var lab = el("label", "pb-long");
        this.longBox = el("input");
        this.longBox.type = "checkbox";
        lab.appendChild(this.longBox);
        lab.appendChild(document.createTextNode(" The incident started more than " +
          words(c.long_incident.after) + " ago (then every " + words(c.long_incident.every) + ")"));
        wrap.appendChild(lab);
        this.longBox.addEventListener("change", function () { self.nextDirty = false; self.update(); });
      }
      var again = el("button", "pb-button pb-recalc", "Recalculate from now");
      again.type = "button";
      again.addEventListener("click", function () { self.nextDirty = false; self.update(); });
      wrap.appendChild(again);
    }, this);
    this.update();
  };

  Composer.prototype.text = function (template, values) {
    function fill(s) {
      return String(s || "").replace(/\{([A-Za-z0-9_-]+)\}/g, function (all, name) {
        return values[name] ? values[name] : all;
      });
    }
    return { title: fill(template.title), body: fill(template.body) };
  };

  Composer.prototype.update = function () {
    var t = this.current();
    var problems = [];
    var values = {};
    if (this.nextInput) {
      var next = this.nextUpdate();
      if (!this.nextDirty) this.nextInput.value = next.value;
      this.nextHint.textContent = next.value
        ? "Filled in from the cadence: " + next.reason + "."
        : "Not filled in: " + next.reason + ". Write when you will post next.";
    }
    for (var name in this.inputs) values[name] = this.inputs[name].value.trim();
    this.preview.textContent = "";
    if (!t) {
      this.count.textContent = "";
      this.lint.textContent = "";
      this.fullText = "";
      return;
    }
    var msg = this.text(t, values);
    this.fullText = msg.title + "\n\n" + msg.body;
    this.preview.appendChild(el("p", "pb-preview-title", msg.title));
    this.preview.appendChild(el("p", "pb-preview-body", msg.body));
    this.count.textContent = this.fullText.length + " characters (title " + msg.title.length +
      ", text " + msg.body.length + ")";

    this.phrases.forEach(function (p) {
      var hit = p.regex.exec(this.fullText);
      if (hit) problems.push({ kind: "phrase", quote: hit[0], why: p.phrase.why, instead: p.phrase.instead });
    }, this);
    if (this.nextInput && !values.next_update) {
      problems.push({ kind: "next-update", why: "No next-update time. Readers need to know when they " +
        "will hear from us again.", instead: "Give a time, such as \"Next update by 14:30\"." });
    }
    var missing = Object.keys(values).filter(function (n) { return !values[n] && n !== "next_update"; });
    if (missing.length) {
      problems.push({ kind: "placeholder", why: "Still to fill in: " + missing.join(", ") + ".",
        instead: "" });
    }
    this.lint.textContent = "";
    if (!problems.length) this.lint.appendChild(el("li", "pb-lint-ok", "No problems found."));
    problems.forEach(function (p) {
      var li = el("li", "pb-lint-" + p.kind);
      if (p.quote) li.appendChild(el("strong", null, "“" + p.quote + "”: "));
      li.appendChild(document.createTextNode(p.why));
      if (p.instead) li.appendChild(el("span", "pb-lint-instead", " Instead: " + p.instead));
      this.lint.appendChild(li);
    }, this);
  };

  Composer.prototype.copy = function () {
    PB.copyOut(this.copied, this.fullText || "", "The update as text");
  };

  PB.mount('[data-pb-widget="composer"]', function (node, data) {
    new Composer(node, data).build();
  }, true);
})();
