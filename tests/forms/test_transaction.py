"""xjj import writes every file or none, one import at a time (SPEC §8 "All files or none";
issue 26, finding 2): a failure while staging or replacing gives every original back, a kill at
any moment is finished or undone by the next import, two imports at once both land."""

from __future__ import annotations

import fnmatch
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from conftest import copy_sample
from xjj_cli.cli import app
from xjj_cli.commands.forms import forms_files
from xjj_cli.forms import layout, transaction

MONTH = "2026-11"
TOWN_FORM = f"{MONTH}-古槐街道-月度数据.xlsx"
OTHER_TOWN_FORM = f"{MONTH}-安居街道-月度数据.xlsx"
OWNER_FORM = f"{MONTH}-区供电公司-项目进度.xlsx"
XJJ = Path(sys.executable).with_name("xjj")


@pytest.fixture(scope="module")
def blank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("forms")
    forms_files(copy_sample(root), MONTH, root / "blank")
    return root / "blank"


def _filled(blank: Path, folder: Path, name: str) -> Path:
    """A form filled as a clerk would: a town's figures one above last month's, an owner's
    progress one point above last month's with the same investment."""
    target = folder / name
    folder.mkdir(exist_ok=True)
    shutil.copy(blank / name, target)
    book = load_workbook(target)
    if layout.TOWN.sheet in book.sheetnames:
        sheet = book[layout.TOWN.sheet]
        for row in range(2, sheet.max_row + 1):
            sheet[f"F{row}"] = int(sheet[f"E{row}"].value) + 1
    else:
        sheet = book[layout.OWNER.sheet]
        for row in range(2, sheet.max_row + 1):
            sheet[f"F{row}"] = float(sheet[f"D{row}"].value) + 1
            sheet[f"G{row}"] = sheet[f"E{row}"].value
    book.save(target)
    return target


