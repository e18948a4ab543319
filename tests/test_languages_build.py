"""One site per language, the site side (issue 14 part 3): which languages a playbook has, the
switcher under every title, the organisation's pages translated or marked, the render cache per
language, the engines' configuration of a translation, the offline zips, and builds that keep
the previous site when one language fails.

The acceptance side (every page in both languages, html lang, the switcher both ways, no English
left): tests/test_site_languages.py, on the same session build (`built_default_site`).
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from generator.engines import render_cache
from generator.engines.config import engine_config, read_project
from generator.i18n import speaking
from generator.layout import DEFAULT_PLAYBOOK_DIR, PROJECT_ROOT
from generator.render.docs_tree import SiteTrees, render_languages
from generator.render.switcher import marked_untranslated, switcher_html, with_block
from generator.site_build import OFFLINE_ZIP, write_offline_zips
from generator.translations.languages import language_name, site_languages
from tests.projects import copy_default_project, digest

BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1767225600"}
SWITCHER = re.compile(r'<nav class="pb-languages"[^>]*>.*?</nav>', re.S)


# --------------------------------------------------------------------------- languages


def test_the_source_language_first_then_every_translation_folder_sorted(tmp_path: Path) -> None:
    assert site_languages(tmp_path, "en") == ("en",)
    for name in ("ja", "de", ".hidden", "en"):
        (tmp_path / "translations" / name).mkdir(parents=True)
    (tmp_path / "translations" / "README.md").write_text("not a language", encoding="utf-8")
    assert site_languages(tmp_path, "en") == ("en", "de", "ja")
    assert site_languages(DEFAULT_PLAYBOOK_DIR, "en") == ("en", "ja")


def test_languages_are_named_in_their_own_language() -> None:
    assert language_name("en") == "English"
    assert language_name("ja") == "日本語"
    assert language_name("pt-BR") == "Português (Brasil)"
    assert language_name("en", "ja") == "英語"
    assert language_name("xx-nonsense") == "xx-nonsense"


# --------------------------------------------------------------------------- the switcher


def test_the_switcher_links_the_same_page_in_every_language() -> None:
    nav = switcher_html("roles/scribe.md", "en", ("en", "ja"), style="html")
    assert nav.startswith('<nav class="pb-languages" aria-label="Language" data-search-exclude>')
    assert '<a href="scribe.html" hreflang="en" lang="en" aria-current="true">English</a>' in nav
    assert '<a href="../ja/roles/scribe.html" hreflang="ja" lang="ja">日本語</a>' in nav
    with speaking("ja"):
        nav = switcher_html("index.md", "ja", ("en", "ja"), style="html")
    assert 'aria-label="言語"' in nav
    assert '<a href="../index.html" hreflang="en" lang="en">English</a>' in nav
    assert '<a href="index.html" hreflang="ja" lang="ja" aria-current="true">' in nav


@pytest.mark.parametrize(
    ("style", "english", "japanese"),
    [
        ("directory", "../../../roles/scribe/", "./"),
        # Zensical reads raw-HTML links from the Markdown file's folder, then adds the ../ the
        # built page's folder needs: ../../roles/scribe/ becomes ../../../roles/scribe/.
        ("source", "../../roles/scribe/", "scribe/"),
    ],
)
def test_switcher_links_with_directory_addresses(style: str, english: str, japanese: str) -> None:
    nav = switcher_html("roles/scribe.md", "ja", ("en", "ja"), style=style)
    assert f'<a href="{english}" hreflang="en"' in nav
    assert f'<a href="{japanese}" hreflang="ja"' in nav


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("# Title\n\nText.\n", "# Title\n\nBLOCK\n\nText.\n"),
        ("# Title { #top }\nText.\n", "# Title { #top }\n\nBLOCK\n\nText.\n"),
        ("Title\n=====\n\nText.\n", "Title\n=====\n\nBLOCK\n\nText.\n"),
        (
            "---\nsearch:\n  exclude: true\n---\n# T\n\nX\n",
            "---\nsearch:\n  exclude: true\n---\n# T\n\nBLOCK\n\nX\n",
        ),
        ("---\nhide: [toc]\n---\n\nNo title.\n", "---\nhide: [toc]\n---\n\nBLOCK\n\nNo title.\n"),
        ("Text first.\n\n# Late title\n", "\nBLOCK\n\nText first.\n\n# Late title\n"),
        ("## Second level\n", "\nBLOCK\n\n## Second level\n"),
    ],
)
def test_the_switcher_goes_under_the_title(page: str, expected: str) -> None:
    """Under an opening first-level heading (the engines take the title from the first element),
    after front matter; at the top of a page that opens otherwise."""
    assert with_block(page, "BLOCK") == expected


def test_an_untranslated_own_page_is_marked() -> None:
    page = "# Working with support\n\nSupport is the first place customers go.\n"
    with speaking("ja"):
        marked = marked_untranslated(page, "en", "<nav>S</nav>")
    title, rest = marked.split("\n", 1)
    assert title == "# Working with support"  # the page keeps its title
    assert rest.startswith(
        '\n<nav>S</nav><p class="pb-fallback-note">このページはまだ翻訳されていないため、'
        "英語で表示しています。</p>\n\n"
    )
    assert rest.endswith(
        '<div class="pb-fallback-page" lang="en" markdown="1">\n\n'
        "Support is the first place customers go.\n\n</div>\n"
    )


# --------------------------------------------------------------------------- the render


@pytest.fixture(scope="module")
def default_site() -> SiteTrees:
    from generator.pipeline import validate_playbook

    result = validate_playbook(DEFAULT_PLAYBOOK_DIR)
    assert result.ok and result.model is not None
    return render_languages(result.model, result.document, DEFAULT_PLAYBOOK_DIR, build_date=_day())


def _day():  # type: ignore[no-untyped-def]
    from datetime import date

    return date(2026, 1, 1)


def _pages(tree) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {f.path: f.content for f in tree.files if f.path.endswith(".md")}


def test_every_language_has_the_same_pages_each_with_one_switcher(default_site: SiteTrees) -> None:
    assert default_site.languages == ("en", "ja")
    english, japanese = (_pages(default_site.trees[lang]) for lang in ("en", "ja"))
    assert sorted(english) == sorted(japanese)
    assert len(english) > 20
    for lang, pages in (("en", english), ("ja", japanese)):
        for path, text in pages.items():
            navs = SWITCHER.findall(text)
            assert len(navs) == 1, (lang, path)
            for href in re.findall(r'href="([^"]+)"', navs[0]):
                here = ("" if lang == "en" else "ja/") + path[:-3] + ".html"
                target = posixpath.normpath(posixpath.join(posixpath.dirname(here), href))
                assert target.removeprefix("ja/") == path[:-3] + ".html", (lang, path, href)
    assert "downloads/incident-summary-template.txt" not in english  # a download, not a page
    for lang in ("en", "ja"):
        stylesheets = default_site.trees[lang].stylesheets
        assert "assets/playbook/languages.css" in stylesheets, lang


def test_own_pages_are_the_translations_in_another_language(default_site: SiteTrees) -> None:
    japanese = _pages(default_site.trees["ja"])
    source = DEFAULT_PLAYBOOK_DIR / "translations" / "ja" / "pages" / "customer-support.md"
    title = next(
        line for line in source.read_text(encoding="utf-8").splitlines() if line.startswith("# ")
    )
    page = japanese["guides/customer-support.md"]
    assert page.startswith(title + '\n\n<nav class="pb-languages"')
    assert "<!-- source:" not in page  # the fingerprint line is the translator's, not the page's
    assert "pb-fallback-page" not in page
    assert default_site.trees["ja"].home_title() != default_site.trees["en"].home_title()


def test_without_translations_no_switcher_and_no_languages_css(tmp_path: Path) -> None:
    from generator.pipeline import validate_playbook

    playbook = tmp_path / "playbook"
    shutil.copytree(DEFAULT_PLAYBOOK_DIR, playbook, ignore=shutil.ignore_patterns("translations"))
    result = validate_playbook(playbook)
    site = render_languages(result.model, result.document, playbook, build_date=_day())
    assert site.languages == ("en",)
    (tree,) = site.trees.values()
    assert not [p for p, text in _pages(tree).items() if "pb-languages" in text]
    assert "assets/playbook/languages.css" not in tree.stylesheets


def test_a_page_without_translation_falls_back_marked(tmp_path: Path) -> None:
    from generator.pipeline import validate_playbook

    playbook = tmp_path / "playbook"
    shutil.copytree(DEFAULT_PLAYBOOK_DIR, playbook)
    (playbook / "translations" / "ja" / "pages" / "security-incidents.md").unlink()
    result = validate_playbook(playbook)
    site = render_languages(result.model, result.document, playbook, build_date=_day(), only="ja")
    assert site.languages == ("en", "ja") and list(site.trees) == ["ja"]
    page = _pages(site.trees["ja"])["guides/security-incidents.md"]
    english = (playbook / "pages" / "security-incidents.md").read_text(encoding="utf-8")
    assert page.startswith(english.split("\n", 1)[0] + "\n")  # the English title stays first
    assert '<p class="pb-fallback-note">' in page
    assert '<div class="pb-fallback-page" lang="en" markdown="1">' in page


def test_a_language_the_playbook_lacks_is_an_error(default_site: SiteTrees) -> None:
    from generator.findings import BuildError
    from generator.pipeline import validate_playbook

    result = validate_playbook(DEFAULT_PLAYBOOK_DIR)
    with pytest.raises(
        BuildError, match="the playbook has no language 'fr'; its languages: en, ja"
    ):
        render_languages(result.model, result.document, DEFAULT_PLAYBOOK_DIR, only="fr")


# --------------------------------------------------------------------------- the render cache


def test_the_render_cache_key_follows_the_translations(tmp_path: Path) -> None:
    playbook = tmp_path / "playbook"
    shutil.copytree(DEFAULT_PLAYBOOK_DIR, playbook)
    key = render_cache.cache_key([playbook], link_style="html", languages=("ja",))
    assert key == render_cache.cache_key([playbook], link_style="html", languages=("ja",))
    assert key != render_cache.cache_key([playbook], link_style="html", languages=("de", "ja"))
    page = playbook / "translations" / "ja" / "pages" / "customer-support.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n追記。\n", encoding="utf-8")
    assert key != render_cache.cache_key([playbook], link_style="html", languages=("ja",))


def test_the_render_cache_keeps_every_language(tmp_path: Path, default_site: SiteTrees) -> None:
    cache = tmp_path / "render.json"
    render_cache.store(cache, "k", default_site, "warned\n")
    assert render_cache.load(cache, "other") is None
    loaded, warnings = render_cache.load(cache, "k")  # type: ignore[misc]
    assert warnings == "warned\n"
    assert loaded.languages == ("en", "ja")
    for lang in ("en", "ja"):
        assert _pages(loaded.trees[lang]) == _pages(default_site.trees[lang])
        assert loaded.trees[lang].stylesheets == default_site.trees[lang].stylesheets


# --------------------------------------------------------------------------- engine settings


def test_a_translation_s_configuration_speaks_its_language(default_site: SiteTrees) -> None:
    project = read_project(PROJECT_ROOT / "mkdocs.yml")
    tree = default_site.trees["ja"]
    settings = engine_config(project, tree, docs_dir="docs-ja", site_dir="site/ja", language="ja")
    assert settings["theme"]["language"] == "ja"
    assert settings["site_name"] == tree.home_title()
    toggles = [entry["toggle"]["name"] for entry in settings["theme"]["palette"]]
    assert toggles == ["ライトモードに切り替え", "ダークモードに切り替え", "システム設定に従う"]
    toc = next(
        e["toc"] for e in settings["markdown_extensions"] if isinstance(e, dict) and "toc" in e
    )
    assert toc["permalink_title"] == "固定リンク"
    assert settings["extra"]["generator"] is False  # the theme's credit line is English only
    default = engine_config(project, default_site.trees["en"], docs_dir="docs")
    assert default["theme"]["language"] == "en" and default["site_name"] == "Incident playbook"
    assert "generator" not in default["extra"]
    assert default["theme"]["palette"][0]["toggle"]["name"] == "Switch to light mode"


# --------------------------------------------------------------------------- offline zips


def test_every_language_s_zip_holds_the_whole_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for path in ("index.html", "roles/scribe.html", "ja/index.html", "ja/roles/scribe.html"):
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(path, encoding="utf-8")
    (site / "ja" / "old.map").write_text("{}", encoding="utf-8")
    root, japanese = write_offline_zips(site, ("en", "ja"))
    assert root == site / OFFLINE_ZIP and japanese == site / "ja" / OFFLINE_ZIP
    pages = ["index.html", "ja/index.html", "ja/roles/scribe.html", "roles/scribe.html"]
    with zipfile.ZipFile(root) as archive:
        assert sorted(archive.namelist()) == [f"incident-playbook/{p}" for p in pages]
    with zipfile.ZipFile(japanese) as archive:
        names = archive.namelist()
        opening = archive.read("incident-playbook/index.html").decode("utf-8")
    assert sorted(names) == ["incident-playbook/index.html"] + [
        f"incident-playbook/site/{p}" for p in pages
    ]
    assert '<html lang="ja">' in opening
    assert '<meta http-equiv="refresh" content="0; url=site/ja/index.html">' in opening
    assert '<a href="site/ja/index.html">インシデントプレイブックを開く</a>' in opening
    again = write_offline_zips(site, ("en", "ja"))
    assert [p.read_bytes() for p in again] == [root.read_bytes(), japanese.read_bytes()]


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_the_built_zips_open_in_their_language_with_no_dead_switcher_link(
    built_default_site, engine: str
) -> None:  # type: ignore[no-untyped-def]
    site = built_default_site(engine)
    for prefix, under, first in (
        ("", "incident-playbook/", "index.html"),
        ("ja/", "incident-playbook/site/", "index.html"),
    ):
        with zipfile.ZipFile(site / prefix / OFFLINE_ZIP) as archive:
            names = set(archive.namelist())
            opening = archive.read(f"incident-playbook/{first}").decode("utf-8")
            inner = {n.removeprefix(under) for n in names if n.startswith(under)}
            pages = {
                n: archive.read(under + n).decode("utf-8") for n in inner if n.endswith(".html")
            }
        assert re.search(r'<html lang="(en|ja)"', opening).group(1) == ("ja" if prefix else "en")
        assert not [n for n in inner if n.endswith("playbook-offline.zip")]
        assert "index.html" in inner and "ja/index.html" in inner
        dead = []
        for path, markup in pages.items():
            for nav in SWITCHER.findall(markup):
                for href in re.findall(r'href="([^"]+)"', nav):
                    target = posixpath.normpath(posixpath.join(posixpath.dirname(path), href))
                    if target not in inner:
                        dead.append(f"{path}: {href}")
        assert dead == []


# --------------------------------------------------------------------------- builds


def _build(project: Path, engine: str) -> subprocess.CompletedProcess[str]:
    command = [BIN / "playbook", "build", "--engine", engine, "--config", "mkdocs.yml"]
    return subprocess.run(command, capture_output=True, text=True, env=ENV, cwd=project)


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_a_failed_japanese_build_keeps_the_previous_site(
    tmp_path: Path, engine: str, built_default_site
) -> None:  # type: ignore[no-untyped-def]
    """The English site builds, the Japanese one does not (a broken link in a translated page,
    which the strict build refuses): the previous site stays, whole, both languages."""
    project = copy_default_project(tmp_path)
    shutil.copytree(built_default_site(engine), project / "site")  # the previous build
    before = digest(project / "site")
    assert "ja/index.html" in before
    page = project / "playbook" / "translations" / "ja" / "pages" / "customer-support.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[壊れたリンク](missing.md)\n", "utf-8")
    failed = _build(project, engine)
    assert failed.returncode == 1, failed.stdout
    assert "was not built" in failed.stderr and "site/ was left as it was" in failed.stderr
    assert "Traceback" not in failed.stderr + failed.stdout
    assert digest(project / "site") == before
    assert not [p for p in project.iterdir() if p.name.startswith("site.")]


def test_a_changed_translation_is_never_served_from_the_cache(tmp_path: Path) -> None:
    """The render `playbook build` keeps: used again while nothing changed, made again (every
    language) when a translation changed, so the Japanese page shows the change."""
    from generator.site_build import _rendered

    project = read_project(copy_default_project(tmp_path) / "mkdocs.yml")
    cache = project.config_path.parent / render_cache.CACHE_FILE
    first, _ = _rendered(project, "mkdocs", "site/")
    kept = cache.stat().st_mtime_ns
    again, _ = _rendered(project, "mkdocs", "site/")
    assert cache.stat().st_mtime_ns == kept and again.languages == ("en", "ja")
    page = project.playbook_dir / "translations" / "ja" / "pages" / "customer-support.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n追記された一文。\n", "utf-8")
    edited, _ = _rendered(project, "mkdocs", "site/")
    assert cache.stat().st_mtime_ns != kept
    guide = "guides/customer-support.md"
    assert "追記された一文。" in _pages(edited.trees["ja"])[guide]
    assert "追記された一文。" not in _pages(first.trees["ja"])[guide]
    assert _pages(edited.trees["en"]) == _pages(first.trees["en"])


# --------------------------------------------------------------------------- parallel builds


def test_a_step_in_a_child_reports_how_it_ended(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from generator.engines.parallel import start

    monkeypatch.setattr(os, "cpu_count", lambda: 2)  # a child even on a one-core machine
    from generator.findings import BuildError

    marker = tmp_path / "done"
    step = start(lambda: marker.write_text("yes", encoding="utf-8"))
    step.wait()
    assert marker.read_text(encoding="utf-8") == "yes"  # the child's work is on disk

    def refuse() -> None:
        raise BuildError("the ja site was not built (日本語)")

    with pytest.raises(BuildError, match=r"^the ja site was not built \(日本語\)$"):
        start(refuse).wait()

    def crash() -> None:
        raise KeyError("boom")

    with pytest.raises(RuntimeError, match="KeyError: 'boom'"):
        start(crash).wait()

    monkeypatch.setattr(os, "cpu_count", lambda: 1)  # no core to spare: the step runs here
    with pytest.raises(BuildError, match="日本語"):
        step = start(refuse)
        assert step.pid is None
        step.wait()


def test_a_step_still_running_can_be_stopped(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import time

    from generator.engines.parallel import start

    monkeypatch.setattr(os, "cpu_count", lambda: 2)

    marker = tmp_path / "late"

    def slow() -> None:
        time.sleep(30)
        marker.write_text("too late", encoding="utf-8")

    step = start(slow)
    began = time.monotonic()
    step.cancel()
    step.wait()  # nothing to raise once cancelled
    assert time.monotonic() - began < 10
    assert not marker.exists()
