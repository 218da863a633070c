"""Hostile fill-in workbooks (issue 22): each made from a real form by editing its zip package,
for the import tests (tests/forms/test_import_hostile.py), the forms fuzz (tests/fuzzing.py) and the
timing in bench/hostile_corpus.py.

A case is a function ``make(form, target)`` that writes a hostile copy of the form ``form``
to ``target``; ``CASES`` names them with what the refusal must name (a part, a sheet, a cell).
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeAlias

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
STRINGS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
META = "_xjj"

Content: TypeAlias = bytes | Callable[[], Iterator[bytes]]
"""A part's bytes, or a function giving them in chunks (a part too big to hold)."""


def read_parts(path: Path) -> dict[str, bytes]:
    """Every part of the package, by name, in the package's order."""
    with zipfile.ZipFile(path) as package:
        return {info.filename: package.read(info) for info in package.infolist()}


def write_parts(path: Path, parts: dict[str, Content], *, stored: bool = False) -> None:
    """A package of ``parts``, each deflated (or ``stored`` as they are)."""
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(path, "w", method, compresslevel=9) as package:
        for name, content in parts.items():
            with package.open(name, "w") as stream:
                for chunk in _chunks(content):
                    stream.write(chunk)


def _chunks(content: Content) -> Iterator[bytes]:
    return iter([content]) if isinstance(content, bytes) else content()


def sheet_parts(parts: dict[str, bytes]) -> dict[str, str]:
    """The part of each sheet, by the sheet's name (from the workbook and its relationships)."""
    workbook = parts["xl/workbook.xml"].decode("utf-8")
    rels = parts["xl/_rels/workbook.xml.rels"].decode("utf-8")
    targets = {
        m.group("id"): m.group("target")
        for m in re.finditer(
            r'<Relationship [^>]*?Target="(?P<target>[^"]+)" Id="(?P<id>[^"]+)"', rels
        )
    }
    found = {}
    for m in re.finditer(
        r'<sheet [^>]*?name="(?P<name>[^"]+)"[^>]*?r:id="(?P<id>[^"]+)"', workbook
    ):
        name = _unescape(m.group("name"))
        target = targets[m.group("id")]
        found[name] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return found


def _unescape(text: str) -> str:
    return re.sub(r"&#([0-9]+);", lambda m: chr(int(m.group(1))), text)


def data_sheet(parts: dict[str, bytes]) -> tuple[str, str]:
    """The data sheet's name and part (the second sheet, after the instructions)."""
    name = list(sheet_parts(parts))[1]
    return name, sheet_parts(parts)[name]


def edit(
    form: Path, target: Path, change: Callable[[dict[str, bytes]], None], *, stored: bool = False
) -> None:
    """Write ``form`` to ``target`` with its parts changed by ``change``."""
    parts = read_parts(form)
    change(parts)
    write_parts(target, dict(parts), stored=stored)


def set_meta(parts: dict[str, bytes], key: str, value: str) -> None:
    """Set the hidden sheet's value of ``key`` (an inline string) to ``value``."""
    part = sheet_parts(parts)[META]
    xml = parts[part].decode("utf-8")
    pattern = (
        rf'(<c r="A(?P<row>[0-9]+)" t="inlineStr"><is><t>{key}</t></is></c>'
        r'<c r="B(?P=row)" t="inlineStr"><is><t>)[^<]*(</t>)'
    )
    escaped = value.replace("&", "&amp;").replace("<", "&lt;")
    xml, count = re.subn(pattern, lambda m: m.group(1) + escaped + m.group(3), xml)
    assert count == 1, key
    parts[part] = xml.encode("utf-8")


def add_row(parts: dict[str, bytes], part: str, row_xml: str) -> None:
    """Append a ``<row>`` to a sheet's data."""
    xml = parts[part].decode("utf-8")
    parts[part] = xml.replace("</sheetData>", f"{row_xml}</sheetData>", 1).encode("utf-8")


