"""The bulletin's Markdown against golden files, and the bulletin command.

Regenerate the golden files after an intended change with
``XJJ_UPDATE_GOLDEN=1 make test`` and review the diff in the pull request.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from xjj_cli.bulletin.build import build_bulletin
from xjj_cli.cli import app
from xjj_cli.load.fingerprint import Fingerprint, content_hash, fingerprint
from xjj_cli.pipeline import evaluate
from xjj_cli.render.blocks import front_matter
from xjj_cli.render.bulletin import render_markdown, split_front_matter

SAMPLE = Path(__file__).resolve().parents[1] / "data"
ISSUED = dt.date(2026, 11, 5)
runner = CliRunner()


def markdown_for(month: str, data: Path = SAMPLE) -> str:
    ev = evaluate(data, month)
    bulletin = build_bulletin(ev, Fingerprint("0" * 64), ISSUED)
    return render_markdown(bulletin, ev.data.rules, data.parent / "templates")


@pytest.mark.parametrize("month", ["2026-10", "2026-06"])
def test_markdown_matches_the_golden_file(month: str, golden: Callable[[str, str], None]) -> None:
    golden(f"bulletin-{month}.md", markdown_for(month))


def test_markdown_reads_like_an_office_notice() -> None:
    matter, text = split_front_matter(markdown_for("2026-10"))
    assert text.startswith("# 关于2026年10月份全区新基建工作推进情况的通报\n")
    assert front_matter(matter)["fingerprint"] == "sha256:" + "0" * 64
    for heading in (
        "## 一、总体情况",
        "## 二、各领域推进情况",
        "### （一）5G基站建设",
        "## 五、约谈问责情况",
    ):
        assert heading in text
    assert "2026年11月5日" in text and "任城区新基建指挥部办公室" in text
    assert "0" * 64 not in text  # the fingerprint is metadata, not printed


def test_values_are_escaped_and_never_run_as_template_code(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(SAMPLE, data)
    project = data / "projects" / "5g" / "5G-2026-004.yaml"
    text = project.read_text(encoding="utf-8")
    project.write_text(
        text.replace(
            "name: 任城区5G基站建设（住宅小区深度覆盖）", "name: '{{ 7*7 }} | *粗* <b>x</b>'"
        ),
        encoding="utf-8",
    )
    rendered = markdown_for("2026-10", data)
    assert "{{ 7\\*7 }} \\| \\*粗\\* \\<b\\>x\\</b\\>" in rendered


def test_a_district_template_overrides_the_builtin_one(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(SAMPLE, data)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "bulletin.md.j2").write_text(
        "# {{ b.title }}\n本区自定义格式\n", encoding="utf-8"
    )
    assert (
        markdown_for("2026-10", data)
        == "# 关于2026年10月份全区新基建工作推进情况的通报\n本区自定义格式\n"
    )


def test_fingerprint_is_the_content_hash_and_changes_with_the_data(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(SAMPLE, data)
    before = fingerprint(data)
    assert before.commit is None and before.content_hash == content_hash(SAMPLE)
    (data / "events" / "2026-10.yaml").write_text("cards: []\n", encoding="utf-8")
    assert fingerprint(data).content_hash != before.content_hash


def test_bulletin_command_writes_markdown_atomically_and_refuses_to_overwrite(
    tmp_path: Path,
) -> None:
    args = [
        "--data",
        str(SAMPLE),
        "bulletin",
        "-f",
        "md",
        "--out",
        str(tmp_path),
        "--date",
        "2026-11-05",
    ]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    (written,) = tmp_path.iterdir()
    assert written.name == "2026-10-新基建月度通报.md"
    assert first.stdout.strip() == str(written)
    written.write_text("办公室手工修改过的版本", encoding="utf-8")
    second = runner.invoke(app, args)
    assert second.exit_code == 1
    assert "--force" in second.stderr
    assert written.read_text(encoding="utf-8") == "办公室手工修改过的版本"
    forced = runner.invoke(app, [*args, "--force"])
    assert forced.exit_code == 0
    assert "\n# 关于2026年10月份" in written.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2026-10-新基建月度通报.md"]


def test_bulletin_rejects_a_bad_date() -> None:
    result = runner.invoke(
        app, ["--data", str(SAMPLE), "bulletin", "--date", "2026-11-31", "--out", "/tmp/none"]
    )
    assert result.exit_code == 2
    assert "不存在" in result.stderr and "格式" not in result.stderr
