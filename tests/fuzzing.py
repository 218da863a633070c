"""Mutate a valid repository and run every command on it, and mutate real filled forms and
import them: the shared harness of the fuzz test (tests/test_fuzz.py, a few hundred cases) and
of ``make fuzz`` (scripts/fuzz.py).

A repository case is (file, mutation, seed); a form case (form, mutation, seed). The verdict is
"ok" when every command ended with exit code 0, 1 or 2 and said something (and, for import,
neither "内部错误" nor a traceback); anything else is a crash, reported with the case.
"""

from __future__ import annotations

import io
import random
import re
import shutil
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from xjj_cli.cli import app

BASE = Path(__file__).resolve().parent / "fixtures" / "base" / "data"
SWAPS = [
    "[1, 2]",
    "{a: 1}",
    "yes",
    "0012",
    "~",
    ".nan",
    "-5",
    "2026-02-30",
    "'文本'",
    "1:30",
    '"=1+2"',
    "!!binary aGk=",
]


def _truncate(data: bytes, rnd: random.Random) -> bytes:
    return data[: rnd.randrange(len(data) + 1)]


def _flip(data: bytes, rnd: random.Random) -> bytes:
    buffer = bytearray(data)
    for _ in range(rnd.randint(1, 4)):
        if buffer:
            buffer[rnd.randrange(len(buffer))] = rnd.randrange(256)
    return bytes(buffer)


def _swap(data: bytes, rnd: random.Random) -> bytes:
    lines = data.decode("utf-8", "replace").splitlines(keepends=True)
    candidates = [i for i, line in enumerate(lines) if ":" in line or "," in line]
    if not candidates:
        return data
    i = rnd.choice(candidates)
    line = lines[i]
    separator = ":" if ":" in line else ","
    head, _, _ = line.partition(separator)
    lines[i] = (
        f"{head}{separator} {rnd.choice(SWAPS)}\n"
        if separator == ":"
        else f"{head},{rnd.choice(SWAPS)}\n"
    )
    return "".join(lines).encode("utf-8")


def _delete(data: bytes, rnd: random.Random) -> bytes:
    lines = data.splitlines(keepends=True)
    if lines:
        del lines[rnd.randrange(len(lines))]
    return b"".join(lines)


def _shuffle(data: bytes, rnd: random.Random) -> bytes:
    lines = data.splitlines(keepends=True)
    rnd.shuffle(lines)
    return b"".join(lines)


MUTATIONS: dict[str, Callable[[bytes, random.Random], bytes]] = {
    "truncate": _truncate,
    "flip": _flip,
    "swap": _swap,
    "delete": _delete,
    "shuffle": _shuffle,
}
COMMANDS = (
    ["validate", "--format", "json"],
    ["rank", "--format", "json"],
    ["rank", "--units", "departments", "--format", "csv"],
    ["colors", "--format", "md"],
    ["accountability", "--format", "json"],
    ["bulletin", "--force", "--date", "2026-11-05"],
)
BULLETIN_FORMATS = (
    "md",
    "html",
    "docx",
)  # one per case, in turn: each is exercised, none every time


class Workspace:
    """A copy of the base repository in which one file at a time is mutated and restored."""

    def __init__(self, root: Path) -> None:
        self.data = root / "data"
        self.out = root / "out"
        shutil.rmtree(root, ignore_errors=True)
        shutil.copytree(BASE, self.data)
        self.files = sorted(
            p.relative_to(self.data).as_posix() for p in self.data.rglob("*") if p.is_file()
        )
        self.runner = CliRunner()

    def run_case(
        self, file: str, mutation: str, seed: int, *, every_command: bool = True
    ) -> str | None:
        """Mutate ``file``, run the commands, restore it; None when all ended cleanly.

        With ``every_command`` all commands run; otherwise ``validate`` and one more, chosen
        by the seed in turn (the long ``make fuzz`` session: three times the cases an hour)."""
        target = self.data / file
        original = (BASE / file).read_bytes()
        target.write_bytes(MUTATIONS[mutation](original, random.Random(seed)))
        commands = (
            COMMANDS if every_command else (COMMANDS[0], COMMANDS[1 + seed % (len(COMMANDS) - 1)])
        )
        try:
            for command in commands:
                crash = self._run(command, seed)
                if crash:
                    return crash
        finally:
            target.write_bytes(original)
        return None

    def _run(self, command: list[str], seed: int) -> str | None:
        args = ["--data", str(self.data), "-q", "--no-cache", *command]
        if command[0] == "bulletin":
            args += ["--out", str(self.out), "--format", BULLETIN_FORMATS[seed % 3]]
        result = self.runner.invoke(app, args)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            return f"{' '.join(command)}: {type(result.exception).__name__}: {result.exception}"
        if result.exit_code not in (0, 1, 2):
            return f"{' '.join(command)}: exit code {result.exit_code}"
        if not (result.stdout.strip() or result.stderr.strip()):
            return f"{' '.join(command)}: said nothing"
        return None


# --- forms: mutated workbooks given to xjj import (issue 22) ----------------------------------

