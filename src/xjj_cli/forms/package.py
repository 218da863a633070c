"""A filled workbook's file and zip package, read and bounded before any of its XML is parsed
(issue 22).

A form comes by email from anyone: its path may name a folder or a named pipe, its zip may
declare sizes it does not have, inflate a thousandfold, hold thousands of parts, bzip2 parts
that inflate without a bound, or a DTD whose entities expand without one. ``read_package``
opens regular files only, reads at most ``MAX_BYTES``, then unpacks every part with a cap
(whatever its headers declare), checks the sizes, the ratio and the count, and refuses any
DTD — so that what openpyxl parses afterwards is small. It returns the file's bytes: openpyxl
reads those, never the path again (a file swapped meanwhile is never read).
"""

from __future__ import annotations

import errno
import io
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any
from xml.parsers import expat

from xjj_cli.messages.errors import SPECIAL_FILES, os_reason
from xjj_cli.regular import NotRegularError, TooLargeError, read_regular

MAX_BYTES = 5 * 1024 * 1024
"""The largest workbook read: a form is tens of rows, a few tens of kilobytes."""
MAX_PART_BYTES = 2 * 1024 * 1024
"""The largest part of the package, unpacked: a form's sheets are tens of kilobytes; two
megabytes is some forty thousand rows. Every part is bounded, wherever the package's
relationships put it (a worksheet may be anywhere, and so may the shared strings)."""
MAX_TOTAL_BYTES = 16 * 1024 * 1024
"""The largest package, all its parts unpacked."""
MAX_PARTS = 256
"""The most parts in a package (a form saved by Excel or WPS has about fifteen)."""
MAX_RATIO = 100
"""The most a part larger than ``RATIO_FROM`` may inflate (XML packs some 5 to 15 times;
a zip bomb a thousand times)."""
RATIO_FROM = 64 * 1024
MAX_SHEETS = 12
"""The most sheets a workbook may declare (a form has three or five): openpyxl reads the
size of each when it opens the workbook (the whole sheet when it has no ``<dimension>``),
and every one may be the same part of ``MAX_PART_BYTES``."""

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, .et and password-protected workbooks
_ZIP = b"PK\x03\x04"
_DAMAGED = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    struct.error,
    OSError,
    ValueError,
    EOFError,
    NotImplementedError,  # a compression zipfile does not know
    RuntimeError,  # an encrypted part
)
"""What zipfile raises on a damaged package or part."""


class PackageRefused(Exception):
    """The file is not read further: ``key`` of the import messages, with its ``params``."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def read_package(path: Path) -> bytes:
    """The bytes of the workbook at ``path``, checked: a regular file of at most ``MAX_BYTES``,
    an .xlsx zip package whose parts are all bounded and free of DTDs."""
    data = read_file(path)
    if data.startswith(_OLE2):
        raise PackageRefused("old_format")
    if not data.startswith(_ZIP):
        raise PackageRefused("text" if _looks_like_text(data) else "not_workbook")
    check_zip(data)
    return data


def read_file(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of the regular file ``path``; a folder, a named pipe, a device or a socket is
    refused by what it is (``regular.read_regular``: before it is opened and again after)."""
    try:
        return read_regular(path, limit)[0]
    except NotRegularError as exc:
        if exc.kind == "folder":
            raise PackageRefused("folder") from exc
        raise PackageRefused("special", kind=SPECIAL_FILES[exc.kind]) from exc
    except TooLargeError as exc:
        raise _too_big(exc.size, limit) from exc
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            raise PackageRefused("missing") from exc
        raise PackageRefused("unreadable_file", reason=os_reason(exc)) from exc


def _too_big(size: int, limit: int) -> PackageRefused:
    return PackageRefused("too_big", size=f"{size / 1024 / 1024:.1f}", limit=_mb(limit))


def _looks_like_text(data: bytes) -> bool:
    sample = data[:4096]
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        return b"\x00" not in sample
    return False


