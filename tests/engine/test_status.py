"""Who has submitted for a month and who is chased (engine/status.py; SPEC §4 ``xjj status``,
SPEC §3.5 催报), on the sample's repository: a town has submitted when its month's file has
every ``completed`` filled; a started project owes a progress entry; a unit is chased for its
figures, its projects or both; a problem open at the month's end past its deadline is listed
with its days overdue counted to that end."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import SAMPLE, pending_november
from xjj_cli.engine.status import (
    Chase,
    OverdueProblem,
    ProjectReport,
    Unreported,
    by_owner,
    submissions,
)
from xjj_cli.model import Contact
from xjj_cli.pipeline import load_valid

CONTACT = Contact(name="王明", phone="0537-2345678")


def test_a_month_every_town_submitted_chases_only_the_owner_of_a_project_not_reported() -> None:
    found = submissions(load_valid(SAMPLE), "2026-10")
    assert (found.month, found.reportable, found.filed) == ("2026-10", True, True)
    assert found.contact == CONTACT
    assert len(found.towns) == 16 and all(t.submitted for t in found.towns)
    assert (found.towns[0].town, found.towns[0].name, found.towns[0].kind) == (
        "gh",
        "古槐街道",
        "街道",
    )
    assert [(p.id, p.owner_name) for p in found.projects if not p.reported] == [
        ("IIOT-2026-004", "协力气体")
    ]
    assert len(found.projects) == 37
    # a project expected to report: its id, name, owner's code and name, and whether it has
    assert found.projects[0] == ProjectReport(
        "5G-2026-002", "任城区5G基站建设（第二批·城区东部）", "tt", "铁塔公司任城分公司", True
    )
    assert found.chase == (
        Chase(
            "xlqt",
            "协力气体",
            "企业",
            False,
            (Unreported("IIOT-2026-004", "协力气体5G全连接工厂", "xlqt", "协力气体"),),
        ),
    )


def test_problems_open_past_their_deadline_count_their_days_to_the_months_end() -> None:
    found = submissions(load_valid(SAMPLE), "2026-10")
    # deadline 2026-10-25, open on 2026-10-31: six days overdue; listed in the ledger's order
    assert found.overdue[0] == OverdueProblem(
        "WT-2026-012", "站点施工临时占地协调难", "cg", "长沟镇", dt.date(2026, 10, 25), 6
    )
    assert [(p.id, p.unit, p.unit_name, p.days_overdue) for p in found.overdue[1:]] == [
        ("WT-2026-003", "qzj", "区住建局", 41),
        ("WT-2026-004", "qzrj", "区自然资源局", 46),
        ("WT-2026-007", "qnyfw", "区能源服务中心", 21),
        ("WT-2026-008", "qnyfw", "区能源服务中心", 11),
        ("WT-2026-005", "gdgs", "区供电公司", 16),
    ]


def test_a_pending_month_chases_the_towns_blank_then_the_owners_of_projects(
    sample_copy: Path,
) -> None:
    pending_november(sample_copy, ("ly", "cg"))
    found = submissions(load_valid(sample_copy), "2026-11")
    assert (found.reportable, found.filed) == (False, True)
    assert [t.town for t in found.towns if not t.submitted] == ["ly", "cg"]
    assert not any(p.reported for p in found.projects)
    chased = {c.unit: c for c in found.chase}
    # the towns blank first, in the towns' order; then the owners in the order of their projects
    assert list(chased)[:3] == ["ly", "cg", "tt"]
    assert chased["ly"] == Chase("ly", "李营街道", "街道", True)
    assert chased["cg"] == Chase("cg", "长沟镇", "镇", True)
    assert chased["tt"].figures is False and chased["tt"].kind == "企业"
    assert chased["tt"].name == "铁塔公司任城分公司"
    assert [p.id for p in chased["xlqt"].projects] == ["IIOT-2026-002", "IIOT-2026-004"]


def test_a_month_without_a_file_has_no_town_submitted_and_is_not_reportable() -> None:
    found = submissions(load_valid(SAMPLE), "2026-12")
    assert (found.reportable, found.filed) == (False, False)
    assert not any(t.submitted for t in found.towns)
    assert [c.unit for c in found.chase][:16] == [t.town for t in found.towns]


def test_projects_not_reported_are_grouped_by_owner_in_order_of_first_mention() -> None:
    a1, b1, a2 = (
        Unreported("P-1", "一", "a", "甲"),
        Unreported("P-2", "二", "b", "乙"),
        Unreported("P-3", "三", "a", "甲"),
    )
    grouped = by_owner([a1, b1, a2])
    assert list(grouped) == ["a", "b"]
    assert grouped == {"a": [a1, a2], "b": [b1]}
