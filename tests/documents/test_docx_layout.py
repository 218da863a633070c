"""The DOCX laid out by LibreOffice, page by page, as a printer prints it (the blank pages
LibreOffice inserts itself included: realapps.docx_to_pdf): the 版头 opens the first page,
every annex starts its page with 附件N, a page of text holds 22 lines at most, and the 版记 is
alone at the foot of the last page — an even one, without a page number — with a blank page
before it when the text ends on an even page. Checked for the fixture ending on an even and on
an odd page, the sample bulletin and one notice of each kind."""

from __future__ import annotations

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


@cache
def laid_out(extra: int | None) -> Pages:
    """The fixture with ``extra`` body paragraphs (None: the sample bulletin) as LibreOffice
    lays it out."""
    folder = Path(tempfile.mkdtemp())
    source = sample()[1] if extra is None else markdown(extra)
    path = folder / "document.docx"
    path.write_bytes(render_docx(source))
    return pdf_lines(docx_to_pdf(path, folder))


@cache
def notice_laid_out(kind: str) -> Pages:
    """The first notice of ``kind`` (约谈通知, 问责函) `xjj notices` writes for the sample's
    2026-10, as LibreOffice lays it out."""
    folder = Path(tempfile.mkdtemp())
    arguments = ["--data", str(SAMPLE), "notices", "--month", "2026-10"]
    arguments += ["--date", "2026-11-05", "--out", str(folder)]
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code == 0, result.output
    path = sorted(folder.glob(f"2026-10-{kind}-*.docx"))[0]
    return pdf_lines(docx_to_pdf(path, folder))


def texts(pages: Pages) -> list[str]:
    return ["".join(text for _, _, text in page) for page in pages]


def text_end(pages: Pages) -> int:
    """The number of the last page with text before the 版记's page."""
    return max(n for n, text in enumerate(texts(pages)[:-1], 1) if text)


def check(pages: Pages) -> None:
    """The form of an official document with a 版记 (GB/T 9704 §7)."""
    every = texts(pages)
    first = [text for _, _, text in pages[0]]
    assert first[0] == "任城区新基建指挥部办公室文件"  # the mark, then the number
    assert first[1].startswith("任新基建办〔2026〕")
    for page in pages:
        tops = {round(top) for top, height, _ in page if height >= 18 and TOP - 2 <= top < BOTTOM}
        assert len(tops) <= 22
    for page in pages:
        label = page[0][2] if page else ""
        if label.startswith("附件") and label[2:].isdigit():
            assert page[0][0] < TOP + 30  # the label on the page's first line
    # The 版记 alone on the last page, an even one, at its foot, no page number there.
    assert len(pages) % 2 == 0, len(pages)
    assert every[-1].startswith("抄送") and "印发" in every[-1] and "—" not in every[-1]
    assert not any("印发" in text for text in every[:-1])
    printed = next(top for top, _, text in pages[-1] if "印发" in text)
    assert printed > BOTTOM - 40
    # The text's pages follow one another; a blank page between them and the 版记 only when
    # the text ends on an even page.
    end = text_end(pages)
    assert all(every[:end])
    assert len(pages) == (end + 2 if end % 2 == 0 else end + 1)
    assert not any(every[end:-1])


@pytest.mark.parametrize("extra", [3, 6, 20])
def test_the_fixture_laid_out_by_libreoffice(extra: int) -> None:
    pages = laid_out(extra)
    check(pages)
    assert [text for _, _, text in pages[0]][2].startswith("关于2026年10月份全区新基建")
    starts = [page[0][2] for page in pages if page]
    assert "附件1" in starts and "附件2" in starts


def test_a_text_ending_on_an_odd_page_gets_the_next_page_for_the_colophon() -> None:
    pages = laid_out(6)
    assert text_end(pages) == len(pages) - 1 and text_end(pages) % 2 == 1


def test_a_text_ending_on_an_even_page_gets_a_blank_page_then_the_colophon_page() -> None:
    pages = laid_out(3)
    assert text_end(pages) == len(pages) - 2 and text_end(pages) % 2 == 0
    assert pages[-2] == []  # blank: no page number either


def test_the_sample_bulletin_laid_out_by_libreoffice() -> None:
    pages = laid_out(None)
    check(pages)
    assert texts(pages)[0].startswith("任城区新基建指挥部办公室文件")
    starts = [page[0][2] for page in pages if page]
    assert {"附件1", "附件2", "附件3"} <= set(starts)


@pytest.mark.parametrize("kind", ["约谈通知", "问责函"])
def test_a_notice_of_each_kind_laid_out_by_libreoffice(kind: str) -> None:
    check(notice_laid_out(kind))
