"""xjj import (SPEC §8): filled workbooks back into the repository — the round trip, the
normalisations, the text-level edits, and every refusal (Chinese, file and cell, exit 1,
nothing written, no traceback)."""

from __future__ import annotations

import codecs
import json
import os
import shutil
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from typer.testing import CliRunner

from conftest import copy_sample
from xjj_cli.cli import app
from xjj_cli.commands.forms import forms_files
from xjj_cli.forms import layout
from xjj_cli.forms.apply import _with_entry, check_on_copy
from xjj_cli.forms.filled import Place, ProgressIn

MONTH = "2026-11"
TOWN_FORM = f"{MONTH}-古槐街道-月度数据.xlsx"  # gh: 5g.stations, charging.piles, iiot.cloud
OWNER_FORM = f"{MONTH}-区供电公司-项目进度.xlsx"  # gdgs


@pytest.fixture(scope="module")
def blank_forms(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample's blank forms for 2026-11, made once."""
    root = tmp_path_factory.mktemp("forms")
    forms_files(copy_sample(root), MONTH, root / "blank")
    return root / "blank"


@pytest.fixture
def form(blank_forms: Path, tmp_path: Path) -> Callable[..., Path]:
    """A copy of a blank form, changed by ``edit(workbook)`` the way a clerk would."""

    def make(name: str, edit: Callable[[Any], None] | None = None, as_name: str = "") -> Path:
        target = tmp_path / "in" / (as_name or name)
        target.parent.mkdir(exist_ok=True)
        shutil.copy(blank_forms / name, target)
        if edit is not None:
            book = load_workbook(target)
            edit(book)
            book.save(target)
        return target

    return make


def data_sheet(book: Any) -> Worksheet:
    """The form's data sheet."""
    name = layout.TOWN.sheet if layout.TOWN.sheet in book.sheetnames else layout.OWNER.sheet
    sheet: Worksheet = book[name]
    return sheet


def snapshot(data: Path) -> dict[str, bytes]:
    """Every file of the data folder and its bytes."""
    return {p.relative_to(data).as_posix(): p.read_bytes() for p in data.rglob("*") if p.is_file()}


def run(data: Path, *args: str | Path) -> Any:
    return CliRunner().invoke(app, ["--data", str(data), "import", *map(str, args)])


def figures(data: Path, month: str = MONTH) -> dict[tuple[str, str], str]:
    """The (town, metric) → completed cells of a month's file."""
    lines = (data / "towns" / "progress" / f"{month}.csv").read_text("utf-8-sig").splitlines()
    rows = [line.split(",") for line in lines[1:] if line]
    return {(r[0], r[1]): r[3] for r in rows}


# --- the round trip ---------------------------------------------------------------------------

TYPED: list[str | float] = ["４５", "1,234", "1，２３５", "56个", 12.0, "  33 ", "78", 91]
"""What clerks type (full-width digits, thousands separators, units, floats, text, spaces)."""
READ = [45, 1234, 1235, 56, 12, 33, 78, 91]


def fill_town(book: Any, start: int) -> dict[str, int]:
    """Fill every row of a town form, above last month's figure; the figures by metric."""
    sheet = data_sheet(book)
    typed: dict[str, int] = {}
    for row in range(2, sheet.max_row + 1):
        last = int(sheet[f"E{row}"].value)
        index = (start + row) % len(TYPED)
        value, read = TYPED[index], READ[index]
        if read < last:  # keep the figure cumulative: shift it by the same amount
            value, read = str(last + read), last + read
        sheet[f"F{row}"] = value
        typed[str(sheet[f"H{row}"].value)] = read
    return typed


def test_round_trip_forms_filled_like_a_clerk_import_validate_rank(
    sample_copy: Path, blank_forms: Path, form: Callable[..., Path]
) -> None:
    expected: dict[tuple[str, str], int] = {}
    paths = []
    for i, blank in enumerate(sorted(blank_forms.glob("*-月度数据.xlsx"))):
        holder: dict[str, int] = {}
        path = form(blank.name, lambda b, i=i, h=holder: h.update(fill_town(b, i)))
        town = load_workbook(path)["_xjj"]["B4"].value
        expected.update({(town, m): v for m, v in holder.items()})
        paths.append(path)

    def fill_owner(book: Any) -> None:
        sheet = data_sheet(book)
        for row in range(2, sheet.max_row + 1):
            sheet[f"F{row}"] = float(sheet[f"D{row}"].value) + 1
            sheet[f"G{row}"] = sheet[f"E{row}"].value
        assert sheet["A6"].value == "GRID-2026-003"  # last month 43 %, 3530 万元
        sheet["F6"] = "４８%"
        sheet["G6"] = "4,530万元"
        sheet["H6"] = " 主体工程完成 "

    paths.append(form(OWNER_FORM, fill_owner))
    paths.append(form(f"{MONTH}-铁塔公司任城分公司-项目进度.xlsx"))  # sent back empty
    grid = (sample_copy / "projects" / "grid" / "GRID-2026-003.yaml").read_bytes()
    result = run(sample_copy, *reversed(paths))
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert f"{TOWN_FORM} 月度数据!F2：" in result.stderr  # a normalisation, at its cell
    assert "（全角字符改为半角、文本格式的数字）" in result.stderr
    assert (
        "data/towns/progress/2026-11.csv：古槐街道（gh）5G基站（5g.stations）本月累计：（空） → "
        in (result.stdout)
    )
    check = CliRunner().invoke(app, ["--data", str(sample_copy), "validate"])
    assert check.exit_code == 0, check.output
    ranked = CliRunner().invoke(
        app, ["--data", str(sample_copy), "rank", "--month", MONTH, "--format", "json"]
    )
    assert ranked.exit_code == 0, ranked.output
    shown = {
        (row["town"], table["metric"]): row["completed"]
        for table in json.loads(ranked.stdout)
        for row in table["rows"]
    }
    assert len(shown) > 40
    assert shown == {key: expected[key] for key in shown}
    assert {k[1] for k in shown} == {"5g.stations", "charging.piles", "iiot.cloud"}
    after = (sample_copy / "projects" / "grid" / "GRID-2026-003.yaml").read_bytes()
    assert after.startswith(grid)  # every byte before stays; the entry is appended
    added = after[len(grid) :].decode("utf-8")
    assert added == (
        "  - month: 2026-11\n    percent: 48\n    invested: 4530\n    note: 主体工程完成\n"
    )


def test_the_same_file_twice_and_any_order_are_harmless(
    sample_copy: Path, form: Callable[..., Path]
) -> None:
    path = form(TOWN_FORM, lambda b: fill_town(b, 0))
    copy = form(TOWN_FORM, lambda b: fill_town(b, 0), as_name="副本.xlsx")
    result = run(sample_copy, path, copy, path)
    assert result.exit_code == 0, result.output
    assert "副本.xlsx：与" in result.stderr
    again = run(sample_copy, copy)
    assert again.exit_code == 0, again.output
    assert "没有需要写入的变化" in again.stderr


def test_dry_run_shows_the_changes_and_writes_nothing(
    sample_copy: Path, form: Callable[..., Path]
) -> None:
    before = snapshot(sample_copy)
    result = run(sample_copy, form(TOWN_FORM, lambda b: fill_town(b, 0)), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "（空） → " in result.stdout
    assert "--dry-run" in result.stderr
    assert snapshot(sample_copy) == before


def test_a_different_value_is_not_overwritten_without_force(
    sample_copy: Path, form: Callable[..., Path]
) -> None:
    def typed(value: int) -> Callable[[Any], None]:
        def edit(book: Any) -> None:
            fill_town(book, 0)
            data_sheet(book)["F2"] = value

        return edit

    assert run(sample_copy, form(TOWN_FORM, typed(40))).exit_code == 0
    before = snapshot(sample_copy)
    changed = form(TOWN_FORM, typed(41), as_name="改.xlsx")
    result = run(sample_copy, changed)
    assert result.exit_code == 1
    assert "改.xlsx 月度数据!F2：data/towns/progress/2026-11.csv中已有 40，表中填的是 41" in (
        result.stderr
    )
    assert "--force" in result.stderr
    assert snapshot(sample_copy) == before
    forced = run(sample_copy, changed, "--force")
    assert forced.exit_code == 0, forced.output
    assert "本月累计：40 → 41" in forced.stdout
    assert figures(sample_copy)[("gh", "5g.stations")] == "41"


def test_an_existing_month_file_keeps_its_bom_line_ends_and_other_rows(
    sample_copy: Path, form: Callable[..., Path]
) -> None:
    previous = (sample_copy / "towns" / "progress" / "2026-10.csv").read_text("utf-8")
    rows = [line.rsplit(",", 1)[0] + "," for line in previous.splitlines()[1:]]
    text = "town,metric,target,completed\r\n" + "\r\n".join(rows) + "\r\n"
    path = sample_copy / "towns" / "progress" / f"{MONTH}.csv"
    path.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    result = run(sample_copy, form(TOWN_FORM, lambda b: fill_town(b, 0)))
    assert result.exit_code == 0, result.output
    after = path.read_bytes()
    assert after.startswith(codecs.BOM_UTF8)
    old_lines = text.split("\r\n")
    new_lines = after[3:].decode("utf-8").split("\r\n")
    assert len(new_lines) == len(old_lines)
    differ = [(o, n) for o, n in zip(old_lines, new_lines, strict=True) if o != n]
    assert [n.split(",")[0] for _, n in differ] == ["gh", "gh", "gh"]
    assert all(n.startswith(o) for o, n in differ)


# --- the YAML entry, in the file's own style ------------------------------------------------

ENTRY = ProgressIn("P", 56.5, 1234, "物业: 协调中", Place("f.xlsx", "项目进度", "F2"))


def test_an_entry_is_inserted_in_the_lists_own_style_and_nothing_else_changes() -> None:
    block = (
        "id: P  # 项目编号\n"
        "progress:   # 每月一条\n"
        "    -   month: '2026-09'\n"
        "        percent: 10\n"
        "        invested: 100\n"
        "    # 十月\n"
        "    -   month: '2026-10'\n"
        "        percent: 20\n"
        "        invested: 200\n"
        "\n"
        "# 结尾注释\n"
    )
    edited = _with_entry(block, MONTH, ENTRY)
    assert edited == block.replace(
        "        invested: 200\n",
        "        invested: 200\n"
        "    -   month: '2026-11'\n"
        "        percent: 56.5\n"
        "        invested: 1234\n"
        '        note: "物业: 协调中"\n',
    )
    flow = "progress:\r\n- {month: 2026-10, percent: 20, invested: 200}\r\n"
    assert _with_entry(flow, MONTH, ENTRY) == flow + (
        '- {month: 2026-11, percent: 56.5, invested: 1234, note: "物业: 协调中"}\r\n'
    )
    assert _with_entry("id: P\nprogress: []\n", MONTH, ENTRY) == (
        "id: P\nprogress:\n  - month: 2026-11\n    percent: 56.5\n    invested: 1234\n"
        '    note: "物业: 协调中"\n'
    )
    assert _with_entry("id: P", MONTH, ENTRY) == (
        "id: P\nprogress:\n  - month: 2026-11\n    percent: 56.5\n    invested: 1234\n"
        '    note: "物业: 协调中"\n'
    )
    later = "progress:\n  - month: 2026-12\n    percent: 90\n    invested: 9\n"
    assert _with_entry(later, MONTH, ENTRY) == later.replace(
        "progress:\n",
        "progress:\n  - month: 2026-11\n    percent: 56.5\n    invested: 1234\n"
        '    note: "物业: 协调中"\n',
    )
    same = "progress:\n  - month: 2026-11\n    percent: 1\n    invested: 1\n# 尾\n"
    assert _with_entry(same, MONTH, ENTRY) == (
        "progress:\n  - month: 2026-11\n    percent: 56.5\n    invested: 1234\n"
        '    note: "物业: 协调中"\n# 尾\n'
    )
    assert _with_entry("progress: [{month: 2026-10}]\n", MONTH, ENTRY) is None


# --- refusals ---------------------------------------------------------------------------------


def _meta(key: str, value: str) -> Callable[[Any], None]:
    def edit(book: Any) -> None:
        row = layout.META_KEYS.index(key) + 1
        book[layout.META_SHEET][f"B{row}"] = value

    return edit


def _cell(ref: str, value: str | float) -> Callable[[Any], None]:
    def edit(book: Any) -> None:
        fill_town(book, 0)
        data_sheet(book)[ref] = value

    return edit


def _insert_row(book: Any) -> None:
    fill_town(book, 0)
    data_sheet(book).insert_rows(3)


def _insert_copied_row(book: Any) -> None:
    fill_town(book, 0)
    sheet = data_sheet(book)
    sheet.insert_rows(4)
    for column in "ABCDEFGH":
        sheet[f"{column}4"] = sheet[f"{column}2"].value


def _extra_row(book: Any) -> None:
    fill_town(book, 0)
    data_sheet(book)["A9"] = "新增"


def _merged(book: Any) -> None:
    fill_town(book, 0)
    data_sheet(book).merge_cells("F2:F3")


def _renamed_prefill(book: Any) -> None:
    fill_town(book, 0)
    data_sheet(book)["D2"] = 999


def _prefill(ref: str, value: str) -> Callable[[Any], None]:
    def edit(book: Any) -> None:
        fill_town(book, 0)
        data_sheet(book)[ref] = value

    return edit


def _deleted_column(book: Any) -> None:
    fill_town(book, 0)
    data_sheet(book).delete_cols(4)


REFUSALS: dict[str, tuple[Callable[[Any], None], str]] = {
    "version": (_meta("version", "9"), f"{TOWN_FORM} _xjj!B2：这是第 9 版的填报表"),
    "unknown unit": (_meta("unit", "zz"), "镇街代码“zz”在 towns/towns.csv 中不存在"),
    "future month": (_meta("month", "2099-01"), "这是2099年1月的填报表，该月还没有开始"),
    "bad month": (_meta("month", "十一月"), "_xjj 中 month 的值“十一月”不对"),
    "changed target": (
        _renamed_prefill,
        f"{TOWN_FORM} 月度数据!D2：预填的年度目标被改成了“999”，数据仓库中是“42”（古槐街道，",
    ),
    "changed name": (
        _prefill("B3", "改名"),
        f"{TOWN_FORM} 月度数据!B3：预填的指标被改成了“改名”，数据仓库中是“充电桩”",
    ),
    "deleted column": (
        _deleted_column,
        f"{TOWN_FORM} 月度数据!D1：这一列的标题应是“年度目标”，表中是“上月累计”（删除、插入或移动了列）",
    ),
    "inserted row": (_insert_row, f"{TOWN_FORM} 月度数据!A3：第 3 行是插入的行"),
    "inserted copy": (_insert_copied_row, f"{TOWN_FORM} 月度数据!A4：第 4 行是插入的行"),
    "extra row": (_extra_row, f"{TOWN_FORM} 月度数据!A9：这张表原有 3 行数据"),
    "merged": (_merged, f"{TOWN_FORM} 月度数据!F2:F3：有合并单元格"),
    "formula": (_cell("F2", "=E2+5"), f"{TOWN_FORM} 月度数据!F2：这里是公式“=E2+5”"),
    "unreadable": (_cell("F3", "约50"), f"{TOWN_FORM} 月度数据!F3：“约50”不是数字"),
    "not whole": (_cell("F3", 40.5), f"{TOWN_FORM} 月度数据!F3：“40.5”不是整数"),
    "below last month": (_cell("F2", 1), f"{TOWN_FORM} 月度数据!F2：本月累计 1 低于上月累计"),
}


def assert_refused(result: Any, before: dict[str, bytes], data: Path, text: str) -> None:
    assert result.exit_code == 1, result.output
    assert text in result.stderr, result.stderr
    assert "未写入任何文件" in result.stderr or "请" in result.stderr
    assert "Traceback" not in result.output
    assert snapshot(data) == before


@pytest.mark.parametrize("case", list(REFUSALS))
def test_a_bad_workbook_is_refused_at_its_cell(
    case: str, sample_copy: Path, form: Callable[..., Path]
) -> None:
    edit, text = REFUSALS[case]
    before = snapshot(sample_copy)
    good = form(OWNER_FORM)
    assert_refused(run(sample_copy, good, form(TOWN_FORM, edit)), before, sample_copy, text)


def _ole2(path: Path) -> None:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))


