"""Hostile workbooks and paths given to ``xjj import`` (issue 22, findings 4, 6 and 9): each is
refused (or read) with a Chinese message naming the file and, where there is one, the part,
sheet or cell — exit code 1, no traceback, no "内部错误" — by a child process whose memory is
limited (RLIMIT_AS) and measured (its peak resident size stays under 300 MB).

The corpus is made by tests/hostile_forms.py from the sample's real forms."""

from __future__ import annotations

import io
import os
import shutil
import socket
import stat
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import load_workbook

import hostile_forms
from bounded import BoundedXjj, Ran
from conftest import copy_sample
from hostile_forms import AT_THE_BOUNDS, CASES, Case
from xjj_cli.commands.forms import forms_files

MONTH = "2026-11"
TOWN_FORM = f"{MONTH}-古槐街道-月度数据.xlsx"
OWNER_FORM = f"{MONTH}-区供电公司-项目进度.xlsx"  # gdgs: 5G-2026-006 on row 2
ADDRESS_SPACE = 600 * 1024 * 1024
"""The child's address space: past it, an allocation fails (MemoryError) instead of the
machine swapping."""
PEAK_MB = 300
"""The most resident memory an import of a hostile workbook may use."""
HANG = 300
"""Seconds after which a child is killed as hung (not a timing check: today's code blocked
forever on a named pipe)."""


@pytest.fixture(scope="module")
def bounded() -> Iterator[BoundedXjj]:
    """One child of bounded memory for the module's runs."""
    child = BoundedXjj(ADDRESS_SPACE, HANG)
    yield child
    child.close()


def xjj_bounded(child: BoundedXjj, data: Path, *args: str | Path) -> Ran:
    """``xjj --data data import --dry-run args`` in the child of bounded memory."""
    return child.run("--data", data, "import", "--dry-run", *args)


def assert_clean(ran: Ran) -> None:
    """No traceback, no internal error, and the memory bounded."""
    said = ran.out + ran.err
    assert "Traceback" not in said, said
    assert "内部错误" not in said, said
    assert "Error" not in ran.err, ran.err  # no English exception name leaked
    assert ran.peak_mb < PEAK_MB, f"{ran.peak_mb:.0f} MB"


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, Path]]]:
    """A copy of the sample repository and two real forms of it: the town form of 古槐街道 with
    45 typed in F2, and the blank owner form of 区供电公司."""
    root = tmp_path_factory.mktemp("hostile")
    data = copy_sample(root)
    forms_files(data, MONTH, root / "blank")
    town = root / "town.xlsx"
    book = load_workbook(root / "blank" / TOWN_FORM)
    book["月度数据"]["F2"] = 45
    book.save(town)
    yield data, {"town": town, "owner": root / "blank" / OWNER_FORM}


def test_the_two_real_forms_are_read_in_a_bounded_child(
    bounded: BoundedXjj,
    sample: tuple[Path, dict[str, Path]],
) -> None:
    data, forms = sample
    ran = xjj_bounded(bounded, data, forms["town"], forms["owner"])
    assert ran.code == 0, ran.err
    assert "本月累计：（空） → 45" in ran.out, ran.out
    assert_clean(ran)


@pytest.mark.parametrize("case", CASES + AT_THE_BOUNDS, ids=[c.name for c in CASES + AT_THE_BOUNDS])
def test_a_hostile_workbook_is_refused_in_bounded_memory(
    case: Case, bounded: BoundedXjj, sample: tuple[Path, dict[str, Path]], tmp_path: Path
) -> None:
    data, forms = sample
    path = tmp_path / f"{case.name}.xlsx"
    case.make(forms[case.form], path)
    ran = xjj_bounded(bounded, data, path)
    assert_clean(ran)
    if not case.refused:
        assert ran.code == 0, ran.err
        assert "本月累计：（空） → 45" in ran.out, ran.out
        return
    assert ran.code == 1, ran.out + ran.err
    assert f"  {path}" in ran.err, ran.err  # the file, at the start of its message
    assert "请" in ran.err, ran.err  # what to do, in Chinese
    for name in case.names:
        assert name in ran.err, ran.err
        if "!" in name:
            assert f"{path} {name}：" in ran.err, ran.err


