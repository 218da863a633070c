"""The DOCX bulletin: reopened with python-docx, it is laid out per GB/T 9704-2012 and says
everything the Markdown says.

No test here runs LibreOffice (it is not installed where ``make test`` runs). Whether a real
word processor opens and lays the document out is checked outside the test run by
``make render-check`` (scripts/render-check.sh): LibreOffice converts the sample's DOCX to PDF
and the script fails when the laid-out text lacks the title, the office or the fingerprint."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import subprocess
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_PARAGRAPH_ALIGNMENT
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt
from docx.styles.style import ParagraphStyle
from docx.table import Table
from docx.text.paragraph import Paragraph
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, SAMPLE
from xjj_cli.bulletin.build import build_bulletin
from xjj_cli.bulletin.model import Bulletin
from xjj_cli.commands.bulletin import bulletin_files
from xjj_cli.engine.results import Action
from xjj_cli.errors import TemplateError
from xjj_cli.load.fingerprint import Fingerprint
from xjj_cli.messages.rules import COLOR_WORDS
from xjj_cli.pipeline import evaluate
from xjj_cli.render import docx_base
from xjj_cli.render.bulletin import render_markdown
from xjj_cli.render.docx import reference_document, render_docx

ISSUED = dt.date(2026, 11, 5)


@cache
def sample() -> tuple[Bulletin, str, bytes]:
    ev = evaluate(SAMPLE, "2026-10")
    bulletin = build_bulletin(ev, Fingerprint("0" * 64), ISSUED)
    markdown = render_markdown(bulletin, ev.data.rules)
    return bulletin, markdown, render_docx(markdown)


def reopen(data: bytes) -> DocumentObject:
    return Document(io.BytesIO(data))


def blocks(document: DocumentObject) -> Iterator[Paragraph | Table]:
    yield from document.iter_inner_content()


def paragraphs(document: DocumentObject) -> list[Paragraph]:
    return [block for block in blocks(document) if isinstance(block, Paragraph)]


def tables(document: DocumentObject) -> list[Table]:
    return [block for block in blocks(document) if isinstance(block, Table)]


def text_of(document: DocumentObject) -> str:
    lines = []
    for block in blocks(document):
        if isinstance(block, Paragraph):
            lines.append(block.text)
        else:
            lines.extend(" | ".join(cell.text for cell in row.cells) for row in block.rows)
    return "\n".join(lines)


def east_asia(element: BaseOxmlElement) -> str | None:
    """The w:eastAsia font named in the rPr of a run or style element."""
    fonts = element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def style_of(paragraph: Paragraph) -> ParagraphStyle:
    """The paragraph's style (python-docx types it optional: a paragraph may have none)."""
    style = paragraph.style
    assert style is not None, paragraph.text
    return style


def starting(document: DocumentObject, prefix: str) -> Paragraph:
    return next(p for p in paragraphs(document) if p.text.startswith(prefix))


def test_the_page_is_a4_with_the_standard_margins() -> None:
    document = reopen(sample()[2])
    sections = document.sections  # the text, then the 版记 on an even page (封四) of its own
    assert len(sections) == 2
    for section in sections:
        mm = {
            name: round(getattr(section, name).mm, 1)
            for name in (
                "page_width",
                "page_height",
                "top_margin",
                "bottom_margin",
                "left_margin",
                "right_margin",
            )
        }
        assert mm == {
            "page_width": 210.0,
            "page_height": 297.0,
            "top_margin": 37.0,
            "bottom_margin": 35.0,
            "left_margin": 28.0,
            "right_margin": 26.0,
        }
        grid = section._sectPr.find(qn("w:docGrid"))
        assert grid.get(qn("w:linePitch")) == "579"  # 225 mm / 22 lines
        assert grid.get(qn("w:type")) == "lines"  # no character grid: LibreOffice spreads digits
        assert grid.get(qn("w:charSpace")) is None


def test_core_properties_name_the_bulletin_and_the_office() -> None:
    bulletin, _, data = sample()
    properties = reopen(data).core_properties
    assert properties.title == bulletin.title == "关于2026年10月份全区新基建工作推进情况的通报"
    assert properties.author == bulletin.office == "任城区新基建指挥部办公室"
    assert "python-docx" not in (properties.comments or "")


