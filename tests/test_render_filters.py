"""The escaping filters: YAML text shows literally through the real Markdown of the site.

Each case renders filtered text with Python-Markdown and the extensions of mkdocs.yml, then
checks that the visible text is exactly the author's text and that no element was created.
"""

from __future__ import annotations

import html
import json
import re

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.render.filters import html as html_filter
from generator.render.filters import html_block, json_script, md, url

EXTENSIONS = [
    "admonition",
    "attr_list",
    "md_in_html",
    "tables",
    "toc",
    "pymdownx.details",
    "pymdownx.superfences",
]

HOSTILE = [
    "<script>alert(1)</script>",
    "a | b | c",
    "{{ 7*7 }} {% raw %} {# c #}",
    "# not a heading",
    "## C#",
    "- not a list",
    "+ not a list",
    "1. not a list",
    "2) not a list",
    "> not a quote",
    '!!! note "not an admonition"',
    '??? note "not details"',
    "*not emphasis* _nor this_ **nor this**",
    "[not a link](https://example.com) ![no image](x.png)",
    "`not code` ``nor this``",
    "text { #id .class } {: .x }",
    "&amp; stays &amp;, & alone, &lt;",
    "back\\slash \\* \\_",
    "<!-- not a comment -->",
    "= not a heading underline",
    "    indented is not code",
    "tab\tand\nnew line",
    "https://example.com/a_b_c?d=e&f=g",
    "~~not struck~~ ==not marked== ^^nor this^^",
    ":emoji: ::: fence",
    "```\nnot a fence\n```",
]


def _visible(rendered: str) -> str:
    """The text a reader sees: tags removed, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip()


def _tags(rendered: str) -> list[str]:
    return re.findall(r"<(/?[a-zA-Z][a-zA-Z0-9]*)", rendered)


def _collapsed(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("text", HOSTILE)
def test_md_in_a_paragraph_is_literal(text: str) -> None:
    rendered = markdown.markdown(md(text), extensions=EXTENSIONS)
    assert _visible(rendered) == _collapsed(text)
    assert _tags(rendered) == ["p", "/p"]


@pytest.mark.parametrize("text", HOSTILE)
def test_md_in_a_list_item_is_literal(text: str) -> None:
    rendered = markdown.markdown(f"- {md(text)}\n- second", extensions=EXTENSIONS)
    assert _tags(rendered) == ["ul", "li", "/li", "li", "/li", "/ul"]
    assert _visible(rendered).splitlines()[0] == _collapsed(text)


@pytest.mark.parametrize("text", HOSTILE)
def test_md_in_a_table_cell_stays_in_its_cell(text: str) -> None:
    source = f"| a | b |\n|---|---|\n| {md(text)} | after |\n"
    rendered = markdown.markdown(source, extensions=EXTENSIONS)
    cells = re.findall(r"<td>(.*?)</td>", rendered, flags=re.S)
    assert [_visible(c) for c in cells] == [_collapsed(text), "after"]


@pytest.mark.parametrize("text", HOSTILE)
def test_md_in_a_heading_is_literal(text: str) -> None:
    rendered = markdown.markdown(f"## {md(text)}", extensions=EXTENSIONS)
    assert _tags(rendered) == ["h2", "/h2"]
    assert _visible(rendered) == _collapsed(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=40))
def test_md_is_literal_for_any_text(text: str) -> None:
    rendered = markdown.markdown(f"- {md(text)}\n- end", extensions=EXTENSIONS)
    items = re.findall(r"<li>(.*?)</li>", rendered, flags=re.S)
    assert len(items) == 2
    assert _visible(items[0]) == _collapsed(text)


@pytest.mark.parametrize("text", HOSTILE)
def test_html_filter_in_a_raw_block_is_literal(text: str) -> None:
    source = f'<ul class="x">\n<li><span>{html_filter(text)}</span></li>\n</ul>'
    rendered = markdown.markdown(source, extensions=EXTENSIONS)
    assert _tags(rendered) == ["ul", "li", "span", "/span", "/li", "/ul"]
    assert _visible(rendered) == _collapsed(text)


def test_html_block_keeps_lines_in_a_pre() -> None:
    body = "We are investigating {impact}.\n\n<b>Next</b> update by {next_update}."
    rendered = markdown.markdown(f"<pre>{html_block(body)}</pre>", extensions=EXTENSIONS)
    assert html.unescape(re.sub(r"</?pre>", "", rendered)) == body
    assert "\n\n" not in html_block(body)  # a blank line would end the raw HTML block


def test_json_script_cannot_close_the_script() -> None:
    value = {"text": "</script><script>alert(1)</script> & <!-- x -->", "n": [1, "\u2028"]}
    text = json_script(value)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == value


def test_json_script_is_stable() -> None:
    assert json_script({"b": 1, "a": [2, "é"]}) == '{"a":[2,"é"],"b":1}'


@pytest.mark.parametrize(
    ("given_url", "expected"),
    [
        ("https://status.example.com", "https://status.example.com"),
        ("https://example.com/a b)c", "https://example.com/a%20b%29c"),
        ("javascript:alert(1)", "#"),
        ("data:text/html,<b>x</b>", "#"),
        ("mailto:oncall@example.com", "mailto:oncall@example.com"),
    ],
)
def test_url_keeps_only_web_and_mail_links(given_url: str, expected: str) -> None:
    assert url(given_url) == expected
