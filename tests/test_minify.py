"""Our widget JS/CSS reach the site minified (page-speed budget), the same bytes every build."""

from __future__ import annotations

from pathlib import Path

from generator.layout import TEMPLATES_DIR
from generator.render.minify import minified, minify_assets

OURS = TEMPLATES_DIR / "assets" / "playbook"


def test_published_scripts_lose_comments_and_indentation_but_keep_their_words() -> None:
    source = (OURS / "playbook.js").read_text(encoding="utf-8")
    small = minified("assets/playbook/playbook.js", source)
    assert small is not None
    assert "/*" in source and "/*" not in small
    assert "\n  " in source and "\n " not in small
    assert '"Copy the timeline"' in small and '"End it? Tap again"' in small
    assert len(small) < 0.8 * len(source)


def test_published_stylesheets_lose_comments_and_keep_media_rules() -> None:
    source = (OURS / "playbook.css").read_text(encoding="utf-8")
    small = minified("assets/playbook/playbook.css", source)
    assert small is not None and "/*" not in small
    assert small.count("@media print") == source.count("@media print") > 0
    assert len(small) < 0.85 * len(source)


def test_minifying_twice_gives_the_same_bytes() -> None:
    assets = {f"assets/playbook/{p.name}": p for p in sorted(OURS.iterdir())}
    first, _ = minify_assets([], assets)
    second, _ = minify_assets([], dict(assets))
    assert [(f.path, f.content) for f in first] == [(f.path, f.content) for f in second]
    assert len(first) == len(assets) > 0


def test_an_organisations_own_asset_and_other_files_are_published_as_written(
    tmp_path: Path,
) -> None:
    theirs = tmp_path / "assets" / "playbook" / "playbook.css"
    theirs.parent.mkdir(parents=True)
    theirs.write_text("/* ours */\n.x {  color: red; }\n", encoding="utf-8")
    logo = tmp_path / "assets" / "logo.svg"
    logo.write_text("<svg/>", encoding="utf-8")
    files, copied = minify_assets(
        [], {"assets/playbook/playbook.css": theirs, "assets/logo.svg": logo}
    )
    assert files == []
    assert copied == {"assets/playbook/playbook.css": theirs, "assets/logo.svg": logo}
    assert minified("assets/logo.svg", "<svg/>") is None
