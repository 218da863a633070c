"""Second look at the warm ``xjj validate`` of issue 15: changes the first tests did not try.
Each says exactly what a cold ``--no-cache`` run says."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from xjj_cli.cli import app

SAMPLE = Path(__file__).resolve().parents[1] / "data"
FIRST = "projects/5g/5G-2026-001.yaml"
runner = CliRunner()


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "repo" / "data"
    shutil.copytree(SAMPLE, target)
    return target


def validate(data: Path, *options: str) -> str:
    """The JSON and the text report of ``xjj validate``."""
    out = []
    for output in ("json", "text"):
        result = runner.invoke(app, ["--data", str(data), *options, "validate", "-f", output])
        assert result.exit_code in (0, 1), result.output
        out.append(result.stdout)
    return "\n".join(out)


def edit(data: Path, rel: str, old: str, new: str) -> None:
    path = data / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def same_as_cold(data: Path) -> str:
    warm = validate(data)
    assert warm == validate(data, "--no-cache")
    assert validate(data) == warm
    return warm


def test_a_future_acknowledgement_is_warned_once_after_a_project_changed(data: Path) -> None:
    edit(data, "acknowledged.yaml", "date: 2026-07-08", "date: 2099-07-08")
    assert "2099" in same_as_cold(data)  # the segments are kept
    edit(data, FIRST, "year: 1860", "year: 1861")  # a project file alone: checked alone
    warm = same_as_cold(data)
    assert warm.count("2099年7月8日") == validate(data, "--no-cache").count("2099年7月8日")