def add_shared_strings(parts: dict[str, bytes], name: str, xml: bytes) -> None:
    """Add a shared strings part at ``name`` (any path: the content type finds it)."""
    parts[name] = xml
    types = parts["[Content_Types].xml"].decode("utf-8")
    override = f'<Override PartName="/{name}" ContentType="{STRINGS_TYPE}"/>'
    parts["[Content_Types].xml"] = types.replace("</Types>", f"{override}</Types>").encode()
    rels = parts["xl/_rels/workbook.xml.rels"].decode("utf-8")
    rel = f'<Relationship Type="{STRINGS_REL}" Target="/{name}" Id="rIdS"/>'
    parts["xl/_rels/workbook.xml.rels"] = rels.replace(
        "</Relationships>", f"{rel}</Relationships>"
    ).encode()


def relocate(parts: dict[str, bytes], part: str, to: str) -> None:
    """Move a part elsewhere in the package, its relationship and content type following."""
    parts[to] = parts.pop(part)
    for name in ("xl/_rels/workbook.xml.rels", "[Content_Types].xml"):
        parts[name] = parts[name].replace(f"/{part}".encode(), f"/{to}".encode())


def many_rows(count: int, first: int = 100, cells: str = "A") -> str:
    """``count`` rows of one short text cell each, from row ``first``."""
    return "".join(
        f'<row r="{first + i}"><c r="{cells}{first + i}" t="inlineStr"><is><t>x</t></is></c></row>'
        for i in range(count)
    )


# --- the cases --------------------------------------------------------------------------------


def zip_bomb(form: Path, target: Path) -> None:
    """The styles part inflates to 300 MB of spaces (about 300 kB packed, ratio ~1000)."""
    parts: dict[str, Content] = dict(read_parts(form))
    styles = read_parts(form)["xl/styles.xml"]
    parts["xl/styles.xml"] = lambda: iter([*(b" " * 1_000_000 for _ in range(300)), styles])
    write_parts(target, parts)


def entity_bomb(form: Path, target: Path) -> None:
    """Billion laughs in a shared strings part: ten levels of ten entities (10^9 "lol")."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    ]
    xml = (
        '<?xml version="1.0"?><!DOCTYPE sst [' + "".join(entities) + "]>"
        f'<sst xmlns="{MAIN}" count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>'
    ).encode()

    def change(parts: dict[str, bytes]) -> None:
        add_shared_strings(parts, "xl/sharedStrings.xml", xml)
        _, part = data_sheet(parts)
        add_row(parts, part, '<row r="60"><c r="A60" t="s"><v>0</v></c></row>')

    edit(form, target, change)


def entity_bomb_in_workbook(form: Path, target: Path) -> None:
    """Billion laughs in the workbook part (read by lxml, not expat)."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    ]

    def change(parts: dict[str, bytes]) -> None:
        xml = parts["xl/workbook.xml"].decode()
        doctype = "<!DOCTYPE workbook [" + "".join(entities) + "]>"
        xml = doctype + xml.replace("<workbookPr/>", "<workbookPr codeName='&lol9;'/>")
        parts["xl/workbook.xml"] = xml.encode()

    edit(form, target, change)


def relocated_sheet(form: Path, target: Path) -> None:
    """The data sheet moved out of xl/worksheets/ and grown to ~24 MB of rows (2 MB packed)."""

    def change(parts: dict[str, bytes]) -> None:
        _, part = data_sheet(parts)
        rows = "".join(
            f'<row r="{r}">'
            + "".join(f'<c r="{col}{r}" t="n"><v>{r}</v></c>' for col in "IJKLMNOP")
            + "</row>"
            for r in range(100, 60_000)
        )
        add_row(parts, part, rows)
        relocate(parts, part, "xl/media/image1.xml")

    edit(form, target, change)


def relocated_sheet_small(form: Path, target: Path) -> None:
    """The data sheet moved out of xl/worksheets/ (under every size limit): still read."""

    def change(parts: dict[str, bytes]) -> None:
        _, part = data_sheet(parts)
        relocate(parts, part, "customXml/item9.xml")

    edit(form, target, change)


def huge_shared_strings(form: Path, target: Path) -> None:
    """A shared strings part of 4 million entries (~100 MB unpacked), put outside xl/."""
    parts = read_parts(form)
    add_shared_strings(parts, "docProps/strings.xml", b"")
    entries = b"<si><t>abcdefghijk</t></si>" * 40_000
    streamed: dict[str, Content] = dict(parts)
    streamed["docProps/strings.xml"] = lambda: iter(
        [f'<sst xmlns="{MAIN}">'.encode(), *(entries for _ in range(100)), b"</sst>"]
    )
    write_parts(target, streamed)