def test_the_package_bounds_hold_whatever_the_headers_say(tmp_path: Path) -> None:
    """Headers that understate a part's size: unpacking stops at the cap, never past it."""
    from xjj_cli.forms import package

    parts: dict[str, hostile_forms.Content] = {
        "xl/workbook.xml": b"<workbook/>",
        "xl/big.xml": lambda: iter(b" " * 1_000_000 for _ in range(50)),
    }
    path = tmp_path / "lying.xlsx"
    hostile_forms.write_raw(path, parts, declared={"xl/big.xml": 1000})
    with pytest.raises(package.PackageRefused) as refused:
        package.read_package(path)
    assert refused.value.key == "damaged"
    assert refused.value.params == {"part": "xl/big.xml"}
    honest = tmp_path / "honest.xlsx"
    hostile_forms.write_raw(honest, parts, declared={})
    with pytest.raises(package.PackageRefused) as refused:
        package.read_package(honest)
    assert refused.value.key == "part_too_big"


def _package(workbook: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        package.writestr("xl/workbook.xml", workbook)
    return buffer.getvalue()


_DTD = '<!DOCTYPE workbook [<!ENTITY a "aaaaaaaaaa">]><workbook>&a;</workbook>'


@pytest.mark.parametrize(
    "part",
    [
        f'<?xml version="1.0" encoding="GB18030"?>{_DTD}'.encode("gb18030"),
        f'<?xml version="1.0" encoding="UTF-32"?>{_DTD}'.encode("utf-32-le"),
        f'<?xml version="1.0" encoding="hex"?>{_DTD}'.encode(),
    ],
    ids=["gb18030", "utf-32", "hex"],
)
def test_a_package_part_in_an_encoding_expat_cannot_use_is_refused(part: bytes) -> None:
    """expat raised out of such a declaration, and the DTD check never saw the part's DTD
    (lxml, which openpyxl uses for the workbook part, reads GB18030 and UTF-32)."""
    from xjj_cli.forms import package

    with pytest.raises(package.PackageRefused) as refused:
        package.check_zip(_package(part))
    assert refused.value.params.get("part") == "xl/workbook.xml"


# --- finding 6: special files --------------------------------------------------------------------


def test_a_folder_a_named_pipe_a_device_and_a_socket_are_named_not_opened(
    bounded: BoundedXjj, sample: tuple[Path, dict[str, Path]], tmp_path: Path
) -> None:
    data, _ = sample
    folder = tmp_path / "收表"
    folder.mkdir()
    fifo = tmp_path / "pipe.xlsx"
    os.mkfifo(fifo)
    sock = tmp_path / "s.xlsx"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock))
    try:
        ran = xjj_bounded(bounded, data, folder, fifo, "/dev/null", sock, tmp_path / "无.xlsx")
    finally:
        server.close()
    assert_clean(ran)
    assert ran.code == 1, ran.out
    assert f"{folder}：这是一个文件夹，不是表格文件" in ran.err, ran.err
    assert f"{fifo}：这是命名管道（FIFO），不是普通文件" in ran.err, ran.err
    assert "/dev/null：这是设备文件，不是普通文件" in ran.err, ran.err
    assert f"{sock}：这是套接字（socket），不是普通文件" in ran.err, ran.err
    assert f"{tmp_path / '无.xlsx'}：找不到这个文件" in ran.err, ran.err


def test_a_named_pipe_swapped_in_after_the_check_is_refused_without_blocking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from xjj_cli.forms import package

    fifo = tmp_path / "pipe.xlsx"
    os.mkfifo(fifo)
    regular = os.stat(tmp_path)  # any stat: its mode is replaced by a regular file's
    as_file = os.stat_result((stat.S_IFREG | 0o644, *regular[1:]))
    real_stat = os.stat

    def stat_before_the_swap(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        return as_file if Path(path) == fifo else real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat_before_the_swap)
    outcome: list[BaseException] = []

    def read() -> None:
        try:
            package.read_file(fifo)
        except BaseException as exc:  # handed to the test's thread
            outcome.append(exc)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(60)
    assert not reader.is_alive(), "the open of a named pipe blocked"
    assert len(outcome) == 1 and isinstance(outcome[0], package.PackageRefused)
    assert outcome[0].key == "special"


