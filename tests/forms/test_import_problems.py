"""The owner form's problems sheets (SPEC §8, issue 13): ``xjj forms`` lists the owner's open
ledger problems with a cell for the 办结 date and offers empty rows for new problems; ``xjj
import`` writes both into ``problems/<year>.yaml`` as text — one line per 办结 date, one
appended entry per new problem — with the dates and names people type normalised, each at its
sheet and cell, and every error refusing the whole import."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from typer.testing import CliRunner

from conftest import SAMPLE, copy_sample
from xjj_cli.cli import app
from xjj_cli.commands.forms import forms_files
from xjj_cli.forms import layout
from xjj_cli.forms.cells import code_of, read_date
from xjj_cli.forms.filled import Place, Reading
from xjj_cli.forms.ledger import next_id, with_entry, with_field
from xjj_cli.model import LedgerProblem

MONTH = "2026-11"
OWNER = "区供电公司"  # gdgs: owns GRID-2026-003, held up by open ledger problems
FORM = f"{MONTH}-{OWNER}-项目进度.xlsx"
LEDGER = "problems/2026.yaml"
OPEN = layout.OPEN_PROBLEMS
NEW = layout.NEW_PROBLEMS


@pytest.fixture(scope="module")
def blank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample's blank owner form of 区供电公司 for 2026-11."""
    root = tmp_path_factory.mktemp("forms")
    forms_files(copy_sample(root), MONTH, root / "blank")
    return root / "blank" / FORM


@pytest.fixture
def form(blank: Path, tmp_path: Path) -> Callable[..., Path]:
    """A copy of the blank form, changed by ``edit(workbook)`` as a clerk would."""

    def make(edit: Callable[[Any], None] | None = None, name: str = FORM) -> Path:
        target = tmp_path / "in" / name
        target.parent.mkdir(exist_ok=True)
        shutil.copy(blank, target)
        if edit is not None:
            book = load_workbook(target)
            edit(book)
            book.save(target)
        return target

    return make


def run(data: Path, *args: str | Path) -> Any:
    return CliRunner().invoke(app, ["--data", str(data), "import", *map(str, args)])


def snapshot(data: Path) -> dict[str, bytes]:
    return {p.relative_to(data).as_posix(): p.read_bytes() for p in data.rglob("*") if p.is_file()}


def open_rows(book: Any) -> dict[str, int]:
    """The open problems sheet's rows by problem id."""
    sheet: Worksheet = book[OPEN.sheet]
    return {
        str(sheet[f"A{row}"].value): row
        for row in range(layout.FIRST_ROW, sheet.max_row + 1)
        if sheet[f"A{row}"].value
    }


def ledger(data: Path) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = yaml.safe_load((data / LEDGER).read_text("utf-8"))
    return entries


def early_problem(data: Path, book: Any) -> tuple[str, int]:
    """An open problem of the form raised before 2026-11-05, and its row."""
    raised = {e["id"]: e["raised"] for e in ledger(data)}
    rows = open_rows(book)
    problem = next(p for p in rows if raised[p] <= dt.date(2026, 11, 5))
    return problem, rows[problem]


# --- the form ---------------------------------------------------------------------------------


