"""The in-memory cache of compiled templates: reused while the source is the same, never stale."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader

from generator.render.environment import MemoryBytecodeCache, make_environment


def test_an_edited_template_is_compiled_again(tmp_path: Path) -> None:
    page = tmp_path / "role.md.j2"
    page.write_text("first {{ 1 + 1 }}\n", encoding="utf-8")
    assert make_environment(tmp_path).get_template("role.md.j2").render() == "first 2\n"
    assert make_environment(tmp_path).get_template("role.md.j2").render() == "first 2\n"
    page.write_text("second {{ 2 + 2 }}\n", encoding="utf-8")
    assert make_environment(tmp_path).get_template("role.md.j2").render() == "second 4\n"


def test_a_fresh_environment_reuses_the_compiled_code(tmp_path: Path) -> None:
    (tmp_path / "page.md.j2").write_text("{{ 'x' }}\n", encoding="utf-8")
    make_environment(tmp_path).get_template("page.md.j2")
    compiled: list[str] = []
    env = make_environment(tmp_path)
    original = env.compile
    env.compile = lambda *a, **k: compiled.append(a[1]) or original(*a, **k)  # type: ignore[method-assign]
    assert env.get_template("page.md.j2").render() == "x\n"
    assert compiled == []


def test_settings_that_change_the_code_keep_separate_entries(tmp_path: Path) -> None:
    (tmp_path / "t.j2").write_text("{% if true %}\nyes\n{% endif %}\n", encoding="utf-8")
    cache = MemoryBytecodeCache()

    def render(trim: bool) -> str:
        env = Environment(loader=FileSystemLoader(tmp_path), trim_blocks=trim, bytecode_cache=cache)
        return env.get_template("t.j2").render()

    assert render(True) == "yes\n"
    assert render(False) == "\nyes\n"
    assert render(True) == "yes\n"
    assert len(cache._code) == 2  # one compiled entry per setting, reused the third time
