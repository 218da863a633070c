"""Quotations inside quotations are written ‘’ (SPEC §5, Voice): a project named
5G基站“转改直”供电改造工程 is “5G基站‘转改直’供电改造工程” in a sentence, never “…“…”…”."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SAMPLE
from xjj_cli.cli import app
from xjj_cli.messages.formats import fill


def test_a_quoted_value_has_its_own_quotes_nested() -> None:
    assert (
        fill("“{name}”项目", name="5G基站“转改直”供电改造工程")
        == "“5G基站‘转改直’供电改造工程”项目"
    )


def test_a_value_not_in_quotes_is_left_as_written() -> None:
    assert (
        fill("需协调解决：{text}", text="小区站点“转改直”未完成")
        == "需协调解决：小区站点“转改直”未完成"
    )


def test_fill_formats_as_str_format_does() -> None:
    template = "{a}与“{b!s}”，{c:>4}，“{d}”"
    params = {"a": 1, "b": "乙", "c": "丙", "d": 2.5}
    assert fill(template, **params) == template.format(**params)


def deepest_quote(text: str) -> int:
    """How deep “” quotations nest in ``text`` (each line read on its own)."""
    deepest = 0
    for line in text.splitlines():
        depth = 0
        for char in line:
            if char == "“":
                depth += 1
                deepest = max(deepest, depth)
            elif char == "”":
                depth = max(depth - 1, 0)
    return deepest


@pytest.mark.parametrize(
    ("args", "out"),
    [
        (("bulletin", "--format", "md", "--date", "2026-11-05"), "bulletin"),
        (("board",), "board.html"),
        (("warnings", "--format", "md"), None),
    ],
    ids=["bulletin", "board", "warnings"],
)
def test_the_samples_documents_never_nest_double_quotes(
    args: tuple[str, ...], out: str | None, tmp_path: Path
) -> None:
    more = ("--out", str(tmp_path / out)) if out else ()
    result = CliRunner().invoke(app, ["--data", str(SAMPLE), *args, "--month", "2026-10", *more])
    assert result.exit_code == 0, result.output
    written = tmp_path / out if out else None
    if written is None:
        text = result.stdout
    elif written.is_dir():  # the bulletin's folder: its one Markdown file
        (markdown,) = written.glob("*.md")
        text = markdown.read_text(encoding="utf-8")
    else:
        text = written.read_text(encoding="utf-8")
    assert "转改直" in text
    assert deepest_quote(text) == 1, text
