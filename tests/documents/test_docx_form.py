"""The DOCX's official-document form (GB/T 9704-2012), read back from its XML: 版头 (red mark,
文号, red rule), the title's line break, 附件说明, signature, 附注, annexes, 版记 and the grid.

The fixture ``tests/fixtures/documents/full.md`` is a document in the Markdown contract's
skeleton (CONTRACT11) with every element; ``document(n)`` puts ``n`` more body paragraphs in it
(to move where its text ends)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_SECTION
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from xjj_cli.render.blocks import AnnexStart, Colophon, Signature, read_blocks
from xjj_cli.render.blocks import Paragraph as Block
from xjj_cli.render.docx import render_docx
from xjj_cli.render.layout import break_title

FIXTURE = Path(__file__).parents[1] / "fixtures" / "documents" / "full.md"
FILLER = "第{n}段：各镇街要对照年度目标，倒排工期，挂图作战，确保年度任务按期完成；各牵头单位要加强调度，逐一研究解决制约问题。"
LINE = Pt(28.95)


def markdown(extra: int = 0) -> str:
    filler = "\n\n".join(FILLER.format(n=n + 1) for n in range(extra))
    return FIXTURE.read_text(encoding="utf-8").replace("<!-- filler -->", filler)


def document(extra: int = 0) -> DocumentObject:
    return Document(io.BytesIO(render_docx(markdown(extra))))


def body_paragraphs(doc: DocumentObject) -> list[Paragraph]:
    return [block for block in doc.iter_inner_content() if isinstance(block, Paragraph)]


def style_name(paragraph: Paragraph) -> str:
    assert paragraph.style is not None
    return str(paragraph.style.name)


def named(doc: DocumentObject, text: str) -> Paragraph:
    return next(p for p in body_paragraphs(doc) if p.text == text)


def test_the_reader_sees_every_element_of_the_contract() -> None:
    blocks = read_blocks(markdown())
    roles = [b.role if isinstance(b, Block) else type(b).__name__ for b in blocks]
    assert roles[:4] == ["mark", "number", "title", "salutation"]
    assert roles.count("attachment") == 2
    assert roles.count("AnnexStart") == 2 and roles.count("annex_label") == 2
    index = roles.index("Signature")
    assert roles[index - 1] == "attachment" and roles[index + 1] == "note"
    assert isinstance(blocks[-1], Colophon)
    assert [b for b in blocks if isinstance(b, AnnexStart)]
    (colophon,) = [b for b in blocks if isinstance(b, Colophon)]
    assert ["".join(s.text for s in line) for line in colophon.copy_to] == [
        "抄送：区委办公室，区政府办公室，区委督查室。"
    ]
    assert ["".join(s.text for s in line) for line in colophon.printed] == [
        "任城区新基建指挥部办公室",
        "2026年11月5日印发",
    ]
    assert any(isinstance(b, Signature) for b in blocks)


def test_an_empty_number_div_is_an_empty_line() -> None:
    for empty in ('<div class="number"></div>', '<div class="number">\n\n</div>'):
        source = markdown().replace('<div class="number">任新基建办〔2026〕12号</div>', empty)
        (number,) = [b for b in read_blocks(source) if isinstance(b, Block) and b.role == "number"]
        assert number.spans == ()
        doc = Document(io.BytesIO(render_docx(source)))
        paragraph = body_paragraphs(doc)[1]
        assert style_name(paragraph) == "发文字号" and paragraph.text == ""
        assert paragraph._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}") is not None


def test_the_mark_is_red_xiaobiaosong_centred_on_one_line_at_the_top() -> None:
    doc = document()
    mark = body_paragraphs(doc)[0]
    assert mark.text == "任城区新基建指挥部办公室文件"
    assert style_name(mark) == "版头"
    style = doc.styles["版头"]
    assert style.font.color.rgb is not None and str(style.font.color.rgb) in ("C00000", "FF0000")
    assert style.paragraph_format.alignment == 1  # centred
    fonts = mark.runs[0]._r.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    assert fonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    font_size = mark.runs[0].font.size
    assert font_size is not None
    size = font_size.pt
    assert 14 * size <= 156 / 25.4 * 72  # fits the 156 mm line
    assert size >= 28  # and is large
    before = mark.paragraph_format.space_before
    assert before is not None and before.pt > 80  # 35 mm below the type area's top


def test_the_number_sits_two_lines_below_the_mark_over_the_red_rule() -> None:
    doc = document()
    number = body_paragraphs(doc)[1]
    assert number.text == "任新基建办〔2026〕12号"
    assert style_name(number) == "发文字号"
    assert number.paragraph_format.space_before == 2 * LINE
    rule = number._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}")
    assert rule.get(qn("w:color")) == "C00000" and rule.get(qn("w:val")) == "single"
    assert number.paragraph_format.left_indent in (None, 0)  # the rule spans the type area


def test_the_title_is_broken_at_a_meaningful_place_two_lines_below_the_rule() -> None:
    doc = document()
    title = body_paragraphs(doc)[2]
    assert style_name(title) == "公文标题"
    assert title.text == "关于2026年10月份全区新基建\n工作推进情况的通报"
    assert title.paragraph_format.space_before > LINE
    assert style_name(body_paragraphs(doc)[3]) == "主送机关"


@pytest.mark.parametrize(
    ("title", "lines"),
    [
        ("关于对长沟镇进行约谈的通知", ["关于对长沟镇进行约谈的通知"]),
        (
            "关于2026年10月份全区新基建工作推进情况的通报",
            ["关于2026年10月份全区新基建", "工作推进情况的通报"],
        ),
        (
            "关于提请对济宁市城市轨道交通公司进行问责的函",
            ["关于提请对济宁市城市轨道交通公司", "进行问责的函"],
        ),
    ],
)
def test_title_breaks(title: str, lines: list[str]) -> None:
    assert break_title(title, 20.1) == lines


UNITS: tuple[str, ...] = ("长沟镇", "唐口街道", "区自然资源局", "区行政审批服务局")
UNITS += ("区发改局（能源局）", "铁塔公司任城分公司", "济宁市城市轨道交通公司")


def test_a_title_filling_its_line_exactly_is_broken_where_it_reads_well() -> None:
    """20 characters in 20.1 characters' room: set as one line, another font wraps "函" alone
    ("…进行问责的/函"); broken here, after the unit's name."""
    title = "关于提请对铁塔公司任城分公司进行问责的函"
    assert break_title(title, 20.1, ["铁塔公司任城分公司"]) == [
        "关于提请对铁塔公司任城分公司",
        "进行问责的函",
    ]


