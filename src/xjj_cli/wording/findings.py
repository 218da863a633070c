"""Findings in words: what every reader is told of a breach and of a unit's reasons.

Each evidence type's sentences are its entry of ``rules.WORDING``; this module picks the
entry and composes: the accountability table, CSV and Markdown (``detail``), JSON's
``detail`` next to the record's own fields, 附件3's lines (``evidence_text``) and the
bulletin's and notices' one-sentence reasons (``summary``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from xjj_cli.chinese import FULL_STOP, FULLWIDTH_COMMA, clauses, listing
from xjj_cli.engine.results import Action, Breach, Evidence, UnitFinding
from xjj_cli.engine.rules.below_district import BelowDistrictEvidence
from xjj_cli.engine.rules.bottom_n import BottomNEvidence
from xjj_cli.engine.rules.town_red import TownRedEvidence
from xjj_cli.messages.formats import chinese_number, months_count, percent
from xjj_cli.messages.rules import ACTION_DECISIONS, ACTION_LABELS, summary_word
from xjj_cli.model import DOMAIN_ORDER
from xjj_cli.wording.rules import WORDING
from xjj_cli.wording.rules.town_red import gap
from xjj_cli.wording.words import Words, months_span


def words(evidence: Evidence) -> Words[Any]:
    """The sentence makers of the evidence's type (``rules.WORDING``)."""
    return WORDING[type(evidence)]


def action_label(action: Action) -> str:
    """The office's word for an action: 提醒, 通报, 约谈, 问责."""
    return ACTION_LABELS[action.key]


def action_decision(action: Action) -> str:
    """What the bulletin does about a reason: 提醒, 通报, 约谈, 提请问责."""
    return ACTION_DECISIONS[action.key]


def rule_words(breach: Breach) -> str:
    """A breach's rule in words (附件3's 规则 column): 连续排名后三名, 市重点督办任务逾期 …"""
    return words(breach.evidence).rule(breach.evidence)


def reason_months(breach: Breach) -> str:
    """The months a breach covers: a streak's span (2月至10月), else the month (10月)."""
    return months_span(*words(breach.evidence).months(breach.evidence))


def detail(breach: Breach) -> str:
    """The sentence that explains a breach: the ``detail`` of the accountability list (table,
    CSV, Markdown, JSON) and the reason the bulletin gives."""
    return words(breach.evidence).detail(breach.evidence)


def evidence_text(breach: Breach) -> str:
    """A breach as one line of 附件3's 依据 cell: the rule, its metric and months in
    brackets, then the figures (连续9个月排名后三名（5G基站，2月至10月）：8月第16名（共16名），…).
    Every figure of ``detail`` is kept; internal codes are left out."""
    return words(breach.evidence).line(breach.evidence, reason_months(breach))


def summary(unit: UnitFinding) -> str:
    """A unit's reasons for its action in one plain sentence, without the month-by-month
    figures (those are ``detail``'s): what the bulletin's 通报及约谈问责情况 and a notice say of
    the unit (长沟镇5G基站、充电桩2项指标连续3个月排名后三名，完成率均低于全区平均). Only the
    reasons that carry the unit's action are told; starts with the unit's name and ends with
    a full stop."""
    strong = [b for b in unit.reasons if b.action >= unit.action] or list(unit.reasons)
    parts = town_clauses(strong)
    for breach in strong:
        clause = words(breach.evidence).clause(breach.evidence)
        if clause is not None:
            parts.append(clause)
    return unit.name + clauses(parts) + FULL_STOP


def brief(unit: UnitFinding) -> str:
    """A unit's reasons in the bulletin's 三: as ``summary``, but where 二 has told the facts
    (a task's title and days, a card's subject, a red project's why) only the reason in plain
    words, each said once (SPEC §5: each fact once)."""
    strong = [b for b in unit.reasons if b.action >= unit.action] or list(unit.reasons)
    parts = town_clauses(strong)
    for breach in strong:
        clause = words(breach.evidence).brief(breach.evidence)
        if clause is not None and clause not in parts:
            parts.append(clause)
    return unit.name + clauses(parts) + FULL_STOP


def ordered_reasons(unit: UnitFinding) -> list[Breach]:
    """A unit's reasons in the order its summary names them: by rule, a rule's metrics in the
    domains' order (the summary's 5G基站、充电桩、上云企业, then the evidence in that order)."""
    rules = list(dict.fromkeys(b.rule for b in unit.reasons))
    return sorted(unit.reasons, key=lambda b: (rules.index(b.rule), metric_order(b)))


def _metric_order(metric: str) -> tuple[int, str]:
    domain = metric.split(".", 1)[0]
    return (DOMAIN_ORDER.index(domain) if domain in DOMAIN_ORDER else len(DOMAIN_ORDER), metric)


def metric_order(breach: Breach) -> tuple[int, str]:
    """Where a breach's metric comes in the domains' order (a unit's town rules sort by it);
    breaches without a metric come first."""
    metric = getattr(breach.evidence, "metric", None)
    return _metric_order(metric) if isinstance(metric, str) else (-1, "")


def _metrics(names: Sequence[str]) -> str:
    if len(names) == 1:
        return names[0]
    return summary_word("metrics_many", metrics=listing(names), count=len(names))


def _streak(streaks: Sequence[int]) -> str:
    if len(set(streaks)) == 1:
        return summary_word("streak_same", months=months_count(streaks[0]))
    return summary_word("streak_least", months=months_count(min(streaks)))


def town_clauses(breaches: Sequence[Breach]) -> list[str]:
    """A town's ranking reasons grouped across metrics and the three town rules: one clause
    for the bottom N, the below-the-district streaks joined to it when they are the same
    metrics and months, one for the red metrics (their ``Words.clause`` is None)."""
    bottom = sorted(
        (b.evidence for b in breaches if isinstance(b.evidence, BottomNEvidence)),
        key=lambda e: _metric_order(e.metric),
    )
    below = sorted(
        (b.evidence for b in breaches if isinstance(b.evidence, BelowDistrictEvidence)),
        key=lambda e: _metric_order(e.metric),
    )
    red = sorted(
        (b.evidence for b in breaches if isinstance(b.evidence, TownRedEvidence)),
        key=lambda e: _metric_order(e.metric),
    )
    parts = []
    if bottom:
        text = summary_word(
            "bottom_n",
            metrics=_metrics([e.metric_name for e in bottom]),
            streak=_streak([e.streak for e in bottom]),
            n=chinese_number(bottom[0].bottom_n),
        )
        same = [(e.metric, e.streak) for e in bottom] == [(e.metric, e.streak) for e in below]
        if same:
            many = summary_word("all") if len(below) > 1 else ""
            text += FULLWIDTH_COMMA + summary_word("below_merged", all=many)
            below = []
        parts.append(text)
    if below:
        parts.append(
            summary_word(
                "below_district",
                metrics=_metrics([e.metric_name for e in below]),
                streak=_streak([e.streak for e in below]),
            )
        )
    if red:
        gaps = FULLWIDTH_COMMA.join(
            summary_word(
                "town_red",
                metric=e.metric_name,
                rate=percent(e.rate),
                progress=percent(e.time_progress),
                gap=gap(e),
            )
            for e in red
        )
        many = summary_word("all") if len(red) > 1 else ""
        parts.append(gaps + FULLWIDTH_COMMA + summary_word("town_red_end", all=many))
    return parts
