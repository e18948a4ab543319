"""The one entry point: a playbook folder in, every finding and (when valid) the model out.

load (YAML with positions) -> schema check per file -> semantic rules across files -> result.
The CLI, the site renderer and the MkDocs plugin all call `validate_playbook`; none of them holds
validation logic of its own. `strict` (warnings fail) is the caller's decision.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.findings import Finding, Location
from generator.layout import SCHEMA_DIR, TRANSLATIONS_DIR
from generator.loader import load_folder
from generator.validate.compiled import schema_findings as check_schemas
from generator.validate.rules import run_rules
from generator.validate.rules_version import check_format_version

if TYPE_CHECKING:  # the model's classes are imported only when a valid playbook is built
    from generator.model import Playbook


@dataclass(frozen=True)
class ValidationResult:
    """Everything validation found, the merged document, and the model when there are no errors."""

    findings: tuple[Finding, ...]
    """All errors and warnings of all files, sorted by file, line and column."""

    document: dict[str, Any] | None
    """The merged document (file kind -> content) of the files that loaded; None if none did."""

    files: tuple[str, ...] = ()
    """The files that were read, as shown in findings."""

    sources: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Source lines per file, so reporters can quote the offending line."""

    translations: Any = field(default=None, repr=False, compare=False)
    """The loaded `translations/` folder (`generator.translations.Translations`), None without one;
    kept so a render after validation does not read and parse those files again."""

    _built: list[Playbook] = field(default_factory=list, repr=False, compare=False)

    @property
    def model(self) -> Playbook | None:
        """The typed model; only when there are no errors.

        Built on first use: `playbook validate` never needs it, and importing the model's
        classes costs more than validating a playbook.
        """
        if self.document is None or not self.ok:
            return None
        if not self._built:
            from generator.model_builder import build_model

            self._built.append(build_model(self.document))
        return self._built[0]

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.is_error)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if not f.is_error)

    @property
    def ok(self) -> bool:
        """True when there are no errors (warnings allowed)."""
        return not self.errors


def validate_playbook(playbook_dir: Path) -> ValidationResult:
    """Load and validate the playbook in `playbook_dir`; never raises on bad playbook content."""
    folder = load_folder(Path(playbook_dir))
    document = {kind: loaded.data for kind, loaded in folder.files.items()} or None
    wrong_version = check_format_version(folder.files)
    if wrong_version is not None:  # every other finding would only restate the version change
        return ValidationResult(
            findings=(wrong_version,),
            document=document,
            files=tuple(folder.checked),
            sources=dict(folder.sources),
        )
    findings = list(folder.findings)
    schema_findings = check_schemas(folder.files, SCHEMA_DIR)
    semantic = list(run_rules(folder.files))
    findings.extend(_without_overlap(schema_findings, semantic))
    findings.extend(semantic)
    files, sources = list(folder.checked), dict(folder.sources)
    translations = None
    if (Path(playbook_dir) / TRANSLATIONS_DIR).is_dir():  # most playbooks have none: no import
        from generator.translations import check_translations, load_translations

        translations = load_translations(Path(playbook_dir))
        findings.extend(check_translations(folder.files, translations))
        sources.update(translations.sources)
        files.extend(path for path in translations.sources if path not in files)
    findings.sort(key=_order)

    return ValidationResult(
        findings=tuple(findings),
        document=document,
        files=tuple(files),
        sources=sources,
        translations=translations,
    )


def _without_overlap(schema: list[Finding], semantic: list[Finding]) -> list[Finding]:
    """Drop a vague `schema-one-of` where a semantic rule explains the same spot better
    (e.g. `tree-answer-target` for an answer with both `next` and `severity`)."""
    explained: set[Location] = {f.location for f in semantic if f.is_error}
    return [f for f in schema if not (f.rule == "schema-one-of" and f.location in explained)]


def _order(finding: Finding) -> tuple[str, int, int, str]:
    where = finding.location
    return (where.file, where.line, where.column, finding.rule)
