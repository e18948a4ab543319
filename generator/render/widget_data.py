"""The data each widget reads, embedded in its page as `pb-data`, computed from the model, and
the widgets' own words in the page's language (`pb-messages`, see `ship_messages`).

Every sentence a widget shows comes from `generator.wording`; the widgets only add minutes
to a clock and format the time. The data is small on purpose (it loads before the page paints):
only what `tree.js` and `composer.js` read, absent parts as absent keys. The shapes are the
contract in /work/format2-spec.md ("Composer widget data" and H1b's tree data). Both follow the
language of the render in progress (`generator.i18n.speaking`).
"""

from __future__ import annotations

import dataclasses
import functools
import io
import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from generator import wording as words
from generator.i18n import SOURCE_LANGUAGE, current, current_language
from generator.i18n import gettext as _
from generator.model import Cadence, DecisionTree, IncidentType, Playbook, Severity

Json = dict[str, Any]


# --------------------------------------------------------------------------- cadence


def cadence_data(entry: Cadence, playbook: Playbook) -> Json:
    """One cell of the cadence, precomputed: minutes for the clock, words for the reader."""
    data: Json = {}
    if entry.first_update:
        first = entry.first_update
        data["first"] = {
            "minutes": words.minutes(first.within),
            "from": first.from_event,
            "text": words.deadline(first.within, first.from_event),
        }
    if entry.follow_ups:
        data["follow_ups"] = [
            {
                "name": f.name,
                "minutes": words.minutes(f.within),
                "from": f.from_event,
                "text": words.deadline(f.within, f.from_event),
            }
            for f in entry.follow_ups
        ]
    if entry.every:
        data["every"] = {"minutes": words.minutes(entry.every), "text": words.interval(entry.every)}
    if entry.by_stage:
        names = words.stage_names(playbook)
        data["by_stage"] = {
            s.stage: {
                "minutes": words.minutes(s.every),
                "text": words.stage_interval(s.every, names.get(s.stage, s.stage)),
            }
            for s in entry.by_stage
        }
    if entry.also_on:
        data["also_on"] = [{"event": e, "text": words.trigger(e)} for e in entry.also_on]
    if entry.long_incident:
        long = entry.long_incident
        data["long"] = {
            "after_minutes": words.minutes(long.after),
            "minutes": words.minutes(long.every),
            "text": words.long_incident(long, playbook.lead_for(entry.severity)),
        }
        if long.not_before:
            data["long"]["not_before_minutes"] = words.minutes(long.not_before)
    data["summary"] = words.cadence(entry, playbook)
    return data


def _cadence_table(playbook: Playbook, *, summary_only: bool) -> Json:
    table: Json = {}
    for entry in playbook.communication.cadence:
        cell = cadence_data(entry, playbook)
        table.setdefault(entry.severity, {})[entry.audience] = (
            {"summary": cell["summary"]} if summary_only else cell
        )
    return table


# --------------------------------------------------------------------------- shared pieces


def _level(severity: Severity) -> Json:
    data: Json = {"id": severity.id, "label": severity.label}
    if severity.name:
        data["name"] = severity.name
    return data


def _id_name(items: Any) -> list[Json]:
    return [{"id": item.id, "name": item.name} for item in items]


def _without_empty(data: Json) -> Json:
    return {key: value for key, value in data.items() if value not in (None, "", [], ())}


# --------------------------------------------------------------------------- decision tree page


def facts(severity: Severity, playbook: Playbook) -> list[Json]:
    """What a responder needs at a level, as term and words; absent values give no fact."""
    response = severity.response
    lead_role = playbook.lead_for(severity.id)
    rows = [
        (_("Acknowledge"), words.within(response.acknowledge_within)),
        (_("Lead"), words.lead(severity, playbook)),
        (_("Page"), words.page_chain(response.page)),
        (_("Roles"), ", ".join(playbook.role(r).name for r in response.roles)),
        (_("Executives told"), words.executives(response.executives, lead_role)),
        (
            _("Public communication"),
            words.public_communication(response.public_communication, lead_role),
        ),
    ]
    return [{"term": term, "text": text} for term, text in rows if text]


def type_facts(kind: IncidentType, playbook: Playbook) -> list[Json]:
    """What changes for a kind of incident, as term and words; absent values give no fact."""
    channels = {c.id: c.name for c in playbook.communication.channels}
    lead_role = playbook.lead_for(type_id=kind.id)
    rows = [
        (_("Lead"), lead_role.name if kind.lead else ""),
        (_("Roles"), ", ".join(playbook.role(r).name for r in kind.roles)),
        (_("Channels"), ", ".join(channels.get(c, c) for c in kind.channels)),
        (
            _("Public communication"),
            words.public_communication(kind.public_communication, lead_role),
        ),
    ]
    return [{"term": term, "text": text} for term, text in rows if text]


