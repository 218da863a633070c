"""The bulletin's HTML: self-contained, well-formed, escaped, with its charts drawn from the model."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import xml.etree.ElementTree as ET
from fractions import Fraction
from html.parser import HTMLParser
from pathlib import Path

import pytest

from xjj_cli.api import bulletin_files
from xjj_cli.bulletin.build import build_bulletin
from xjj_cli.bulletin.model import Bulletin, RateHistory
from xjj_cli.engine.results import Action, MetricRanking, TownRow
from xjj_cli.load.fingerprint import Fingerprint
from xjj_cli.messages import CARD_WORDS, COLOR_WORDS
from xjj_cli.pipeline import evaluate
from xjj_cli.render.bulletin import render_markdown
from xjj_cli.render.charts import chart_for, colors_chart, ranking_chart, trend_chart
from xjj_cli.render.html import chart_name, render_fragment, render_html

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data"
ISSUED = dt.date(2026, 11, 5)
VOID = {"meta", "br", "hr", "img", "input", "link", "col", "area", "base", "wbr", "source"}
SVG = re.compile(r"<svg\b.*?</svg>", re.S)


class Page(HTMLParser):
    """Collects the text, checks that every element is closed in order, and notes the tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.title = ""
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.stack[-1:] == ["title"] and "head" in self.stack:
            self.title += data
        self.text.append(data)


