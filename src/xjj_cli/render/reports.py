"""Rankings, project colours and the accountability list as tables and JSON (SPEC §4)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from xjj_cli.engine.results import (
    DepartmentRow,
    MetricRanking,
    ProjectStatus,
    UnitFinding,
    evidence_json,
)
from xjj_cli.messages import (
    COLOR_WORDS,
    NOT_SUBMITTED,
    chinese_number,
    cn_month,
    one_decimal,
    percent,
    percent_points,
)
from xjj_cli.render.findings import action_label, detail
from xjj_cli.render.tabular import Column, Table

COLOR_STYLES = {"blue": "bold blue", "yellow": "bold yellow", "red": "bold red"}
ACTION_STYLES = {
    "remind": "cyan",
    "notify": "yellow",
    "interview": "bold magenta",
    "accountability": "bold red",
}
Cells = dict[str, tuple[Any, str]]


def rank_change_text(value: int | None) -> str:
    """较上月: ↑2, ↓1, 持平, or — without a ranking last month."""
    if value is None:
        return "—"
    return f"↑{value}" if value > 0 else (f"↓{-value}" if value < 0 else "持平")


def _mark(flag: bool) -> str:
    return "是" if flag else ""


def _fraction(value: Any) -> float | None:
    return None if value is None else float(value)


# --- town rankings ------------------------------------------------------------------------


def ranking_tables(
    rankings: Sequence[MetricRanking],
    bottom_n: int,
    month: str = "",
    not_submitted: Mapping[str, frozenset[str]] | None = None,
    *,
    empty: str = "",
) -> list[Table]:
    """One table per metric: Chinese headings and coloured cells for people, English keys
    and exact values for CSV. Without any ranking, one empty table titled ``empty`` (a CSV
    keeps its header). For a draft, ``not_submitted`` maps each metric to the towns whose
    figure is carried over from last month: a column marks them 未报送."""
    columns: tuple[Column, ...] = (
        Column("month", "月份", shown=False),
        Column("metric", "指标", shown=False),
        Column("rank", "排名", numeric=True),
        Column("town", "代码", shown=False),
        Column("name", "镇街"),
        Column("target", "年度目标", numeric=True),
        Column("completed", "累计完成", numeric=True),
        Column("rate", "完成率", numeric=True),
        Column("color", "颜色"),
        Column("bottom_n", f"后{chinese_number(bottom_n)}名"),
        Column("below_district", "低于全区"),
        Column("rank_change", "较上月", numeric=True),
        Column("district_rate", "全区完成率", shown=False),
        Column("time_progress", "序时进度", shown=False),
    )
    if not_submitted is not None:
        columns += (Column("submitted", "报送"),)
    if not rankings:
        title = empty or f"{cn_month(month) if month else ''}没有镇街月度数据，无法排名"
        return [Table(title=title.rstrip("。"), columns=columns)]
    tables = []
    for ranking in rankings:
        table = Table(
            title=f"{cn_month(ranking.month)}镇街排名：{ranking.metric_name}（{ranking.unit}）",
            columns=columns,
            caption=f"全区完成率 {percent(ranking.district_rate)}，序时进度 {percent(ranking.time_progress)}，"
            f"共 {ranking.size} 个有任务的镇街参与排名",
        )
        for row in ranking.rows:
            cells: Cells = {
                "month": (ranking.month, ranking.month),
                "metric": (ranking.metric, ranking.metric_name),
                "rank": (row.rank, str(row.rank)),
                "town": (row.town, row.town),
                "name": (row.name, row.name),
                "target": (row.target, str(row.target)),
                "completed": (row.completed, str(row.completed)),
                "rate": (float(row.rate), percent(row.rate)),
                "color": (row.color, COLOR_WORDS[row.color]),
                "bottom_n": (row.bottom_n, _mark(row.bottom_n)),
                "below_district": (row.below_district, _mark(row.below_district)),
                "rank_change": (row.rank_change, rank_change_text(row.rank_change)),
                "district_rate": (float(ranking.district_rate), percent(ranking.district_rate)),
                "time_progress": (float(ranking.time_progress), percent(ranking.time_progress)),
            }
            if not_submitted is not None:
                submitted = row.town not in not_submitted.get(ranking.metric, frozenset())
                cells["submitted"] = (submitted, "" if submitted else NOT_SUBMITTED)
            table.add(
                cells,
                {
                    "color": COLOR_STYLES[row.color],
                    "bottom_n": "red",
                    "below_district": "red",
                    "submitted": "bold yellow",
                },
            )
        tables.append(table)
    return tables


def ranking_json(
    rankings: Sequence[MetricRanking],
    month: str = "",
    metrics: Sequence[str] = (),
    progress: Fraction = Fraction(0),
    not_submitted: Mapping[str, frozenset[str]] | None = None,
) -> list[dict[str, Any]]:
    """SPEC §4: one object per ranked metric; each of ``metrics`` without figures in
    ``month`` gets an object with ``"district_rate": null``, no rows and ``progress``.
    For a draft (``not_submitted`` given), each row also says whether it was ``submitted``."""
    by_metric = {r.metric: r for r in rankings}
    order = list(metrics) or [r.metric for r in rankings]
    objects = [_ranking_object(by_metric.get(metric), month, metric, progress) for metric in order]
    if not_submitted is not None:
        for obj in objects:
            missing = not_submitted.get(obj["metric"], frozenset())
            for row in obj["rows"]:
                row["submitted"] = row["town"] not in missing
    return objects


def _ranking_object(
    r: MetricRanking | None, month: str, metric: str, progress: Fraction
) -> dict[str, Any]:
    if r is None:
        return {
            "month": month,
            "metric": metric,
            "district_rate": None,
            "time_progress": float(progress),
            "rows": [],
        }
    return {
        "month": r.month,
        "metric": r.metric,
        "district_rate": float(r.district_rate),
        "time_progress": float(r.time_progress),
        "rows": [
            {
                "rank": row.rank,
                "town": row.town,
                "name": row.name,
                "target": row.target,
                "completed": row.completed,
                "rate": float(row.rate),
                "color": row.color,
                "bottom_n": row.bottom_n,
                "below_district": row.below_district,
                "rank_change": row.rank_change,
            }
            for row in r.rows
        ],
    }


# --- departments --------------------------------------------------------------------------


def department_table(month: str, rows: Sequence[DepartmentRow]) -> Table:
    """Departments and enterprises by their share of items on schedule."""
    table = Table(
        title=f"{cn_month(month)}区直部门和企业排名（按期推进率）",
        columns=(
            Column("month", "月份", shown=False),
            Column("rank", "排名", numeric=True),
            Column("unit", "代码", shown=False),
            Column("name", "单位"),
            Column("kind", "类型"),
            Column("items", "事项数", numeric=True),
            Column("on_schedule", "按期", numeric=True),
            Column("score", "按期推进率", numeric=True),
        ),
        caption="事项：本单位牵头且已开工的项目（蓝色为按期）和本年度市重点督办任务（按期完成或未到期为按期）",
    )
    for row in rows:
        table.add(
            {
                "month": (month, month),
                "rank": (row.rank, str(row.rank)),
                "unit": (row.unit, row.unit),
                "name": (row.name, row.name),
                "kind": (row.kind, row.kind),
                "items": (row.items, str(row.items)),
                "on_schedule": (row.on_schedule, str(row.on_schedule)),
                "score": (float(row.score), percent(row.score)),
            }
        )
    return table


def department_json(month: str, rows: Sequence[DepartmentRow]) -> dict[str, Any]:
    """SPEC §4: ``{"month", "units": "departments", "rows": [...]}``."""
    return {
        "month": month,
        "units": "departments",
        "rows": [
            {
                "rank": r.rank,
                "unit": r.unit,
                "name": r.name,
                "kind": r.kind,
                "items": r.items,
                "on_schedule": r.on_schedule,
                "score": float(r.score),
            }
            for r in rows
        ],
    }


# --- project colours ----------------------------------------------------------------------


def colors_table(month: str, statuses: Sequence[ProjectStatus], names: Mapping[str, str]) -> Table:
    """Every project's colour with planned, actual and lag."""
    table = Table(
        title=f"{cn_month(month)}项目三色管理（蓝黄红）",
        columns=(
            Column("month", "月份", shown=False),
            Column("id", "项目编号"),
            Column("name", "项目名称"),
            Column("domain", "领域", shown=False),
            Column("owner", "责任单位"),
            Column("color", "颜色"),
            Column("planned", "计划进度", numeric=True),
            Column("actual", "实际进度", numeric=True),
            Column("lag", "滞后", numeric=True),
            Column("reported", "本月报送"),
            Column("overdue_milestones", "逾期节点"),
        ),
    )
    for s in statuses:
        overdue = [f"{m.name}（逾期{m.days}天）" for m in s.overdue_milestones]
        color_text = COLOR_WORDS[s.color] if s.color else "未开工"
        table.add(
            {
                "month": (month, month),
                "id": (s.id, s.id),
                "name": (s.name, s.name),
                "domain": (s.domain, s.domain),
                "owner": (s.owner, names.get(s.owner, s.owner)),
                "color": (s.color, color_text),
                "planned": (
                    _fraction(s.planned),
                    percent_points(s.planned) if s.planned is not None else "—",
                ),
                "actual": (
                    _fraction(s.actual),
                    percent_points(s.actual) if s.actual is not None else "—",
                ),
                "lag": (
                    _fraction(s.lag),
                    one_decimal(s.lag) if s.lag is not None else "—",
                ),
                "reported": (s.reported, "是" if s.reported else ("未报送" if s.color else "—")),
                "overdue_milestones": ([m.name for m in s.overdue_milestones], "；".join(overdue)),
            },
            {
                "color": COLOR_STYLES.get(s.color or "", "dim"),
                "reported": "" if s.reported else "yellow",
            },
        )
    return table


