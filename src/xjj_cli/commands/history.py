"""``xjj history``: one unit month by month (SPEC §4): ranks, colours, breaches, actions,
and its open problems."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from xjj_cli.commands.common import Settings, TableJsonFormat, color, print_outcome
from xjj_cli.options import HistoryFormat

if TYPE_CHECKING:
    from xjj_cli.commands.core import Outcome
    from xjj_cli.load.reader import LoadOptions


def history(
    ctx: typer.Context,
    unit: Annotated[
        str,
        # Described in the docstring: typer would list it with its type's English name.
        typer.Argument(metavar="单位", hidden=True, show_default=False),
    ],
    output: Annotated[HistoryFormat, TableJsonFormat] = HistoryFormat.table,
) -> None:
    """一个单位的逐月情况：每个可出报告的月份（由早到晚）的排名或按期推进率、镇街和项目颜色、被约谈问责的依据和措施，以及截至最近一个可出报告月份月底仍未解决的问题。

    单位写单位代码：镇街（如 cg）、区直部门或企业（如 qzj），见 towns/towns.csv、units/units.csv。

    示例：xjj history cg --format json
    """
    settings: Settings = ctx.obj
    outcome = history_report(
        settings.data_dir, unit, output, color=color(), options=settings.load_options(ctx)
    )
    print_outcome(outcome)


def history_report(
    data_dir: Path,
    unit: str,
    output: HistoryFormat,
    *,
    color: bool = False,
    options: "LoadOptions | None" = None,
) -> "Outcome":
    """``xjj history``: one unit (by code, or its exact name) over every reportable month,
    oldest first — ranks, colours, breaches and actions — and its problems open at the
    latest reportable month's end; as a table for people or JSON (SPEC §4)."""
    from xjj_cli.commands.core import Outcome, pick_unit
    from xjj_cli.engine.dataset import dataset_from
    from xjj_cli.engine.evaluate import MonthEvaluation
    from xjj_cli.engine.history import unit_history
    from xjj_cli.errors import MonthNotReportableError
    from xjj_cli.messages.reports import history_word, reporting
    from xjj_cli.pipeline import load_valid
    from xjj_cli.render import history as shown
    from xjj_cli.render import tabular

    repo = load_valid(data_dir, options)
    if not repo.reportable_months:  # history has no --month or --draft to suggest
        raise MonthNotReportableError(reporting("no_month"))
    latest = repo.reportable_months[-1]
    data = dataset_from(repo, latest)
    code, remarks = pick_unit(data.units, unit, history_word)
    # One dataset serves every month: each evaluation looks at data up to its month only.
    found = unit_history(
        data.units[code], [MonthEvaluation(data, m) for m in repo.reportable_months]
    )
    if output is HistoryFormat.json:
        return Outcome(latest, tabular.to_json(shown.history_json(found, data)), remarks=remarks)
    return Outcome(latest, shown.history_text(found, data, color=color), remarks=remarks)
