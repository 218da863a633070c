"""Chinese characters and words that are data, not sentences.

Sentences live in the message catalogue (``messages/``); this module holds what is
matched or written character by character: the full-width punctuation that Chinese input
methods type where YAML and CSV need ASCII, the 年/月/日 of dates written the Chinese way,
the values of the ``kind`` columns of ``towns.csv`` and ``units.csv`` (data files are
written in these words: changing one breaks existing data), and the separators words are
joined with. Font names of the documents belong here too.
"""

from __future__ import annotations

from collections.abc import Iterable

IDEOGRAPHIC_SPACE = "\u3000"
"""The full-width space an input method types (also as indentation)."""
ENUMERATION_COMMA = "、"
"""The comma between the items of a list in a Chinese sentence (甲、乙、丙)."""
FULLWIDTH_COMMA = "，"
FULLWIDTH_COLON = "："
SEMICOLON = "；"
"""Between the clauses of one sentence."""
YEAR_MARK, MONTH_MARK, DAY_MARK = "年", "月", "日"
"""How 2026年10月31日 marks the parts of a date."""

TOWN_KINDS = ("街道", "镇")
"""The ``kind`` column of ``towns.csv`` (SPEC §2)."""
UNIT_KINDS = ("区直部门", "企业", "市直单位")
"""The ``kind`` column of ``units.csv`` (SPEC §2)."""


def listing(items: Iterable[object]) -> str:
    """Items named in one sentence: 甲、乙、丙."""
    return ENUMERATION_COMMA.join(str(item) for item in items)


def clauses(parts: Iterable[str]) -> str:
    """Clauses of one sentence joined with semicolons: 缺少列 a；多出列 b."""
    return SEMICOLON.join(parts)


NUMBER_BLANK = IDEOGRAPHIC_SPACE * 2
"""Where a clerk writes a document's number by hand (发文字号 without --number)."""


def document_number(prefix: str | None, year: int, number: int | None) -> str:
    """A document's 发文字号 (GB/T 9704 7.2.4): 任新基建办〔2026〕12号, the year in 六角括号;
    without a number, the number left blank to fill in by hand; without a prefix (none in
    district.yaml), nothing (the line stays empty, above the red separator line)."""
    if not prefix:
        return ""
    return f"{prefix}〔{year}〕{number if number is not None else NUMBER_BLANK}号"


FULL_STOP = "。"
"""The end of a Chinese sentence (a sentence used as a title goes without it)."""

CHART_FONT = "'Noto Sans CJK SC','Source Han Sans SC','SimHei','黑体','Microsoft YaHei',sans-serif"
"""The font list of the charts' SVG text: the first one the reader's system has."""

DOCX_STYLES = {
    "title": "公文标题",
    "salutation": "主送机关",
    "body": "公文正文",
    "heading1": "一级标题",
    "heading2": "二级标题",
    "heading3": "三级标题",
    "signature": "发文机关署名",
    "note": "附注",
    "masthead": "版头",
    "number": "发文字号",
    "attachment": "附件说明",
    "annex_label": "附件标识",
    "colophon": "版记",
    "table": "公文表格",
    "table_text": "表格文字",
    "code": "代码",
    "draft": "征求意见稿",
}
"""The styles of the DOCX reference document, by the names a clerk sees in Word or WPS (not
Word's built-in 标题/正文, which are other styles under the same names in a Chinese Word):
the writer finds them by these names, so a district's own reference must keep them."""

SERIF_FACES = ("Noto Serif CJK SC", "Source Han Serif SC", "AR PL UMing CN")
SANS_FACES = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei")
KAI_FACES = ("AR PL UKai CN", "LXGW WenKai", "AR PL UMing CN", "WenQuanYi Zen Hei")
"""Free Simplified Chinese faces of each kind, as fontconfig names them."""

DOCUMENT_FONTS = {
    "title": "方正小标宋简体",
    "body": "仿宋_GB2312",
    "heading1": "黑体",
    "heading2": "楷体_GB2312",
    "page_number": "宋体",
}
"""The fonts GB/T 9704-2012 §5.1 names, which the DOCX reference document's styles use: title
小标宋, body and 三级标题 仿宋, 一级标题 黑体, 二级标题 楷体, page numbers 宋体."""

