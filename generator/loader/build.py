"""Turn a YAML text into plain Python data and the position of every value, without recursion.

PyYAML's own composer and constructor recurse once per nesting level, so a 10,000-deep file would
crash them. This module walks the parser's event stream with an explicit stack instead, and applies
the limits (depth, aliases, values) while it goes, before anything large is built.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml import events as ev

from generator.findings import Finding, Location
from generator.loader.limits import Limits
from generator.loader.positions import DataPath, Positions
from generator.loader.yaml12 import MAP, SCALAR_TAGS, SEQ, Yaml12CParser, Yaml12Loader, scalar_value


class Stop(Exception):
    """Building cannot go on; `finding` says why."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding


class _Frame:
    """A mapping or sequence still being read (a plain class: made once per collection, and a
    dataclass costs more to define at start-up than this module's whole work on a playbook)."""

    __slots__ = ("anchor", "container", "first_key", "first_position", "key", "key_lines", "path")

    def __init__(
        self,
        path: DataPath,
        container: dict | list,
        anchor: str | None,
        first_position: int,  # index into the builder's value positions: the subtree's start
        first_key: int,  # index into the builder's key positions: the subtree's start
    ) -> None:
        self.path = path
        self.container = container
        self.anchor = anchor
        self.first_position = first_position
        self.first_key = first_key
        self.key: str | None = None  # mapping: the key whose value comes next
        self.key_lines: dict[str, int] = {}  # key -> the line it is on


class _Anchor:
    """An anchored value and the slices of positions that belong to it."""

    __slots__ = ("end", "key_end", "key_start", "path", "start", "value")

    def __init__(
        self,
        value: object,
        path: DataPath,
        start: int,  # slice of the builder's value positions holding the anchored subtree
        end: int,
        key_start: int = 0,  # slice of the builder's key positions inside the anchored subtree
        key_end: int = 0,
    ) -> None:
        self.value = value
        self.path = path
        self.start = start
        self.end = end
        self.key_start = key_start
        self.key_end = key_end


