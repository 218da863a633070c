"""The 通报 as the director reads it: the sample's bulletin printed by LibreOffice
(`xjj bulletin --format pdf`, blank pages kept) and read page by page — the body in six
pages with the verdict on page 1, every difference agreeing with the figures printed beside
it, nothing asked by a date already past, no internal code, the office named once (SPEC §5)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from functools import cache

import pytest

from conftest import SAMPLE
from documents.bulletin_checks import (
    disagreeing_points,
    past_requests,
    plain,
    roster_counts,
    verdict_counts,
)
from documents.test_pdf import made
from xjj_cli.pipeline import evaluate

ISSUED = dt.date(2026, 11, 5)
FOOTER = re.compile(r"^\s*—\s*\d+\s*—\s*$", re.M)


@cache
def pages() -> list[str]:
    """Each printed page's text, the page number left out."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(made()), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    return [FOOTER.sub("", page) for page in text.split("\f")[:-1]]


@cache
def body() -> list[str]:
    """The pages before the first annex (its label 附件1 heads a page of its own)."""
    first = next(n for n, page in enumerate(pages()) if page.strip().splitlines()[:1] == ["附件1"])
    return pages()[:first]


@pytest.mark.needs("soffice", "pdftotext")
def test_the_body_is_six_pages_and_page_one_carries_the_verdict() -> None:
    assert len(pages()) > len(body()) > 0  # the annexes follow
    assert len(body()) <= 6, [len(page.splitlines()) for page in body()]
    roster = roster_counts(evaluate(SAMPLE, "2026-10").findings)
    assert verdict_counts(body()[0]) == roster


@pytest.mark.needs("soffice", "pdftotext")
def test_every_printed_difference_is_that_of_the_printed_figures() -> None:
    text = "".join(body())
    assert "个百分点" in plain(text)
    assert disagreeing_points(text) == []


@pytest.mark.needs("soffice", "pdftotext")
def test_nothing_is_asked_by_a_date_before_the_documents_date() -> None:
    assert past_requests("".join(body()), ISSUED) == []


@pytest.mark.needs("soffice", "pdftotext")
def test_no_internal_code_and_the_office_named_once_in_the_body() -> None:
    ev = evaluate(SAMPLE, "2026-10")
    text = plain("".join(body()))
    codes = [p.id for p in ev.data.projects] + [t.id for t in ev.data.tasks]
    codes += [p.id for p in ev.data.problems]
    for code in codes:
        assert code not in text, code
    assert ev.data.district is not None
    office = ev.data.district.office
    # the 版头 is the office's mark (…办公室文件); the body names it once, to sign
    assert text.count(office) - text.count(office + "文件") == 1
    assert "我办" in text
