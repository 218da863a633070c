"""Evidence in words (wording/findings.py) and in JSON (results.evidence_json).

The rules' tests (test_rules.py) check what the engine decides; these check what each
record says, one sentence per rule, and that JSON carries exactly the keys of SPEC §4.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction as F

import pytest

from xjj_cli.engine.results import (
    Action,
    Breach,
    ColorReason,
    Evidence,
    OverdueMilestone,
    RuleId,
    UnitFinding,
    evidence_json,
)
from xjj_cli.engine.rules.below_district import BelowDistrictEvidence, RateMonth
from xjj_cli.engine.rules.bottom_n import BottomNEvidence, RankMonth
from xjj_cli.engine.rules.city_card import CardEvidence
from xjj_cli.engine.rules.city_task import TaskEvidence
from xjj_cli.engine.rules.noncooperation import NoncooperationEvidence, ReportEvidence
from xjj_cli.engine.rules.problem_overdue import ProblemEvidence
from xjj_cli.engine.rules.project_red import RedProjectEvidence
from xjj_cli.engine.rules.project_yellow import ProjectEvidence
from xjj_cli.engine.rules.town_red import TownRedEvidence
from xjj_cli.wording.findings import (
    action_decision,
    action_label,
    detail,
    evidence_text,
    reason_months,
    rule_words,
    summary,
)

D = dt.date


def said(rule: RuleId, evidence: Evidence) -> str:
    return detail(Breach("u", rule, Action.interview, evidence))


def rank_months(*months: str) -> tuple[RankMonth, ...]:
    return tuple(RankMonth(m, 5, 5, F(1, 10)) for m in months)


BOTTOM = BottomNEvidence(
    "5g.stations", 3, rank_months("2026-08", "2026-09", "2026-10"), "5G基站", 1
)
BELOW = BelowDistrictEvidence(
    "5g.stations",
    2,
    (RateMonth("2026-09", F(1, 2), F(2, 3)), RateMonth("2026-10", F(3, 5), F(3, 4))),
    "5G基站",
)
TOWN_RED = TownRedEvidence("5g.stations", F(1, 2), F(10, 12), F(1, 10), "5G基站", "2026-10")
MILESTONE = OverdueMilestone("主体完工", D(2026, 9, 15), 46)
YELLOW = ProjectEvidence(
    project="P-1",
    planned=F(80),
    actual=F(68),
    lag=F(12),
    reported=True,
    overdue_milestones=(MILESTONE,),
    end_passed=False,
    why=(ColorReason.lag, ColorReason.milestone),
    name="测试项目",
    month="2026-10",
)
RED = RedProjectEvidence(
    project="P-2",
    planned=F(60),
    actual=F(30),
    lag=F(30),
    reported=False,
    overdue_milestones=(),
    end_passed=True,
    why=(ColorReason.lag, ColorReason.end_passed, ColorReason.not_reported),
    name="红色项目",
    month="2026-10",
    streak=2,
    streak_since="2026-09",
)
OPEN_TASK = TaskEvidence("T1", "建成基站", D(2026, 9, 30), None, 31)
LATE_TASK = TaskEvidence("T2", "完成报批", D(2026, 9, 30), D(2026, 10, 20), 20)
OPEN_PROBLEM = ProblemEvidence(
    "WT-2026-001", "物业收取进场费，基站无法进场", D(2026, 10, 15), None, 16
)
LATE_PROBLEM = ProblemEvidence("WT-2026-002", "用地手续未办结", D(2026, 9, 20), D(2026, 10, 8), 18)
CARD = CardEvidence(D(2026, 10, 5), "red", "进度滞后", "P-2")
REPORTS = NoncooperationEvidence(
    2,
    2,
    (
        ReportEvidence(D(2026, 10, 8), "a", "未协调用地", "a镇"),
        ReportEvidence(D(2026, 10, 9), "b", "审批超时", "b镇"),
    ),
    "2026-10",
)


@pytest.mark.parametrize(
    ("rule", "evidence", "sentence"),
    [
        (
            RuleId.bottom_n,
            BOTTOM,
            "5G基站：8月第5名（共5名），9月第5名（共5名），10月第5名（共5名），连续3个月排名后一名",
        ),
        (
            RuleId.below_district,
            BELOW,
            "5G基站：9月完成率50.0%（全区66.7%），10月完成率60.0%（全区75.0%），"
            "连续两个月低于全区完成率",
        ),
        (
            RuleId.town_red,
            TOWN_RED,
            "5G基站：10月完成率50.0%，低于序时进度83.3%达33.3个百分点，被列为红色",
        ),
        (
            RuleId.project_yellow,
            YELLOW,
            "项目“测试项目”（P-1）10月被列为黄色：计划完成80.0%，实际68.0%，滞后12.0个百分点；"
            "节点“主体完工”（2026年9月15日到期）逾期46天未完成",
        ),
        (
            RuleId.project_red,
            RED,
            "项目“红色项目”（P-2）10月被列为红色：计划完成60.0%，实际30.0%，滞后30.0个百分点；"
            "已超过计划完工期限，目前完成30.0%；10月未报送进度；已连续两个月被列为红色",
        ),
        (
            RuleId.city_task,
            OPEN_TASK,
            "市重点督办任务“建成基站”（T1）完成时限为2026年9月30日，已逾期31天，仍未完成",
        ),
        (
            RuleId.city_task,
            LATE_TASK,
            "市重点督办任务“完成报批”（T2）完成时限为2026年9月30日，于2026年10月20日完成，逾期20天",
        ),
        (
            RuleId.problem_overdue,
            OPEN_PROBLEM,
            "“物业收取进场费，基站无法进场”问题（WT-2026-001）解决时限为2026年10月15日，"
            "已逾期16天仍未解决",
        ),
        (
            RuleId.problem_overdue,
            LATE_PROBLEM,
            "“用地手续未办结”问题（WT-2026-002）解决时限为2026年9月20日，于2026年10月8日解决，逾期18天",
        ),
        (
            RuleId.city_card,
            CARD,
            "2026年10月5日被市挂图作战平台亮红牌，事由为进度滞后（项目P-2）",
        ),
        (
            RuleId.noncooperation,
            REPORTS,
            "10月被镇街反映不配合工作2次（均已核实）：a镇（2026年10月8日）反映未协调用地；"
            "b镇（2026年10月9日）反映审批超时；已连续两个月被反映",
        ),
    ],
)
def test_each_rule_says_its_evidence_in_one_sentence(
    rule: RuleId, evidence: Evidence, sentence: str
) -> None:
    assert said(rule, evidence) == sentence


def test_a_long_streak_names_its_last_three_months_and_its_span_across_the_year() -> None:
    months = ("2026-10", "2026-11", "2026-12", "2027-01")
    evidence = BottomNEvidence("5g.stations", 4, rank_months(*months), "5G基站", 3)
    assert said(RuleId.bottom_n, evidence) == (
        "5G基站：2026年11月第5名（共5名），12月第5名（共5名），2027年1月第5名（共5名），"
        "2026年10月至2027年1月连续4个月排名后三名"
    )


@pytest.mark.parametrize(
    ("streak", "since", "unreported", "before", "ending"),
    [
        (1, "2026-10", None, None, "本月首次被列为红色"),
        (1, "2026-10", None, "2026-08", "本月再次被列为红色，8月曾被列为红色"),
        (
            1,
            "2026-10",
            "2026-09",
            "2026-09",
            "9月未报送进度，按规则亦被列为红色，连续红色月数自本月起重新计算",
        ),
        (
            2,
            "2026-09",
            "2026-08",
            "2026-08",
            "已连续两个月被列为红色（8月未报送进度，此前的红色月份不计入连续月数）",
        ),
    ],
)
def test_a_red_streak_is_worded_from_its_evidence(
    streak: int, since: str, unreported: str | None, before: str | None, ending: str
) -> None:
    evidence = RedProjectEvidence(
        **{**vars(YELLOW), "why": (ColorReason.lag,)},
        streak=streak,
        streak_since=since,
        unreported_month=unreported,
        red_before=before,
    )
    assert said(RuleId.project_red, evidence).endswith("；" + ending)


def test_action_labels_are_the_offices_words() -> None:
    assert [action_label(a) for a in Action] == ["提醒", "通报", "约谈", "问责"]


# --- JSON: the record's own fields, words-only facts left out -------------------------------


def test_json_evidence_keys_and_values_per_rule() -> None:
    assert evidence_json(BOTTOM) == {
        "metric": "5g.stations",
        "streak": 3,
        "months": [
            {"month": m, "rank": 5, "of": 5, "rate": 0.1} for m in ("2026-08", "2026-09", "2026-10")
        ],
    }
    assert list(evidence_json(BELOW)["months"][0]) == ["month", "rate", "district_rate"]
    assert evidence_json(TOWN_RED) == {
        "metric": "5g.stations",
        "rate": 0.5,
        "time_progress": 10 / 12,
        "yellow_lag": 0.1,
    }
    assert evidence_json(YELLOW) == {
        "project": "P-1",
        "planned": 80.0,
        "actual": 68.0,
        "lag": 12.0,
        "reported": True,
        "overdue_milestones": [{"name": "主体完工", "due": "2026-09-15", "days": 46}],
        "end_passed": False,
        "why": ["lag", "milestone"],
    }
    assert list(evidence_json(RED)) == [
        "project",
        "planned",
        "actual",
        "lag",
        "reported",
        "overdue_milestones",
        "end_passed",
        "why",
        "streak",
        "streak_since",
        "unreported_month",
        "red_before",
    ]
    assert evidence_json(LATE_TASK) == {
        "task": "T2",
        "title": "完成报批",
        "deadline": "2026-09-30",
        "done": "2026-10-20",
        "days_overdue": 20,
    }
    assert evidence_json(OPEN_TASK)["done"] is None
    assert evidence_json(LATE_PROBLEM) == {
        "problem": "WT-2026-002",
        "text": "用地手续未办结",
        "deadline": "2026-09-20",
        "resolved": "2026-10-08",
        "days_overdue": 18,
    }
    assert evidence_json(OPEN_PROBLEM)["resolved"] is None
    assert evidence_json(CARD) == {
        "date": "2026-10-05",
        "color": "red",
        "subject": "进度滞后",
        "project": "P-2",
    }
    assert evidence_json(REPORTS) == {
        "count": 2,
        "streak": 2,
        "reports": [
            {"date": "2026-10-08", "reporter": "a", "text": "未协调用地"},
            {"date": "2026-10-09", "reporter": "b", "text": "审批超时"},
        ],
    }


def test_json_values_are_plain_types() -> None:
    why = evidence_json(YELLOW)["why"]
    assert all(type(w) is str for w in why)


# --- summary: a unit's reasons in one plain sentence (bulletin 四, notices) ------------------


def unit(name: str, action: Action, *reasons: tuple[RuleId, Action, Evidence]) -> UnitFinding:
    return UnitFinding("u", name, "镇", action, tuple(Breach("u", r, a, e) for r, a, e in reasons))


def bottom(metric: str, name: str, streak: int) -> BottomNEvidence:
    months = tuple(f"2026-{m:02d}" for m in range(11 - streak, 11))
    return BottomNEvidence(metric, streak, rank_months(*months), name, 3)


def below(metric: str, name: str, streak: int) -> BelowDistrictEvidence:
    months = tuple(RateMonth(f"2026-{m:02d}", F(1, 2), F(2, 3)) for m in range(11 - streak, 11))
    return BelowDistrictEvidence(metric, streak, months, name)


def test_a_towns_streaks_are_grouped_across_metrics_in_one_sentence() -> None:
    acc = Action.accountability
    town = unit(
        "长沟镇",
        acc,
        (RuleId.bottom_n, acc, bottom("charging.piles", "充电桩", 3)),
        (RuleId.bottom_n, acc, bottom("5g.stations", "5G基站", 3)),
        (RuleId.below_district, acc, below("charging.piles", "充电桩", 3)),
        (RuleId.below_district, acc, below("5g.stations", "5G基站", 3)),
        (RuleId.town_red, Action.remind, TOWN_RED),
    )
    assert summary(town) == "长沟镇5G基站、充电桩2项指标连续3个月排名后三名，完成率均低于全区平均。"


def test_one_metric_says_two_months_and_no_jun() -> None:
    town = unit(
        "唐口街道",
        Action.interview,
        (RuleId.bottom_n, Action.interview, bottom("5g.stations", "5G基站", 2)),
        (RuleId.below_district, Action.interview, below("5g.stations", "5G基站", 2)),
    )
    assert summary(town) == "唐口街道5G基站连续两个月排名后三名，完成率低于全区平均。"


def test_different_streaks_say_the_shortest_and_below_apart_when_it_differs() -> None:
    acc = Action.accountability
    town = unit(
        "喻屯镇",
        acc,
        (RuleId.bottom_n, acc, bottom("5g.stations", "5G基站", 9)),
        (RuleId.bottom_n, acc, bottom("charging.piles", "充电桩", 4)),
        (RuleId.below_district, acc, below("5g.stations", "5G基站", 5)),
    )
    assert summary(town) == (
        "喻屯镇5G基站、充电桩2项指标连续4个月以上排名后三名；5G基站完成率连续5个月低于全区平均。"
    )


def test_a_departments_summary_names_the_task_and_the_project_without_codes() -> None:
    dept = unit(
        "区发改局（能源局）",
        Action.accountability,
        (RuleId.city_task, Action.accountability, OPEN_TASK),
        (RuleId.project_red, Action.accountability, RED),
        (RuleId.project_yellow, Action.notify, YELLOW),
    )
    text = summary(dept)
    assert text == (
        "区发改局（能源局）承担的市重点督办任务“建成基站”已逾期31天，仍未完成；"
        "负责的“红色项目”项目进度滞后（计划60.0%、实际30.0%），超过计划完工期限仍未完工，"
        "10月未报送进度，已连续两个月被列为红色。"
    )
    assert "T1" not in text and "P-2" not in text and "测试项目" not in text


def test_a_units_overdue_problems_are_said_without_their_ids() -> None:
    dept = unit(
        "区住建局",
        Action.notify,
        (RuleId.problem_overdue, Action.notify, OPEN_PROBLEM),
        (RuleId.problem_overdue, Action.notify, LATE_PROBLEM),
    )
    text = summary(dept)
    assert text == (
        "区住建局负责解决的“物业收取进场费，基站无法进场”问题已逾期16天，仍未解决；"
        "负责解决的“用地手续未办结”问题逾期18天，于2026年10月8日解决。"
    )
    assert "WT-" not in text


def test_an_overdue_problem_in_the_annex() -> None:
    still_open = Breach("u", RuleId.problem_overdue, Action.notify, OPEN_PROBLEM)
    assert (rule_words(still_open), reason_months(still_open)) == ("问题未按期解决", "10月")
    assert evidence_text(still_open) == (
        "问题未按期解决（10月）：“物业收取进场费，基站无法进场”问题解决时限为2026年10月15日，"
        "已逾期16天仍未解决"
    )
    late = Breach("u", RuleId.problem_overdue, Action.notify, LATE_PROBLEM)
    assert reason_months(late) == "9月至10月"
    assert evidence_text(late) == (
        "问题未按期解决（9月至10月）：“用地手续未办结”问题解决时限为2026年9月20日，"
        "于2026年10月8日解决，逾期18天"
    )


def test_noncooperation_says_one_report_without_jun_and_a_streak_with_liang() -> None:
    one = NoncooperationEvidence(1, 1, REPORTS.reports[:1], "2026-10")
    assert summary(
        unit("区住建局", Action.interview, (RuleId.noncooperation, Action.interview, one))
    ) == ("区住建局10月被a镇反映不配合工作，经核实属实。")
    assert said(RuleId.noncooperation, one).startswith("10月被镇街反映不配合工作1次（已核实）")
    two = summary(
        unit(
            "区住建局",
            Action.accountability,
            (RuleId.noncooperation, Action.accountability, REPORTS),
        )
    )
    assert two == "区住建局10月被a镇、b镇反映不配合工作2次，经核实属实，已连续两个月被镇街反映。"


def test_the_annexs_rule_months_and_action_words() -> None:
    breach = Breach("u", RuleId.bottom_n, Action.accountability, BOTTOM)
    assert (rule_words(breach), reason_months(breach)) == ("连续排名后一名", "8月至10月")
    task = Breach("u", RuleId.city_task, Action.interview, OPEN_TASK)
    assert (rule_words(task), reason_months(task)) == ("市重点督办任务逾期", "9月至10月")
    assert [action_decision(a) for a in Action] == ["提醒", "通报", "约谈", "提请问责"]


@pytest.mark.parametrize("n", [2, 3, 10])
def test_months_in_a_streak_are_liang_for_two_and_digits_otherwise(n: int) -> None:
    evidence = BottomNEvidence(
        "m", n, rank_months(*(f"2026-{m:02d}" for m in range(11 - n, 11))), "指标", 3
    )
    text = said(RuleId.bottom_n, evidence)
    assert ("连续两个月" in text) is (n == 2)
    assert "二个月" not in text and "连续2个月" not in text
    if n != 2:
        assert f"连续{n}个月" in text
