"""Reportable months (SPEC §3.5): refusals, --draft and its marks, 催报 (issue 9, reproduction 1).

An accountability list or a bulletin for a month without data must be impossible; a draft
is possible, and says 征求意见稿 wherever a reader looks.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from pathlib import Path

import pytest
from docx import Document
from typer.testing import CliRunner

from builders import dataset, figures
from conftest import SAMPLE
from documents.test_html import parse
from xjj_cli.cli import app
from xjj_cli.commands.core import month_report
from xjj_cli.engine.dataset import fill_unsubmitted
from xjj_cli.engine.evaluate import MonthEvaluation
from xjj_cli.engine.results import RuleId
from xjj_cli.options import ReportFormat
from xjj_cli.pipeline import evaluate
from xjj_cli.render.blocks import front_matter
from xjj_cli.render.bulletin import split_front_matter
from xjj_cli.validate import validate_repository

DRAFT = "征求意见稿"
runner = CliRunner()


def xjj(data: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--data", str(data), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def november(sample_copy: Path) -> Path:
    """The sample with 2026-11 entered the way a clerk does: every town's row is there,
    but 李营街道 and 长沟镇 have not filled in ``completed`` yet."""
    october = (sample_copy / "towns" / "progress" / "2026-10.csv").read_text(encoding="utf-8")
    lines = october.splitlines()
    rows = [lines[0]]
    for line in lines[1:]:
        town, metric, target, completed = line.split(",")
        filled = "" if town in ("ly", "cg") else str(int(completed) + 1)
        rows.append(f"{town},{metric},{target},{filled}")
    (sample_copy / "towns" / "progress" / "2026-11.csv").write_text(
        "\n".join(rows) + "\n", encoding="utf-8"
    )
    return sample_copy


# --- which months are reportable ----------------------------------------------------------


def test_the_sample_is_reportable_through_october() -> None:
    repo = validate_repository(SAMPLE)
    assert repo.reportable_months == [f"2026-{m:02d}" for m in range(1, 11)]


def test_a_month_with_towns_not_submitted_is_not_reportable(november: Path) -> None:
    repo = validate_repository(november)
    assert repo.log.ok
    assert "2026-11" in repo.months and "2026-11" not in repo.reportable_months
    assert repo.not_submitted("2026-11") == ["ly", "cg"]
    assert [p.code for p in repo.log.warnings].count("progress.not_submitted") == 2


def test_the_default_month_is_the_latest_reportable_one(november: Path) -> None:
    code, out, err = xjj(november, "accountability", "--format", "json")
    assert code == 0, err
    assert json.loads(out)["month"] == "2026-10"
    assert "draft" not in json.loads(out)
    # the month shown is not the newest one: stderr says which is pending and who is missing
    assert "2026年11月尚有2个镇街未报送（李营街道、长沟镇）" in err and "--draft" in err
    _, _, explicit = xjj(november, "accountability", "--month", "2026-10")
    assert "2026年11月" not in explicit


# --- refusals (reproduction 1) --------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "month"),
    [
        ("accountability", "2030-01"),
        ("rank", "2030-01"),
        ("colors", "2026-12"),
        ("accountability", "2025-06"),
    ],
)
def test_a_month_without_figures_is_refused(command: str, month: str) -> None:
    code, out, err = xjj(SAMPLE, command, "--month", month)
    assert code == 1, out + err
    assert out == ""
    year, mon = month.split("-")
    assert f"{year}年{int(mon)}月" in err
    assert "2026年10月" in err and "--month 2026-10" in err and "--draft" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("month", ["2026-12", "2025-06"])
def test_no_bulletin_is_written_for_a_month_without_figures(month: str, tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    code, out, err = xjj(SAMPLE, "bulletin", "--month", month, "--out", str(out_dir))
    assert code == 1, out + err
    assert "2026年10月" in err and "--draft" in err
    assert not out_dir.exists() or not any(out_dir.iterdir())


def test_a_month_with_towns_not_submitted_is_refused_naming_them(november: Path) -> None:
    code, out, err = xjj(november, "accountability", "--month", "2026-11")
    assert code == 1 and out == ""
    assert "2026年11月" in err and "李营街道" in err and "长沟镇" in err
    assert "2026年10月" in err and "--draft" in err


# --- filling in what has not been submitted (tiny tables) ----------------------------------


def test_a_town_not_submitted_counts_with_last_months_figure() -> None:
    september = [("2026-09", "a", 10, 4), ("2026-09", "b", 10, 6)]
    frame = figures([*september, ("2026-10", "a", 10, None), ("2026-10", "b", 10, 7)])
    filled, missing = fill_unsubmitted(frame)
    october = filled[filled["month"] == "2026-10"].set_index("town")["completed"]
    assert october.to_dict() == {"a": 4, "b": 7}
    assert missing == {("2026-10", "a", "5g.stations")}
    assert str(filled["completed"].dtype) == "int64"


def test_in_january_or_without_an_earlier_figure_it_counts_zero() -> None:
    frame = figures(
        [("2026-12", "a", 10, 9), ("2027-01", "a", 12, None), ("2027-01", "b", 12, None)]
    )
    filled, _ = fill_unsubmitted(frame)
    january = filled[filled["month"] == "2027-01"].set_index("town")["completed"]
    assert january.to_dict() == {"a": 0, "b": 0}


def test_blanks_carry_the_last_submitted_figure_forward() -> None:
    frame = figures(
        [("2026-08", "a", 10, 5), ("2026-09", "a", 10, None), ("2026-10", "a", 10, None)]
    )
    filled, missing = fill_unsubmitted(frame)
    assert filled["completed"].tolist() == [5, 5, 5]
    assert {m for m, _, _ in missing} == {"2026-09", "2026-10"}


def test_a_month_without_a_file_copies_the_latest_earlier_month_unsubmitted() -> None:
    frame = figures([("2026-09", "a", 10, 4), ("2026-10", "a", 12, 6), ("2026-10", "b", 8, 8)])
    filled, missing = fill_unsubmitted(frame, "2026-12")
    december = filled[filled["month"] == "2026-12"]
    assert december[["town", "target", "completed"]].values.tolist() == [["a", 12, 6], ["b", 8, 8]]
    assert missing == {("2026-12", "a", "5g.stations"), ("2026-12", "b", "5g.stations")}
    assert len(filled[filled["month"] == "2026-11"]) == 0  # only the month asked for
    unchanged, none = fill_unsubmitted(frame, "2026-10")
    assert len(unchanged) == 3 and not none


def test_a_draft_continues_the_streaks_with_the_carried_figure() -> None:
    """Town a was last in September and October; in November it has not submitted, counts
    with October's figure, is last again, and reaches the 问责 streak of three months."""
    rows = []
    for month, a in (("2026-09", 1), ("2026-10", 2), ("2026-11", None)):
        rows.append((month, "a", 10, a))
        rows += [(month, t, 10, 8) for t in ("b", "c", "d", "e")]
    filled, missing = fill_unsubmitted(figures(rows))
    data = dataclasses.replace(dataset(filled), unsubmitted=missing)
    ev = MonthEvaluation(data, "2026-11", draft=True)
    assert ev.not_submitted == ("a",)
    (ranking,) = ev.rankings
    row = ranking.row("a")
    assert row is not None and row.completed == 2
    streaks = {(b.unit, b.rule): getattr(b.evidence, "streak", None) for b in ev.breaches}
    assert streaks[("a", RuleId.bottom_n)] == 3


