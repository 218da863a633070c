"""make reference-docx: write templates/bulletin-reference.docx, the DOCX bulletin's look.

    python scripts/make-reference-docx.py [OUT]     (default templates/bulletin-reference.docx)

(src/xjj_cli/templates, the templates that ship with xjj, is a link to templates/: one file.)

The reference document holds everything about the DOCX bulletin that is not its words: the
page (A4; margins 37 mm top, 35 bottom, 28 left, 26 right, so the type area is 156 × 225 mm;
22 lines a page on a line grid), the paragraph styles the writer (xjj_cli/render/docx.py)
uses, the table style, the font table and the footers with their "— 1 —" page numbers, odd
pages on the right and even pages on the left (GB/T 9704-2012). Its body is a specimen of
every style, for whoever opens it in Word or WPS; the writer throws the body away.

A district restyles its bulletins by opening this file in Word or WPS, changing the styles
(keep their names), and saving it as templates/bulletin-reference.docx in its data
repository. This script makes the built-in one; it writes the package's XML itself, in
schema order, so its output is small, readable and byte-for-byte the same on every run.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import quoteattr

from xjj_cli.chinese import DOCUMENT_FONTS, FONT_FALLBACKS
from xjj_cli.render.docx_base import (
    STYLE_ANNEX_LABEL,
    STYLE_ATTACHMENT,
    STYLE_BODY,
    STYLE_CODE,
    STYLE_COLOPHON,
    STYLE_DRAFT,
    STYLE_HEADING_1,
    STYLE_HEADING_2,
    STYLE_HEADING_3,
    STYLE_MASTHEAD,
    STYLE_NOTE,
    STYLE_NUMBER,
    STYLE_SALUTATION,
    STYLE_SIGNATURE,
    STYLE_TABLE,
    STYLE_TABLE_TEXT,
    STYLE_TITLE,
)

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "templates" / "bulletin-reference.docx"

# Fonts (GB/T 9704-2012 §5.1, xjj_cli.chinese.DOCUMENT_FONTS): body 仿宋, title 小标宋,
# first-level headings 黑体, second-level 楷体, page numbers 宋体; digits and Latin letters in
# Times New Roman. The font table describes each as Word does (panose, charset 86 = GB2312,
# family, pitch), so Word and WPS on a computer without it pick a face of the same kind, and
# names a fallback Windows has (altName, chinese.FONT_FALLBACKS). LibreOffice reads neither
# (it asks fontconfig, which answers one sans for every missing Chinese font): the PDF
# (render/pdf.py) gives it a replacement table instead.
TITLE, BODY = DOCUMENT_FONTS["title"], DOCUMENT_FONTS["body"]
HEI, KAI, SONG = (
    DOCUMENT_FONTS["heading1"],
    DOCUMENT_FONTS["heading2"],
    DOCUMENT_FONTS["page_number"],
)
LATIN = "Times New Roman"
# (panose-1, family, pitch) of each font as Word writes them in a font table.
FACES = {
    TITLE: ("02010601030101010101", "auto", "variable"),
    BODY: ("02010609030101010101", "modern", "fixed"),
    HEI: ("02010609060101010101", "modern", "fixed"),
    KAI: ("02010609030101010101", "modern", "fixed"),
    SONG: ("02010600030101010101", "auto", "variable"),
}
RED = "C00000"

# Sizes in points: 2号 22, 3号 16, 4号 14, 小四 12.
SIZE_TITLE, SIZE_BODY, SIZE_4, SIZE_SMALL = 22, 16, 14, 12
# The type area's 225 mm hold 22 lines: a line grid (docGrid "lines") of 579 twips (28.95 pt)
# and every paragraph on it exactly one pitch high. Its 156 mm (442.2 pt) hold 28 characters
# of 3号: the styles on the grid condense their characters by 0.25 pt (w:spacing -5), 28 ×
# 15.75 = 441 pt, in Word, WPS and LibreOffice alike. Not a character grid (docGrid
# "linesAndChars" with charSpace): Word and WPS add charSpace to each character, but
# LibreOffice sets each character in whole grid cells — a cell of Normal's size plus
# charSpace — so a run of digits or Latin letters is spread to the next whole cell ("2026 年
# 11 月5 日"), and with Normal at 16 pt and charSpace -849 every character took two cells
# (the document doubled). Nor is space added between Chinese and Latin text (autoSpaceDE and
# autoSpaceDN off): "2026年11月5日" is set as typed, as GB/T 9704 documents are.
LINE = 579
CONDENSE = -5  # twentieths of a point
MARGINS_MM = {"top": 37, "right": 26, "bottom": 35, "left": 28, "header": 15, "footer": 25}

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


def fonts(east_asia: str, latin: str = LATIN) -> str:
    return (
        f"<w:rFonts w:ascii={quoteattr(latin)} w:hAnsi={quoteattr(latin)}"
        f' w:eastAsia={quoteattr(east_asia)} w:cs={quoteattr(latin)} w:hint="eastAsia"/>'
    )


def run_props(
    font: str,
    size: int,
    *,
    latin: str = LATIN,
    bold: bool = False,
    color: str = "",
    condense: bool = False,
) -> str:
    return (
        f'<w:rPr>{fonts(font, latin)}<w:b w:val={quoteattr(str(int(bold)))}/><w:i w:val="0"/>'
        + (f'<w:color w:val="{color}"/>' if color else "")
        + (f'<w:spacing w:val="{CONDENSE}"/>' if condense else "")
        + f'<w:sz w:val="{2 * size}"/><w:szCs w:val="{2 * size}"/></w:rPr>'
    )


NO_AUTO_SPACE = '<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'


def paragraph_style(
    style_id: str,
    name: str,
    font: str,
    size: int,
    *,
    align: str = "both",
    indent: int = 2,
    line: int = LINE,
    before: int = 0,
    after: int = 0,
    keep_next: bool = False,
    grid: bool = True,
    outline: int | None = None,
    based: str = "Normal",
    latin: str = LATIN,
    bold: bool = False,
    color: str = "",
    left: int = 0,
    builtin: bool = False,
) -> str:
    """A paragraph style; every child in the order ECMA-376 §17.3.1.26 and §17.3.2.28 give.
    ``indent`` is the first line's and ``left`` the whole paragraph's, in characters of 3号;
    ``line`` 0 is single spacing. Text on the grid (``grid``) in 3号 is condensed to 28
    characters a line."""
    chars = f' w:firstLineChars="{indent * 100}"' if size == SIZE_BODY else ""
    rule = f'w:line="{line}" w:lineRule="exact"' if line else 'w:line="240" w:lineRule="auto"'
    custom = "" if builtin else ' w:customStyle="1"'
    usage = (
        '<w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
        if builtin
        else '<w:next w:val="XjjBody"/><w:qFormat/>'
    )
    return (
        f'<w:style w:type="paragraph"{custom} w:styleId="{style_id}">'
        f'<w:name w:val="{name}"/><w:basedOn w:val="{based}"/>{usage}<w:pPr>'
        + ("<w:keepNext/>" if keep_next else "")
        + "<w:widowControl/>"
        + '<w:kinsoku/><w:overflowPunct w:val="0"/>'
        + NO_AUTO_SPACE
        + ("" if grid else '<w:snapToGrid w:val="0"/>')
        + f'<w:spacing w:before="{before}" w:after="{after}" {rule}/>'
        + f'<w:ind w:left="{left * SIZE_BODY * 20}" w:right="0"{chars} w:firstLine="{indent * SIZE_BODY * 20}"/>'
        + f'<w:jc w:val="{align}"/>'
        + ("" if outline is None else f'<w:outlineLvl w:val="{outline}"/>')
        + "</w:pPr>"
        + run_props(
            font, size, latin=latin, bold=bold, color=color, condense=grid and size == SIZE_BODY
        )
        + "</w:style>"
    )


STYLES = [
    paragraph_style(
        "XjjTitle",
        STYLE_TITLE,
        TITLE,
        SIZE_TITLE,
        align="center",
        indent=0,
        after=LINE,
        keep_next=True,
        grid=False,
    ),
    paragraph_style("XjjBody", STYLE_BODY, BODY, SIZE_BODY),
    paragraph_style("XjjSalutation", STYLE_SALUTATION, BODY, SIZE_BODY, indent=0),
    paragraph_style("XjjHeading1", STYLE_HEADING_1, HEI, SIZE_BODY, outline=0, keep_next=True),
    paragraph_style("XjjHeading2", STYLE_HEADING_2, KAI, SIZE_BODY, outline=1, keep_next=True),
    paragraph_style("XjjHeading3", STYLE_HEADING_3, BODY, SIZE_BODY, outline=2, keep_next=True),
    paragraph_style(
        "XjjSignature", STYLE_SIGNATURE, BODY, SIZE_BODY, align="right", indent=0, keep_next=True
    ),
    # 附注: 3号, two characters in, the line after the date (GB/T 9704 §7.3.7).
    paragraph_style("XjjNote", STYLE_NOTE, BODY, SIZE_BODY, align="left", indent=0, left=2),
    # 发文字号: centred under the mark; the writer draws the red rule under it.
    paragraph_style("XjjNumber", STYLE_NUMBER, BODY, SIZE_BODY, align="center", indent=0),
    # 附件说明: 附件： two characters in; the writer hangs the items under the first one.
    paragraph_style("XjjAttachment", STYLE_ATTACHMENT, BODY, SIZE_BODY, align="left", indent=0),
    # 附件标识 (附件1): 3号黑体, flush left on the annex's first line (§8.2).
    paragraph_style(
        "XjjAnnexLabel", STYLE_ANNEX_LABEL, HEI, SIZE_BODY, align="left", indent=0, keep_next=True
    ),
    paragraph_style(
        "XjjTableText",
        STYLE_TABLE_TEXT,
        BODY,
        SIZE_SMALL,
        align="center",
        indent=0,
        line=360,
        grid=False,
    ),
    paragraph_style(
        "XjjCode", STYLE_CODE, BODY, SIZE_SMALL, align="left", indent=0, line=360, grid=False
    ),
    # 版头: the issuing office's mark in red over the document (§7.2.3; the writer shrinks it
    # to one line); 版记: copy-to and printing lines, 4号 (§7.4; the writer draws its rules).
    paragraph_style(
        "XjjMasthead",
        STYLE_MASTHEAD,
        TITLE,
        SIZE_TITLE + 4,
        align="center",
        indent=0,
        line=0,
        grid=False,
        color=RED,
    ),
    paragraph_style(
        "XjjColophon", STYLE_COLOPHON, BODY, SIZE_4, align="left", indent=0, line=440, grid=False
    ),
    # The draft's 征求意见稿 at the top of every page: 3号 黑体, bold, red.
    paragraph_style(
        "XjjDraft",
        STYLE_DRAFT,
        HEI,
        SIZE_BODY,
        align="center",
        indent=0,
        line=0,
        grid=False,
        based="Header",
        latin=HEI,
        bold=True,
        color=RED,
    ),
]

STYLES_XML = (
    f'{HEAD}<w:styles xmlns:w="{W}">'
    f"<w:docDefaults><w:rPrDefault><w:rPr>{fonts(BODY)}"
    f'<w:sz w:val="{2 * SIZE_BODY}"/><w:szCs w:val="{2 * SIZE_BODY}"/>'
    '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
    '<w:pPrDefault><w:pPr><w:spacing w:after="0"/></w:pPr></w:pPrDefault></w:docDefaults>'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
    '<w:qFormat/><w:pPr><w:widowControl/><w:kinsoku/><w:overflowPunct w:val="0"/>'
    + NO_AUTO_SPACE
    + f'<w:spacing w:before="0" w:after="0" w:line="{LINE}" w:lineRule="exact"/>'
    '<w:ind w:left="0" w:right="0" w:firstLine="0"/><w:jc w:val="both"/></w:pPr>'
    f'<w:rPr>{fonts(BODY)}<w:b w:val="0"/><w:i w:val="0"/>'
    f'<w:sz w:val="{2 * SIZE_BODY}"/><w:szCs w:val="{2 * SIZE_BODY}"/></w:rPr></w:style>'
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
    '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
    "<w:unhideWhenUsed/></w:style>"
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
    '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr>'
    '<w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
    '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
    '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
    # The ranking tables: single rules all round, 1 mm of room each side of a cell's text.
    f'<w:style w:type="table" w:customStyle="1" w:styleId="XjjTable"><w:name w:val="{STYLE_TABLE}"/>'
    '<w:basedOn w:val="TableNormal"/><w:qFormat/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
    "<w:tblBorders>"
    + "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    + '</w:tblBorders><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="57" w:type="dxa"/>'
    '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr>'
    "</w:style>"
    + paragraph_style(
        "Header",
        "header",
        BODY,
        SIZE_BODY,
        align="center",
        indent=0,
        line=0,
        grid=False,
        builtin=True,
    )
    + paragraph_style(
        "Footer",
        "footer",
        SONG,
        SIZE_4,
        align="right",
        indent=0,
        line=0,
        grid=False,
        latin=SONG,
        builtin=True,
    )
    + "".join(STYLES)
    + "</w:styles>"
)


def page_number(side: str) -> str:
    """A footer paragraph "— 1 —" (a PAGE field), one character in from ``side`` (§7.5)."""
    rpr = f'<w:rPr>{fonts(SONG, SONG)}<w:sz w:val="{2 * SIZE_4}"/><w:szCs w:val="{2 * SIZE_4}"/></w:rPr>'
    runs = [
        '<w:t xml:space="preserve">— </w:t>',
        '<w:fldChar w:fldCharType="begin"/>',
        '<w:instrText xml:space="preserve"> PAGE </w:instrText>',
        '<w:fldChar w:fldCharType="separate"/>',
        "<w:t>1</w:t>",
        '<w:fldChar w:fldCharType="end"/>',
        '<w:t xml:space="preserve"> —</w:t>',
    ]
    return (
        f'{HEAD}<w:ftr xmlns:w="{W}" xmlns:r="{R}"><w:p><w:pPr><w:pStyle w:val="Footer"/>'
        f'<w:ind w:{side}="{SIZE_4 * 20}"/><w:jc w:val="{side}"/></w:pPr>'
        + "".join(f"<w:r>{rpr}{content}</w:r>" for content in runs)
        + "</w:p></w:ftr>"
    )


def paragraph(style_id: str, text: str, *, bold: bool = False) -> str:
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return (
        f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/></w:pPr><w:r>{rpr}<w:t>{text}</w:t></w:r></w:p>'
    )


def cell(text: str, width: int, *, bold: bool = False, fill: str = "") -> str:
    shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading}<w:vAlign w:val="center"/>'
        f"</w:tcPr>{paragraph('XjjTableText', text, bold=bold)}</w:tc>"
    )


SPECIMEN_TABLE = (
    '<w:tbl><w:tblPr><w:tblStyle w:val="XjjTable"/><w:tblW w:w="0" w:type="auto"/>'
    '<w:jc w:val="center"/><w:tblLayout w:type="fixed"/></w:tblPr>'
    '<w:tblGrid><w:gridCol w:w="1400"/><w:gridCol w:w="1400"/><w:gridCol w:w="1400"/></w:tblGrid>'
    "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
    + "".join(cell(text, 1400, bold=True) for text in ("排名", "镇街", "颜色"))
    + "</w:tr><w:tr><w:trPr><w:cantSplit/></w:trPr>"
    + cell("1", 1400)
    + cell("表格文字", 1400)
    + cell("蓝色", 1400, fill="0070C0")
    + "</w:tr></w:tbl>"
)

SPECIMEN = [
    ("XjjMasthead", "版头（发文机关标志）"),
    ("XjjNumber", "发文字号"),
    ("XjjTitle", "公文标题：关于某月全区新基建工作推进情况的通报"),
    ("XjjSalutation", "主送机关：各镇街，区直有关部门："),
    ("XjjBody", "公文正文：仿宋_GB2312 三号，首行缩进两字，每页22行、每行28字。"),
    ("XjjHeading1", "一、一级标题（黑体）"),
    ("XjjHeading2", "（一）二级标题（楷体_GB2312）"),
    ("XjjHeading3", "1. 三级标题（仿宋_GB2312）"),
    ("XjjCode", "代码"),
    ("XjjSignature", "发文机关署名"),
    ("XjjAttachment", "附件：1.附件说明"),
    ("XjjNote", "（附注：三号仿宋）"),
    ("XjjAnnexLabel", "附件1"),
    ("XjjColophon", "版记：抄送、印发机关和印发日期。"),
]

DOCUMENT_XML = (
    f'{HEAD}<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>'
    + "".join(paragraph(style_id, text) for style_id, text in SPECIMEN[:5])
    + SPECIMEN_TABLE
    + "".join(paragraph(style_id, text) for style_id, text in SPECIMEN[5:])
    + '<w:sectPr><w:footerReference w:type="default" r:id="rIdFooterOdd"/>'
    '<w:footerReference w:type="even" r:id="rIdFooterEven"/>'
    f'<w:pgSz w:w="{twips(210)}" w:h="{twips(297)}"/><w:pgMar'
    + "".join(f' w:{side}="{twips(mm)}"' for side, mm in MARGINS_MM.items())
    + f' w:gutter="0"/><w:cols w:space="720"/><w:docGrid w:type="lines" w:linePitch="{LINE}"/>'
    "</w:sectPr></w:body></w:document>"
)

SETTINGS_XML = (
    f'{HEAD}<w:settings xmlns:w="{W}"><w:defaultTabStop w:val="420"/><w:evenAndOddHeaders/>'
    '<w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:useFELayout/>'
    '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word"'
    ' w:val="14"/></w:compat><w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>'
    '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>'
)


def font_entry(
    name: str,
    fallback: str,
    panose: str,
    family: str,
    pitch: str,
    charset: str = "86",
) -> str:
    """A font table entry in the order of ECMA-376 §17.8.3.9: altName, panose1, charset,
    family, pitch."""
    alt = f"<w:altName w:val={quoteattr(fallback)}/>" if fallback else ""
    return (
        f'<w:font w:name={quoteattr(name)}>{alt}<w:panose1 w:val="{panose}"/>'
        f'<w:charset w:val="{charset}"/><w:family w:val="{family}"/><w:pitch w:val="{pitch}"/>'
        "</w:font>"
    )


FONTS_XML = (
    f'{HEAD}<w:fonts xmlns:w="{W}">'
    + font_entry(LATIN, "", "02020603050405020304", "roman", "variable", charset="00")
    + "".join(font_entry(name, FONT_FALLBACKS[name][0], *face) for name, face in FACES.items())
    + "</w:fonts>"
)

CORE_XML = (
    f"{HEAD}<cp:coreProperties"
    ' xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
    ' xmlns:dc="http://purl.org/dc/elements/1.1/">'
    "<dc:title>xjj 通报参考文档</dc:title><dc:language>zh-CN</dc:language></cp:coreProperties>"
)


def relationships(*entries: tuple[str, str, str]) -> str:
    return (
        f'{HEAD}<Relationships xmlns="{REL}">'
        + "".join(
            f'<Relationship Id="{rel_id}" Type="{DOC_REL}/{kind}" Target="{target}"/>'
            for rel_id, kind, target in entries
        )
        + "</Relationships>"
    )


PACKAGE_RELS = relationships(("rId1", "officeDocument", "word/document.xml")).replace(
    "</Relationships>",
    '<Relationship Id="rId2" Target="docProps/core.xml" Type="http://schemas.openxmlformats.org'
    '/package/2006/relationships/metadata/core-properties"/></Relationships>',
)
DOCUMENT_RELS = relationships(
    ("rIdStyles", "styles", "styles.xml"),
    ("rIdSettings", "settings", "settings.xml"),
    ("rIdFonts", "fontTable", "fontTable.xml"),
    ("rIdFooterOdd", "footer", "footer1.xml"),
    ("rIdFooterEven", "footer", "footer2.xml"),
)
CONTENT_TYPES = (
    f'{HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/docProps/core.xml"'
    ' ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    + "".join(
        f'<Override PartName="/word/{part}" ContentType="{CT}.{kind}+xml"/>'
        for part, kind in (
            ("document.xml", "document.main"),
            ("styles.xml", "styles"),
            ("settings.xml", "settings"),
            ("fontTable.xml", "fontTable"),
            ("footer1.xml", "footer"),
            ("footer2.xml", "footer"),
        )
    )
    + "</Types>"
)

PARTS = {
    "[Content_Types].xml": CONTENT_TYPES,
    "_rels/.rels": PACKAGE_RELS,
    "docProps/core.xml": CORE_XML,
    "word/document.xml": DOCUMENT_XML,
    "word/_rels/document.xml.rels": DOCUMENT_RELS,
    "word/styles.xml": STYLES_XML,
    "word/settings.xml": SETTINGS_XML,
    "word/fontTable.xml": FONTS_XML,
    "word/footer1.xml": page_number("right"),
    "word/footer2.xml": page_number("left"),
}


def write(path: Path) -> None:
    """The package, its members in a fixed order with a fixed date: the same bytes every run."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, xml in PARTS.items():
            member = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            package.writestr(member, xml.encode("utf-8"))


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    write(target)
    print(target)
