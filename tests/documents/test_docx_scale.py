"""The DOCX writer at scale: a table's cells are copies of cells python-docx made once, so
the work per row is small and fixed (issue 15). Checked by structure and by counting
python-docx's style look-ups, never by timing."""

from __future__ import annotations

import copy
import io
import zipfile
from typing import Any

import pytest
from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import RGBColor
from docx.styles.styles import Styles
from docx.table import Table
from docx.text.paragraph import Paragraph as DocxParagraph
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from xjj_cli.chinese import DOCX_STYLES
from xjj_cli.render.blocks import Table as BlockTable
from xjj_cli.render.blocks import markdown_parser, parse, read_blocks, read_document
from xjj_cli.render.docx import render_docx
from xjj_cli.render.docx_base import NAMESPACES
from xjj_cli.render.docx_base import Look as _Look
from xjj_cli.render.docx_tables import ALIGNMENTS, CELL_SHADING
from xjj_cli.render.palette import TONES

COLORS = sorted(TONES)


def annex(rows: int) -> str:
    """A ranking annex of ``rows`` towns: names, numbers, a colour mark, a line break."""
    lines = ["# 通报", "", "| 排名 | 镇街 | 完成率 | 颜色 | 备注 |", "|--:|:--|--:|:-:|---|"]
    for n in range(1, rows + 1):
        color = COLORS[n % len(COLORS)]
        mark = f'<span class="c-{color}">色{n}</span>'
        lines.append(f"| {n} | 镇街 **{n}** | {n % 97}.5% | {mark} | 甲<br>乙 {n} |")
    return "\n".join(lines) + "\n"


def only_table(data: bytes) -> Table:
    (table,) = Document(io.BytesIO(data)).tables
    return table


def test_an_annex_of_n_towns_has_n_rows_each_laid_out_as_the_header_says() -> None:
    rows = 240
    table = only_table(render_docx(annex(rows)))
    assert len(table.rows) == rows + 1
    header, *body = table.rows
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    widths = [tc.tcPr.find(qn("w:tcW")).get(qn("w:w")) for tc in header._tr.tc_lst]
    for number, row in enumerate(body, start=1):
        trpr = row._tr.trPr
        assert [child.tag for child in trpr] == [qn("w:cantSplit")]
        cells = row._tr.tc_lst
        assert [c.tcPr.find(qn("w:tcW")).get(qn("w:w")) for c in cells] == widths
        assert [c.text for c in row.cells] == [
            str(number),
            f"镇街 {number}",
            f"{number % 97}.5%",
            f"色{number}",
            f"甲\n乙 {number}",
        ]
        fill, text = CELL_SHADING[f"c-{COLORS[number % len(COLORS)]}"]
        shading = cells[3].tcPr.find(qn("w:shd"))
        assert shading is not None and shading.get(qn("w:fill")) == fill
        for run in row.cells[3].paragraphs[0].runs:
            assert run.font.color.rgb == RGBColor.from_string(text)
        assert [r.bold for r in row.cells[1].paragraphs[0].runs] == [None, True]


def test_each_row_is_what_python_docx_s_cell_api_writes() -> None:
    """The copies are exact: the table equals the one python-docx's cell API writes cell by
    cell (the writer before issue 15): widths, style, runs, alignment, fills, colours."""
    markdown = annex(12)
    document = Document(io.BytesIO(render_docx(markdown)))
    (made,) = document.tables
    (block,) = [b for b in read_blocks(markdown) if isinstance(b, BlockTable)]
    style = document.styles[DOCX_STYLES["table_text"]]
    look = _Look.of(style)
    expected = document.add_table(rows=len(block.rows), cols=len(made.columns))
    for (is_header, contents), row, made_row in zip(
        block.rows, expected.rows, made.rows, strict=True
    ):
        trpr = row._tr.get_or_add_trPr()
        trpr.append(OxmlElement("w:cantSplit"))
        if is_header:
            trpr.append(OxmlElement("w:tblHeader"))
        for cell, made_cell, content in zip(row.cells, made_row.cells, contents, strict=True):
            cell.width = made_cell.width
            paragraph = cell.paragraphs[0]
            paragraph.style = style
            runs = []
            for span in content.spans:
                run = paragraph.add_run()
                if span.brk:
                    run.add_break()
                else:
                    run.text = span.text
                rfonts = run._r.get_or_add_rPr().get_or_add_rFonts()
                for name, value in look.fonts:
                    rfonts.set(name, value)
                run.font.size = look.size
                run.bold = is_header or span.bold or None
                run.italic = span.italic or None
                runs.append(run)
            if content.align and not is_header:
                paragraph.alignment = ALIGNMENTS[content.align]
            fill = None if is_header else CELL_SHADING.get(content.tone or "")
            if fill is not None:
                shading = {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): fill[0]}
                cell._tc.get_or_add_tcPr().append(OxmlElement("w:shd", attrs=shading))
                for run in runs:
                    run.font.color.rgb = RGBColor.from_string(fill[1])
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        assert made_row._tr.xml == row._tr.xml


