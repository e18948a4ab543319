"""From bytes to text: a playbook file is UTF-8 without a byte-order mark, and never binary."""

from __future__ import annotations

from generator.findings import Finding, Location

_UTF8_BOM = b"\xef\xbb\xbf"
_OTHER_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def decode(raw: bytes, file: str) -> tuple[str | None, list[Finding]]:
    """The text of a file, or None and the reason it cannot be read as a playbook file."""
    for bom, encoding in _OTHER_BOMS:
        if raw.startswith(bom):
            return None, [
                Finding(
                    "file-encoding",
                    f"the file is saved as {encoding}; playbook files must be UTF-8",
                    Location(file, 1, 1),
                    hint="save the file as UTF-8 (without BOM) in your editor",
                )
            ]
    if raw.startswith(_UTF8_BOM):
        return None, [
            Finding(
                "file-bom",
                "the file starts with a byte-order mark (BOM)",
                Location(file, 1, 1),
                hint="save without BOM: choose 'UTF-8' rather than 'UTF-8 with BOM' in your editor",
            )
        ]
    if b"\x00" in raw:
        return None, [
            Finding(
                "file-binary",
                "the file contains NUL bytes; it looks like a binary file, not YAML text",
                _byte_location(raw, raw.index(b"\x00"), file),
                hint="playbook files are plain UTF-8 text",
            )
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        bad = raw[error.start : error.start + 4]
        return None, [
            Finding(
                "file-encoding",
                f"the file is not valid UTF-8: byte 0x{bad[0]:02x} cannot start or continue a"
                " character here",
                _byte_location(raw, error.start, file),
                hint="save the file as UTF-8 (it may be Latin-1 or Windows-1252)",
            )
        ]
    if not text.strip():
        return None, [
            Finding(
                "file-empty",
                "the file is empty",
                Location(file),
                hint="write the file's content, or start from `playbook init`",
            )
        ]
    return text, []


def _byte_location(raw: bytes, offset: int, file: str) -> Location:
    """Line and column (in characters, as editors count) of the byte at `offset`."""
    line_start = raw.rfind(b"\n", 0, offset) + 1
    line = raw.count(b"\n", 0, offset) + 1
    column = len(raw[line_start:offset].decode("utf-8", errors="replace")) + 1
    return Location(file, line, column)