def test_body_text_is_fangsong_on_the_style_and_on_every_run() -> None:
    document = reopen(sample()[2])
    body = document.styles["公文正文"]
    assert east_asia(body.element) == "仿宋_GB2312"
    assert body.font.size == Pt(16)
    assert east_asia(document.styles["Normal"].element) == "仿宋_GB2312"
    paragraph = starting(document, "全区共有新基建项目")
    assert style_of(paragraph).name == "公文正文"
    assert paragraph.runs
    for run in paragraph.runs:
        assert east_asia(run._r) == "仿宋_GB2312"
        fonts = run._r.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        assert fonts.get(qn("w:ascii")) == "Times New Roman"
    indent = body.element.find(f"{qn('w:pPr')}/{qn('w:ind')}")
    assert indent.get(qn("w:firstLineChars")) == "200"
    assert body.paragraph_format.first_line_indent == Pt(32)
    assert body.paragraph_format.line_spacing == Pt(28.95)
    # 28 characters a line of 156 mm: each 3号 character condensed by 0.25 pt, 15.75 pt wide
    spacing = body.element.find(f"{qn('w:rPr')}/{qn('w:spacing')}")
    width = 16 + int(spacing.get(qn("w:val"))) / 20
    assert 28 * width <= Mm(156).pt < 29 * width


def test_title_headings_and_salutation_have_their_fonts() -> None:
    bulletin, _, data = sample()
    document = reopen(data)
    title = next(p for p in paragraphs(document) if p.text.replace("\n", "") == bulletin.title)
    assert title.text == "关于2026年10月份全区新基建\n工作推进情况的通报"  # broken before 工作
    assert style_of(title).name == "公文标题"
    assert style_of(title).paragraph_format.alignment == WD_PARAGRAPH_ALIGNMENT.CENTER
    assert style_of(title).font.size == Pt(22)
    assert {east_asia(run._r) for run in title.runs} == {"方正小标宋简体"}
    assert {run.font.size for run in title.runs} == {Pt(22)}

    texts = [p.text for p in paragraphs(document)]
    salutation = paragraphs(document)[texts.index(title.text) + 1]
    assert salutation.text == "各镇街，区直有关部门，有关企业："
    assert style_of(salutation).paragraph_format.first_line_indent == 0

    for text, style, font in (
        ("一、总体情况", "一级标题", "黑体"),
        ("三、通报及约谈问责情况", "一级标题", "黑体"),
        ("（一）通报", "二级标题", "楷体_GB2312"),
        ("（二）约谈", "二级标题", "楷体_GB2312"),
    ):
        heading = next(p for p in paragraphs(document) if p.text == text)
        assert style_of(heading).name == style
        assert east_asia(style_of(heading).element) == font
        assert {east_asia(run._r) for run in heading.runs} == {font}
        assert not style_of(heading).font.bold
        assert not any(run.bold for run in heading.runs)
    # 二's groups: the lead-in （一）…。 in 楷体, the paragraph in 仿宋
    lead = starting(document, "（一）镇街指标滞后。")
    assert style_of(lead).name == "公文正文"
    assert lead.runs[0].text == "（一）镇街指标滞后。"
    assert east_asia(lead.runs[0]._r) == "楷体_GB2312"
    assert {east_asia(run._r) for run in lead.runs[1:]} == {"仿宋_GB2312"}


def test_page_numbers_are_a_page_field_odd_right_even_left() -> None:
    document = reopen(sample()[2])
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    for footer, alignment in (
        (section.footer, WD_PARAGRAPH_ALIGNMENT.RIGHT),
        (section.even_page_footer, WD_PARAGRAPH_ALIGNMENT.LEFT),
    ):
        assert not footer.is_linked_to_previous
        (paragraph,) = footer.paragraphs
        assert paragraph.alignment == alignment
        xml = paragraph._p.xml
        assert 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
        (instruction,) = paragraph._p.iter(qn("w:instrText"))
        assert instruction.text.strip() == "PAGE"
        assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
        assert {east_asia(run._r) for run in paragraph.runs} == {"宋体"}
        assert {run.font.size for run in paragraph.runs} == {Pt(14)}


