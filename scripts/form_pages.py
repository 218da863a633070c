"""Page images of every kind of fill-in form as printed on A4 (issue 26): ``xjj forms`` for
2026-11 on a copy of the sample, one workbook of each kind laid out by LibreOffice with the
workbook's own print setup (tests/formprint.py), the first page of each of its printed sheets
stacked top to bottom into docs/form-<kind>-print.png (town, owner, unit, and any kind added
later). `make form-pages`; tests/forms/test_forms.py checks the same PDFs (A4, 9 pt or more,
one page wide).
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from formprint import PrintedForm, one_of_each_kind, print_forms  # noqa: E402

MONTH = "2026-11"
DPI = 72
"""One pixel a point: an A4 landscape page is 842 × 595."""
GAP = 12
"""The grey band (pixels) between two pages of an image."""
DOCS = ROOT / "docs"


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="xjj-form-pages-") as temp:
        work = Path(temp)
        shutil.copytree(ROOT / "data", work / "data")
        xjj = Path(sys.executable).with_name("xjj")
        forms = str(work / "forms")
        subprocess.run(
            [str(xjj), "--data", str(work / "data"), "forms", "--month", MONTH, "--out", forms],
            check=True,
            capture_output=True,
        )
        printed = print_forms(one_of_each_kind(work / "forms"), work / "pdf")
        for old in DOCS.glob("form-*-print.png"):
            old.unlink()
        for form in printed:
            target = DOCS / f"form-{form.kind}-print.png"
            target.write_bytes(stacked_png([page(form, s.start, work) for _, _, s in form.sheets]))
            sheets = "、".join(f"{title}（{len(pages)}页）" for title, _, pages in form.sheets)
            print(f"{target.relative_to(ROOT)}：{form.workbook.name}，{sheets}")
    return 0


def page(form: PrintedForm, number: int, work: Path) -> tuple[int, int, bytes]:
    """Page ``number`` of the form's PDF as (width, height, RGB bytes), by pdftoppm."""
    stem = work / f"{form.kind}-{number}"
    files = [str(form.pdf), str(stem)]
    subprocess.run(
        ["pdftoppm", "-r", str(DPI), "-f", str(number), "-l", str(number), "-singlefile", *files],
        check=True,
    )
    data = stem.with_suffix(".ppm").read_bytes()
    magic, width, height, depth = data.split(maxsplit=4)[:4]
    assert magic == b"P6" and depth == b"255", "pdftoppm wrote no 8-bit PPM"
    header = len(b" ".join([magic, width, height, depth])) + 1
    w, h = int(width), int(height)
    return w, h, data[header : header + w * h * 3]


def stacked_png(pages: list[tuple[int, int, bytes]]) -> bytes:
    """The pages one below the other (a grey band between, white right of a narrower one) as
    a PNG (8-bit RGB), written with zlib alone."""
    width = max(w for w, _, _ in pages)
    rows: list[bytes] = []
    for index, (w, h, pixels) in enumerate(pages):
        if index:
            rows.extend([b"\xc0" * 3 * width] * GAP)
        pad = b"\xff" * 3 * (width - w)
        rows.extend(pixels[y * w * 3 : (y + 1) * w * 3] + pad for y in range(h))
    raw = b"".join(b"\x00" + row for row in rows)

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, len(rows), 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


if __name__ == "__main__":
    sys.exit(main())
