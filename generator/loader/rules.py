"""The rule ids the loader reports, in words: one table for the reference page and the tests."""

from __future__ import annotations

#: Every rule of the loader (before any schema), with what it means.
LOADER_RULES: dict[str, str] = {
    "folder-missing": "the playbook folder does not exist or is not a folder",
    "file-missing": "a playbook file is missing",
    "file-unknown": "a file the playbook does not know (a typo in the name?)",
    "file-duplicate": "the same file as .yaml and .yml",
    "file-empty": "an empty file",
    "file-bom": "a byte-order mark at the start of the file",
    "file-encoding": "the file is not UTF-8",
    "file-binary": "the file is not text",
    "file-not-regular": "not a regular file (a folder, a device, a broken link)",
    "file-unreadable": "the file cannot be read",
    "file-link-outside": "a symbolic link to a file outside the playbook folder (never read)",
    "yaml-syntax": "the YAML cannot be parsed",
    "yaml-tab": "a tab used for indentation",
    "yaml-duplicate-key": "the same key twice in one mapping",
    "yaml-multiple-documents": "more than one YAML document in the file",
    "yaml-not-mapping": "the file is not a mapping of keys to values",
    "yaml-too-deep": "nesting deeper than the limit",
    "yaml-too-large": "a file larger than the limit",
    "yaml-too-many-items": "more entries than the limit",
    "yaml-alias-limit": "too many aliases (a YAML bomb)",
    "yaml-tag": "an explicit YAML tag other than the plain scalar ones",
    "yaml-key-type": "a key that is not text",
    "yaml-comment-in-text": "a text cut short by ' #', which YAML reads as a comment",
}

#: Loader rules reported as warnings; every other loader rule is an error.
LOADER_WARNINGS: frozenset[str] = frozenset({"yaml-comment-in-text"})
