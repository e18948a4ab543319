"""Broken inputs whose bytes are made at test time: huge, binary or special files.

Each case writes into a fresh copy of the minimal playbook and states, beside its name, the
findings `playbook validate` must report, with the words a user reads (tests/findings_contract.py).
The expectations are data, so the fixture test can count which rules' messages are checked.
"""

from __future__ import annotations

import os
import random
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.layout import REQUIRED_KINDS
from tests.findings_contract import Expected, block

MINIMAL = Path(__file__).resolve().parents[1] / "fixtures" / "minimal"

Maker = Callable[[Path], None]  # writes into the playbook folder


@dataclass(frozen=True)
class Generated:
    make: Maker
    expected: tuple[Expected, ...]


GENERATED: dict[str, Generated] = {}

TOO_LARGE = ("the file is larger than 2 MB", "a playbook file is a few hundred lines")
TOO_MANY = ("the file holds more than 100000 values", "split the content or remove generated data")
TOO_DEEP = ("the data is nested more than 64 levels deep", "a playbook needs only a few levels")
ALIASES = ("aliases expand this file to more than 100000 values", "write the values out")
BINARY = ("the file contains NUL bytes; it looks like a binary file", "plain UTF-8 text")
NOT_UTF8 = ("the file is not valid UTF-8: byte 0x", "save the file as UTF-8")
NOT_REGULAR = "a playbook file must be a regular YAML file"

#: The finding of a file nobody may read (tests/hardening/test_broken_input.py runs it as a user
#: without the right to read it).
UNREADABLE = block(
    "file-unreadable roles.yaml:0:0", "the file cannot be read: Permission denied", None
)


def case(name: str, *expected: Expected) -> Callable[[Maker], Maker]:
    def register(maker: Maker) -> Maker:
        GENERATED[name] = Generated(maker, expected)
        return maker

    return register


def every_generated_block() -> list[Expected]:
    return [want for item in GENERATED.values() for want in item.expected] + [UNREADABLE]


