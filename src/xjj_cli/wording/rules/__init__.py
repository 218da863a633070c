"""Each rule's words, one module per rule (mirroring ``engine/rules/``), and the tables from
each evidence type to its sentence makers: one entry per evidence type, so that adding a
rule adds one entry here (docs/adding-a-rule.md)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from xjj_cli.engine.results import (
    MilestoneDueEvidence,
    ProblemDueEvidence,
    StreakNearEvidence,
    TaskDueEvidence,
    WarningEvidence,
)
from xjj_cli.engine.rules.below_district import BelowDistrictEvidence
from xjj_cli.engine.rules.bottom_n import BottomNEvidence
from xjj_cli.engine.rules.city_card import CardEvidence
from xjj_cli.engine.rules.city_task import TaskEvidence
from xjj_cli.engine.rules.noncooperation import NoncooperationEvidence
from xjj_cli.engine.rules.problem_overdue import ProblemEvidence
from xjj_cli.engine.rules.project_red import RedProjectEvidence
from xjj_cli.engine.rules.project_yellow import ProjectEvidence
from xjj_cli.engine.rules.town_red import TownRedEvidence
from xjj_cli.wording.rules import (
    below_district,
    bottom_n,
    city_card,
    city_task,
    noncooperation,
    problem_overdue,
    project_red,
    project_yellow,
    town_red,
)
from xjj_cli.wording.words import WordsTable, streak_near

WORDING: WordsTable = {
    CardEvidence: city_card.CityCardWords(),
    TaskEvidence: city_task.CityTaskWords(),
    ProblemEvidence: problem_overdue.ProblemOverdueWords(),
    NoncooperationEvidence: noncooperation.NoncooperationWords(),
    RedProjectEvidence: project_red.ProjectRedWords(),
    BottomNEvidence: bottom_n.BottomNWords(),
    BelowDistrictEvidence: below_district.BelowDistrictWords(),
    ProjectEvidence: project_yellow.ProjectYellowWords(),
    TownRedEvidence: town_red.TownRedWords(),
}
"""Each breach's evidence type (exactly: ``RedProjectEvidence`` is not a yellow
``ProjectEvidence``) and how it is said (``words.Words``)."""

WarningWords = Callable[[Any, str], str]
"""A warning's sentence from its evidence and the unit's name (empty when said before)."""

WARNING_WORDING: dict[type[WarningEvidence], WarningWords] = {
    StreakNearEvidence: streak_near,
    TaskDueEvidence: city_task.task_due,
    MilestoneDueEvidence: project_yellow.milestone_due,
    ProblemDueEvidence: problem_overdue.problem_due,
}
"""Each early warning's evidence type and its one sentence (SPEC §3.6)."""
