"""The site configuration: read the project's `mkdocs.yml`, write one an engine builds without us.

Both engines read `mkdocs.yml`. The project's file lists our `playbook` plugin, which Zensical
does not run; the generated file is the project's own settings (theme, palette, extensions, extra)
with the plugin taken out and what it would have added written in: the docs folder, the
navigation, the widgets' stylesheets and scripts. YAML tags in the project's file (`!ENV`,
`!!python/name:` of pymdownx) are carried over as they are, never run.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from generator.engines.search_words import SEARCH, add_search_separator
from generator.findings import BuildError
from generator.layout import PAGES_DIR

if TYPE_CHECKING:
    from generator.render.docs_tree import DocsTree

PLUGIN = "playbook"
#: The first line of every configuration `playbook render` writes; a file without it is the
#: user's and is never overwritten.
GENERATED_MARK = "# Written by `playbook render`; edit the project's mkdocs.yml instead."


@dataclass(frozen=True)
class Tagged:
    """A YAML value with a tag we do not interpret (kept to be written back unchanged)."""

    tag: str
    value: Any


class _Loader(yaml.SafeLoader):
    pass


def _construct_tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]
    return Tagged(node.tag, value)


_Loader.add_multi_constructor("!", _construct_tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)


class _Dumper(yaml.SafeDumper):
    pass


def _represent_tagged(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


_Dumper.add_representer(Tagged, _represent_tagged)


@dataclass(frozen=True)
class Project:
    """What the project's configuration says about the playbook."""

    config_path: Path
    settings: dict[str, Any]  # the whole file, tags kept
    playbook_dir: Path
    templates_dir: Path | None
    pages_dir: Path
    directory_urls: bool  # the address style the engines will use (offline forces .html)


