"""``xjj board``: the battle map (挂图作战图, SPEC §7) as one self-contained HTML file."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from xjj_cli.commands.common import DraftOption, MonthOption, Settings, document, where

if TYPE_CHECKING:
    from xjj_cli.commands.core import Outcome
    from xjj_cli.load.reader import LoadOptions


def board(
    ctx: typer.Context,
    month: MonthOption = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            metavar="文件",
            help="输出文件；默认为数据仓库下的 reports/YYYY-MM/YYYY-MM-挂图作战图.html。",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="覆盖已存在的同名文件。")] = False,
    draft: DraftOption = False,
) -> None:
    """生成挂图作战图：一个自带全部内容的 HTML 文件（不联网、不引用外部文件），供大屏、手机查看和张贴打印；原子写入，并列出生成的文件。

    示例：xjj board --month 2026-10
    """
    from xjj_cli.paths import board_target

    settings: Settings = ctx.obj

    def make(options: "LoadOptions") -> "Outcome":
        return board_file(
            settings.data_dir, month, out, overwrite=force, draft=draft, options=options
        )

    def place(month: str, name: str) -> Path:
        return board_target(settings.data_dir, out, month, name)

    document(ctx, ("board", month or "", where(out), str(draft)), force, place, make)


def board_file(
    data_dir: Path,
    month: str | None,
    out: Path | None,
    *,
    overwrite: bool = False,
    draft: bool = False,
    options: "LoadOptions | None" = None,
) -> "Outcome":
    """Write the month's battle map (挂图作战图, SPEC §7) as one self-contained HTML file,
    atomically; by default ``reports/M/M-挂图作战图.html`` beside the data folder."""
    import gc

    from xjj_cli.board.build import build_board
    from xjj_cli.bulletin.files import refuse_any_existing, write_documents
    from xjj_cli.commands.core import draft_line, outcome_of
    from xjj_cli.engine.evaluate import MonthEvaluation
    from xjj_cli.engine.history import unit_histories
    from xjj_cli.engine.overview import rate_histories
    from xjj_cli.messages.board import board_name
    from xjj_cli.paths import board_target, templates_beside, town_map
    from xjj_cli.pipeline import run_month
    from xjj_cli.render.board import render_board

    run = run_month(data_dir, month, options, draft=draft)
    evaluation = run.evaluation
    note = draft_line(evaluation)
    # Each unit's page: every reportable month up to the board's (and the board's own),
    # each evaluated once for all units, on the board month's data.
    months = sorted({m for m in run.reportable if m <= evaluation.month} | {evaluation.month})
    evaluations = [
        evaluation if m == evaluation.month else MonthEvaluation(evaluation.data, m) for m in months
    ]
    enabled = gc.isenabled()
    # The histories, the board's records and its HTML: millions of small objects, none of them
    # garbage in a cycle. The collector walking them again and again was a third of the time.
    gc.disable()
    try:
        histories = unit_histories(list(evaluation.data.units.values()), evaluations)
        board = build_board(evaluation, note, histories)
        trends = rate_histories(evaluation.histories, evaluation.month)
        name = board_name(evaluation.month, draft=note is not None)
        target = board_target(data_dir, out, evaluation.month, name)
        refuse_any_existing([target], overwrite=overwrite)  # before rendering
        svg_file = town_map(data_dir)
        svg = svg_file.read_bytes() if svg_file.is_file() else None
        page = render_board(board, trends, templates_beside(data_dir), svg).encode("utf-8")
    finally:
        if enabled:
            gc.enable()
    paths = write_documents([target], [page], overwrite=overwrite)
    return outcome_of(run, paths=paths, contents=[page])
