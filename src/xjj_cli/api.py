"""The core of each reporting command: run the pipeline and render its result as text.

Each function returns what the command prints on stdout; errors are raised as
``XjjError`` and turned into exit codes by the command line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from xjj_cli.engine.evaluate import MonthEvaluation
from xjj_cli.engine.towns import time_progress
from xjj_cli.errors import UsageError
from xjj_cli.load.reader import LoadOptions
from xjj_cli.messages import cli_message, did_you_mean
from xjj_cli.options import RankedUnits, ReportFormat
from xjj_cli.pipeline import evaluate
from xjj_cli.render import reports, tabular
from xjj_cli.render.tabular import Table


def _tables(tables: list[Table], output: ReportFormat, color: bool) -> str:
    if output is ReportFormat.csv:
        return tabular.to_csv(tables)
    if output is ReportFormat.md:
        return tabular.to_markdown(tables)
    return tabular.to_rich(tables, color=color)


def _pick_metric(evaluation: MonthEvaluation, metric: str | None) -> list[str]:
    ranked = [m.id for m in evaluation.data.ranked_metrics]
    if metric is None:
        return ranked
    if metric in ranked:
        return [metric]
    bare = [m for m in ranked if m.split(".", 1)[1] == metric]
    if len(bare) == 1:
        return bare
    raise UsageError(
        f"没有参与排名的指标“{metric}”{did_you_mean(metric, ranked)}；可用：{'、'.join(ranked)}"
    )


def rank_report(
    data_dir: Path,
    month: str | None,
    metric: str | None,
    units: RankedUnits,
    output: ReportFormat,
    *,
    color: bool = False,
    options: LoadOptions | None = None,
) -> str:
    """Town rankings per ranked metric, or departments by their on-schedule share."""
    evaluation = evaluate(data_dir, month, options)
    if units is RankedUnits.departments:
        rows = evaluation.departments
        if output is ReportFormat.json:
            return tabular.to_json(reports.department_json(evaluation.month, rows))
        return _tables([reports.department_table(evaluation.month, rows)], output, color)
    wanted = _pick_metric(evaluation, metric)
    rankings = [r for r in evaluation.rankings if r.metric in wanted]
    if output is ReportFormat.json:
        progress = time_progress(evaluation.month)
        payload = reports.ranking_json(rankings, evaluation.month, wanted, progress)
        return tabular.to_json(payload[0] if len(payload) == 1 else payload)
    if not rankings and output is ReportFormat.table:
        return f"{evaluation.month} 没有镇街月度数据，无法排名。\n"
    tables = reports.ranking_tables(rankings, evaluation.data.rules.bottom_n, evaluation.month)
    return _tables(tables, output, color)


MONTH_REPORTS: dict[
    str, tuple[Callable[[MonthEvaluation], object], Callable[[MonthEvaluation], Table]]
] = {
    # every project's colour with planned, actual and lag
    "colors": (
        lambda ev: reports.colors_json(ev.month, ev.statuses),
        lambda ev: reports.colors_table(
            ev.month, ev.statuses, {c: p.name for c, p in ev.data.parties.items()}
        ),
    ),
    # every unit with an action, strongest first, with every reason and its evidence
    "accountability": (
        lambda ev: reports.accountability_json(ev.month, ev.findings),
        lambda ev: reports.accountability_table(ev.month, ev.findings),
    ),
}


def month_report(
    name: str,
    data_dir: Path,
    month: str | None,
    output: ReportFormat,
    *,
    color: bool = False,
    options: LoadOptions | None = None,
) -> str:
    """The month's report ``name`` (a key of ``MONTH_REPORTS``) in ``output``."""
    as_json, as_table = MONTH_REPORTS[name]
    evaluation = evaluate(data_dir, month, options)
    if output is ReportFormat.json:
        return tabular.to_json(as_json(evaluation))
    return _tables([as_table(evaluation)], output, color)


BULLETIN_FORMATS = ("md", "html", "docx")


def bulletin_files(
    data_dir: Path,
    month: str | None,
    formats: Sequence[str],
    out: Path | None,
    issue_date: dt.date,
    *,
    overwrite: bool = False,
    options: LoadOptions | None = None,
) -> list[Path]:
    """Render the month's bulletin in ``formats`` and write each file atomically."""
    from xjj_cli.bulletin.build import build_bulletin
    from xjj_cli.load.fingerprint import fingerprint
    from xjj_cli.output import refuse_existing, write_atomic
    from xjj_cli.render.bulletin import render_markdown

    evaluation = evaluate(data_dir, month, options)
    bulletin = build_bulletin(evaluation, fingerprint(data_dir), issue_date)
    override = data_dir.parent / "templates"
    markdown = render_markdown(bulletin, evaluation.data.rules, override)
    folder = out if out is not None else data_dir.parent / "reports" / evaluation.month
    stem = f"{evaluation.month}-新基建月度通报"
    targets = [folder / f"{stem}.{fmt}" for fmt in formats]
    if not overwrite:  # refuse before writing anything, so a refusal never leaves half a set
        for target in targets:
            refuse_existing(target)
    rendered = []
    for fmt in formats:
        if fmt == "md":
            rendered.append(markdown.encode("utf-8"))
        elif fmt == "html":
            from xjj_cli.render.html import render_html

            rendered.append(render_html(bulletin, markdown, override).encode("utf-8"))
        else:
            from xjj_cli.render.docx import render_docx

            rendered.append(render_docx(bulletin, markdown))
    return [
        write_atomic(target, data, overwrite=overwrite)
        for target, data in zip(targets, rendered, strict=True)
    ]


def parse_date(text: str | None) -> dt.date:
    """A ``--date`` value, or today."""
    if text is None:
        return dt.date.today()
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if match is None:
        raise UsageError(cli_message("date.format", text=text))
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        raise UsageError(cli_message("date.missing_month", text=text))
    try:
        return dt.date(year, month, day)
    except ValueError as exc:  # a day the month does not have (or year 0)
        raise UsageError(
            cli_message("date.missing_day", text=text, year=year, month=month, day=day)
        ) from exc
