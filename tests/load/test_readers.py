"""The readers alone: where yamldoc and csvtable say each value stands, and how they fail."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter

from xjj_cli.diagnostics import ProblemLog
from xjj_cli.load import yamldoc
from xjj_cli.load.csvtable import CsvTable, decode_csv, parse_count, read_csv
from xjj_cli.load.records import DISTRICT_ADAPTER, PROJECT_ADAPTER
from xjj_cli.load.schema import check_record
from xjj_cli.load.yamldoc import YamlDoc, YamlPath, decode_yaml, parse_yaml
from xjj_cli.model import District, Project

HEADER = ["town", "metric", "target", "completed"]


def parse(text: str) -> tuple[YamlDoc | None, ProblemLog]:
    log = ProblemLog()
    return parse_yaml(text, "f.yaml", log), log


def codes(log: ProblemLog) -> list[tuple[int, int, str]]:
    return [(p.location.line, p.location.column, p.code) for p in log.problems]


# --- yamldoc: marks ---------------------------------------------------------------------

PROJECT = """\
id: 5G-2026-001
owner: 0012
towns: [ly, eslp]
milestones:
  - name: 完成选址
    due: 2026-04-30
  - {name: 设备安装, due: 2026-09-30}
"""


def _where(doc: YamlDoc, path: YamlPath, *, key: bool = False) -> tuple[int, int]:
    location = doc.at(path, key=key)
    return location.line, location.column


def test_marks_of_keys_values_and_items() -> None:
    doc, log = parse(PROJECT)
    assert doc is not None and not log.problems
    assert _where(doc, ("owner",), key=True) == (2, 1)
    assert _where(doc, ("owner",)) == (2, 8)
    assert _where(doc, ("towns",)) == (3, 8)
    assert _where(doc, ("towns", 0)) == (3, 9)
    assert _where(doc, ("towns", 1)) == (3, 13)
    assert _where(doc, ("milestones", 0)) == (5, 5)
    assert _where(doc, ("milestones", 0, "due"), key=True) == (6, 5)
    assert _where(doc, ("milestones", 0, "due")) == (6, 10)
    assert _where(doc, ("milestones", 1, "due")) == (7, 23)  # columns count characters


def test_locations_survive_pickling_by_reading_the_file_again(tmp_path: Path) -> None:
    source = tmp_path / "p.yaml"
    source.write_text(PROJECT, encoding="utf-8")
    log = ProblemLog()
    doc = parse_yaml(PROJECT, "f.yaml", log, str(source))
    assert doc is not None
    copy = pickle.loads(pickle.dumps(doc))
    assert copy.root is None and copy.data == doc.data
    assert _where(copy, ("milestones", 1, "due")) == (7, 23)
    assert copy.source_text(("owner",)) == "0012"


def test_at_falls_back_to_the_nearest_parent() -> None:
    doc, _ = parse(PROJECT)
    assert doc is not None
    where = doc.at(("milestones", 1, "done"))
    assert (where.file, where.line, where.column) == ("f.yaml", 7, 5)
    assert doc.at(("owner",), key=True).column == 1


def test_source_text_is_kept_for_a_code_read_as_a_number() -> None:
    doc, _ = parse(PROJECT)
    assert doc is not None
    assert doc.data["owner"] == 10  # YAML 1.1 octal: exactly the trap
    assert doc.source_text(("owner",)) == "0012"
    assert doc.source_text(("id",)) is None  # strings need no source text


def test_keys_keep_their_text() -> None:
    doc, _ = parse("plan:\n  2026-06: 30\n  01: 5\n  no: 1\n")
    assert doc is not None
    assert list(doc.data["plan"]) == ["2026-06", "01", "no"]


def test_duplicate_key_names_the_first_line() -> None:
    doc, log = parse("a: 1\nb: 2\na: 3\n")
    assert codes(log) == [(3, 1, "yaml.duplicate_key")]
    assert "第 1 行" in log.problems[0].message
    assert doc is not None and doc.data == {"a": 1, "b": 2}


def test_impossible_date_is_located_and_marked_broken() -> None:
    doc, log = parse("start: 2026-02-30\n")
    assert codes(log) == [(1, 8, "yaml.invalid_date")]
    assert doc is not None and ("start",) in doc.broken


# --- yamldoc: hostile input -------------------------------------------------------------


def billion_laughs(levels: int = 10) -> str:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, levels):
        refs = ", ".join([f"*a{i - 1}"] * 10)
        lines.append(f"a{i}: &a{i} [{refs}]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_stops_with_too_large() -> None:
    doc, log = parse(billion_laughs())
    assert doc is None
    assert [p.code for p in log.problems] == ["yaml.too_large"]


@pytest.mark.parametrize("depth", [yamldoc.MAX_DEPTH + 5, 5_000, 200_000])
def test_deep_flow_nesting_is_an_error_not_a_crash(depth: int) -> None:
    doc, log = parse("[" * depth + "]" * depth)
    assert doc is None
    assert [p.code for p in log.problems] == ["yaml.too_deep"]


def test_deep_block_nesting_is_an_error_not_a_crash() -> None:
    text = "".join(f"{' ' * i}k:\n" for i in range(3_000))
    doc, log = parse(text)
    assert doc is None
    assert [p.code for p in log.problems] == ["yaml.too_deep"]


def test_control_character_is_located_in_characters_not_bytes() -> None:
    doc, log = parse("名称: 长沟镇\nb: 坏\x00了\n")
    assert doc is None
    assert codes(log) == [(2, 5, "yaml.syntax")]
    assert "控制字符" in log.problems[0].message


def test_tags_outside_the_safe_set_are_refused() -> None:
    doc, log = parse("a: !!python/name:os.system\nb: !!binary aGk=\nc: !!set {x}\n")
    assert [(line, code) for line, _, code in codes(log)] == [
        (1, "yaml.tag"),
        (2, "yaml.tag"),
        (3, "yaml.tag"),
    ]
    assert doc is not None and doc.data == {"a": None, "b": None, "c": None}
    assert {("a",), ("b",), ("c",)} <= doc.broken


def test_decode_yaml_accepts_a_bom_and_names_utf16() -> None:
    log = ProblemLog()
    assert decode_yaml("\ufeffa: 1\n".encode(), "f.yaml", log) == "a: 1\n"
    assert decode_yaml("a: 李营\n".encode("utf-16"), "f.yaml", log) is None
    assert [p.code for p in log.problems] == ["encoding.yaml"]
    assert "UTF-16" in log.problems[0].message


# --- csvtable ---------------------------------------------------------------------------


def table(text: str, header: list[str] = HEADER) -> tuple[CsvTable | None, ProblemLog]:
    log = ProblemLog()
    return read_csv(text, "t.csv", header, log), log


def test_column_of_every_cell() -> None:
    found, log = table("town,metric,target,completed\nly,5g.stations,40,34\n")
    assert found is not None and not log.problems
    row = found.rows[0]
    assert row.line == 2
    assert row.columns == {"town": 1, "metric": 4, "target": 16, "completed": 19}


def test_quoted_cell_with_a_comma_keeps_later_columns_right() -> None:
    found, _ = table('town,metric,target,completed\nly,"5g,stations",40,34\n')
    assert found is not None
    row = found.rows[0]
    assert row.cells["metric"] == "5g,stations"
    assert (row.columns["target"], row.columns["completed"]) == (18, 21)


def test_doubled_quotes_inside_a_quoted_cell() -> None:
    found, _ = table('town,metric,target,completed\nly,"a""b,c",1,2\n')
    assert found is not None
    assert found.rows[0].cells["metric"] == 'a"b,c'
    assert found.rows[0].columns["target"] == 13


def test_header_in_another_order_maps_cells_by_name() -> None:
    found, _ = table("completed,town,target,metric\n34,ly,40,5g.stations\n")
    assert found is not None
    assert found.rows[0].cells["town"] == "ly"
    assert found.rows[0].columns["town"] == 4


def test_blank_rows_are_skipped_and_lines_still_count() -> None:
    found, _ = table("town,metric,target,completed\r\n\r\n,,,\r\nly,m,1,2\r\n")
    assert found is not None
    assert [row.line for row in found.rows] == [4]


def test_row_after_a_multiline_cell_has_its_own_line() -> None:
    found, _ = table('town,metric,target,completed\nly,"a\nb",1,2\ncg,m,3,4\n')
    assert found is not None
    assert [row.line for row in found.rows] == [2, 4]


def test_ragged_row_is_located_and_the_table_is_not_whole() -> None:
    found, log = table("town,metric,target,completed\nly,m,1,2,\ncg,m,3,4\n")
    assert codes(log) == [(2, 1, "csv.row_length")]
    assert found is not None and not found.whole
    assert [row.cells["town"] for row in found.rows] == ["cg"]


def test_nul_byte_is_located() -> None:
    _, log = table("town,metric,target,completed\nly,m,1,2\ncg,m\x00,3,4\n")
    assert codes(log) == [(3, 5, "csv.nul")]


def test_decode_csv_encodings() -> None:
    log = ProblemLog()
    text = "code,name,kind\nly,李营街道,街道\n"
    assert decode_csv(("\ufeff" + text).encode(), "t.csv", log) == text
    assert not log.problems
    assert decode_csv(text.encode("gb18030"), "t.csv", log) == text
    assert [p.code for p in log.warnings] == ["encoding.gb18030"]
    assert decode_csv(text.encode("utf-16"), "t.csv", log) is None
    assert decode_csv(b"code,name,kind\nly,\xff\n", "t.csv", log) is None
    assert [(p.location.line, p.location.column, p.code) for p in log.errors] == [
        (1, 1, "encoding.utf16"),
        (2, 4, "encoding.unknown"),
    ]


@pytest.mark.parametrize(
    ("raw", "value", "code"),
    [
        ("34", 34, None),
        ("007", 7, None),
        ("12.5", None, "csv.integer"),
        ("1,234", None, "csv.integer"),
        ("-1", None, "csv.integer"),
        ("１２", None, "value.fullwidth"),  # full-width digits: say to type them half-width
    ],
)
def test_parse_count(raw: str, value: int | None, code: str | None) -> None:
    found, _ = table(f'town,metric,target,completed\nly,m,1,"{raw}"\n')
    assert found is not None
    log = ProblemLog()
    assert parse_count(found.rows[0], "completed", "t.csv", log) == value
    assert [p.code for p in log.problems] == ([code] if code else [])


def test_parse_count_empty_cell_is_required() -> None:
    found, _ = table("town,metric,target,completed\nly,m,1,\n")
    assert found is not None
    log = ProblemLog()
    assert parse_count(found.rows[0], "completed", "t.csv", log) is None
    assert [p.code for p in log.problems] == ["csv.required"]


# --- schema: pydantic errors as problems ------------------------------------------------


def check(text: str, adapter: TypeAdapter[Any], model: type) -> ProblemLog:
    doc, log = parse(text)
    assert doc is not None
    check_record(adapter, model, doc, log)
    return log


def test_choice_and_bound_read_as_people_write_them() -> None:
    log = check(
        "district: 任城区\ncity: 济宁市\noffice: 办公室\nyear: 2026\n"
        "rules: {bottom_ties: both, yellow_lag: 120}\n",
        DISTRICT_ADAPTER,
        District,
    )
    messages = {p.code: p.message for p in log.problems}
    assert "include、exclude" in messages["value.choice"]
    assert messages["value.range"].endswith("不能大于 100")


def test_bad_plan_month_key_is_located_on_the_key() -> None:
    text = (
        "id: P-1\nname: 项目\ndomain: 5g\nowner: tt\nstart: 2026-05-01\nend: 2026-11-30\n"
        "investment: {total: 1, year: 1}\nplan:\n  2026-6: 30\n"
    )
    log = check(text, PROJECT_ADAPTER, Project)
    assert codes(log) == [(9, 3, "value.month")]
    assert "“plan”" in log.problems[0].message and "“2026-6”" in log.problems[0].message
