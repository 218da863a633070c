"""The domains of the bulletin: 附件1's table (each domain's projects by colour, their average
progress against plan, its ranked metrics) and every red or yellow project with why, for 二,
四 and 附件3."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from xjj_cli.bulletin.model import Blocker, DomainSection, FlaggedProject
from xjj_cli.chinese import FULL_STOP, SEMICOLON, listing
from xjj_cli.engine.evaluate import MonthEvaluation
from xjj_cli.engine.overview import domain_progress
from xjj_cli.engine.problems import problem_state
from xjj_cli.engine.projects import latest_entry
from xjj_cli.engine.results import ProjectStatus
from xjj_cli.messages.bulletin import bulletin_word
from xjj_cli.messages.formats import percent_points
from xjj_cli.model import DOMAIN_ORDER
from xjj_cli.wording.rules.project_yellow import colour_causes, project_why


def _blockers_text(blockers: Sequence[Blocker]) -> str:
    """The blockers, those with the same problem joined: 站点施工临时占地协调难（喻屯镇、
    长沟镇负责）."""
    grouped: dict[str, list[str]] = {}
    for b in blockers:
        grouped.setdefault(b.text, [])
        if b.unit_name not in grouped[b.text]:
            grouped[b.text].append(b.unit_name)
    return SEMICOLON.join(
        bulletin_word("blocker", text=text, units=listing(units)) for text, units in grouped.items()
    )


def _flagged(ev: MonthEvaluation, status: ProjectStatus) -> FlaggedProject:
    project = ev.data.project(status.id)
    latest = latest_entry(project, ev.month)
    names = ev.data.units
    blockers = tuple(
        Blocker(p.text, p.unit, names[p.unit].name if p.unit in names else p.unit)
        for p in ev.data.problems
        if p.project == status.id and problem_state(p, ev.month).open
    )
    assert status.color is not None and status.planned is not None and status.actual is not None
    return FlaggedProject(
        status.id,
        status.name,
        status.owner,
        names[status.owner].name if status.owner in names else status.owner,
        status.color,
        status.planned,
        status.actual,
        project_why(status, ev.month),
        colour_causes(
            status.reasons, status.planned, status.actual, status.overdue_milestones, ev.month
        ),
        ((latest.note or "") if latest else "").rstrip(FULL_STOP),
        blockers,
        _blockers_text(blockers),
    )


@dataclass(frozen=True)
class Domains:
    """The domains' rows, in the domains' order, and their red then yellow projects."""

    sections: tuple[DomainSection, ...]
    flagged: tuple[FlaggedProject, ...]


def domain_sections(ev: MonthEvaluation) -> Domains:
    """Each domain of the data with at least one project or ranked metric, in
    ``DOMAIN_ORDER`` (a domain with neither says nothing and is left out, SPEC §5): its
    projects by colour and average progress, its rankings, its red then yellow projects."""
    data = ev.data
    sections = []
    red: list[FlaggedProject] = []
    yellow: list[FlaggedProject] = []
    none = bulletin_word("none")
    for domain_id in DOMAIN_ORDER:
        domain = data.domains.get(domain_id)
        if domain is None:
            continue
        progress = domain_progress(ev.statuses, domain_id)
        rankings = tuple(r for r in ev.rankings if r.domain == domain_id)
        if not progress.statuses and not rankings:
            continue
        ordered = sorted(progress.statuses, key=lambda s: s.id)
        flagged = tuple(
            _flagged(ev, s) for color in ("red", "yellow") for s in ordered if s.color == color
        )
        red.extend(p for p in flagged if p.color == "red")
        yellow.extend(p for p in flagged if p.color == "yellow")
        sections.append(
            DomainSection(
                domain.id,
                domain.name,
                rankings,
                len(progress.statuses),
                progress.counts,
                flagged,
                percent_points(progress.average) if progress.average is not None else none,
                percent_points(progress.planned) if progress.planned is not None else none,
            )
        )
    return Domains(tuple(sections), (*red, *yellow))