def _checklists(severity: Severity, playbook: Playbook) -> list[Json]:
    """The phases with a task for this level. A level tracked as a bug opens no incident, so
    there a task counts only when it names the level (or a group holding it): a task for every
    level is part of an incident's response, not of filing a bug."""
    no_incident = severity.response.tracked_as_bug is True

    def counts(item: Any) -> bool:
        if not playbook.applies(item, severity.id):
            return False
        return not no_incident or severity.id in playbook.levels_of(item.severities)

    return [
        {"id": phase.id, "name": phase.name}
        for phase in playbook.phases
        if any(counts(item) for item in phase.checklist)
    ]


def _tree(tree: DecisionTree) -> Json:
    nodes = []
    for node in tree.nodes:
        answers = [
            _without_empty(
                {
                    "label": a.label,
                    "next": a.next,
                    "severity": a.severity,
                    "type": a.type,
                    "note": a.note,
                }
            )
            for a in node.answers
        ]
        nodes.append(
            _without_empty(
                {"id": node.id, "question": node.question, "help": node.help, "answers": answers}
            )
        )
    return _without_empty({"start": tree.start, "tie_break": tree.tie_break, "nodes": nodes})


def tree_data(playbook: Playbook) -> Json:
    """`pb-data` of the decide-severity page (tree.js)."""
    data: Json = {
        "severities": [
            {
                **_level(s),
                "summary": s.summary,
                "lead": {"id": playbook.lead_for(s.id).id, "name": playbook.lead_for(s.id).name},
                "facts": facts(s, playbook),
                "checklists": _checklists(s, playbook),
            }
            for s in playbook.severities
        ],
        "roles": _id_name(playbook.roles),
        "audiences": _id_name(playbook.communication.audiences),
        "cadence": _cadence_table(playbook, summary_only=True),
    }
    if playbook.incident_types:
        data["types"] = [
            _without_empty(
                {
                    "id": t.id,
                    "name": t.name,
                    "summary": t.summary,
                    "facts": type_facts(t, playbook),
                }
            )
            for t in playbook.incident_types
        ]
    if playbook.decision_tree is not None:
        data["decision-tree"] = _tree(playbook.decision_tree)
    return data


# --------------------------------------------------------------------------- status composer page


def _policy(playbook: Playbook) -> Json:
    """Per level and audience with no template at all: what the playbook says instead."""
    policy: Json = {}
    for severity in playbook.severities:
        for audience in playbook.communication.audiences:
            if any(
                t.audience == audience.id and playbook.applies(t, severity.id)
                for t in playbook.status_templates
            ):
                continue
            try:
                cell = playbook.cadence(severity.id, audience.id)
            except KeyError:
                text = _("The playbook sets no updates for %(audience)s at %(level)s.") % {
                    "audience": audience.name,
                    "level": severity.label,
                }
            else:
                text = _("%(audience)s at %(level)s: %(cadence)s.") % {
                    "audience": audience.name,
                    "level": severity.label,
                    "cadence": words.cadence_phrase(cell, playbook),
                }
            policy.setdefault(severity.id, {})[audience.id] = text
    return policy


def composer_data(playbook: Playbook) -> Json:
    """`pb-data` of the status-update page (composer.js)."""
    org = playbook.organisation
    data: Json = {
        "organisation": {"timezone": org.timezone, "language": org.language},
        "severities": [_level(s) for s in playbook.severities],
        "audiences": _id_name(playbook.communication.audiences),
        "phrases_to_avoid": [
            _without_empty(
                {"phrase": p.phrase, "why": p.why, "instead": p.instead, "pattern": p.pattern}
            )
            for p in playbook.communication.phrases_to_avoid
        ],
        "stages": [
            _without_empty({"id": s.id, "name": s.name, "description": s.description})
            for s in playbook.stages
        ],
        "templates": [
            _without_empty(
                {
                    "id": t.id,
                    "stage": t.stage,
                    "audience": t.audience,
                    "title": t.title,
                    "body": t.body,
                    "severities": list(playbook.levels_of(t.severities)),
                    "placeholders": [
                        _without_empty(
                            {
                                "name": p.name,
                                "description": p.description,
                                "example": p.example,
                                "default": p.default,
                            }
                        )
                        for p in t.placeholders
                    ],
                }
            )
            for t in playbook.status_templates
        ],
        "cadence": _cadence_table(playbook, summary_only=False),
    }
    policy = _policy(playbook)
    if policy:
        data["policy"] = policy
    return data


# --------------------------------------------------------------------------- widget messages

#: The scripts of ours every page loads: playbook.js itself, and incident-tools.js, which its
#: incident banner loads on first use (copying, the edit form, the timeline).
EVERY_PAGE = ("playbook.js", "incident-tools.js")
#: The others, loaded by playbook.js (its ON_DEMAND) where the page holds what they work on; the
#: raw HTML our templates write for it, as it stands in a rendered page.
ON_DEMAND = {
    "tree.js": 'data-pb-widget="tree"',
    "composer.js": 'data-pb-widget="composer"',
    "checklist.js": 'class="pb-checklist"',
    "copy.js": "data-copy=",
}
#: Where the site's facts are embedded (templates/_page.md.j2); the messages go right after.
_SITE_FACTS = re.compile(r'<script type="application/json" id="pb-site">(.*?)</script>')
#: A plural message id as Babel's extractor gives it: (singular, plural).
Message = str | tuple[str, ...]