# --- drafts are marked in every format ------------------------------------------------------


def test_a_draft_table_starts_with_the_mark_and_the_towns_not_submitted(november: Path) -> None:
    code, out, err = xjj(
        november, "rank", "--month", "2026-11", "--draft", "--metric", "5g.stations"
    )
    assert code == 0, err
    first = out.splitlines()[0]
    assert first.startswith(DRAFT) and "李营街道" in first and "长沟镇" in first
    assert "未报送" in out  # the rows carried over are marked


def test_draft_without_a_month_is_the_latest_month_with_figures(november: Path) -> None:
    code, out, err = xjj(november, "colors", "--draft", "--format", "json")
    assert code == 0, err
    payload = json.loads(out)
    assert payload["month"] == "2026-11" and payload["draft"] is True
    assert payload["not_submitted"] == ["ly", "cg"]


def test_draft_markdown_and_csv_say_so_first(november: Path) -> None:
    _, md, _ = xjj(november, "accountability", "--month", "2026-11", "--draft", "--format", "md")
    assert md.startswith(f"**{DRAFT}：")
    _, text, _ = xjj(november, "accountability", "--month", "2026-11", "--draft", "--format", "csv")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][0].startswith(DRAFT) and "李营街道" in rows[0][0]
    assert rows[1][:3] == ["month", "unit", "name"]