@pytest.fixture(scope="module")
def forms(blank: Path, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """A town's form and an owner's: a new month file and several project files."""
    folder = tmp_path_factory.mktemp("filled")
    return [_filled(blank, folder, TOWN_FORM), _filled(blank, folder, OWNER_FORM)]


def snapshot(data: Path) -> dict[str, bytes]:
    """Every file of the data folder (the load cache aside) and its bytes."""
    return {
        p.relative_to(data).as_posix(): p.read_bytes()
        for p in data.rglob("*")
        if p.is_file() and ".xjj-cache" not in p.parts
    }


@pytest.fixture(scope="module")
def states(forms: list[Path], tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Any]:
    """The sample's files before the import of ``forms`` and after it."""
    data = copy_sample(tmp_path_factory.mktemp("reference"))
    before = snapshot(data)
    result = run(data, *forms)
    assert result.exit_code == 0, result.output
    after = snapshot(data)
    changed = [name for name in after if before.get(name) != after[name]]
    assert len(changed) >= 4, changed  # the month's file and several projects'
    return before, after


def run(data: Path, *args: str | Path) -> Any:
    return CliRunner().invoke(app, ["--data", str(data), "import", *map(str, args)])


def failing_on(call: int, error: OSError) -> Callable[[Callable[..., None]], Callable[..., None]]:
    def wrap(original: Callable[..., None]) -> Callable[..., None]:
        calls = [0]

        def fails(*args: Any) -> None:
            calls[0] += 1
            if calls[0] == call:
                raise error
            original(*args)

        return fails

    return wrap


# --- a failure: every file as before ------------------------------------------------------------


@pytest.mark.parametrize(
    ("step", "call", "error"),
    [
        ("_replace", 1, PermissionError(13, "Permission denied")),
        ("_replace", 3, PermissionError(13, "Permission denied")),
        ("_replace", -1, PermissionError(13, "Permission denied")),  # the last file
        ("_stage", 2, OSError(28, "No space left on device")),
        ("_keep", 2, OSError(28, "No space left on device")),
    ],
)
def test_a_failure_while_writing_leaves_every_file_as_before(
    sample_copy: Path,
    forms: list[Path],
    states: tuple[Any, Any],
    monkeypatch: pytest.MonkeyPatch,
    step: str,
    call: int,
    error: OSError,
) -> None:
    before, after = states
    assert snapshot(sample_copy) == before
    if call == -1:
        call = sum(1 for name in after if before.get(name) != after[name])
    monkeypatch.setattr(transaction, step, failing_on(call, error)(getattr(transaction, step)))
    result = run(sample_copy, *forms)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "没有修改任何文件" in result.stderr
    assert "写入 data/" in result.stderr  # the file that failed, named
    assert snapshot(sample_copy) == before  # no journal, no staged file, no backup either


# --- a kill: the next import finishes or undoes it ------------------------------------------------

_KILLED = """
import os, signal, sys
from xjj_cli.forms import transaction
step, call = sys.argv[1], int(sys.argv[2])
original = getattr(transaction, step)
calls = [0]
def killed(*args):
    calls[0] += 1
    if calls[0] == call:
        os.kill(os.getpid(), signal.SIGKILL)
    return original(*args)
setattr(transaction, step, killed)
from xjj_cli.cli import app
app(sys.argv[3:])
"""


@pytest.mark.parametrize(
    ("step", "call", "done"),
    [
        ("_stage", 2, False),
        ("_keep", 1, False),
        ("_write_journal", 2, False),  # every file staged, the journal not yet "replacing"
        ("_replace", 1, True),
        ("_replace", 3, True),
        ("_end", 1, True),  # every file replaced, the journal still there
    ],
)
def test_an_import_killed_while_writing_is_finished_or_undone_by_the_next(
    sample_copy: Path,
    forms: list[Path],
    blank: Path,
    states: tuple[Any, Any],
    step: str,
    call: int,
    done: bool,
) -> None:
    before, after = states
    args = ["--data", str(sample_copy), "import", *map(str, forms)]
    killed = subprocess.run(
        [sys.executable, "-c", _KILLED, step, str(call), *args], capture_output=True, check=False
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr.decode()
    left = snapshot(sample_copy)
    assert transaction.JOURNAL_NAME in left
    if (step, call) == ("_replace", 3):  # really between: some files new, some not
        data = {k: v for k, v in left.items() if not k.rsplit("/", 1)[-1].startswith(".")}
        assert data != before
        assert data != after
    dry = run(sample_copy, *forms, "--dry-run")  # says so, changes nothing
    assert dry.exit_code == 0, dry.output
    assert "下次正式导入（不加 --dry-run）会先把那次导入完成或撤销" in dry.stderr
    assert snapshot(sample_copy) == left
    # the next real import — of a form left blank, which changes nothing itself
    nxt = run(sample_copy, blank / TOWN_FORM)
    assert nxt.exit_code == 0, nxt.output
    assert "上次导入在写入途中中断" in nxt.stderr
    assert ("已完成写入" if done else "已撤销") in nxt.stderr
    assert "没有需要写入的变化" in nxt.stderr
    assert snapshot(sample_copy) == (after if done else before)


def test_a_journal_that_cannot_be_read_stops_the_import(
    sample_copy: Path, forms: list[Path]
) -> None:
    (sample_copy / transaction.JOURNAL_NAME).write_text("{half", encoding="utf-8")
    before = snapshot(sample_copy)
    result = run(sample_copy, *forms)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert ".xjj-import.journal 无法处理（内容不完整或不是 xjj 写的）" in result.stderr
    assert snapshot(sample_copy) == before


# --- one import at a time -----------------------------------------------------------------------


def test_two_imports_at_once_both_land(sample_copy: Path, blank: Path, tmp_path: Path) -> None:
    """Both start while the lock is held, so they run together the moment it is free."""
    first = _filled(blank, tmp_path / "in", TOWN_FORM)
    second = _filled(blank, tmp_path / "in", OTHER_TOWN_FORM)
    logs = [tmp_path / "first.err", tmp_path / "second.err"]
    with transaction.import_lock(sample_copy):
        processes = []
        for form, log in zip((first, second), logs, strict=True):
            with open(log, "wb") as err:
                processes.append(
                    subprocess.Popen(
                        [str(XJJ), "--data", str(sample_copy), "import", str(form)],
                        stdout=subprocess.DEVNULL,
                        stderr=err,
                    )
                )
        deadline = time.monotonic() + 120
        while not all("等待它完成" in log.read_text("utf-8") for log in logs):
            assert time.monotonic() < deadline, [log.read_text("utf-8") for log in logs]
            assert all(p.poll() is None for p in processes), [log.read_text() for log in logs]
            time.sleep(0.05)
    codes = [p.wait() for p in processes]
    assert codes == [0, 0], [log.read_text("utf-8") for log in logs]
    month = (sample_copy / "towns" / "progress" / f"{MONTH}.csv").read_text("utf-8-sig")
    rows = [line.split(",") for line in month.splitlines()[1:]]
    filled = {row[0] for row in rows if row[3]}
    assert {"gh", "aj"} <= filled, filled
    assert not (sample_copy / transaction.LOCK_NAME).exists()


def test_an_import_waits_for_the_lock_then_gives_up_in_chinese(
    sample_copy: Path, forms: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(transaction, "LOCK_TIMEOUT", 0.2)
    before = snapshot(sample_copy)
    with transaction.import_lock(sample_copy):
        result = run(sample_copy, *forms)
    assert result.exit_code == 1
    assert "另一个 xjj import 正在写入" in result.stderr
    assert "仍在写入" in result.stderr
    assert "没有修改任何文件" in result.stderr
    assert snapshot(sample_copy) == before


def test_a_dry_run_of_a_folder_where_no_lock_can_be_made_reads_it(
    sample_copy: Path, forms: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(path: Path) -> tuple[int, bool]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(transaction, "_acquire", refused)
    assert run(sample_copy, *forms, "--dry-run").exit_code == 0
    result = run(sample_copy, *forms)
    assert result.exit_code == 1
    assert "无法创建导入锁文件" in result.stderr


# --- the names the import leaves while it runs ----------------------------------------------------


def test_a_stray_journal_lock_staged_file_or_backup_is_not_data(sample_copy: Path) -> None:
    names = [
        transaction.side_name(sample_copy / "towns/progress/2026-10.csv", "ab12cd34", ".new"),
        transaction.side_name(sample_copy / "projects/grid/GRID-2026-003.yaml", "ab12cd34", ".old"),
        sample_copy / transaction.LOCK_NAME,
        sample_copy / (transaction.JOURNAL_NAME + ".new"),
    ]
    for path in names:
        path.write_text("town,metric\nhalf", encoding="utf-8")
    result = CliRunner().invoke(app, ["--data", str(sample_copy), "validate"])
    assert result.exit_code == 0, result.output
    assert "xjj-import" not in result.output


def test_the_new_repository_ignores_them_in_git() -> None:
    from xjj_cli import scaffold

    source = Path(scaffold.__file__).parent / "sample" / "repo" / "gitignore"
    patterns = [
        line for line in source.read_text("utf-8").splitlines() if line and not line.startswith("#")
    ]
    for name in (
        transaction.JOURNAL_NAME,
        transaction.LOCK_NAME,
        transaction.JOURNAL_NAME + ".new",
        transaction.side_name(Path("2026-11.csv"), "ab12cd34", ".new").name,
        transaction.side_name(Path("GRID-2026-003.yaml"), "ab12cd34", ".old").name,
    ):
        assert any(fnmatch.fnmatch(name, p) for p in patterns), name
    assert not any(fnmatch.fnmatch("2026-11.csv", p) for p in patterns)