@pytest.mark.parametrize("method", ["__getitem__", "get_style_id"])
def test_style_look_ups_do_not_grow_with_the_rows(
    monkeypatch: pytest.MonkeyPatch, method: str
) -> None:
    """python-docx looks a style up by scanning the style sheet; the writer does it a fixed
    number of times per document, not once per cell or paragraph."""
    original = getattr(Styles, method)
    calls = [0]

    def counted(self: Styles, *args: object) -> object:
        calls[0] += 1
        return original(self, *args)

    monkeypatch.setattr(Styles, method, counted)
    counts = []
    for rows in (5, 200):
        calls[0] = 0
        render_docx(annex(rows))
        counts.append(calls[0])
    assert counts[0] == counts[1]


def test_a_long_annex_gives_the_same_bytes_twice() -> None:
    first, second = render_docx(annex(150)), render_docx(annex(150))
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        assert package.read("word/document.xml").count(b"<w:tr>") == 151


def test_a_row_taller_than_a_third_of_a_page_may_break_across_pages() -> None:
    reasons = "<br>".join(
        f"{n}.连续9个月排名后三名（5G基站，2月至10月）：8月第16名" for n in range(12)
    )
    markdown = (
        "| 序号 | 单位 | 依据 |\n| :---: | :---: | :--- |\n"
        f"| 1 | 长沟镇 | {reasons} |\n| 2 | 南张街道 | 1.不配合镇街工作（10月） |\n"
    )
    header, tall, short = only_table(render_docx(markdown)).rows
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert tall._tr.trPr.find(qn("w:cantSplit")) is None  # else it leaves a page blank
    assert short._tr.trPr.find(qn("w:cantSplit")) is not None


def test_cells_with_tabs_spaces_and_markup_characters_are_what_python_docx_writes() -> None:
    """A table's rows are written as XML text: a cell's text with XML's own characters, with
    spaces at its ends (kept) or a tab (python-docx's own run) reads back as python-docx
    writes it, in the same element."""
    markdown = (
        "| 甲 | 乙 | 丙 |\n|---|---|---|\n"
        '| x\ty | A&B \\<C\\> "引" | **粗** *斜* |\n'
        "| &amp;&lt; | 尾 &nbsp; | <br>前 |\n"
    )
    document = Document(io.BytesIO(render_docx(markdown)))
    (made,) = document.tables
    (block,) = [b for b in read_blocks(markdown) if isinstance(b, BlockTable)]
    look = _Look.of(document.styles[DOCX_STYLES["table_text"]])
    for (is_header, contents), made_row in zip(block.rows, made.rows, strict=True):
        for content, made_cell in zip(contents, made_row.cells, strict=True):
            paragraph = OxmlElement("w:p")
            spans = [
                type(s)(s.text, True, s.italic, s.brk) if is_header else s for s in content.spans
            ]
            look.runs(DocxParagraph(paragraph, None), spans)  # type: ignore[arg-type]
            expected = [NAMESPACES.sub("", r.xml) for r in paragraph.findall(qn("w:r"))]
            made_runs = made_cell._tc.p_lst[0].findall(qn("w:r"))
            assert [NAMESPACES.sub("", r.xml) for r in made_runs] == expected
    assert [c.text for c in made.rows[1].cells][:2] == ["x\ty", 'A&B <C> "引"']


