"""What a killed or failed run leaves behind (issue 22, finding 8): the next run removes
xjj's own temporary files and copies — only those, never a user's file — and a set of
documents (the notices, the bulletin's formats) is written all or none."""

from __future__ import annotations

import ctypes
import errno
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from xjj_cli import output
from xjj_cli.cli import app
from xjj_cli.commands.forms import forms_files
from xjj_cli.load import cache as cache_module

XJJ = Path(sys.executable).with_name("xjj")
MONTH = "2026-10"
ISSUED = "2026-11-05"
OUR_TEMP = re.compile(r"\.xjj-[0-9]+-[a-z0-9_]{8}\.tmp")


@pytest.fixture
def data(sample_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the sample (its cache key kept in the test's folder, for this process too)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    monkeypatch.setattr(cache_module, "_keys", [])
    return sample_copy


def dead_pid() -> int:
    """The pid of a process that has ended."""
    done = subprocess.Popen([sys.executable, "-c", "pass"])
    done.wait()
    return done.pid


def aged(path: Path, seconds: int) -> Path:
    """``path`` dated ``seconds`` back."""
    then = time.time() - seconds
    os.utime(path, (then, then))
    return path


def xjj(data: Path, *args: str) -> Any:
    result = CliRunner().invoke(app, ["--data", str(data), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    return result


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())} if folder.exists() else {}


# --- temporary files of a killed run ------------------------------------------------------------


def test_the_next_run_removes_a_killed_runs_temporary_files_and_nothing_else(data: Path) -> None:
    folder = data.parent / "reports" / MONTH
    folder.mkdir(parents=True)
    gone = dead_pid()
    stale = folder / f".xjj-{gone}-k3j_x9ab.tmp"
    old_style = folder / f".{MONTH}-新基建月度通报.md.k3j_x9ab.tmp"  # xjj before issue 22
    running = folder / f".xjj-{os.getpid()}-abcdefgh.tmp"  # a run still writing
    users = [
        folder / ".foo.tmp",
        folder / f".{MONTH}-新基建月度通报.md.tmp",
        folder / f".xjj-{gone}-short.tmp",
        folder / ".xjj-x-abcdefgh.tmp",
        folder / "notes.tmp",
        folder / ".别的文件.docx.k3j_x9ab.tmp",  # old style, but of no file xjj writes here
    ]
    for path in (stale, old_style, running, *users):
        path.write_bytes(b"half a file")
        if path is not running:
            aged(path, 3600)
    done = subprocess.run(
        [str(XJJ), "--data", str(data), "bulletin", "-f", "md", "--date", ISSUED],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (folder / f"{MONTH}-新基建月度通报.md").is_file()
    assert not stale.exists()
    assert not old_style.exists()
    assert running.exists()
    assert all(path.read_bytes() == b"half a file" for path in users)


# --- a set written all or none ------------------------------------------------------------------


def full_disk_at(monkeypatch: pytest.MonkeyPatch, failing: int) -> list[int]:
    """The ``failing``-th flush of a written file to the disk (1 for the first) fails: the disk
    is full (and has room again after). The flushes so far. A set's files are each flushed
    with ``fsync`` where the file system cannot be synced at once (no ``syncfs``)."""
    monkeypatch.setattr(output, "_syncfs", None)
    calls: list[int] = []
    real = os.fsync

    def fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == failing:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(fd)

    monkeypatch.setattr("xjj_cli.output.os.fsync", fsync)
    return calls


NOTICES = 28
"""The sample's notices set for 2026-10: 13 notices as DOCX and Markdown, and the register."""


@pytest.mark.parametrize("failing", [1, 2, 15, NOTICES])
@pytest.mark.parametrize("force", [False, True])
def test_a_full_disk_during_notices_leaves_no_part_of_the_set(
    failing: int, force: bool, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = data.parent / "reports" / MONTH / "notices"
    if force:  # a set there already: another date, so other bytes
        assert xjj(data, "notices", "--date", "2026-11-04").exit_code == 0
    before = files_of(folder)
    assert len(before) == (NOTICES if force else 0)
    calls = full_disk_at(monkeypatch, failing)
    args = ["notices", "--date", ISSUED, *(["--force"] if force else [])]
    result = xjj(data, *args)
    assert len(calls) == failing
    assert result.exit_code == 1, result.output
    assert "磁盘空间不足" in result.stderr and "都没有写入" in result.stderr, result.stderr
    assert files_of(folder) == before  # no temporary file either
    again = xjj(data, *args)
    assert again.exit_code == 0, again.output
    assert len(files_of(folder)) == NOTICES


def test_a_full_disk_during_the_bulletin_writes_none_of_its_formats(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = data.parent / "reports" / MONTH
    full_disk_at(monkeypatch, 3)
    result = xjj(data, "bulletin", "--format", "all", "--date", ISSUED)
    assert result.exit_code == 1, result.output
    assert "磁盘空间不足" in result.stderr
    assert not folder.exists() or list(folder.iterdir()) == []


def test_a_set_that_cannot_replace_every_file_is_given_back_whole(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = data.parent / "reports" / MONTH / "notices"
    assert xjj(data, "notices", "--date", "2026-11-04").exit_code == 0
    before = files_of(folder)
    real = os.replace
    replaced: list[str] = []

    def replace(source: Any, target: Any, **kwargs: Any) -> None:
        if Path(target).parent == folder and not Path(target).name.startswith("."):
            replaced.append(Path(target).name)
            if len(replaced) == 5:
                raise PermissionError(errno.EACCES, "Permission denied", str(target))
        real(source, target, **kwargs)

    monkeypatch.setattr("xjj_cli.output.os.replace", replace)
    result = xjj(data, "notices", "--date", ISSUED, "--force", "--no-cache")
    assert result.exit_code == 1, result.output
    assert "没有读写权限" in result.stderr, result.stderr
    assert len(set(replaced[:5])) == 5  # four files replaced, the fifth refused
    assert files_of(folder) == before


# --- the import's copies ------------------------------------------------------------------------


def test_the_next_import_removes_the_copy_a_killed_import_left(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    gone = dead_pid()
    killed = temp / f"xjj-import-{gone}-k3j_x9ab"
    (killed / "data" / "towns").mkdir(parents=True)
    (killed / "data" / "towns" / "towns.csv").write_text("half\n", encoding="utf-8")
    old_style = temp / "xjj-import-k3j_x9ab"  # xjj before issue 22, two hours ago
    old_style.mkdir()
    aged(old_style, 7200)
    recent_old_style = temp / "xjj-import-abcdefgh"  # maybe an import running now
    recent_old_style.mkdir()
    running = temp / f"xjj-import-{os.getpid()}-abcdefgh"
    running.mkdir()
    users = temp / "xjj-import-notes"
    users.mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("keep", encoding="utf-8")
    (temp / f"xjj-import-{gone}-zzzzzzzz").symlink_to(outside)

    forms_files(data, "2026-11", tmp_path / "forms")
    form = tmp_path / "forms" / "2026-11-古槐街道-月度数据.xlsx"
    book = load_workbook(form)
    sheet = book["月度数据"]
    for row in range(2, sheet.max_row + 1):
        sheet[f"F{row}"] = sheet[f"E{row}"].value
    book.save(form)
    result = xjj(data, "import", str(form))
    assert result.exit_code == 0, result.output
    assert not killed.exists()
    assert not old_style.exists()
    assert recent_old_style.is_dir() and running.is_dir() and users.is_dir()
    assert (outside / "keep.txt").read_text(encoding="utf-8") == "keep"
    assert sorted(p.name for p in temp.iterdir()) == sorted(
        [recent_old_style.name, running.name, users.name, f"xjj-import-{gone}-zzzzzzzz"]
    )


# --- real kills ---------------------------------------------------------------------------------


def test_notices_killed_while_writing_leave_only_whole_files_and_the_next_run_cleans_up(
    data: Path, tmp_path: Path
) -> None:
    def notices(out: Path, *extra: str) -> list[str]:
        return [
            str(XJJ),
            "--data",
            str(data),
            "notices",
            "--date",
            ISSUED,
            "--out",
            str(out),
            *extra,
        ]

    reference = tmp_path / "reference"  # made in-process: only the runs killed need a process
    made = xjj(data, "notices", "--date", ISSUED, "--out", str(reference), "--no-cache")
    assert made.exit_code == 0, made.output
    whole = files_of(reference)
    assert len(whole) == NOTICES
    out = tmp_path / "out"
    out.mkdir()
    chance = random.Random(22)
    left = set()
    for attempt in range(6):
        if attempt % 2 == 0:  # a new set (the one before removed); else over a whole one
            for name in files_of(out):
                if not name.startswith("."):
                    (out / name).unlink()
        before = set(os.listdir(out))
        extra = ["--no-cache"] if attempt % 4 < 2 else []  # made anew, or given back
        process = subprocess.Popen(
            notices(out, "--force", *extra),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        while process.poll() is None and set(os.listdir(out)) <= before:
            time.sleep(0.001)  # until it starts writing
        time.sleep(chance.uniform(0, 0.08))  # then at some moment of the writing
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        for name, content in files_of(out).items():
            if name.startswith("."):
                assert OUR_TEMP.fullmatch(name), name
                left.add(name)
            else:
                assert content == whole[name], name  # whole, never half a file
    subprocess.run(notices(out, "--force"), capture_output=True, check=True)
    assert files_of(out) == whole  # every file, and no temporary one left


def test_a_set_across_folders_stages_each_file_beside_its_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made_in: list[Path] = []
    make_temp = output.make_temp

    def recording(folder: Path) -> tuple[int, Path]:
        made_in.append(Path(folder))
        return make_temp(folder)

    monkeypatch.setattr(output, "make_temp", recording)
    targets = [tmp_path / "a" / "one.md", tmp_path / "b" / "two.md", tmp_path / "a" / "three.md"]
    output.write_set(targets, [b"1", b"2", b"3"], overwrite=False)
    assert made_in == [t.parent for t in targets]
    assert [t.read_bytes() for t in targets] == [b"1", b"2", b"3"]
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == ["two.md"]


def syncs_counted(monkeypatch: pytest.MonkeyPatch, targets: list[Path]) -> list[list[bool]]:
    """Each sync of a whole file system (``syncfs``), as which of ``targets`` existed then;
    the real one where there is one."""
    real = output._syncfs
    seen: list[list[bool]] = []

    def syncfs(fd: int) -> int:
        seen.append([t.exists() for t in targets])
        return 0 if real is None else real(fd)

    monkeypatch.setattr(output, "_syncfs", syncfs)
    return seen


def test_a_set_is_brought_to_the_disk_once_before_any_file_is_given_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    targets = [tmp_path / "set" / f"{n}.md" for n in range(40)]
    targets[3].parent.mkdir()
    targets[3].write_bytes(b"old")
    seen = syncs_counted(monkeypatch, targets)
    flushed: list[int] = []
    monkeypatch.setattr("xjj_cli.output.os.fsync", flushed.append)
    output.write_set(targets, [str(n).encode() for n in range(40)], overwrite=True)
    assert flushed == []  # no file flushed on its own
    assert seen == [[n == 3 for n in range(40)]]  # once, before any new name
    assert [t.read_bytes() for t in targets] == [str(n).encode() for n in range(40)]
    assert sorted(p.name for p in targets[0].parent.iterdir()) == sorted(t.name for t in targets)
    assert all(os.stat(t).st_mode & 0o777 == 0o644 for t in targets)


@pytest.mark.parametrize("force", [False, True])
def test_a_failed_sync_of_the_notices_leaves_no_part_of_the_set(
    force: bool, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = data.parent / "reports" / MONTH / "notices"
    if force:
        assert xjj(data, "notices", "--date", "2026-11-04").exit_code == 0
    before = files_of(folder)

    def full(fd: int) -> int:
        ctypes.set_errno(errno.ENOSPC)
        return -1

    monkeypatch.setattr(output, "_syncfs", full)
    args = ["notices", "--date", ISSUED, *(["--force"] if force else [])]
    result = xjj(data, *args)
    assert result.exit_code == 1, result.output
    assert "磁盘空间不足" in result.stderr and "都没有写入" in result.stderr, result.stderr
    assert files_of(folder) == before  # no temporary file either