def parse(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    parser.close()
    assert parser.errors == []
    assert parser.stack == []
    return parser


def text_of(page: str) -> str:
    return "".join(parse(page).text)


@pytest.fixture(scope="module")
def sample() -> tuple[Bulletin, str, str]:
    ev = evaluate(SAMPLE, "2026-10")
    bulletin = build_bulletin(ev, Fingerprint("0" * 64), ISSUED)
    markdown = render_markdown(bulletin, ev.data.rules)
    return bulletin, markdown, render_html(bulletin, markdown, None)


def rankings(bulletin: Bulletin) -> list[MetricRanking]:
    return [r for d in bulletin.domains for r in d.rankings]


def test_the_page_is_a_well_formed_chinese_html_document(
    sample: tuple[Bulletin, str, str],
) -> None:
    bulletin, _, page = sample
    assert page.lstrip().lower().startswith("<!doctype html>")
    parser = parse(page)
    tags = parser.tags
    assert ("html", {"lang": "zh-CN"}) in tags
    assert ("meta", {"charset": "utf-8"}) in tags
    assert parser.title == bulletin.title
    assert [t for t, _ in tags].count("h1") == 1 + len(bulletin.annexes)  # title, annexes
    assert "@page" in page and "size: A4" in page


def test_the_page_loads_nothing_from_anywhere(sample: tuple[Bulletin, str, str]) -> None:
    _, _, page = sample
    lowered = page.lower()
    assert "<link" not in lowered
    assert "<script" not in lowered
    assert "<iframe" not in lowered and "<object" not in lowered and "<embed" not in lowered
    assert "@import" not in lowered
    assert re.search(r"url\(", lowered) is None
    assert re.search(r"\b(src|href|xlink:href|action|srcset)\s*=", lowered) is None
    assert (
        re.search(
            r"[\"'(]\s*(https?:)?//", lowered.replace('xmlns="http://www.w3.org/2000/svg"', "")
        )
        is None
    )


def test_one_chart_per_ranked_metric_plus_colours_and_trend(
    sample: tuple[Bulletin, str, str],
) -> None:
    bulletin, markdown, page = sample
    assert len(rankings(bulletin)) == 3
    svgs = SVG.findall(page)
    assert page.count("<svg") == len(svgs) == len(rankings(bulletin)) + 2
    for svg in svgs:
        root = ET.fromstring(svg)  # well-formed XML: every name was escaped
        assert root.get("role") == "img"
        assert root.get("aria-label")
        title = root[0]
        assert title.tag.endswith("title") and title.text
    titles = [ET.fromstring(svg)[0].text or "" for svg in svgs]
    for ranking in rankings(bulletin):
        assert any(ranking.metric_name in t for t in titles)
    assert "data-chart" in markdown
    assert "data-chart" not in page
    assert page.count('<figure class="chart') == len(svgs)


def test_a_ranking_chart_shows_every_town_with_rates_to_one_decimal(
    sample: tuple[Bulletin, str, str],
) -> None:
    bulletin, _, _ = sample
    ranking = rankings(bulletin)[0]
    svg = ranking_chart(ranking)
    texts = [t.text or "" for t in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}text")]
    for row in ranking.rows:
        assert row.name in texts
    assert "97.2%" in texts and "65.4%" in texts
    assert "全区完成率 86.6%" in texts and "序时进度 83.3%" in texts
    fills = re.findall(r'<rect [^>]*height="15" fill="(#[0-9a-f]{6})"', svg)
    assert len(fills) == ranking.size
    assert len(set(fills)) == len({r.color for r in ranking.rows}) == 3


def test_the_colour_cells_of_the_tables_are_marked(sample: tuple[Bulletin, str, str]) -> None:
    bulletin, _, page = sample
    rows = [row for r in rankings(bulletin) for row in r.rows]
    for color, word in (("blue", "蓝色"), ("yellow", "黄色"), ("red", "红色")):
        cells = re.findall(rf'<td class="color c-{color}">{word}</td>', page)
        assert len(cells) == sum(1 for row in rows if row.color == color)
    all_cells = re.findall(r"<td[^>]*>(?:蓝色|黄色|红色)</td>", page)
    assert len(all_cells) == len(rows)


def test_reworded_colour_words_keep_their_colours(monkeypatch: pytest.MonkeyPatch) -> None:
    """The colours come from the meaning the template writes (``c-red``), not from the words:
    a catalogue that says 赤色 and 赤牌 instead of 红色 and 红牌 keeps every colour."""
    monkeypatch.setitem(COLOR_WORDS, "red", "赤色")
    monkeypatch.setitem(COLOR_WORDS, "blue", "蓝")
    monkeypatch.setitem(CARD_WORDS, "red", "赤牌")
    ev = evaluate(SAMPLE, "2026-10")
    bulletin = build_bulletin(ev, Fingerprint("0" * 64), ISSUED)
    page = render_html(bulletin, render_markdown(bulletin, ev.data.rules), None)
    rows = [row for r in rankings(bulletin) for row in r.rows]
    for color, word in (("blue", "蓝"), ("yellow", "黄色"), ("red", "赤色")):
        cells = re.findall(rf'<td class="color c-{color}">{word}</td>', page)
        assert len(cells) == sum(1 for row in rows if row.color == color) > 0
    assert '<span class="c-red">赤色</span>：' in page  # a red project's lead
    assert re.search(r'<span class="c-red"><strong>赤牌</strong></span>', page)


def test_every_unit_interviewed_or_held_accountable_appears_with_its_reasons(
    sample: tuple[Bulletin, str, str],
) -> None:
    bulletin, _, page = sample
    text = text_of(page)
    units = bulletin.accountability + bulletin.interviews
    assert len(bulletin.accountability) == 6 and len(bulletin.interviews) == 7
    for finding in units:
        reasons = [r for r in finding.reasons if r.action >= Action.interview]
        assert reasons
        assert finding.summary in text
        for reason in reasons:
            assert reason.detail in text
    assert bulletin.office in text
    assert "2026年11月5日" in text
    assert "0" * 64 in text


def test_signature_and_note_blocks_keep_their_classes(sample: tuple[Bulletin, str, str]) -> None:
    _, _, page = sample
    assert re.search(r'<div class="signature">\s*<p>[^<]*办公室</p>\s*<p>2026年11月5日</p>', page)
    assert "数据指纹" not in page.split("</main>")[0]


def test_the_fingerprint_is_in_the_metadata_and_the_footer(
    sample: tuple[Bulletin, str, str],
) -> None:
    bulletin, _, page = sample
    assert f'<meta name="xjj-fingerprint" content="sha256:{bulletin.data_hash}' in page
    footer = page.split("</main>")[1]
    assert f"数据指纹 sha256:{bulletin.data_hash}" in footer


def test_unknown_and_escaped_chart_names(sample: tuple[Bulletin, str, str]) -> None:
    bulletin, _, _ = sample
    assert chart_for(bulletin, "pie") == ""
    assert chart_for(bulletin, "ranking:no.such") == ""
    assert chart_name(r"ranking:iiot\_cloud") == "ranking:iiot_cloud"
    assert chart_name("ranking:a&amp;b") == "ranking:a&b"
    fragment = render_fragment(
        bulletin,
        '# T\n\n<div class="chart" data-chart="nonsense"></div>\n\n'
        '<div class="chart" data-chart="ranking:5g.stations"></div>\n\n正文\n',
    )
    assert "data-chart" not in fragment
    assert fragment.count("<svg") == 1
    assert "<p>正文</p>" in fragment


def test_charts_with_nothing_to_draw_are_left_out() -> None:
    assert colors_chart(()) == ""
    assert trend_chart(()) == ""
    assert trend_chart((RateHistory("x.y", "指标", (), ()),)) == ""
    empty = MetricRanking("2026-10", "x.y", "指标", "个", "x", Fraction(1, 2), Fraction(1, 2), ())
    assert ranking_chart(empty) == ""


def test_names_in_charts_are_xml_escaped() -> None:
    nasty = '<b>"甲&乙"</b>'
    row = TownRow(1, "t1", nasty, 10, 12, Fraction(6, 5), "blue", False, False, None)
    ranking = MetricRanking(
        "2026-10", "x.y", "指标</title><script>", "个", "x", Fraction(6, 5), Fraction(5, 6), (row,)
    )
    trend = RateHistory("x.y", nasty, ("2026-09", "2026-10"), (Fraction(1, 3), Fraction(1, 2)))
    for svg in (ranking_chart(ranking), trend_chart((trend,))):
        root = ET.fromstring(svg)  # would fail on an unescaped <, & or "
        assert "<script" not in svg and "<b>" not in svg
        assert nasty in (root.get("aria-label") or "")
        assert any(nasty in (e.text or "") for e in root.iter())
    assert "120.0%" in ranking_chart(ranking)  # the axis grows past 100% when a town does


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A copy of the sample district whose data is hostile: markup and template code in names."""
    root = tmp_path / "repo"
    shutil.copytree(SAMPLE, root / "data")
    project = root / "data" / "projects" / "5g" / "5G-2026-004.yaml"
    text = project.read_text(encoding="utf-8")
    assert "name: 任城区5G基站建设（住宅小区深度覆盖）\n" in text
    project.write_text(
        text.replace(
            "name: 任城区5G基站建设（住宅小区深度覆盖）\n",
            "name: '小区覆盖<script>alert(1)</script>{{ 7*7 }}'\n",
        ),
        encoding="utf-8",
    )
    towns = root / "data" / "towns" / "towns.csv"
    towns.write_text(
        towns.read_text(encoding="utf-8").replace("长沟镇", '长沟镇<i>&"'), encoding="utf-8"
    )
    return root / "data"


def test_markup_and_template_code_in_the_data_are_shown_literally(
    repository: Path, tmp_path: Path
) -> None:
    (path,) = bulletin_files(repository, "2026-10", ["html"], tmp_path / "out", ISSUED).paths
    page = path.read_text(encoding="utf-8")
    assert "<script" not in page.lower()
    assert "<i>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;{{ 7*7 }}" in page
    text = text_of(page)
    assert "小区覆盖<script>alert(1)</script>{{ 7*7 }}" in text
    assert "</script>49" not in text and "alert(1)49" not in text
    assert '长沟镇<i>&"' in text
    svgs = SVG.findall(page)
    assert len(svgs) == 5
    labels = [ET.fromstring(svg) for svg in svgs]
    assert any('长沟镇<i>&"' in (t.text or "") for svg in labels for t in svg.iter())


def test_a_district_template_replaces_the_built_in_page(
    sample: tuple[Bulletin, str, str], tmp_path: Path
) -> None:
    bulletin, markdown, _ = sample
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "bulletin.html.j2").write_text(
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
        '<title>{{ b.title }}</title></head><body class="ours">'
        "{{ '<b>escaped</b>' }}{{ body }}</body></html>\n",
        encoding="utf-8",
    )
    page = render_html(bulletin, markdown, folder)
    assert '<body class="ours">' in page
    assert "&lt;b&gt;escaped&lt;/b&gt;" in page  # the district's template is autoescaped too
    assert page.count("<svg") == 5
    parse(page)
    assert render_html(bulletin, markdown, tmp_path / "none") == sample[2]


def test_the_district_template_is_found_next_to_the_data(repository: Path, tmp_path: Path) -> None:
    folder = repository.parent / "templates"
    folder.mkdir()
    (folder / "bulletin.html.j2").write_text(
        "<p>区里的版式：{{ b.district }}</p>\n", encoding="utf-8"
    )
    (path,) = bulletin_files(repository, "2026-10", ["html"], tmp_path / "out", ISSUED).paths
    assert path.read_text(encoding="utf-8").startswith("<p>区里的版式：")
