"""The fill-in workbook contract in code (CONTRACT12.md): columns, names and the checksum."""

from __future__ import annotations

import hashlib
import json

from xjj_cli.forms import layout


def test_the_town_form_has_the_contract_columns() -> None:
    headings = [layout.TOWN.heading(c.key) for c in layout.TOWN.columns]
    letters = [c.letter for c in layout.TOWN.columns]
    assert letters == list("ABCDEFGH")
    assert headings[5] == "本月累计（请填写）"
    assert [c.letter for c in layout.TOWN.columns if c.hidden] == ["G", "H"]
    assert [c.letter for c in layout.TOWN.columns if c.to_fill] == ["F"]
    assert layout.TOWN.sheet == "月度数据"


def test_the_owner_form_has_the_contract_columns() -> None:
    assert [c.letter for c in layout.OWNER.columns] == list("ABCDEFGHI")
    assert [c.letter for c in layout.OWNER.columns if c.to_fill] == ["F", "G", "H"]
    assert [c.letter for c in layout.OWNER.columns if c.hidden] == ["I"]
    assert layout.OWNER.heading("last_percent") == "上月进度（%）"
    assert layout.OWNER.sheet == "项目进度"


def test_file_names() -> None:
    assert layout.TOWN.file_name("2026-11", "安居街道") == "2026-11-安居街道-月度数据.xlsx"
    assert layout.OWNER.file_name("2026-11", "区工信局") == "2026-11-区工信局-项目进度.xlsx"


def test_prefilled_refs_are_headings_then_locked_cells_row_by_row() -> None:
    refs = layout.TOWN.prefilled_refs(2)
    assert refs[:8] == [f"{c}1" for c in "ABCDEFGH"]
    assert refs[8:] == [f"{c}2" for c in "ABCDEGH"] + [f"{c}3" for c in "ABCDEGH"]


def test_checksum_is_sha256_of_the_compact_json_list() -> None:
    cells = [("A1", "镇街"), ("D2", 120), ("E2", None), ("E3", 12.0)]
    text = '[["A1","镇街"],["D2","120"],["E2",""],["E3","12"]]'
    assert layout.checksum(cells) == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert json.loads(text)[0][1] == "镇街"


def test_checksum_changes_when_a_cell_moves_or_changes() -> None:
    cells = [("D2", 120), ("D3", 80)]
    assert layout.checksum(cells) != layout.checksum([("D2", 121), ("D3", 80)])
    assert layout.checksum(cells) != layout.checksum([("D3", 120), ("D4", 80)])


def test_every_sheet_s_shown_columns_fit_the_printed_width() -> None:
    for form in (*layout.FORMS.values(), *layout.PROBLEM_SHEETS):
        shown = sum(c.width for c in form.columns if not c.hidden)
        assert shown <= layout.PRINT_WIDTH, (form.sheet, shown)
