"""The bulletin compares like with like, and months read right across the new year (issue 9).

The repository is the small base one carried on to January 2027: a 5G project starts in
November at 0 %, the town counts restart in January, 二十里铺街道 stays last on 5G from
September to January, and the charging project is red in November, reports nothing in
December and is red again in January.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from fractions import Fraction
from pathlib import Path

import pytest
from typer.testing import CliRunner

from builders import dataset, progress, project
from xjj_cli.cli import app
from xjj_cli.engine.evaluate import MonthEvaluation
from xjj_cli.engine.results import evidence_json
from xjj_cli.messages import formats as messages
from xjj_cli.model import Project
from xjj_cli.pipeline import evaluate
from xjj_cli.wording import findings
from xjj_cli.wording.progress import against_time

runner = CliRunner()

TOWN_MONTHS = {
    # month: (ly, eslp, cg) 5G base stations completed, then charging piles completed
    "2026-11": ((38, 24, 0), (80, 60, 14)),
    "2026-12": ((40, 27, 0), (95, 70, 18)),
    "2027-01": ((3, 1, 0), (5, 3, 1)),  # annual targets: the counts restart in January
}

NEW_PROJECT = """\
id: 5G-2026-003
name: 新开工5G项目
domain: 5g
owner: tt
towns: [ly]
start: 2026-11-01
end: 2027-06-30
investment: {total: 1000, year: 100}
progress:
  - {month: 2026-11, percent: 0, invested: 0}
"""

MORE_PROGRESS = {
    "5g/5G-2026-001.yaml": "  - {month: 2026-11, percent: 60, invested: 5500}\n",
    "5g/5G-2026-002.yaml": "  - {month: 2026-11, percent: 70, invested: 2000}\n",
    # red in November, nothing reported for December, red in January
    "charging/CD-2026-001.yaml": "  - {month: 2026-11, percent: 25, invested: 200}\n"
    "  - {month: 2027-01, percent: 30, invested: 260}\n",
}


@pytest.fixture
def rollover(base_data: Path) -> Path:
    """The base repository with November, December and January 2027 data; its data folder."""
    data = base_data
    for month, (stations, piles) in TOWN_MONTHS.items():
        rows = ["town,metric,target,completed"]
        for town, target, done in zip(("ly", "eslp", "cg"), (40, 30, 0), stations, strict=True):
            rows.append(f"{town},5g.stations,{target},{done}")
        for town, target, done in zip(("ly", "eslp", "cg"), (100, 80, 20), piles, strict=True):
            rows.append(f"{town},charging.piles,{target},{done}")
        (data / "towns" / "progress" / f"{month}.csv").write_text(
            "\n".join(rows) + "\n", encoding="utf-8"
        )
    projects = data / "projects"
    (projects / "5g" / "5G-2026-003.yaml").write_text(NEW_PROJECT, encoding="utf-8")
    longer = projects / "5g" / "5G-2026-002.yaml"
    longer.write_text(
        longer.read_text(encoding="utf-8").replace("end: 2026-11-30", "end: 2027-03-31"),
        encoding="utf-8",
    )
    for name, entries in MORE_PROGRESS.items():
        path = projects / name
        path.write_text(path.read_text(encoding="utf-8") + entries, encoding="utf-8")
    return data


def bulletin_md(data: Path, month: str, out: Path) -> str:
    result = runner.invoke(
        app,
        ["--data", str(data), "bulletin", "--month", month, "--format", "md", "--out", str(out)],
    )
    assert result.exit_code == 0, result.output
    (path,) = out.glob("*.md")
    return path.read_text(encoding="utf-8")


def overview_of(text: str) -> str:
    """一、总体情况's one paragraph."""
    return text.split("## 一、总体情况\n\n", 1)[1].split("\n", 1)[0]


def annex_row(text: str, domain: str) -> list[str]:
    """附件1's row of a domain: its cells."""
    line = next(line for line in text.splitlines() if line.startswith(f"| {domain} |"))
    return [cell.strip() for cell in line.strip("|").split(" | ")]


# --- 2. an average over projects counts every started project ------------------------------


