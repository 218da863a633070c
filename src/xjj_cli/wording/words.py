"""What every rule's wording offers (``Words``, the entry of ``rules.WORDING``) and the
pieces of sentences more than one rule says: a breach's months, a town's streak, a streak
about to be acted on (``streak_near``)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from typing import Any, Generic, Protocol, TypeVar

from xjj_cli.chinese import FULLWIDTH_COMMA
from xjj_cli.engine.results import Evidence, StreakNearEvidence
from xjj_cli.messages.formats import chinese_number, cn_month, cn_months, months_count
from xjj_cli.messages.rules import ACTION_DECISIONS, phrase, warning_word

E = TypeVar("E", bound=Evidence)

SHOWN_MONTHS = 3
"""A streak's last months spelled out in a finding's sentence (the evidence keeps all)."""


class Words(ABC, Generic[E]):
    """How one evidence type is said to every reader: the accountability list, 附件3, the
    bulletin's and the notices' summaries. Adding a rule adds one of these to
    ``rules.WORDING``."""

    @abstractmethod
    def rule(self, evidence: E) -> str:
        """The rule in words (附件3's 规则 column): 连续排名后三名, 市重点督办任务逾期 …"""

    @abstractmethod
    def months(self, evidence: E) -> tuple[str, str]:
        """The first and the last month (YYYY-MM) the breach covers; equal for one month."""

    @abstractmethod
    def detail(self, evidence: E) -> str:
        """The sentence that explains the breach: the ``detail`` of the accountability list
        (table, CSV, Markdown, JSON)."""

    @abstractmethod
    def line(self, evidence: E, span: str) -> str:
        """The breach as one line of 附件3's 依据 cell, ``span`` being its months in words
        (``findings.reason_months``): the rule, its metric and months in brackets, then
        every figure of ``detail``, internal codes left out."""

    def clause(self, evidence: E) -> str | None:
        """Its clause in a unit's one plain sentence (``findings.summary``), without the
        month-by-month figures; None when the towns' clauses say it (``findings``)."""
        return None

    def brief(self, evidence: E) -> str | None:
        """Its clause in the bulletin's 三 (``findings.brief``), where 二 has told the facts
        (a task's title and days, a card's subject): the reason in plain words. By default
        the summary's clause (a rule whose facts 二 does not tell)."""
        return self.clause(evidence)


def months_span(first: str, last: str) -> str:
    """A breach's months in words: 10月 for one month, 2月至10月 for several."""
    if first == last:
        return cn_month(last, last)
    first_name, last_name = cn_months([first, last], last)
    return phrase("span", first=first_name, last=last_name)


class StreakMonth(Protocol):
    """A month of a town's streak (``RankMonth``, ``RateMonth``)."""

    @property
    def month(self) -> str:
        """YYYY-MM."""


M = TypeVar("M", bound=StreakMonth)


def streak_words(
    metric_name: str, months: Sequence[M], streak: int, month_words: Callable[[str, M], str]
) -> dict[str, str]:
    """A town's streak on a metric in words: its last months spelled out (``month_words`` says
    one month's figure), the span when the streak is longer, and how many months it lasts."""
    month = months[-1].month
    shown = months[-SHOWN_MONTHS:]
    names = cn_months([m.month for m in shown], month)
    return {
        "metric": metric_name,
        "history": FULLWIDTH_COMMA.join(
            month_words(name, m) for name, m in zip(names, shown, strict=True)
        ),
        "span": _span(months[0].month, month, len(months), len(shown)),
        "months": months_count(streak),
    }


def _span(first: str, month: str, streak: int, shown: int) -> str:
    """ "2026年9月至2027年1月" when the streak is longer than the months spelled out."""
    if streak <= shown:
        return ""
    first_name, last_name = cn_months([first, month], month)
    return phrase("span", first=first_name, last=last_name)


def shown_history(months: Sequence[M], month_words: Callable[[str, M], str]) -> str:
    """The streak's last months spelled out, for 附件3 (``month_words`` says one month)."""
    shown = months[-SHOWN_MONTHS:]
    names = cn_months([m.month for m in shown], months[-1].month)
    return FULLWIDTH_COMMA.join(month_words(name, m) for name, m in zip(names, shown, strict=True))


WordsTable = dict[type[Evidence], Words[Any]]
"""Each evidence type's words."""


def streak_near(evidence: StreakNearEvidence, unit: str) -> str:
    """``streak_near`` (``bottom_n``, ``below_district`` or ``project_red``): what the unit
    faces if its streak holds next month; ``unit`` is its name, or empty when said before."""
    return warning_word(
        evidence.rule.value,
        unit=unit,
        metric=evidence.name,
        name=evidence.name,
        months=(
            warning_word("streak_one")
            if evidence.streak == 1
            else warning_word("streak_more", months=months_count(evidence.streak))
        ),
        n=chinese_number(evidence.bottom_n),
        action=ACTION_DECISIONS[evidence.action.key],
    )
