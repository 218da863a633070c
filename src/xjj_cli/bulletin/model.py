"""The bulletin's content as plain typed values: every number already computed, every
sentence a renderer needs already decided, so that Markdown, HTML and DOCX say the same.

Numbers are kept exact (fractions, ints) for charts and tests; the ``*_text`` fields hold
what people read (percentages with one decimal, 亿元/万元, Chinese dates). Sentences that
carry a colour mark (a red project, a card) are left to the template, which marks the
colour by its meaning (``<span class="c-red">``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

from xjj_cli.chinese import listing

# The engine's records the bulletin carries as they are (a ranking and its towns' rows, the
# departments' rows, a metric's rates month by month): the renderers name them from here, so
# they read the bulletin's model and never the engine (the layers contract in pyproject.toml).
from xjj_cli.engine.overview import RateHistory as RateHistory
from xjj_cli.engine.results import Action, AnyRuleId, Color
from xjj_cli.engine.results import DepartmentRow as DepartmentRow
from xjj_cli.engine.results import MetricRanking as MetricRanking
from xjj_cli.engine.results import TownRow as TownRow


@dataclass(frozen=True)
class Blocker:
    """A problem of the ledger open at the month's end and the unit that must solve it."""

    text: str
    unit: str
    unit_name: str


@dataclass(frozen=True)
class FlaggedProject:
    """A red or yellow project with why, and its problems open at the month's end."""

    id: str
    name: str
    owner: str
    owner_name: str
    color: Color
    planned: Fraction
    actual: Fraction
    # Why, with the plan's figures (附件3): 计划完成75.0%，实际50.0%，滞后25.0个百分点.
    why: str
    # Why in 二's words: 进度滞后（计划75.0%、实际50.0%）.
    short_why: str
    note: str
    blockers: tuple[Blocker, ...]
    # The blockers in one cell of 附件3: 建设用地指标未落实（区自然资源局负责）；…
    blockers_text: str = ""


@dataclass(frozen=True)
class DomainSection:
    """One of the seven domains, a row of 附件1's table (and a bar of the colours chart)."""

    id: str
    name: str
    rankings: tuple[MetricRanking, ...]
    projects_total: int
    color_counts: dict[str, int]
    flagged: tuple[FlaggedProject, ...]
    average_text: str = ""
    """The started projects' average progress (74.7%), or — when none has started."""
    planned_text: str = ""
    """Their average plan (78.1%), or —."""


@dataclass(frozen=True)
class OverdueTask:
    """A city key task past its deadline: still open, or done late this month."""

    id: str
    title: str
    units: tuple[str, ...]
    """The names of the units that carry it."""
    deadline: dt.date
    done: dt.date | None
    days: int

    @property
    def units_text(self) -> str:
        """Its units in one phrase: 区自然资源局、喻屯镇."""
        return listing(self.units)


@dataclass(frozen=True)
class OverdueProblem:
    """A problem of the ledger past its deadline: still open, or solved late this month."""

    text: str
    where: str
    """The project's or domain's name, or empty."""
    unit_name: str
    deadline: dt.date
    resolved: dt.date | None
    days: int


@dataclass(frozen=True)
class CardLine:
    """A card the city's platform issued this month."""

    date: dt.date
    color: str
    unit_name: str
    subject: str
    project: str | None
    # ", 涉及“…”项目" when the subject does not name the project, else empty.
    project_text: str = ""


@dataclass(frozen=True)
class Reason:
    """One reason for a unit's action, in the bulletin's words (附件5's line,
    ``wording.findings.evidence_text``)."""

    rule: AnyRuleId
    action: Action
    detail: str


@dataclass(frozen=True)
class UnitReasons:
    """A unit the bulletin names for an action (the strongest of its reasons), and why."""

    unit: str
    name: str
    kind: str
    action: Action
    reasons: tuple[Reason, ...]
    summary: str = ""
    """The reasons in one plain sentence (``wording.findings.summary``)."""


