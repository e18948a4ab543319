"""Where things are: the playbook's file kinds and the project's own folders.

One place names the files a playbook is made of, so the loader, the schema and `init` agree.
"""

from __future__ import annotations

from pathlib import Path

#: The files of a playbook folder, by kind (the file stem), in reading order.
FILE_KINDS: tuple[str, ...] = (
    "organisation",
    "severities",
    "roles",
    "phases",
    "communication",
    "status-templates",
    "decision-tree",
    "rubrics",
    "mitigation",
    "guidance",
)

#: Extensions accepted for playbook files; `.yaml` is the one `init` writes.
YAML_SUFFIXES: tuple[str, ...] = (".yaml", ".yml")

#: The folder of hand-written Markdown pages inside a playbook folder.
PAGES_DIR = "pages"

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = PROJECT_ROOT / "schema"
TEMPLATES_DIR = PROJECT_ROOT / "templates"
DEFAULT_PLAYBOOK_DIR = PROJECT_ROOT / "playbook"

#: The schema describing the merged document (`playbook.json`): one property per file kind.
ROOT_SCHEMA = "playbook.schema.json"


def schema_file(kind: str) -> str:
    """The schema file name for a file kind, as used in the `$schema` modeline."""
    return f"{kind}.schema.json"


def modeline(kind: str, schema_dir: str = "../schema") -> str:
    """The first line of every playbook file: editors read the schema from it."""
    return f"# yaml-language-server: $schema={schema_dir}/{schema_file(kind)}"