def page_scripts(page: str) -> list[str]:
    """The names of our scripts a rendered page loads, in load order."""
    return [*EVERY_PAGE, *(name for name, marker in ON_DEMAND.items() if marker in page)]


@functools.lru_cache(maxsize=32)
def script_messages(source: str) -> tuple[Message, ...]:
    """The message ids of a widget script: its `_()`, `gettext()` and `ngettext()` calls, found by
    Babel's JavaScript extractor (the one `pybabel extract` runs with babel.cfg), so the script is
    the only declaration. Cached by content: an organisation's override is a content of its own."""
    from babel.messages.extract import extract

    found = extract("javascript", io.BytesIO(source.encode("utf-8")))
    return tuple(dict.fromkeys(message for _line, message, _comments, _context in found))


@functools.cache
def _plural_samples(lang: str) -> dict[str, int]:
    """A number for each plural category of `lang` (CLDR, as `Intl.PluralRules` names them)."""
    from babel.core import Locale, UnknownLocaleError

    try:
        rule = Locale.parse(lang.replace("-", "_")).plural_form
    except (UnknownLocaleError, ValueError):
        return {"other": 2}
    samples: dict[str, int] = {}
    for n in (*range(200), 1000, 1000000):
        samples.setdefault(rule(n), n)
    return samples


def translated_messages(ids: Sequence[Message], lang: str, catalogue: Any) -> dict[str, Any]:
    """`ids` in `lang` from `catalogue`: id -> text; a plural by its singular -> {category: text},
    one entry per plural category of the language (what `Intl.PluralRules(lang).select(n)` gives
    in the browser), so the page needs no plural formula. Messages without a translation are
    left out: the script shows its English id."""
    out: dict[str, Any] = {}
    for message in ids:
        if isinstance(message, str):
            text = catalogue.gettext(message)
            if text != message:
                out[message] = text
            continue
        one, many = message[0], message[1]
        forms = {
            category: catalogue.ngettext(one, many, n)
            for category, n in _plural_samples(lang).items()
        }
        if any(text not in (one, many) for text in forms.values()):
            out[one] = forms
    return out


def page_messages(page: str, scripts: Mapping[str, str]) -> dict[str, Any]:
    """The messages a rendered `page` needs, in the current language: those of each script it
    loads (`scripts`: name -> source as published). Empty in the source language."""
    lang = current_language()
    if lang == SOURCE_LANGUAGE:
        return {}
    ids = [m for name in page_scripts(page) for m in script_messages(scripts.get(name, ""))]
    return translated_messages(list(dict.fromkeys(ids)), lang, current())


def ship_messages(files: Sequence[Any], assets: Mapping[str, Path]) -> list[Any]:
    """On a render in a language with a catalogue other than the source's
    (`generator.i18n.speaking`), every generated page (the ones with `pb-site`) gains
    `pb-messages`, the texts of the scripts it loads, and `pb-site` gains `lang`, the language
    the widgets speak (and write dates in); otherwise the files come back as they are (English
    pages keep their bytes and their weight; without a catalogue the widgets speak English).
    `assets` (site path -> source file, the organisation's overrides included) are the scripts as
    published, read for their message ids."""
    from babel.support import Translations

    lang = current_language()
    if lang == SOURCE_LANGUAGE or not isinstance(current(), Translations):
        return list(files)
    from generator.render.filters import json_script

    scripts = {
        path.rsplit("/", 1)[-1]: source.read_text(encoding="utf-8")
        for path, source in assets.items()
        if path.startswith("assets/playbook/") and path.endswith(".js")
    }
    out: list[Any] = []
    for file in files:
        found = _SITE_FACTS.search(file.content) if isinstance(file.content, str) else None
        if found is None or not file.path.endswith(".md"):
            out.append(file)
            continue
        facts = {**json.loads(found.group(1)), "lang": lang.replace("_", "-")}  # BCP 47
        block = f'<script type="application/json" id="pb-site">{json_script(facts)}</script>'
        messages = page_messages(file.content, scripts)
        if messages:  # on the next line: the same raw HTML block
            block += (
                f'\n<script type="application/json" id="pb-messages">{json_script(messages)}'
                "</script>"
            )
        text = file.content[: found.start()] + block + file.content[found.end() :]
        out.append(dataclasses.replace(file, content=text))
    return out


# --------------------------------------------------------------------------- transitional

#: Until `site.py` calls `tree_data(model)` / `composer_data(model)` itself.
TREE_DATA = "tree"
COMPOSER_DATA = "composer"


def widget_data(document: Any, spec: str) -> Json:
    """Transitional entry for callers holding only the merged document."""
    from generator.model_builder import build_model

    model = build_model(document)
    return tree_data(model) if spec == TREE_DATA else composer_data(model)
