"""Build the board's view model (``model.py``) from one month's evaluation: the facts from the
engine, the sentences from ``wording/`` (a figure against 序时进度, a unit's months and its
early warnings), so that the renderer only lays them out."""

from __future__ import annotations

from collections.abc import Sequence

from xjj_cli.board.model import (
    Board,
    BoardDomain,
    BoardMetric,
    BoardMilestone,
    BoardProject,
    BoardWarning,
    Choice,
    Tile,
    UnitPage,
)
from xjj_cli.engine.evaluate import MonthEvaluation
from xjj_cli.engine.history import UnitHistory
from xjj_cli.engine.overview import (
    color_counts,
    domain_progress,
    year_investment,
)
from xjj_cli.engine.problems import problem_state
from xjj_cli.engine.results import MetricRanking
from xjj_cli.engine.towns import time_progress
from xjj_cli.messages.board import board_word
from xjj_cli.messages.formats import cn_date, percent
from xjj_cli.messages.reports import history_word
from xjj_cli.messages.rules import COLOR_WORDS
from xjj_cli.model import DOMAIN_ORDER, Project
from xjj_cli.months import month_end
from xjj_cli.wording.history import month_texts, problem_texts
from xjj_cli.wording.progress import against_time
from xjj_cli.wording.warnings import warning_kind, warning_text

COLOR_ORDER = {"red": 0, "yellow": 1, "blue": 2, "not_started": 3}


def milestones_at(project: Project, month: str) -> tuple[BoardMilestone, ...]:
    """The project's milestones at ``month``'s end, using only what was known then."""
    day = month_end(month)
    found = []
    for m in project.milestones:
        done = m.done if m.done is not None and m.done <= day else None
        overdue = (day - m.due).days if done is None and m.due < day else None
        found.append(BoardMilestone(m.name, m.due, done, overdue))
    return tuple(found)


def _metric(ranking: MetricRanking, towns: tuple[Choice, ...]) -> BoardMetric:
    rows = {row.town: row for row in ranking.rows}
    tiles = []
    for town in towns:
        row = rows.get(town.code)
        if row is None:
            title = board_word("tile_unranked", name=town.name)
            tiles.append(Tile(town.code, town.name, None, len(rows), None, None, title))
        else:
            title = board_word(
                "tile",
                name=town.name,
                color=COLOR_WORDS[row.color],
                rank=row.rank,
                of=len(rows),
                rate=percent(row.rate),
            )
            tiles.append(
                Tile(town.code, town.name, row.rank, len(rows), row.rate, row.color, title)
            )
    return BoardMetric(
        ranking.metric,
        ranking.metric_name,
        ranking.district_rate,
        ranking.time_progress,
        tuple(tiles),
        against_time(ranking.district_rate * 100, ranking.time_progress * 100),
    )


def unit_pages(histories: Sequence[UnitHistory]) -> tuple[UnitHistory, ...]:
    """The histories the board gives a page: towns first, then the departments and
    enterprises ranked or breached in any month, each group in the units' order."""
    towns = [h for h in histories if h.unit.is_town]
    others = [
        h for h in histories if not h.unit.is_town and any(m.ranks or m.reasons for m in h.months)
    ]
    return tuple(towns + others)


def unit_page(history: UnitHistory, warnings: Sequence[BoardWarning]) -> UnitPage:
    """A unit's page of the board: its months and open problems in the words of ``xjj
    history``, and its early warnings of the board's month."""
    months = month_texts(history)
    day = cn_date(month_end(history.latest))
    return UnitPage(
        code=history.unit.code,
        summary=board_word("unit_summary", name=history.unit.name, kind=history.unit.kind),
        latest=board_word("unit_latest", month=months[-1]["month"], action=months[-1]["action"]),
        latest_key=months[-1]["action_key"],
        months=tuple(months),
        problems=tuple(problem_texts(history)),
        problems_title=history_word("problems_title", day=day),
        no_problems=history_word("no_problems", day=day),
        warnings=tuple(warnings),
    )


def build_board(
    evaluation: MonthEvaluation,
    draft: str | None = None,
    histories: Sequence[UnitHistory] = (),
) -> Board:
    """The board of ``evaluation``'s month; ``draft`` is a draft's 征求意见稿 line;
    ``histories`` every unit's months up to the board's (engine.history.unit_histories)."""
    data, month = evaluation.data, evaluation.month
    units = data.units

    def unit(code: str) -> Choice:
        return Choice(code, units[code].name if code in units else code)

    towns = tuple(Choice(c, u.name) for c, u in units.items() if u.is_town)
    open_problems: dict[str, list[str]] = {}
    for problem in data.problems:
        if problem.project is not None and problem_state(problem, month).open:
            open_problems.setdefault(problem.project, []).append(problem.text)
    projects = []
    for status, project in zip(evaluation.statuses, data.projects, strict=True):
        domain = data.domains.get(project.domain)
        projects.append(
            BoardProject(
                id=project.id,
                name=project.name,
                domain=Choice(project.domain, domain.name if domain else project.domain),
                owner=unit(project.owner),
                towns=tuple(unit(t) for t in project.towns),
                color=status.color or "not_started",
                planned=status.planned,
                actual=status.actual,
                lag=status.lag,
                problems=tuple(open_problems.get(project.id, ())),
                milestones=milestones_at(project, month),
            )
        )
    projects.sort(key=lambda p: (COLOR_ORDER[p.color], -(p.lag or 0), p.id))
    domains = tuple(Choice(d.id, d.name) for d in data.domains.values())
    owners = sorted({p.owner for p in projects}, key=lambda c: c.code)
    district = data.district.district if data.district is not None else ""
    warnings = tuple(
        BoardWarning(unit(w.unit), str(w.warning), warning_kind(w), warning_text(w, data), w.by)
        for w in evaluation.warnings
    )
    warned: dict[str, list[BoardWarning]] = {}
    for w in warnings:
        warned.setdefault(w.unit.code, []).append(w)
    pages = unit_pages(histories)
    return Board(
        month=month,
        district=district,
        draft=draft,
        counts=color_counts(evaluation.statuses),
        investment=year_investment(data.projects, month),
        metrics=tuple(_metric(r, towns) for r in evaluation.rankings),
        projects=tuple(projects),
        domains=domains,
        towns=towns,
        owners=tuple(owners),
        domain_rows=tuple(
            BoardDomain(
                data.domains[code].name,
                progress,
                (
                    against_time(progress.average, progress.planned, plan=True)
                    if progress.average is not None and progress.planned is not None
                    else ""
                ),
            )
            for code in DOMAIN_ORDER
            if code in data.domains
            and (progress := domain_progress(evaluation.statuses, code)).statuses
        ),
        departments=tuple(evaluation.departments),
        units=pages,
        warnings=warnings,
        time_progress=time_progress(month),
        pages=tuple(unit_page(h, warned.get(h.unit.code, [])) for h in pages),
    )