def far_cell(ref: str) -> Callable[[Path, Path], None]:
    """One text cell at ``ref`` in the data sheet (and a dimension that says so)."""
    row = re.sub(r"[A-Z]+", "", ref)

    def make(form: Path, target: Path) -> None:
        def change(parts: dict[str, bytes]) -> None:
            _, part = data_sheet(parts)
            add_row(
                parts,
                part,
                f'<row r="{row}"><c r="{ref}" t="inlineStr"><is><t>x</t></is></c></row>',
            )
            xml = parts[part].decode()
            parts[part] = re.sub(
                r'<dimension ref="[^"]*"/>', f'<dimension ref="A1:{ref}"/>', xml
            ).encode()

        edit(form, target, change)

    make.__doc__ = f"One cell at {ref}."
    return make


def far_row_empty(form: Path, target: Path) -> None:
    """An empty styled row at 1048576 and a dimension of the whole grid: nothing to refuse."""

    def change(parts: dict[str, bytes]) -> None:
        _, part = data_sheet(parts)
        add_row(
            parts, part, '<row r="1048576" ht="20" customHeight="1"><c r="XFD1048576" s="4"/></row>'
        )
        xml = parts[part].decode()
        parts[part] = re.sub(
            r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD1048576"/>', xml
        ).encode()

    edit(form, target, change)


def meta_value(key: str, value: str) -> Callable[[Path, Path], None]:
    """The hidden sheet's ``key`` set to ``value``."""

    def make(form: Path, target: Path) -> None:
        edit(form, target, lambda parts: set_meta(parts, key, value))

    make.__doc__ = f"_xjj {key} = {value!r}"
    return make


def many_sheets(form: Path, target: Path) -> None:
    """Two thousand sheets declared, each the data sheet's part (parsed once each?)."""

    def change(parts: dict[str, bytes]) -> None:
        _, part = data_sheet(parts)
        add_row(parts, part, many_rows(20_000, first=200, cells="Z"))
        sheets = "".join(
            f'<sheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
            f' name="s{i}" sheetId="{10 + i}" state="visible" r:id="rId2"/>'
            for i in range(2000)
        )
        xml = parts["xl/workbook.xml"].decode()
        parts["xl/workbook.xml"] = xml.replace("</sheets>", f"{sheets}</sheets>").encode()

    edit(form, target, change)


def many_entries(form: Path, target: Path) -> None:
    """Twenty thousand empty parts beside the real ones."""

    def change(parts: dict[str, bytes]) -> None:
        for i in range(20_000):
            parts[f"customXml/e{i}.xml"] = b""

    edit(form, target, change)


def bzip2_part(form: Path, target: Path) -> None:
    """A part compressed with bzip2 (Excel never writes one; bzip2 inflates without a bound)."""
    parts = read_parts(form)
    with zipfile.ZipFile(target, "w") as package:
        for name, data in parts.items():
            kind = zipfile.ZIP_BZIP2 if name == "xl/styles.xml" else zipfile.ZIP_DEFLATED
            package.writestr(name, data, compress_type=kind)


def lying_sizes(form: Path, target: Path) -> None:
    """The data sheet inflates to 200 MB while both its headers say 6 kB."""
    parts: dict[str, Content] = dict(read_parts(form))
    _, part = data_sheet(read_parts(form))
    sheet = read_parts(form)[part]
    head = sheet.split(b"</worksheet>")[0]
    parts[part] = lambda: iter([head, *(b" " * 1_000_000 for _ in range(200)), b"</worksheet>"])
    write_raw(target, parts, declared={part: len(sheet)})


