"""Plausibility warnings (issue 9, reproduction 4) and acknowledged warnings (reproduction 10).

The fixture folders ``progress-far-above-target``, ``progress-jump``, ``date-in-future``,
``project-month-after-towns`` and ``acknowledged-*`` pin each warning's file, line and code;
here: the reproductions on the sample district, the boundaries, the rule parameter, and
what ``xjj validate`` prints about acknowledged warnings.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import SAMPLE
from xjj_cli.cli import app
from xjj_cli.diagnostics import Problem
from xjj_cli.validate import validate_repository

TARGET_CHANGE = "progress.target_changed:towns/progress/2026-07.csv:ly,charging.piles,150->180"
runner = CliRunner()


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def codes(problems: list[Problem]) -> list[tuple[str, int, str]]:
    return [(p.location.file, p.location.line, p.code) for p in problems]


def validate_json(data: Path) -> tuple[int, dict[str, Any]]:
    result = runner.invoke(app, ["--data", str(data), "validate", "--format", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, json.loads(result.stdout)


# --- reproduction 4 ---------------------------------------------------------------------------


def test_a_typo_of_460_for_46_warns_at_its_line(sample_copy: Path) -> None:
    replace_in(
        sample_copy / "towns/progress/2026-10.csv", "jy,5g.stations,48,43", "jy,5g.stations,48,460"
    )
    repo = validate_repository(sample_copy)
    assert repo.log.ok  # a warning, never an error: an office can exceed a target
    file = "data/towns/progress/2026-10.csv"
    assert codes(repo.log.warnings) == [
        (file, 3, "progress.far_above_target"),
        (file, 3, "progress.jump"),
    ]
    over, jump = repo.log.warnings
    assert over.location.column == 19
    assert "460" in over.message and "48" in over.message and "9.6 倍" in over.message
    assert "由 2026-09 的 38 增至 2026-10 的 460" in jump.message


def test_the_sample_district_has_no_plausibility_warning() -> None:
    repo = validate_repository(SAMPLE)
    assert repo.log.problems == [], [p.message for p in repo.log.problems]


@pytest.mark.parametrize(("ratio", "expected"), [(3, 1), (3.5, 0), (2, 1)])
def test_the_ratio_is_a_rule_parameter(sample_copy: Path, ratio: float, expected: int) -> None:
    # 3.5 × 48 = 168, 3 × 48 = 144: 150 warns at the default ratio, not at 3.5
    replace_in(
        sample_copy / "towns/progress/2026-10.csv", "jy,5g.stations,48,43", "jy,5g.stations,48,150"
    )
    replace_in(sample_copy / "district.yaml", "implausible_ratio: 3", f"implausible_ratio: {ratio}")
    repo = validate_repository(sample_copy)
    assert repo.log.ok, [p.message for p in repo.log.errors]
    found = [p for p in repo.log.warnings if p.code == "progress.far_above_target"]
    assert len(found) == expected, [p.message for p in repo.log.warnings]


def test_a_ratio_below_one_is_an_error(base_data: Path) -> None:
    replace_in(base_data / "district.yaml", "bottom_n: 1", "bottom_n: 1\n  implausible_ratio: 0.5")
    repo = validate_repository(base_data)
    assert codes(repo.log.errors) == [("data/district.yaml", 8, "value.range")]


def write_month(data: Path, month: str, ly_stations: int, eslp_stations: int = 10) -> None:
    """A month's file of 5G figures only; ly's target is 40, eslp's 30."""
    (data / f"towns/progress/{month}.csv").write_text(
        "town,metric,target,completed\n"
        f"ly,5g.stations,40,{ly_stations}\neslp,5g.stations,30,{eslp_stations}\n"
        "cg,5g.stations,0,0\n",
        encoding="utf-8",
    )


def test_an_increase_over_months_without_figures_is_shared_among_them(base_data: Path) -> None:
    for month in ("2026-09", "2026-10"):
        (base_data / f"towns/progress/{month}.csv").unlink()
    write_month(base_data, "2026-06", 0)
    write_month(base_data, "2026-07", 10)  # +10 = 3 × 40/12: the boundary, no warning
    write_month(base_data, "2026-10", 70)  # +60 over three months: 20 a month ≤ 3 × 10
    assert validate_repository(base_data).log.problems == []
    write_month(base_data, "2026-10", 71)  # 61 / 3 = 20.3 a month ≤ 30: still plausible
    assert validate_repository(base_data).log.problems == []
    write_month(base_data, "2026-08", 41)  # +31 in one month > 3 × 10
    repo = validate_repository(base_data)
    assert codes(repo.log.warnings) == [("data/towns/progress/2026-08.csv", 2, "progress.jump")]


def test_a_new_year_restarts_the_pace(base_data: Path) -> None:
    write_month(base_data, "2026-11", 36, 25)
    write_month(base_data, "2027-01", 12, 2)  # counts restart in January: no jump, no decrease
    write_month(base_data, "2027-02", 22, 3)  # +10 = 3 × 40/12, nothing earlier this year
    assert validate_repository(base_data).log.problems == []


