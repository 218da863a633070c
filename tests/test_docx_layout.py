"""The DOCX laid out by LibreOffice, page by page: the 版头 opens the first page, every annex
starts its page with 附件N, a page of text holds 22 lines at most, and the 版记 is on the last
page — an even one — and nowhere else (with a blank page added when the text ends on an odd
page)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from realapps import docx_to_pdf, pdf_lines
from test_docx import sample
from test_docx_form import markdown
from xjj_cli.render import docx as docx_module
from xjj_cli.render.docx import render_docx

TOP, BOTTOM = 37 * 72 / 25.4, (297 - 35) * 72 / 25.4  # the type area, in points from the top


@cache
def laid_out(extra: int | None) -> list[list[tuple[float, float, str]]]:
    """The fixture with ``extra`` body paragraphs (None: the sample bulletin) as LibreOffice
    lays it out."""
    import tempfile

    folder = Path(tempfile.mkdtemp())
    source = sample()[1] if extra is None else markdown(extra)
    path = folder / "document.docx"
    path.write_bytes(render_docx(source))
    return pdf_lines(docx_to_pdf(path, folder))


def text_lines(page: list[tuple[float, float, str]]) -> list[int]:
    """The tops of the page's lines of 3号 text inside the type area (not table text, not the
    page number below it)."""
    tops = sorted(
        {round(top) for top, height, _ in page if height >= 18 and TOP - 2 <= top < BOTTOM}
    )
    return tops


def check(pages: list[list[tuple[float, float, str]]], *, colophon: bool) -> None:
    texts = ["".join(text for _, _, text in page) for page in pages]
    for page in pages:
        assert len(text_lines(page)) <= 22
    annexes = [
        n
        for n, page in enumerate(pages)
        if page and page[0][2].startswith("附件") and page[0][2][2:].isdigit()
    ]
    for n in annexes:
        assert pages[n][0][0] < TOP + 30  # the label on the page's first line
    if colophon:
        assert len(pages) % 2 == 0, len(pages)
        assert "印发" in texts[-1]
        assert not any("印发" in text for text in texts[:-1])
        printed = next(top for top, _, text in pages[-1] if "印发" in text)
        assert printed > BOTTOM - 40  # at the foot of the page


@pytest.mark.parametrize("extra", [3, 6, 20])
def test_the_fixture_laid_out_by_libreoffice(extra: int) -> None:
    pages = laid_out(extra)
    first = [text for _, _, text in pages[0]]
    assert first[0] == "任城区新基建指挥部办公室文件"
    assert first[1] == "任新基建办〔2026〕12号"
    assert first[2].startswith("关于2026年10月份全区新基建")
    starts = [page[0][2] for page in pages if page]
    assert "附件1" in starts and "附件2" in starts
    check(pages, colophon=True)


def test_a_text_ending_on_an_odd_page_gets_a_page_for_the_colophon() -> None:
    pages = laid_out(6)
    texts = ["".join(text for _, _, text in page) for page in pages]
    assert texts[-1].startswith("抄送")  # the 版记 alone on its page, no page number
    assert "—" not in texts[-1]


def test_a_text_ending_on_an_even_page_keeps_the_colophon_there() -> None:
    pages = laid_out(3)
    assert "附件2" in "".join(text for _, _, text in pages[-1])


def test_a_full_even_page_gets_a_blank_page_then_the_colophon_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the 版记 does not fit under text ending on an even page (forced here by asking
    for more room than a page has), a blank page comes, then the 版记's own even page."""
    monkeypatch.setattr(docx_module, "COLOPHON_SAFETY_PT", 10_000.0)
    path = tmp_path / "document.docx"
    path.write_bytes(render_docx(markdown(3)))  # the text ends on page 4
    pages = pdf_lines(docx_to_pdf(path, tmp_path))
    assert len(pages) == 6
    assert not [text for _, _, text in pages[4] if "—" not in text]  # page 5 is blank
    check(pages, colophon=True)


def test_the_sample_bulletin_laid_out_by_libreoffice() -> None:
    pages = laid_out(None)
    markdown_text = sample()[1]
    check(pages, colophon='class="colophon"' in markdown_text)
    first = [text for _, _, text in pages[0]]
    if 'class="mark"' in markdown_text:
        assert first[0].endswith("文件")
    else:
        assert first[0].startswith("关于")
