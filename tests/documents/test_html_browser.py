"""The bulletin's HTML as Chromium lays it out: on a 390-pixel phone, on a desk, and printed.

Two pages are checked: the sample district's 2026-10 bulletin as its template writes it, and a
hand-written bulletin in the shape of the Markdown contract (tests/fixtures/documents/), with
every part of the document (版头, 附件说明, signature, 附注, annexes, 版记).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from conftest import ROOT, SAMPLE
from realapps import browser, pdf_pages
from xjj_cli.bulletin.build import build_bulletin
from xjj_cli.bulletin.model import Bulletin
from xjj_cli.load.fingerprint import Fingerprint
from xjj_cli.messages.reports import DRAFT_MARK
from xjj_cli.pipeline import evaluate
from xjj_cli.render.bulletin import render_markdown
from xjj_cli.render.html import render_html

pytestmark = pytest.mark.needs("chromium", "pdftotext")

CONTRACT = ROOT / "tests" / "fixtures" / "documents" / "bulletin-contract.md"
PHONE, DESK = 390, 1000
DRAFT = "征求意见稿：请于2026年11月3日前反馈意见"


@pytest.fixture(scope="module")
def sample() -> tuple[Bulletin, str]:
    ev = evaluate(SAMPLE, "2026-10")
    bulletin = build_bulletin(ev, Fingerprint("0" * 64), dt.date(2026, 11, 5))
    return bulletin, render_markdown(bulletin, ev.data.rules)


@pytest.fixture(scope="module")
def pages(
    sample: tuple[Bulletin, str], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """The sample's bulletin, the contract-shaped one, and the latter as a draft, as files."""
    bulletin, markdown = sample
    contract = CONTRACT.read_text(encoding="utf-8")
    folder = tmp_path_factory.mktemp("html")
    files = {
        "sample": render_html(bulletin, markdown, None),
        "contract": render_html(bulletin, contract, None),
        "draft": render_html(bulletin, contract, None, draft=DRAFT),
    }
    for name, text in files.items():
        (folder / f"{name}.html").write_text(text, encoding="utf-8")
    return {name: folder / f"{name}.html" for name in files}


@pytest.fixture(scope="module")
def chromium() -> Iterator[Page]:
    """One Chromium window for the module; each test sets its width."""
    with browser(width=DESK, height=900) as page:
        yield page


def opened(page: Page, path: Path, width: int) -> Page:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page


OUTSIDE = """(width) => [...document.querySelectorAll('body *')]
  .filter(e => !e.closest('[aria-hidden="true"]'))
  .map(e => [e, e.getBoundingClientRect()])
  .filter(([e, r]) => r.width > 0 && (r.left < -0.5 || r.right > width + 0.5))
  .map(([e, r]) => `${e.tagName}.${e.getAttribute('class')} ${Math.round(r.left)}–${Math.round(r.right)}`)"""

OVERLAPS = """() => {
  const out = [];
  for (const svg of document.querySelectorAll('figure.chart svg')) {
    const boxes = [...svg.querySelectorAll('text')].map(t => [t.textContent, t.getBoundingClientRect()]);
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const [a, p] = boxes[i], [b, q] = boxes[j];
      const x = Math.min(p.right, q.right) - Math.max(p.left, q.left);
      const y = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
      if (x > 0.5 && y > 0.5) out.push(`${a} × ${b}`);
    }
  }
  return out;
}"""


@pytest.mark.parametrize("name", ["sample", "contract", "draft"])
def test_a_phone_never_scrolls_sideways(chromium: Page, pages: dict[str, Path], name: str) -> None:
    """At 390 pixels the page is no wider than the screen, and no element sticks out of it."""
    page = opened(chromium, pages[name], PHONE)
    assert page.evaluate("window.innerWidth") == PHONE
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
    assert page.evaluate(OUTSIDE, PHONE) == []
    assert page.evaluate("document.querySelectorAll('table').length") >= 3


@pytest.mark.parametrize("name", ["sample", "contract"])
def test_a_desk_shows_the_a4_sheet_whole(chromium: Page, pages: dict[str, Path], name: str) -> None:
    page = opened(chromium, pages[name], DESK)
    assert page.evaluate("document.documentElement.scrollWidth") <= DESK
    assert page.evaluate(OUTSIDE, DESK) == []
    sheet = page.evaluate("document.querySelector('main').getBoundingClientRect().width")
    assert sheet == pytest.approx(210 / 25.4 * 96, abs=1)  # 210 mm at 96 px an inch