class Builder:
    """Consumes the events of one document; `run` returns the data of the first document."""

    def __init__(
        self, loader: Any, file: str, limits: Limits, findings: list[Finding], text: str
    ) -> None:
        self.loader = loader  # Yaml12Loader or Yaml12CParser: get_event, resolve
        self.text = text
        self.file = file
        self.limits = limits
        self.findings = findings
        # (path, (line, column)): `Positions` makes a Location of one only when a finding asks
        # for it, since most files have none and a Location per value costs a few ms per file.
        self.values: list[tuple[DataPath, tuple[int, int]]] = []
        self.keys: list[tuple[DataPath, tuple[int, int]]] = []
        self.ends: list[tuple[DataPath, tuple[int, int]]] = []
        self.anchors: dict[str, _Anchor | None] = {}  # None: the anchored collection is still open
        self.alias_count = 0
        # Lines holding a `#` (0-based, as marks count), so a plain text is checked for a cut by
        # a comment only there; None (check every text) where marks may count lines otherwise.
        self.hash_lines: frozenset[int] | None = (
            None
            if any(c in text for c in _OTHER_BREAKS)
            else frozenset(i for i, line in enumerate(text.split("\n")) if "#" in line)
        )

    def at(self, mark: yaml.Mark | None) -> Location:
        if mark is None:
            return Location(self.file)
        return Location(self.file, mark.line + 1, mark.column + 1)

    def stop(self, rule: str, message: str, mark: yaml.Mark | None, hint: str = "") -> Stop:
        return Stop(Finding(rule, message, self.at(mark), hint=hint))

    def positions(self) -> Positions:
        return Positions(self.file, self.values, self.keys, self.ends)

    # ------------------------------------------------------------------ the event loop

    def run(self) -> tuple[object, bool]:
        """Read events up to the end of the first document: (data, found a document)."""
        stack: list[_Frame] = []
        root: list[object] = []
        get_event = self.loader.get_event
        while True:
            event = get_event()
            kind = type(event)  # the exact event classes of yaml.events, from either parser
            if kind in _NODE_EVENTS:
                parent = stack[-1] if stack else None
                if parent is not None and parent.key is None and type(parent.container) is dict:
                    self.take_key(parent, event)
                    continue
                path = self.child_path(parent)
                value = self.node(event, path, stack)
                if kind is ev.MappingStartEvent or kind is ev.SequenceStartEvent:
                    continue
            elif kind is ev.MappingEndEvent or kind is ev.SequenceEndEvent:
                frame = stack.pop()
                self.ends.append((frame.path, (event.end_mark.line + 1, event.end_mark.column + 1)))
                if frame.anchor is not None:
                    self.anchors[frame.anchor] = _Anchor(
                        frame.container,
                        frame.path,
                        frame.first_position,
                        len(self.values),
                        frame.first_key,
                        len(self.keys),
                    )
                value = frame.container
                path = frame.path
            elif kind is ev.StreamEndEvent:
                return (root[0] if root else None), bool(root)
            elif kind is ev.DocumentStartEvent:
                if root:
                    raise self.stop(
                        "yaml-multiple-documents",
                        "this file holds more than one YAML document (a second `---`)",
                        event.start_mark,
                        hint="keep one document per file: remove the `---` line and what follows,"
                        " or merge it into the first document",
                    )
                continue
            else:  # stream start, document end
                continue
            self.attach(stack, root, path, value)

    def child_path(self, parent: _Frame | None) -> DataPath:
        if parent is None:
            return ()
        if isinstance(parent.container, list):
            return (*parent.path, len(parent.container))
        return (*parent.path, parent.key)  # type: ignore[arg-type]

    @staticmethod
    def attach(stack: list[_Frame], root: list[object], path: DataPath, value: object) -> None:
        if not stack:
            root.append(value)
            return
        parent = stack[-1]
        if isinstance(parent.container, list):
            parent.container.append(value)
        else:
            parent.container[parent.key] = value  # type: ignore[index]
            parent.key = None

    # ------------------------------------------------------------------ keys

    def take_key(self, frame: _Frame, event: ev.Event) -> None:
        if type(event) is not ev.ScalarEvent:
            raise self.stop(
                "yaml-key-type",
                "a mapping key must be plain text, not a list, mapping or alias",
                event.start_mark,
                hint="write `name: value` with a plain word before the colon",
            )
        key = event.value  # the key as written: JSON keys are strings, `1:` means "1"
        mark = event.start_mark
        line, column = mark.line + 1, mark.column + 1
        first = frame.key_lines.get(key)
        if first is not None:
            self.findings.append(
                Finding(
                    "yaml-duplicate-key",
                    f"duplicate key '{key}': it is also set on line {first}; "
                    f"YAML keeps only one of them",
                    Location(self.file, line, column),
                    hint=f"remove one of the two '{key}' entries (lines {first} and {line})",
                )
            )
        else:
            frame.key_lines[key] = line
        frame.key = key
        self.keys.append(((*frame.path, key), (line, column)))

    # ------------------------------------------------------------------ values

    def node(self, event: ev.Event, path: DataPath, stack: list[_Frame]) -> object:
        if type(event) is ev.AliasEvent:
            return self.alias(event, path)
        mark = event.start_mark
        limits = self.limits
        if len(self.values) >= limits.max_nodes or len(path) > limits.max_depth:
            self.count(mark, len(path))  # raises the finding
        self.values.append((path, (mark.line + 1, mark.column + 1)))
        anchor = getattr(event, "anchor", None)
        if isinstance(event, ev.ScalarEvent):
            value = self.scalar(event)
            if (
                isinstance(value, str)
                and not event.style  # plain: None (Python), "" (libyaml)
                and (self.hash_lines is None or event.end_mark.line in self.hash_lines)
            ):
                self.check_cut_by_comment(event)
            self.ends.append((path, (event.end_mark.line + 1, event.end_mark.column + 1)))
            if anchor is not None:
                self.anchors[anchor] = _Anchor(value, path, len(self.values) - 1, len(self.values))
            return value
        if isinstance(event, (ev.MappingStartEvent, ev.SequenceStartEvent)):
            self.check_tag(event, MAP if isinstance(event, ev.MappingStartEvent) else SEQ)
            if len(stack) + 1 > self.limits.max_depth:
                raise self.too_deep(event.start_mark)
            container: dict | list = {} if isinstance(event, ev.MappingStartEvent) else []
            if anchor is not None:
                self.anchors[anchor] = None
            stack.append(_Frame(path, container, anchor, len(self.values) - 1, len(self.keys)))
            return container
        raise self.stop("yaml-syntax", f"unexpected YAML event {event}", event.start_mark)

    def scalar(self, event: ev.ScalarEvent) -> object:
        tag = event.tag
        if tag is None or tag == "!":
            text = event.value
            # Quoted, or plain and starting with a character no resolver looks at: text, as
            # the resolver would find after trying no pattern (_RESOLVED_FIRST).
            if not event.implicit[0] or (text and text[0] not in _RESOLVED_FIRST):
                return text
            tag = self.loader.resolve(yaml.ScalarNode, text, event.implicit)
        if tag not in SCALAR_TAGS:
            raise self.unsupported_tag(tag, event.start_mark)
        try:
            return scalar_value(tag, event.value)
        except ValueError:
            kind = tag.rsplit(":", 1)[-1]
            raise self.stop(
                "yaml-tag",
                f"'{event.value}' cannot be read as {kind} (tag {_short(event.tag)})",
                event.start_mark,
                hint="remove the explicit tag or fix the value",
            ) from None

    def check_cut_by_comment(self, event: ev.ScalarEvent) -> None:
        """Warn when ` #word` ends a plain text: YAML read the rest of the line as a comment.

        `text: Open #inc-{date}` silently loses everything from `#`; a comment written on purpose
        has a space after the `#`, so only `#` followed directly by a character is reported.
        """
        mark = event.end_mark
        end = self.text.find("\n", mark.index)
        rest = self.text[mark.index : end if end >= 0 else len(self.text)]
        match = _CUT_BY_COMMENT.match(rest)
        if match is None:
            return
        column = mark.column + match.start(1) + 1
        self.findings.append(
            Finding(
                "yaml-comment-in-text",
                f"the text ends before '{match.group(1)}...': YAML reads ' #' as the start of a "
                "comment",
                Location(self.file, mark.line + 1, column),
                level="warning",
                hint="put the whole value in quotes to keep the '#' and what follows",
            )
        )

    def check_tag(self, event: ev.CollectionStartEvent, expected: str) -> None:
        if event.tag not in (None, "!", expected):
            raise self.unsupported_tag(event.tag, event.start_mark)

    def unsupported_tag(self, tag: str, mark: yaml.Mark) -> Stop:
        return self.stop(
            "yaml-tag",
            f"the tag '{_short(tag)}' is not supported; a playbook holds only text, numbers,"
            " booleans, lists and mappings",
            mark,
            hint="remove the tag; quote the value if it should stay text",
        )

    def too_deep(self, mark: yaml.Mark | None) -> Stop:
        return self.stop(
            "yaml-too-deep",
            f"the data is nested more than {self.limits.max_depth} levels deep",
            mark,
            hint="a playbook needs only a few levels; check the indentation",
        )

    def count(self, mark: yaml.Mark | None, depth: int, amount: int = 1) -> None:
        if len(self.values) + amount > self.limits.max_nodes:
            if self.alias_count:
                raise self.stop(
                    "yaml-alias-limit",
                    f"aliases expand this file to more than {self.limits.max_nodes} values",
                    mark,
                    hint="write the values out instead of nesting aliases",
                )
            raise self.stop(
                "yaml-too-many-items",
                f"the file holds more than {self.limits.max_nodes} values",
                mark,
                hint="split the content or remove generated data",
            )
        if depth > self.limits.max_depth:
            raise self.too_deep(mark)

    def alias(self, event: ev.AliasEvent, path: DataPath) -> object:
        self.alias_count += 1
        if self.alias_count > self.limits.max_aliases:
            raise self.stop(
                "yaml-alias-limit",
                f"more than {self.limits.max_aliases} aliases (`*name`) in one file",
                event.start_mark,
                hint="write the values out instead of repeating aliases",
            )
        if event.anchor not in self.anchors:
            raise self.stop(
                "yaml-syntax",
                f"the alias *{event.anchor} refers to no anchor &{event.anchor} above it",
                event.start_mark,
                hint=f"define `&{event.anchor}` before using `*{event.anchor}`",
            )
        anchor = self.anchors[event.anchor]
        if anchor is None:
            raise self.stop(
                "yaml-alias-limit",
                f"the alias *{event.anchor} is used inside the value it refers to, which would"
                " make the data infinitely deep",
                event.start_mark,
                hint="remove the alias",
            )
        copied = self.values[anchor.start : anchor.end]
        deepest = max(len(p) for p, _ in copied) - len(anchor.path) + len(path)
        self.count(event.start_mark, deepest, len(copied))
        mark = event.start_mark
        here = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
        cut = len(anchor.path)
        self.values.append((path, here))
        self.values.extend(((*path, *p[cut:]), loc) for p, loc in copied[1:])
        copied_keys = self.keys[anchor.key_start : anchor.key_end]
        self.keys.extend(((*path, *p[cut:]), loc) for p, loc in copied_keys)
        return anchor.value


