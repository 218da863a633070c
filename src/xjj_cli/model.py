"""The records of the data repository (SPEC §2) as strict pydantic models.

Strict means a YAML 1.1 surprise can never slip through: a code that YAML read as a
number or a date, a quoted date, a bool where a number belongs — each is an error.
Unknown fields are errors too, so a typo never passes as an extra field.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

from xjj_cli import chinese
from xjj_cli.diagnostics import Location

CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$"
MONTH_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])$"

Code = Annotated[str, StringConstraints(pattern=CODE_PATTERN)]
Month = Annotated[str, StringConstraints(pattern=MONTH_PATTERN)]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
Percent = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]
Money = Annotated[float, Field(ge=0, allow_inf_nan=False)]
PositiveInt = Annotated[int, Field(ge=1)]
NonNegativeInt = Annotated[int, Field(ge=0)]
Points = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]
Ratio = Annotated[float, Field(ge=1, allow_inf_nan=False)]

DOMAIN_ORDER = ("5g", "grid", "rail", "charging", "datacenter", "ai", "iiot")


class Record(BaseModel):
    """Base of every YAML record: strict types, no unknown fields, immutable."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Rules(Record):
    """The rule parameters of SPEC §2, each with its default."""

    bottom_n: PositiveInt = 3
    bottom_ties: Literal["include", "exclude"] = "include"
    interview_streak: PositiveInt = 2
    accountability_streak: PositiveInt = 3
    red_accountability_streak: PositiveInt = 2
    yellow_lag: Points = 10
    red_lag: Points = 20
    red_overdue_days: NonNegativeInt = 30
    task_accountability_days: NonNegativeInt = 30
    problem_interview_days: NonNegativeInt = 30
    """A ledger problem still open and overdue more than this many days at a month's end
    calls for an interview of its responsible unit (SPEC §3.3)."""
    warn_days: NonNegativeInt = 30
    """Early warnings (SPEC §3.6) look this many days past a month's end for deadlines."""
    implausible_ratio: Ratio = 3
    """A town figure more than this many times its target, or a month's increase more than
    this many times the town's usual monthly pace, is a plausibility warning."""


class Contact(Record):
    """The 联系人 printed on notices: a name and a telephone number."""

    name: Text
    phone: Text


class Document(Record):
    """``document:`` of ``district.yaml``: what the office's documents carry (SPEC §2, GB/T 9704).

    ``mark`` defaults to words derived from the office's name, which only the district knows:
    read it through ``District.paper``, where it is filled in. ``interview_by``,
    ``accountability_to`` and ``contact`` have no default: a document that needs one refuses
    to be made without it (a usage error naming the field, SPEC §6)."""

    mark: Text | None = None  # 发文机关标志; None: the office's name + 文件
    # 发文字号's prefix (任新基建办〔2026〕12号); None leaves the number blank to fill by hand
    prefix: Text | None = None
    recipients: Text = chinese.DEFAULT_RECIPIENTS
    copy_to: list[Text] = Field(default_factory=list)
    interview_by: Text | None = None  # who presides over the 约谈
    accountability_to: Text | None = None  # to whom 问责 is proposed (区纪委监委)
    rectify_working_days: PositiveInt = 10
    contact: Contact | None = None
    # the day of the next month by which units submit a month (the deadline of SPEC §9)
    report_by: Annotated[int, Field(ge=1, le=28)] = 5


class Paper(Document):
    """``Document`` as the documents read it (``District.paper``): the mark filled in, and
    ``accountability_to`` a text ("" when ``district.yaml`` has none)."""

    mark: Text
    accountability_to: str = ""


class District(Record):
    """``district.yaml``: who the district is and its rule parameters."""

    district: Text
    city: Text
    office: Text
    year: Annotated[int, Field(ge=2000, le=2100)]
    rules: Rules = Field(default_factory=Rules)
    document: Document = Field(default_factory=Document)

    @property
    def paper(self) -> Paper:
        """``document`` with its derived default filled in: the mark is the office's name + 文件
        unless ``district.yaml`` says otherwise. A missing ``accountability_to`` is "" here
        (the bulletin's 三 names it in a heading even when no unit is proposed); the commands
        refuse a document that proposes 问责 without it."""
        fields = {name: getattr(self.document, name) for name in Document.model_fields}
        fields["mark"] = self.document.mark or self.office + chinese.DOCUMENT_MARK_SUFFIX
        fields["accountability_to"] = self.document.accountability_to or ""
        return Paper(**fields)


class Metric(Record):
    """A metric of a domain; towns are ranked on it when ``ranked``."""

    id: Code
    name: Text
    unit: Text
    ranked: bool = False


class Domain(Record):
    """``domains/<id>.yaml``: one of the seven domains and its task force."""

    id: Code
    name: Text
    lead: Code
    cooperating: list[Code] = Field(default_factory=list)
    metrics: list[Metric] = Field(default_factory=list)


