"""Each finding's sentence is composed from the catalogue (messages.py) out of its evidence.

These pin today's composition — which catalogue phrase for which case, which numbers and
months in it — so that mutation testing (``make mutate``) sees a wrong sentence. They build
the expected sentence from the catalogue's keys, not from Chinese literals; when the words
move out of the engine (issue 10's redesign) these tests move with them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from builders import D, dataset, events, figures, progress, project, task
from xjj_cli.engine.evaluate import MonthEvaluation
from xjj_cli.messages.formats import (
    chinese_number,
    cn_date,
    cn_month,
    cn_months,
    months_count,
    percent,
    percent_points,
    points,
)
from xjj_cli.messages.rules import CARD_WORDS, finding, phrase
from xjj_cli.model import Rules
from xjj_cli.render import reports

PLAN = {"start": D(2026, 6, 1), "plan": {"2026-06": 30, "2026-07": 40, "2026-08": 50}}


def detail(ev: MonthEvaluation, unit: str, rule: str) -> str:
    units = reports.accountability_json(ev.month, ev.findings)["units"]
    [reason] = [r for u in units if u["unit"] == unit for r in u["reasons"] if r["rule"] == rule]
    text: str = reason["detail"]
    return text


def red_detail(month: str, *entries: tuple[str, float], **fields: Any) -> str:
    p = project(**{**PLAN, **fields}, progress=progress(*entries))
    return detail(MonthEvaluation(dataset(projects=[p]), month), "dept", "project_red")


def project_red(month: str, why: str, streak_text: str) -> str:
    return finding(
        "project_red",
        project="P-1",
        name="测试项目",
        month=cn_month(month, month),
        why=why,
        streak_text=streak_text,
    )


def lag(planned: int, actual: int) -> str:
    return phrase(
        "lag",
        planned=percent_points(planned),
        actual=percent_points(actual),
        lag=points(planned - actual),
    )


def test_a_first_red_month() -> None:
    text = red_detail("2026-07", ("2026-06", 30), ("2026-07", 10))
    assert text == project_red("2026-07", lag(40, 10), phrase("red_first"))


def test_red_again_after_a_blue_month() -> None:
    text = red_detail("2026-08", ("2026-06", 5), ("2026-07", 40), ("2026-08", 20))
    again = phrase("red_again", before=cn_month("2026-06", "2026-08"))
    assert text == project_red("2026-08", lag(50, 20), again)


def test_red_after_a_month_without_a_report() -> None:
    text = red_detail("2026-08", ("2026-06", 5), ("2026-08", 10))
    gap = phrase("red_after_gap", gap=cn_month("2026-07", "2026-08"))
    assert text == project_red("2026-08", lag(50, 10), gap)


def test_a_red_streak_and_a_red_streak_after_a_gap() -> None:
    text = red_detail("2026-07", ("2026-06", 5), ("2026-07", 10))
    assert text == project_red("2026-07", lag(40, 10), phrase("red_streak", months=months_count(2)))
    plan = {"2026-06": 30, "2026-07": 40, "2026-08": 50, "2026-09": 60}
    text = red_detail("2026-09", ("2026-06", 5), ("2026-08", 10), ("2026-09", 10), plan=plan)
    after_gap = phrase(
        "red_streak_after_gap", months=months_count(2), gap=cn_month("2026-07", "2026-09")
    )
    assert text == project_red("2026-09", lag(60, 10), after_gap)


def test_every_reason_of_a_red_project_in_order() -> None:
    milestone = {"name": "开工", "due": D(2026, 5, 1)}
    text = red_detail(
        "2026-08",
        ("2026-06", 5),
        start=D(2026, 1, 1),
        end=D(2026, 7, 31),
        plan={"2026-06": 90},
        milestones=[milestone],
    )
    why = "；".join(
        [
            lag(100, 5),
            phrase("milestone_overdue", name="开工", due=cn_date(D(2026, 5, 1)), days=122),
            phrase("end_passed", actual=percent_points(5)),
        ]
    )
    gap = phrase("red_after_gap", gap=cn_month("2026-07", "2026-08"))
    assert text == project_red("2026-08", why, gap)


def test_a_yellow_project_not_reported() -> None:
    p = project(plan={"2026-06": 50, "2026-07": 55}, progress=progress(("2026-06", 50)))
    text = detail(MonthEvaluation(dataset(projects=[p]), "2026-07"), "dept", "project_yellow")
    why = phrase("not_reported", month=cn_month("2026-07", "2026-07"))
    expected = finding(
        "project_yellow",
        project="P-1",
        name="测试项目",
        month=cn_month("2026-07", "2026-07"),
        why=why,
    )
    assert text == expected


def test_a_yellow_project() -> None:
    p = project(plan={"2026-06": 50}, progress=progress(("2026-06", 35)))
    text = detail(MonthEvaluation(dataset(projects=[p]), "2026-06"), "dept", "project_yellow")
    expected = finding(
        "project_yellow",
        project="P-1",
        name="测试项目",
        month=cn_month("2026-06", "2026-06"),
        why=lag(50, 35),
    )
    assert text == expected


def _towns(months: list[str]) -> MonthEvaluation:
    rows = []
    for m in months:
        rows += [(m, "a", 10, 10), (m, "b", 10, 9), (m, "c", 10, 2)]
    data = dataset(figures(rows), towns=("a", "b", "c"), rules=Rules(bottom_n=1))
    return MonthEvaluation(data, months[-1])


def test_a_long_town_streak_shows_its_last_three_months_and_its_span() -> None:
    months = ["2026-06", "2026-07", "2026-08", "2026-09"]
    ev = _towns(months)
    names = cn_months(months[1:], "2026-09")
    first, last = cn_months(["2026-06", "2026-09"], "2026-09")
    history = "，".join(phrase("rank_month", month=n, rank=3, size=3) for n in names)
    assert detail(ev, "c", "bottom_n") == finding(
        "bottom_n",
        metric="5G基站",
        history=history,
        span=phrase("span", first=first, last=last),
        months=months_count(4),
        n=chinese_number(1),
    )
    rates = "，".join(
        phrase("rate_month", month=n, rate=percent(0.2), district=percent(0.7)) for n in names
    )
    assert detail(ev, "c", "below_district") == finding(
        "below_district",
        metric="5G基站",
        history=rates,
        span=phrase("span", first=first, last=last),
        months=months_count(4),
        n=chinese_number(1),
    )


def test_a_short_town_streak_has_no_span_and_a_red_town_its_gap() -> None:
    ev = _towns(["2026-08", "2026-09"])
    names = cn_months(["2026-08", "2026-09"], "2026-09")
    history = "，".join(phrase("rank_month", month=n, rank=3, size=3) for n in names)
    assert detail(ev, "c", "bottom_n") == finding(
        "bottom_n",
        metric="5G基站",
        history=history,
        span="",
        months=months_count(2),
        n=chinese_number(1),
    )
    assert detail(ev, "c", "town_red") == finding(
        "town_red",
        metric="5G基站",
        month=cn_month("2026-09", "2026-09"),
        rate=percent(0.2),
        progress=percent(0.75),
        gap=points(55),
    )


def test_a_card_on_a_project_names_it() -> None:
    card = {"date": D(2026, 10, 12), "color": "red", "unit": "dept", "subject": "滞后"}
    on_project = {**card, "project": "P-1"}
    for given, subject in (
        (card, "滞后"),
        (on_project, "滞后" + phrase("card_project", project="P-1")),
    ):
        ev = MonthEvaluation(dataset(evts={"2026-10": events(cards=[given])}), "2026-10")
        assert detail(ev, "dept", "city_card") == finding(
            "city_card", date=cn_date(D(2026, 10, 12)), color=CARD_WORDS["red"], subject=subject
        )


def test_an_open_and_a_late_city_task() -> None:
    open_task = task(id="SJ-1", deadline=D(2026, 9, 1))
    late = task(id="SJ-2", title="另一任务", deadline=D(2026, 9, 10), done=D(2026, 9, 20))
    ev = MonthEvaluation(dataset(tasks=[open_task, late]), "2026-09")
    units = reports.accountability_json(ev.month, ev.findings)["units"]
    [dept] = units
    assert sorted(r["detail"] for r in dept["reasons"]) == sorted(
        [
            finding(
                "city_task_open",
                task="SJ-1",
                title="测试任务",
                deadline=cn_date(D(2026, 9, 1)),
                days=29,
            ),
            finding(
                "city_task_late",
                task="SJ-2",
                title="另一任务",
                deadline=cn_date(D(2026, 9, 10)),
                done=cn_date(D(2026, 9, 20)),
                days=10,
            ),
        ]
    )


def _report(day: dt.date, reporter: str) -> dict[str, Any]:
    return {"date": day, "reporter": reporter, "unit": "dept", "text": "不配合", "verified": True}


def test_noncooperation_lists_each_report_and_the_streak() -> None:
    months = {
        "2026-09": events(noncooperation=[_report(D(2026, 9, 3), "a")]),
        "2026-10": events(
            noncooperation=[_report(D(2026, 10, 9), "zz"), _report(D(2026, 10, 8), "b")]
        ),
    }
    ev = MonthEvaluation(dataset(evts=months), "2026-10")
    listed = "；".join(
        [
            phrase("report", reporter="b镇", date=cn_date(D(2026, 10, 8)), text="不配合"),
            phrase("report", reporter="zz", date=cn_date(D(2026, 10, 9)), text="不配合"),
        ]
    )
    assert detail(ev, "dept", "noncooperation") == finding(
        "noncooperation",
        month=cn_month("2026-10", "2026-10"),
        count=2,
        verified=phrase("verified_all"),
        reports=listed,
        streak_text=phrase("report_streak", months=months_count(2)),
    )
    first = MonthEvaluation(ev.data, "2026-09")
    assert detail(first, "dept", "noncooperation") == finding(
        "noncooperation",
        month=cn_month("2026-09", "2026-09"),
        count=1,
        verified=phrase("verified_one"),
        reports=phrase("report", reporter="a镇", date=cn_date(D(2026, 9, 3)), text="不配合"),
        streak_text="",
    )