@dataclass(frozen=True)
class Acted:
    """A group of 三、通报及约谈问责情况: the units of one action, and how the group is
    said. Up to ``NAMED`` units each get their sentence; beyond, ``text`` names the first of
    them and refers to 附件5 (SPEC §5)."""

    action: str
    """``notify``, ``remind``, ``interview`` or ``accountability``."""
    units: tuple[UnitReasons, ...]
    # The group in one sentence when its units are not listed one by one: none (本月无约谈的单位), or
    # more than ``NAMED`` (对…等13个单位（详见附件5）进行约谈。).
    text: str
    listed: bool
    """Whether each unit has its numbered sentence."""


@dataclass(frozen=True)
class Part:
    """A group of 二、存在的主要问题: a kind of problem, its title and its one paragraph.
    ``kind`` is a stable key (``cards`` is drawn by the template, with its colours)."""

    kind: str
    title: str
    text: str = ""


@dataclass(frozen=True)
class EvidenceRow:
    # A row of 附件5 通报约谈问责依据明细: a unit named in 三, what the office does
    # (通报, 约谈, 提请问责) and its reasons, one line each (``wording.findings.evidence_text``).

    unit_name: str
    action_text: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Overview:
    """一、总体情况 in one paragraph: the projects by colour, the year's investment, each ranked
    metric against 序时进度 and last month, and the month's verdict."""

    projects_total: int
    started: int
    color_counts: dict[str, int]
    year_plan: Fraction
    year_done: Fraction
    text: str
    """The figures' sentences, before the verdict."""
    # 本月通报5个、约谈7个、提请问责6个单位。
    verdict: str


@dataclass(frozen=True)
class Paper:
    # What the document carries besides its text (GB/T 9704): 版头, 主送, 附注 and 版记.

    mark: str
    number: str
    recipients: str
    contact_text: str
    copy_to_text: str
    printed_text: str
    # To whom the office proposes 问责 (区纪委监委).
    accountability_to: str


@dataclass(frozen=True)
class Annexes:
    """The annexes' numbers, from 1 in SPEC §5's order, None for one the month has not."""

    indicators: int | None = None
    departments: int | None = None
    projects: int | None = None
    overdue: int | None = None
    evidence: int | None = None


@dataclass(frozen=True)
class Bulletin:
    """Everything the monthly bulletin says, in the order it says it."""

    title: str
    district: str
    city: str
    office: str
    month: str
    month_text: str
    issue_date: dt.date
    overview: Overview
    domains: tuple[DomainSection, ...]
    flagged: tuple[FlaggedProject, ...]
    # 附件4: the tasks still open past their deadline, then those done late this month.
    overdue_tasks: tuple[OverdueTask, ...]
    # 附件4: the ledger's problems open past their deadline, then those solved late.
    overdue_problems: tuple[OverdueProblem, ...]
    # 二's cards, by unit (a unit once, with its cards).
    cards: tuple[tuple[str, tuple[CardLine, ...]], ...]
    # 三's groups: 通报 (and 提醒 when any), 约谈, 提请问责.
    acted: tuple[Acted, ...]
    trends: tuple[RateHistory, ...]
    """See ``engine.overview.RateHistory``."""
    bottom_n: int
    data_hash: str
    data_commit: str | None = None
    data_dirty: bool = False
    paper: Paper | None = None
    # The 发文字号 when ``--number`` gave one (front matter), else None.
    number: str | None = None
    # 二、存在的主要问题, the kinds that have something to say, in SPEC §5's order.
    problems: tuple[Part, ...] = ()
    # 四、下步工作要求: 3 to 5 numbered requirements (each starts with its title).
    steps: tuple[str, ...] = ()
    departments: tuple[DepartmentRow, ...] = ()
    # 附件5: the units of 三, 提请问责 then 约谈 then 通报.
    evidence: tuple[EvidenceRow, ...] = ()
    # 附件1: every ranked metric in the domains' order.
    rankings: tuple[MetricRanking, ...] = ()
    annex: Annexes = Annexes()
    # The annexes' titles, in order (附件说明).
    annexes: tuple[str, ...] = ()
