"""Tiny hand-made records and tables for rule tests: the answer must be obvious."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pandas as pd

from xjj_cli.engine.dataset import FIGURE_COLUMNS, Dataset, UnitInfo
from xjj_cli.engine.dataset import MetricInfo as Metric
from xjj_cli.model import Events, LedgerProblem, Project, Rules, Task

D = dt.date


def project(**fields: Any) -> Project:
    """A project with sensible defaults: 2026, no plan, owner ``dept``."""
    base: dict[str, Any] = {
        "id": "P-1",
        "name": "测试项目",
        "domain": "5g",
        "owner": "dept",
        "start": D(2026, 1, 1),
        "end": D(2026, 12, 31),
        "investment": {"total": 100.0, "year": 100.0},
    }
    base.update(fields)
    return Project.model_validate(base, strict=False)


def progress(*entries: tuple[str, float]) -> list[dict[str, Any]]:
    """Progress entries from (month, percent) pairs."""
    return [{"month": m, "percent": float(p), "invested": 0.0} for m, p in entries]


def task(**fields: Any) -> Task:
    """A city key task for ``dept`` due 2026-09-30, not done."""
    base: dict[str, Any] = {
        "id": "SJ-1",
        "title": "测试任务",
        "domain": "5g",
        "units": ["dept"],
        "deadline": D(2026, 9, 30),
        "done": None,
    }
    base.update(fields)
    return Task.model_validate(base, strict=False)


def problem(**fields: Any) -> LedgerProblem:
    """A ledger problem raised 2026-09-05 by town ``a``, ``dept`` to solve it by 2026-10-15,
    not resolved."""
    base: dict[str, Any] = {
        "id": "WT-2026-001",
        "domain": "5g",
        "text": "物业收取进场费，基站无法进场",
        "raised": D(2026, 9, 5),
        "by": "a",
        "unit": "dept",
        "deadline": D(2026, 10, 15),
        "resolved": None,
    }
    base.update(fields)
    return LedgerProblem.model_validate(base, strict=False)


def events(**fields: Any) -> Events:
    """An events record from plain dicts."""
    return Events.model_validate(fields, strict=False)


def figures(
    rows: Sequence[tuple[str, str, int, int | None]], metric: str = "5g.stations"
) -> pd.DataFrame:
    """Town figures from (month, town, target, completed) rows; completed None is a blank."""
    return pd.DataFrame([(m, t, metric, tg, c) for m, t, tg, c in rows], columns=FIGURE_COLUMNS)


def dataset(
    fig: pd.DataFrame | None = None,
    *,
    towns: tuple[str, ...] = ("a", "b", "c", "d", "e"),
    rules: Rules | None = None,
    projects: list[Project] | None = None,
    tasks: list[Task] | None = None,
    evts: dict[str, Events] | None = None,
    problems: list[LedgerProblem] | None = None,
) -> Dataset:
    """A dataset of towns ``a``…``e``, a department ``dept`` and one ranked metric."""
    parties = {t: UnitInfo(t, f"{t}镇", "镇", True) for t in towns}
    parties["dept"] = UnitInfo("dept", "区测试局", "区直部门", False)
    parties["firm"] = UnitInfo("firm", "测试公司", "企业", False)
    return Dataset(
        rules=rules or Rules(),
        units=parties,
        metrics=[Metric("5g.stations", "5G基站", "个", "5g", True)],
        figures=fig if fig is not None else figures([]),
        projects=projects or [],
        tasks=tasks or [],
        events=evts or {},
        problems=problems or [],
    )
