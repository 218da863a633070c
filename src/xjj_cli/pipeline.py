"""The pipeline every reporting command runs: load → validate → engine.

Commands other than ``validate`` and ``init`` refuse to work on invalid data: they raise
``InvalidDataError`` listing the errors, and the command line turns that into exit 1.
"""

from __future__ import annotations

import re
from pathlib import Path

from xjj_cli.engine.dataset import dataset_from
from xjj_cli.engine.evaluate import MonthEvaluation
from xjj_cli.errors import InvalidDataError, UsageError
from xjj_cli.load.reader import LoadOptions
from xjj_cli.repository import Repository
from xjj_cli.validate import validate_repository

_MONTH = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])$")
SHOWN_ERRORS = 20


def load_valid(data_dir: Path, options: LoadOptions | None = None) -> Repository:
    """Load and check the repository; raise ``InvalidDataError`` when it has errors."""
    repo = validate_repository(data_dir, options)
    errors = repo.log.errors
    if errors:
        lines = [f"数据有 {len(errors)} 个错误，已停止。请先运行 xjj validate 查看并修改："]
        for p in errors[:SHOWN_ERRORS]:
            loc = p.location
            lines.append(f"  {loc.file}:{loc.line}:{loc.column}  {p.message} [{p.code}]")
        if len(errors) > SHOWN_ERRORS:
            lines.append(f"  ……只显示了前 {SHOWN_ERRORS} 个，共 {len(errors)} 个错误")
        raise InvalidDataError("\n".join(lines))
    return repo


def resolve_month(repo: Repository, month: str | None) -> str:
    """The month asked for, or the latest month with town figures."""
    if month is not None:
        if not _MONTH.match(month):
            raise UsageError(f"月份“{month}”格式不对；请写成 YYYY-MM，如 2026-10")
        return month
    if not repo.months:
        raise UsageError(
            "数据中还没有镇街月度数据（towns/progress/YYYY-MM.csv）；请用 --month 指定月份"
        )
    return repo.months[-1]


def evaluate(
    data_dir: Path, month: str | None, options: LoadOptions | None = None
) -> MonthEvaluation:
    """Load valid data and prepare the month's evaluation (computed on demand)."""
    repo = load_valid(data_dir, options)
    return MonthEvaluation(dataset_from(repo), resolve_month(repo, month))