SAMPLE = Path(__file__).resolve().parents[1] / "data"
FORM_MONTH = "2026-11"
FORMS = (f"{FORM_MONTH}-古槐街道-月度数据.xlsx", f"{FORM_MONTH}-区供电公司-项目进度.xlsx")
"""The real forms mutated: a town form, and an owner form with its problems sheets."""
HOSTILE_TEXTS = (
    "50000000",
    "³",
    "３",
    "-1",
    "",
    "2026-11\n",
    "1e3",
    "0x10",
    " 3",
    "x" * 40_000,
    "\x85\u2028\x9b31m",
    "&#13;",
    '=HYPERLINK("http://example.com")',
    "zz",
    "99999999999999999999",
)
"""Values put in the hidden sheet and in the cells to fill."""
FAR_REFS = ("A1048576", "XFD1048576", "XFD1", "A0", "0", "ZZZZ9", "A99999999", "AAAA1", "")


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {info.filename: package.read(info) for info in package.infolist()}


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a duplicated name is one of the mutations
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
            for name, content in parts.items():
                package.writestr(name.split("\0")[0], content)
    return buffer.getvalue()


def _sheet_parts(parts: dict[str, bytes]) -> list[str]:
    return sorted(name for name in parts if name.endswith(".xml") and b"<sheetData" in parts[name])


def _on_parts(change: Callable[[dict[str, bytes], random.Random], None]) -> Mutation:
    def mutate(data: bytes, rnd: random.Random) -> bytes:
        parts = _parts(data)
        change(parts, rnd)
        return _zip(parts)

    return mutate


Mutation = Callable[[bytes, random.Random], bytes]


def _part_flip(parts: dict[str, bytes], rnd: random.Random) -> None:
    name = rnd.choice(sorted(parts))
    parts[name] = _flip(parts[name], rnd)


def _part_truncate(parts: dict[str, bytes], rnd: random.Random) -> None:
    name = rnd.choice(sorted(parts))
    parts[name] = _truncate(parts[name], rnd)


def _part_swap(parts: dict[str, bytes], rnd: random.Random) -> None:
    one, two = rnd.sample(sorted(parts), 2)
    parts[one], parts[two] = parts[two], parts[one]


def _part_drop(parts: dict[str, bytes], rnd: random.Random) -> None:
    del parts[rnd.choice(sorted(parts))]


def _part_twice(parts: dict[str, bytes], rnd: random.Random) -> None:
    name = rnd.choice(sorted(parts))
    parts[f"{name}\0twice"] = _flip(parts[name], rnd)  # written under the same name


def _relocate(parts: dict[str, bytes], rnd: random.Random) -> None:
    sheet = rnd.choice(_sheet_parts(parts))
    to = rnd.choice(("xl/media/a.xml", "customXml/item1.xml", "docProps/x.bin", "a.xml", sheet))
    content = parts.pop(sheet)
    if rnd.random() < 0.5:  # grown too: rows far below and cells far right
        rows = "".join(
            f'<row r="{rnd.randrange(1, 1_048_577)}"><c r="{rnd.choice(FAR_REFS)}"><v>1</v></c></row>'
            for _ in range(rnd.randrange(1, 2000))
        )
        content = content.replace(b"</sheetData>", rows.encode() + b"</sheetData>", 1)
    parts[to] = content
    for name in ("xl/_rels/workbook.xml.rels", "[Content_Types].xml"):
        if name in parts:
            parts[name] = parts[name].replace(f"/{sheet}".encode(), f"/{to}".encode())


def _dimension(parts: dict[str, bytes], rnd: random.Random) -> None:
    sheet = rnd.choice(_sheet_parts(parts))
    ref = f"A1:{rnd.choice(FAR_REFS) or 'A1'}"
    parts[sheet] = re.sub(
        rb'<dimension ref="[^"]*"/>', f'<dimension ref="{ref}"/>'.encode(), parts[sheet]
    )


def _cell_ref(parts: dict[str, bytes], rnd: random.Random) -> None:
    sheet = rnd.choice(_sheet_parts(parts))
    refs = list(re.finditer(rb'<c r="([A-Z]+[0-9]+)"', parts[sheet]))
    if refs:
        found = rnd.choice(refs)
        new = rnd.choice(FAR_REFS).encode()
        parts[sheet] = parts[sheet][: found.start(1)] + new + parts[sheet][found.end(1) :]


def _meta(parts: dict[str, bytes], rnd: random.Random) -> None:
    for sheet in _sheet_parts(parts):
        values = list(re.finditer(rb'<c r="B[0-9]" t="inlineStr"><is><t>([^<]*)</t>', parts[sheet]))
        if b">checksum<" in parts[sheet] and values:
            found = rnd.choice(values)
            new = _escaped(rnd.choice(HOSTILE_TEXTS))
            parts[sheet] = parts[sheet][: found.start(1)] + new + parts[sheet][found.end(1) :]
            return