def test_every_unit_to_interview_or_hold_accountable_is_named_with_its_reasons() -> None:
    bulletin, _, data = sample()
    text = text_of(reopen(data))
    findings = [u for g in bulletin.acted for u in g.units if g.action != "notify"]
    assert len(findings) == 13
    for finding in findings:
        assert finding.name in text
        shown = [r for r in finding.reasons if r.action >= Action.interview]
        assert shown
        for reason in shown:
            assert reason.detail in text, (finding.name, reason.detail)


def test_ranking_tables_shade_the_colour_cells_and_repeat_their_header() -> None:
    document = reopen(sample()[2])
    rankings = [
        t for t in tables(document) if len(t.columns) > 1 and t.rows[0].cells[1].text == "镇街"
    ]
    assert len(rankings) == 3
    fills: dict[str, set[str]] = {}
    for table in rankings:
        header = [cell.text for cell in table.rows[0].cells]
        assert header == [
            "排名",
            "镇街",
            "年度目标",
            "累计完成",
            "完成率",
            "排名变化",
            "颜色",
            "备注",
        ]
        assert table.rows[0]._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
        assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)
        column = header.index("颜色")
        for row in table.rows[1:]:
            cell = row.cells[column]
            shading = cell._tc.find(f"{qn('w:tcPr')}/{qn('w:shd')}")
            assert shading is not None, cell.text
            fills.setdefault(cell.text, set()).add(shading.get(qn("w:fill")))
            assert {east_asia(run._r) for run in cell.paragraphs[0].runs} == {"仿宋_GB2312"}
            assert {run.font.size for run in cell.paragraphs[0].runs} == {Pt(12)}
        assert style_of(row.cells[0].paragraphs[0]).name == "表格文字"
    assert fills == {"蓝色": {"0070C0"}, "黄色": {"FFFF00"}, "红色": {"C00000"}}


def test_reworded_colour_words_keep_their_fills(monkeypatch: pytest.MonkeyPatch) -> None:
    """A cell is filled for the colour the template marks (``c-red``), whatever its word."""
    monkeypatch.setitem(COLOR_WORDS, "red", "赤色")
    monkeypatch.setitem(COLOR_WORDS, "blue", "蓝")
    ev = evaluate(SAMPLE, "2026-10")
    bulletin = build_bulletin(ev, Fingerprint("0" * 64), ISSUED)
    document = reopen(render_docx(render_markdown(bulletin, ev.data.rules)))
    fills: dict[str, set[str]] = {}
    for table in tables(document):
        if len(table.columns) > 1 and table.rows[0].cells[1].text == "镇街":
            for row in table.rows[1:]:
                cell = row.cells[6]
                shading = cell._tc.find(f"{qn('w:tcPr')}/{qn('w:shd')}")
                fills.setdefault(cell.text, set()).add(shading.get(qn("w:fill")))
    assert fills == {"蓝": {"0070C0"}, "黄色": {"FFFF00"}, "赤色": {"C00000"}}


def test_charts_and_raw_html_do_not_leak_into_the_text() -> None:
    _, markdown, data = sample()
    assert 'data-chart="' in markdown
    text = text_of(reopen(data))
    for leak in ("data-chart", "chart", "<div", "</div>", "signature", "**", "\\"):
        assert leak not in text


def test_signature_and_closing_note() -> None:
    bulletin, _, data = sample()
    document = reopen(data)
    office = next(p for p in paragraphs(document) if p.text == bulletin.office)
    date = next(p for p in paragraphs(document) if p.text == "2026年11月5日")
    for line in (office, date):
        assert style_of(line).name == "发文机关署名"
        assert style_of(line).paragraph_format.alignment == WD_PARAGRAPH_ALIGNMENT.RIGHT
    assert date.paragraph_format.right_indent == Pt(4 * 16)  # 右空四字
    assert office.paragraph_format.right_indent < date.paragraph_format.right_indent
    assert office.paragraph_format.space_before > 0
    texts = [p.text for p in paragraphs(document)]
    assert texts[texts.index(office.text) + 1] == date.text


