"""What people type into a cell, normalised: numbers (full-width digits, thousands separators,
a trailing 个/家/%), notes, dates (2026/11/5, 2026年11月5日, Excel serials) and names where codes
are expected — each normalisation a warning at its cell, anything else an error there."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from xjj_cli.chinese import IDEOGRAPHIC_SPACE
from xjj_cli.forms import layout
from xjj_cli.forms.filled import Cells, Place, Reading
from xjj_cli.load.typos import code_for_name, date_guess, halfwidth
from xjj_cli.messages.forms import import_message
from xjj_cli.messages.validation import suggestion

_LINE_BREAKS = re.compile(r"[\x85\u2028\u2029]")
"""Line breaks other than CR and LF (NEL, LINE and PARAGRAPH SEPARATOR): YAML folds each into
a space, so each is read as a line feed (with a warning) and a note reads back as it was read."""
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
"""What YAML cannot hold (C0 but tab and line ends, DEL, C1 but NEL, surrogates, two
non-characters): an error at the cell (the check of the repository would name a line of its
temporary copy)."""
SPACES = " \t\r\n\xa0" + IDEOGRAPHIC_SPACE
_THOUSANDS = re.compile(r"[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?")
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_DECIMALS = 4
"""Decimals kept of a percent or an amount (0.565 typed as 56.5 % is 56.5, not 56.50000001)."""


def whole(value: object) -> int | None:
    number = float_of(value)
    return int(number) if number is not None else None


def float_of(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def plain(value: float) -> str:
    return layout.cell_text(value)


def note_of(
    ws: Cells,
    ref: str,
    place: Place,
    reading: Reading,
    *,
    limit: int = layout.NOTE_MAX,
    key: str = "note_long",
) -> str | None:
    cell = ws[ref]
    if cell.data_type == "f":
        reading.error("formula", place.at(ref), formula=cell.value)
        return None
    typed = layout.cell_text(cell.value)
    text = typed.strip(SPACES)
    if not text:
        return None
    if len(text) > limit:
        reading.error(key, place.at(ref), length=len(text), limit=limit)
        return None
    control = _CONTROLS.search(typed)
    if control:
        char, position = control.group(), control.start() + 1
        reading.error("control", place.at(ref), value=text, char=char, position=position)
        return None
    if _LINE_BREAKS.search(text):
        text = _LINE_BREAKS.sub("\n", text)
        how = import_message("how.line_break")
        reading.warning("normalised", place.at(ref), raw=typed, value=text, how=how)
    return text


def _typed(ws: Cells, ref: str, sheet: Place, reading: Reading) -> tuple[Any, Place] | None:
    """What a person typed in the cell ``ref``, and where; None when the cell is empty, or holds
    a formula (then an error is recorded: figures are typed, not computed)."""
    cell = ws[ref]
    value = cell.value
    place = sheet.at(ref)
    if cell.data_type == "f" or (isinstance(value, str) and value.startswith("=")):
        reading.error("formula", place, formula=value)
        return None
    if value is None or (isinstance(value, str) and not value.strip(SPACES)):
        return None
    return value, place


def number_of(
    ws: Cells,
    ref: str,
    sheet: Place,
    reading: Reading,
    *,
    units: Iterable[str],
    whole: bool = False,
    percent: bool = False,
) -> float | None:
    """The number in the cell ``ref`` as people type it, each normalisation a warning; None
    when the cell is empty or cannot be read (then an error is recorded)."""
    typed = _typed(ws, ref, sheet, reading)
    if typed is None:
        return None
    value, place = typed
    how: list[str] = []
    number: float
    if isinstance(value, dt.datetime | dt.date | dt.time):
        shown = value.date() if isinstance(value, dt.datetime) else value
        reading.error("date_not_number", place, value=shown.isoformat())
        return None
    if isinstance(value, bool):
        reading.error("not_number", place, value=value, example=_example(whole))
        return None
    if isinstance(value, int | float):
        number = float(value)
        if percent and "%" in (ws[ref].number_format or ""):
            number = round(number * 100, _DECIMALS)
            how.append(import_message("how.percent_format"))
        elif isinstance(value, float) and value.is_integer():
            how.append(import_message("how.float"))
    else:
        parsed = _parse_text(str(value), units, how)
        if parsed is None:
            reading.error("not_number", place, value=value, example=_example(whole))
            return None
        number = parsed
    if number < 0:
        reading.error("negative", place, value=layout.cell_text(value))
        return None
    if whole and not number.is_integer():
        reading.error("not_whole", place, value=layout.cell_text(value))
        return None
    number = round(number, _DECIMALS)
    if how:
        reading.warning(
            "normalised",
            place,
            raw=value,
            value=layout.cell_text(number),
            how=import_message("how.join").join(how),
        )
    return number


def _parse_text(raw: str, units: Iterable[str], how: list[str]) -> float | None:
    """A number typed as text (１，２３４个 → 1234), saying in ``how`` what was changed."""
    text = raw.strip(SPACES)
    if text != raw:
        how.append(import_message("how.spaces"))
    wide = halfwidth(text)
    if wide != text:
        how.append(import_message("how.wide"))
    text = wide.strip()
    for unit in sorted({u for u in units if u}, key=len, reverse=True):
        narrow = halfwidth(unit)
        if text.endswith(narrow) and len(text) > len(narrow):
            text = text[: -len(narrow)].strip()
            how.append(import_message("how.unit", unit=unit))
            break
    if _THOUSANDS.fullmatch(text):
        text = text.replace(",", "")
        how.append(import_message("how.thousands"))
    if not _NUMBER.fullmatch(text):
        return None
    how.append(import_message("how.text"))
    if "." in text and float(text).is_integer():
        how.append(import_message("how.float"))
    return float(text)


def _example(whole: bool) -> str:
    return "1234" if whole else "65.5"


def code_of(
    typed: str, names: dict[str, str], place: Place, kind: str, reading: Reading
) -> str | None:
    """The code of the name ``typed``: the name itself; the name written with other spaces or
    full-width forms, or the code typed instead (each a warning); else an error naming the
    closest name ("did you mean")."""
    for code, name in names.items():
        if typed == name:
            return code
    squeezed = _squeezed(typed)
    for code, name in names.items():
        if squeezed == _squeezed(name):
            how = import_message("how.name_form")
            reading.warning("normalised", place, raw=typed, value=name, how=how)
            return code
    lowered = typed.strip(SPACES).lower()
    for code, name in names.items():
        if lowered == code.lower():
            how = import_message("how.code")
            reading.warning("normalised", place, raw=typed, value=name, how=how)
            return code
    guess = code_for_name(typed, names)
    reading.error(
        f"unknown_{kind}_name",
        place,
        value=typed,
        suggestion=suggestion(names[guess] if guess else None),
    )
    return None


def _squeezed(text: str) -> str:
    """A name as compared loosely: half-width, without spaces."""
    return re.sub(r"\s+", "", halfwidth(text))


_EXCEL_SERIALS = (1, 2_958_465)
"""The serial numbers Excel can show as dates (1900-01-01 to 9999-12-31)."""


def read_date(ws: Cells, ref: str, sheet: Place, reading: Reading) -> dt.date | None:
    """The date in the cell ``ref`` as people type it — a date cell as it is; a date and a
    time, an Excel serial number or a text (2026/11/5, 2026-11-05, 2026年11月5日) as a date,
    each a warning; None when the cell is empty or cannot be read (then an error)."""
    typed = _typed(ws, ref, sheet, reading)
    if typed is None:
        return None
    value, place = typed
    how = ""
    day: dt.date | None = None
    if isinstance(value, dt.datetime):
        day = value.date()
        how = "" if value.time() == dt.time() else import_message("how.date_time")
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        if _EXCEL_SERIALS[0] <= value <= _EXCEL_SERIALS[1]:
            from openpyxl.utils.datetime import from_excel

            found = from_excel(value)
            day = found.date() if isinstance(found, dt.datetime) else None
            how = import_message("how.date_serial")
    elif isinstance(value, str):
        guess = date_guess(value)
        day = dt.date.fromisoformat(guess) if guess else None
        how = import_message("how.date_text")
    if day is None:
        reading.error("not_date", place, value=layout.cell_text(value))
        return None
    if how:
        reading.warning("normalised", place, raw=value, value=day.isoformat(), how=how)
    return day