@pytest.mark.parametrize(
    ("title", "capacity", "lines"),
    [
        ("关于对长沟镇进行约谈的通知", 12, ["关于对长沟镇", "进行约谈的通知"]),
        ("关于提请对区自然资源局进行问责的函", 15, ["关于提请对区自然资源局", "进行问责的函"]),
        (
            "关于对区发改局（能源局）进行约谈的通知",
            16,
            ["关于对区发改局（能源局）", "进行约谈的通知"],
        ),
    ],
)
def test_a_notice_title_breaks_after_the_units_name(
    title: str, capacity: float, lines: list[str]
) -> None:
    unit = next(name for name in UNITS if name in title)
    assert break_title(title, capacity, [unit]) == lines


@pytest.mark.parametrize("unit", UNITS)
@pytest.mark.parametrize("capacity", [9.1, 11.1, 13.1, 15.1, 17.1, 20.1])
def test_a_title_never_breaks_inside_a_name_or_a_word(unit: str, capacity: float) -> None:
    """Unit names are data: whatever the name's length and the line's room, no line ends
    inside it, nor inside 约谈, 问责, 通知 or 的函 (GB/T 9704 §7.3.1: 词意完整)."""
    for title in (f"关于对{unit}进行约谈的通知", f"关于提请对{unit}进行问责的函"):
        lines = break_title(title, capacity, [unit])
        assert "".join(lines) == title
        ends = {sum(len(line) for line in lines[: n + 1]) for n in range(len(lines) - 1)}
        for word in (unit, "约谈", "问责", "通知", "的函", "进行"):
            start = title.find(word)
            if start < 0:
                continue
            assert not ends & set(range(start + 1, start + len(word))), (word, lines)


def test_a_title_never_leaves_three_characters_alone() -> None:
    for title in (
        "关于全区新基建工作推进情况调度和督办落实的通报",
        "一二三四五六七八九十一二三四五六七八九十的函",
    ):
        lines = break_title(title, 20.1)
        assert "".join(lines) == title
        assert all(len(line) > 3 for line in lines), lines


def test_attachments_hang_under_the_first_item() -> None:
    doc = document()
    first, second = named(doc, "附件：1.镇街排名表"), named(doc, "2.约谈问责依据明细")
    assert {style_name(first), style_name(second)} == {"附件说明"}
    assert first.paragraph_format.space_before == LINE  # one line below the body
    char = 16
    start = [
        (p.paragraph_format.left_indent.pt + p.paragraph_format.first_line_indent.pt) / char
        for p in (first, second)
    ]
    assert start == pytest.approx([2, 5])  # 附件： two in; 2. under 1.
    assert first.paragraph_format.left_indent == second.paragraph_format.left_indent


