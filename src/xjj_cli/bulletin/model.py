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

# The engine's records the bulletin carries as they are (a ranking and its towns' rows, the
# departments' rows, a metric's rates month by month): the renderers name them from here, so
# they read the bulletin's model and never the engine (the layers contract in pyproject.toml).
from xjj_cli.engine.overview import RateHistory as RateHistory
from xjj_cli.engine.results import Action, AnyRuleId, Color
from xjj_cli.engine.results import DepartmentRow as DepartmentRow
from xjj_cli.engine.results import MetricRanking as MetricRanking
from xjj_cli.engine.results import TownRow as TownRow


@dataclass(frozen=True)
class Headline:
    """A domain's headline figure this month, against time progress and against last month."""

    label: str
    value_text: str
    change_text: str
    against_text: str = ""


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
    why: str
    note: str
    blockers: tuple[Blocker, ...]
    # The blockers in one clause: 建设用地指标未落实，由区自然资源局负责；…
    blockers_text: str = ""


@dataclass(frozen=True)
class DomainSection:
    """One of the seven domains: headline, town rankings, red and yellow projects."""

    id: str
    name: str
    lead_name: str
    headlines: tuple[Headline, ...]
    rankings: tuple[MetricRanking, ...]
    projects_total: int
    color_counts: dict[str, int]
    flagged: tuple[FlaggedProject, ...]
    # 二's sentence on the domain's projects (colours, and the average when 一 gave a metric).
    projects_text: str = ""
    # 二's sentence per ranked metric naming the bottom towns.
    towns_text: tuple[str, ...] = ()
    calm_text: str = ""
    """What to say when no project is red or yellow."""


@dataclass(frozen=True)
class OverdueTask:
    """A city key task past its deadline: still open, or done late this month."""

    id: str
    title: str
    units_text: str
    deadline: dt.date
    done: dt.date | None
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
    """One reason for a unit's action, in the bulletin's words (附件3's line,
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
class Part:
    # A titled group of numbered items: a kind of problem (三) or of work to do (五).
    # ``kind`` says which (a stable key: ``cards`` is drawn by the template, with its colours).

    kind: str
    title: str
    items: tuple[str, ...] = ()
    # A sentence after the items that holds for all of them (said once, not in each item).
    closing: str = ""


@dataclass(frozen=True)
class EvidenceRow:
    # A row of 附件3 约谈问责依据明细: a unit to be interviewed or proposed for 问责, what
    # the office does (约谈, 提请问责) and the reasons that call for it, one line each
    # (``wording.findings.evidence_text``).

    unit_name: str
    action_text: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Overview:
    """The opening figures: projects by colour, investment, headline per domain."""

    projects_total: int
    started: int
    color_counts: dict[str, int]
    year_plan: Fraction
    year_done: Fraction
    headlines: tuple[tuple[str, Headline], ...]
    # ", 其中蓝色（按计划推进）32个、…" (colours with no project left out), and the
    # projects not started.
    colours_text: str = ""
    year_plan_text: str = ""
    year_done_text: str = ""
    # The months the investment covers: 1至10月.
    year_span_text: str = ""
    investment_against_text: str = ""


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
    overdue_tasks: tuple[OverdueTask, ...]
    late_tasks: tuple[OverdueTask, ...]
    cards: tuple[CardLine, ...]
    accountability: tuple[UnitReasons, ...]
    interviews: tuple[UnitReasons, ...]
    notices: tuple[UnitReasons, ...]
    reminders: tuple[UnitReasons, ...]
    trends: tuple[RateHistory, ...]
    """See ``engine.overview.RateHistory``."""
    bottom_n: int
    data_hash: str
    data_commit: str | None = None
    data_dirty: bool = False
    paper: Paper | None = None
    # The 发文字号 when ``--number`` gave one (front matter), else None.
    number: str | None = None
    # 三、存在的主要问题, the kinds that have something to say: tasks, cards (items in
    # ``cards``), non-cooperation, lagging towns.
    problems: tuple[Part, ...] = ()
    # 五、下步工作要求.
    steps: tuple[Part, ...] = ()
    # 四's opening sentence: the rules the actions follow.
    rule_text: str = ""
    # 附件2.
    departments: tuple[DepartmentRow, ...] = ()
    # 附件3: the units of 四's 提请问责 then 约谈, in that order.
    evidence: tuple[EvidenceRow, ...] = ()
    # 附件1: every ranked metric in the domains' order.
    rankings: tuple[MetricRanking, ...] = ()
    # The annexes' titles, in order (附件说明).
    annexes: tuple[str, ...] = ()