def test_the_owner_form_lists_its_open_problems_with_a_cell_for_the_date_solved(
    blank: Path,
) -> None:
    book = load_workbook(blank)
    sheet = book[OPEN.sheet]
    entries = {e["id"]: e for e in ledger(SAMPLE)}
    projects = {
        p.stem
        for p in (SAMPLE / "projects").rglob("*.yaml")
        if yaml.safe_load(p.read_text("utf-8"))["owner"] == "gdgs"
    }
    end = dt.date(2026, 11, 30)
    expected = sorted(
        e["id"]
        for e in entries.values()
        if e["raised"] <= end
        and (e["resolved"] is None or e["resolved"] > end)
        and ("gdgs" in (e["by"], e["unit"]) or e.get("project") in projects)
    )
    assert expected, "the sample has open problems of 区供电公司's projects"
    assert "WT-2026-005" in expected  # 区供电公司's to solve, holding up 铁塔's 5G-2026-005
    assert list(open_rows(book)) == expected
    headings = [c.value for c in sheet[1]]
    assert headings == [
        "问题编号",
        "项目",
        "问题",
        "责任单位",
        "提出日期",
        "限期",
        "办结日期（请填写）",
    ]
    row = open_rows(book)[expected[0]]
    problem = entries[expected[0]]
    assert sheet[f"C{row}"].value == problem["text"]
    assert sheet[f"E{row}"].value.date() == problem["raised"]
    assert sheet[f"F{row}"].value.date() == problem["deadline"]
    assert sheet[f"E{row}"].number_format == "yyyy-mm-dd"
    assert sheet.protection.sheet and not sheet.protection.password
    for ref in OPEN.prefilled_refs(len(expected)):
        assert sheet[ref].protection.locked, ref
    for r in range(2, len(expected) + 2):
        assert not sheet[f"G{r}"].protection.locked
    rules = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    assert sorted(rules) == sorted(f"G{r}" for r in range(2, len(expected) + 2))
    rule = rules[f"G{row}"]
    assert (rule.type, rule.operator, rule.formula1, rule.formula2) == (
        "date",
        "between",
        f"E{row}",
        "TODAY()",
    )
    assert rule.showErrorMessage and "不早于提出日期" in str(rule.error)


def test_the_new_problems_sheet_offers_lists_of_projects_and_units(blank: Path) -> None:
    book = load_workbook(blank)
    sheet = book[NEW.sheet]
    meta = {str(row[0]): str(row[1]) for row in book[layout.META_SHEET].values if row[0]}
    assert meta["version"] == "2" and meta["new_rows"] == str(layout.NEW_PROBLEM_ROWS)
    assert [c.value for c in sheet[1]] == [
        "序号",
        "项目（请选择）",
        "问题（请填写）",
        "责任单位（请选择）",
        "限期（请填写）",
    ]
    last = layout.NEW_PROBLEM_ROWS + 1
    assert [sheet[f"A{r}"].value for r in range(2, last + 1)] == list(range(1, 11))
    assert sheet["A2"].protection.locked and not sheet["B2"].protection.locked
    rules = {}
    for rule in sheet.data_validations.dataValidation:
        rules[str(rule.sqref)[0]] = rule
    projects = int(meta["rows"]) + 1
    assert rules["B"].type == "list" and rules["B"].formula1 == f"'项目进度'!$B$2:$B${projects}"
    names = [row[3] for row in book[layout.META_SHEET].values if row[3]]
    assert "区住建局" in names and "古槐街道" in names
    assert rules["D"].type == "list" and rules["D"].formula1 == f"'_xjj'!$D$1:$D${len(names)}"
    assert (rules["E"].type, rules["E"].formula1) == ("date", "DATE(2026,11,30)")
    assert (rules["C"].type, rules["C"].formula1) == ("textLength", str(layout.PROBLEM_MAX))
    # the checksum covers both problems sheets: a changed text is a changed form
    counts = layout.meta_counts(layout.OWNER, meta)
    refs = layout.checked_refs(layout.OWNER, int(meta["rows"]), counts)
    assert ("新增问题", "A11") in refs and ("待解决问题", "C2") in refs
    assert (
        layout.checksum_of(layout.OWNER, ((s, r, book[s][r].value) for s, r in refs))
        == meta["checksum"]
    )


# --- the round trip ---------------------------------------------------------------------------


