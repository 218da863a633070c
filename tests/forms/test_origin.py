"""Issue 22, finding 5: a form is tied to the repository that made it.

Every prefilled value of a form is compared at import with what the repository prefills now
(a mismatch names the cell, the form's value and the repository's, and says to make the forms
again); with a key set up outside the repository (``XJJ_FORM_KEY`` or the user's
``$XDG_CONFIG_HOME/xjj/form-key``) forms are signed and an unsigned, tampered or otherwise
signed form is refused; the key is never shown.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from conftest import copy_sample
from xjj_cli.cli import app
from xjj_cli.commands.forms import forms_files
from xjj_cli.forms import layout

MONTH = "2026-11"
TOWN_FORM = f"{MONTH}-古槐街道-月度数据.xlsx"  # gh
OWNER_FORM = f"{MONTH}-区供电公司-项目进度.xlsx"  # gdgs: GRID-2026-003 on row 6
KEY = "office-key-6b1f0d9e4c2a7358"
OTHER_KEY = "someone-else-0123456789abcdef"
EditBook = Callable[[Any], None]


@pytest.fixture(scope="module")
def blank_forms(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample's blank forms for 2026-11, unsigned, made once."""
    root = tmp_path_factory.mktemp("forms")
    forms_files(copy_sample(root), MONTH, root / "blank")
    return root / "blank"


def run(data: Path, *args: str | Path) -> Any:
    return CliRunner().invoke(app, ["--data", str(data), *map(str, args)])


def snapshot(data: Path) -> dict[str, bytes]:
    return {p.relative_to(data).as_posix(): p.read_bytes() for p in data.rglob("*") if p.is_file()}


def edited(source: Path, target: Path, *edits: EditBook) -> Path:
    """A copy of the form ``source`` at ``target``, changed by ``edits`` in turn."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(source, target)
    if edits:
        book = load_workbook(target)
        for edit in edits:
            edit(book)
        book.save(target)
    return target


def meta_of(book: Any) -> dict[str, str]:
    sheet = book[layout.META_SHEET]
    return {
        str(sheet[f"A{r}"].value): str(sheet[f"B{r}"].value)
        for r in range(1, 20)
        if sheet[f"A{r}"].value
    }


def reseal(book: Any) -> None:
    """Recompute the hidden sheet's plain checksum, as anyone can."""
    meta = meta_of(book)
    form = layout.FORMS[meta["form"]]
    counts = layout.meta_counts(form, meta)
    refs = layout.checked_refs(form, int(meta["rows"]), counts)
    book[layout.META_SHEET]["B7"] = layout.checksum_of(
        form, ((s, r, book[s][r].value) for s, r in refs)
    )


def fill_town(book: Any) -> None:
    """This month's figure on every row: last month's plus one."""
    sheet = book[layout.TOWN.sheet]
    for row in range(layout.FIRST_ROW, sheet.max_row + 1):
        sheet[f"F{row}"] = int(sheet[f"E{row}"].value) + 1


def fill_owner(book: Any) -> None:
    sheet = book[layout.OWNER.sheet]
    sheet["F6"], sheet["G6"] = 48, 4530


def claim(unit: str) -> EditBook:
    """Make the form say it is ``unit``'s: the hidden sheet's unit and the hidden code column."""

    def edit(book: Any) -> None:
        book[layout.META_SHEET]["B4"] = unit
        form = layout.FORMS[meta_of(book)["form"]]
        sheet = book[form.sheet]
        column = form.letter("town" if form is layout.TOWN else "owner")
        for row in range(layout.FIRST_ROW, sheet.max_row + 1):
            sheet[f"{column}{row}"] = unit

    return edit


def row_of(path: Path, metric: str) -> int:
    sheet = load_workbook(path)[layout.TOWN.sheet]
    return next(r for r in range(2, sheet.max_row + 1) if sheet[f"H{r}"].value == metric)


