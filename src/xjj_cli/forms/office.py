"""The office's 登记表 (SPEC §8 "Every unit with something to report gets a form", issue 26):
the month's cards from the city platform and the towns' non-cooperation reports, written as a
workbook prefilled with what ``events/M.yaml`` holds, read back with the checks ``validate``
makes of a hand-written events file (at the cell), and written into ``events/M.yaml``.

The form is the month's whole list: what it holds replaces the file's lists, row order kept.
An entry of the file that is not on the form (changed or cleared) is a conflict unless
``--force``; an entry added on the form is added. A list that does not change keeps its
bytes; so does everything outside the two lists (the header comment); a list that changes is
written anew, one flow mapping per line (a comment inside it is not kept).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Mapping, Sequence

import yaml

from xjj_cli.forms import layout
from xjj_cli.forms.cells import SPACES, code_of, note_of, read_date
from xjj_cli.forms.filled import CardIn, Cells, FilledForm, Place, Reading, ReportIn
from xjj_cli.forms.layout import Form
from xjj_cli.forms.ledger import read_staged
from xjj_cli.forms.plan import Plan, yaml_scalar
from xjj_cli.forms.write import FormBook, Value, unit_names
from xjj_cli.messages.formats import cn_month
from xjj_cli.messages.forms import OFFICE_READS, OFFICE_WORDS, import_message
from xjj_cli.messages.validation import did_you_mean
from xjj_cli.repository import Repository

OFFICE = layout.OFFICE
NONCOOPERATION = layout.NONCOOPERATION

Entry = tuple[dt.date, str, str, str, str | bool | None]
"""An entry as compared: a card's date, colour, unit, subject and project (None or text), or
a report's date, reporter, unit, text and verified (a bool)."""


# --- the workbook ------------------------------------------------------------------------------


def office_book(repo: Repository, month: str) -> FormBook:
    """The office's form of ``month``: a numbered row per card and report of
    ``events/M.yaml`` (file order, names for codes), then ``OFFICE_EMPTY_ROWS`` empty rows
    on each sheet."""
    names = unit_names(repo)
    sourced = repo.events.get(month)
    cards: list[dict[str, Value]] = []
    reports: list[dict[str, Value]] = []
    if sourced is not None:
        for card in sourced.record.cards:
            cards.append(
                {
                    "date": card.date,
                    "color": OFFICE_WORDS[card.color],
                    "unit_name": names.get(card.unit, card.unit),
                    "subject": card.subject,
                    "project": card.project,
                }
            )
        for report in sourced.record.noncooperation:
            reports.append(
                {
                    "date": report.date,
                    "reporter_name": names.get(report.reporter, report.reporter),
                    "dept_name": names.get(report.unit, report.unit),
                    "text": report.text,
                    "verified": OFFICE_WORDS["yes" if report.verified else "no"],
                }
            )
    lists = {
        layout.TOWN_LIST_COLUMN: [t.name for t in repo.towns.values()],
        layout.DEPT_LIST_COLUMN: [u.name for u in repo.units.values()],
    }
    return FormBook(
        OFFICE,
        month,
        layout.OFFICE_UNIT,
        OFFICE_WORDS["name"],
        rows=_numbered(OFFICE, cards),
        open_problems=_numbered(NONCOOPERATION, reports),
        unit_names=list(names.values()),
        lists=lists,
    )


def _numbered(form: layout.Form, rows: list[dict[str, Value]]) -> list[dict[str, Value]]:
    empty: dict[str, Value] = {c.key: None for c in form.columns}
    filled = [*({**empty, **row} for row in rows)]
    filled += [dict(empty) for _ in range(layout.OFFICE_EMPTY_ROWS)]
    for number, row in enumerate(filled, start=1):
        row["number"] = number
    return filled


# --- reading it back --------------------------------------------------------------------------


def read_card_row(
    ws: Cells, row: int, form: FilledForm, repo: Repository, reading: Reading
) -> None:
    """A card typed on a row of the cards sheet: every cell but the project needed, the date
    in the form's month, the colour 黄牌 or 红牌, the unit (a unit or a town) by name, the
    project an id of projects/."""
    refs = {c.key: f"{c.letter}{row}" for c in OFFICE.columns}
    failed = len(reading.errors)
    place = form.place
    day = read_date(ws, refs["date"], place, reading)
    color = note_of(ws, refs["color"], place, reading)
    unit = note_of(ws, refs["unit_name"], place, reading)
    subject = note_of(ws, refs["subject"], place, reading, limit=layout.PROBLEM_MAX)
    project = note_of(ws, refs["project"], place, reading)
    if len(reading.errors) > failed:
        return  # a cell's own error is recorded
    typed = {"date": day, "color": color, "unit_name": unit, "subject": subject}
    if not any(typed.values()) and project is None:
        return  # an empty row
    if not _complete(OFFICE, typed, refs, place, reading):
        return
    assert day and color and unit and subject  # none is missing
    ok = _in_month(day, form.month, place.at(refs["date"]), reading)
    colour = _choice(color, ("yellow", "red"), place.at(refs["color"]), "event_color", reading)
    code = code_of(unit, unit_names(repo), place.at(refs["unit_name"]), "unit", reading)
    if project is not None and project not in repo.projects:
        guess = did_you_mean(project, repo.projects)
        at = place.at(refs["project"])
        reading.error("event_project", at, value=project, suggestion=guess)
        ok = False
    if ok and colour is not None and code is not None:
        form.cards.append(CardIn(day, colour, code, subject, project, place.at(refs["date"])))