def test_the_fingerprint_is_in_the_document_properties_not_in_the_printed_text() -> None:
    document = reopen(sample()[2])
    assert document.core_properties.identifier == "sha256:" + "0" * 64
    assert "0" * 64 not in text_of(document)
    assert "指纹" not in text_of(document)


def test_lists_keep_their_numbers_as_text_in_the_body_style() -> None:
    document = reopen(sample()[2])
    item = starting(document, "1. 任城城投新能源公司负责的")
    assert item.runs[0].text.startswith("1.") and not any(run.bold for run in item.runs)
    assert style_of(item).name == "公文正文"
    assert style_of(starting(document, "2. 区供电公司被市挂图作战平台亮黄牌")).name == "公文正文"


def test_a_hand_written_template_maps_every_construct() -> None:
    markdown = (
        "# 标题\n\n致：\n\n普通段落，*强调*与**加粗**，\n软换行\\\n硬换行。\n\n"
        "3. 第三\n4. 第四\n   - 嵌套\n\n- 要点\n\n"
        '<div class="chart" data-chart="colors">图表文字</div>\n\n'
        '<div class="chart">\n\n## 图表里的标题\n\n</div>\n\n'
        "<p>原样 HTML 里的文字 &amp; 实体</p>\n\n"
        "#### 第三层\n\n"
        '<div class="signature">\n\n某某办公室\n\n2026年1月2日\n\n</div>\n\n'
        '<div class="note">\n\n附注文字\n\n</div>\n'
    )
    document = reopen(render_docx(markdown))
    texts = [p.text for p in paragraphs(document)]
    assert texts == [
        "标题",
        "致：",
        "普通段落，强调与加粗，软换行\n硬换行。",
        "3.第三",
        "4.第四",
        "嵌套",
        "要点",
        "原样 HTML 里的文字 & 实体",
        "第三层",
        "某某办公室",
        "2026年1月2日",
        "附注文字",
    ]
    items = paragraphs(document)
    assert style_of(items[1]).name == "主送机关"
    assert [r.text for r in items[2].runs if r.bold] == ["加粗"]
    assert [r.text for r in items[2].runs if r.italic] == ["强调"]
    assert items[5].paragraph_format.left_indent == Pt(32)  # the nested item is indented
    assert style_of(items[8]).name == "三级标题"
    assert [style_of(p).name for p in items[-3:]] == ["发文机关署名", "发文机关署名", "附注"]


def test_markup_and_template_code_in_the_data_are_shown_literally(
    sample_copy: Path, tmp_path: Path
) -> None:
    project = sample_copy / "projects" / "5g" / "5G-2026-004.yaml"
    text = project.read_text(encoding="utf-8")
    assert "name: 任城区5G基站建设（住宅小区深度覆盖）\n" in text
    nasty = "小区*覆盖* _x_ [链接](http://e.x) `码` \\ # | <b>粗</b>{{ 7*7 }}"
    project.write_text(
        text.replace("name: 任城区5G基站建设（住宅小区深度覆盖）\n", f"name: '{nasty}'\n"),
        encoding="utf-8",
    )
    towns = sample_copy / "towns" / "towns.csv"
    towns.write_text(
        towns.read_text(encoding="utf-8").replace("长沟镇", "长沟镇<i>|*"), encoding="utf-8"
    )
    (path,) = bulletin_files(sample_copy, "2026-10", ["docx"], tmp_path / "out", ISSUED).paths
    document = reopen(path.read_bytes())
    body = text_of(document)
    assert f"“{nasty}”项目进度滞后" in body
    assert "{{ 7*7 }}" in body and "粗</b>49" not in body
    assert "长沟镇<i>|*" in body
    ranked = [t for t in tables(document) if t.rows[0].cells[0].text == "排名"]
    assert any(row.cells[1].text == "长沟镇<i>|*" for t in ranked for row in t.rows)


def with_templates_folder(data: Path) -> Path:
    """The sample's copy ``data`` with an empty templates/ folder beside it."""
    (data.parent / "templates").mkdir()
    return data


