"""Early warnings (SPEC §3.6, issue 16) on tiny hand-made cases at every boundary, a property
that a warning never changes an action, ``xjj warnings`` and docs/rules.md's example."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from builders import D, dataset, figures, problem, progress, project, task
from conftest import ROOT, SAMPLE
from xjj_cli.cli import app
from xjj_cli.engine.evaluate import MonthEvaluation
from xjj_cli.engine.results import (
    Action,
    EarlyWarning,
    MilestoneDueEvidence,
    ProblemDueEvidence,
    RuleId,
    StreakNearEvidence,
    TaskDueEvidence,
    WarningId,
    evidence_json,
)
from xjj_cli.engine.rules.base import streak_action
from xjj_cli.model import Rules
from xjj_cli.pipeline import evaluate
from xjj_cli.render.reports import accountability_json
from xjj_cli.wording.warnings import warning_text

MONTH = "2026-10"
runner = CliRunner()

LOW_E = {"a": (10, 9), "b": (10, 8), "c": (10, 7), "d": (10, 6), "e": (10, 1)}
HIGH_E = {**LOW_E, "e": (10, 10)}


def _months(*months: tuple[str, dict[str, tuple[int, int]]]) -> list[tuple[str, str, int, int]]:
    return [(m, t, tg, c) for m, towns in months for t, (tg, c) in towns.items()]


def _warnings(month: str = MONTH, **kwargs: Any) -> tuple[EarlyWarning, ...]:
    return MonthEvaluation(dataset(**kwargs), month).warnings


def _of(warnings: tuple[EarlyWarning, ...], kind: WarningId) -> list[EarlyWarning]:
    return [w for w in warnings if w.warning == kind]


# --- deadlines: M's end ≤ deadline ≤ M's end + warn_days ----------------------------------------

BOUNDARIES = [
    (D(2026, 10, 30), None),  # before M's end: overdue, a breach's business
    (D(2026, 10, 31), 0),  # M's last day: not yet passed, warns
    (D(2026, 11, 30), 30),  # M's end + warn_days: warns
    (D(2026, 12, 1), None),  # one day after: not yet
]


@pytest.mark.parametrize(("deadline", "left"), BOUNDARIES)
def test_a_task_warns_within_warn_days_after_the_months_end(deadline: D, left: int | None) -> None:
    found = _of(
        _warnings(tasks=[task(deadline=deadline, units=["dept", "firm"])]), WarningId.TASK_DUE
    )
    if left is None:
        assert found == []
        return
    evidence = TaskDueEvidence("SJ-1", "测试任务", deadline, left)
    assert found == [
        EarlyWarning(WarningId.TASK_DUE, "dept", deadline, evidence),
        EarlyWarning(WarningId.TASK_DUE, "firm", deadline, evidence),
    ]


@pytest.mark.parametrize(("deadline", "left"), BOUNDARIES)
def test_a_milestone_warns_within_warn_days_after_the_months_end(
    deadline: D, left: int | None
) -> None:
    p = project(milestones=[{"name": "主体完工", "due": deadline}], owner="firm")
    found = _of(_warnings(projects=[p]), WarningId.MILESTONE_DUE)
    if left is None:
        assert found == []
        return
    evidence = MilestoneDueEvidence("P-1", "主体完工", deadline, left, "测试项目")
    assert found == [EarlyWarning(WarningId.MILESTONE_DUE, "firm", deadline, evidence)]


@pytest.mark.parametrize(("deadline", "left"), BOUNDARIES)
def test_a_problem_warns_within_warn_days_after_the_months_end(
    deadline: D, left: int | None
) -> None:
    found = _of(_warnings(problems=[problem(deadline=deadline)]), WarningId.PROBLEM_DUE)
    if left is None:
        assert found == []
        return
    evidence = ProblemDueEvidence("WT-2026-001", "物业收取进场费，基站无法进场", deadline, left)
    assert found == [EarlyWarning(WarningId.PROBLEM_DUE, "dept", deadline, evidence)]


def test_a_deadline_before_the_months_end_is_a_breach_not_a_warning() -> None:
    ev = MonthEvaluation(
        dataset(
            tasks=[task(deadline=D(2026, 10, 30))], problems=[problem(deadline=D(2026, 10, 30))]
        ),
        MONTH,
    )
    assert ev.warnings == ()
    assert {b.rule for b in ev.breaches} == {RuleId.city_task, RuleId.problem_overdue}


def test_warn_days_zero_warns_only_of_the_months_last_day() -> None:
    rules = Rules(warn_days=0)
    due = [task(id=f"SJ-{d}", deadline=D(2026, m, d)) for m, d in ((10, 31), (11, 1))]
    found = _warnings(tasks=due, rules=rules)
    assert [(w.evidence.task, w.evidence.days_left) for w in found] == [("SJ-31", 0)]  # type: ignore[union-attr]


def test_done_by_the_months_end_is_no_warning_and_later_data_is_not_read() -> None:
    nov = D(2026, 11, 10)
    done = dict(
        tasks=[task(id="SJ-1", deadline=nov, done=D(2026, 10, 31))],
        projects=[
            project(
                milestones=[{"name": "主体完工", "due": nov, "done": D(2026, 10, 20)}],
                progress=progress(("2026-10", 90)),  # blue: no red streak to warn of
            )
        ],
        problems=[problem(deadline=nov, resolved=D(2026, 10, 31))],
    )
    assert _warnings(**done) == ()  # type: ignore[arg-type]
    # done only after the month's end: at M's end it was still open, so it warns
    later = dict(
        tasks=[task(id="SJ-1", deadline=nov, done=D(2026, 11, 1))],
        projects=[
            project(
                milestones=[{"name": "主体完工", "due": nov, "done": D(2026, 11, 1)}],
                progress=progress(("2026-10", 90)),
            )
        ],
        problems=[problem(deadline=nov, resolved=D(2026, 11, 1))],
    )
    kinds = [w.warning for w in _warnings(**later)]  # type: ignore[arg-type]
    assert kinds == [WarningId.TASK_DUE, WarningId.MILESTONE_DUE, WarningId.PROBLEM_DUE]


def test_a_problem_raised_after_the_months_end_is_not_warned() -> None:
    raised_later = problem(raised=D(2026, 11, 2), deadline=D(2026, 11, 20))
    assert _warnings(problems=[raised_later]) == ()


# --- streaks one month short of an action -------------------------------------------------------


def _streak_warnings(
    rows: list[tuple[str, str, int, int]], rules: Rules
) -> dict[tuple[str, str], tuple[int, Action]]:
    found = {}
    for w in _warnings(fig=figures(rows), rules=rules):
        e = w.evidence
        assert isinstance(e, StreakNearEvidence)
        found[(w.unit, e.rule.value)] = (e.streak, e.action)
    return found


def test_one_month_short_of_interview_streak_warns_of_an_interview() -> None:
    rows = _months(("2026-09", HIGH_E), ("2026-10", LOW_E))
    found = _streak_warnings(rows, Rules(bottom_n=1))
    assert found[("e", "bottom_n")] == (1, Action.interview)
    ev = MonthEvaluation(dataset(figures(rows), rules=Rules(bottom_n=1)), MONTH)
    (warning,) = [w for w in ev.warnings if w.unit == "e" and w.evidence.rule == RuleId.bottom_n]  # type: ignore[union-attr]
    assert warning.by == D(2026, 11, 30)
    assert warning.evidence == StreakNearEvidence(
        rule=RuleId.bottom_n,
        metric="5g.stations",
        project=None,
        months=("2026-10",),
        streak=1,
        threshold=2,
        action=Action.interview,
        name="5G基站",
        bottom_n=1,
    )
    assert warning_text(warning, ev.data) == (
        "e镇5G基站本月排名后一名，若下月仍排名后一名，将被约谈"
    )


def test_one_month_short_of_accountability_streak_warns_of_accountability() -> None:
    rows = _months(("2026-08", HIGH_E), ("2026-09", LOW_E), ("2026-10", LOW_E))
    found = _streak_warnings(rows, Rules(bottom_n=1))
    # e: bottom and below the district two months (interviewed now) → 问责 next month
    assert found[("e", "bottom_n")] == (2, Action.accountability)
    assert found[("e", "below_district")] == (2, Action.accountability)
    # d (60 % < district 62 %) below the district all three months: already at 问责
    assert ("d", "below_district") not in found


def test_a_streak_already_at_accountability_or_not_near_is_not_warned() -> None:
    rows = _months(("2026-08", LOW_E), ("2026-09", LOW_E), ("2026-10", LOW_E))
    assert ("e", "bottom_n") not in _streak_warnings(rows, Rules(bottom_n=1))
    # interview from 3 months, accountability from 5: one month at the bottom is not near
    far = _months(("2026-09", HIGH_E), ("2026-10", LOW_E))
    found = _streak_warnings(far, Rules(bottom_n=1, interview_streak=3, accountability_streak=5))
    assert ("e", "bottom_n") not in found and ("e", "below_district") not in found
    # d, below the district both months, is one short of interview_streak 3
    assert found[("d", "below_district")] == (2, Action.interview)


def test_a_month_missing_from_the_data_shortens_the_warned_streak() -> None:
    rows = _months(("2026-08", LOW_E), ("2026-10", LOW_E))  # no September file
    assert _streak_warnings(rows, Rules(bottom_n=1))[("e", "bottom_n")] == (1, Action.interview)


def test_ties_at_the_bottom_n_boundary_are_all_warned_or_none() -> None:
    tied = {"a": (10, 9), "b": (10, 8), "c": (10, 5), "d": (10, 5), "e": (10, 5)}
    top = {"a": (10, 9), "b": (10, 8), "c": (10, 10), "d": (10, 10), "e": (10, 10)}
    rows = _months(("2026-09", top), ("2026-10", tied))
    include = _streak_warnings(rows, Rules(bottom_n=2))
    assert {u for u, rule in include if rule == "bottom_n"} == {"c", "d", "e"}
    exclude = _streak_warnings(rows, Rules(bottom_n=2, bottom_ties="exclude"))
    assert {u for u, rule in exclude if rule == "bottom_n"} == set()


def _red_project(*entries: tuple[str, float]) -> Any:
    plan = {"2026-07": 40, "2026-08": 50, "2026-09": 60, "2026-10": 70}
    return project(plan=plan, progress=progress(*entries))


@pytest.mark.parametrize(
    ("entries", "red_accountability", "warned"),
    [
        ((("2026-09", 60), ("2026-10", 40)), 2, 1),  # red one month, 问责 from two: warns
        ((("2026-09", 30), ("2026-10", 40)), 2, None),  # red two months: already 问责
        ((("2026-09", 60), ("2026-10", 40)), 3, None),  # red one month, 问责 from three: not near
        ((("2026-09", 30), ("2026-10", 40)), 3, 2),  # red two months, 问责 from three: warns
        ((("2026-09", 60), ("2026-10", 70)), 2, None),  # not red
    ],
)
def test_a_red_project_one_month_short_of_accountability_warns_its_owner(
    entries: tuple[tuple[str, float], ...], red_accountability: int, warned: int | None
) -> None:
    rules = Rules(red_accountability_streak=red_accountability)
    ev = MonthEvaluation(dataset(projects=[_red_project(*entries)], rules=rules), MONTH)
    streaks = _of(ev.warnings, WarningId.STREAK_NEAR)
    if warned is None:
        assert streaks == []
        return
    (w,) = streaks
    assert w.unit == "dept" and w.by == D(2026, 11, 30)
    assert isinstance(w.evidence, StreakNearEvidence)
    assert (w.evidence.rule, w.evidence.project, w.evidence.streak) == (
        RuleId.project_red,
        "P-1",
        warned,
    )
    assert (w.evidence.threshold, w.evidence.action) == (red_accountability, Action.accountability)
    assert len(w.evidence.months) == warned and w.evidence.months[-1] == MONTH
    assert warning_text(w, ev.data).endswith("若下月仍为红色，将被提请问责")


# --- order and words ------------------------------------------------------------------------------


def test_most_urgent_first_by_date_then_kind_then_unit_order_then_item() -> None:
    rows = _months(("2026-09", HIGH_E), ("2026-10", LOW_E))
    nov30 = D(2026, 11, 30)
    ev = MonthEvaluation(
        dataset(
            figures(rows),
            rules=Rules(bottom_n=1),
            tasks=[
                task(id="SJ-2", deadline=nov30, units=["firm", "a"]),
                task(id="SJ-1", deadline=nov30),
            ],
            problems=[problem(deadline=D(2026, 11, 5), unit="firm")],
            projects=[
                project(
                    milestones=[{"name": "验收", "due": nov30}], progress=progress(("2026-10", 90))
                )
            ],
        ),
        MONTH,
    )
    got = [
        (w.by.day, w.warning.value, w.unit, evidence_json(w.evidence).get("task"))
        for w in ev.warnings
    ]
    assert got == [
        (5, "problem_due", "firm", None),
        (30, "streak_near", "d", None),  # below the district in September and October
        (30, "streak_near", "e", None),
        (30, "streak_near", "e", None),
        (30, "task_due", "a", "SJ-2"),  # towns first, as in the units' order
        (30, "task_due", "dept", "SJ-1"),
        (30, "task_due", "firm", "SJ-2"),
        (30, "milestone_due", "dept", None),
    ]
    # e: its bottom-N warning before its below-the-district one (the rules' order)
    assert [w.evidence.rule for w in ev.warnings[2:4]] == [RuleId.bottom_n, RuleId.below_district]  # type: ignore[union-attr]


def test_each_warning_is_one_sentence_in_the_offices_voice() -> None:
    nov30 = D(2026, 11, 30)
    data = dataset(
        tasks=[task(title="完成5G基站建设", deadline=nov30)],
        projects=[
            project(
                milestones=[{"name": "主体完工", "due": nov30}], progress=progress(("2026-10", 90))
            )
        ],
        problems=[problem(deadline=nov30)],
    )
    ev = MonthEvaluation(data, MONTH)
    assert [warning_text(w, data) for w in ev.warnings] == [
        "市重点督办任务“完成5G基站建设”完成时限为2026年11月30日，请抓紧",
        "“测试项目”项目“主体完工”节点计划于2026年11月30日完成，请抓紧",
        "“物业收取进场费，基站无法进场”问题限期2026年11月30日解决，请抓紧",
    ]


# --- a warning never changes any finding or action --------------------------------------------

town_figures = st.lists(
    st.fixed_dictionaries({t: st.integers(0, 10) for t in "abcde"}), min_size=1, max_size=4
)
days = st.integers(-40, 80).map(lambda n: D(2026, 10, 31) + dt.timedelta(n))


@settings(max_examples=60, deadline=None)
@given(
    town_figures,
    st.lists(st.integers(0, 100), min_size=1, max_size=4),
    st.lists(days, max_size=3),
    st.integers(1, 4),
    st.integers(1, 5),
    st.integers(1, 4),
    st.integers(0, 40),
)
def test_warnings_never_change_an_action_and_never_warn_of_one_already_reached(
    months: list[dict[str, int]],
    percents: list[int],
    deadlines: list[D],
    interview: int,
    accountability: int,
    red_accountability: int,
    warn_days: int,
) -> None:
    names = [f"2026-{10 - len(months) + 1 + i:02d}" for i in range(len(months))]
    rows = [
        (m, t, 10, done) for m, figs in zip(names, months, strict=True) for t, done in figs.items()
    ]
    entries = [(f"2026-{10 - len(percents) + 1 + i:02d}", p) for i, p in enumerate(percents)]
    rules = Rules(
        bottom_n=2,
        interview_streak=interview,
        accountability_streak=accountability,
        red_accountability_streak=red_accountability,
        warn_days=warn_days,
    )
    data = dataset(
        figures(rows),
        rules=rules,
        projects=[_red_project(*entries)],
        tasks=[task(id=f"SJ-{i}", deadline=d) for i, d in enumerate(deadlines)],
        problems=[problem(id=f"WT-2026-{i:03d}", deadline=d) for i, d in enumerate(deadlines)],
    )
    plain = MonthEvaluation(data, MONTH)
    before = json.dumps(accountability_json(MONTH, plain.findings), sort_keys=True)
    warned = MonthEvaluation(data, MONTH)
    warnings = warned.warnings
    assert json.dumps(accountability_json(MONTH, warned.findings), sort_keys=True) == before
    for w in warnings:
        e = w.evidence
        if not isinstance(e, StreakNearEvidence):
            assert 0 <= evidence_json(e)["days_left"] <= warn_days
            continue
        assert e.threshold == e.streak + 1 and len(e.months) == e.streak >= 1
        if e.rule == RuleId.project_red:
            now = streak_action(e.streak, 1, red_accountability)
        else:
            now = streak_action(e.streak, interview, accountability)
        assert now is None or now < e.action, "warned of an action already reached"
        same = [
            b
            for b in warned.breaches
            if b.unit == w.unit
            and b.rule == e.rule
            and evidence_json(b.evidence).get("metric") == e.metric
        ]
        assert all(b.action < e.action for b in same)


# --- the sample and xjj warnings ------------------------------------------------------------------


def xjj(data: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--data", str(data), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


def test_the_samples_october_shows_every_kind_of_warning() -> None:
    ev = evaluate(SAMPLE, MONTH)
    assert {w.warning for w in ev.warnings} == set(WarningId)


def test_warnings_json_is_by_unit_most_urgent_first_and_equals_the_engine() -> None:
    code, out, _ = xjj(SAMPLE, "warnings", "--month", MONTH, "--format", "json")
    assert code == 0, out
    payload = json.loads(out)
    assert list(payload) == ["month", "units"] and payload["month"] == MONTH
    ev = evaluate(SAMPLE, MONTH)
    flat = [(u["unit"], w["warning"], w["by"]) for u in payload["units"] for w in u["warnings"]]
    assert sorted(flat) == sorted((w.unit, w.warning.value, w.by.isoformat()) for w in ev.warnings)
    firsts = [u["warnings"][0]["by"] for u in payload["units"]]
    assert firsts == sorted(firsts), "units ordered by their most urgent warning"
    unit = payload["units"][0]
    assert list(unit) == ["unit", "name", "kind", "warnings"]
    assert list(unit["warnings"][0])[:3] == ["warning", "detail", "by"]


@pytest.mark.parametrize("output", ["table", "csv", "md"])
def test_warnings_tables_speak_chinese(output: str) -> None:
    code, out, _ = xjj(SAMPLE, "warnings", "--format", output)
    assert code == 0, out
    assert "将被提请问责" in out and "请抓紧" in out


def test_warnings_workbook(tmp_path: Path) -> None:
    out = tmp_path / "预警.xlsx"
    code, text, _ = xjj(SAMPLE, "warnings", "--format", "xlsx", "--out", str(out))
    assert code == 0, text
    assert out.stat().st_size > 0


@pytest.fixture
def november(sample_copy: Path) -> Path:
    """The sample with 2026-11's file begun: 李营街道 has not filled in ``completed``."""
    lines = (
        (sample_copy / "towns" / "progress" / "2026-10.csv")
        .read_text(encoding="utf-8")
        .splitlines()
    )
    rows = [lines[0]]
    for line in lines[1:]:
        town, metric, target, completed = line.split(",")
        rows.append(f"{town},{metric},{target},{'' if town == 'ly' else completed}")
    (sample_copy / "towns" / "progress" / "2026-11.csv").write_text("\n".join(rows) + "\n", "utf-8")
    return sample_copy


