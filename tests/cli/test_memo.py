"""Reports remembered by their data (src/xjj_cli/memo.py): given back only for the same data,
day, folder and request, identical to a report made anew, and never kept for data that
changed while it was made."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from probes import imports_of
from xjj_cli.cli import app
from xjj_cli.commands import core

PROJECT = "projects/5g/5G-2026-001.yaml"


def xjj(data: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--data", str(data), *args])
    return result.exit_code, result.stdout, result.stderr


def count_made(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The reports made anew (not given back from the memo) from now on."""
    made: list[str] = []
    real = core.month_report

    def spy(name: str, *args: Any, **kwargs: Any) -> core.Outcome:
        made.append(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(core, "month_report", spy)
    return made


def test_a_report_asked_again_is_given_back_as_made(
    sample_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = xjj(sample_copy, "--no-cache", "accountability", "--format", "json")
    assert fresh[0] == 0 and "催报" in fresh[2]  # the sample has a project not reported
    xjj(sample_copy, "validate")  # the cache now vouches for every file
    made = count_made(monkeypatch)
    first = xjj(sample_copy, "accountability", "--format", "json")
    again = xjj(sample_copy, "accountability", "--format", "json")
    assert first == again == fresh
    assert made == ["accountability"]  # the second run was given back


def test_another_request_or_changed_data_is_made_anew(
    sample_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    xjj(sample_copy, "validate")
    made = count_made(monkeypatch)
    xjj(sample_copy, "accountability", "--format", "json")
    table = xjj(sample_copy, "accountability")
    september = xjj(sample_copy, "accountability", "--format", "json", "--month", "2026-09")
    assert made == ["accountability"] * 3
    assert table[1] != september[1]
    path = sample_copy / PROJECT
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("name: ", "name: 新", 1), encoding="utf-8")
    changed = xjj(sample_copy, "colors", "--format", "json")
    again = xjj(sample_copy, "colors", "--format", "json")
    assert made[-1:] == ["colors"] and changed == again
    assert changed == xjj(sample_copy, "--no-cache", "colors", "--format", "json")


def test_on_a_cold_cache_the_first_report_is_kept_for_the_next(
    sample_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = count_made(monkeypatch)
    first = xjj(sample_copy, "warnings", "--format", "json")
    again = xjj(sample_copy, "warnings", "--format", "json")
    assert made == ["warnings"] and first == again


@pytest.mark.parametrize("warm", [True, False])
def test_a_report_is_not_kept_when_its_data_changed_while_it_was_made(
    sample_copy: Path, monkeypatch: pytest.MonkeyPatch, warm: bool
) -> None:
    if warm:
        xjj(sample_copy, "validate")  # every file vouched for by the cache before the report
    path = sample_copy / PROJECT
    real = core.month_report

    def edit_while_making(*args: Any, **kwargs: Any) -> core.Outcome:
        outcome = real(*args, **kwargs)
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("name: ", "name: 改", 1), encoding="utf-8")
        return outcome

    monkeypatch.setattr(core, "month_report", edit_while_making)
    xjj(sample_copy, "colors", "--format", "json")
    monkeypatch.setattr(core, "month_report", real)
    made = count_made(monkeypatch)
    shown = xjj(sample_copy, "colors", "--format", "json")
    assert made == ["colors"]  # not given back: the data it was made from is gone
    assert shown == xjj(sample_copy, "--no-cache", "colors", "--format", "json")


def test_a_remembered_report_loads_no_record_and_imports_no_engine(sample_copy: Path) -> None:
    xjj(sample_copy, "validate")
    assert xjj(sample_copy, "accountability", "--format", "json")[0] == 0
    probed = imports_of(
        ["--data", str(sample_copy), "accountability", "--format", "json"],
        ("pandas", "xjj_cli.engine.evaluate", "xjj_cli.commands.core", "xjj_cli.model", "yaml"),
    )
    assert probed.exit_code == 0 and probed.stdout.startswith("{"), probed.stdout
    assert probed.imported == []


def test_xjj_memo_0_makes_every_report_anew(
    sample_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    xjj(sample_copy, "validate")
    monkeypatch.setenv("XJJ_MEMO", "0")
    made = count_made(monkeypatch)
    first = xjj(sample_copy, "colors", "--format", "json")
    again = xjj(sample_copy, "colors", "--format", "json")
    assert made == ["colors", "colors"] and first == again
