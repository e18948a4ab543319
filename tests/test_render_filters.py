"""The escaping filters: YAML text shows literally through the real Markdown of the site.

Each case renders filtered text with Python-Markdown and the extensions of mkdocs.yml, then
checks that the visible text is exactly the author's text and that no element was created.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from urllib.parse import urlsplit

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


# --------------------------------------------------------------------------- inline Markdown


def _inline(value: str, *, page: str = "severities/sev1.md") -> tuple[str, str]:
    """`value` through the `text` and `text_html` filters as a page at `page` renders them."""
    from jinja2 import Environment

    from generator.render.filters import inline_html, inline_md

    base = posixpath.dirname(page)
    env = Environment(autoescape=False)
    env.filters.update(text=inline_md, text_html=inline_html)
    link = lambda target: posixpath.relpath(target, base)  # noqa: E731
    return (
        env.from_string("{{ v|text }}").render(v=value, link=link, href=link),
        env.from_string("{{ v|text_html }}").render(v=value, link=link, href=link),
    )


def test_inline_markdown_renders_links_code_and_emphasis() -> None:
    source = "Run `!ic page <svc>` *now*, **then** [call the bridge](tel:+15550100)"
    as_md, as_html = _inline(source)
    rendered = markdown.markdown(as_md, extensions=EXTENSIONS)
    assert rendered == (
        "<p>Run <code>!ic page &lt;svc&gt;</code> <em>now</em>, <strong>then</strong> "
        '<a href="tel:+15550100">call the bridge</a></p>'
    )
    assert as_html == rendered[3:-4]


@pytest.mark.parametrize(
    "target",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html,x",
        "//evil.example/x",
        "vbscript:x",
        # Character references a browser decodes in an href before it reads the scheme.
        "javascript&#58;alert(1)",
        "javascript&colon;alert(1)",
        "&#106;avascript:alert(1)",
        "JaVa&#x53;cript:alert(1)",
    ],
)
def test_inline_links_with_other_schemes_keep_only_their_label(target: str) -> None:
    as_md, as_html = _inline(f"see [the runbook]({target}) now", page="index.md")
    rendered = markdown.markdown(as_md, extensions=EXTENSIONS)
    assert "<a" not in rendered and "<a" not in as_html
    assert _visible(rendered) == "see the runbook now"


@pytest.mark.parametrize(
    ("target", "written"),
    [
        ("https://wiki.example/a_b", "https://wiki.example/a_b"),
        ("mailto:oncall@example.com", "mailto:oncall@example.com"),
        ("guides/rollback.md#undo", "../guides/rollback.md#undo"),
        ("#definition", "#definition"),
        ("guides/a.md?x=1&y=2", "../guides/a.md?x=1%26y=2"),
    ],
)
def test_inline_links_keep_allowed_targets_and_relative_paths_from_the_site_root(
    target: str, written: str
) -> None:
    as_md, as_html = _inline(f"[x]({target})")
    assert as_md == f"[x]({written})"
    assert as_html == f'<a href="{written}">x</a>'


def test_inline_html_in_yaml_is_escaped_not_a_tag() -> None:
    as_md, as_html = _inline('<img src=x onerror="alert(1)"> [<b>bold</b>](https://x.example)')
    rendered = markdown.markdown(as_md, extensions=EXTENSIONS)
    assert _tags(rendered) == ["p", "a", "/a", "/p"]
    assert _visible(rendered) == '<img src=x onerror="alert(1)"> <b>bold</b>'
    assert "<img" not in as_html and "<b>" not in as_html


# The hostile texts without the inline Markdown the `text` filter renders on purpose.
NO_INLINE_MARKUP = [t for t in HOSTILE if not any(mark in t for mark in "*`_[")]


@pytest.mark.parametrize("text", NO_INLINE_MARKUP)
def test_inline_markdown_keeps_block_markers_literal(text: str) -> None:
    as_md, _ = _inline(text)
    rendered = markdown.markdown(f"- {as_md}\n- end", extensions=EXTENSIONS)
    assert _tags(rendered) == ["ul", "li", "/li", "li", "/li", "/ul"]
    assert _visible(rendered).splitlines()[0] == _collapsed(text)


@pytest.mark.parametrize(
    ("given_url", "expected"),
    [("tel:+15550100", "tel:+15550100"), ("guides/bridge.md", "guides/bridge.md")],
)
def test_url_accepts_tel_and_relative_links(given_url: str, expected: str) -> None:
    assert url(given_url) == expected


_PIECES = st.sampled_from([*"ab <>&\"'`*_[]()#|!-:/.\\{}=", "javascript:", "http:", "tel:"])
_WORDS = st.lists(_PIECES, max_size=8).map("".join)
# Link-shaped pieces too, so the link branch is exercised on every run, not only by chance.
_LINKS = st.tuples(_WORDS, _WORDS).map(lambda pair: f"[{pair[0]}]({pair[1]})")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_PIECES, _LINKS), max_size=12).map("".join))
def test_inline_markdown_makes_only_safe_elements_for_any_text(text: str) -> None:
    as_md, as_html = _inline(text)
    for rendered in (markdown.markdown(f"- {as_md}\n- end", extensions=EXTENSIONS), as_html):
        tags = {t.lstrip("/") for t in _tags(rendered)}
        assert tags <= {"ul", "li", "p", "a", "code", "em", "strong"}, rendered
        for target in re.findall(r'href="([^"]*)"', rendered):
            scheme = urlsplit(html.unescape(target)).scheme.lower()
            assert scheme in ("", "http", "https", "mailto", "tel"), rendered


def test_plain_text_keeps_the_words_of_inline_markdown() -> None:
    from generator.render.filters import plain_text

    assert plain_text("Run `!ic page` *now*, see [the **runbook**](https://x.example) <b>") == (
        "Run !ic page now, see the runbook <b>"
    )
