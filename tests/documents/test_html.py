"""The bulletin's HTML: self-contained, well-formed, escaped, with its charts drawn from the model."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from fractions import Fraction
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLE
from xjj_cli.bulletin.build import build_bulletin
from xjj_cli.bulletin.model import Bulletin, RateHistory
from xjj_cli.commands.bulletin import bulletin_files
from xjj_cli.engine.results import Action, MetricRanking, TownRow
from xjj_cli.load.fingerprint import Fingerprint
from xjj_cli.messages.formats import percent
from xjj_cli.messages.rules import CARD_WORDS, COLOR_WORDS
from xjj_cli.pipeline import evaluate
from xjj_cli.render.bulletin import render_markdown
from xjj_cli.render.charts import chart_for, colors_chart, ranking_chart, spread, trend_chart
from xjj_cli.render.html import chart_name, render_fragment, render_html

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
    body = page.split('<div class="annex">')[0]  # each annex has its own title
    assert body.count("<h1>") == 1
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
    assert len(rankings(bulletin)) == len(bulletin.trends) == 3
    svgs = SVG.findall(page)
    # the trend chart is one small panel per ranked metric
    assert page.count("<svg") == len(svgs) == len(rankings(bulletin)) + 1 + len(bulletin.trends)
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
    assert page.count('<figure class="chart') == len(rankings(bulletin)) + 2


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
    # the towns of 附件1 and the red and yellow projects of 附件3
    colours: list[str] = [row.color for r in rankings(bulletin) for row in r.rows]
    colours += [p.color for p in bulletin.flagged]
    for color, word in (("blue", "蓝色"), ("yellow", "黄色"), ("red", "红色")):
        cells = re.findall(rf'<td class="color c-{color} keep">{word}</td>', page)
        assert len(cells) == colours.count(color)
    all_cells = re.findall(r"<td[^>]*>(?:蓝色|黄色|红色)</td>", page)
    assert len(all_cells) == len(colours)


def test_reworded_colour_words_keep_their_colours(monkeypatch: pytest.MonkeyPatch) -> None:
    """The colours come from the meaning the template writes (``c-red``), not from the words:
    a catalogue that says 赤色 and 赤牌 instead of 红色 and 红牌 keeps every colour."""
    monkeypatch.setitem(COLOR_WORDS, "red", "赤色")
    monkeypatch.setitem(COLOR_WORDS, "blue", "蓝")
    monkeypatch.setitem(CARD_WORDS, "red", "赤牌")
    ev = evaluate(SAMPLE, "2026-10")
    bulletin = build_bulletin(ev, Fingerprint("0" * 64), ISSUED)
    page = render_html(bulletin, render_markdown(bulletin, ev.data.rules), None)
    colours: list[str] = [row.color for r in rankings(bulletin) for row in r.rows]
    colours += [p.color for p in bulletin.flagged]
    for color, word in (("blue", "蓝"), ("yellow", "黄色"), ("red", "赤色")):
        cells = re.findall(rf'<td class="color c-{color} keep">{word}</td>', page)
        assert len(cells) == colours.count(color) > 0
    assert '被亮<span class="c-red">赤牌</span>' in page  # a card in 二


def test_every_unit_interviewed_or_held_accountable_appears_with_its_reasons(
    sample: tuple[Bulletin, str, str],
) -> None:
    bulletin, _, page = sample
    text = text_of(page)
    groups = {g.action: g.units for g in bulletin.acted}
    units = groups["accountability"] + groups["interview"]
    assert len(groups["accountability"]) == 6 and len(groups["interview"]) == 7
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
    for chart in (ranking_chart(ranking), trend_chart((trend,))):
        root = ET.fromstring(f"<div>{chart}</div>")  # would fail on an unescaped <, & or "
        assert "<script" not in chart and "<b>" not in chart
        (svg,) = root.iter("{http://www.w3.org/2000/svg}svg")
        assert nasty in (svg.get("aria-label") or "")
        assert any(nasty in (e.text or "") for e in svg.iter())
    assert "120.0%" in ranking_chart(ranking)  # the axis grows past 100% when a town does


@pytest.fixture
def repository(sample_copy: Path) -> Path:
    """A copy of the sample district whose data is hostile: markup and template code in names."""
    project = sample_copy / "projects" / "5g" / "5G-2026-004.yaml"
    text = project.read_text(encoding="utf-8")
    assert "name: 任城区5G基站建设（住宅小区深度覆盖）\n" in text
    project.write_text(
        text.replace(
            "name: 任城区5G基站建设（住宅小区深度覆盖）\n",
            "name: '小区覆盖<script>alert(1)</script>{{ 7*7 }}'\n",
        ),
        encoding="utf-8",
    )
    towns = sample_copy / "towns" / "towns.csv"
    towns.write_text(
        towns.read_text(encoding="utf-8").replace("长沟镇", '长沟镇<i>&"'), encoding="utf-8"
    )
    return sample_copy


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
    assert len(svgs) == 7
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
    assert page.count("<svg") == 7
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


# The document's parts, as the Markdown contract marks them (tests/fixtures/documents/).

CONTRACT = ROOT / "tests" / "fixtures" / "documents" / "bulletin-contract.md"
PARTS = (
    "mark",
    "number",
    "attachments",
    "signature",
    "note",
    "annex",
    "annex-label",
    "colophon",
    "copy-to",
    "printed",
)


class Outline(HTMLParser):
    """The elements of ``<main>`` as (depth, tag, class, text), depth 0 for its children."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = -1
        self.items: list[list[object]] = []
        self.open: list[list[object]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "main":
            self.depth = 0
        elif self.depth >= 0 and tag not in VOID:
            item: list[object] = [self.depth, tag, dict(attrs).get("class") or "", ""]
            self.items.append(item)
            self.open.append(item)
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.depth = -1
        elif self.depth > 0 and tag not in VOID:
            self.open.pop()
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        for item in self.open:
            item[3] = str(item[3]) + data


def outline(page: str) -> list[tuple[int, str, str, str]]:
    parser = Outline()
    parser.feed(page)
    return [(int(str(d)), str(t), str(c), str(x).strip()) for d, t, c, x in parser.items]


@pytest.fixture(scope="module")
def contract(sample: tuple[Bulletin, str, str]) -> str:
    bulletin = sample[0]
    return render_html(bulletin, CONTRACT.read_text(encoding="utf-8"), None)


def test_the_parts_of_the_document_come_in_the_contracts_order(contract: str) -> None:
    parse(contract)
    top = [(tag, cls) for depth, tag, cls, _ in outline(contract) if depth == 0]
    assert top[:4] == [("div", "mark"), ("div", "number"), ("h1", ""), ("p", "")]
    tail = [item for item in top if item[0] == "div" and item[1] != ""]
    assert [cls for _, cls in tail] == [
        "mark",
        "number",
        "attachments",
        "signature",
        "note",
        "annex",
        "annex",
        "annex",
        "colophon",
    ]
    assert top[-1] == ("div", "colophon")
    texts = {cls: text for depth, _, cls, text in outline(contract) if depth == 0}
    assert texts["mark"] == "任城区新基建指挥部办公室文件"
    assert texts["number"] == "任新基建办〔2026〕12号"


def test_each_annex_opens_with_its_label_then_its_title(contract: str) -> None:
    items = outline(contract)
    starts = [i for i, (depth, _, cls, _) in enumerate(items) if depth == 0 and cls == "annex"]
    assert len(starts) == 3
    for number, start in enumerate(starts, 1):
        children = [item for item in items[start + 1 :] if item[0] == 1]
        label, title = children[0], children[1]
        assert (label[1], label[2], label[3]) == ("div", "annex-label", f"附件{number}")
        assert title[1] == "h1"
    annexes = contract.split('<div class="annex">')[1:]
    assert all("<table>" in annex for annex in annexes)


def test_the_colophon_holds_the_copy_line_and_the_printing_line(contract: str) -> None:
    colophon = contract.split('<div class="colophon">')[1].split("</main>")[0]
    assert (
        '<div class="copy-to"><p>抄送：区委办公室，区政府办公室，区委督查室。</p></div>' in colophon
    )
    assert re.search(
        r'<div class="printed">\s*<p>任城区新基建指挥部办公室</p>\s*<p>2026年11月5日印发</p>',
        colophon,
    )


def test_a_one_line_part_reads_like_its_paragraph_form(sample: tuple[Bulletin, str, str]) -> None:
    """Both forms of the contract give the same elements; a one-line part's text is Markdown,
    so its escapes are undone and a ``<`` from the data stays text."""
    bulletin = sample[0]
    one = render_fragment(bulletin, '<div class="note">（联系人：王\\_明 \\<b\\>）</div>\n')
    many = render_fragment(
        bulletin, '<div class="note">\n\n（联系人：王\\_明 \\<b\\>）\n\n</div>\n'
    )
    assert one.split() == many.replace("\n", "").split()
    assert '<div class="note"><p>（联系人：王_明 &lt;b&gt;）</p></div>' in one


def test_an_empty_number_is_kept_as_an_element(sample: tuple[Bulletin, str, str]) -> None:
    """Without a prefix the 文号 line is empty, yet it still carries the red separator line."""
    fragment = render_fragment(sample[0], '<div class="number"></div>\n\n# 标题\n')
    assert fragment.startswith('<div class="number"></div>\n<h1>标题</h1>')


def test_the_stylesheet_styles_every_part_by_its_class(contract: str) -> None:
    style = re.sub(r"/\*.*?\*/", "", contract.split("<style>")[1].split("</style>")[0], flags=re.S)
    for part in PARTS:
        assert re.search(rf"\.{part}(?![\w-])[^{{}}]*\{{", style), part
    for word in ("附件", "抄送", "印发", "办公室"):
        assert word not in style  # keyed on classes, never on the words


def test_short_cells_stay_on_one_line_and_long_ones_wrap(contract: str) -> None:
    assert '<td class="keep">二十里铺街道</td>' in contract
    assert '<td style="text-align:right" class="keep">97.2%</td>' in contract
    assert '<td class="color c-red keep">红色</td>' in contract
    assert "<td>排名后三名，完成率低于全区</td>" in contract


def test_the_trend_chart_draws_each_metric_against_time_progress(
    sample: tuple[Bulletin, str, str],
) -> None:
    bulletin = sample[0]
    chart = trend_chart(bulletin.trends)
    root = ET.fromstring(f"<div>{chart}</div>")
    ns = "{http://www.w3.org/2000/svg}"
    panels = list(root.iter(f"{ns}svg"))
    assert len(panels) == len(bulletin.trends) == 3
    for panel, trend in zip(panels, bulletin.trends, strict=True):
        lines = {line.get("class"): line for line in panel.iter(f"{ns}polyline")}
        assert set(lines) == {"series", "time-progress"}
        assert lines["time-progress"].get("stroke-dasharray")
        series = [
            tuple(map(float, p.split(","))) for p in (lines["series"].get("points") or "").split()
        ]
        guide = [
            tuple(map(float, p.split(",")))
            for p in (lines["time-progress"].get("points") or "").split()
        ]
        assert len(series) == len(guide) == len(trend.months) == 10
        assert [x for x, _ in series] == [x for x, _ in guide]
        # 序时进度 rises evenly, one twelfth a month
        steps = [guide[i][1] - guide[i + 1][1] for i in range(len(guide) - 1)]
        assert min(steps) > 0 and max(steps) - min(steps) < 0.2
        labels = [t.text for t in panel.iter(f"{ns}text") if t.get("class") == "end-label"]
        assert labels == [f"完成率 {percent(trend.rates[-1])}", "序时进度 83.3%"]
        texts = [t.text or "" for t in panel.iter(f"{ns}text")]
        assert trend.name in texts and "10月" in texts and "100%" in texts
    caption = root.find("figcaption")
    assert caption is not None and "序时进度" in "".join(caption.itertext())


def test_labels_are_spread_apart_in_their_order_within_bounds() -> None:
    assert spread([50, 52], 15, 0, 200) == [50, 65]
    assert spread([52, 50], 15, 0, 200) == [65, 50]
    assert spread([195, 198], 15, 0, 200) == [185, 200]
    placed = spread([10, 10, 10, 10], 15, 0, 50)
    assert placed == [5, 20, 35, 50]


def test_equal_cells_are_marked_short_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """An annex repeats its cells (numbers, colours, 持平): each distinct cell is measured
    once, and every one of them is marked as the first."""
    from xjj_cli.render import html as module

    seen: list[str] = []
    original = module._keep

    def counted(match: re.Match[str]) -> str:
        seen.append(match.group(0))
        return original(match)

    monkeypatch.setattr(module, "_keep", counted)
    rows = "".join(f"<tr><td>持平</td><td>{'长' * 9}</td></tr>" for _ in range(50))
    marked = module._keep_short_cells(f"<table>{rows}</table>")
    assert len(seen) == 2
    assert marked.count('<td class="keep">持平</td>') == 50
    assert marked.count(f"<td>{'长' * 9}</td>") == 50