def row2(**cells: str | int) -> EditBook:
    """Type ``cells`` (column letter: value) into the town form's second row."""

    def edit(book: Any) -> None:
        for column, value in cells.items():
            book[layout.TOWN.sheet][f"{column}2"] = value

    return edit


def assert_refused(result: Any, before: dict[str, bytes], data: Path, *texts: str) -> None:
    assert result.exit_code == 1, result.output
    for text in texts:
        assert text in result.stderr, result.stderr
    assert "Traceback" not in result.output
    assert snapshot(data) == before


# --- (a) every prefilled value against the repository ---------------------------------------


def test_a_town_form_edited_to_claim_another_town_is_refused_at_the_cell(
    sample_copy: Path, blank_forms: Path, tmp_path: Path
) -> None:
    path = edited(
        blank_forms / TOWN_FORM, tmp_path / "in" / "f.xlsx", fill_town, claim("jy"), reseal
    )
    before = snapshot(sample_copy)
    result = run(sample_copy, "import", path)
    assert_refused(
        result,
        before,
        sample_copy,
        f"{path} 月度数据!A2：表中预填的镇街是“古槐街道”，数据仓库中现为“济阳街道”"
        "（济阳街道，2026年11月）；表格生成后数据已变更，或这张表不是用本数据仓库生成的；"
        "请用 xjj forms 重新生成填报表后重新填写",
        f"{path} 月度数据!D2：表中预填的年度目标是“42”，数据仓库中现为“48”",
    )


def test_a_form_made_by_another_repository_names_the_target_cell_and_both_values(
    sample_copy: Path, tmp_path: Path
) -> None:
    other = copy_sample(tmp_path / "other")
    figures = other / "towns" / "progress" / "2026-10.csv"
    figures.write_text(
        figures.read_text("utf-8").replace("gh,5g.stations,42,39", "gh,5g.stations,50,39"), "utf-8"
    )
    forms_files(other, MONTH, tmp_path / "made")
    path = edited(tmp_path / "made" / TOWN_FORM, tmp_path / "in" / TOWN_FORM, fill_town)
    row = row_of(path, "5g.stations")
    before = snapshot(sample_copy)
    result = run(sample_copy, "import", path)
    assert_refused(
        result,
        before,
        sample_copy,
        f"{path} 月度数据!D{row}：表中预填的年度目标是“50”，数据仓库中现为“42”（古槐街道，2026年11月）",
    )
    assert result.stderr.count("表中预填") == 1  # only the target differs


def test_a_target_corrected_after_the_forms_were_made_refuses_them(
    sample_copy: Path, blank_forms: Path, tmp_path: Path
) -> None:
    figures = sample_copy / "towns" / "progress" / "2026-10.csv"
    figures.write_text(
        figures.read_text("utf-8").replace("gh,charging.piles,80,72", "gh,charging.piles,90,72"),
        "utf-8",
    )
    path = edited(blank_forms / TOWN_FORM, tmp_path / "in" / TOWN_FORM, fill_town)
    row = row_of(path, "charging.piles")
    before = snapshot(sample_copy)
    assert_refused(
        run(sample_copy, "import", path),
        before,
        sample_copy,
        f"月度数据!D{row}：表中预填的年度目标是“80”，数据仓库中现为“90”",
        "表格生成后数据已变更",
    )


def test_an_owner_form_after_last_months_figure_was_corrected_is_refused(
    sample_copy: Path, blank_forms: Path, tmp_path: Path
) -> None:
    project = sample_copy / "projects" / "grid" / "GRID-2026-003.yaml"
    text = project.read_text("utf-8")
    project.write_text(text.replace("percent: 43\n", "percent: 44\n"), "utf-8")
    path = edited(blank_forms / OWNER_FORM, tmp_path / "in" / OWNER_FORM, fill_owner)
    before = snapshot(sample_copy)
    assert_refused(
        run(sample_copy, "import", path),
        before,
        sample_copy,
        f"{path} 项目进度!D6：表中预填的上月进度（%）是“43”，数据仓库中现为“44”（区供电公司，2026年11月）",
    )


