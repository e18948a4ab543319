"""Text a team has not made its own yet: links to reserved example addresses, and files still
holding the sample text `playbook init` wrote (warnings: the playbook works, but is not theirs)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.findings import Finding
from generator.loader import DataPath
from generator.sample import SAMPLE_KEY, is_unchanged_sample
from generator.validate.document import Document
from generator.validate.rule_table import level_of

#: A web or mail address inside any text: its host is what makes it a placeholder.
_ADDRESS = re.compile(
    r"(?:https?://(?:[^\s/?#@]*@)?(?P<host>[^\s/?#:\])>]+)|mailto:[^\s@]+@(?P<mailhost>[^\s?>)\]]+))",
    re.IGNORECASE,
)
#: Names reserved for examples and tests (RFC 2606, RFC 6761): they never reach a real team.
_RESERVED_DOMAINS = ("example.com", "example.org", "example.net")
_RESERVED_SUFFIXES = (".example", ".invalid", ".test", ".localhost")


def is_placeholder_host(host: str) -> bool:
    """True for example.com/.org/.net and their subdomains, *.example, *.invalid, *.test and
    localhost."""
    name = host.lower().rstrip(".")
    if name in ("localhost", *(suffix[1:] for suffix in _RESERVED_SUFFIXES)):
        return True
    if any(name == domain or name.endswith("." + domain) for domain in _RESERVED_DOMAINS):
        return True
    return name.endswith(_RESERVED_SUFFIXES)


def _texts(node: object, path: DataPath = ()) -> Iterator[tuple[DataPath, str]]:
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            if isinstance(key, str):
                yield from _texts(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _texts(value, (*path, index))


def check_placeholder_links(doc: Document) -> Iterator[Finding]:
    """`placeholder-link` (warning): no link points at a reserved example address."""
    for kind, loaded in doc.files.items():
        for path, text in _texts(loaded.data):
            for match in _ADDRESS.finditer(text):
                host = match.group("host") or match.group("mailhost") or ""
                if not is_placeholder_host(host):
                    continue
                address = match.group(0)
                yield Finding(
                    "placeholder-link",
                    f"{address} is a placeholder: {host} is reserved for examples and reaches"
                    " nobody; links may point at your own https:, http:, mailto: or tel:"
                    " addresses, or at a page of this site",
                    doc.text_at(kind, path, address),
                    level=level_of("placeholder-link"),
                    hint="replace it with your team's real address, or leave the link out"
                    " (every link is optional)",
                )


def check_sample_text(doc: Document) -> Iterator[Finding]:
    """`sample-text` (warning): a file marked by `playbook init` still holds exactly that text."""
    for kind, loaded in doc.files.items():
        if isinstance(loaded.data, dict) and is_unchanged_sample(loaded.data):
            yield doc.finding(
                "sample-text",
                f"{kind}.yaml is still the sample text written by `playbook init`: it describes a"
                " fictional organisation, not yet your team's own process",
                kind,
                (SAMPLE_KEY,),
                hint="edit it to say how your team works, or set last_reviewed once the team has"
                " checked it; either ends this warning. Then delete the `sample:` line",
                key=True,
            )
