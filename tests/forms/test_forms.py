"""``xjj forms`` (SPEC §8, CONTRACT12.md): the month's fill-in workbooks, opened with openpyxl
as the importer and Excel would open them.

The sample district's figures run to 2026-10 (reportable), so the month being collected —
the default — is 2026-11: sixteen town forms and one form per owner of a project started by
November's end and not finished before it. Each test runs on a copy of the sample.
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from typer.testing import CliRunner, Result

from formprint import one_of_each_kind, print_forms
from realapps import docx_to_pdf, pdf_pages, pdf_words
from xjj_cli.cli import app
from xjj_cli.forms import layout

Xjj = Callable[..., Result]

MONTH = "2026-11"
TOWNS = [
    "古槐街道",
    "济阳街道",
    "阜桥街道",
    "越河街道",
    "南苑街道",
    "观音阁街道",
    "仙营街道",
    "金城街道",
    "许庄街道",
    "李营街道",
    "唐口街道",
    "安居街道",
    "南张街道",
    "二十里铺街道",
    "长沟镇",
    "喻屯镇",
]
OWNERS = [
    "区工信局",
    "区发改局（能源局）",
    "区交通运输局",
    "区大数据局",
    "区科技局",
    "区高铁经济项目服务中心",
    "区供电公司",
    "铁塔公司任城分公司",
    "任城城投新能源公司",
    "中兴智慧城市运营中心",
    "济宁曙光云计算中心",
    "任城人工智能产业园公司",
    "碳素集团",
    "协力气体",
    "济宁市城市轨道交通公司",
]
"""Units owning a project started by 2026-11-30 and not at 100 % before November (units.csv
order); 区住建局's and 区机关事务中心's projects were finished before November."""

runner = CliRunner()


@pytest.fixture
def xjj(sample_copy: Path) -> Xjj:
    """Run ``xjj forms`` on the sample copy with the given arguments."""

    def run(*args: str) -> Result:
        return runner.invoke(app, ["--data", str(sample_copy), "forms", *args])

    return run


UNITS = [
    "区住建局",
    "区自然资源局",
    "区规划服务中心",
    "区行政审批服务局",
    "区能源服务中心",
    "李营街道",
    "安居街道",
    "二十里铺街道",
    "长沟镇",
]
"""The units with no form of their own that answer for a task or a problem in 2026-11."""


def town_file(name: str, month: str = MONTH) -> str:
    return f"{month}-{name}-月度数据.xlsx"


def owner_file(name: str, month: str = MONTH) -> str:
    return f"{month}-{name}-项目进度.xlsx"


def made(xjj: Xjj, *args: str) -> Result:
    result = xjj(*args)
    assert result.exit_code == 0, result.output
    return result


def open_form(path: Path) -> tuple[Workbook, Worksheet, dict[str, str]]:
    book = load_workbook(path)
    meta = {str(row[0]): str(row[1]) for row in book[layout.META_SHEET].values if row[0]}
    return book, book[meta["sheet"]], meta


def progress_rows(data: Path, month: str) -> dict[tuple[str, str], dict[str, str]]:
    path = data / "towns" / "progress" / f"{month}.csv"
    with path.open(encoding="utf-8") as stream:
        return {(r["town"], r["metric"]): r for r in csv.DictReader(stream)}


# --- which files ------------------------------------------------------------------------------


def test_november_has_a_form_per_town_and_per_owner(xjj: Xjj, sample_copy: Path) -> None:
    result = made(xjj)  # the default month: the one after the latest reportable (2026-10)
    folder = sample_copy.parent / "reports" / MONTH / "forms"
    expected = [town_file(n) for n in TOWNS] + [owner_file(n) for n in OWNERS]
    expected += [f"{MONTH}-{n}-任务和问题.xlsx" for n in UNITS]
    expected += [f"{MONTH}-办公室-登记表.xlsx"]  # the office's (issue 26), last
    assert sorted(p.name for p in folder.iterdir()) == sorted(expected)
    assert result.stdout.splitlines() == [str(folder / name) for name in expected]
    assert "镇街16份，项目单位15份" in result.stderr
    assert "另有9个单位" in result.stderr


def test_a_month_before_the_first_is_refused(xjj: Xjj, tmp_path: Path) -> None:
    result = xjj("--month", "2025-12", "--out", str(tmp_path / "f"))
    assert result.exit_code == 2, result.output
    assert "2026-01" in result.stderr
    assert not (tmp_path / "f").exists()


def test_a_malformed_month_is_a_usage_error(xjj: Xjj) -> None:
    result = xjj("--month", "2026-13")
    assert result.exit_code == 2, result.output
    assert "YYYY-MM" in result.stderr


# --- the town form ---------------------------------------------------------------------------


def test_a_town_form_prefills_targets_and_last_months_figures(
    xjj: Xjj, sample_copy: Path, tmp_path: Path
) -> None:
    made(xjj, "--month", MONTH, "--out", str(tmp_path))
    october = progress_rows(sample_copy, "2026-10")
    book, sheet, meta = open_form(tmp_path / town_file("李营街道"))
    assert book.sheetnames == ["填表说明", "月度数据", "_xjj"]
    assert book.active is not None and book.active.title == "填表说明"
    headings = [c.value for c in sheet[1]]
    assert headings == [
        "镇街",
        "指标",
        "计量单位",
        "年度目标",
        "上月累计",
        "本月累计（请填写）",
        "镇街代码",
        "指标代码",
    ]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert [r[7] for r in rows] == ["5g.stations", "charging.piles", "iiot.cloud"]
    assert rows[0][:6] == ["李营街道", "5G基站", "个", 72, 63, None]
    for row in rows:
        assert row[6] == "ly"
        assert row[3] == int(october[("ly", str(row[7]))]["target"])
        assert row[4] == int(october[("ly", str(row[7]))]["completed"])
    assert sheet.max_row == 4
    assert sheet.column_dimensions["G"].hidden and sheet.column_dimensions["H"].hidden
    assert not any(sheet.column_dimensions[c].hidden for c in "ABCDEF")
    assert meta["unit"] == "ly"


def test_the_hidden_sheet_records_form_month_unit_and_checksum(xjj: Xjj, tmp_path: Path) -> None:
    made(xjj, "--month", MONTH, "--out", str(tmp_path))
    book, sheet, meta = open_form(tmp_path / town_file("安居街道"))
    assert book[layout.META_SHEET].sheet_state == "veryHidden"
    assert list(meta) == list(layout.META_KEYS)
    assert meta == {
        "form": "xjj-town",
        "version": layout.FORM_VERSION,
        "month": MONTH,
        "unit": "aj",
        "sheet": "月度数据",
        "rows": "3",
        "checksum": meta["checksum"],
        "open_rows": "0",
        "new_rows": "0",
    }
    refs = layout.TOWN.prefilled_refs(3)
    assert meta["checksum"] == layout.checksum((ref, sheet[ref].value) for ref in refs)
    sheet["D2"] = int(str(sheet["D2"].value)) + 1  # a tampered target changes it
    assert meta["checksum"] != layout.checksum((ref, sheet[ref].value) for ref in refs)


def test_prefilled_cells_are_locked_and_only_the_cells_to_fill_are_open(
    xjj: Xjj, tmp_path: Path
) -> None:
    made(xjj, "--month", MONTH, "--out", str(tmp_path))
    for name, form in (
        (town_file("古槐街道"), layout.TOWN),
        (owner_file("区供电公司"), layout.OWNER),
    ):
        book, sheet, meta = open_form(tmp_path / name)
        assert sheet.protection.sheet and not sheet.protection.password
        assert book["填表说明"].protection.sheet
        rows = int(meta["rows"])
        for ref in form.prefilled_refs(rows):
            assert sheet[ref].protection.locked, ref
        for row in range(2, rows + 2):
            for ref in form.fill_refs(row):
                assert not sheet[ref].protection.locked, ref
                assert sheet[ref].fill.fgColor.rgb.endswith(layout.FILL_COLOUR), ref


def test_the_figure_to_fill_is_a_whole_number_not_below_last_month(
    xjj: Xjj, tmp_path: Path
) -> None:
    made(xjj, "--month", MONTH, "--out", str(tmp_path))
    _, sheet, _ = open_form(tmp_path / town_file("古槐街道"))
    rules = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    assert sorted(rules) == ["F2", "F3", "F4"]
    for row in (2, 3, 4):
        rule = rules[f"F{row}"]
        assert (rule.type, rule.operator) == ("whole", "between")
        assert (rule.formula1, rule.formula2) == (f"E{row}", str(layout.TOWN_COMPLETED_MAX))
        assert rule.showErrorMessage and rule.errorStyle == "stop"
        assert "上月累计" in str(rule.error) and rule.errorTitle


def test_headings_are_frozen_and_the_form_prints_on_a4_landscape(xjj: Xjj, tmp_path: Path) -> None:
    made(xjj, "--month", MONTH, "--out", str(tmp_path))
    for name in (town_file("古槐街道"), owner_file("区工信局")):
        _, sheet, _ = open_form(tmp_path / name)
        assert sheet.freeze_panes == "A2"
        assert sheet.page_setup.orientation == "landscape"
        assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4  # 9: A4
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
        assert sheet.sheet_properties.pageSetUpPr is not None
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows == "$1:$1"
        assert not sheet.merged_cells.ranges
        assert sheet.auto_filter.ref is None


# --- the owner form --------------------------------------------------------------------------


def test_an_owner_form_lists_its_started_unfinished_projects(xjj: Xjj, tmp_path: Path) -> None:
    made(xjj, "--month", MONTH, "--out", str(tmp_path))
    book, sheet, meta = open_form(tmp_path / owner_file("区供电公司"))
    # gdgs answers for the city key task SJ-2026-08, not done: its task sheet (issue 26)
    assert book.sheetnames == ["填表说明", "项目进度", "重点任务", "待解决问题", "新增问题", "_xjj"]
    assert meta[layout.TASK_ROWS_KEY] == "1" and book["重点任务"]["A2"].value == "SJ-2026-08"
    assert [c.value for c in sheet[1]][5:8] == [
        "本月进度（%）（请填写）",
        "本月累计投资（万元）（请填写）",
        "进展情况（请填写）",
    ]
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    # GRID-2026-004 reached 100 % in October: nothing more to report
    assert list(rows) == [
        "5G-2026-006",
        "CHG-2026-004",
        "GRID-2026-001",
        "GRID-2026-002",
        "GRID-2026-003",
        "GRID-2026-005",
        "GRID-2026-006",
        "GRID-2026-007",
    ]
    assert rows["GRID-2026-001"][1:] == (
        "特高压配套220千伏送出工程（任城段）",
        "特高压和智能电网",
        86,
        28710,
        None,
        None,
        None,
        "gdgs",
    )
    assert meta["form"] == "xjj-owner" and meta["unit"] == "gdgs" and meta["rows"] == "8"
    assert sheet.column_dimensions["I"].hidden
    counts = layout.meta_counts(layout.OWNER, meta)
    refs = layout.checked_refs(layout.OWNER, 8, counts)
    cells = [(s, r, book[s][r].value) for s, r in refs]
    assert meta["checksum"] == layout.checksum_of(layout.OWNER, cells)
    assert refs[: len(layout.OWNER.prefilled_refs(8))] == [
        ("项目进度", ref) for ref in layout.OWNER.prefilled_refs(8)
    ]


def test_a_project_starting_this_month_starts_from_zero_and_a_late_one_from_its_last_entry(
    xjj: Xjj, tmp_path: Path
) -> None:
    made(xjj, "--month", MONTH, "--out", str(tmp_path))
    _, transport, _ = open_form(tmp_path / owner_file("区交通运输局"))
    rows = {r[0]: r for r in transport.iter_rows(min_row=2, values_only=True)}
    assert rows["RAIL-2026-004"][3:5] == (0, 0)  # starts 2026-11-01, no entry yet
    _, gas, _ = open_form(tmp_path / owner_file("协力气体"))
    rows = {r[0]: r for r in gas.iter_rows(min_row=2, values_only=True)}
    assert rows["IIOT-2026-004"][3:5] == (70, 1620)  # no October entry: September's


def test_the_owner_cells_to_fill_are_validated(xjj: Xjj, tmp_path: Path) -> None:
    made(xjj, "--month", MONTH, "--out", str(tmp_path))
    _, sheet, _ = open_form(tmp_path / owner_file("区工信局"))
    rules = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    for row in range(2, sheet.max_row + 1):
        percent, invested, note = rules[f"F{row}"], rules[f"G{row}"], rules[f"H{row}"]
        assert (percent.type, percent.operator) == ("decimal", "between")
        assert (percent.formula1, percent.formula2) == (f"D{row}", "100")
        assert (invested.type, invested.operator, invested.formula1) == (
            "decimal",
            "greaterThanOrEqual",
            f"E{row}",
        )
        assert (note.type, note.operator, note.formula1) == (
            "textLength",
            "lessThanOrEqual",
            str(layout.NOTE_MAX),
        )
        for rule in (percent, invested, note):
            assert rule.showErrorMessage and rule.error and rule.errorTitle


# --- months ----------------------------------------------------------------------------------


def test_january_starts_again_from_zero_with_last_years_targets(
    xjj: Xjj, sample_copy: Path, tmp_path: Path
) -> None:
    made(xjj, "--month", "2027-01", "--out", str(tmp_path))
    october = progress_rows(sample_copy, "2026-10")
    _, sheet, meta = open_form(tmp_path / town_file("李营街道", "2027-01"))
    assert meta["month"] == "2027-01"
    for row in sheet.iter_rows(min_row=2, values_only=True):
        assert row[3] == int(october[("ly", str(row[7]))]["target"])
        assert row[4] == 0


def test_figures_already_submitted_for_the_month_are_prefilled(
    xjj: Xjj, sample_copy: Path, tmp_path: Path
) -> None:
    """November's file exists; 古槐街道 has submitted, the others not yet (empty completed);
    one project has its November entry. The default month stays 2026-11."""
    october = (sample_copy / "towns" / "progress" / "2026-10.csv").read_text(encoding="utf-8")
    lines = october.splitlines()
    november = [lines[0]]
    for line in lines[1:]:
        town, metric, target, completed = line.split(",")
        value = str(int(completed) + 2) if town == "gh" else ""
        november.append(",".join([town, metric, target, value]))
    (sample_copy / "towns" / "progress" / "2026-11.csv").write_text(
        "\n".join(november) + "\n", encoding="utf-8"
    )
    project = sample_copy / "projects" / "5g" / "5G-2026-006.yaml"
    text = project.read_text(encoding="utf-8")
    project.write_text(
        text + "  - month: 2026-11\n    percent: 95\n    invested: 820\n    note: 收尾\n",
        encoding="utf-8",
    )
    made(xjj, "--out", str(tmp_path))
    _, gh, _ = open_form(tmp_path / town_file("古槐街道"))
    for row in gh.iter_rows(min_row=2, values_only=True):
        assert row[5] == int(str(row[4])) + 2
    _, ly, _ = open_form(tmp_path / town_file("李营街道"))
    assert [row[5] for row in ly.iter_rows(min_row=2, values_only=True)] == [None] * 3
    _, power, _ = open_form(tmp_path / owner_file("区供电公司"))
    rows = {r[0]: r for r in power.iter_rows(min_row=2, values_only=True)}
    assert rows["5G-2026-006"][3:8] == (91, 790, 95, 820, "收尾")


# --- writing ---------------------------------------------------------------------------------


def test_existing_forms_are_not_overwritten_without_force(xjj: Xjj, tmp_path: Path) -> None:
    out = tmp_path / "forms"
    out.mkdir()
    kept = out / owner_file("协力气体")
    kept.write_bytes(b"filled in by hand")
    result = xjj("--month", MONTH, "--out", str(out))
    assert result.exit_code == 1, result.output
    assert "--force" in result.stderr and "Traceback" not in result.output
    assert [p.name for p in out.iterdir()] == [kept.name]  # nothing else written
    assert kept.read_bytes() == b"filled in by hand"
    made(xjj, "--month", MONTH, "--out", str(out), "--force")
    assert kept.read_bytes().startswith(b"PK")
    assert len(list(out.iterdir())) == len(TOWNS) + len(OWNERS) + len(UNITS) + 1  # + the office's


def test_the_same_data_gives_the_same_bytes(xjj: Xjj, tmp_path: Path) -> None:
    made(xjj, "--month", MONTH, "--out", str(tmp_path / "a"))
    made(xjj, "--month", MONTH, "--out", str(tmp_path / "b"))
    first = sorted((tmp_path / "a").iterdir())
    assert first
    for path in first:
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes(), path.name


@pytest.mark.needs("soffice", "pdftotext")
def test_a_town_form_opens_in_libreoffice(xjj: Xjj, tmp_path: Path) -> None:
    made(xjj, "--month", MONTH, "--out", str(tmp_path))
    pages = pdf_pages(docx_to_pdf(tmp_path / town_file("李营街道"), tmp_path / "pdf"))
    text = "".join(pages)
    assert "2026年11月李营街道新基建月度数据填报表" in text
    assert "本月累计（请填写）" in text and "5G基站" in text
    assert "ly" not in text.split("本月累计（请填写）")[1]  # the code columns do not print


PRINTED_PT = 9.0
"""The smallest text a printed form may have (SPEC §8: legible on A4)."""


def chinese_sizes(words: list[tuple[float, str]]) -> list[float]:
    """The printed size (points) of each word of two or more wide (Chinese) characters: such
    a character is one em wide, so the word's width over its characters."""
    return [
        width / len(text)
        for width, text in words
        if len(text) >= 2 and all(unicodedata.east_asian_width(ch) in "WF" for ch in text)
    ]