def test_an_owner_form_claiming_another_unit_is_refused(
    sample_copy: Path, blank_forms: Path, tmp_path: Path
) -> None:
    path = edited(
        blank_forms / OWNER_FORM, tmp_path / "in" / "f.xlsx", fill_owner, claim("tt"), reseal
    )
    before = snapshot(sample_copy)
    result = run(sample_copy, "import", path)
    assert_refused(
        result,
        before,
        sample_copy,
        f"{path} 项目进度!A6：表中的项目编号“GRID-2026-003”不在数据仓库中"
        "铁塔公司任城分公司2026年11月的填报范围内",
        f"{path} 项目进度：数据仓库中铁塔公司任城分公司2026年11月还应填报“",
    )


def test_an_open_problem_reworded_since_the_form_was_made_is_read_by_its_id(
    sample_copy: Path, blank_forms: Path, tmp_path: Path
) -> None:
    """A problem's row is keyed by its id (issue 26): the office rewording the problem in
    the ledger is said at the cell, with both values, and the form is still imported."""
    ledger = sample_copy / "problems" / "2026.yaml"
    ledger.write_text(
        ledger.read_text("utf-8").replace("text: 建设用地指标未落实", "text: 建设用地指标仍未落实"),
        "utf-8",
    )
    path = edited(blank_forms / OWNER_FORM, tmp_path / "in" / OWNER_FORM)
    sheet = load_workbook(path)[layout.OPEN_PROBLEMS.sheet]
    row = next(r for r in range(2, sheet.max_row + 1) if sheet[f"A{r}"].value == "WT-2026-004")
    result = run(sample_copy, "import", path)
    assert result.exit_code == 0, result.output
    assert (
        f"{path} {layout.OPEN_PROBLEMS.sheet}!C{row}：表中预填的问题是“建设用地指标未落实”，"
        "数据仓库中现为“建设用地指标仍未落实”"
    ) in result.stderr
    assert "办公室修改了问题 WT-2026-004，按问题编号读入" in result.stderr


def test_a_form_imported_again_after_its_date_solved_was_written_is_harmless(
    sample_copy: Path, blank_forms: Path, tmp_path: Path
) -> None:
    def solve_and_raise(book: Any) -> None:
        fill_owner(book)
        opened = book[layout.OPEN_PROBLEMS.sheet]
        row = next(
            r for r in range(2, opened.max_row + 1) if opened[f"A{r}"].value == "WT-2026-004"
        )
        opened[f"G{row}"] = dt.date(2026, 11, 20)  # no longer open at November's end
        new = book[layout.NEW_PROBLEMS.sheet]
        new["B2"], new["C2"], new["D2"] = book[layout.OWNER.sheet]["B6"].value, "新问题", "区住建局"
        new["E2"] = dt.date(2026, 12, 20)

    path = edited(blank_forms / OWNER_FORM, tmp_path / "in" / OWNER_FORM, solve_and_raise)
    first = run(sample_copy, "import", path)
    assert first.exit_code == 0, first.output
    assert "办结日期" in first.stdout and "新增问题" in first.stdout
    again = run(sample_copy, "import", path)
    assert again.exit_code == 0, again.output
    assert "没有需要写入的变化" in again.stderr


def test_a_prefilled_number_retyped_as_text_is_refused_at_its_cell(
    sample_copy: Path, blank_forms: Path, tmp_path: Path
) -> None:
    """The checksum, the signature and the comparison all see a cell's text: the target 42
    typed as "42" passed them, was read as no target and written as 0 in the month's file."""
    path = edited(blank_forms / TOWN_FORM, tmp_path / "t.xlsx", fill_town, row2(D="42"), reseal)
    before = snapshot(sample_copy)
    result = run(sample_copy, "import", path)
    assert_refused(result, before, sample_copy, f"{path} 月度数据!D2")


