"""Issue 23 §4: a template is compiled once per process, and never served stale.

Each run of a command (and each test) makes its own Jinja environment; the compiled code of a
template is kept by the process and used again only for the very source it was compiled from,
in an environment of the same kind.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jinja2.sandbox import SandboxedEnvironment

from xjj_cli.render.bulletin import environment, render_template


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The names of the templates Jinja compiles."""
    names: list[str] = []
    compile_ = SandboxedEnvironment.compile

    def counting(self: SandboxedEnvironment, source: Any, name: Any = None, *a: Any) -> Any:
        names.append(str(name))
        return compile_(self, source, name, *a)

    monkeypatch.setattr(SandboxedEnvironment, "compile", counting)
    yield names


def test_a_template_is_compiled_once_for_every_environment_of_the_process(
    tmp_path: Path, compiled: list[str]
) -> None:
    (tmp_path / "once.md.j2").write_text(f"{tmp_path} {{{{ x }}}}\n", encoding="utf-8")
    for _ in range(3):
        assert render_template(environment(tmp_path), "once.md.j2", x=1) == f"{tmp_path} 1\n"
    assert compiled == ["once.md.j2"]


def test_a_changed_template_is_compiled_again_even_of_the_same_size_and_time(
    tmp_path: Path,
) -> None:
    template = tmp_path / "same.md.j2"
    template.write_text("a {{ x }}\n", encoding="utf-8")
    before = template.stat()
    assert render_template(environment(tmp_path), "same.md.j2", x=1) == "a 1\n"
    template.write_text("b {{ x }}\n", encoding="utf-8")
    os.utime(template, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert render_template(environment(tmp_path), "same.md.j2", x=1) == "b 1\n"


def test_a_district_template_added_later_overrides_the_built_in_one(tmp_path: Path) -> None:
    name = "notice-foot.md.j2"
    built_in = environment(tmp_path).get_template(name).filename
    assert built_in is not None and Path(built_in).parent != tmp_path
    (tmp_path / name).write_text("own {{ 1 }}\n", encoding="utf-8")
    assert render_template(environment(tmp_path), name) == "own 1\n"


def test_markdown_and_html_environments_compile_a_template_each_their_way(tmp_path: Path) -> None:
    (tmp_path / "both.html.j2").write_text("{{ x }}\n", encoding="utf-8")
    assert render_template(environment(tmp_path), "both.html.j2", x="<b>") == "\\<b\\>\n"
    html = environment(tmp_path, markdown=False)
    assert render_template(html, "both.html.j2", x="<b>") == "&lt;b&gt;\n"
    assert render_template(environment(tmp_path), "both.html.j2", x="<b>") == "\\<b\\>\n"