def read_report_row(
    ws: Cells, row: int, sheet: Place, form: FilledForm, repo: Repository, reading: Reading
) -> None:
    """A report typed on a row of the non-cooperation sheet: the date in the form's month,
    the reporting town and the unit (of units.csv) by name, the text, 核实 是 or 否 (empty:
    否 — only a verified report counts in the rules)."""
    refs = {c.key: f"{c.letter}{row}" for c in NONCOOPERATION.columns}
    failed = len(reading.errors)
    day = read_date(ws, refs["date"], sheet, reading)
    reporter = note_of(ws, refs["reporter_name"], sheet, reading)
    unit = note_of(ws, refs["dept_name"], sheet, reading)
    text = note_of(ws, refs["text"], sheet, reading, limit=layout.PROBLEM_MAX)
    verified = note_of(ws, refs["verified"], sheet, reading)
    if len(reading.errors) > failed:
        return
    typed = {"date": day, "reporter_name": reporter, "dept_name": unit, "text": text}
    if not any(typed.values()) and verified is None:
        return
    if not _complete(NONCOOPERATION, typed, refs, sheet, reading):
        return
    assert day and reporter and unit and text
    ok = _in_month(day, form.month, sheet.at(refs["date"]), reading)
    towns = {c: t.name for c, t in repo.towns.items()}
    units = {c: u.name for c, u in repo.units.items()}
    town = code_of(reporter, towns, sheet.at(refs["reporter_name"]), "town", reading)
    dept = code_of(unit, units, sheet.at(refs["dept_name"]), "dept", reading)
    yes = "no" if verified is None else verified
    answer = _choice(yes, ("yes", "no"), sheet.at(refs["verified"]), "event_verified", reading)
    if ok and town is not None and dept is not None and answer is not None:
        place = sheet.at(refs["date"])
        form.reports.append(ReportIn(day, town, dept, text, answer == "yes", place))


def _complete(
    form: layout.Form,
    typed: Mapping[str, object],
    refs: dict[str, str],
    place: Place,
    reading: Reading,
) -> bool:
    missing = [key for key, value in typed.items() if value is None]
    if missing:
        join = import_message("how.join")
        reading.error(
            "event_incomplete",
            place.at(refs[missing[0]]),
            needed=join.join(form.heading(k) for k in typed),
            missing=join.join(form.heading(k) for k in missing),
        )
    return not missing


def _in_month(day: dt.date, month: str, place: Place, reading: Reading) -> bool:
    if f"{day:%Y-%m}" == month:
        return True
    reading.error("event_month", place, value=day.isoformat(), month=cn_month(month))
    return False


def _choice(
    typed: str, choices: tuple[str, ...], place: Place, key: str, reading: Reading
) -> str | None:
    squeezed = "".join(ch for ch in typed if ch not in SPACES).lower()
    for choice in choices:
        if squeezed in OFFICE_READS[choice]:
            return choice
    reading.error(key, place, value=typed)
    return None


# --- events/M.yaml ----------------------------------------------------------------------------


def plan_events(repo: Repository, forms: Sequence[FilledForm], plan: Plan, *, force: bool) -> None:
    """Add to ``plan`` the office form's lists for ``events/M.yaml`` (SPEC §2): each list as
    the form has it; an entry of the file missing from the form is a conflict unless
    ``force``."""
    office = [f for f in forms if f.form is OFFICE]
    if not office:
        return
    form = office[0]  # one per month (read.py keeps one copy)
    month = form.month
    path = repo.data_dir / "events" / f"{month}.yaml"
    shown = repo.relative(path)
    sourced = repo.events.get(month)
    old_cards: list[Entry] = []
    old_reports: list[Entry] = []
    if sourced is not None:
        record = sourced.record
        old_cards = [(c.date, c.color, c.unit, c.subject, c.project) for c in record.cards]
        old_reports = [
            (r.date, r.reporter, r.unit, r.text, r.verified) for r in record.noncooperation
        ]
    new_cards: list[Entry] = [(c.date, c.color, c.unit, c.subject, c.project) for c in form.cards]
    new_reports: list[Entry] = [
        (r.date, r.reporter, r.unit, r.text, r.verified) for r in form.reports
    ]
    names = unit_names(repo)
    sections: dict[str, list[str]] = {}
    lists: list[tuple[str, str, list[Entry], list[Entry], Form]] = [
        ("cards", "event.cards", old_cards, new_cards, OFFICE),
        ("noncooperation", "event.reports", old_reports, new_reports, NONCOOPERATION),
    ]
    for key, what, old, new, sheet in lists:
        if old == new:
            continue
        words = [_words(e, names) for e in old]
        removed = list((Counter(old) - Counter(new)).elements())
        if removed and not force:
            for entry in removed:
                index = old.index(entry)
                at = _place_of(form, sheet, index)
                here = new[index] if index < len(new) else None
                plan.errors.append(
                    import_message(
                        "event_conflict",
                        place=at,
                        target=shown,
                        old=words[index],
                        new=_words(here, names) if here else import_message("empty"),
                    )
                )
            continue
        label = import_message(what)
        for entry in removed:
            plan.changes.append(
                import_message("event_remove", file=shown, what=label, entry=_words(entry, names))
            )
        added = list((Counter(new) - Counter(old)).elements())
        for entry in added:
            plan.changes.append(
                import_message("event_add", file=shown, what=label, entry=_words(entry, names))
            )
        if not removed and not added:
            plan.changes.append(import_message("event_order", file=shown, what=label))
        sections[key] = [_flow(e) for e in new]
    if not sections or plan.errors:
        return
    if path.exists():
        bom, text = read_staged(path, plan)
    else:
        bom, text = b"", ""
    edited = with_sections(text, sections)
    if not _reads_back(edited, sections):
        plan.errors.append(import_message("event_layout", place=Place(shown)))
        return
    plan.files[path] = bom + edited.encode("utf-8")