PRINTED_KINDS = {"town", "owner", "unit"}
"""The form kinds ``xjj forms`` writes for the sample's November (at least: a kind added later
is printed and checked as well)."""


@pytest.mark.needs("soffice", "pdftotext", "pdfinfo")
def test_every_kind_of_form_prints_on_a4_at_9_pt_or_more_one_page_wide(
    xjj: Xjj, tmp_path: Path
) -> None:
    """One workbook of each kind (the fullest), as LibreOffice prints it with its own print
    setup: every page A4, no Chinese text under 9 pt, and every sheet one page wide — its
    first page holds the start of each of its first row's shown cells (the headings; a sheet
    two pages wide would leave the right-hand ones to another page). The same PDFs as
    docs/form-<kind>-print.png (scripts/form_pages.py)."""
    made(xjj, "--month", MONTH, "--out", str(tmp_path / "forms"))
    printed = print_forms(one_of_each_kind(tmp_path / "forms"), tmp_path / "pdf")
    assert {form.kind for form in printed} >= PRINTED_KINDS
    for form in printed:
        pages = pdf_words(form.pdf)
        texts = ["".join(text.split()) for text in pdf_pages(form.pdf)]
        for number, (width, height, words) in enumerate(pages, start=1):
            where = (form.workbook.name, number)
            assert sorted((round(width), round(height))) == [595, 842], where  # A4
            sizes = chinese_sizes(words)
            assert sizes, where
            assert min(sizes) >= PRINTED_PT, (*where, min(sizes))
        assert len(form.sheets) >= 2, form.workbook.name  # the instructions and a data sheet
        for title, headings, sheet_pages in form.sheets:
            first = texts[sheet_pages.start - 1]
            for heading in headings:
                assert "".join(heading.split())[:4] in first, (form.workbook.name, title, heading)