@pytest.mark.parametrize("width", [PHONE, DESK])
@pytest.mark.parametrize("name", ["sample", "contract"])
def test_figures_in_tables_are_never_broken(
    chromium: Page, pages: dict[str, Path], name: str, width: int
) -> None:
    """A number, a town's name or a colour in a table cell is set on one line, phone or desk."""
    lines = """() => [...document.querySelectorAll('td.keep')].map(td => {
      const range = document.createRange();
      range.selectNodeContents(td);
      const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
      return [td.textContent, tops.size];
    })"""
    cells = opened(chromium, pages[name], width).evaluate(lines)
    assert len(cells) > 30
    assert [text for text, count in cells if count != 1] == []


@pytest.mark.parametrize("width", [PHONE, DESK])
def test_the_trend_chart_shows_each_metric_and_time_progress_apart(
    chromium: Page, pages: dict[str, Path], width: int
) -> None:
    panels = """() => [...document.querySelectorAll('figure.chart-trend svg')].map(svg => {
      const size = (s) => { const e = svg.querySelector(s); if (!e) return 0;
                            const r = e.getBoundingClientRect(); return r.width * r.height; };
      return {
        series: size('polyline.series'),
        progress: size('polyline.time-progress'),
        dashed: svg.querySelector('polyline.time-progress')?.getAttribute('stroke-dasharray'),
        labels: [...svg.querySelectorAll('text.end-label')].map(t => t.textContent),
        width: svg.getBoundingClientRect().width,
      };
    })"""
    page = opened(chromium, pages["sample"], width)
    found: list[dict[str, Any]] = page.evaluate(panels)
    assert len(found) == 3
    for panel in found:
        assert panel["series"] > 0 and panel["progress"] > 0 and panel["dashed"]
        assert panel["labels"][1] == "序时进度 83.3%"
        assert panel["labels"][0].startswith("完成率 ")
        assert 250 <= panel["width"] <= min(width, 360)  # scaled, but never tiny
    assert page.evaluate(OVERLAPS) == []


@pytest.mark.parametrize("width", [PHONE, DESK])
def test_no_label_of_any_chart_overlaps_another(
    chromium: Page, pages: dict[str, Path], width: int
) -> None:
    page = opened(chromium, pages["sample"], width)
    assert page.evaluate("document.querySelectorAll('figure.chart svg text').length") > 100
    assert page.evaluate(OVERLAPS) == []


@pytest.mark.parametrize("width", [PHONE, DESK])
def test_the_masthead_is_red_with_its_red_line(
    chromium: Page, pages: dict[str, Path], width: int
) -> None:
    style = """() => {
      const mark = getComputedStyle(document.querySelector('.mark'));
      const number = getComputedStyle(document.querySelector('.number'));
      return { color: mark.color, align: mark.textAlign, size: parseFloat(mark.fontSize),
               body: parseFloat(getComputedStyle(document.querySelector('main > p')).fontSize),
               line: number.borderBottomColor, lineWidth: parseFloat(number.borderBottomWidth),
               numberAlign: number.textAlign };
    }"""
    found = opened(chromium, pages["contract"], width).evaluate(style)
    assert found["color"] == found["line"] == "rgb(224, 0, 0)"
    assert found["align"] == found["numberAlign"] == "center"
    assert found["size"] > found["body"]
    assert found["lineWidth"] >= 2


def test_an_empty_number_keeps_its_line_and_the_red_separator(
    chromium: Page, sample: tuple[Bulletin, str], tmp_path: Path
) -> None:
    markdown = CONTRACT.read_text(encoding="utf-8").replace(
        '<div class="number">任新基建办〔2026〕12号</div>', '<div class="number"></div>'
    )
    path = tmp_path / "blank.html"
    path.write_text(render_html(sample[0], markdown, None), encoding="utf-8")
    height, line = opened(chromium, path, DESK).evaluate(
        "(() => { const e = document.querySelector('.number');"
        " return [e.getBoundingClientRect().height, getComputedStyle(e).borderBottomColor]; })()"
    )
    assert height > 30 and line == "rgb(224, 0, 0)"


