"""The fill-in workbooks as a printer prints them: one workbook of each form kind that
``xjj forms`` writes, laid out by LibreOffice (the workbook's own print setup) into a PDF, and
where each of its printed sheets starts in it.

Shared by tests/forms/test_forms.py (every page A4, text at 9 pt or more, every sheet one page
wide) and scripts/form_pages.py (docs/form-<kind>-print.png). A form kind is the ``form`` value
of the workbook's ``_xjj`` sheet without its ``xjj-`` prefix (town, owner, unit …), so a kind
added later is printed and checked without a change here.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook

from xjj_cli.forms import layout


def _program(name: str) -> str:
    found = shutil.which(name)
    assert found, f"{name} is missing: run `make system-tools`"
    return found


def form_kind(workbook: Path) -> str:
    """The workbook's form kind: its ``_xjj`` sheet's ``form`` value less ``xjj-``; a workbook
    without that sheet, the last part of its file name (2026-11-安居街道-月度数据 → 月度数据)."""
    book = load_workbook(workbook, read_only=True)
    try:
        if layout.META_SHEET in book.sheetnames:
            for key, value, *_ in book[layout.META_SHEET].iter_rows(values_only=True):
                if key == "form" and value:
                    return str(value).removeprefix("xjj-")
    finally:
        book.close()
    return workbook.stem.rsplit("-", 1)[-1]


def printed_sheets(workbook: Path) -> list[tuple[str, list[str]]]:
    """Each sheet a printer prints (the visible ones, in workbook order) with the texts of its
    first row's shown cells: the headings of a data sheet, the title of the instructions."""
    book = load_workbook(workbook)
    found = []
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            continue
        texts = [
            str(cell.value)
            for cell in sheet[1]
            if cell.value is not None and not sheet.column_dimensions[cell.column_letter].hidden
        ]
        found.append((sheet.title, texts))
    return found


def one_of_each_kind(folder: Path) -> dict[str, Path]:
    """One workbook of each form kind in ``folder``: the one with the most printed sheets, then
    the most rows (the fullest print), then the first by name."""
    chosen: dict[str, tuple[tuple[int, int], Path]] = {}
    for path in sorted(folder.glob("*.xlsx")):
        book = load_workbook(path, read_only=True)
        try:
            shown = [s for s in book.worksheets if s.sheet_state == "visible"]
            size = (len(shown), sum(s.max_row or 0 for s in shown))
        finally:
            book.close()
        kind = form_kind(path)
        if kind not in chosen or size > chosen[kind][0]:
            chosen[kind] = (size, path)
    return {kind: path for kind, (_, path) in sorted(chosen.items())}


@dataclass(frozen=True)
class PrintedForm:
    """A workbook laid out by LibreOffice: the PDF, and each printed sheet's name, first-row
    texts and pages in it (1-based)."""

    kind: str
    workbook: Path
    pdf: Path
    sheets: list[tuple[str, list[str], range]]


def print_forms(workbooks: dict[str, Path], out: Path) -> list[PrintedForm]:
    """Each workbook (by kind) converted to PDF by LibreOffice in ``out``, and where each of its
    sheets lies in the PDF: found by printing a copy of the workbook per sheet, that sheet alone
    visible, all in one LibreOffice run."""
    out.mkdir(parents=True, exist_ok=True)
    alone = out / "sheets"
    alone.mkdir(exist_ok=True)
    inputs = [*workbooks.values()]
    copies: dict[str, list[Path]] = {}
    for kind, workbook in workbooks.items():
        copies[kind] = []
        for index, (title, _) in enumerate(printed_sheets(workbook)):
            book = load_workbook(workbook)
            for sheet in book.worksheets:
                if sheet.sheet_state == "visible" and sheet.title != title:
                    sheet.sheet_state = "hidden"
            book.active = book.worksheets.index(book[title])
            copy = alone / f"{workbook.stem}-{index + 1}.xlsx"
            book.save(copy)
            copies[kind].append(copy)
            inputs.append(copy)
    _to_pdf(inputs[: len(workbooks)], out)
    _to_pdf(inputs[len(workbooks) :], alone)
    printed = []
    for kind, workbook in workbooks.items():
        pdf = out / f"{workbook.stem}.pdf"
        assert pdf.is_file(), f"LibreOffice made no PDF of {workbook.name}"
        sheets = []
        first = 1
        for (title, texts), copy in zip(printed_sheets(workbook), copies[kind], strict=True):
            count = page_count(alone / f"{copy.stem}.pdf")
            sheets.append((title, texts, range(first, first + count)))
            first += count
        assert first - 1 == page_count(pdf), (workbook.name, first - 1, page_count(pdf))
        printed.append(PrintedForm(kind, workbook, pdf, sheets))
    return printed


def _to_pdf(workbooks: list[Path], out: Path) -> None:
    """Workbooks to PDF in ``out`` in one headless LibreOffice run with a fresh profile."""
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                _program("soffice"),
                "--headless",
                f"-env:UserInstallation=file://{profile}",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out),
                *map(str, workbooks),
            ],
            check=True,
            capture_output=True,
            timeout=600,
        )


def page_count(pdf: Path) -> int:
    """The pages of the PDF (pdfinfo)."""
    info = subprocess.run(
        [_program("pdfinfo"), str(pdf)], check=True, capture_output=True, text=True, timeout=60
    ).stdout
    return int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))
