"""A unit's months and open problems in words: the cells of ``xjj history``'s tables and the
board's unit pages (ranks, colours, the action and why, the early warnings)."""

from __future__ import annotations

from collections import Counter

from xjj_cli.chinese import listing
from xjj_cli.engine.dataset import Dataset
from xjj_cli.engine.history import HistoryMonth, UnitHistory
from xjj_cli.engine.ledger import LedgerState
from xjj_cli.engine.results import Color
from xjj_cli.messages.formats import cn_date, cn_month, percent
from xjj_cli.messages.reports import history_word
from xjj_cli.messages.rules import ACTION_LABELS, COLOR_WORDS
from xjj_cli.wording.findings import summary
from xjj_cli.wording.warnings import warning_text

COLOR_ORDER: tuple[Color, ...] = ("red", "yellow", "blue")
"""The colours, worst first: a month's colour is the worst of its ranks and projects."""


def ranks_text(month: HistoryMonth) -> str:
    """The month's ranks (a town's per metric, a department's score), one a line."""
    lines = [
        history_word("town_rank", metric=r.metric_name, rank=r.rank, of=r.of, rate=percent(r.rate))
        if r.color is not None
        else history_word("department_rank", rank=r.rank, of=r.of, rate=percent(r.rate))
        for r in month.ranks
    ]
    return "\n".join(lines) or history_word("not_ranked")


def colors_text(month: HistoryMonth) -> str:
    """The month's colours: a town's per metric, then its projects by colour."""
    lines = [
        history_word("town_color", metric=r.metric_name, color=COLOR_WORDS[r.color])
        for r in month.ranks
        if r.color is not None
    ]
    if month.projects:
        counts = Counter(p.color for p in month.projects)
        parts = [
            history_word("project_count", color=COLOR_WORDS[c], count=counts[c])
            for c in COLOR_ORDER
            if counts[c]
        ]
        if counts[None]:
            parts.append(history_word("not_started", count=counts[None]))
        lines.append(history_word("projects", colors=listing(parts)))
    return "\n".join(lines) or history_word("none")


def warnings_text(month: HistoryMonth, data: Dataset) -> str:
    """The month's early warnings in the words of ``xjj warnings``, one a line."""
    lines = [warning_text(w, data) for w in month.warnings]
    return "\n".join(lines) or history_word("none")


def month_texts(found: UnitHistory) -> list[dict[str, str]]:
    """Each month's cells as the table shows them (keyed like ``REPORT_HEADINGS["history"]``),
    oldest first, with ``action_key`` (None without a breach) and ``color``, the worst colour
    of the month's ranks and projects (None: none) — for the board's unit pages."""
    none = history_word("none")
    rows = []
    for m in found.months:
        colors = {r.color for r in m.ranks} | {p.color for p in m.projects}
        rows.append(
            {
                "month": cn_month(m.month),
                "ranks": ranks_text(m),
                "colors": colors_text(m),
                "action": ACTION_LABELS[m.action.key] if m.action is not None else none,
                "action_key": m.action.key if m.action is not None else "",
                "color": next((c for c in COLOR_ORDER if c in colors), "none"),
                "reasons": (
                    summary(m.finding).removeprefix(found.unit.name)
                    if m.finding is not None
                    else none
                ),
            }
        )
    return rows


def problem_texts(found: UnitHistory) -> list[dict[str, str]]:
    """The unit's open problems as the problems table shows them, with ``overdue`` ("1" or
    "") — for the board's unit pages."""
    rows = []
    for e in found.open_problems:
        overdue = e.state is LedgerState.overdue
        rows.append(
            {
                "id": e.problem.id,
                "text": e.problem.text,
                "deadline": cn_date(e.problem.deadline),
                "state": history_word("overdue", days=e.days_overdue)
                if overdue
                else history_word("open"),
                "overdue": "1" if overdue else "",
            }
        )
    return rows