def write_raw(path: Path, parts: dict[str, Content], declared: dict[str, int]) -> None:
    """A package written by hand, so that the sizes its headers declare can lie: each part
    deflated, the unpacked size of a part of ``declared`` said to be that number (in the local
    header and the central directory alike), its CRC the true one."""
    out = bytearray()
    central = bytearray()
    for name, content in parts.items():
        packer = zlib.compressobj(9, zlib.DEFLATED, -15)
        packed, crc, size = bytearray(), 0, 0
        for chunk in _chunks(content):
            packed += packer.compress(chunk)
            crc, size = zlib.crc32(chunk, crc), size + len(chunk)
        packed += packer.flush()
        said = declared.get(name, size)
        encoded = name.encode()
        offset = len(out)
        out += struct.pack(
            "<4s5H3I2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(packed), said, len(encoded), 0
        )
        out += encoded + packed
        central += struct.pack(
            "<4s6H3I5H2I",
            b"PK\x01\x02",
            20,
            20,
            0,
            8,
            0,
            0,
            crc,
            len(packed),
            said,
            len(encoded),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        central += encoded
    count = len(parts)
    end = struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, count, count, len(central), len(out), 0)
    path.write_bytes(bytes(out + central + end))


def doctype_in_sheet(form: Path, target: Path) -> None:
    """A harmless DOCTYPE in the hidden sheet (xlsx parts never have one)."""

    def change(parts: dict[str, bytes]) -> None:
        part = sheet_parts(parts)[META]
        parts[part] = b'<!DOCTYPE worksheet [<!ENTITY a "2">]>' + parts[part]

    edit(form, target, change)


def control_in_file_name(form: Path, target: Path) -> None:
    """A plain copy (the hostile part is the name the test gives it)."""
    target.write_bytes(form.read_bytes())


@dataclass(frozen=True)
class Case:
    """A hostile workbook and what its refusal names besides the file (empty: nothing more)."""

    name: str
    make: Callable[[Path, Path], None]
    names: tuple[str, ...] = ()
    form: str = "town"
    refused: bool = True
    """False when the workbook is read (a harmless oddity)."""


CASES = (
    Case("zip_bomb", zip_bomb, ("xl/styles.xml",)),
    Case("entity_bomb", entity_bomb, ("xl/sharedStrings.xml",)),
    Case("entity_bomb_in_workbook", entity_bomb_in_workbook, ("xl/workbook.xml",)),
    Case("relocated_sheet", relocated_sheet, ("xl/media/image1.xml",)),
    Case("relocated_sheet_small", relocated_sheet_small, refused=False),
    Case("huge_shared_strings", huge_shared_strings, ("docProps/strings.xml",)),
    Case("far_cell_A1048576", far_cell("A1048576"), ("月度数据!A1048576",)),
    Case("far_cell_XFD1048576", far_cell("XFD1048576"), ("月度数据!XFD1048576",)),
    Case("far_row_empty", far_row_empty, refused=False),
    Case("rows_50000000", meta_value("rows", "50000000"), ("_xjj!B6",)),
    Case("rows_superscript", meta_value("rows", "³"), ("_xjj!B6",)),
    Case("rows_fullwidth", meta_value("rows", "３"), ("_xjj!B6",)),
    Case("new_rows_huge", meta_value("new_rows", "99999999999999999999"), ("_xjj!B9",), "owner"),
    Case("month_newline", meta_value("month", "2026-11\n"), ("_xjj!B3",)),
    Case("unit_unknown", meta_value("unit", "nowhere"), ("_xjj!B4",)),
    Case("unit_long", meta_value("unit", "x\r" * 20_000), ("_xjj!B4",)),
    Case("checksum_short", meta_value("checksum", "abc"), ("_xjj!B7",)),
    Case("version_unknown", meta_value("version", "99"), ("_xjj!B2",)),
    Case("many_sheets", many_sheets),
    Case("many_entries", many_entries),
    Case("bzip2_part", bzip2_part, ("xl/styles.xml",)),
    Case("lying_sizes", lying_sizes),
    Case("doctype_in_sheet", doctype_in_sheet),
)
"""Every hostile workbook of the corpus."""


# --- the largest workbooks the package bounds let through (bench/hostile_corpus.py) -------------
# Stored, not deflated: a part this repetitive would inflate more than package.MAX_RATIO.

PART = 2 * 1024 * 1024 - 4096
"""A part just under package.MAX_PART_BYTES."""