def _reads_back(text: str, sections: dict[str, list[str]]) -> bool:
    """Whether ``text`` holds each list of ``sections`` as written (a layout ``with_sections``
    cannot edit line by line would not)."""
    try:
        loaded = yaml.safe_load(text)
    except yaml.YAMLError:
        return False
    if not isinstance(loaded, dict):
        return False
    for key, lines in sections.items():
        wanted = yaml.safe_load("\n".join([f"{key}:", *lines]) if lines else f"{key}: []")
        if loaded.get(key) != wanted[key]:
            return False
    return True


def _place_of(form: FilledForm, sheet: Form, index: int) -> Place:
    """The cell of the form's row ``index`` (its date), as the form was prefilled."""
    base = form.place if sheet is OFFICE else Place(form.place.file, sheet.sheet)
    return base.at(f"{sheet.letter('date')}{layout.FIRST_ROW + index}")


def _words(entry: Entry, names: dict[str, str]) -> str:
    if isinstance(entry[4], bool):
        day, reporter, unit, text, _ = entry
        verified = entry[4]
        return import_message(
            "event.report",
            date=day.isoformat(),
            reporter=names.get(reporter, reporter),
            unit=names.get(unit, unit),
            text=text,
            verified=OFFICE_WORDS["verified" if verified else "unverified"],
        )
    day, color, unit, subject, project = entry
    return import_message(
        "event.card",
        date=day.isoformat(),
        color=OFFICE_WORDS[color],
        unit=names.get(unit, unit),
        subject=subject,
        project=import_message("event.card_project", project=project) if project else "",
    )


def _flow(entry: Entry) -> str:
    """An entry as a flow mapping line of events/M.yaml."""
    if isinstance(entry[4], bool):
        day, reporter, unit, text, _ = entry
        verified = entry[4]
        fields = [
            f"date: {day.isoformat()}",
            f"reporter: {reporter}",
            f"unit: {unit}",
            f"text: {yaml_scalar(text, flow=True)}",
            f"verified: {'true' if verified else 'false'}",
        ]
    else:
        day, color, unit, subject, project = entry
        fields = [
            f"date: {day.isoformat()}",
            f"color: {color}",
            f"unit: {unit}",
            f"subject: {yaml_scalar(subject, flow=True)}",
        ]
        if project:
            fields.append(f"project: {project}")
    return "  - {" + ", ".join(fields) + "}"


_TOP_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)[ \t]*:")


def with_sections(text: str, sections: dict[str, list[str]]) -> str:
    """``text`` with each top-level list of ``sections`` (key → entry lines) written anew,
    every other line as it was; a key the text lacks is added at its end."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    done: set[str] = set()
    i = 0
    while i < len(lines):
        match = _TOP_KEY.match(lines[i])
        key = match.group(1) if match else None
        if key not in sections or key in done:
            out.append(lines[i])
            i += 1
            continue
        end = i + 1
        while end < len(lines) and (
            lines[end].startswith((" ", "\t", "-", "#")) or not lines[end].strip()
        ):
            end += 1
        while end > i + 1 and lines[end - 1].strip()[:1] in ("", "#"):
            end -= 1  # blank lines and comments after the list stay, before the next key
        assert key is not None
        out.extend(line + newline for line in _section(key, sections[key]))
        done.add(key)
        i = end
    if out and not out[-1].endswith(("\n", "\r")):
        out[-1] += newline
    for key in ("cards", "noncooperation"):
        if key in sections and key not in done:
            out.extend(line + newline for line in _section(key, sections[key]))
    return "".join(out)


def _section(key: str, entries: list[str]) -> list[str]:
    return [f"{key}:", *entries] if entries else [f"{key}: []"]


def office_line(form: FilledForm) -> str:
    """What the office's form holds, for stdout."""
    verified = sum(1 for r in form.reports if r.verified)
    return import_message(
        "unit_office", cards=len(form.cards), reports=len(form.reports), verified=verified
    )
