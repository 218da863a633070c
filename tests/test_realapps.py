"""The harness of the real programs works: a phone-width page and a DOCX laid out by LibreOffice."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from realapps import browser, docx_to_pdf, pdf_pages


@pytest.mark.needs("chromium")
def test_chromium_opens_a_page_at_a_phones_width(tmp_path: Path) -> None:
    page_file = tmp_path / "wide.html"
    page_file.write_text(
        '<!doctype html><meta name="viewport" content="width=device-width, initial-scale=1">'
        '<div style="width:484px">宽</div>',
        encoding="utf-8",
    )
    with browser(width=390) as page:
        page.goto(page_file.as_uri())
        assert page.evaluate("window.innerWidth") == 390
        assert page.evaluate("document.documentElement.scrollWidth") > 390


@pytest.mark.needs("soffice", "pdftotext")
def test_libreoffice_lays_a_docx_out_page_by_page(tmp_path: Path) -> None:
    document = Document()
    document.add_paragraph("第一页")
    document.add_paragraph("第二页").paragraph_format.page_break_before = True
    path = tmp_path / "two.docx"
    document.save(str(path))
    pages = pdf_pages(docx_to_pdf(path, tmp_path))
    assert len(pages) == 2
    assert "第一页" in pages[0] and "第二页" in pages[1]
