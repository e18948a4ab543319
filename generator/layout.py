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
    "incident-types",
    "rubrics",
    "mitigation",
    "guidance",
)

#: Kinds a playbook may leave out: without a decision tree the site leads to the severity table,
#: without incident types every incident is an ordinary one.
OPTIONAL_KINDS: frozenset[str] = frozenset({"decision-tree", "incident-types"})

#: Kinds every playbook has (`file-missing` when absent), in reading order.
REQUIRED_KINDS: tuple[str, ...] = tuple(kind for kind in FILE_KINDS if kind not in OPTIONAL_KINDS)

#: The playbook format this tool reads (`format:` in organisation.yaml).
FORMAT_VERSION = 2

#: Extensions accepted for playbook files; `.yaml` is the one `init` writes.
YAML_SUFFIXES: tuple[str, ...] = (".yaml", ".yml")

#: The folder of hand-written Markdown pages inside a playbook folder.
PAGES_DIR = "pages"

#: The folder of content translations inside a playbook folder, one sub-folder per language.
TRANSLATIONS_DIR = "translations"

_PACKAGE_DIR = Path(__file__).resolve().parent

#: The checkout the package runs from (source or editable install).
PROJECT_ROOT = _PACKAGE_DIR.parent


def _shipped(folder: str) -> Path:
    """A folder the tool ships: beside the package in a checkout, inside it in a wheel.

    `pyproject.toml` maps `schema/`, `templates/` and `playbook/` into `generator/resources/` when
    a wheel is built, so `pip install incident-playbook` (as CI recipes do) finds them too.
    """
    if (PROJECT_ROOT / "pyproject.toml").is_file() and (PROJECT_ROOT / folder).is_dir():
        return PROJECT_ROOT / folder
    return _PACKAGE_DIR / "resources" / folder


SCHEMA_DIR = _shipped("schema")
TEMPLATES_DIR = _shipped("templates")
DEFAULT_PLAYBOOK_DIR = _shipped("playbook")

#: The schema describing the merged document (`playbook.json`): one property per file kind.
ROOT_SCHEMA = "playbook.schema.json"


def schema_file(kind: str) -> str:
    """The schema file name for a file kind, as used in the `$schema` modeline."""
    return f"{kind}.schema.json"


def modeline(kind: str, schema_dir: str = "../schema") -> str:
    """The first line of every playbook file: editors read the schema from it."""
    return f"# yaml-language-server: $schema={schema_dir}/{schema_file(kind)}"