def test_a_date_solved_and_a_new_problem_go_into_the_ledger_and_nothing_else_changes(
    sample_copy: Path, form: Callable[..., Path]
) -> None:
    before = (sample_copy / LEDGER).read_text("utf-8")
    chosen: dict[str, Any] = {}

    def fill(book: Any) -> None:
        problem, row = early_problem(sample_copy, book)
        chosen["problem"] = problem
        book[OPEN.sheet][f"G{row}"] = "2026年11月5日"
        sheet = book[NEW.sheet]
        chosen["project"] = book["项目进度"]["B6"].value
        sheet["B2"] = chosen["project"]
        sheet["C2"] = "变电站进线走廊涉及林地，需办理使用林地手续"
        sheet["D2"] = "区住建局"
        sheet["E2"] = "2026/12/15"

    result = run(sample_copy, form(fill))
    assert result.exit_code == 0, result.output
    problem = chosen["problem"]
    assert f"{FORM} 待解决问题!G" in result.stderr and "按 2026-11-05 读入（文本格式的日期）" in (
        result.stderr
    )
    assert f"{FORM} 新增问题!E2：“2026/12/15”按 2026-12-15 读入" in result.stderr
    assert "新增问题!D2" not in result.stderr  # a name from the list: nothing to say
    ids = [e["id"] for e in ledger(SAMPLE)]
    new_id = next_id(set(ids), 2026)
    assert f"{problem}（" in result.stdout and "办结日期：（空） → 2026-11-05" in result.stdout
    assert f"新增问题 {new_id}：变电站进线走廊涉及林地" in result.stdout
    check = CliRunner().invoke(app, ["--data", str(sample_copy), "validate"])
    assert check.exit_code == 0, check.output
    after = (sample_copy / LEDGER).read_text("utf-8")
    old_lines, new_lines = before.splitlines(), after.splitlines()
    changed = [i for i, (o, n) in enumerate(zip(old_lines, new_lines, strict=False)) if o != n]
    assert len(changed) == 1
    assert new_lines[changed[0]] == "  resolved: 2026-11-05"
    assert old_lines[changed[0]] == "  resolved: null"
    assert (
        new_lines[: len(old_lines)][changed[0] - 20 : changed[0]]
        == (old_lines[changed[0] - 20 : changed[0]])
    )
    grid = next(
        p
        for p in (sample_copy / "projects").rglob("*.yaml")
        if chosen["project"] in p.read_text("utf-8")
    )
    project_id = grid.stem
    assert new_lines[len(old_lines) :] == [
        f"- id: {new_id}",
        f"  project: {project_id}",
        "  domain: grid",
        "  text: 变电站进线走廊涉及林地，需办理使用林地手续",
        "  raised: 2026-11-30",
        "  by: gdgs",
        "  unit: qzj",
        "  deadline: 2026-12-15",
        "  resolved: null",
    ]
    again = run(sample_copy, form(fill, name="再次.xlsx"))  # the same form again: nothing to add
    assert again.exit_code == 0, again.output
    assert "没有需要写入的变化" in again.stderr
    assert (sample_copy / LEDGER).read_text("utf-8") == after


def test_a_different_date_solved_is_not_overwritten_without_force(
    sample_copy: Path, form: Callable[..., Path]
) -> None:
    def solved(day: str) -> Callable[[Any], None]:
        def edit(book: Any) -> None:
            _, row = early_problem(sample_copy, book)
            book[OPEN.sheet][f"G{row}"] = dt.datetime.fromisoformat(day)

        return edit

    assert run(sample_copy, form(solved("2026-11-05"))).exit_code == 0
    before = snapshot(sample_copy)
    result = run(sample_copy, form(solved("2026-11-06"), name="改.xlsx"))
    assert result.exit_code == 1
    assert "改.xlsx 待解决问题!G" in result.stderr
    assert "中已有 2026-11-05，表中填的是 2026-11-06" in result.stderr
    assert snapshot(sample_copy) == before
    forced = run(sample_copy, form(solved("2026-11-06"), name="改.xlsx"), "--force")
    assert forced.exit_code == 0, forced.output
    assert "办结日期：2026-11-05 → 2026-11-06" in forced.stdout


# --- refusals ---------------------------------------------------------------------------------


def _solved(value: object) -> Callable[[Any], None]:
    def edit(book: Any) -> None:
        book[OPEN.sheet]["G2"] = value

    return edit


def _new(**cells: object) -> Callable[[Any], None]:
    def edit(book: Any) -> None:
        sheet = book[NEW.sheet]
        for column, value in cells.items():
            sheet[f"{column}3"] = value

    return edit


def _first_project(book: Any) -> str:
    return str(book["项目进度"]["B2"].value)