FONT_FALLBACKS: dict[str, tuple[str, ...]] = {
    "方正小标宋简体": ("宋体", "华文中宋", "STZhongsong", "SimSun", *SERIF_FACES),
    "仿宋_GB2312": ("仿宋", "FangSong", "华文仿宋", "STFangsong", *SERIF_FACES),
    "黑体": ("SimHei", "微软雅黑", "Microsoft YaHei", *SANS_FACES),
    "楷体_GB2312": ("楷体", "KaiTi", "华文楷体", "STKaiti", *KAI_FACES),
    "宋体": ("SimSun", *SERIF_FACES),
}
"""What stands in for each official font on a computer without it, best first: the first is
the DOCX font table's altName (Word and WPS on Windows, which has it), then the faces a
Windows or Mac office has, then free ones (Debian's fonts-noto-cjk, fonts-arphic-ukai,
fonts-wqy-zenhei): a serif for 小标宋, 仿宋 and 宋体, a sans for 黑体, a Kai for 楷体 — or, where
no Kai is installed, a third face unlike the other two. ``render/pdf.py`` gives LibreOffice
the first one installed."""

DOCUMENT_MARK_SUFFIX = "文件"
"""The 发文机关标志 by default: the office's name followed by this word (GB/T 9704 §7.2.3)."""
DEFAULT_RECIPIENTS = "各镇街，区直有关部门，有关企业"
"""The 主送机关 of the bulletin when ``document.recipients`` is not given (SPEC §2)."""

TITLE_BREAK_BEFORE = (
    "的通报",
    "的通知",
    "的函",
    "的报告",
    "的意见",
    "的决定",
    "的请示",
    "工作",
    "进行",
)
"""Where a 公文标题 too long for one line reads well broken: before these words (GB/T 9704
§7.3.1: 词意完整); a break before the "…的通报" ending needs more than three characters after it."""
TITLE_BREAK_AFTER = ("关于", "年度", "月份", "提请")
"""… and after these."""
TITLE_WORDS = ("通知", "通报", "约谈", "问责", "整改", "新基建")
"""Words of the titles a line never breaks inside (besides the words above and the names in
the title)."""

COLOPHON_BOX = "版记"
"""The name of the DOCX's text box holding the 版记 (wp:docPr): what Word's selection pane
shows."""

OPENING_PUNCTUATION = "（《「『“‘〔【"
"""Punctuation a line never ends with (避头尾)."""
CLOSING_PUNCTUATION = "，。、；：！？）》」』”’〕】"
"""Punctuation a line never starts with (避头尾)."""
FULLWIDTH_DOT = "．"
"""The full-width full stop some write after an item's number (1．)."""


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: a Chinese character takes two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap_cells(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` terminal cells (a Chinese character is two).

    A line breaks at a space or between two Chinese characters, never inside a Latin word
    that fits a line, and keeps 避头尾: no line starts with closing punctuation or ends with
    opening punctuation. Nothing is cut or left out: the lines joined (with a space where a
    line broke at one) are ``text`` with its runs of whitespace as single spaces.
    """
    import re

    # Atoms: a Latin word (with what sticks to it), one Chinese character, or a space;
    # closing punctuation sticks to what precedes it, opening punctuation to what follows.
    atoms: list[str] = []
    for piece in re.findall(r"\s+|[^\s\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]+|.", text):
        piece = " " if piece.isspace() else piece
        sticks = atoms and (piece[0] in CLOSING_PUNCTUATION or atoms[-1][-1] in OPENING_PUNCTUATION)
        if sticks and piece != " " and atoms[-1] != " ":
            atoms[-1] += piece
            continue
        atoms.append(piece)
    lines: list[str] = []
    line = ""
    for atom in atoms:
        if atom == " " and not line:
            continue
        if line and display_width(line.rstrip() + atom) > width and atom != " ":
            lines.append(line.rstrip())
            line = ""
        line += atom
    if line.strip():
        lines.append(line.rstrip())
    return lines