def check_zip(data: bytes) -> None:
    """Refuse a zip package that is not a plain .xlsx package of bounded parts: every part is
    unpacked here with a cap (a header may lie about its size), its XML checked for a DTD."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        infos = package.infolist()
    except _DAMAGED as exc:
        raise PackageRefused("not_workbook") from exc
    names = {info.filename for info in infos}
    if len(infos) > MAX_PARTS:
        raise PackageRefused("too_many_parts", count=len(infos), limit=MAX_PARTS)
    if "mimetype" in names and b"opendocument" in _part(package, package.getinfo("mimetype")):
        raise PackageRefused("ods")
    if "xl/workbook.xml" not in names:
        raise PackageRefused("not_workbook")
    declared = 0
    for info in infos:
        _check_declared(info)
        declared += info.file_size
        if declared > MAX_TOTAL_BYTES:
            raise PackageRefused("package_too_big", limit=_mb(MAX_TOTAL_BYTES))
    sheets = 0
    for info in infos:
        sheets += _check_xml(info.filename, _part(package, info))
        if sheets > MAX_SHEETS:
            raise PackageRefused("too_many_sheets", limit=MAX_SHEETS)


def _check_declared(info: zipfile.ZipInfo) -> None:
    """What the headers say of a part: how it is packed, and how large it is."""
    if info.flag_bits & 0x1 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise PackageRefused("damaged", part=info.filename)  # encrypted, bzip2, lzma …
    if info.file_size > MAX_PART_BYTES:
        raise PackageRefused("part_too_big", part=info.filename, limit=_mb(MAX_PART_BYTES))
    if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        ratio = info.file_size // max(info.compress_size, 1)
        raise PackageRefused("compression", part=info.filename, ratio=ratio)


def _part(package: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """A part unpacked, never more than ``MAX_PART_BYTES`` of it (zipfile checks its CRC)."""
    try:
        with package.open(info) as stream:
            data = stream.read(MAX_PART_BYTES + 1)
    except _DAMAGED as exc:
        raise PackageRefused("damaged", part=info.filename) from exc
    if len(data) > MAX_PART_BYTES:
        raise PackageRefused("part_too_big", part=info.filename, limit=_mb(MAX_PART_BYTES))
    return data


class _Doctype(Exception):
    pass


_ENCODING_ERRORS = frozenset(
    expat.errors.codes[error]
    for error in (
        expat.errors.XML_ERROR_UNKNOWN_ENCODING,
        expat.errors.XML_ERROR_INCORRECT_ENCODING,
    )
)
_UTF32_STARTS = frozenset(
    {b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00", b"\x00\x00\xff\xfe", b"\xfe\xff\x00\x00"}
    | {bytes(i) + b"<" + bytes(3 - i) for i in range(4)}
)
"""The first bytes of UTF-32 XML (a byte order mark, or ``<`` in each byte order): expat
cannot read it, lxml can."""


def _check_xml(name: str, data: bytes) -> int:
    """Refuse a DTD in a part (no part of an .xlsx package has one; its entities are how XML
    bombs expand); the number of ``sheet`` elements the part declares. A part that is not XML
    (an image) is left to whoever reads it; a part in an encoding expat cannot read (GB18030,
    UTF-7, UTF-32, a name it does not know) is refused, since lxml, which openpyxl uses for
    some parts, may read it and its DTD (Excel and WPS write UTF-8)."""
    if data[:4] in _UTF32_STARTS:
        raise PackageRefused("encoding", part=name)
    parser = expat.ParserCreate(namespace_separator=" ")
    sheets = 0

    def doctype(*_: object) -> None:
        raise _Doctype

    def element(tag: str, _: object) -> None:
        nonlocal sheets
        if tag.rpartition(" ")[2] == "sheet":
            sheets += 1

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    parser.StartElementHandler = element
    try:
        parser.Parse(data, True)
    except _Doctype as exc:
        raise PackageRefused("doctype", part=name) from exc
    except (ValueError, LookupError) as exc:  # pyexpat's own: a codec it cannot use
        raise PackageRefused("encoding", part=name) from exc
    except expat.ExpatError as exc:
        if exc.code in _ENCODING_ERRORS:
            raise PackageRefused("encoding", part=name) from exc
        # else not XML, or not well-formed: openpyxl refuses it if it reads it
    return sheets


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:g}"