def _new_full(**cells: object) -> Callable[[Any], None]:
    def edit(book: Any) -> None:
        typed = {"B": _first_project(book), "C": "需协调", "D": "区住建局", "E": "2026-12-31"}
        _new(**{**typed, **cells})(book)

    return edit


def _tampered(book: Any) -> None:
    book[OPEN.sheet]["C2"] = "改过的问题"


SHEET_REFUSALS: dict[str, tuple[Callable[[Any], None], str]] = {
    "solved before raised": (
        _solved("2020-01-01"),
        "待解决问题!G2：办结日期 2020-01-01 早于问题的提出日期",
    ),
    "solved in the future": (_solved("2099/1/1"), "待解决问题!G2：办结日期 2099-01-01 晚于今天"),
    "not a date": (_solved("下周"), "待解决问题!G2：“下周”不是日期"),
    "a formula": (_solved("=TODAY()"), "待解决问题!G2：这里是公式“=TODAY()”"),
    "unknown unit": (
        _new_full(D="区住房局"),
        "新增问题!D3：单位“区住房局”在 units/units.csv 和 towns/towns.csv 中都不存在（是否想写“区住建局”？）",
    ),
    "unknown project": (_new_full(B="别人的项目"), "新增问题!B3：“别人的项目”不是本单位的项目"),
    "text without unit or deadline": (
        _new_full(D=None, E=None),
        "新增问题!D3：新增问题请同时填写项目、问题、责任单位和限期（责任单位（请选择）、限期（请填写）为空）",
    ),
    "deadline before raised": (
        _new_full(E="2026-11-01"),
        "新增问题!E3：限期 2026-11-01 早于问题的提出日期 2026-11-30",
    ),
    "text too long": (_new_full(C="问" * 201), "新增问题!C3：问题有 201 个字，超过 200 个字"),
    "tampered": (_tampered, "待解决问题!C2：预填的问题被改成了“改过的问题”，数据仓库中是“"),
}


@pytest.mark.parametrize("case", list(SHEET_REFUSALS))
def test_a_bad_problems_sheet_is_refused_at_its_cell(
    case: str, sample_copy: Path, form: Callable[..., Path]
) -> None:
    edit, text = SHEET_REFUSALS[case]
    before = snapshot(sample_copy)
    result = run(sample_copy, form(edit))
    assert result.exit_code == 1, result.output
    assert text in result.stderr, result.stderr
    assert "Traceback" not in result.output
    assert snapshot(sample_copy) == before


def test_a_version_1_form_is_still_read(sample_copy: Path, form: Callable[..., Path]) -> None:
    def as_version_1(book: Any) -> None:
        sheet = book["项目进度"]
        sheet["F2"], sheet["G2"] = 100, sheet["E2"].value
        for name in (OPEN.sheet, NEW.sheet):
            del book[name]
        meta = book[layout.META_SHEET]
        rows = int(str(meta["B6"].value))
        refs = layout.OWNER.prefilled_refs(rows)
        meta["B2"] = "1"
        meta["B7"] = layout.checksum((ref, sheet[ref].value) for ref in refs)
        meta.delete_rows(8, 2)

    result = run(sample_copy, form(as_version_1))
    assert result.exit_code == 0, result.output
    assert "新增 2026-11 进度" in result.stdout


# --- the text edits ---------------------------------------------------------------------------

BLOCK = (
    "# 问题清单\n"
    "- id: WT-2026-001\n"
    "  text: 甲\n"
    "  raised: 2026-04-08\n"
    "  resolved: null   # 未办结\n"
    "\n"
    "- id: WT-2026-002\n"
    "  text: 乙\n"
    "  deadline: 2026-07-15\n"
    "# 结尾\n"
)
ENTRY = LedgerProblem(
    id="WT-2026-003",
    project="GRID-2026-003",
    domain="grid",
    text="物业: 阻挠",
    raised=dt.date(2026, 11, 30),
    by="gdgs",
    unit="qzj",
    deadline=dt.date(2026, 12, 15),
)


