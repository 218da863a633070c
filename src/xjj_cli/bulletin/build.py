"""Build the bulletin's content from one month's evaluation: computed once, rendered thrice.

The figures come from the engine (``engine/overview.py``, docs/rules.md §7), the words from
the catalogue (``messages.bulletin``) and ``wording/``; the bulletin's sections decide which
sentence each part says — ``overview.py`` (一), ``problems.py`` (二), ``steps.py`` (四),
``domains.py`` (附件1 and the red and yellow projects) — and this module 三 (the units acted
on), the annexes and the paper, and puts them together, so that the template only lays them
out (SPEC §5)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from xjj_cli.bulletin.domains import domain_sections
from xjj_cli.bulletin.model import (
    Acted,
    Annexes,
    Bulletin,
    EvidenceRow,
    Paper,
    Reason,
    UnitReasons,
)
from xjj_cli.bulletin.overview import overview
from xjj_cli.bulletin.problems import (
    NAMED,
    card_lines,
    named,
    overdue_problems,
    overdue_tasks,
    problem_parts,
)
from xjj_cli.bulletin.steps import step_items
from xjj_cli.chinese import FULLWIDTH_COMMA, document_number
from xjj_cli.engine.evaluate import MonthEvaluation
from xjj_cli.engine.overview import rate_histories
from xjj_cli.engine.results import Action
from xjj_cli.load.fingerprint import Fingerprint
from xjj_cli.messages.bulletin import bulletin_word
from xjj_cli.messages.formats import cn_date, cn_month
from xjj_cli.messages.rules import phrase
from xjj_cli.wording.findings import action_decision, brief, evidence_text, ordered_reasons


def _evidence(units: Iterable[UnitReasons]) -> tuple[EvidenceRow, ...]:
    """附件5: one row per unit 三 names (提请问责, 约谈, 通报), with every reason of at least
    a 通报."""
    return tuple(
        EvidenceRow(
            u.name,
            action_decision(u.action),
            tuple(r.detail for r in u.reasons if r.action >= Action.notify),
        )
        for u in units
    )


def _annexes(ev: MonthEvaluation, flagged: bool, overdue: bool) -> Annexes:
    """The annexes the bulletin has, numbered from 1 in SPEC §5's order."""
    present = {
        "indicators": bool(ev.rankings) or bool(ev.statuses),
        "departments": bool(ev.departments),
        "projects": flagged,
        "overdue": overdue,
        "evidence": any(f.action >= Action.notify for f in ev.findings),
    }
    numbers: dict[str, int] = {}
    for key, here in present.items():
        if here:
            numbers[key] = len(numbers) + 1
    return Annexes(**numbers)


def acted_group(
    action: Action, units: tuple[UnitReasons, ...], to: str, annex: int | None
) -> Acted:
    """三's group of ``action``: each unit's sentence after an opening, or, beyond ``NAMED``
    units, one sentence naming the first of them and referring to 附件5."""
    key = action.key
    if len(units) > NAMED:
        text = bulletin_word(
            "acted_many_" + key, units=named(units, lambda u: u.name, annex), to=to
        )
        return Acted(key, units, text, listed=False)
    if not units:
        return Acted(key, units, bulletin_word("acted_none_" + key), listed=False)
    return Acted(key, units, "", listed=True)


def _paper(ev: MonthEvaluation, issue_date: dt.date, number: int | None) -> Paper:
    assert ev.data.district is not None
    district = ev.data.district
    paper = district.paper
    contact = paper.contact
    return Paper(
        mark=paper.mark or district.office,
        number=document_number(paper.prefix, issue_date.year, number),
        recipients=paper.recipients,
        contact_text=(
            bulletin_word("contact", name=contact.name, phone=contact.phone) if contact else ""
        ),
        copy_to_text=(
            bulletin_word("copy_to", units=FULLWIDTH_COMMA.join(paper.copy_to))
            if paper.copy_to
            else ""
        ),
        printed_text=bulletin_word("printed", date=cn_date(issue_date)),
        accountability_to=paper.accountability_to,
    )


ANNEX_TITLES = ("indicators", "departments", "projects", "overdue", "evidence")


def build_bulletin(
    ev: MonthEvaluation, fp: Fingerprint, issue_date: dt.date, number: int | None = None
) -> Bulletin:
    """The bulletin of ``ev.month``, dated ``issue_date``, numbered ``number`` (发文字号;
    None leaves it blank to fill in by hand), signed with the data's fingerprint."""
    data, month = ev.data, ev.month
    assert data.district is not None
    domains = domain_sections(ev)
    tasks = overdue_tasks(ev)
    problems = overdue_problems(ev)
    cards = card_lines(ev)
    annex = _annexes(ev, bool(domains.flagged), bool(tasks or problems))

    def by(action: Action) -> tuple[UnitReasons, ...]:
        return tuple(
            UnitReasons(
                f.unit,
                f.name,
                f.kind,
                f.action,
                tuple(Reason(b.rule, b.action, evidence_text(b)) for b in ordered_reasons(f)),
                brief(f),
            )
            for f in ev.findings
            if f.action is action
        )

    accountability, interviews = by(Action.accountability), by(Action.interview)
    notices, reminders = by(Action.notify), by(Action.remind)
    acted = (*accountability, *interviews, *notices)
    paper = _paper(ev, issue_date, number)
    to = paper.accountability_to
    groups = [acted_group(Action.notify, notices, to, annex.evidence)]
    if reminders:
        groups.append(acted_group(Action.remind, reminders, to, annex.evidence))
    groups += [
        acted_group(Action.interview, interviews, to, annex.evidence),
        acted_group(Action.accountability, accountability, to, annex.evidence),
    ]
    return Bulletin(
        title=phrase("bulletin_title", month=cn_month(month)),
        district=data.district.district,
        city=data.district.city,
        office=data.district.office,
        month=month,
        month_text=cn_month(month),
        issue_date=issue_date,
        overview=overview(ev, [u.action for u in acted]),
        domains=domains.sections,
        flagged=domains.flagged,
        overdue_tasks=tasks,
        overdue_problems=problems,
        cards=cards,
        acted=tuple(groups),
        trends=tuple(rate_histories(ev.histories, month)),
        bottom_n=data.rules.bottom_n,
        data_hash=fp.content_hash,
        data_commit=fp.commit,
        data_dirty=fp.dirty,
        paper=paper,
        number=paper.number if number is not None and paper.number else None,
        problems=problem_parts(ev, domains.flagged, tasks, problems, cards, annex),
        steps=step_items(ev, issue_date, acted, domains.flagged, tasks, problems),
        departments=tuple(ev.departments),
        evidence=_evidence(acted),
        rankings=tuple(r for section in domains.sections for r in section.rankings),
        annex=annex,
        annexes=tuple(
            bulletin_word("annex_" + key) for key in ANNEX_TITLES if getattr(annex, key) is not None
        ),
    )