def test_the_origin_check_quotes_a_cell_short_and_escaped(
    sample_copy: Path, blank_forms: Path, tmp_path: Path
) -> None:
    value = "古槐街道\r" + "伪" * 300
    path = edited(blank_forms / TOWN_FORM, tmp_path / "t.xlsx", fill_town, row2(A=value), reseal)
    result = run(sample_copy, "import", path)
    assert result.exit_code == 1, result.output
    assert f"{path} 月度数据!A2" in result.stderr
    assert "\r" not in result.stderr
    assert "古槐街道\\r伪" in result.stderr
    assert "伪" * 100 not in result.stderr


# --- (b) the signature ------------------------------------------------------------------------


def made(repo: Path, out: Path) -> Any:
    result = run(repo, "forms", "--month", MONTH, "--out", out)
    assert result.exit_code == 0, result.output
    return result


def no_key_anywhere(*texts: str, folder: Path | None = None) -> None:
    for key in (KEY, OTHER_KEY):
        for text in texts:
            assert key not in text
        if folder is not None:
            for path in folder.rglob("*"):
                if path.is_file():
                    assert key.encode() not in path.read_bytes(), path


def test_a_signed_form_imports_with_the_key(
    sample_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XJJ_FORM_KEY", KEY)
    result = made(sample_copy, tmp_path / "made")
    assert "填报表已用签名密钥（环境变量 XJJ_FORM_KEY）签名" in result.stderr
    assert layout.SIGNATURE_KEY in meta_of(load_workbook(tmp_path / "made" / TOWN_FORM))
    town = edited(tmp_path / "made" / TOWN_FORM, tmp_path / "in" / TOWN_FORM, fill_town)
    owner = edited(tmp_path / "made" / OWNER_FORM, tmp_path / "in" / OWNER_FORM, fill_owner)
    imported = run(sample_copy, "import", town, owner)
    assert imported.exit_code == 0, imported.output
    no_key_anywhere(result.output, imported.output, folder=tmp_path)


def test_a_signed_form_tampered_with_its_checksum_recomputed_is_refused(
    sample_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XJJ_FORM_KEY", KEY)
    made(sample_copy, tmp_path / "made")

    def tamper(book: Any) -> None:
        book[layout.TOWN.sheet]["E2"] = 0  # last month's figure lowered: any figure passes

    path = edited(tmp_path / "made" / TOWN_FORM, tmp_path / "in" / "f.xlsx", tamper, reseal)
    before = snapshot(sample_copy)
    result = run(sample_copy, "import", path)
    assert_refused(result, before, sample_copy, f"{path}：签名不符")
    assert "表中预填" not in result.stderr  # the signature is checked first, and alone
    no_key_anywhere(result.output)


def test_an_unsigned_form_is_refused_when_a_key_is_set_up(
    sample_copy: Path, blank_forms: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XJJ_FORM_KEY", KEY)
    path = edited(blank_forms / TOWN_FORM, tmp_path / "in" / TOWN_FORM, fill_town)
    before = snapshot(sample_copy)
    result = run(sample_copy, "import", path)
    assert_refused(
        result,
        before,
        sample_copy,
        f"{path}：这张表没有签名，而本机设置了填报表签名密钥（环境变量 XJJ_FORM_KEY）",
    )
    no_key_anywhere(result.output)


def test_a_form_signed_with_another_key_is_refused(
    sample_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XJJ_FORM_KEY", OTHER_KEY)
    made(sample_copy, tmp_path / "made")
    path = edited(tmp_path / "made" / TOWN_FORM, tmp_path / "in" / TOWN_FORM, fill_town)
    monkeypatch.setenv("XJJ_FORM_KEY", KEY)
    before = snapshot(sample_copy)
    result = run(sample_copy, "import", path)
    assert_refused(result, before, sample_copy, f"{path}：签名不符")
    no_key_anywhere(result.output)


def test_a_signed_form_imported_without_a_key_says_its_signature_was_not_checked(
    sample_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XJJ_FORM_KEY", KEY)
    made(sample_copy, tmp_path / "made")
    monkeypatch.delenv("XJJ_FORM_KEY")
    path = edited(tmp_path / "made" / TOWN_FORM, tmp_path / "in" / TOWN_FORM, fill_town)
    result = run(sample_copy, "import", path)
    assert result.exit_code == 0, result.output
    assert f"{path}：这张表带有签名，但本机没有设置填报表签名密钥" in result.stderr


def test_without_a_key_the_forms_are_as_before(sample_copy: Path, tmp_path: Path) -> None:
    made(sample_copy, tmp_path / "a")
    book = load_workbook(tmp_path / "a" / TOWN_FORM)
    assert layout.SIGNATURE_KEY not in meta_of(book)


def key_file(config: Path, text: str) -> Path:
    path = config / "xjj" / "form-key"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def test_the_key_file_in_the_users_config_signs_and_checks(
    sample_copy: Path, blank_forms: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config"
    path = key_file(config, KEY + "\n")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    result = made(sample_copy, tmp_path / "made")
    assert f"填报表已用签名密钥（文件 {path}）签名" in result.stderr
    signed = edited(tmp_path / "made" / TOWN_FORM, tmp_path / "in" / "signed.xlsx", fill_town)
    imported = run(sample_copy, "import", signed)
    assert imported.exit_code == 0, imported.output
    unsigned = edited(blank_forms / TOWN_FORM, tmp_path / "in" / "unsigned.xlsx", fill_town)
    refused = run(sample_copy, "import", unsigned)
    assert refused.exit_code == 1 and "这张表没有签名" in refused.stderr
    no_key_anywhere(result.output, imported.output, refused.output)


def _short(path: Path) -> None:
    key_file(path.parents[1], "short")


def _folder(path: Path) -> None:
    path.mkdir(parents=True)


def _fifo(path: Path) -> None:
    path.parent.mkdir(parents=True)
    os.mkfifo(path)  # opened, it would block a reader for ever


def _not_text(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\xff\xfe" * 10)


def _too_big(path: Path) -> None:
    key_file(path.parents[1], "k" * 5000)


KEY_FILES: dict[str, tuple[Callable[[Path], None], str]] = {
    "too short": (_short, "太短，至少要 16 个字符"),
    "a folder": (_folder, "不是普通文件（是文件夹）"),
    "a fifo": (_fifo, "不是普通文件（是管道、设备等特殊文件）"),
    "not text": (_not_text, "不是 UTF-8 文本"),
    "too big": (_too_big, "超过 4096 字节"),
}


@pytest.mark.parametrize("case", list(KEY_FILES))
def test_a_bad_key_file_is_an_error_that_never_shows_the_key(
    case: str, sample_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config"
    make, text = KEY_FILES[case]
    make(config / "xjj" / "form-key")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    for command in (["forms", "--month", MONTH, "--out", str(tmp_path / "out")], ["import", "x"]):
        result = run(sample_copy, *command)
        assert result.exit_code == 1, result.output
        assert text in result.stderr, result.stderr
        assert "Traceback" not in result.output
        assert "short" not in result.output and "kkkk" not in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("where", ["data folder", "git repository"])
def test_a_key_file_inside_the_repository_is_refused(
    where: str, sample_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if where == "git repository":
        (sample_copy.parent / ".git").mkdir()
    config = (sample_copy if where == "data folder" else sample_copy.parent) / "config"
    key_file(config, KEY)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    result = run(sample_copy, "forms", "--month", MONTH, "--out", tmp_path / "out")
    assert result.exit_code == 1, result.output
    assert "密钥不能放进数据仓库" in result.stderr
    no_key_anywhere(result.output)
    assert not (tmp_path / "out").exists()


def test_a_short_key_in_the_environment_is_refused_without_showing_it(
    sample_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XJJ_FORM_KEY", "tiny-secret")
    result = run(sample_copy, "forms", "--month", MONTH, "--out", tmp_path / "out")
    assert result.exit_code == 1, result.output
    assert "填报表签名密钥（环境变量 XJJ_FORM_KEY）太短" in result.stderr
    assert "tiny-secret" not in result.output
