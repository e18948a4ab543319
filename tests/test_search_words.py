"""The search separator of the rendered site configuration (Zensical ranks "sev1" by words)."""

from __future__ import annotations

import re
from pathlib import Path

from generator.engines.search_words import SEPARATOR, add_search_separator


def words(text: str) -> list[str]:
    """The words the site's search makes of `text` (the pattern is valid Python too)."""
    return [w.lower() for w in re.split(SEPARATOR, text) if w]


def test_a_severity_alias_is_the_same_words_as_the_level_label() -> None:
    assert words("sev1") == words("SEV1") == words("sev 1") == words("SEV-1") == ["sev", "1"]
    assert words("s1") == ["s", "1"]
    assert words("p2") == ["p", "2"]


def test_words_without_a_letter_before_a_digit_stay_whole() -> None:
    assert words("5xx errors: v2.1 of the API") == ["5xx", "errors", "v", "2.1", "of", "the", "api"]
    assert words("SEV-1 Critical") == ["sev", "1", "critical"]


def test_the_search_plugin_gets_the_separator_in_every_config_form() -> None:
    listed = {"plugins": ["search", "offline"]}
    add_search_separator(listed)
    assert listed["plugins"] == [{"search": {"separator": SEPARATOR}}, "offline"]

    with_options = {"plugins": [{"search": {"lang": "de"}}]}
    add_search_separator(with_options)
    assert with_options["plugins"] == [{"search": {"separator": SEPARATOR, "lang": "de"}}]

    mapping = {"plugins": {"search": None, "offline": {}}}
    add_search_separator(mapping)
    assert mapping["plugins"] == {"search": {"separator": SEPARATOR}, "offline": {}}


def test_a_projects_own_separator_and_a_site_without_search_are_left_alone() -> None:
    own = {"plugins": [{"search": {"separator": "[\\s]+"}}]}
    add_search_separator(own)
    assert own["plugins"] == [{"search": {"separator": "[\\s]+"}}]

    no_search = {"plugins": ["offline"]}
    add_search_separator(no_search)
    assert no_search == {"plugins": ["offline"]}

    no_plugins: dict = {"site_name": "x"}
    add_search_separator(no_plugins)
    assert no_plugins == {"site_name": "x"}


def test_the_projects_rendered_config_carries_the_separator() -> None:
    from generator.engines.config import engine_config, read_project
    from generator.render.docs_tree import DocsTree

    project = read_project(Path(__file__).resolve().parents[1] / "mkdocs.yml")
    settings = engine_config(project, DocsTree([], {}, []), docs_dir="docs")
    assert {"search": {"separator": SEPARATOR}} in settings["plugins"]
