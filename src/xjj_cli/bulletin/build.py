"""Build the bulletin's content from one month's evaluation: computed once, rendered thrice.

The figures come from the engine (``engine/overview.py``, docs/rules.md §7), the words from
the catalogue (``messages.BULLETIN``) and ``wording/``; the bulletin's sections decide which
sentence each part says — ``domains.py`` (一 and the domains), ``problems.py`` (三),
``steps.py`` (五) — and this module 四 (the units acted on), the annexes and the paper, and
puts them together, so that the template only lays them out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from xjj_cli.bulletin.domains import domain_sections, overview
from xjj_cli.bulletin.model import Bulletin, EvidenceRow, Paper, Reason, UnitReasons
from xjj_cli.bulletin.problems import card_lines, overdue_tasks, problem_parts
from xjj_cli.bulletin.steps import step_parts
from xjj_cli.chinese import FULLWIDTH_COMMA, document_number
from xjj_cli.engine.evaluate import MonthEvaluation
from xjj_cli.engine.overview import rate_histories
from xjj_cli.engine.results import Action, Breach, UnitFinding
from xjj_cli.load.fingerprint import Fingerprint
from xjj_cli.messages.bulletin import bulletin_word
from xjj_cli.messages.formats import chinese_number, cn_date, cn_month, months_count
from xjj_cli.messages.rules import phrase
from xjj_cli.wording.findings import action_decision, evidence_text, metric_order, summary


def _ordered(finding: UnitFinding) -> list[Breach]:
    """A unit's reasons, a rule's metrics in the domains' order."""
    rules = list(dict.fromkeys(b.rule for b in finding.reasons))
    return sorted(finding.reasons, key=lambda b: (rules.index(b.rule), metric_order(b)))


def _evidence(units: Iterable[UnitReasons]) -> tuple[EvidenceRow, ...]:
    """附件3: one row per unit to be proposed for 问责 or interviewed (四's order), with the
    unit's reasons that call for 约谈 or 问责."""
    return tuple(
        EvidenceRow(
            u.name,
            action_decision(u.action),
            tuple(r.detail for r in u.reasons if r.action >= Action.interview),
        )
        for u in units
    )


def _rule_text(ev: MonthEvaluation, annex: int | None) -> str:
    rules = ev.data.rules
    text = bulletin_word(
        "rule_text",
        interview=months_count(rules.interview_streak),
        accountability=months_count(rules.accountability_streak),
        n=chinese_number(rules.bottom_n),
    )
    return text + (bulletin_word("rule_annex", annex=annex) if annex else "")


ANNEXES = ("annex_rankings", "annex_departments", "annex_evidence")


def _annexes(ev: MonthEvaluation) -> dict[str, int]:
    """The annexes the bulletin has, numbered from 1 in their order: 镇街排名表 when towns are
    ranked, 区直部门和企业履职排名 when units are scored, 约谈问责依据明细 when any unit is
    to be interviewed or proposed for 问责."""
    present = {
        "annex_rankings": bool(ev.rankings),
        "annex_departments": bool(ev.departments),
        "annex_evidence": any(f.action >= Action.interview for f in ev.findings),
    }
    keys = [key for key in ANNEXES if present[key]]
    return {key: number for number, key in enumerate(keys, 1)}


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


def build_bulletin(
    ev: MonthEvaluation, fp: Fingerprint, issue_date: dt.date, number: int | None = None
) -> Bulletin:
    """The bulletin of ``ev.month``, dated ``issue_date``, numbered ``number`` (发文字号;
    None leaves it blank to fill in by hand), signed with the data's fingerprint."""
    data, month = ev.data, ev.month
    assert data.district is not None
    annexes = _annexes(ev)
    domains = domain_sections(ev, annexes.get("annex_rankings"))
    overdue, late = overdue_tasks(ev)
    cards = card_lines(ev)
    rankings = tuple(r for section in domains.sections for r in section.rankings)

    def by(action: Action) -> tuple[UnitReasons, ...]:
        return tuple(
            UnitReasons(
                f.unit,
                f.name,
                f.kind,
                f.action,
                tuple(Reason(b.rule, b.action, evidence_text(b)) for b in _ordered(f)),
                summary(f),
            )
            for f in ev.findings
            if f.action is action
        )

    accountability, interviews = by(Action.accountability), by(Action.interview)
    acted = sum(1 for f in ev.findings if f.action >= Action.interview)
    departments = tuple(ev.departments)
    paper = _paper(ev, issue_date, number)
    return Bulletin(
        title=phrase("bulletin_title", month=cn_month(month)),
        district=data.district.district,
        city=data.district.city,
        office=data.district.office,
        month=month,
        month_text=cn_month(month),
        issue_date=issue_date,
        overview=overview(ev, domains.headlines),
        domains=domains.sections,
        overdue_tasks=tuple(overdue),
        late_tasks=tuple(late),
        cards=cards,
        accountability=accountability,
        interviews=interviews,
        notices=by(Action.notify),
        reminders=by(Action.remind),
        trends=tuple(rate_histories(ev.histories, month)),
        bottom_n=data.rules.bottom_n,
        data_hash=fp.content_hash,
        data_commit=fp.commit,
        data_dirty=fp.dirty,
        paper=paper,
        number=paper.number if number is not None and paper.number else None,
        problems=problem_parts(ev, [*overdue, *late], cards, rankings),
        steps=step_parts(ev, domains.flagged, overdue, rankings, acted),
        rule_text=_rule_text(ev, annexes.get("annex_evidence")),
        departments=departments,
        evidence=_evidence((*accountability, *interviews)),
        rankings=rankings,
        annexes=tuple(bulletin_word(key) for key in annexes),
    )
