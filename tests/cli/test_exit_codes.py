"""Exit codes: one documented mapping from exception to code (``cli.exit_code``), and a
validation report that knows its own (``ProblemLog.exit_code``)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import typer
from typer._click.exceptions import ClickException, NoSuchOption
from typer._click.exceptions import UsageError as ClickUsageError

from xjj_cli import cli
from xjj_cli.diagnostics import Location, ProblemLog
from xjj_cli.errors import (
    DataError,
    InvalidDataError,
    MonthNotReportableError,
    OutputError,
    TemplateError,
    UsageError,
)


@pytest.mark.parametrize(
    ("exc", "code"),
    [
        (None, 0),
        (UsageError("坏月份"), 2),
        (DataError("没有数据"), 1),
        (InvalidDataError("数据有错"), 1),
        (MonthNotReportableError("未报齐"), 1),
        (TemplateError("模板坏了"), 1),
        (OutputError("写不进"), 1),
        (ClickUsageError("bad"), 2),
        (NoSuchOption("--bogus"), 2),
        (ClickException("other"), 1),
        (typer.Exit(3), 3),
        (SystemExit(4), 4),
        (SystemExit(None), 0),
        (typer.Abort(), 1),
        (KeyboardInterrupt(), 130),
        (RuntimeError("a defect"), 1),
    ],
)
def test_every_exception_has_one_exit_code(exc: BaseException | None, code: int) -> None:
    assert cli.exit_code(exc) == code


def test_the_mapping_is_documented_for_every_exception_it_knows() -> None:
    doc = cli.exit_code.__doc__ or ""
    for name in (
        "UsageError",
        "DataError",
        "InvalidDataError",
        "MonthNotReportableError",
        "TemplateError",
        "OutputError",
        "ClickException",
        "typer.Exit",
        "typer.Abort",
        "KeyboardInterrupt",
        "130",
    ):
        assert name in doc, name


def test_the_validation_report_knows_its_exit_code() -> None:
    log = ProblemLog()
    assert log.exit_code == 0
    log.warning(Location("data/towns/towns.csv"), "csv.required", field="name")
    assert log.exit_code == 0  # warnings do not fail a check
    log.error(Location("data/towns/towns.csv"), "csv.required", field="code")
    assert log.exit_code == 1


def test_the_command_line_decides_no_exit_code_of_its_own() -> None:
    """Every ``sys.exit``/``typer.Exit`` in cli.py takes its code from the mapping or a
    report: no literal code, no ``0 if … else 1``."""
    tree = ast.parse(Path(cli.__file__).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        if node.func.attr not in ("exit", "Exit"):
            continue
        for arg in node.args:
            choices = [arg.body, arg.orelse] if isinstance(arg, ast.IfExp) else [arg]
            assert not any(isinstance(c, ast.Constant) for c in choices), ast.unparse(node)


def test_ctrl_c_exits_130_in_chinese(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "app", interrupted)
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 130
    assert capsys.readouterr().err == "已中断。\n"


def test_a_defect_is_reported_not_dumped(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken() -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "app", broken)
    monkeypatch.delenv("XJJ_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith("内部错误：RuntimeError: boom\n这是 xjj 的缺陷，不是您的数据问题；"), err
    assert "Traceback" not in err