def test_a_field_is_set_on_its_own_line_or_added_at_the_entrys_end() -> None:
    assert with_field(BLOCK, "WT-2026-001", "resolved", "2026-11-05") == BLOCK.replace(
        "resolved: null   # 未办结", "resolved: 2026-11-05   # 未办结"
    )
    assert with_field(BLOCK, "WT-2026-002", "resolved", "2026-11-05") == BLOCK.replace(
        "  deadline: 2026-07-15\n", "  deadline: 2026-07-15\n  resolved: 2026-11-05\n"
    )
    flow = "- {id: WT-2026-001, text: 甲, resolved: null}\r\n- {id: WT-2026-002, text: 乙}\r\n"
    assert with_field(flow, "WT-2026-001", "resolved", "2026-11-05") == flow.replace(
        "resolved: null", "resolved: 2026-11-05"
    )
    assert with_field(flow, "WT-2026-002", "resolved", "2026-11-05") == flow.replace(
        "乙}", "乙, resolved: 2026-11-05}"
    )
    assert with_field(BLOCK, "WT-2026-009", "resolved", "2026-11-05") is None
    assert with_field("problems: []\n", "WT-2026-001", "resolved", "2026-11-05") is None


def test_a_new_entry_is_appended_in_the_files_style() -> None:
    added = with_entry(BLOCK, ENTRY)
    assert added == BLOCK.replace(
        "  deadline: 2026-07-15\n",
        "  deadline: 2026-07-15\n"
        "- id: WT-2026-003\n"
        "  project: GRID-2026-003\n"
        "  domain: grid\n"
        '  text: "物业: 阻挠"\n'
        "  raised: 2026-11-30\n"
        "  by: gdgs\n"
        "  unit: qzj\n"
        "  deadline: 2026-12-15\n"
        "  resolved: null\n",
    )
    indented = "-   id: WT-2026-001\n    text: 甲"
    assert with_entry(indented, ENTRY) == indented + "\n" + (
        '-   id: WT-2026-003\n    project: GRID-2026-003\n    domain: grid\n    text: "物业: 阻挠"\n'
        "    raised: 2026-11-30\n    by: gdgs\n    unit: qzj\n    deadline: 2026-12-15\n"
        "    resolved: null\n"
    )
    flow = "- {id: WT-2026-001, text: 甲}\n"
    assert with_entry(flow, ENTRY) == flow + (
        '- {id: WT-2026-003, project: GRID-2026-003, domain: grid, text: "物业: 阻挠", '
        "raised: 2026-11-30, by: gdgs, unit: qzj, deadline: 2026-12-15, resolved: null}\n"
    )
    assert with_entry("", ENTRY) == with_entry("[]\n", ENTRY)
    assert yaml.safe_load(with_entry("", ENTRY) or "")[0]["text"] == "物业: 阻挠"
    assert with_entry("problems:\n  - id: x\n", ENTRY) is None


def test_the_next_id_follows_the_highest_of_the_year() -> None:
    assert next_id({"WT-2026-001", "WT-2026-017", "WT-2025-040"}, 2026) == "WT-2026-018"
    assert next_id(set(), 2027) == "WT-2027-001"
    assert next_id({"WT-2026-999"}, 2026) == "WT-2026-1000"


# --- dates as people type them ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "warned"),
    [
        (dt.datetime(2026, 11, 5), ""),
        (dt.datetime(2026, 11, 5, 9, 30), "去掉时间"),
        (46331, "Excel 日期序号"),
        (46331.4, "Excel 日期序号"),
        ("2026/11/5", "文本格式的日期"),
        ("2026-11-05", "文本格式的日期"),
        ("2026年11月5日", "文本格式的日期"),
        ("２０２６年１１月５日", "文本格式的日期"),
        (" 2026.11.5 ", "文本格式的日期"),
    ],
)
def test_dates_are_read_as_people_type_them(typed: Any, warned: str) -> None:
    from openpyxl import Workbook

    sheet = Workbook().active
    assert sheet is not None
    sheet["G2"] = typed
    reading = Reading()
    day = read_date(sheet, "G2", Place("f.xlsx", "待解决问题"), reading)
    assert day == dt.date(2026, 11, 5)
    assert not reading.errors
    if warned:
        assert len(reading.warnings) == 1 and warned in reading.warnings[0]
        assert reading.warnings[0].startswith("f.xlsx 待解决问题!G2：")
    else:
        assert not reading.warnings


