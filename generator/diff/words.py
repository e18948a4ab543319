"""Values and field names in words, and the collector the comparers write changes into."""

from __future__ import annotations

from dataclasses import fields, is_dataclass

from generator.diff.changes import Change, Kind

#: Long texts are shortened in sentences (the JSON keeps them whole).
MAX_TEXT = 90

#: Field names whose words differ from the field name with underscores replaced.
FIELD_WORDS: dict[str, str] = {
    "acknowledge_within": "acknowledge within",
    "lead": "lead role",
    "lead_assigned_within": "lead assigned within",
    "executives": "executives told",
    "executives.when": "executives told",
    "executives.condition": "condition for telling executives",
    "executives.within": "executives told within",
    "public_communication": "public communication",
    "public_communication.when": "public communication",
    "public_communication.condition": "condition for public communication",
    "escalate_after": "escalate after",
    "how": "reached by",
    "owns_updates_for": "owns the updates for",
    "default_lead": "default lead role",
    "format": "format version",
    "decision_tree_max_answers": "most answers on a path through the tree",
    "war_room": "war room",
    "page": "paged",
    "roles": "roles staffed",
    "tracked_as_bug": "tracked as a bug",
    "review.owner": "owner",
    "review.last_reviewed": "last reviewed",
    "last_reviewed": "last reviewed",
    "review_max_age_days": "maximum review age (days)",
    "links.status_page": "status page link",
    "links.on_call": "on-call link",
    "links.incident_tracker": "incident tracker link",
    "links.chat": "chat link",
    "terminology.severity_word": "word for severity",
    "terminology.incident_word": "word for incident",
}


def words_for(path: tuple[str, ...]) -> str:
    """A field path inside an item, in words: ("response", "war_room") -> "war room"."""
    inner = tuple(p for p in path if p != "response")
    key = ".".join(inner)
    if key in FIELD_WORDS:
        return FIELD_WORDS[key]
    if inner and inner[-1] in FIELD_WORDS and len(inner) == 1:
        return FIELD_WORDS[inner[-1]]
    return " ".join(p.replace("_", " ") for p in inner)


def plain(value: object) -> object:
    """A model value as plain JSON data (dataclasses become mappings, tuples lists)."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    return value


def _rule(value: object) -> str:
    """A whether-and-how-soon rule (public communication, executives) in a few words:
    "always, within 15m", "conditional: the impact lasts 2 hours", "lead decides"."""
    text = str(getattr(value, "when", "")).replace("-", " ")
    condition = getattr(value, "condition", "")
    if condition:
        text += f": {condition}"
    within = getattr(value, "within", None)
    if within:
        text += f", within {within}"
    return text


def show(value: object) -> str:
    """A value in a sentence: durations bare, texts quoted and shortened, booleans as yes/no;
    a record by its fields that are set."""
    if value is None:
        return "not set"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple | list):
        return ", ".join(show(v) for v in value) if value else "none"
    if hasattr(value, "when") and is_dataclass(value):
        return show(_rule(value))
    if is_dataclass(value) and not isinstance(value, type):
        parts = (
            f"{f.name.replace('_', ' ')} {show(getattr(value, f.name))}"
            for f in fields(value)
            if getattr(value, f.name) not in (None, "", ())
        )
        return "(" + ", ".join(parts) + ")"
    text = " ".join(str(value).split())
    if len(text) > MAX_TEXT:
        text = text[: MAX_TEXT - 1].rstrip() + "…"
    if " " in text or not text:
        return f"'{text}'"
    return text


class Collector:
    """Gathers the changes of one area; comparers call `added`, `removed` and `changed`."""

    def __init__(self) -> None:
        self.changes: list[Change] = []

    def add(
        self,
        area: str,
        kind: Kind,
        subject: str,
        text: str,
        *,
        field: str = "",
        old: object = None,
        new: object = None,
        less_strict: str = "",
    ) -> None:
        self.changes.append(
            Change(
                area=area,
                kind=kind,
                subject=subject,
                text=text,
                field=field,
                old=plain(old),
                new=plain(new),
                less_strict=less_strict,
            )
        )

    def added(self, area: str, subject: str, item: object, *, what: str = "") -> None:
        label = f"{what} {subject}".strip()
        self.add(area, "added", subject, f"{label} added", new=item)

    def removed(
        self, area: str, subject: str, item: object, *, what: str = "", why: str = ""
    ) -> None:
        label = f"{what} {subject}".strip()
        self.add(area, "removed", subject, f"{label} removed", old=item, less_strict=why)

    def changed(
        self, area: str, subject: str, field: str, old: object, new: object, *, why: str = ""
    ) -> None:
        prefix = f"{subject}: " if subject else ""
        text = f"{prefix}{field} {show(old)} -> {show(new)}"
        self.add(area, "changed", subject, text, field=field, old=old, new=new, less_strict=why)