def _short(tag: str) -> str:
    """`tag:yaml.org,2002:int` as the author wrote it: `!!int`."""
    return "!!" + tag[len(_YAML_TAG) :] if tag.startswith(_YAML_TAG) else tag


_YAML_TAG = "tag:yaml.org,2002:"

#: Events that make a node (or a key).
_NODE_EVENTS = frozenset(
    {ev.ScalarEvent, ev.MappingStartEvent, ev.SequenceStartEvent, ev.AliasEvent}
)

#: First characters for which the YAML 1.2 resolvers try a pattern; any other plain text is text.
#: (PyYAML consults its `None` entry for every first character: then there is no shortcut.)
_RESOLVED_FIRST: frozenset[str] = (
    frozenset(key for key in Yaml12Loader.yaml_implicit_resolvers if key)
    if None not in Yaml12Loader.yaml_implicit_resolvers
    else frozenset(chr(code) for code in range(0x110000))
)

#: Line breaks other than `\n` (`\r`, and YAML 1.1's NEL, LS, PS).
_OTHER_BREAKS = ("\r", "\x85", "\u2028", "\u2029")

#: Texts on which libyaml and the Python parser disagree: characters (a tab as a separator, a
#: byte-order mark inside the text, the YAML 1.1 line breaks NEL, LS and PS) ...
_PYTHON_ONLY_CHARACTERS = ("\t", "\ufeff", "\x85", "\u2028", "\u2029")
#: ... and constructs: a block scalar header touching a `#` (`>#`), a tag starting a token (libyaml
#: types `key: !` as text, PyYAML as null), a directive (`%YAML 1.2#x`). Three patterns, each
#: searched only when its character occurs: one alternation of all three costs ~3 ms a playbook.
_PYTHON_ONLY_PATTERNS = (
    ("#", re.compile(r"[|>][-+0-9]*#")),
    ("!", re.compile(r"(?:^|[\s\[{,])!", re.M)),
    ("%", re.compile(r"^%", re.M)),
)