@pytest.mark.parametrize(
    ("today", "warns"), [(dt.date(2026, 10, 20), False), (dt.date(2026, 10, 19), True)]
)
def test_a_done_date_after_today_warns(base_data: Path, today: dt.date, warns: bool) -> None:
    replace_in(
        base_data / "projects/5g/5G-2026-001.yaml",
        "due: 2026-09-30}",
        "due: 2026-09-30, done: 2026-10-20}",
    )
    repo = validate_repository(base_data, today=today)
    expected = [("data/projects/5g/5G-2026-001.yaml", 16, "date.future")] if warns else []
    assert codes(repo.log.warnings) == expected
    if warns:
        assert "2026-10-20 晚于今天（2026年10月19日）" in repo.log.warnings[0].message


# --- reproduction 10 --------------------------------------------------------------------------


def test_the_sample_target_change_is_acknowledged_and_counted(tmp_path: Path) -> None:
    code, payload = validate_json(SAMPLE)
    assert code == 0
    assert payload["warnings"] == []
    assert payload["acknowledged"] == 1
    result = runner.invoke(app, ["--data", str(SAMPLE), "validate"])
    assert "另有 1 个警告已确认，未重复显示" in result.stdout
    assert "progress.target_changed" not in result.stdout


def test_without_the_acknowledgement_the_target_change_warns_with_its_id(sample_copy: Path) -> None:
    (sample_copy / "acknowledged.yaml").unlink()
    code, payload = validate_json(sample_copy)
    assert code == 0
    assert payload["acknowledged"] == 0
    assert [(w["line"], w["id"]) for w in payload["warnings"]] == [(27, TARGET_CHANGE)]
    text = runner.invoke(app, ["--data", str(sample_copy), "validate"]).stdout
    assert f"[{TARGET_CHANGE}]" in text
    assert "已确认" not in text.splitlines()[-1]
    github = runner.invoke(
        app, ["--data", str(sample_copy), "validate", "--format", "github"]
    ).stdout
    assert f"[{TARGET_CHANGE}]" in github.splitlines()[0]


def test_the_id_does_not_depend_on_the_line(sample_copy: Path) -> None:
    july = sample_copy / "towns/progress/2026-07.csv"
    header, *rows = july.read_text(encoding="utf-8").splitlines()
    july.write_text("\n".join([header, *reversed(rows)]) + "\n", encoding="utf-8")
    repo = validate_repository(sample_copy)
    assert repo.log.warnings == []
    (moved,) = repo.log.acknowledged
    assert moved.location.line != 27
    assert repo.log.warning_id(moved) == TARGET_CHANGE


def test_the_id_does_not_depend_on_how_the_data_folder_was_named(
    sample_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(sample_copy)
    _, payload = validate_json(Path("."))
    assert payload["acknowledged"] == 1
    assert payload["warnings"] == []


def test_a_changed_figure_makes_the_acknowledgement_stale(sample_copy: Path) -> None:
    replace_in(
        sample_copy / "towns/progress/2026-07.csv",
        "ly,charging.piles,180,",
        "ly,charging.piles,190,",
    )
    for month in ("08", "09", "10"):  # the later months keep 180: those are changes too
        replace_in(
            sample_copy / f"towns/progress/2026-{month}.csv",
            "ly,charging.piles,180,",
            "ly,charging.piles,190,",
        )
    repo = validate_repository(sample_copy)
    assert codes(repo.log.warnings) == [
        ("data/acknowledged.yaml", 3, "acknowledged.stale"),
        ("data/towns/progress/2026-07.csv", 27, "progress.target_changed"),
    ]
    stale = repo.log.warnings[0]
    assert "150->190" in stale.message  # the current warning's id is suggested
    assert repo.log.acknowledged == []


def test_an_acknowledgement_dated_after_today_warns(sample_copy: Path) -> None:
    replace_in(sample_copy / "acknowledged.yaml", "date: 2026-07-08", "date: 2026-12-01")
    repo = validate_repository(sample_copy, today=dt.date(2026, 11, 30))
    assert codes(repo.log.warnings) == [("data/acknowledged.yaml", 5, "date.future")]


def test_a_town_not_submitted_cannot_be_acknowledged(sample_copy: Path) -> None:
    """未报送 ends when the town submits; acknowledging it would hide who is missing."""
    month = sample_copy / "towns/progress/2026-10.csv"
    lines = month.read_text(encoding="utf-8").splitlines()
    lines = [line.rsplit(",", 1)[0] + "," if line.startswith("cg,") else line for line in lines]
    month.write_text("\n".join(lines) + "\n", encoding="utf-8")
    pending = next(
        w
        for w in validate_repository(sample_copy).log.warnings
        if w.code == "progress.not_submitted"
    )
    warning_id = "progress.not_submitted:towns/progress/2026-10.csv"
    assert pending.location.file == "data/towns/progress/2026-10.csv"
    with (sample_copy / "acknowledged.yaml").open("a", encoding="utf-8") as stream:
        stream.write(f"- warning: {warning_id}\n  by: 王明\n  date: 2026-11-02\n  reason: 已催报\n")
    repo = validate_repository(sample_copy)
    assert [w.code for w in repo.log.warnings] == ["acknowledged.stale", "progress.not_submitted"]
    assert [p.code for p in repo.log.acknowledged] == ["progress.target_changed"]