def _value(parts: dict[str, bytes], rnd: random.Random) -> None:
    """A hostile value in a cell of a data or problems sheet: text, a number, a boolean, an
    error, a formula, a shared string past the table's end, a style past the stylesheet's."""
    sheet = rnd.choice(_sheet_parts(parts))
    cells = list(re.finditer(rb'<c r="([A-Z]+)([0-9]+)"[^>]*?(/>|>.*?</c>)', parts[sheet]))
    if not cells:
        return
    found = rnd.choice(cells)
    ref = (found.group(1) + found.group(2)).decode()
    text = _escaped(rnd.choice(HOSTILE_TEXTS)).decode()
    new = rnd.choice(
        (
            f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>',
            f'<c r="{ref}" t="n"><v>{rnd.choice(("1e308", "-1e999", "nan", "1.5", "٣"))}</v></c>',
            f'<c r="{ref}" t="b"><v>{rnd.choice(("1", "2", "x"))}</v></c>',
            f'<c r="{ref}" t="e"><v>#REF!</v></c>',
            f'<c r="{ref}"><f>E2+1</f><v>3</v></c>',
            f'<c r="{ref}" t="s"><v>{rnd.choice(("0", "99999", "-1"))}</v></c>',
            f'<c r="{ref}" s="{rnd.choice(("99999", "-1", "x"))}"><v>45</v></c>',
            f'<c r="{ref}" t="d"><v>{rnd.choice(("2026-11-05", "99999-01-01", "x"))}</v></c>',
        )
    )
    parts[sheet] = parts[sheet][: found.start()] + new.encode() + parts[sheet][found.end() :]


def _escaped(text: str) -> bytes:
    if text == "&#13;":
        return b"12&#13;34"
    return text.replace("&", "&amp;").replace("<", "&lt;").encode("utf-8", "surrogatepass")


FORM_MUTATIONS: dict[str, Mutation] = {
    "truncate": _truncate,
    "flip": _flip,
    "part_flip": _on_parts(_part_flip),
    "part_truncate": _on_parts(_part_truncate),
    "part_swap": _on_parts(_part_swap),
    "part_drop": _on_parts(_part_drop),
    "part_twice": _on_parts(_part_twice),
    "relocate": _on_parts(_relocate),
    "dimension": _on_parts(_dimension),
    "cell_ref": _on_parts(_cell_ref),
    "meta": _on_parts(_meta),
    "value": _on_parts(_value),
}
"""How a form is mutated: its zip's bytes, or the parts inside it."""


class FormWorkspace:
    """A copy of the sample repository and two real forms of it, filled as a clerk would; one
    case at a time, a form is mutated and given to ``xjj import --dry-run``."""

    def __init__(self, root: Path) -> None:
        from openpyxl import load_workbook

        from xjj_cli.commands.forms import forms_files

        shutil.rmtree(root, ignore_errors=True)
        self.data = root / "data"
        shutil.copytree(SAMPLE, self.data)
        forms_files(self.data, FORM_MONTH, root / "blank")
        self.forms: list[bytes] = []
        for name in FORMS:
            book = load_workbook(root / "blank" / name)
            _fill(book)
            book.save(root / name)
            self.forms.append((root / name).read_bytes())
        self.target = root / "case.xlsx"
        self.runner = CliRunner()

    def run_case(self, form: int, mutation: str, seed: int) -> str | None:
        """Import form ``form`` mutated by ``mutation`` with ``seed``; None when the command
        ended cleanly."""
        self.target.write_bytes(FORM_MUTATIONS[mutation](self.forms[form], random.Random(seed)))
        args = ["--data", str(self.data), "import", "--dry-run", str(self.target)]
        result = self.runner.invoke(app, args)
        said = result.stdout + result.stderr
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            return f"import: {type(result.exception).__name__}: {result.exception}"
        if result.exit_code not in (0, 1, 2):
            return f"import: exit code {result.exit_code}"
        if not said.strip():
            return "import: said nothing"
        if "内部错误" in said or "Traceback" in said:
            return f"import: {said[-500:]}"
        return None


def _fill(book: Any) -> None:
    """Fill a form the way a clerk would: every figure, a note, a date solved, a new problem."""
    for sheet in book.worksheets:
        if sheet.title == "月度数据":
            for row in range(2, sheet.max_row + 1):
                sheet[f"F{row}"] = int(sheet[f"E{row}"].value or 0) + row
        elif sheet.title == "项目进度":
            for row in range(2, sheet.max_row + 1):
                sheet[f"F{row}"] = float(sheet[f"D{row}"].value or 0) + 1
                sheet[f"G{row}"] = f"{float(sheet[f'E{row}'].value or 0) + 10:,.0f}万元"
                sheet[f"H{row}"] = "按计划推进"
        elif sheet.title == "待解决问题" and sheet.max_row >= 2:
            sheet["G2"] = "2026年11月30日"
        elif sheet.title == "新增问题":
            sheet["B2"] = book["项目进度"]["B2"].value
            sheet["C2"] = "施工用电手续待办"
            sheet["D2"] = "区住建局"
            sheet["E2"] = "2026/12/15"