def test_documents_made_one_after_another_are_each_as_made_alone() -> None:
    """The reference document is opened once and put back as read before each document:
    whatever the documents before it were (a draft with its headers, a bulletin with annexes
    and its 版记 on a page of its own), each has the bytes it has when made first."""
    from xjj_cli.render.docx import _Opened

    plain_notice = "---\ntitle: 通知\ndate: 2026-11-05\n---\n\n# 关于甲的通知\n\n正文。\n"
    with_annex = (
        plain_notice
        + '\n<div class="annex">\n\n'
        + annex(30)
        + '\n</div>\n\n<div class="colophon">\n\n抄送：乙\n\n</div>\n'
    )
    sequence = [(plain_notice, False), (with_annex, True), (plain_notice, True)]
    sequence += [(with_annex, False), (plain_notice, False), (annex(5), False)]
    alone = []
    for markdown, draft in sequence:
        _Opened._kept.clear()
        alone.append(render_docx(markdown, draft=draft))
    _Opened._kept.clear()
    assert [render_docx(markdown, draft=draft) for markdown, draft in sequence] == alone
    assert alone[0] != alone[2]  # the draft is marked


def _stock() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable("table").use(front_matter_plugin)


def _shape(tokens: list[Token]) -> list[object]:
    fields = ("type", "tag", "nesting", "content", "attrs", "markup", "info", "meta", "level")
    return [
        (*(getattr(t, name) for name in (*fields, "block", "hidden")), _shape(t.children or []))
        for t in tokens
    ]


def _outside_tables(tokens: list[Token]) -> list[Token]:
    """The tokens that are not a table's (its rows, cells and their inline tokens)."""
    kept, depth = [], 0
    for token in tokens:
        if token.type == "table_open":
            depth += 1
        if not depth:
            kept.append(token)
        if token.type == "table_close":
            depth -= 1
    return kept


LETTER = (
    "---\ntitle: 函\ndate: 2026-11-05\n---\n\n"
    '<div class="letterhead">某某办公室</div>\n\n'
    '<div class="number">某〔2026〕　　号</div>\n\n# 关于甲的函\n\n正文。\n\n'
    '<div class="colophon">\n\n<div class="copy-to">抄送：乙，丙。</div>\n\n</div>\n'
)