@pytest.mark.parametrize("typed", ["2026/2/30", "十一月五日", True, 99_999_999, "46331"])
def test_what_is_not_a_date_is_an_error_at_its_cell(typed: Any) -> None:
    from openpyxl import Workbook

    sheet = Workbook().active
    assert sheet is not None
    sheet["G2"] = typed
    reading = Reading()
    assert read_date(sheet, "G2", Place("f.xlsx", "待解决问题"), reading) is None
    assert reading.errors and reading.errors[0].startswith("f.xlsx 待解决问题!G2：")


# --- names where codes belong -----------------------------------------------------------------

NAMES = {"qzj": "区住建局", "fgj": "区发改局（能源局）", "gh": "古槐街道"}


@pytest.mark.parametrize(
    ("typed", "code", "warned"),
    [
        ("区住建局", "qzj", ""),
        (" 区住建局", "qzj", "名称中的空格或全角字符不同"),
        ("区发改局(能源局)", "fgj", "名称中的空格或全角字符不同"),
        ("QZJ", "qzj", "代码改为名称"),
        ("区住房局", None, "是否想写“区住建局”"),
        ("无关单位", None, "都不存在；"),
    ],
)
def test_a_unit_is_chosen_by_its_name(typed: str, code: str | None, warned: str) -> None:
    reading = Reading()
    place = Place("f.xlsx", "新增问题", "D2")
    assert code_of(typed, NAMES, place, "unit", reading) == code
    said = reading.warnings if code else reading.errors
    assert (warned in said[0]) if warned else not said
    assert all(s.startswith("f.xlsx 新增问题!D2：") for s in said)


def test_two_forms_with_different_dates_for_one_problem_are_refused(
    sample_copy: Path, tmp_path: Path
) -> None:
    ledger_file = sample_copy / LEDGER
    text = ledger_file.read_text("utf-8")
    entry = text.index("- id: WT-2026-004")
    raised_by = text.index("  by: gdgs\n", entry)  # raised by 铁塔 instead: on both its forms
    ledger_file.write_text(text[:raised_by] + "  by: tt\n" + text[raised_by + 11 :], "utf-8")
    forms_files(sample_copy, MONTH, tmp_path / "forms")
    paths = []
    for owner, day in (("区供电公司", 5), ("铁塔公司任城分公司", 6)):
        path = tmp_path / "forms" / f"{MONTH}-{owner}-项目进度.xlsx"
        book = load_workbook(path)
        book[OPEN.sheet][f"G{open_rows(book)['WT-2026-004']}"] = dt.datetime(2026, 11, day)
        book.save(path)
        paths.append(path)
    before = snapshot(sample_copy)
    result = run(sample_copy, *paths)
    assert result.exit_code == 1, result.output
    assert "问题 WT-2026-004 的办结日期在“" in result.stderr
    assert "中是 2026-11-05，这里是 2026-11-06" in result.stderr
    assert snapshot(sample_copy) == before


# --- a problem row carries its id (issue 26, finding 5) ---------------------------------------


def new_rows(*rows: tuple[str, str]) -> Callable[[Any], None]:
    """Fill the new problems sheet's rows from 2: (text, deadline) each, on the project of the
    owner sheet's row 6, 区住建局 responsible."""

    def edit(book: Any) -> None:
        sheet = book[NEW.sheet]
        for row, (text, deadline) in enumerate(rows, start=layout.FIRST_ROW):
            sheet[f"B{row}"] = book["项目进度"]["B6"].value
            sheet[f"C{row}"] = text
            sheet[f"D{row}"] = "区住建局"
            sheet[f"E{row}"] = deadline

    return edit


FIRST = "变电站进线走廊涉及林地，需办理使用林地手续"
SECOND = "线路跨越铁路需铁路部门审批"


