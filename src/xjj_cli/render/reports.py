"""Rankings, project colours and the accountability list as tables and JSON (SPEC §4)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from xjj_cli.chinese import FULL_STOP, clauses
from xjj_cli.engine.results import (
    DepartmentRow,
    MetricRanking,
    ProjectStatus,
    UnitFinding,
    evidence_json,
)
from xjj_cli.messages.formats import chinese_number, cn_month, one_decimal, percent, percent_points
from xjj_cli.messages.reports import NOT_STARTED, NOT_SUBMITTED, REPORT_HEADINGS, report_word
from xjj_cli.messages.rules import COLOR_WORDS
from xjj_cli.render.tabular import Column, Measure, Table, columns
from xjj_cli.wording.findings import action_label, detail

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
    return f"↑{value}" if value > 0 else (f"↓{-value}" if value < 0 else report_word("level"))


def _mark(flag: bool) -> str:
    return report_word("yes") if flag else ""


def _fraction(value: Any) -> float | None:
    return None if value is None else float(value)


# --- town rankings ------------------------------------------------------------------------


def ranking_tables(
    rankings: Sequence[MetricRanking],
    bottom_n: int,
    not_submitted: Mapping[str, frozenset[str]] | None = None,
    *,
    empty: str,
) -> list[Table]:
    """One table per metric: Chinese headings and coloured cells for people, English keys
    and exact values for CSV. Without any ranking, one empty table titled ``empty`` (the
    catalogue's sentence that says so, less its full stop; a CSV keeps its header). For a
    draft, ``not_submitted`` maps each metric to the towns whose figure is carried over from
    last month: a column marks them 未报送."""
    h = REPORT_HEADINGS["ranking"]
    columns: tuple[Column, ...] = (
        Column("month", h["month"], shown=False),
        Column("metric", h["metric"], shown=False),
        Column("rank", h["rank"], numeric=True, measure=Measure.integer),
        Column("town", h["town"], shown=False),
        Column("name", h["name"]),
        Column("target", h["target"], numeric=True, measure=Measure.integer),
        Column("completed", h["completed"], numeric=True, measure=Measure.integer),
        Column("rate", h["rate"], numeric=True, measure=Measure.share),
        Column("color", h["color"], colour=True),
        Column("bottom_n", h["bottom_n"].format(n=chinese_number(bottom_n))),
        Column("below_district", h["below_district"]),
        Column("rank_change", h["rank_change"], numeric=True, measure=Measure.change),
        Column("district_rate", h["district_rate"], shown=False, measure=Measure.share),
        Column("time_progress", h["time_progress"], shown=False, measure=Measure.share),
    )
    if not_submitted is not None:
        columns += (Column("submitted", h["submitted"]),)
    if not rankings:
        return [
            Table(
                title=empty.removesuffix(FULL_STOP),
                columns=columns,
                sheet=report_word("ranking_sheet"),
            )
        ]
    tables = []
    for ranking in rankings:
        table = Table(
            title=report_word(
                "ranking_title",
                month=cn_month(ranking.month),
                metric=ranking.metric_name,
                unit=ranking.unit,
            ),
            columns=columns,
            sheet=ranking.metric_name,
            caption=report_word(
                "ranking_caption",
                district=percent(ranking.district_rate),
                progress=percent(ranking.time_progress),
                size=ranking.size,
            ),
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
    h = REPORT_HEADINGS["departments"]
    table = Table(
        title=report_word("departments_title", month=cn_month(month)),
        columns=(
            Column("month", h["month"], shown=False),
            Column("rank", h["rank"], numeric=True, measure=Measure.integer),
            Column("unit", h["unit"], shown=False),
            *columns(h, "name", "kind"),
            Column("items", h["items"], numeric=True, measure=Measure.integer),
            Column("on_schedule", h["on_schedule"], numeric=True, measure=Measure.integer),
            Column("score", h["score"], numeric=True, measure=Measure.share),
        ),
        caption=report_word("departments_caption"),
        sheet=report_word("departments_sheet"),
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
    h = REPORT_HEADINGS["colors"]
    table = Table(
        title=report_word("colors_title", month=cn_month(month)),
        sheet=report_word("colors_sheet"),
        columns=(
            Column("month", h["month"], shown=False),
            *columns(h, "id", "name"),
            Column("domain", h["domain"], shown=False),
            Column("owner", h["owner"]),
            Column("color", h["color"], colour=True),
            Column("planned", h["planned"], numeric=True, measure=Measure.percent),
            Column("actual", h["actual"], numeric=True, measure=Measure.percent),
            Column("lag", h["lag"], numeric=True, measure=Measure.points),
            *columns(h, "reported", "overdue_milestones"),
        ),
    )
    for s in statuses:
        overdue = [report_word("overdue", name=m.name, days=m.days) for m in s.overdue_milestones]
        color_text = COLOR_WORDS[s.color] if s.color else NOT_STARTED
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
                "reported": (
                    s.reported,
                    report_word("yes") if s.reported else (NOT_SUBMITTED if s.color else "—"),
                ),
                "overdue_milestones": ([m.name for m in s.overdue_milestones], clauses(overdue)),
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
    h = REPORT_HEADINGS["accountability"]
    table = Table(
        title=report_word("accountability_title", month=cn_month(month)),
        columns=(
            Column("month", h["month"], shown=False),
            Column("unit", h["unit"], shown=False),
            *columns(h, "name", "kind", "action"),
            Column("rule", h["rule"], shown=False),
            *columns(h, "rule_action", "detail"),
        ),
        caption=report_word("accountability_caption", count=len(findings)),
        sheet=report_word("accountability_sheet"),
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