class Milestone(Record):
    """A dated step of a project."""

    name: Text
    due: dt.date
    done: dt.date | None = None


class ProgressEntry(Record):
    """A project's monthly report: cumulative percent and investment."""

    month: Month
    percent: Percent
    invested: Money
    note: str | None = None


class Investment(Record):
    """A project's total and this year's planned investment, in 万元."""

    total: Money
    year: Money


class Project(Record):
    """``projects/<domain>/<id>.yaml``: one construction or deployment project."""

    id: Code
    name: Text
    domain: Code
    owner: Code
    towns: list[Code] = Field(default_factory=list)
    cooperating: list[Code] = Field(default_factory=list)
    city_key: bool = False
    start: dt.date
    end: dt.date
    investment: Investment
    plan: dict[Month, Percent] = Field(default_factory=dict)
    milestones: list[Milestone] = Field(default_factory=list)
    progress: list[ProgressEntry] = Field(default_factory=list)


class Task(Record):
    """An entry of the city key task list (市重点督办任务清单)."""

    id: Code
    title: Text
    source: Text | None = None
    domain: Code
    units: Annotated[list[Code], Field(min_length=1)]
    deadline: dt.date
    done: dt.date | None = None
    note: Text | None = None
    """How the task was done, as the responsible unit's form said (issue 26)."""


class LedgerProblem(Record):
    """An entry of problems/<year>.yaml (问题清单), SPEC §2."""

    id: Code
    project: Code | None = None
    domain: Code | None = None  # required when there is no project (a check, not the model)
    text: Text
    raised: dt.date
    by: Code
    unit: Code
    deadline: dt.date
    resolved: dt.date | None = None


class Card(Record):
    """A yellow or red card issued by the city's platform to a unit."""

    date: dt.date
    color: Literal["yellow", "red"]
    unit: Code
    subject: Text
    project: Code | None = None


class NonCooperation(Record):
    """A town's report that a department did not cooperate."""

    date: dt.date
    reporter: Code
    unit: Code
    text: Text
    verified: bool = False


class Acknowledgement(Record):
    """An entry of ``acknowledged.yaml``: a warning the office reviewed, by whom, when, why."""

    warning: Text
    by: Text
    date: dt.date
    reason: Text


def _date_time(value: object) -> object:
    """A 约谈's time as people write it: ``2026-11-12 15:00`` (a text for YAML, which reads
    a timestamp only with seconds) or a YAML timestamp (``2026-11-12 15:00:00``); a bare date
    or a time zone is refused, as is any other text."""
    if isinstance(value, str):
        try:
            parsed = dt.datetime.strptime(value.strip(), DATE_TIME_FORMAT)
        except ValueError:
            raise PydanticCustomError("datetime_parsing", "not YYYY-MM-DD HH:MM") from None
        return parsed
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        return value
    raise PydanticCustomError("datetime_type", "not a date and time")


DATE_TIME_FORMAT = "%Y-%m-%d %H:%M"
"""How an interview's time is written: in interviews/YYYY-MM.yaml and ``notices --at``."""

DateTime = Annotated[dt.datetime, BeforeValidator(_date_time)]
"""A date and time of day without time zone (local time: the district's)."""


class Appointment(Record):
    """A unit's own 约谈 time and place in interviews/YYYY-MM.yaml."""

    at: DateTime
    place: Text


class Interviews(Record):
    """``interviews/YYYY-MM.yaml``: the time and place of the 约谈 that follow month M (SPEC
    §2, §6): ``at`` and ``place`` for every unit without an entry of its own in ``units``.
    Given together or not at all (a check of ``validate``, which says where)."""

    at: DateTime | None = None
    place: Text | None = None
    units: dict[Code, Appointment] = Field(default_factory=dict)


class Events(Record):
    """``events/YYYY-MM.yaml``: the month's cards and non-cooperation reports."""

    cards: list[Card] = Field(default_factory=list)
    noncooperation: list[NonCooperation] = Field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Town:
    """A row of ``towns/towns.csv``."""

    code: str
    name: str
    kind: str
    location: Location
    mobile: str | None = None
    """The optional ``mobile`` column: the town's contact, @mentioned by ``xjj push``."""


@dataclass(frozen=True, slots=True)
class Unit:
    """A row of ``units/units.csv``: a department or an enterprise."""

    code: str
    name: str
    kind: str
    location: Location
    mobile: str | None = None
    """The optional ``mobile`` column: the unit's contact, @mentioned by ``xjj push``."""


@dataclass(frozen=True, slots=True)
class TownFigure:
    """A row of ``towns/progress/YYYY-MM.csv``: a town's annual target and cumulative count.

    ``completed`` is None while the town has not submitted the month (未报送, SPEC §2)."""

    month: str
    town: str
    metric: str
    target: int
    completed: int | None
    file: str
    line: int
    columns: dict[str, int]

    def at(self, column: str) -> Location:
        """The location of this row's cell in ``column``."""
        return Location(self.file, self.line, self.columns.get(column, 1))