#: A line holding `[` or `{`, which may open a flow collection.
_FLOW_LINE = re.compile(r"^[^\n]*[\[{][^\n]*$", re.M)


def _python_only(text: str) -> bool:
    """Whether `text` needs the Python parser: the characters and constructs above, or a flow
    collection libyaml reads more leniently (see _lenient_flow)."""
    if any(c in text for c in _PYTHON_ONLY_CHARACTERS) or any(
        mark in text and pattern.search(text) for mark, pattern in _PYTHON_ONLY_PATTERNS
    ):
        return True
    return any(_lenient_flow(match.group()) for match in _FLOW_LINE.finditer(text))


#: An empty value in a flow collection: `:` then only spaces before `,`, `}` or `]`.
_EMPTY_FLOW_VALUE = re.compile(r": *[,}\]]")


def _lenient_flow(line: str) -> bool:
    """A flow collection on `line` that spans lines, holds a `?`, or an empty value (`{a: , b}`,
    where libyaml places the null at the comma). Quoted text (a quote that starts a token) and
    comments are skipped, so a regular expression in quotes does not count."""
    if '"' in line or "'" in line or "#" in line:
        return _lenient_flow_scan(line)
    # No quote and no comment: the scan below comes down to counting brackets and looking for
    # `?` or an empty value after the first one (a `{placeholder}` in a text is the common case).
    opens = [at for at in (line.find("["), line.find("{")) if at >= 0]
    if not opens:
        return False
    after = line[min(opens) :]
    depth = line.count("[") + line.count("{") - line.count("]") - line.count("}")
    return depth != 0 or "?" in after or _EMPTY_FLOW_VALUE.search(after) is not None