def colors_json(month: str, statuses: Sequence[ProjectStatus]) -> dict[str, Any]:
    """SPEC §4: ``{"month", "projects": [...]}``; a project not started has color null."""
    return {
        "month": month,
        "projects": [
            {
                "id": s.id,
                "name": s.name,
                "domain": s.domain,
                "owner": s.owner,
                "color": s.color,
                "planned": _fraction(s.planned),
                "actual": _fraction(s.actual),
                "lag": _fraction(s.lag),
                "reported": s.reported,
                "overdue_milestones": [
                    {"name": m.name, "due": m.due.isoformat(), "days": m.days}
                    for m in s.overdue_milestones
                ],
            }
            for s in statuses
        ],
    }


# --- accountability -----------------------------------------------------------------------


def accountability_table(month: str, findings: Sequence[UnitFinding]) -> Table:
    """One row per reason, the unit's name and action on its first row."""
    table = Table(
        title=f"{cn_month(month)}约谈问责名单",
        columns=(
            Column("month", "月份", shown=False),
            Column("unit", "代码", shown=False),
            Column("name", "单位"),
            Column("kind", "类型"),
            Column("action", "措施"),
            Column("rule", "规则", shown=False),
            Column("rule_action", "依据措施"),
            Column("detail", "依据"),
        ),
        caption=f"共 {len(findings)} 个单位；措施取各条依据中最重的一项",
    )
    for finding in findings:
        for i, reason in enumerate(finding.reasons):
            first = i == 0
            text = detail(reason)
            table.add(
                {
                    "month": (month, month),
                    "unit": (finding.unit, finding.unit),
                    "name": (finding.name, finding.name if first else ""),
                    "kind": (finding.kind, finding.kind if first else ""),
                    "action": (finding.action.key, action_label(finding.action) if first else ""),
                    "rule": (str(reason.rule), str(reason.rule)),
                    "rule_action": (reason.action.key, action_label(reason.action)),
                    "detail": (text, text),
                },
                {
                    "action": ACTION_STYLES[finding.action.key],
                    "rule_action": ACTION_STYLES[reason.action.key],
                },
            )
    return table


def accountability_json(month: str, findings: Sequence[UnitFinding]) -> dict[str, Any]:
    """SPEC §4: units strongest first, each reason with its rule, action, detail and evidence."""
    return {
        "month": month,
        "units": [
            {
                "unit": f.unit,
                "name": f.name,
                "kind": f.kind,
                "action": f.action.key,
                "reasons": [
                    {
                        "rule": str(b.rule),
                        "action": b.action.key,
                        "detail": detail(b),
                        **evidence_json(b.evidence),
                    }
                    for b in f.reasons
                ],
            }
            for f in findings
        ],
    }