def test_warnings_refuse_a_month_that_is_not_reportable_unless_draft(november: Path) -> None:
    code, out, err = xjj(november, "warnings", "--month", "2026-11")
    assert code == 1 and out == "", err
    assert "--draft" in err
    code, out, err = xjj(november, "warnings", "--month", "2026-11", "--draft", "--format", "json")
    assert code == 0, err
    payload = json.loads(out)
    assert payload["month"] == "2026-11" and payload["draft"] is True
    code, out, _ = xjj(november, "warnings", "--month", "2026-11", "--draft")
    assert code == 0 and "征求意见稿" in out.splitlines()[0], out


# --- docs/rules.md's worked example -------------------------------------------------------------

BLOCK = re.compile(r"<!-- early-warnings -->\n```yaml\n(.*?)\n```", re.DOTALL)


def test_the_rules_documents_warnings_example_matches_the_tool() -> None:
    (block,) = BLOCK.findall((ROOT / "docs" / "rules.md").read_text(encoding="utf-8"))
    want = yaml.safe_load(block)
    ev = evaluate(SAMPLE, str(want["month"]))
    got = [
        {"unit": w.unit, "warning": w.warning.value, "by": w.by.isoformat()}
        | evidence_json(w.evidence)
        for w in ev.warnings
    ]
    counts = {kind.value: sum(1 for w in ev.warnings if w.warning == kind) for kind in WarningId}
    assert want["counts"] == counts
    for expected in want["warnings"]:
        matching = [g for g in got if all(g.get(k) == v for k, v in expected.items())]
        assert len(matching) == 1, f"not one of the tool's warnings: {expected}"
