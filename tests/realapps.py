"""The real programs xjj's readers open its outputs with, driven from tests.

LibreOffice lays a DOCX out as WPS or Word would (``pdf_pages``: the text of each laid-out
page); headless Chromium loads an HTML page at a given window width and reports what a script
measured in it (``browser_eval``). `make test` installs both first (scripts/system-tools.sh).
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM_FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)
"""Chromium offline: without the background-networking flags it keeps dialling out."""


def _program(name: str) -> str:
    found = shutil.which(name)
    assert found, f"{name} is missing: run `make test` (scripts/system-tools.sh installs it)"
    return found


PDF_EXPORT = 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}'
"""LibreOffice's PDF export with the blank pages it inserts itself (a section that starts on an
even page after an even page): by default it skips them, a printer does not."""


def soffice_convert(files: list[Path], target: str, out: Path) -> None:
    """``files`` converted by LibreOffice (headless, a fresh profile, one run) to ``target``
    (a format such as "pdf" or "xlsx", with its filter options when given) in folder ``out``."""
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                _program("soffice"),
                "--headless",
                f"-env:UserInstallation=file://{profile}",
                "--convert-to",
                target,
                "--outdir",
                str(out),
                *map(str, files),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )


def docx_to_pdf(docx: Path, out: Path) -> Path:
    """The DOCX converted to PDF by LibreOffice (headless, a fresh profile) in folder ``out``,
    every page a printer would print, the automatically inserted blank ones too."""
    soffice_convert([docx], PDF_EXPORT, out)
    pdf = out / (docx.stem + ".pdf")
    assert pdf.is_file(), f"LibreOffice made no PDF of {docx.name}"
    return pdf


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page of the PDF, as laid out (pdftotext -layout), first page first."""
    text = subprocess.run(
        [_program("pdftotext"), "-layout", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    pages = text.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


@contextmanager
def chromium_browser() -> Iterator[Browser]:
    """Headless Chromium (Debian's, /usr/bin/chromium) driven by Playwright, offline; a test
    module that opens many pages shares one (``page_of``) instead of starting one a test."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=_program("chromium"), args=list(CHROMIUM_FLAGS)
        )
        try:
            yield chromium
        finally:
            chromium.close()


@contextmanager
def page_of(chromium: Browser, width: int = 1000, height: int = 900) -> Iterator[Page]:
    """A fresh page (its own context: no cookies, storage or scripts carried over) of
    ``chromium`` with a ``width`` × ``height`` CSS-pixel viewport."""
    page = chromium.new_page(viewport={"width": width, "height": height})
    try:
        yield page
    finally:
        page.context.close()


@contextmanager
def browser(width: int = 1000, height: int = 900) -> Iterator[Page]:
    """A page of its own headless Chromium with a ``width`` × ``height`` viewport."""
    with chromium_browser() as chromium, page_of(chromium, width, height) as page:
        yield page


def pdf_lines(pdf: Path) -> list[list[tuple[float, float, str]]]:
    """Each page's lines of text as (top, height, text) in points, from the top of the page
    (pdftotext -bbox-layout): enough to count lines and see what a page starts with."""
    xhtml = subprocess.run(
        [_program("pdftotext"), "-bbox-layout", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    pages: list[list[tuple[float, float, str]]] = []
    for page in re.findall(r"<page .*?</page>", xhtml, re.S):
        lines = []
        for top, bottom, body in re.findall(
            r'<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</line>',
            page,
            re.S,
        ):
            words = re.findall(r">([^<]*)</word>", body)
            lines.append((float(top), float(bottom) - float(top), "".join(words)))
        pages.append(sorted(lines))
    return pages


def pdf_words(pdf: Path) -> list[tuple[float, float, list[tuple[float, str]]]]:
    """Each page of the PDF as (width, height, words), each word as (width, text), in points
    (pdftotext -bbox): enough to tell the size the text prints at."""
    xhtml = subprocess.run(
        [_program("pdftotext"), "-bbox", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    pages = []
    for width, height, body in re.findall(
        r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', xhtml, re.S
    ):
        words = [
            (float(right) - float(left), html.unescape(text))
            for left, right, text in re.findall(
                r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
                body,
            )
        ]
        pages.append((float(width), float(height), words))
    return pages