@case("file-of-100-mb", block("yaml-too-large roles.yaml:0:0", *TOO_LARGE))
def _huge(playbook: Path) -> None:
    line = b"  - Every request fails with a timeout after thirty seconds.\n"
    chunk = line * (1024 * 1024 // len(line) + 1)
    with open(playbook / "roles.yaml", "wb") as handle:
        handle.write(b"roles:\n")
        while handle.tell() < 100 * 1024 * 1024:
            handle.write(chunk)


@case("file-one-byte-over-the-limit", block("yaml-too-large rubrics.yaml:0:0", *TOO_LARGE))
def _over_limit(playbook: Path) -> None:
    body = "rubrics:\n" + "# padding\n" * (2 * 1024 * 1024 // 10)
    (playbook / "rubrics.yaml").write_text(body + "#" * (2 * 1024 * 1024 + 1 - len(body)))


@case("million-item-flow-list", block("yaml-too-many-items roles.yaml:1:200005", *TOO_MANY))
def _million_flow(playbook: Path) -> None:
    (playbook / "roles.yaml").write_text("roles: [" + ",".join(["0"] * 1_000_000) + "]\n")


@case("half-million-item-block-list", block("yaml-too-many-items rubrics.yaml:100000:3", *TOO_MANY))
def _million_block(playbook: Path) -> None:
    (playbook / "rubrics.yaml").write_text("rubrics:\n" + "- 1\n" * 500_000)


@case("nesting-10000-flow-lists", block("yaml-too-deep roles.yaml:1:71", *TOO_DEEP))
def _deep_lists(playbook: Path) -> None:
    (playbook / "roles.yaml").write_text("roles: " + "[" * 10_000 + "]" * 10_000 + "\n")


@case("nesting-10000-flow-mappings", block("yaml-too-deep mitigation.yaml:1:264", *TOO_DEEP))
def _deep_maps(playbook: Path) -> None:
    (playbook / "mitigation.yaml").write_text("principle: " + "{a: " * 10_000 + "}" * 10_000)


@case("nesting-10000-block-lists", block("yaml-too-deep guidance.yaml:2:127", *TOO_DEEP))
def _deep_block(playbook: Path) -> None:
    (playbook / "guidance.yaml").write_text("decision_authority:\n" + "- " * 10_000 + "x\n")


@case("billion-laughs", block("yaml-alias-limit rubrics.yaml:6:8", *ALIASES))
def _laughs(playbook: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        name, previous = chr(ord("a") + level), chr(ord("a") + level - 1)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    (playbook / "rubrics.yaml").write_text("\n".join(lines) + "\n")


@case("few-aliases-huge-expansion", block("yaml-alias-limit rubrics.yaml:2:", *ALIASES))
def _wide_aliases(playbook: Path) -> None:
    items = ",".join(["x"] * 2000)
    (playbook / "rubrics.yaml").write_text(
        f"base: &base [{items}]\nrubrics: [" + ",".join(["*base"] * 60) + "]\n"
    )


@case("random-binary", block("file-binary severities.yaml:1:", *BINARY))
def _binary(playbook: Path) -> None:
    (playbook / "severities.yaml").write_bytes(random.Random(6).randbytes(4096))


@case("png-image-named-yaml", block("file-binary phases.yaml:3:1", *BINARY))
def _png(playbook: Path) -> None:
    (playbook / "phases.yaml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))


@case("windows-1252-quotes", block("file-encoding organisation.yaml:3:7", *NOT_UTF8))
def _cp1252(playbook: Path) -> None:
    text = (MINIMAL / "organisation.yaml").read_text().replace("Example Org", "\u201cExample\u201d")
    (playbook / "organisation.yaml").write_bytes(text.encode("cp1252"))


@case("overlong-utf8", block("file-encoding organisation.yaml:1:9", *NOT_UTF8))
def _overlong(playbook: Path) -> None:
    (playbook / "organisation.yaml").write_bytes(
        b"name: Ex\xc0\xafample\ntimezone: UTC\nformat: 2\n"
    )


@case(
    "utf-16-with-bom",
    block(
        "file-encoding rubrics.yaml:1:1",
        "the file is saved as UTF-16; playbook files must be UTF-8",
        "save the file as UTF-8 (without BOM)",
    ),
)
def _utf16(playbook: Path) -> None:
    text = (MINIMAL / "rubrics.yaml").read_text()
    (playbook / "rubrics.yaml").write_bytes(text.encode("utf-16"))


@case(
    "utf-8-bom",
    block(
        "file-bom phases.yaml:1:1",
        "the file starts with a byte-order mark (BOM)",
        "choose 'UTF-8' rather than 'UTF-8 with BOM'",
    ),
)
def _bom(playbook: Path) -> None:
    (playbook / "phases.yaml").write_bytes(b"\xef\xbb\xbf" + (MINIMAL / "phases.yaml").read_bytes())


@case("nul-byte-inside-valid-text", block("file-binary mitigation.yaml:6:15", *BINARY))
def _nul(playbook: Path) -> None:
    text = (MINIMAL / "mitigation.yaml").read_bytes().replace(b"Rollback", b"Roll\x00back", 1)
    (playbook / "mitigation.yaml").write_bytes(text)


@case(
    "tabs-everywhere",
    block(
        "yaml-tab roles.yaml:3:1",
        "a tab character is used for indentation or spacing; YAML allows only spaces here",
        "replace the tab with spaces",
    ),
)
def _tabs(playbook: Path) -> None:
    text = (MINIMAL / "roles.yaml").read_text().replace("  ", "\t")
    (playbook / "roles.yaml").write_text(text)


@case(
    "symbolic-link-loop-of-two",
    block("file-not-regular roles.yaml:0:0", "this is a symbolic link loop", "point the link at"),
    block(
        "file-unknown other.yml:0:0",
        "other.yml is not a playbook file, so its content would be ignored",
        "a playbook folder holds organisation.yaml, severities.yaml",
    ),
)
def _loop(playbook: Path) -> None:
    (playbook / "roles.yaml").unlink()
    (playbook / "roles.yaml").symlink_to("other.yml")
    (playbook / "other.yml").symlink_to("roles.yaml")


@case(
    "dangling-symbolic-link",
    block("file-missing rubrics.yaml:0:0", "the file cannot be found (a broken symbolic link?)"),
)
def _dangling(playbook: Path) -> None:
    (playbook / "rubrics.yaml").unlink()
    (playbook / "rubrics.yaml").symlink_to("gone/rubrics.yaml")


@case(
    "link-to-dev-zero",
    block(
        "file-link-outside rubrics.yaml:0:0",
        "rubrics.yaml is a symbolic link to a file outside the playbook folder; it is not read",
        "replace the link with the file itself",
    ),
)
def _dev_zero(playbook: Path) -> None:
    (playbook / "rubrics.yaml").unlink()
    (playbook / "rubrics.yaml").symlink_to("/dev/zero")


@case(
    "named-pipe-instead-of-a-file",
    block("file-not-regular guidance.yaml:0:0", f"this is not a regular file; {NOT_REGULAR}"),
)
def _fifo(playbook: Path) -> None:
    (playbook / "guidance.yaml").unlink()
    os.mkfifo(playbook / "guidance.yaml")  # opening it would block forever


@case(
    "folder-instead-of-a-file",
    block("file-not-regular severities.yaml:0:0", f"this is a folder; {NOT_REGULAR}"),
)
def _folder(playbook: Path) -> None:
    (playbook / "severities.yaml").unlink()
    (playbook / "severities.yaml").mkdir()
    (playbook / "severities.yaml" / "severities.yaml").write_text("severities: []\n")


@case(
    "empty-file",
    block("file-empty guidance.yaml:0:0", "the file is empty", "write the file's content"),
)
def _empty(playbook: Path) -> None:
    (playbook / "guidance.yaml").write_bytes(b"")


@case(
    "empty-folder",
    *(
        block(
            "file-missing .:0:0",
            f"the playbook has no {kind}.yaml",
            f"create {kind}.yaml",
        )
        for kind in REQUIRED_KINDS
    ),
)
def _empty_folder(playbook: Path) -> None:
    shutil.rmtree(playbook)
    playbook.mkdir()


@case(
    "folder-missing",
    block(
        "folder-missing .:0:0",
        "the playbook folder does not exist",
        "pass the folder holding organisation.yaml",
    ),
)
def _no_folder(playbook: Path) -> None:
    shutil.rmtree(playbook)


@case(
    "folder-is-a-file",
    block("folder-missing .:0:0", "this is not a folder; give the playbook folder"),
)
def _folder_is_file(playbook: Path) -> None:
    shutil.rmtree(playbook)
    playbook.write_text("name: Example Org\n")


@case(
    "a-thousand-unknown-files",
    *(
        block(
            f"file-unknown extra-{number:04}.yaml:0:0",
            f"extra-{number:04}.yaml is not a playbook file, so its content would be ignored",
            "a playbook folder holds organisation.yaml",
        )
        for number in range(1000)
    ),
)
def _many_files(playbook: Path) -> None:
    for number in range(1000):
        (playbook / f"extra-{number:04}.yaml").write_text("a: 1\n")


@case(
    "one-line-of-1-mb",
    block(
        "schema-length organisation.yaml:1:7",
        "`name` is too long: 1000000 characters, at most 120",
        "The organisation's name",
    ),
)
def _long_line(playbook: Path) -> None:
    text = (MINIMAL / "organisation.yaml").read_text()
    (playbook / "organisation.yaml").write_text(
        f"name: {'x' * 1_000_000}\n"
        + "\n".join(line for line in text.splitlines() if not line.startswith(("name:", "#")))
    )


@case(
    "deep-but-within-limit-then-wrong-type",
    block(
        "schema-type guidance.yaml:3:5",
        "item 1 of `decision_authority` must be text, not a list",
        "One entry, in plain words.",
    ),
)
def _deep_ok(playbook: Path) -> None:
    (playbook / "guidance.yaml").write_text(
        (MINIMAL / "guidance.yaml")
        .read_text()
        .replace("  - Roll back any change.", "  - " + "[" * 60 + "]" * 60)
    )
