"""Early warnings (SPEC §3.6) in the order they are told: most urgent first, grouped by unit.

A warning tells a unit, before anything is breached, that it is one step from an action: a
streak that reaches 约谈 or 问责 if it holds one more month, or a deadline that falls within
``warn_days`` after the month's end. Each warning is found beside the rule it warns of
(``engine/rules/<rule_id>.py``), counting streaks with the rule's own code, so a warning and
a breach can never disagree about a month. A warning never changes a breach or an action.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from xjj_cli.engine.results import EarlyWarning, WarningId

WARNING_ORDER = tuple(WarningId)
"""The order of warnings due on the same day: streaks first, then tasks, milestones, problems."""


def most_urgent_first(
    warnings: Iterable[EarlyWarning], units: Sequence[str]
) -> tuple[EarlyWarning, ...]:
    """Warnings by ``by``, then kind (streak, task, milestone, problem), then the order of
    ``units`` (others after, by code), then what it is about (its evidence's ``tiebreak``:
    the metric or project and the rule, the task, the project and milestone, the problem)."""
    place = {code: i for i, code in enumerate(units)}
    kind = {w: i for i, w in enumerate(WARNING_ORDER)}
    return tuple(
        sorted(
            warnings,
            key=lambda w: (
                w.by,
                kind[w.warning],
                place.get(w.unit, len(place)),
                w.unit,
                w.evidence.tiebreak(),
            ),
        )
    )


def by_unit(warnings: Sequence[EarlyWarning]) -> dict[str, list[EarlyWarning]]:
    """The warnings grouped by unit, units in order of their most urgent warning (the
    warnings come most urgent first), each unit's warnings in that order."""
    grouped: dict[str, list[EarlyWarning]] = {}
    for w in warnings:
        grouped.setdefault(w.unit, []).append(w)
    return grouped