@pytest.mark.parametrize("name", ["sample", "contract"])
def test_the_signature_sits_as_gb_t_9704_places_it(
    chromium: Page, pages: dict[str, Path], name: str
) -> None:
    """The date stands four characters from the right; the office is centred over it."""
    found = """() => {
      const [office, date] = document.querySelectorAll('.signature p');
      const text = (e) => { const r = document.createRange(); r.selectNodeContents(e);
                            return r.getBoundingClientRect(); };
      const main = document.querySelector('main').getBoundingClientRect();
      const pad = parseFloat(getComputedStyle(document.querySelector('main')).paddingRight);
      return { office: text(office), date: text(date), right: main.right - pad,
               em: parseFloat(getComputedStyle(date).fontSize) };
    }"""
    box = opened(chromium, pages[name], DESK).evaluate(found)
    office, date = box["office"], box["date"]
    assert box["right"] - date["right"] == pytest.approx(4 * box["em"], abs=2)
    middle = (office["left"] + office["right"]) / 2
    assert middle == pytest.approx((date["left"] + date["right"]) / 2, abs=1)
    assert office["bottom"] <= date["top"] + 1


def test_the_attachments_hang_under_their_first_number(
    chromium: Page, pages: dict[str, Path]
) -> None:
    found = """() => {
      const ps = [...document.querySelectorAll('.attachments p')];
      const main = document.querySelector('main');
      const left = main.getBoundingClientRect().left + parseFloat(getComputedStyle(main).paddingLeft);
      return { em: parseFloat(getComputedStyle(ps[0]).fontSize), left,
               starts: ps.map(p => { const r = document.createRange();
                 r.setStart(p.firstChild, 0); r.setEnd(p.firstChild, 1);
                 return r.getBoundingClientRect().left; }) };
    }"""
    box = opened(chromium, pages["contract"], DESK).evaluate(found)
    first, *rest = box["starts"]
    assert len(rest) == 2
    assert first - box["left"] == pytest.approx(2 * box["em"], abs=1)  # 附件： two in
    for start in rest:  # 2. and 3. under 1., after 附件：
        assert start - first == pytest.approx(3 * box["em"], abs=1)


def test_headings_follow_the_document(chromium: Page, pages: dict[str, Path]) -> None:
    fonts = """() => ['h1', 'h2', 'h3', '.annex-label', '.annex h1'].map(s => {
      const style = getComputedStyle(document.querySelector(s));
      return [style.fontFamily.split(',')[0].replaceAll('"', ''), style.textAlign,
              parseFloat(style.fontSize)];
    })"""
    title, first, second, label, annex = opened(chromium, pages["contract"], DESK).evaluate(fonts)
    assert title[0] == annex[0] == "FZXiaoBiaoSong-B05S" and title[1] == annex[1] == "center"
    assert title[2] == pytest.approx(22 * 4 / 3, abs=0.1)  # 2号, 22 pt
    assert first[0] == label[0] == "SimHei"  # 一、 and 附件N in 黑体
    assert second[0] == "KaiTi_GB2312"  # （一） in 楷体
    assert label[1] in ("start", "left")


def test_printed_each_annex_starts_a_page_and_every_page_is_marked(
    chromium: Page, pages: dict[str, Path], tmp_path: Path
) -> None:
    page = opened(chromium, pages["draft"], DESK)
    breaks = page.evaluate(
        "[...document.querySelectorAll('.annex')].map(e => getComputedStyle(e).breakBefore)"
    )
    assert breaks == ["page", "page", "page"]
    pdf = tmp_path / "draft.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    printed = pdf_pages(pdf)
    assert len(printed) >= 5
    for number in (1, 2, 3):
        (start,) = [p for p in printed if f"附件{number}" in p.split()]
        lines = [line.strip() for line in start.splitlines() if line.strip()]
        assert lines[:2] == [DRAFT_MARK, f"附件{number}"]  # the mark, then the label on top
    assert all(DRAFT_MARK in text for text in printed)
    assert all("数据指纹" not in text for text in printed)
    assert "任城区新基建指挥部办公室文件" in printed[0]


@pytest.mark.parametrize("width", [PHONE, DESK])
def test_the_title_breaks_where_it_reads_well_as_on_paper(
    chromium: Page, pages: dict[str, Path], width: int
) -> None:
    """Not "…全区新 / 基建工作…": the screen breaks the title where the DOCX does."""
    page = opened(chromium, pages["sample"], width)
    lines = page.evaluate(
        "Array.from(document.querySelectorAll('main h1')[0].querySelectorAll('.title-line'))"
        ".map(s => s.textContent)"
    )
    assert lines == ["关于2026年10月份全区新基建", "工作推进情况的通报"]
    tops = page.evaluate(
        "Array.from(document.querySelectorAll('main h1 .title-line'))"
        ".map(s => Math.round(s.getBoundingClientRect().top))"
    )
    assert tops[0] < tops[1]  # on two lines, not run together