def test_letters_and_drafts_one_after_another_open_the_reference_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The 信函格式's first-page footer and a draft's headers are parts the reference lacks:
    they are taken out after each document, so the reference is opened once for all of them
    (not once per letter: 1,545 of the province's 1,604 notices) and each document still has
    the bytes it has when made first."""
    from xjj_cli.render import docx

    plain_notice = "---\ntitle: 通知\ndate: 2026-11-05\n---\n\n# 关于甲的通知\n\n正文。\n"
    sequence = [(LETTER, False), (LETTER, False), (plain_notice, False), (LETTER, True)]
    sequence += [(plain_notice, True), (LETTER, False), (plain_notice, False)]
    alone = []
    for markdown, draft in sequence:
        docx._Opened._kept.clear()
        alone.append(render_docx(markdown, draft=draft))
    opened: list[object] = []

    def counting(data: io.BytesIO) -> object:
        opened.append(data)
        return Document(data)

    monkeypatch.setattr(docx, "Document", counting)
    docx._Opened._kept.clear()
    assert [render_docx(markdown, draft=draft) for markdown, draft in sequence] == alone
    assert len(opened) == 1
    assert alone[0] == alone[1] != alone[2]
    footers = [n for n in zipfile.ZipFile(io.BytesIO(alone[0])).namelist() if "footer" in n]
    assert len(footers) == 3  # the reference's two and the letter's first page's


def notice(copy_to: str, *, letter: bool = False) -> str:
    """A notice with a 版记: its 抄送 line and the 印发 line (a letter: 信函格式, no rules)."""
    head = '<div class="letterhead">某某办公室</div>\n\n' if letter else ""
    return (
        f"---\ntitle: 通知\ndate: 2026-11-05\n---\n\n{head}# 关于甲的通知\n\n正文。\n\n"
        f'<div class="colophon">\n\n<div class="copy-to">{copy_to}</div>\n\n'
        '<div class="printed">\n\n某某办公室\n\n2026年11月5日印发\n\n</div>\n\n</div>\n'
    )


def test_the_colophon_s_table_is_made_by_python_docx_once_not_per_notice(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The 版记's table and its kinds of row are made once by python-docx and written as text
    for every notice: python-docx makes a table three times (the table, a 抄送 row, a 印发
    row) for each look and rules, not once per notice; each notice has the bytes it has when
    made first."""
    from docx.document import Document as DocumentObject

    from xjj_cli.render import docx_colophon
    from xjj_cli.render.docx import _Opened

    long_names = "，".join(f"第{n}号街道" for n in range(40))
    sequence = [
        notice("抄送：区委办公室。"),
        notice(f"抄送：{long_names}。"),
        notice("抄送：区委办公室，A&amp;B &lt;C&gt;。"),
        notice("抄送：区委办公室。", letter=True),
        notice("抄送 区委办公室 乙"),
        notice("抄送：区委办公室。"),
    ]
    alone = []
    for markdown in sequence:
        _Opened._kept.clear()
        docx_colophon._FRAMES.clear()
        alone.append(render_docx(markdown))
    made: list[int] = []
    add_table = DocumentObject.add_table

    def counting(self: DocumentObject, rows: int, cols: int, style: object = None) -> Table:
        made.append(rows)
        return add_table(self, rows, cols, style)  # type: ignore[arg-type,no-any-return]

    monkeypatch.setattr(DocumentObject, "add_table", counting)
    _Opened._kept.clear()
    docx_colophon._FRAMES.clear()
    assert [render_docx(markdown) for markdown in sequence * 2] == alone * 2
    # made once for the twelve notices: with rules: the table, a 抄送 row (抄送：), another (no colon), the 印发 row; a letter's
    # 版记 has no rules: its table and two rows (row by row, it was one table a notice)
    assert len(made) == 7
    text = zipfile.ZipFile(io.BytesIO(alone[1])).read("word/document.xml").decode()
    assert long_names in text and "印发" in text


def test_equal_texts_parsed_once_give_the_tokens_markdown_it_gives() -> None:
    """Each distinct inline text is parsed once and its tokens shared: the tokens outside
    tables (escapes joined, link references, marks, line breaks), the HTML and the blocks are
    markdown-it's own."""
    markdown = (
        "---\ntitle: 通报\n---\n\n# 通报\n\n见[附件][a]，\\*非强调\\*。\n\n[a]: https://example.org\n\n"
        + annex(40)
        + "\n| 甲 | 乙 |\n|---|---|\n| [附件][a] | a\\_b \\| c |\n| [附件][a] | a\\_b \\| c |\n"
    )
    stock = _stock()
    expected = stock.parse(markdown)
    made = parse(markdown)
    assert _shape(_outside_tables(made)) == _shape(_outside_tables(expected))
    renderer = markdown_parser().renderer
    assert renderer.render(made, stock.options, {}) == stock.renderer.render(
        expected, stock.options, {}
    )
    assert read_document(markdown) == read_document(markdown, expected)
    inline = [t for t in made if t.type == "inline"]
    assert len({id(t.children) for t in inline}) < len(inline)  # equal texts share tokens


TABLES = [
    annex(3),
    "| a | b |\n|---|---|\n",  # a header alone: no tbody
    "| a | b |\n| :-- | --: |\n| 1 |\n| 1 | 2 | 3 |\n|  | x |\n",  # short, long, empty cells
    "a | b\n--- | :---:\nc | d\n\ntext\n",  # without the outer pipes
    "| a \\| b | c\\\\|d |\n|---|---|\n| \\| | x\\\\| |\n| `co|de` | \\\\ |\n",  # escaped pipes
    "| a | b |\n|---|---|\n| 1 | 2 |\n# 标题\n\n| a |\n|---|\n| 1 |\n> 引用\n",  # ended by blocks
    "- 列表\n\n  | a | b |\n  |---|---|\n  | 1 | 2 |\n- 二\n  | a |\n  |--|\n",  # in a list
    "> | a | b |\n> |---|---|\n> | 1 | **2** |\n\n段落\n| a | b |\n|---|---|\n| 1 | 2 |\n",
    "| a | b |\n|---||---|\n\n| a | b |\n|-- -|---|\n\n| a |\n- |\n\n|a|\n|x|\n",  # not tables
    "| a | b |\n|---|---|---|\n\n    | a |\n    |---|\n\n| a |\n    |---|\n",  # nor these
    '| 甲 | 乙 |\n|:-:|:-|\n| <span class="c-red">红色</span> | 1.a<br>2.b |\n| &amp; | \\<x\\> |\n',
    "|a|\n|-|\n|b|\n\t\n|c|\n",  # a blank line of a tab ends it
]


@pytest.mark.parametrize("markdown", TABLES)
def test_a_table_as_three_tokens_gives_markdown_it_s_html_and_blocks(markdown: str) -> None:
    """A table is read by the same rule as markdown-it's (the same lines, the same cells),
    kept as one token of rows: its HTML and its blocks are those of markdown-it's tokens."""
    stock = _stock()
    expected = stock.parse(markdown)
    made = parse(markdown)
    assert _shape(_outside_tables(made)) == _shape(_outside_tables(expected))
    assert [t.map for t in made if t.type == "table_open"] == [
        t.map for t in expected if t.type == "table_open"
    ]
    renderer = markdown_parser().renderer
    assert renderer.render(made, stock.options, {}) == stock.renderer.render(
        expected, stock.options, {}
    )
    assert read_document(markdown) == read_document(markdown, expected)


def test_a_table_is_three_tokens_whatever_its_rows() -> None:
    """The work of a table's tokens does not grow with its cells: three tokens a table."""
    counts = [len(parse(annex(rows))) for rows in (5, 500)]
    assert counts[0] == counts[1]


def test_a_cell_repeated_down_a_column_is_written_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Equal cells of a column (a colour, 持平, a number) are one cell read once and written
    once: the cells made do not grow with the rows, and the table is still every row's."""
    from xjj_cli.render.docx_tables import _CellMaker

    original = _CellMaker.xml
    calls = [0]

    def counted(self: _CellMaker, *args: object) -> str:
        calls[0] += 1
        return original(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(_CellMaker, "xml", counted)
    counts, made = [], []
    for rows in (5, 300):
        calls[0] = 0
        body = "".join('| 持平 | <span class="c-red">红色</span> | 1 |\n' for _ in range(rows))
        made.append(render_docx("| 变化 | 颜色 | 数 |\n|---|---|--:|\n" + body))
        counts.append(calls[0])
    assert counts[0] == counts[1] == 6  # the header's three, one of each column below it
    assert [c.text for c in only_table(made[1]).rows[-1].cells] == ["持平", "红色", "1"]
    assert len(only_table(made[1]).rows) == 301


PLAIN = [
    "镇街",
    "12.5%",
    "—",
    "a:b",
    "1.连续9个月",
    "#1",
    "+-=",
    "~x~",
    "$5 {x} ^2 @a",
    "http://a.org",
]


@pytest.mark.parametrize("text", [*PLAIN, "a\\_b", "**粗**", "[x]", "&amp;", "<b>", "`c`", "!x"])
def test_a_text_without_markup_is_the_one_token_markdown_it_makes(text: str) -> None:
    """A text none of the inline rules could start in is taken as one text token without
    the inline parser: the tokens are markdown-it's, in a paragraph and in a table cell."""
    markdown = f"{text}\n\n| {text} |\n|---|\n| {text} |\n"
    stock = _stock()
    expected = stock.parse(markdown)
    made = parse(markdown)
    paragraph = 1
    assert _shape([made[paragraph]]) == _shape([expected[paragraph]])
    assert read_document(markdown) == read_document(markdown, expected)
    assert markdown_parser().renderer.render(made, stock.options, {}) == (
        stock.renderer.render(expected, stock.options, {})
    )


def test_the_reference_s_parts_a_document_left_as_read_are_not_copied_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Before each document only the parts the one before changed are put back as read: the
    styles (which no document changes) are copied once, when the reference is opened, not
    once per document; letters, drafts and plain notices still have the bytes they have when
    made first."""
    from xjj_cli.render import docx

    plain_notice = "---\ntitle: 通知\ndate: 2026-11-05\n---\n\n# 关于甲的通知\n\n正文。\n"
    sequence = [(LETTER, False), (plain_notice, True), (LETTER, True), (plain_notice, False)]
    sequence *= 2
    alone = []
    for markdown, draft in sequence:
        docx._Opened._kept.clear()
        alone.append(render_docx(markdown, draft=draft))
    copied: list[str] = []
    deepcopy = copy.deepcopy

    def counting(tree: Any, memo: Any = None) -> Any:
        copied.append(tree.tag.rsplit("}", 1)[-1])
        return deepcopy(tree, memo)

    monkeypatch.setattr(copy, "deepcopy", counting)  # the module docx.py copies with
    docx._Opened._kept.clear()
    assert [render_docx(markdown, draft=draft) for markdown, draft in sequence] == alone
    assert copied.count("styles") == 1
    assert copied.count("document") == len(sequence)  # the body: the first read, then each
