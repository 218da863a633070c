"""Review of issue 22's change: what its hostile-input claims missed.

- An XML part (the map, a form's package part) declaring an encoding expat cannot use
  (GB18030, GBK, UTF-7, a codec that is not a text encoding) raised ValueError or
  LookupError out of expat: "内部错误" from ``validate`` and ``import``; and a DTD in such a
  part was never seen by the DTD check (lxml, which openpyxl uses for the workbook part,
  reads GB18030 and UTF-32).
- A prefilled number of a form retyped as text (42 as "42") passed the checksum, the
  signature and the comparison with the repository, which all see a cell's text: the
  target was then written as 0 in the month's figures.
- The messages of the origin check quoted a form's cell raw: a carriage return or a value
  of 32,767 characters went to the terminal as it was.
- ``import``'s check on a copy crashed on a named pipe in the data folder (an ignored
  ``.md``) where the temporary folder is on another file system (no hard link).
"""

from __future__ import annotations

import io
import json
import os
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from xjj_cli.cli import app
from xjj_cli.commands.forms import forms_files
from xjj_cli.forms import apply, layout
from xjj_cli.forms.package import PackageRefused, check_zip
from xjj_cli.load.scan import LoadOptions, scan_data
from xjj_cli.load.svgmap import Shade, coloured_map, scan_map
from xjj_cli.memo import document_inputs
from xjj_cli.render.validation import as_json, as_text
from xjj_cli.validate import validate_repository

SAMPLE = Path(__file__).resolve().parents[1] / "data"
MONTH = "2026-11"
TOWN_FORM = f"{MONTH}-古槐街道-月度数据.xlsx"  # gh: 5g.stations on row 2, target 42, last 39
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><rect data-town="gh" width="1" height="1"/></svg>'


# --- XML in an encoding expat cannot use ------------------------------------------------------


@pytest.mark.parametrize("encoding", ["GB18030", "GBK", "UTF-7", "hex", "idna"])
def test_a_map_in_an_encoding_expat_cannot_use_is_invalid_not_a_crash(encoding: str) -> None:
    data = f'<?xml version="1.0" encoding="{encoding}"?>\n'.encode() + SVG
    scan = scan_map(data)
    assert [f.kind for f in scan.findings] == ["invalid"]
    assert coloured_map(data, {"gh": Shade("#ff0000", "t")}, "label") == ""


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
    with pytest.raises(PackageRefused) as refused:
        check_zip(_package(part))
    assert refused.value.params.get("part") == "xl/workbook.xml"


# --- forms: prefilled numbers, quoted values ----------------------------------------------------


@pytest.fixture(scope="module")
def blank_forms(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("forms")
    shutil.copytree(SAMPLE, root / "data")
    forms_files(root / "data", MONTH, root / "blank")
    return root / "blank"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    data = tmp_path / "repo" / "data"
    shutil.copytree(SAMPLE, data)
    return data


def _snapshot(data: Path) -> dict[str, bytes]:
    return {p.relative_to(data).as_posix(): p.read_bytes() for p in data.rglob("*") if p.is_file()}


def _reseal(book: Any) -> None:
    meta = book[layout.META_SHEET]
    form = layout.TOWN
    refs = layout.checked_refs(form, int(meta["B6"].value), [])
    meta["B7"] = layout.checksum_of(form, ((s, r, book[s][r].value) for s, r in refs))


def _town_form(source: Path, target: Path, row2: dict[str, str | int]) -> Path:
    book = load_workbook(source)
    sheet = book[layout.TOWN.sheet]
    for row in range(layout.FIRST_ROW, sheet.max_row + 1):
        sheet[f"F{row}"] = int(sheet[f"E{row}"].value) + 1
    for column, value in row2.items():
        sheet[f"{column}2"] = value
    _reseal(book)
    book.save(target)
    return target


def _import(data: Path, *args: str | Path) -> Any:
    return CliRunner().invoke(app, ["--data", str(data), "import", *map(str, args)])


def test_a_prefilled_number_retyped_as_text_is_refused_at_its_cell(
    repo: Path, blank_forms: Path, tmp_path: Path
) -> None:
    # the target as text: read as no target, it was written as 0 in the month's file
    path = _town_form(blank_forms / TOWN_FORM, tmp_path / "t.xlsx", {"D": "42"})
    before = _snapshot(repo)
    result = _import(repo, path)
    assert result.exit_code == 1, result.output
    assert f"{path} 月度数据!D2" in result.stderr
    assert "Traceback" not in result.output
    assert _snapshot(repo) == before


def test_the_origin_check_quotes_a_cell_short_and_escaped(
    repo: Path, blank_forms: Path, tmp_path: Path
) -> None:
    value = "古槐街道\r" + "伪" * 300
    path = _town_form(blank_forms / TOWN_FORM, tmp_path / "t.xlsx", {"A": value})
    result = _import(repo, path)
    assert result.exit_code == 1, result.output
    assert f"{path} 月度数据!A2" in result.stderr
    assert "\r" not in result.stderr
    assert "古槐街道\\r伪" in result.stderr
    assert "伪" * 100 not in result.stderr


# --- the check on a copy ------------------------------------------------------------------------


def test_the_check_on_a_copy_without_hard_links_passes_over_a_named_pipe(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    os.mkfifo(repo / "notes.md")  # ignored by validate, as any .md

    def no_link(source: str, target: str) -> None:
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", no_link)  # as apply calls it
    assert apply.check_on_copy(repo, {}) == []


# --- a file name that is not UTF-8 --------------------------------------------------------------


def test_a_file_name_that_is_not_utf8_is_a_name_error_in_every_format(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(SAMPLE, data)
    # a name git stores as bytes; Python reads it with an unpaired surrogate (\udcff)
    (Path(os.fsdecode(os.fsencode(data / "events") + b"/2026-11\xff.yaml"))).write_bytes(b"[]\n")
    for options in (LoadOptions(), LoadOptions(use_cache=False)):  # the cache keys names too
        repo = validate_repository(data, options)
        assert [p.code for p in repo.log.errors] == ["file.name"]
        assert "\\udcff" in as_text(repo.log, repo.census())
        shown = as_json(repo.log).encode("utf-8")  # strict, as a UTF-8 terminal or pipe
        assert json.loads(shown)["errors"][0]["file"] == "data/events/2026-11\udcff.yaml"
    # a document command keys its memo on every file, before the data is checked
    assert document_inputs(scan_data(data))