def _lenient_flow_scan(line: str) -> bool:
    """`_lenient_flow` character by character, for lines holding quotes or a comment."""
    depth = 0
    seen = False
    quote = ""
    previous = " "
    index = 0
    while index < len(line):
        char = line[index]
        if quote:
            if char == "\\" and quote == '"':
                index += 2
                continue
            if char == quote:
                if quote == "'" and line[index + 1 : index + 2] == "'":
                    index += 2
                    continue
                quote = ""
        elif char in "\"'" and previous in " \t[{,:":
            quote = char
        elif char == "#" and previous in " \t":
            break
        elif char in "[{":
            depth += 1
            seen = True
        elif char in "]}":
            depth -= 1
        elif seen and (
            char == "?" or (char == ":" and line[index + 1 :].lstrip(" ")[:1] in (",", "}", "]"))
        ):
            return True
        previous = char
        index += 1
    return seen and (depth != 0 or bool(quote))


#: After a plain scalar: blanks, then `#` directly followed by a non-blank (`#inc-...`, `#42`).
_CUT_BY_COMMENT = re.compile(r"[ \t]+(#[^\s#][^\s]{0,20})")


def build(text: str, file: str, limits: Limits) -> tuple[object, Positions, list[Finding], bool]:
    """Parse `text`: (data, positions, findings, found a document); data is None on a stop.

    libyaml reads the file first; when it reads it without any finding, that is the result.
    Otherwise (a syntax error, a duplicate key, a limit...) the Python parser reads it again, so
    every problem is reported with the words and marks of one parser whichever is installed.
    PyYAML's own errors (syntax, unreadable characters) propagate to the caller, which knows the
    source lines needed to explain them.
    """
    # libyaml takes a tab as a separator where the Python parser refuses it (`a:<tab>1`), and
    # ends a text without a final line break one line later: such texts (rare in real files) go
    # to the Python parser, which reports `yaml-tab` when it should (see _python_only).
    if Yaml12CParser is not None and text.endswith("\n") and not _python_only(text):
        try:
            fast = _build(Yaml12CParser(text), text, file, limits)
        except yaml.YAMLError:
            pass
        else:
            if not fast[2]:
                return fast
    return _build(Yaml12Loader(text), text, file, limits)


def _build(
    loader: Any, text: str, file: str, limits: Limits
) -> tuple[object, Positions, list[Finding], bool]:
    findings: list[Finding] = []
    builder = Builder(loader, file, limits, findings, text)
    try:
        data, found = builder.run()
    except Stop as stop:
        findings.append(stop.finding)
        return None, builder.positions(), findings, True
    finally:
        loader.dispose()
    return data, builder.positions(), findings, found