def _ods(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        package.writestr("content.xml", "<office:document-content/>")


def _csv(path: Path) -> None:
    path.write_text("镇街,指标,本月累计\n古槐街道,5G基站,45\n", encoding="gb18030")


def _plain_workbook(path: Path) -> None:
    book = Workbook()
    book.active["A1"] = "镇街"  # type: ignore[index]
    book.save(path)


def _too_big(path: Path, blank: Path) -> None:
    path.write_bytes(blank.read_bytes() + bytes(5 * 1024 * 1024))


FILES: dict[str, tuple[str, Callable[[Path], None], str]] = {
    "xls saved as": ("古槐.xls", _ole2, "旧版 Excel（.xls）或 WPS（.et）格式"),
    "et renamed xlsx": ("古槐.xlsx", _ole2, "请用 Excel/WPS 另存为 .xlsx 工作簿"),
    "ods": ("古槐.ods", _ods, "OpenDocument（.ods）"),
    "csv": ("古槐.csv", _csv, "不是 Excel 工作簿（像是 CSV 或文本文件）"),
    "csv renamed": ("古槐.xlsx", _csv, "请使用 xjj forms 生成的表格"),
    "not a form": (
        "表格.xlsx",
        _plain_workbook,
        "不是 xjj forms 生成的填报表（没有隐藏的 _xjj 工作表）",
    ),
}


@pytest.mark.parametrize("case", list(FILES))
def test_a_file_that_is_not_an_xlsx_form_is_refused(
    case: str, sample_copy: Path, tmp_path: Path
) -> None:
    name, make, text = FILES[case]
    path = tmp_path / name
    make(path)
    before = snapshot(sample_copy)
    result = run(sample_copy, path)
    assert_refused(result, before, sample_copy, text)
    assert f"{path}：" in result.stderr


def test_a_workbook_over_5_mb_is_refused_unread(
    sample_copy: Path, blank_forms: Path, tmp_path: Path
) -> None:
    path = tmp_path / "大.xlsx"
    _too_big(path, blank_forms / TOWN_FORM)
    before = snapshot(sample_copy)
    assert_refused(run(sample_copy, path), before, sample_copy, f"{path}：文件有 5.0 MB，超过 5 MB")


def test_a_sheet_of_100000_rows_is_refused_without_reading_it_whole(
    sample_copy: Path, blank_forms: Path, tmp_path: Path
) -> None:
    book = load_workbook(blank_forms / TOWN_FORM)
    sheet = data_sheet(book)
    for row in range(5, 100_005):
        sheet.cell(row=row, column=1, value=row)
    path = tmp_path / "十万行.xlsx"
    book.save(path)
    before = snapshot(sample_copy)
    assert_refused(
        run(sample_copy, path),
        before,
        sample_copy,
        f"{path}：工作簿中的“xl/worksheets/sheet2.xml”内容过大",
    )


def test_forms_of_two_months_are_refused(
    sample_copy: Path, form: Callable[..., Path], tmp_path: Path
) -> None:
    october = tmp_path / "october"
    forms_files(sample_copy, "2026-10", october)
    before = snapshot(sample_copy)
    older = october / "2026-10-古槐街道-月度数据.xlsx"
    result = run(sample_copy, form(TOWN_FORM), older, "--amend", "2026-10")
    assert_refused(result, before, sample_copy, "一次只能导入同一个月的表格")


def test_two_copies_with_different_figures_name_both_files(
    sample_copy: Path, form: Callable[..., Path]
) -> None:
    one = form(TOWN_FORM, _cell("F2", 50), as_name="一.xlsx")
    two = form(TOWN_FORM, _cell("F2", 51), as_name="二.xlsx")
    before = snapshot(sample_copy)
    result = run(sample_copy, one, two)
    assert_refused(result, before, sample_copy, "二.xlsx 月度数据!F2：“")
    assert "一.xlsx”也是古槐街道2026年11月的表格，但这里的值不同（51 与 50）" in result.stderr
    assert "gh2026" not in result.stderr  # the town by its name, never its code run into the month


def test_owner_form_cells_are_checked(sample_copy: Path, form: Callable[..., Path]) -> None:
    def edit(book: Any) -> None:
        sheet = data_sheet(book)
        sheet["F2"] = 120
        sheet["G2"] = 1
        sheet["H3"] = "只写了进展"

    before = snapshot(sample_copy)
    result = run(sample_copy, form(OWNER_FORM, edit))
    assert_refused(
        result, before, sample_copy, f"{OWNER_FORM} 项目进度!F2：进度 120 不在 0 到 100 之间"
    )
    assert f"{OWNER_FORM} 项目进度!G2：本月累计投资 1 万元低于上月累计投资" in result.stderr
    assert f"{OWNER_FORM} 项目进度!F3：请同时填写本月进度和本月累计投资" in result.stderr


def test_the_repository_check_on_a_copy_reports_errors_and_leaves_the_folder(
    sample_copy: Path,
) -> None:
    before = snapshot(sample_copy)
    broken = sample_copy / "towns" / "progress" / "2026-10.csv"
    errors = check_on_copy(
        sample_copy, {broken: b"town,metric,target,completed\ngh,5g.stations,x,1\n"}
    )
    assert any("data/towns/progress/2026-10.csv:2" in e for e in errors), errors
    assert snapshot(sample_copy) == before
    assert check_on_copy(sample_copy, {}) == []


def test_the_check_on_a_copy_without_hard_links_passes_over_a_named_pipe(
    sample_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the temporary folder is on another file system (no hard link), the copy crashed
    on a named pipe in the data folder."""
    os.mkfifo(sample_copy / "notes.md")  # ignored by validate, as any .md

    def no_link(source: str, target: str) -> None:
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", no_link)  # as apply calls it
    assert check_on_copy(sample_copy, {}) == []


@pytest.fixture(autouse=True)
def _no_stray_temp(tmp_path: Path) -> Iterator[None]:
    yield
    assert not list((tmp_path / "repo").glob(".*.tmp")) if (tmp_path / "repo").exists() else True


def test_a_row_inserted_in_an_owner_form_is_named_not_the_row_it_pushed_down(
    sample_copy: Path, form: Callable[..., Path]
) -> None:
    def edit(book: Any) -> None:
        data_sheet(book).insert_rows(3)

    before = snapshot(sample_copy)
    result = run(sample_copy, form(OWNER_FORM, edit))
    text = f"{OWNER_FORM} {layout.OWNER.sheet}!A3：第 3 行是插入的行"
    assert_refused(result, before, sample_copy, text)
    assert "多出的内容请删除" not in result.stderr
