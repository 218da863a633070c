"""Read a CSV file as Excel and WPS save it, keeping the line and column of every cell.

Accepted: UTF-8 with or without BOM, CRLF or LF, and GB18030/GBK (read correctly, with a
warning that says how to re-save). UTF-16 and undecodable bytes are located errors.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from xjj_cli.chinese import ENUMERATION_COMMA, FULLWIDTH_COMMA, clauses, listing
from xjj_cli.diagnostics import Location, ProblemLog
from xjj_cli.load.typos import wide_characters, wide_number
from xjj_cli.messages.validation import check_word, wide_comma_hint, wide_names

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass(frozen=True, slots=True)
class CsvRow:
    """One data row: its 1-based line, its cells by header name, and each cell's column."""

    line: int
    cells: dict[str, str]
    columns: dict[str, int]

    def at(self, file: str, name: str) -> Location:
        """The location of the cell of column ``name``."""
        return Location(file, self.line, self.columns.get(name, 1))


@dataclass
class CsvTable:
    """A CSV file's header and rows; ``whole`` is False when a malformed row was left out."""

    file: str
    header: list[str]
    rows: list[CsvRow]
    whole: bool = True


def decode_csv(data: bytes, file: str, log: ProblemLog) -> str | None:
    """Decode CSV bytes as Excel/WPS write them, or record why they cannot be read."""
    if data.startswith(_UTF16_BOMS):
        log.error(Location(file), "encoding.utf16")
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        line = data.count(b"\n", 0, utf8_error.start) + 1
        column = utf8_error.start - (data.rfind(b"\n", 0, utf8_error.start) + 1) + 1
        log.error(Location(file, line, column), "encoding.unknown", line=line, column=column)
        return None
    log.warning(Location(file), "encoding.gb18030")
    return text


def read_csv(
    text: str,
    file: str,
    expected: list[str],
    log: ProblemLog,
    optional: tuple[str, ...] = (),
) -> CsvTable | None:
    """Parse CSV text whose header must be exactly ``expected`` (in any order), plus any of
    the ``optional`` columns (a row's cell of an absent optional column reads as "")."""
    if "\x00" in text:
        where = text.index("\x00")
        line = text.count("\n", 0, where) + 1
        column = where - (text.rfind("\n", 0, where) + 1) + 1
        log.error(Location(file, line, column), "csv.nul", line=line)
        return None
    lines = re.split(r"\r\n|\r|\n", text)  # the line ends the csv module knows, no others
    if not any(line.strip() for line in lines):
        log.error(Location(file), "csv.empty", header=",".join(expected))
        return None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[CsvRow] = []
    header: list[str] = []
    previous_end = 0
    whole = True
    # Rows laid out alike share one dict of columns: a table of 5,000 rows has a few dozen.
    layouts: dict[tuple[int, ...], dict[str, int]] = {}
    try:
        for record in reader:
            start = previous_end + 1
            previous_end = reader.line_num
            if not "".join(record).strip():
                continue  # blank lines and the ",,," rows Excel leaves behind
            starts = _field_starts(lines[start - 1]) if start <= len(lines) else ()
            if not header:
                header = [cell.strip() for cell in record]
                given = [name for name in header if name not in optional]
                if not _check_header(given, expected, file, log, header):
                    return None
                continue
            if len(record) != len(header):
                log.error(
                    Location(file, start, 1),
                    "csv.row_length",
                    found=len(record),
                    expected=len(header),
                    hint=_wide_comma_hint(record),
                )
                whole = False
                continue
            cells = {name: cell.strip() for name, cell in zip(header, record, strict=True)}
            for name in optional:
                cells.setdefault(name, "")
            columns = layouts.get(starts)
            if columns is None:
                columns = {
                    name: (starts[i] if i < len(starts) else 1) for i, name in enumerate(header)
                }
                layouts[starts] = columns
            rows.append(CsvRow(start, cells, columns))
    except csv.Error as exc:
        log.error(Location(file, reader.line_num or 1), "csv.syntax", problem=str(exc))
        return None
    return CsvTable(file, header, rows, whole)


def _check_header(
    header: list[str], expected: list[str], file: str, log: ProblemLog, whole: list[str]
) -> bool:
    """Whether ``header`` (the columns found, optional ones left out) is ``expected``; else
    an error showing ``whole``, the header as written."""
    if sorted(header) == sorted(expected) and len(set(whole)) == len(whole):
        return True
    missing = [name for name in expected if name not in header]
    extra = [name for name in header if name not in expected]
    hints = []
    if missing:
        hints.append(check_word("header.missing", columns=listing(missing)))
    if extra:
        hints.append(check_word("header.extra", columns=listing(extra)))
    if len(set(whole)) != len(whole):
        hints.append(check_word("header.repeated"))
    log.error(
        Location(file, 1, 1),
        "csv.header",
        expected=",".join(expected),
        found=",".join(whole),
        hint=clauses(hints) or check_word("header.check"),
    )
    return False


def _field_starts(line: str) -> tuple[int, ...]:
    """1-based start column of each field of one physical CSV line (quotes respected)."""
    starts = [1]
    if '"' not in line:  # the common line: each field starts after the previous one's comma
        for field in line.split(",")[:-1]:
            starts.append(starts[-1] + len(field) + 1)
        return tuple(starts)
    quoted = False
    for i, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            starts.append(i + 2)
    return tuple(starts)


def parse_count(row: CsvRow, name: str, file: str, log: ProblemLog) -> int | None:
    """The non-negative integer in cell ``name``, or None after recording why it is not one."""
    raw = row.cells.get(name, "")
    if raw == "":
        log.error(row.at(file, name), "csv.required", field=name)
        return None
    if not raw.isascii() or not raw.isdigit():
        fixed = wide_number(raw)
        if fixed is not None:
            chars = wide_names(wide_characters(raw))
            log.error(row.at(file, name), "value.fullwidth", raw=raw, chars=chars, fixed=fixed)
        else:
            log.error(row.at(file, name), "csv.integer", field=name, raw=raw)
        return None
    return int(raw)


def _wide_comma_hint(record: list[str]) -> str:
    """Why a row may have too few columns: full-width commas typed as separators."""
    wide = [c for c in (FULLWIDTH_COMMA, ENUMERATION_COMMA) if any(c in cell for cell in record)]
    return wide_comma_hint(wide_names(wide)) if wide else ""
