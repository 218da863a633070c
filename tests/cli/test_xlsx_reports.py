"""rank, colors and accountability as Excel/WPS workbooks (``--format xlsx --out FILE``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from typer.testing import CliRunner

from conftest import SAMPLE
from xjj_cli.cli import app
from xjj_cli.messages.reports import REPORT_HEADINGS
from xjj_cli.render.palette import TONES

runner = CliRunner()


def invoke(data: Path, *args: str, code: int = 0) -> tuple[str, str]:
    result = runner.invoke(app, ["--data", str(data), *args])
    assert result.exit_code == code, result.output
    return result.stdout, result.stderr


def workbook(data: Path, out: Path, *args: str) -> list[Worksheet]:
    stdout, _ = invoke(data, *args, "--format", "xlsx", "--out", str(out))
    assert stdout.strip() == str(out)
    return list(load_workbook(out).worksheets)


def heading_row(sheet: Worksheet) -> int:
    """The row of the column headings: the one above the frozen pane."""
    assert sheet.freeze_panes is not None and sheet.freeze_panes.startswith("A")
    return int(sheet.freeze_panes[1:]) - 1


def headings(sheet: Worksheet) -> list[Any]:
    return [c.value for c in sheet[heading_row(sheet)]]


def column(sheet: Worksheet, heading: str) -> list[Any]:
    """The cells of the column headed ``heading``, below the headings."""
    index = headings(sheet).index(heading) + 1
    return [
        row[0]
        for row in sheet.iter_rows(min_row=heading_row(sheet) + 1, min_col=index, max_col=index)
    ]


def fill_of(cell: Any) -> str:
    return str(cell.fill.fgColor.rgb)[-6:]


def test_rank_has_one_sheet_per_metric_with_rates_as_percent_numbers(tmp_path: Path) -> None:
    sheets = workbook(SAMPLE, tmp_path / "排名.xlsx", "rank", "--month", "2026-10")
    rankings = json.loads(invoke(SAMPLE, "rank", "--month", "2026-10", "--format", "json")[0])
    assert len(sheets) == len(rankings) > 1
    h = REPORT_HEADINGS["ranking"]
    for sheet, ranking in zip(sheets, rankings, strict=True):
        assert sheet.title in str(sheet.cell(1, 1).value)  # the sheet is named after its metric
        assert headings(sheet) == [
            h["rank"],
            h["name"],
            h["target"],
            h["completed"],
            h["rate"],
            h["color"],
            "后三名",
            h["below_district"],
            h["rank_change"],
        ]
        rates = column(sheet, h["rate"])
        assert [c.value for c in rates] == pytest.approx([r["rate"] for r in ranking["rows"]])
        assert {c.number_format for c in rates} == {"0.0%"}
        assert [c.value for c in column(sheet, h["name"])] == [r["name"] for r in ranking["rows"]]
        colours = column(sheet, h["color"])
        expected = [TONES[r["color"]].fill for r in ranking["rows"]]
        assert [fill_of(c) for c in colours] == expected
        assert [c.value for c in column(sheet, h["target"])] == [
            r["target"] for r in ranking["rows"]
        ]
        head = heading_row(sheet)
        assert sheet.auto_filter.ref == f"A{head}:I{head + len(ranking['rows'])}"
        widths = [sheet.column_dimensions[c].width for c in "ABCDEFGHI"]
        assert all(4 <= w <= 62 for w in widths), widths
        assert sheet.column_dimensions["B"].width >= 12  # the longest town name fits


def test_colors_show_planned_and_actual_as_percent_and_colours_as_fills(tmp_path: Path) -> None:
    (sheet,) = workbook(SAMPLE, tmp_path / "三色.xlsx", "colors", "--month", "2026-10")
    payload = json.loads(invoke(SAMPLE, "colors", "--month", "2026-10", "--format", "json")[0])
    h = REPORT_HEADINGS["colors"]
    assert headings(sheet) == [
        h[k]
        for k in (
            "id",
            "name",
            "owner",
            "color",
            "planned",
            "actual",
            "lag",
            "reported",
            "overdue_milestones",
        )
    ]
    projects = payload["projects"]
    actual = column(sheet, h["actual"])
    started = [(p, c) for p, c in zip(projects, actual, strict=True) if p["color"] is not None]
    assert started and all(c.number_format == "0.0%" for _, c in started)
    assert [c.value for _, c in started] == pytest.approx([p["actual"] / 100 for p, _ in started])
    fills = [fill_of(c) for c in column(sheet, h["color"])]
    for project, fill in zip(projects, fills, strict=True):
        if project["color"] is not None:
            assert fill == TONES[project["color"]].fill
    assert {c.number_format for c in column(sheet, h["lag"]) if c.value is not None} <= {
        "0.0",
        "General",
    }


def test_accountability_writes_formulas_as_text_and_keeps_the_headings(
    sample_copy: Path, tmp_path: Path
) -> None:
    units = sample_copy / "units" / "units.csv"
    units.write_text(
        units.read_text(encoding="utf-8").replace("区住建局", "=HYPERLINK(1)"), encoding="utf-8"
    )
    out = tmp_path / "问责.xlsx"
    (sheet,) = workbook(sample_copy, out, "accountability", "--month", "2026-10")
    h = REPORT_HEADINGS["accountability"]
    assert headings(sheet) == [h[k] for k in ("name", "kind", "action", "rule_action", "detail")]
    names = [c for c in column(sheet, h["name"]) if c.value]
    assert "=HYPERLINK(1)" in [c.value for c in names]  # the text as it is, no ' added
    assert all(c.data_type == "s" for c in names)
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
    book = load_workbook(out)
    assert book.properties.title and "约谈问责" in book.properties.title


def test_the_same_data_gives_the_same_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    workbook(SAMPLE, first, "accountability", "--month", "2026-10")
    workbook(SAMPLE, second, "accountability", "--month", "2026-10")
    assert first.read_bytes() == second.read_bytes()


def test_a_draft_says_so_on_top(sample_copy: Path, tmp_path: Path) -> None:
    (sample_copy / "towns" / "progress" / "2026-10.csv").write_text(
        (sample_copy / "towns" / "progress" / "2026-10.csv")
        .read_text(encoding="utf-8")
        .replace("gh,5g.stations,42,39", "gh,5g.stations,42,"),
        encoding="utf-8",
    )
    sheets = workbook(sample_copy, tmp_path / "d.xlsx", "rank", "--month", "2026-10", "--draft")
    for sheet in sheets:
        assert str(sheet.cell(1, 1).value).startswith("征求意见稿")
        assert heading_row(sheet) > 2


def test_xlsx_needs_out_and_out_needs_xlsx(tmp_path: Path) -> None:
    for command in ("rank", "colors", "accountability"):
        _, err = invoke(SAMPLE, command, "--format", "xlsx", code=2)
        assert err.startswith("用法错误：") and "--out" in err, err
    _, err = invoke(SAMPLE, "rank", "--out", str(tmp_path / "x.xlsx"), code=2)
    assert "--format xlsx" in err, err
    _, err = invoke(SAMPLE, "rank", "--format", "xlsx", "--out", str(tmp_path / "x.csv"), code=2)
    assert ".xlsx" in err, err
    assert not list(tmp_path.iterdir())


def test_an_existing_file_is_kept_without_force(tmp_path: Path) -> None:
    out = tmp_path / "排名.xlsx"
    out.write_bytes(b"mine")
    _, err = invoke(SAMPLE, "rank", "--format", "xlsx", "--out", str(out), code=1)
    assert "--force" in err
    assert out.read_bytes() == b"mine"
    invoke(SAMPLE, "rank", "--format", "xlsx", "--out", str(out), "--force")
    assert load_workbook(out).worksheets