def test_a_district_reference_document_restyles_the_bulletin(
    sample_copy: Path, tmp_path: Path
) -> None:
    data = with_templates_folder(sample_copy)
    reference = Document(str(reference_document()))
    body = reference.styles["公文正文"]
    body.element.rPr.rFonts.set(qn("w:eastAsia"), "楷体")
    body.font.size = Pt(15)
    reference.sections[0].left_margin = Mm(30)
    reference.save(str(data.parent / "templates" / "bulletin-reference.docx"))
    (path,) = bulletin_files(data, "2026-10", ["docx"], tmp_path / "out", ISSUED).paths
    document = reopen(path.read_bytes())
    margin = document.sections[0].left_margin
    assert margin is not None and round(margin.mm) == 30
    paragraph = starting(document, "全区共有新基建项目")
    assert {(east_asia(run._r), run.font.size) for run in paragraph.runs} == {("楷体", Pt(15))}
    assert text_of(document) == text_of(reopen(sample()[2]))  # the same words


def test_a_broken_district_reference_document_is_a_template_error(
    sample_copy: Path, tmp_path: Path
) -> None:
    data = with_templates_folder(sample_copy)
    target = data.parent / "templates" / "bulletin-reference.docx"
    target.write_bytes(b"not a word document")
    with pytest.raises(TemplateError, match="不是 Word 文档"):
        bulletin_files(data, "2026-10", ["docx"], tmp_path / "out", ISSUED)
    reference = Document(str(reference_document()))
    reference.styles["附注"].name = "备注"
    reference.save(str(target))
    with pytest.raises(TemplateError, match="缺少样式 “附注”"):
        bulletin_files(data, "2026-10", ["docx"], tmp_path / "out", ISSUED)


def test_the_committed_reference_document_is_what_the_script_makes(tmp_path: Path) -> None:
    made = tmp_path / "reference.docx"
    script = ROOT / "scripts" / "make-reference-docx.py"
    subprocess.run([sys.executable, str(script), str(made)], check=True, capture_output=True)
    assert made.read_bytes() == reference_document().read_bytes()
    names = {style.name for style in Document(str(made)).styles}
    assert {"公文标题", "一级标题", "二级标题", "三级标题", "公文正文", "版头", "版记"} <= names
    assert {"表格文字", "公文表格", "主送机关", "发文机关署名", "附注", "征求意见稿"} <= names


def test_the_same_bulletin_gives_the_same_bytes() -> None:
    bulletin, markdown, data = sample()
    assert render_docx(markdown) == data
    other = dataclasses.replace(bulletin, issue_date=dt.date(2026, 11, 6))
    assert render_docx(render_markdown(other, evaluate(SAMPLE, "2026-10").data.rules)) != data


PIECES = [
    *"通报一、（）：12 .-*_`#|<>/\\&[]!\t\x0b\"'=",
    "\n",
    "\n\n",
    "1. ",
    "- ",
    "# ",
    "## ",
    "> ",
    "**",
    "    ",
    "```",
    "&amp;",
    "<br>",
    '<div class="chart">',
    '<div class="signature">',
    '<div class="note">',
    "</div>",
    "| 颜色 | b |\n| --- | ---: |\n| 红色 | 2 |\n",
]
MARKDOWNISH = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)


@settings(max_examples=60, deadline=None)
@given(MARKDOWNISH)
def test_any_markdown_gives_a_document_python_docx_can_reopen(markdown: str) -> None:
    document = reopen(render_docx(markdown))
    assert list(blocks(document))
    assert document.sections[0].footer.paragraphs[0].text == "— 1 —"


def test_the_reference_documents_styles_are_read_once_per_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 23 §4: the looks and ids of the reference's styles are the same for every
    document made from it, so they are read once (a restyled reference is read anew: see
    the district reference tests above)."""
    markdown = "# 标题\n\n正文。\n"
    first = render_docx(markdown)
    looked: list[object] = []
    of = docx_base.Look.of

    def counting(style: Any) -> docx_base.Look:
        looked.append(style)
        return of(style)

    monkeypatch.setattr(docx_base.Look, "of", staticmethod(counting))
    assert render_docx(markdown) == first
    assert looked == []