# --- finding 9: what a cell holds, shown and stored ---------------------------------------------


def owner_with_note(blank: Path, target: Path, note: str) -> Path:
    """The owner form with row 2's progress filled in and ``note`` typed as its note."""
    book = load_workbook(blank)
    sheet = book["项目进度"]
    last = float(sheet["D2"].value or 0)
    sheet["F2"] = last + 5
    sheet["G2"] = float(sheet["E2"].value or 0) + 10
    sheet["H2"] = note
    book.save(target)
    return target


def test_a_nel_in_a_note_is_read_as_a_line_break_and_a_second_import_changes_nothing(
    sample: tuple[Path, dict[str, Path]], tmp_path: Path
) -> None:
    from typer.testing import CliRunner

    from xjj_cli.cli import app

    source, forms = sample
    data = tmp_path / "data"
    shutil.copytree(source, data, ignore=shutil.ignore_patterns(".*"))
    path = owner_with_note(forms["owner"], tmp_path / "note.xlsx", "协调中\x85下周开工")
    first = CliRunner().invoke(app, ["--data", str(data), "import", str(path)])
    assert first.exit_code == 0, first.output
    assert f"{path} 项目进度!H2：“协调中\\u0085下周开工”按 协调中\\n下周开工 读入" in first.stderr
    project = yaml.safe_load((data / "projects" / "5g" / "5G-2026-006.yaml").read_text("utf-8"))
    entry = next(e for e in project["progress"] if str(e["month"]) == MONTH)
    assert entry["note"] == "协调中\n下周开工"
    again = CliRunner().invoke(app, ["--data", str(data), "import", str(path)])
    assert again.exit_code == 0, again.output
    assert "没有需要写入的变化" in again.stderr, again.output


@pytest.mark.parametrize("char", ["\x7f", "\x80", "\x9b", "\x9f"])
def test_a_c1_or_del_character_in_a_note_is_an_error_at_its_cell(
    char: str, bounded: BoundedXjj, sample: tuple[Path, dict[str, Path]], tmp_path: Path
) -> None:
    data, forms = sample
    path = owner_with_note(forms["owner"], tmp_path / "note.xlsx", f"协调中{char}31m下周")
    ran = xjj_bounded(bounded, data, path)
    assert_clean(ran)
    assert ran.code == 1, ran.out
    escaped = f"\\u{ord(char):04x}"
    assert f"{path} 项目进度!H2：“协调中{escaped}31m下周”中有看不见的控制字符 {escaped}" in ran.err
    assert char not in ran.err
    assert "xjj-import-" not in ran.err  # never the temporary copy's line


def test_a_carriage_return_and_a_32767_character_value_are_shown_escaped_and_short(
    bounded: BoundedXjj, sample: tuple[Path, dict[str, Path]], tmp_path: Path
) -> None:
    data, forms = sample
    town = tmp_path / "town.xlsx"
    book = load_workbook(forms["town"])
    book["月度数据"]["F3"] = "12CR345"
    book["月度数据"]["F4"] = "9" * 32_000 + "x" * 767
    book.save(town)
    parts = hostile_forms.read_parts(town)
    _, part = hostile_forms.data_sheet(parts)
    parts[part] = parts[part].replace(b"12CR345", b"12&#13;345")
    hostile_forms.write_parts(town, dict(parts))
    ran = xjj_bounded(bounded, data, town)
    assert_clean(ran)
    assert ran.code == 1, ran.out
    assert f"{town} 月度数据!F3：“12\\r345”不是数字" in ran.err, ran.err
    assert "\r" not in ran.err
    long = next(line for line in ran.err.splitlines() if "月度数据!F4" in line)
    assert "…（共 32767 个字）”不是数字" in long
    assert len(long) < len(str(town)) + 150, long


def test_a_value_is_shown_with_its_controls_visible_and_cut_with_its_length() -> None:
    from xjj_cli.messages.forms import shown

    assert shown("a\rb\tc\u202ed\u3000e") == "a\\rb\\tc\\u202ed\u3000e"
    assert shown("x" * 32_767) == "x" * 50 + "…（共 32767 个字）"
    assert shown("\x85" * 20) == "\\u0085" * 8 + "…（共 20 个字）"