def test_the_signature_follows_the_attachments_and_the_note_follows_the_date() -> None:
    doc = document()
    texts = [p.text for p in body_paragraphs(doc)]
    office = texts.index("任城区新基建指挥部办公室")
    assert texts[office - 1] == "2.约谈问责依据明细"
    assert texts[office + 1] == "2026年11月5日"
    date = named(doc, "2026年11月5日")
    assert date.paragraph_format.right_indent == Pt(4 * 16)
    assert body_paragraphs(doc)[office].paragraph_format.space_before == 2 * LINE
    note = body_paragraphs(doc)[office + 2]
    assert note.text == "（联系人：王明，联系电话：0537-2345678）"
    assert style_name(note) == "附注"
    style = doc.styles["附注"]
    assert style.font.size == Pt(16)
    assert style.paragraph_format.left_indent == Pt(32)
    assert not note.paragraph_format.space_before


def test_without_a_note_nothing_is_added() -> None:
    source = re.sub(r'<div class="note">.*?</div>\n', "", markdown(), flags=re.S)
    doc = Document(io.BytesIO(render_docx(source)))
    assert not [p for p in body_paragraphs(doc) if style_name(p) == "附注"]


def test_each_annex_starts_a_page_with_its_label_then_its_title() -> None:
    doc = document()
    paragraphs = body_paragraphs(doc)
    labels = [p for p in paragraphs if style_name(p) == "附件标识"]
    assert [p.text for p in labels] == ["附件1", "附件2"]
    for label in labels:
        assert label.paragraph_format.page_break_before
        fonts = doc.styles["附件标识"].element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        assert fonts.get(qn("w:eastAsia")) == "黑体"
        title = paragraphs[paragraphs.index(label) + 1]
        assert style_name(title) == "公文标题"
        assert title.paragraph_format.space_before == LINE  # the third line
    tables = [b for b in doc.iter_inner_content() if isinstance(b, Table)]
    header = tables[0].rows[0]._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}")
    assert header is not None


def check_colophon(table: Table) -> None:
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    sizes = {
        side: borders.find(qn(f"w:{side}")).get(qn("w:sz")) for side in ("top", "insideH", "bottom")
    }
    assert sizes == {"top": "8", "insideH": "6", "bottom": "8"}  # 0.35 mm, 0.25 mm, 0.35 mm
    assert borders.find(qn("w:left")).get(qn("w:val")) == "nil"
    copy_to, printed = (row.cells[0].paragraphs[0] for row in table.rows)
    assert copy_to.text == "抄送：区委办公室，区政府办公室，区委督查室。"
    assert copy_to.paragraph_format.left_indent == Pt(4 * 14)  # 一字 in, then hanging after 抄送：
    assert copy_to.paragraph_format.first_line_indent == Pt(-3 * 14)
    assert copy_to.paragraph_format.right_indent == Pt(14)
    assert printed.text == "任城区新基建指挥部办公室\t2026年11月5日印发"
    assert printed.paragraph_format.left_indent == Pt(14)
    (stop,) = printed.paragraph_format.tab_stops
    assert stop.alignment == 2 and round(stop.position.pt) == round(156 / 25.4 * 72 - 14)


def without_annexes(extra: int) -> DocumentObject:
    """The fixture without its annexes: a short document (a notice)."""
    source = re.sub(r'<div class="annex">\n.*?\n</div>\n', "", markdown(extra), flags=re.S)
    return Document(io.BytesIO(render_docx(source)))


