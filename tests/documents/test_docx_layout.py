"""The DOCX laid out by LibreOffice, page by page, as a printer prints it (the blank pages
LibreOffice inserts itself included: realapps.docx_to_pdf): the 版头 opens the first page,
every annex starts its page with 附件N, a page of text holds 22 lines at most, and the 版记 is
at the foot of the last page: on the page where the text ends when it has room there, alone
on the next page when it has not, never after a blank page — but in a document with annexes,
printed on both sides, alone on an even last page (封四) (docs/decisions.md). Checked for
the fixture ending at different heights, the sample bulletin and every sample notice: a
notice whose text takes at most a page and a half prints on 2 pages."""

from __future__ import annotations

import re
import tempfile
from functools import cache
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SAMPLE
from documents.test_docx import sample
from documents.test_docx_form import markdown
from realapps import docx_to_pdf, pdf_lines
from xjj_cli.cli import app
from xjj_cli.render.docx import render_docx

pytestmark = pytest.mark.needs("soffice", "pdftotext")

TOP, BOTTOM = 37 * 72 / 25.4, (297 - 35) * 72 / 25.4  # the type area, in points from the top
Pages = list[list[tuple[float, float, str]]]


_ANNEX = re.compile(r'<div class="annex">\n.*?\n</div>\n', re.S)


@cache
def laid_out(extra: int | None, annexes: bool = True) -> Pages:
    """The fixture with ``extra`` body paragraphs (None: the sample bulletin), without its
    annexes when asked (then the text's end moves with ``extra``), as LibreOffice lays it
    out."""
    folder = Path(tempfile.mkdtemp())
    source = sample()[1] if extra is None else markdown(extra)
    if not annexes:
        source = _ANNEX.sub("", source)
    path = folder / "document.docx"
    path.write_bytes(render_docx(source))
    return pdf_lines(docx_to_pdf(path, folder))


@cache
def notices_laid_out() -> dict[str, Pages]:
    """Every notice `xjj notices` writes for the sample's 2026-10 (by file stem), as
    LibreOffice lays it out."""
    folder = Path(tempfile.mkdtemp())
    arguments = ["--data", str(SAMPLE), "notices", "--month", "2026-10"]
    arguments += ["--date", "2026-11-05", "--number-from", "13", "--out", str(folder)]
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code == 0, result.output
    return {
        path.stem: pdf_lines(docx_to_pdf(path, folder))
        for path in sorted(folder.glob("2026-10-*.docx"))
    }


def texts(pages: Pages) -> list[str]:
    return ["".join(text for _, _, text in page) for page in pages]


def colophon_top(pages: Pages) -> float:
    """Where the 版记 begins on the last page (its 抄送 line)."""
    return next(top for top, _, text in pages[-1] if text.startswith("抄送"))


def text_end(pages: Pages) -> tuple[int, float]:
    """The page (1, 2, …) and the bottom (points from the page's top) of the text's last line,
    the 版记 and page numbers aside."""
    for number in range(len(pages), 0, -1):
        page = pages[number - 1]
        limit = colophon_top(pages) if number == len(pages) else BOTTOM
        lines = [top + height for top, height, _ in page if TOP - 2 <= top < limit]
        if lines:
            return number, max(lines)
    raise AssertionError("no text")


def check(pages: Pages, head: str = "任城区新基建指挥部办公室文件") -> None:
    """The form of an official document with a 版记 (GB/T 9704 §7)."""
    every = texts(pages)
    first = [text for _, _, text in pages[0]]
    assert first[0] == head  # the mark (or the letter's head), then the number
    assert first[1].startswith("任新基建办〔2026〕")
    for page in pages:
        tops = {round(top) for top, height, _ in page if height >= 18 and TOP - 2 <= top < BOTTOM}
        assert len(tops) <= 22
    for page in pages:
        label = page[0][2] if page else ""
        if label.startswith("附件") and label[2:].isdigit():
            assert page[0][0] < TOP + 30  # the label on the page's first line
    if any(label.startswith("附件") for label in (p[0][2] for p in pages if p)):
        check_annexed(pages)
        return
    # No blank page; the 版记 on the last page only, at its foot (its last line within a
    # line of the type area's bottom edge).
    assert all(every), [n for n, text in enumerate(every, 1) if not text]
    assert sum(text.count("抄送") for text in every) == 1 and "抄送" in every[-1]
    last = max(top + height for top, height, text in pages[-1] if TOP - 2 <= top < BOTTOM)
    assert BOTTOM - 30 < last <= BOTTOM + 2
    end, bottom = text_end(pages)
    assert end in (len(pages), len(pages) - 1)
    if end == len(pages) - 1:
        # alone on the next page only when the text ends lower than where the 版记 begins
        assert bottom > colophon_top(pages) - 4, (bottom, colophon_top(pages))