def _filler(unit: bytes, room: int) -> bytes:
    return unit * (room // len(unit))


def dense_sheet(form: Path, target: Path) -> None:
    """The data sheet's first item row padded with empty cells far right, to the largest part
    allowed."""

    def change(parts: dict[str, bytes]) -> None:
        _, part = data_sheet(parts)
        xml = parts[part]
        end = xml.index(b"</row>", xml.index(b'<row r="2"'))
        pad = _filler(b'<c r="ZZ2" s="4"/>', PART - len(xml))
        parts[part] = xml[:end] + pad + xml[end:]

    edit(form, target, change, stored=True)


def styles_at_the_bound(form: Path, target: Path) -> None:
    """A stylesheet of some 40,000 cell formats (the largest part allowed)."""

    def change(parts: dict[str, bytes]) -> None:
        xml = parts["xl/styles.xml"]
        end = xml.index(b">", xml.index(b"<cellXfs")) + 1
        pad = _filler(b'<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>', PART - len(xml))
        parts["xl/styles.xml"] = xml[:end] + pad + xml[end:]

    edit(form, target, change, stored=True)


def strings_at_the_bound(form: Path, target: Path) -> None:
    """A shared strings part of some 110,000 entries (the largest part allowed)."""
    head, tail = f'<sst xmlns="{MAIN}">'.encode(), b"</sst>"
    xml = head + _filler(b"<si><t>ab</t></si>", PART - len(head) - len(tail)) + tail

    def change(parts: dict[str, bytes]) -> None:
        add_shared_strings(parts, "xl/sharedStrings.xml", xml)

    edit(form, target, change, stored=True)


def merged_at_the_bound(form: Path, target: Path) -> None:
    """Some 80,000 merged ranges in the data sheet."""

    def change(parts: dict[str, bytes]) -> None:
        _, part = data_sheet(parts)
        xml = parts[part]
        merges = _filler(b'<mergeCell ref="J1:K2"/>', PART - len(xml) - 30)
        block = b"<mergeCells>" + merges + b"</mergeCells>"
        parts[part] = xml.replace(b"</sheetData>", b"</sheetData>" + block, 1)

    edit(form, target, change, stored=True)


def rows_at_the_bound(form: Path, target: Path) -> None:
    """Some 50,000 empty rows of a set height below the form's."""

    def change(parts: dict[str, bytes]) -> None:
        _, part = data_sheet(parts)
        xml = parts[part].decode()
        rows = "".join(f'<row r="{r}" ht="20" customHeight="1"/>' for r in range(10, 50_010))
        parts[part] = xml.replace("</sheetData>", f"{rows}</sheetData>", 1).encode()

    edit(form, target, change, stored=True)


def sheets_at_the_bound(form: Path, target: Path) -> None:
    """Nine sheets more (twelve in all, the most allowed), each the data sheet padded to the
    largest part allowed and without a dimension."""

    def change(parts: dict[str, bytes]) -> None:
        _, part = data_sheet(parts)
        xml = parts[part]
        end = xml.index(b"</row>", xml.index(b'<row r="2"'))
        parts[part] = xml[:end] + _filler(b'<c r="ZZ2" s="4"/>', PART - len(xml)) + xml[end:]
        # without a <dimension>, openpyxl reads each sheet whole to open the workbook
        parts[part] = re.sub(rb'<dimension ref="[^"]*"/>', b"", parts[part])
        sheets = "".join(
            f'<sheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
            f' name="s{i}" sheetId="{10 + i}" state="visible" r:id="rId2"/>'
            for i in range(9)
        )
        book = parts["xl/workbook.xml"].decode()
        parts["xl/workbook.xml"] = book.replace("</sheets>", f"{sheets}</sheets>").encode()

    edit(form, target, change, stored=True)


AT_THE_BOUNDS = (
    Case("dense_sheet", dense_sheet, refused=False),
    Case("styles_at_the_bound", styles_at_the_bound, refused=False),
    Case("strings_at_the_bound", strings_at_the_bound, refused=False),
    Case("merged_at_the_bound", merged_at_the_bound, ("月度数据!J1:K2",)),
    Case("rows_at_the_bound", rows_at_the_bound, refused=False),
    Case("sheets_at_the_bound", sheets_at_the_bound, refused=False),
)
"""Workbooks as large as the bounds let through: read (or refused) in bounded memory."""