@pytest.mark.parametrize("extra", [3, 6])
def test_the_colophon_is_a_text_box_at_the_foot_of_the_last_page(extra: int) -> None:
    """Wherever the text ends, the 版记 is a text box anchored to a tiny paragraph after it,
    at the bottom of the type area with no text beside it: it shares the text's last page
    when there is room and moves to the next one when there is not (docs/decisions.md). A
    document without annexes has one section: no page of its own, no even page forced."""
    doc = without_annexes(extra)
    (section,) = doc.sections
    tables = [t for t in doc.iter_inner_content() if isinstance(t, Table)]
    assert not [t for t in tables if "印发" in t.rows[-1].cells[0].text]  # not in the body
    tail = body_paragraphs(doc)[-1]  # the anchor: one tiny paragraph, nothing printed
    assert not tail.text and tail.paragraph_format.line_spacing == Pt(1)
    assert tail._p.getnext().tag == qn("w:sectPr")
    (anchor,) = tail._p.iter(qn("wp:anchor"))
    vertical = anchor.find(qn("wp:positionV"))
    assert vertical.get("relativeFrom") == "margin"
    assert vertical.find(qn("wp:align")).text == "bottom"
    assert anchor.find(qn("wp:positionH")).find(qn("wp:align")).text == "center"
    assert anchor.find(qn("wp:wrapTopAndBottom")) is not None
    assert anchor.find(qn("wp:docPr")).get("name") == "版记"
    assert abs(int(anchor.find(qn("wp:extent")).get("cx")) - Mm(156).emu) < Mm(1).emu
    (box,) = tail._p.iter(qn("w:txbxContent"))
    (table,) = box.iter(qn("w:tbl"))
    check_colophon(Table(table, tail._parent))
    assert "PAGE" in section.footer._element.xml  # every page keeps its number
    assert "PAGE" in section.even_page_footer._element.xml


def test_a_document_with_annexes_has_its_colophon_on_an_even_page_of_its_own() -> None:
    """Printed on both sides, a document with annexes ends with the 版记 on 封四: a last
    section that starts on an even page, the 版记 in its footers (their foot on the type
    area's bottom edge) and no page number (GB/T 9704 §7.5); its body next to nothing."""
    doc = document(3)
    text, last = doc.sections
    assert last.start_type == WD_SECTION.EVEN_PAGE
    assert last.footer_distance == last.bottom_margin
    assert "PAGE" in text.footer._element.xml
    for footer in (last.footer, last.even_page_footer):
        assert not footer.is_linked_to_previous and "PAGE" not in footer._element.xml
        (table,) = footer._element.iter(qn("w:tbl"))
        check_colophon(Table(table, footer))
    tail = body_paragraphs(doc)[-1]
    assert not tail.text and not list(tail._p.iter(qn("wp:anchor")))


def test_line_grid_punctuation_and_28_condensed_characters() -> None:
    doc = document()
    grid = doc.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines"  # a character grid: LibreOffice spreads digits
    assert grid.get(qn("w:linePitch")) == "579"
    # The 3号 text on the grid is condensed by 0.25 pt: 28 characters of 15.75 pt a line.
    for name in ("公文正文", "一级标题", "二级标题", "三级标题", "发文机关署名"):
        rpr = doc.styles[name].element.find(qn("w:rPr"))
        width = 16 + int(rpr.find(qn("w:spacing")).get(qn("w:val"))) / 20
        assert int(156 / 25.4 * 72 / width) == 28, name
    for name in ("公文标题", "版头", "版记", "表格文字"):  # off the grid: not condensed
        assert doc.styles[name].element.find(f"{qn('w:rPr')}/{qn('w:spacing')}") is None
    normal = doc.styles["Normal"].element.find(qn("w:pPr"))
    assert normal.find(qn("w:overflowPunct")).get(qn("w:val")) == "0"
    assert normal.find(qn("w:kinsoku")) is not None
    assert normal.find(qn("w:autoSpaceDE")).get(qn("w:val")) == "0"  # "2026年" as typed
    assert normal.find(qn("w:autoSpaceDN")).get(qn("w:val")) == "0"
    for name in ("表格文字", "版记", "公文标题", "版头"):
        snap = doc.styles[name].element.find(f"{qn('w:pPr')}/{qn('w:snapToGrid')}")
        assert snap is not None and snap.get(qn("w:val")) == "0", name


def test_the_fingerprint_is_only_in_the_properties() -> None:
    doc = document()
    assert doc.core_properties.identifier == "sha256:" + "1" * 64
    text = "\n".join(p.text for p in body_paragraphs(doc))
    assert "1" * 64 not in text and "sha256" not in text


def test_the_attachments_note_keeps_with_the_text_above_and_the_signature_below() -> None:
    """GB/T 9704 §7.3.5: 附件说明 is not split from the text nor left without the signature."""
    paragraphs = body_paragraphs(document())
    first = next(i for i, p in enumerate(paragraphs) if p.text.startswith("附件："))
    signature = next(
        i for i, p in enumerate(paragraphs) if i > first and style_name(p) == "发文机关署名"
    )
    for paragraph in paragraphs[first - 1 : signature]:
        assert paragraph.paragraph_format.keep_with_next, paragraph.text