def reword(data: Path, old: str, new: str) -> None:
    """The office rewords a problem's text in the ledger, by hand."""
    path = data / LEDGER
    text = path.read_text("utf-8")
    assert text.count(f"text: {old}\n") == 1
    path.write_text(text.replace(f"text: {old}\n", f"text: {new}\n"), "utf-8")


def test_a_new_problem_reworded_by_the_office_is_not_added_again(
    sample_copy: Path, form: Callable[..., Path]
) -> None:
    path = form(new_rows((FIRST, "2026/12/15")))
    first = run(sample_copy, path)
    assert first.exit_code == 0, first.output
    new_id = next_id({e["id"] for e in ledger(SAMPLE)}, 2026)
    assert f"新增问题 {new_id}：{FIRST}" in first.stdout
    reword(sample_copy, FIRST, "变电站进线走廊占用林地，需区住建局协调办理林地使用手续")
    before = snapshot(sample_copy)
    again = run(sample_copy, path)
    assert again.exit_code == 0, again.output
    assert "没有需要写入的变化" in again.stderr and "新增问题" not in again.stdout
    assert snapshot(sample_copy) == before
    assert [e["id"] for e in ledger(sample_copy)].count(new_id) == 1


def test_a_genuinely_new_second_row_is_still_added_after_the_first_was_reworded(
    sample_copy: Path, form: Callable[..., Path]
) -> None:
    first = run(sample_copy, form(new_rows((FIRST, "2026/12/15"))))
    assert first.exit_code == 0, first.output
    first_id = next_id({e["id"] for e in ledger(SAMPLE)}, 2026)
    reword(sample_copy, FIRST, "变电站进线走廊占用林地")
    corrected = form(new_rows((FIRST, "2026/12/15"), (SECOND, "2026/12/20")), name="更正.xlsx")
    again = run(sample_copy, corrected)
    assert again.exit_code == 0, again.output
    second_id = next_id({first_id}, 2026)
    assert f"新增问题 {second_id}：{SECOND}" in again.stdout
    assert f"新增问题 {first_id}" not in again.stdout and again.stdout.count("新增问题") == 1
    texts = {e["id"]: e["text"] for e in ledger(sample_copy)}
    assert texts[first_id] == "变电站进线走廊占用林地" and texts[second_id] == SECOND
    assert CliRunner().invoke(app, ["--data", str(sample_copy), "validate"]).exit_code == 0


def test_two_new_rows_on_one_project_each_find_their_own_problem_again(
    sample_copy: Path, form: Callable[..., Path]
) -> None:
    path = form(new_rows((FIRST, "2026/12/15"), (SECOND, "2026/12/15")))
    assert run(sample_copy, path).exit_code == 0
    reword(sample_copy, SECOND, "线路跨越铁路，需铁路部门审批")  # the second row's problem only
    before = snapshot(sample_copy)
    again = run(sample_copy, path)
    assert again.exit_code == 0, again.output
    assert "没有需要写入的变化" in again.stderr
    assert snapshot(sample_copy) == before


def test_a_date_solved_goes_to_its_problem_by_id_after_the_office_reworded_it(
    sample_copy: Path, form: Callable[..., Path]
) -> None:
    chosen: dict[str, Any] = {}

    def solve(book: Any) -> None:
        problem, row = early_problem(sample_copy, book)
        chosen["problem"], chosen["row"] = problem, row
        chosen["text"] = book[OPEN.sheet][f"C{row}"].value
        book[OPEN.sheet][f"G{row}"] = dt.datetime(2026, 11, 5)

    path = form(solve)  # made and filled before the office edits the ledger
    reword(sample_copy, chosen["text"], "（办公室改写）" + chosen["text"])
    result = run(sample_copy, path)
    assert result.exit_code == 0, result.output
    assert f"{path} {OPEN.sheet}!C{chosen['row']}：表中预填的问题是“" in result.stderr
    assert f"办公室修改了问题 {chosen['problem']}，按问题编号读入" in result.stderr
    entry = next(e for e in ledger(sample_copy) if e["id"] == chosen["problem"])
    assert entry["resolved"] == dt.date(2026, 11, 5)
    assert entry["text"] == "（办公室改写）" + chosen["text"]