def read_project(config_path: Path) -> Project:
    """Read `mkdocs.yml` and the `playbook` plugin's options in it (defaults when absent)."""
    if not config_path.is_file():
        raise BuildError(f"{_shown(config_path)} does not exist")
    try:
        settings = yaml.load(config_path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    except yaml.YAMLError as error:
        raise BuildError(f"{_shown(config_path)} is not valid YAML: {error}") from error
    if not isinstance(settings, dict):
        raise BuildError(f"{_shown(config_path)} must be a mapping of settings")
    root = config_path.resolve().parent
    options = plugin_options(settings.get("plugins"), PLUGIN) or {}
    playbook = root / str(options.get("playbook_dir", "playbook"))
    templates = options.get("templates_dir")
    pages = options.get("pages_dir")
    offline = plugin_options(settings.get("plugins"), "offline") is not None
    return Project(
        config_path=config_path,
        settings=settings,
        playbook_dir=playbook,
        templates_dir=root / str(templates) if templates else None,
        pages_dir=root / str(pages) if pages else playbook / PAGES_DIR,
        directory_urls=bool(settings.get("use_directory_urls", True)) and not offline,
    )


def plugin_options(plugins: Any, name: str) -> dict[str, Any] | None:
    """The options of plugin `name` in a `plugins:` setting (list or mapping); None if absent."""
    entries: list[tuple[str, Any]] = []
    if isinstance(plugins, dict):
        entries = list(plugins.items())
    elif isinstance(plugins, list):
        for entry in plugins:
            if isinstance(entry, str):
                entries.append((entry, {}))
            elif isinstance(entry, dict):
                entries.extend(entry.items())
    for key, options in entries:
        if key == name:
            return options if isinstance(options, dict) else {}
    return None


def engine_config(
    project: Project | None,
    tree: DocsTree,
    *,
    docs_dir: str,
    site_dir: str | None = None,
    language: str | None = None,
) -> dict[str, Any]:
    """The settings of a site built from `tree` in `docs_dir`, with no playbook plugin; with
    `language`, a site in that language (`theme.language`: `<html lang>`, the theme's labels and,
    on both engines, how search cuts words)."""
    settings: dict[str, Any] = copy.deepcopy(project.settings) if project else {}
    settings.setdefault("site_name", "Incident playbook")
    settings["docs_dir"] = docs_dir
    if site_dir is not None:
        settings["site_dir"] = site_dir
    else:
        settings.pop("site_dir", None)
    plugins = settings.get("plugins")
    if isinstance(plugins, dict):
        plugins.pop(PLUGIN, None)
    elif isinstance(plugins, list):
        settings["plugins"] = [e for e in plugins if not _names(e, PLUGIN)]
    add_search_separator(settings)  # "sev1" finds SEV-1 on Zensical too (search_words.py)
    if not settings.get("nav"):
        settings["nav"] = tree.nav
    settings["extra_css"] = _merged(tree.stylesheets, settings.get("extra_css"))
    scripts = [{"path": path, "defer": True} for path in tree.scripts]
    settings["extra_javascript"] = _merged(scripts, settings.get("extra_javascript"))
    extra = settings.setdefault("extra", {})
    if isinstance(extra, dict):
        extra["polyfills"] = _merged(tree.polyfills, extra.get("polyfills"))
    theme = settings.get("theme")
    if project and isinstance(theme, dict) and isinstance(theme.get("custom_dir"), str):
        theme["custom_dir"] = str(project.config_path.resolve().parent / theme["custom_dir"])
    settings.pop("watch", None)  # the engine watches the docs folder; we watch the playbook
    if language:
        _speak(settings, language, tree.home_title())
    return settings


def _speak(settings: dict[str, Any], language: str, site_name: str | None) -> None:
    """Set the theme's language and the site's name (the home page's title in that language:
    the project's `site_name` is in the default language), translate the configuration's words
    a reader sees (`translate_settings_words`); a search `lang` the project lists (Material's
    option; Zensical has none and follows the theme) becomes this language unless it has it."""
    from generator.i18n import speaking

    if site_name:
        settings["site_name"] = site_name
    extra = settings.setdefault("extra", {})
    if isinstance(extra, dict):
        extra.setdefault("generator", False)  # the theme's credit line exists only in English
    theme = settings.get("theme")
    if isinstance(theme, str):
        theme = settings["theme"] = {"name": theme}
    if isinstance(theme, dict):
        theme["language"] = language
    toc = None
    for entry in settings.get("markdown_extensions") or []:
        if isinstance(entry, dict) and isinstance(entry.get("toc"), dict):
            toc = entry["toc"]
    with speaking(language):
        translate_settings_words(theme.get("palette") if isinstance(theme, dict) else None, toc)
    search = plugin_options(settings.get("plugins"), SEARCH)
    if search and "lang" in search:
        listed = search["lang"] if isinstance(search["lang"], list) else [search["lang"]]
        if language not in listed:
            search["lang"] = [language]


def translate_settings_words(palette: Any, toc: dict[str, Any] | None) -> None:
    """The words of a site configuration a reader sees, in the current language, where they are
    the ones `playbook init` writes (the palette toggles' names) or the engine's default (the
    headings' permalink title); a project's own words stay as written."""
    from generator.i18n import gettext as _

    words = {
        "Switch to light mode": _("Switch to light mode"),
        "Switch to dark mode": _("Switch to dark mode"),
        "Follow the system setting": _("Follow the system setting"),
    }
    for entry in palette if isinstance(palette, list) else [palette]:
        toggle = entry.get("toggle") if isinstance(entry, dict) else None
        if isinstance(toggle, dict) and toggle.get("name") in words:
            toggle["name"] = words[toggle["name"]]
    if toc is not None and toc.get("permalink") and "permalink_title" not in toc:
        toc["permalink_title"] = _("Permanent link")


def dump_config(settings: dict[str, Any]) -> str:
    body = yaml.dump(settings, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return f"{GENERATED_MARK}\n{body}"


def write_config(path: Path, settings: dict[str, Any]) -> None:
    """Write a generated configuration; never over a file `playbook render` did not write."""
    if path.exists():
        first = path.read_text(encoding="utf-8", errors="replace").split("\n", 1)[0]
        if first != GENERATED_MARK:
            raise BuildError(
                f"{_shown(path)} exists and was not written by `playbook render`; it was left as "
                "it was. Render into a folder of its own, for example --out build/docs"
            )
    text = dump_config(settings)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8", newline="\n")


def _names(entry: Any, name: str) -> bool:
    return entry == name or (isinstance(entry, dict) and name in entry)


def _merged(ours: list[Any], theirs: Any) -> list[Any]:
    """Our entries first, then the project's own (without repeating one of ours)."""
    listed = list(theirs) if isinstance(theirs, list) else []
    mine = {_path_of(e) for e in ours}
    return [*ours, *(e for e in listed if _path_of(e) not in mine)]


def _path_of(entry: Any) -> Any:
    return entry.get("path") if isinstance(entry, dict) else entry


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve())) or "."
    except ValueError:
        return str(path)