def test_a_project_started_this_month_counts_in_its_domains_average(
    rollover: Path, tmp_path: Path
) -> None:
    text = bulletin_md(rollover, "2026-11", tmp_path / "out")
    row = annex_row(text, "5G基站建设")
    # all three started projects count in the month's figure, against their plan
    assert row[1] == "3" and row[6] == "43.3%", row
    assert "下降" not in overview_of(text)


# --- 3. the new year ------------------------------------------------------------------------


def test_january_counts_restart_and_are_not_compared_with_december(
    rollover: Path, tmp_path: Path
) -> None:
    text = bulletin_md(rollover, "2027-01", tmp_path / "out")
    overview = overview_of(text)
    assert "5G基站完成率5.7%，低于序时进度（8.3%）2.6个百分点" in overview, overview
    assert "由上月" not in overview and "较上月" not in text


def test_a_streak_across_the_new_year_names_both_years(rollover: Path, tmp_path: Path) -> None:
    text = bulletin_md(rollover, "2027-01", tmp_path / "out")
    assert (
        "连续5个月排名后一名（5G基站，2026年9月至2027年1月）："
        "2026年11月第2名（共2名），12月第2名（共2名），2027年1月第2名（共2名）"
    ) in text
    assert "连续5个月低于全区完成率（5G基站，2026年9月至2027年1月）" in text
    assert not re.search(r"年\d+月至\d+月", text)
    result = runner.invoke(
        app, ["--data", str(rollover), "accountability", "--month", "2027-01", "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    assert "2026年9月至2027年1月连续5个月排名后一名" in result.stdout
    assert not re.search(r"年\d+月至\d+月", result.stdout)


@pytest.mark.parametrize(
    ("months", "relative_to", "expected"),
    [
        (["2026-09", "2026-10"], "2026-10", ["9月", "10月"]),
        (["2026-11", "2027-02"], "2027-02", ["2026年11月", "2027年2月"]),
        (["2026-11", "2026-12", "2027-01"], "2027-01", ["2026年11月", "12月", "2027年1月"]),
        (["2027-01"], "2027-01", ["1月"]),
        (["2026-10"], None, ["2026年10月"]),
    ],
)
def test_months_in_one_sentence_carry_their_year_when_it_changes(
    months: list[str], relative_to: str | None, expected: list[str]
) -> None:
    assert messages.cn_months(months, relative_to) == expected


def test_red_after_a_month_without_a_report_is_not_called_the_first(
    rollover: Path, tmp_path: Path
) -> None:
    text = bulletin_md(rollover, "2027-01", tmp_path / "out")
    annex = text.split('<div class="annex-label">附件3</div>', 1)[1]
    ev = evaluate(rollover, "2027-01")
    name = ev.data.project("CD-2026-001").name
    sentence = next(line for line in re.split(r"<br>|\n", annex) if f"“{name}”项目" in line)
    assert "首次" not in sentence, sentence
    assert "2026年12月未报送进度，按规则亦被列为红色，连续红色月数自本月起重新计算" in sentence
    result = runner.invoke(
        app, ["--data", str(rollover), "accountability", "--month", "2027-01", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    reasons = [
        r
        for u in json.loads(result.stdout)["units"]
        for r in u["reasons"]
        if r["rule"] == "project_red"
    ]
    red = next(r for r in reasons if r["project"] == "CD-2026-001")
    assert (red["streak"], red["streak_since"], red["unreported_month"], red["red_before"]) == (
        1,
        "2027-01",
        "2026-12",
        "2026-12",
    )


# --- the red streak's evidence (engine) -----------------------------------------------------


def red_evidence(p: Project, month: str) -> dict[str, object]:
    ev = MonthEvaluation(dataset(projects=[p]), month)
    return evidence_json(next(b.evidence for b in ev.breaches if b.rule == "project_red"))


def detail(p: Project, month: str) -> str:
    ev = MonthEvaluation(dataset(projects=[p]), month)
    return findings.detail(next(b for b in ev.breaches if b.rule == "project_red"))


def test_a_project_red_for_the_first_time() -> None:
    p = project(
        start=dt.date(2026, 9, 1),
        plan={"2026-09": 50, "2026-10": 60},
        progress=progress(("2026-09", 45), ("2026-10", 30)),
    )
    evidence = red_evidence(p, "2026-10")
    assert (evidence["streak"], evidence["red_before"], evidence["unreported_month"]) == (
        1,
        None,
        None,
    )
    assert detail(p, "2026-10").endswith("本月首次被列为红色")


def test_a_project_red_again_after_a_month_that_was_not_red() -> None:
    p = project(
        plan={"2026-08": 40, "2026-09": 50, "2026-10": 60},
        progress=progress(("2026-08", 10), ("2026-09", 45), ("2026-10", 30)),
    )
    evidence = red_evidence(p, "2026-10")
    assert (evidence["streak"], evidence["red_before"], evidence["unreported_month"]) == (
        1,
        "2026-08",
        None,
    )
    assert detail(p, "2026-10").endswith("本月再次被列为红色，8月曾被列为红色")


def test_a_red_streak_cut_by_a_month_without_a_report_says_so() -> None:
    p = project(
        plan={"2026-07": 30, "2026-08": 40, "2026-09": 50, "2026-10": 60},
        progress=progress(("2026-07", 5), ("2026-09", 10), ("2026-10", 20)),
    )
    evidence = red_evidence(p, "2026-10")
    assert (evidence["streak"], evidence["streak_since"], evidence["unreported_month"]) == (
        2,
        "2026-09",
        "2026-08",
    )
    assert detail(p, "2026-10").endswith(
        "已连续两个月被列为红色（8月未报送进度，此前的红色月份不计入连续月数）"
    )


# --- 4. against 序时进度, and sums in 亿元 -----------------------------------------------------


@pytest.mark.parametrize(
    ("wan", "text"),
    [
        (251200, "25.12亿元"),
        (193240, "19.32亿元"),
        (100000, "10亿元"),
        (105000, "10.5亿元"),
        (10000, "1亿元"),
        (9999, "9999万元"),
        (Fraction(8000), "8000万元"),
        (Fraction(12345, 10), "1234.5万元"),
        (123456, "12.35亿元"),
    ],
)
def test_sums_from_one_yi_up_are_in_yi_yuan(wan: int | Fraction, text: str) -> None:
    assert messages.money_text(wan) == text


@pytest.mark.parametrize(
    ("value", "reference", "plan", "text"),
    [
        (Fraction(8664, 100), Fraction(250, 3), False, "高于序时进度（83.3%）3.3个百分点"),
        # 86.55 − 83.34 = 3.21, but the page prints 86.6 and 83.3: the difference is 3.3
        (Fraction(8655, 100), Fraction(8334, 100), False, "高于序时进度（83.3%）3.3个百分点"),
        (Fraction(769, 10), Fraction(250, 3), False, "低于序时进度（83.3%）6.4个百分点"),
        (Fraction(8334, 100), Fraction(250, 3), False, "与序时进度（83.3%）持平"),
        (Fraction(74), Fraction(75), True, "低于计划进度（75.0%）1.0个百分点"),
        (Fraction(7496, 100), Fraction(75), True, "与计划进度（75.0%）持平"),
    ],
)
def test_a_figure_against_time_progress_is_the_difference_of_the_printed_figures(
    value: Fraction, reference: Fraction, plan: bool, text: str
) -> None:
    assert against_time(value, reference, plan=plan) == text


def test_the_overview_reads_each_metric_against_time_progress_and_last_month(
    rollover: Path, tmp_path: Path
) -> None:
    text = bulletin_md(rollover, "2026-11", tmp_path / "out")
    ev = evaluate(rollover, "2026-11")
    ranking = next(r for r in ev.rankings if r.metric == "5g.stations")
    previous = ev.previous_ranking("5g.stations")
    assert previous is not None
    overview = overview_of(text)
    now, before = messages.percent(ranking.district_rate), messages.percent(previous.district_rate)
    # listed with last month's rate beside, or a clause of its own
    listed = f"5G基站{now}（上月{before}）" in overview
    assert listed or f"5G基站完成率由上月的{before}" in overview, overview
    assert "序时进度（91.7%）" in overview, overview
    assert "1至11月完成投资" in overview and "占年度计划的" in overview, overview
    assert "黄色0个" not in text and "红色0个" not in text and "0个、" not in text
