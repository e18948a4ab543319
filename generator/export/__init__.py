"""`playbook export`: the playbook as configuration for incident tools and as one document.

Each target is one module with a `build` function over the typed model; this package only picks
the module and writes its files. Terraform targets write a folder of `*.tf.json` files and a
notes file; document targets write one file.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from generator.model import Playbook

#: Targets that write Terraform JSON into a folder, by `--to` name -> module name.
TERRAFORM_TARGETS = {
    "incident-io": "incident_io",
    "rootly": "rootly",
    "firehydrant": "firehydrant",
}
#: Targets that write one document.
DOCUMENT_TARGETS = ("markdown", "html")
TARGETS = (*TERRAFORM_TARGETS, *DOCUMENT_TARGETS)


def terraform_module(target: str) -> ModuleType:
    from importlib import import_module

    return import_module(f"generator.export.{TERRAFORM_TARGETS[target]}")


def export_model(playbook: Playbook, target: str, out: Path) -> list[Path]:
    """Write the export of `playbook` for `target` to `out` (a folder or a file); the paths."""
    if target in TERRAFORM_TARGETS:
        module = terraform_module(target)
        built = module.build(playbook)
        return built.write(out, module.FILES, built.notes_file(module.TITLE))
    from generator.export.contents import build_document

    document = build_document(playbook)
    if target == "markdown":
        from generator.export.markdown import render_markdown

        text = render_markdown(document)
    else:
        from generator.export.html import render_html

        text = render_html(document, language=playbook.organisation.language)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8", newline="\n")
    return [out]