def check_annexed(pages: Pages) -> None:
    """A document with annexes, printed on both sides: the 版记 alone on the last page, an
    even one (封四) without a page number, a blank page before it only when the text ends on
    an even page."""
    every = texts(pages)
    assert len(pages) % 2 == 0
    assert sum(text.count("抄送") for text in every) == 1 and every[-1].startswith("抄送")
    assert "—" not in every[-1]
    last = max(top + height for top, height, text in pages[-1] if TOP - 2 <= top < BOTTOM)
    assert BOTTOM - 30 < last <= BOTTOM + 2
    blank = [n for n, text in enumerate(every, 1) if not text]
    assert blank in ([], [len(pages) - 1]), blank
    if blank:
        assert (len(pages) - 2) % 2 == 0  # the text ended on an even page


@pytest.mark.parametrize("extra", [3, 6, 9, 20])
def test_the_fixture_laid_out_by_libreoffice(extra: int) -> None:
    pages = laid_out(extra)
    check(pages)
    assert [text for _, _, text in pages[0]][2].startswith("关于2026年10月份全区新基建")
    starts = [page[0][2] for page in pages if page]
    assert "附件1" in starts and "附件2" in starts


def test_the_colophon_shares_the_last_page_when_it_has_room() -> None:
    """The text ends in the upper part of a page: the 版记 at that page's foot, no page of its
    own (before: always a page of its own, after a blank one when the text ended on an even
    page)."""
    pages = laid_out(1, annexes=False)
    end, bottom = text_end(pages)
    assert end == len(pages) and bottom < BOTTOM - 120
    check(pages)


def test_the_colophon_takes_the_next_page_when_the_text_leaves_no_room() -> None:
    """With the text reaching the foot of a page, the 版记 alone at the foot of the next, which
    may be odd or even; no blank page."""
    extras = [n for n in range(4, 16) if text_end(laid_out(n, False))[0] < len(laid_out(n, False))]
    assert extras  # some text lengths leave no room
    for extra in extras:
        pages = laid_out(extra, annexes=False)
        check(pages)
        rest = [text for _, _, text in pages[-1] if not text.startswith("—")]
        assert rest[0].startswith("抄送")


def test_the_sample_bulletin_laid_out_by_libreoffice() -> None:
    pages = laid_out(None)
    check(pages)
    assert texts(pages)[0].startswith("任城区新基建指挥部办公室文件")
    starts = [page[0][2] for page in pages if page]
    assert {"附件1", "附件2", "附件3"} <= set(starts)


def test_every_sample_notice_laid_out_by_libreoffice() -> None:
    """Each notice in its form: the 约谈通知 in the 文件 form, the 问责函 in the 信函格式 (its
    office's name over the double line, no page number on page 1, no 印发 line). A notice
    whose text — the lines from the 版头 to the 附注 — takes at most a page and a half, that is
    ends on page 2 no lower than the middle of the type area, prints on 2 pages, its 版记 at
    the foot of page 2; the others take one page more at most (check). (The 文件 form's 版头
    takes half of page 1: the sample's 约谈通知 all end low on page 2; those with room there
    for the 版记 have 2 pages, the others a third holding only the 版记.)"""
    short = {"约谈通知": 0, "问责函": 0}
    for stem, pages in notices_laid_out().items():
        kind = "问责函" if "问责函" in stem else "约谈通知"
        letter = kind == "问责函"
        check(pages, "任城区新基建指挥部办公室" if letter else "任城区新基建指挥部办公室文件")
        every = texts(pages)
        if letter:
            assert not any("印发" in text for text in every), stem
            assert not any(text.startswith("—") for _, _, text in pages[0]), stem  # no "— 1 —"
        else:
            assert "印发" in every[-1], stem
        end, bottom = text_end(pages)
        if end == 1 or (end == 2 and bottom <= (TOP + BOTTOM) / 2):
            short[kind] += 1
            assert len(pages) <= 2, (stem, end, bottom)
    assert short["问责函"] and sum(short.values()) >= 2, short  # the rule is put to the test