def test_draft_json_has_the_flag_and_keeps_the_spec_keys(november: Path) -> None:
    _, out, _ = xjj(november, "rank", "--month", "2026-11", "--draft", "--format", "json")
    payload = json.loads(out)
    assert all(p["draft"] is True and p["month"] == "2026-11" for p in payload)
    keys = {"month", "metric", "district_rate", "time_progress", "rows", "draft", "not_submitted"}
    assert set(payload[0]) == keys
    marks = {r["town"]: r["submitted"] for r in payload[0]["rows"]}
    assert marks["ly"] is False and marks["gh"] is True
    _, plain, _ = xjj(SAMPLE, "rank", "--format", "json")
    assert all("draft" not in p and "submitted" not in p["rows"][0] for p in json.loads(plain))


def test_a_draft_of_a_month_without_any_file_says_there_are_no_figures() -> None:
    code, out, err = xjj(SAMPLE, "accountability", "--month", "2026-12", "--draft")
    assert code == 0, err
    assert out.startswith(f"{DRAFT}：2026年12月还没有镇街月度数据")


def test_a_draft_bulletin_is_marked_in_names_markdown_html_and_every_docx_page(
    november: Path, tmp_path: Path, no_office: None
) -> None:
    out_dir = tmp_path / "out"
    args = ["bulletin", "--month", "2026-11", "--draft", "--out", str(out_dir)]
    code, out, err = xjj(november, *args, "--date", "2026-12-05")
    assert code == 0, err
    paths = [Path(line) for line in out.splitlines()]
    assert sorted(p.suffix for p in paths) == [".docx", ".html", ".md"]
    assert all(DRAFT in p.name for p in paths)
    by_suffix = {p.suffix: p for p in paths}
    matter, markdown = split_front_matter(by_suffix[".md"].read_text(encoding="utf-8"))
    assert front_matter(matter)["draft"] is True
    assert markdown.startswith(f"**{DRAFT}：2026年11月尚有2个镇街未报送（李营街道、长沟镇）")
    title = next(line for line in markdown.splitlines() if line.startswith("# "))
    assert title.endswith(f"通报（{DRAFT}）")
    page = by_suffix[".html"].read_text(encoding="utf-8")
    body = page[page.index("<body>") :]
    assert body.index('class="draft-banner"') < body.index('<main class="page">')
    assert "@top-center" in page and 'class="draft-watermark"' in page
    parse(page)  # still well-formed
    document = Document(str(by_suffix[".docx"]))
    section = document.sections[0]
    assert document.settings.odd_and_even_pages_header_footer
    for header in (section.header, section.even_page_header):
        assert DRAFT in "".join(p.text for p in header.paragraphs)
    assert document.paragraphs[0].text.startswith(DRAFT)
    assert DRAFT in document.core_properties.title


def test_a_bulletin_of_a_reportable_month_has_no_draft_mark(tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    code, out, err = xjj(SAMPLE, "bulletin", "--out", str(out_dir), "--date", "2026-11-05")
    assert code == 0, err
    assert all(DRAFT not in Path(line).name for line in out.splitlines())
    docx_path = next(Path(line) for line in out.splitlines() if line.endswith(".docx"))
    section = Document(str(docx_path)).sections[0]
    assert DRAFT not in "".join(p.text for p in section.header.paragraphs)
    assert DRAFT not in (out_dir / "2026-10-新基建月度通报.md").read_text(encoding="utf-8")


# --- 催报 -------------------------------------------------------------------------------------


def test_projects_not_reported_are_listed_on_stderr_only() -> None:
    code, out, err = xjj(SAMPLE, "accountability", "--month", "2026-10")
    assert code == 0, err
    assert "催报" in err and "IIOT-2026-004" in err
    repo = validate_repository(SAMPLE)
    owner = repo.units[repo.projects["IIOT-2026-004"].record.owner].name
    assert owner in err
    assert "催报" not in out and err.splitlines()[0] not in out
    _, json_out, _ = xjj(SAMPLE, "colors", "--format", "json")
    json.loads(json_out)  # stdout stays parseable


def test_the_core_returns_the_projects_not_reported_and_prints_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    outcome = month_report("colors", SAMPLE, "2026-10", ReportFormat.json)
    assert [p.id for p in outcome.unreported] == ["IIOT-2026-004"]
    assert "IIOT-2026-004" in outcome.reminder
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


def test_projects_finished_earlier_are_not_chased() -> None:
    ev = evaluate(SAMPLE, "2026-10")
    assert all(s.actual is not None and s.actual < 100 for s in ev.unreported)
    assert all(s.color is not None and not s.reported for s in ev.unreported)
