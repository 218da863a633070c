"""The message catalogue: every sentence xjj says about data, in the office's Chinese.

Each problem code maps to one template; codes are stable (tests and CI rely on them),
wording may be improved freely here and nowhere else.
"""

from __future__ import annotations

import datetime as dt
import difflib
import errno
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal

from xjj_cli.controls import visible
from xjj_cli.regular import NotRegularError, TooLargeError

MESSAGES: dict[str, str] = {
    # --- files and encodings
    "file.missing": "缺少必需的文件 {name}：{hint}",
    "file.unreadable": "无法读取文件：{reason}",
    "file.name": "文件名“{name}”不符合要求：{hint}",
    "file.unexpected": "不认识的文件，已忽略：{hint}",
    "file.spreadsheet": "这是 Excel/WPS 表格文件，xjj 不读取表格文件，其中的数据不会被检查或统计；"
    "填报表请用 xjj import 导入{save_as}，再删除此文件",
    "map.invalid": "地图文件不是有效的 SVG（XML）：{reason}",
    "map.unsafe": "地图中{what}：挂图作战图只嵌入地图中画图的 SVG 元素和属性，"
    "不运行任何代码、不引用地图之外的任何东西（可用的元素和属性见 docs/data-format.md"
    "“map/towns.svg”一节）；{advice}",
    "map.unknown_town": "地图中的镇街代码“{code}”在 towns/towns.csv 中不存在{suggestion}，"
    "挂图作战图上不会为这个图形着色",
    "map.missing_town": '镇街“{name}”（{code}）在地图中没有图形（data-town="{code}"），'
    "挂图作战图的地图上不会显示它",
    "file.outside": "该文件是指向数据目录之外的链接（{target}），出于安全考虑拒绝读取",
    "encoding.utf16": "文件是 UTF-16 编码（Excel“Unicode 文本”格式），无法读取；"
    "请在 Excel/WPS 中“另存为”→“CSV UTF-8（逗号分隔）”",
    "encoding.gb18030": "文件是 GB18030/GBK 编码（Excel/WPS 默认的“CSV（逗号分隔）”格式），"
    "已按该编码读取；建议“另存为”→“CSV UTF-8（逗号分隔）”",
    "encoding.unknown": "文件不是 UTF-8 编码（第 {line} 行第 {column} 列起无法解码），"
    "也不是 GB18030/GBK；请用文本编辑器或 Excel/WPS 另存为 UTF-8",
    "encoding.yaml": "YAML 文件必须是 UTF-8 编码{found}；请用文本编辑器另存为 UTF-8（无 BOM 亦可）",
    # --- YAML
    "yaml.syntax": "YAML 格式错误：{problem}；请检查这一行的缩进、冒号和引号",
    "yaml.tab": "YAML 不允许用制表符（Tab）缩进；请把这一行开头的 Tab 换成空格",
    "yaml.fullwidth": "第 {line} 行{what}，请改为{fix}",
    "yaml.empty": "文件是空的；请按说明填写内容，或删除此文件",
    "yaml.multiple": "一个文件只能有一个 YAML 文档；请删除多余的“---”分隔线及其后的内容",
    "yaml.duplicate_key": "键“{key}”重复出现（第一次在第 {first_line} 行）；"
    "YAML 会悄悄只保留后一个，请删除或合并其中一个",
    "yaml.tag": "不支持的 YAML 标签“{tag}”；数据文件只能包含普通的文本、数字、日期、列表和映射",
    "yaml.merge": "不支持 YAML 合并键“<<”；请把内容直接写出来",
    "yaml.key_type": "映射的键必须是简单文本，这里是{kind}",
    "yaml.invalid_date": "“{raw}”不是有效日期；请写成真实存在的日期 YYYY-MM-DD",
    "yaml.nan": "“{raw}”不是有限的数字；请填写具体数值",
    "yaml.too_large": "文件展开后过大（超过 {limit} 个值，可能是恶意的别名嵌套）；请检查文件内容",
    "yaml.too_deep": "嵌套层次过深（超过 {limit} 层）；请检查文件内容",
    "yaml.root_type": "文件顶层应为{expected}，实际为{found}；请参照说明中的格式",
    # --- CSV
    "csv.empty": "CSV 文件是空的；第一行应为表头：{header}",
    "csv.nul": "文件中含有空字符（NUL，第 {line} 行）；文件可能已损坏，请重新导出",
    "csv.syntax": "CSV 格式错误：{problem}",
    "csv.header": "表头应为“{expected}”，实际为“{found}”；{hint}",
    "csv.row_length": "这一行有 {found} 列，表头有 {expected} 列；请检查是否多了或少了逗号{hint}",
    "csv.required": "“{field}”列不能为空",
    "csv.integer": "“{field}”列应为非负整数，实际为“{raw}”；请只填阿拉伯数字，不要带小数点、逗号或单位",
    # --- fields and values
    "field.unknown": "未知字段“{field}”{suggestion}；可用字段：{allowed}",
    "field.missing": "缺少必填字段“{field}”",
    "value.quote": "“{field}”应为文本编码，但 YAML 把 {raw} 读成了{kind}；"
    "请加引号写成 '{raw}'，以免被改写",
    "value.type": "“{field}”应为{expected}，实际为{found}",
    "value.date": "“{field}”应为日期 YYYY-MM-DD（不加引号），实际为{found}{hint}",
    "value.month": "“{field}”应为月份 YYYY-MM（如 2026-10），实际为“{raw}”{hint}",
    "value.code": "编码“{raw}”格式不对：只能使用字母、数字、“-”“_”“.”，且不能有空格{suggestion}",
    "value.fullwidth": "“{raw}”用了{chars}，请改为半角：{fixed}",
    "value.range": "“{field}”的值 {raw} 超出范围：{bound}",
    "value.choice": "“{field}”只能是 {choices} 之一，实际为“{raw}”",
    "value.empty": "“{field}”不能为空",
    "value.invalid": "“{field}”的值无效：{raw}",
    # --- references and identity
    "ref.unknown": "{what}“{code}”不存在{suggestion}",
    "ref.kind": "“{code}”是{actual}，这里需要{expected}",
    "id.duplicate": "{what}“{code}”重复：已在 {other} 定义",
    "id.file_mismatch": "{what}“{code}”与文件名“{file}”不一致，两者必须相同，其中一个写错了："
    "若{what}正确，请把文件改名为 {expected}；若文件名正确，请把 id 改为 {stem}",
    "domain.unknown": "领域“{code}”不是七大领域之一{suggestion}；可用：{allowed}",
    "domain.folder": "项目的领域“{code}”与所在文件夹“{folder}”不一致；请把文件移到 projects/{code}/ 或改正 domain",
    "metric.duplicate": "指标“{code}”在本领域内重复",
    # --- monthly town figures
    "progress.duplicate_row": "镇街“{town}”的指标“{metric}”在本月重复填报（第一次在第 {first_line} 行）",
    "progress.town_missing": "本月填报了指标“{metric}”，但缺少镇街“{town}”（{name}）的一行；"
    "没有任务的镇街也要填一行，target 填 0",
    "progress.decrease": "镇街“{town}”指标“{metric}”的累计完成数 {value} 小于 {previous_month} 的 {previous}；"
    "累计数不能减少，请核对 {month} 与 {previous_month} 两个月的数据",
    "progress.target_changed": "镇街“{town}”指标“{metric}”的年度目标由 {previous_month} 的 {previous} "
    "改为 {value}；请确认目标调整已经批准",
    # --- projects
    "project.dates": "结束日期 {end} 早于开工日期 {start}",
    "project.done_before_start": "节点“{name}”的完成日期 {done} 早于项目开工日期 {start}",
    "project.month_duplicate": "{month} 的进度重复填报（第一次在第 {first_line} 行）",
    "project.month_range": "进度月份 {month} 不在项目工期内（{first} 至 {last}）",
    "project.percent_decrease": "{month} 的累计进度 {value}% 低于 {previous_month} 的 {previous}%；"
    "累计进度不能倒退",
    "project.invested_decrease": "{month} 的累计完成投资 {value} 万元低于 {previous_month} 的 "
    "{previous} 万元；累计投资不能减少",
    "project.invested_over": "{month} 的累计完成投资 {value} 万元超过总投资 {total} 万元；请核对",
    "project.owner_town": "项目责任单位“{code}”是镇街；责任单位应为区直部门或企业（镇街写在 towns 中）",
    "progress.problems": "进度报告中不再填写“problems”：需要其他单位协调解决的问题请移到问题清单 "
    "problems/{year}.yaml，每个问题一条，写明编号、问题、提出日期、提出单位、责任单位和解决时限"
    "（id、text、raised、by、unit、deadline），问题解决前一直保留在清单中",
    # --- the problems ledger (problems/<year>.yaml)
    "problem.domain_missing": "问题“{code}”既没有写所属项目（project），也没有写领域（domain）；"
    "不涉及具体项目的问题请写明领域",
    "problem.domain_project": "问题“{code}”的领域“{domain}”与所属项目 {project} 的领域“{actual}”不一致；"
    "请改为 {actual}，或删去 domain（有项目时按项目的领域）",
    "problem.before_raised": "问题“{code}”的{what} {date} 早于提出日期 {raised}；请核对日期",
    "problem.raised_year": "问题“{code}”的提出日期 {raised} 不在本文件的年度 {year} 内；"
    "问题记在提出当年的清单中，请把它移到 problems/{actual}.yaml，或改正日期",
    # --- tasks and events
    "event.date_month": "日期 {date} 不在本文件的月份 {month} 内；请把它放到 events/{actual}.yaml",
    # --- plausibility (warnings: the figure may be right, but it looks like a typing slip)
    "progress.far_above_target": "镇街“{town}”指标“{metric}”的累计完成数 {value} 是年度目标 {target} "
    "的 {times} 倍（超过 {ratio} 倍）；请核对是否多输了一位数字、填错了列或把目标和完成数写反了。"
    "确属超额完成的，可在 acknowledged.yaml 中确认此警告",
    "progress.jump": "镇街“{town}”指标“{metric}”的累计完成数由 {previous_month} 的 {previous} "
    "增至 {month} 的 {value}，平均每月新增 {pace}，超过本年此前单月最大增量（{largest}）"
    "和年度目标月均数（{monthly}）的 {ratio} 倍；请核对本月数字是否多输了一位或填错了行。"
    "确属集中完成的，可在 acknowledged.yaml 中确认此警告",
    "date.future": "{what} {date} 晚于今天（{today}）；完成、亮牌、反映和确认都只能记已经发生的日期，"
    "请核对年份和月份是否写错",
    "project.month_ahead": "进度月份 {month} 晚于最新的镇街月报（{latest}）；请核对月份是否写错"
    "（如把 {latest} 写成了 {month}）。如本月镇街月报尚未提交，可待其提交后再核对",
    # --- acknowledged warnings (acknowledged.yaml)
    "acknowledged.stale": "已确认的警告“{warning}”在本次检查中没有出现{suggestion}；"
    "可能数据已经改正、数字有变或编号抄错了。请删除这一条，或改为本次检查显示的编号",
}

DATE_FIELDS = {
    "milestone": "节点“{name}”的完成日期",
    "task": "市重点督办任务“{name}”的完成日期",
    "card": "黄牌/红牌（{name}）的日期",
    "noncooperation": "不配合反映（{name}）的日期",
    "acknowledgement": "确认日期",
    "problem_raised": "问题“{name}”的提出日期",
    "problem_resolved": "问题“{name}”的办结日期",
}
"""What a ``date.future`` warning names, by the kind of record the date belongs to."""


def date_field(kind: str, /, name: str = "") -> str:
    """The Chinese name of a dated field of ``kind`` (a milestone's done date …)."""
    return DATE_FIELDS[kind].format(name=name)


# libyaml's syntax complaints, in the office's words (matched by their beginning).
YAML_PROBLEMS = {
    "mapping values are not allowed here": "这里不能出现“键: 值”（可能缺少缩进，或文本中的冒号需要加引号）",
    "mapping values are not allowed in this context": "这里不能出现“键: 值”"
    "（可能缺少缩进，或文本中的冒号需要加引号）",
    "block sequence entries are not allowed in this context": "这里不能出现列表项“- ”（可能缩进不一致）",
    "could not find expected ':'": "缺少冒号“:”",
    "found character that cannot start any token": "出现了不能开头的字符",
    "did not find expected key": "没有找到预期的键（可能缩进不一致）",
    "found undefined alias": "引用了未定义的别名",
    "found unexpected end of stream": "文件意外结束（可能缺少右引号或右括号）",
    "did not find expected ',' or ']'": "列表缺少“,”或“]”",
    "did not find expected ',' or '}'": "映射缺少“,”或“}”",
    "found unknown escape character": "引号内有未知的转义字符（Windows 路径请用单引号）",
    "control characters are not allowed": "含有不允许的控制字符（文件可能已损坏）",
    "did not find expected node content": "缺少内容",
    "did not find expected '-' indicator": "缺少列表项的“-”（可能缩进不一致）",
}

# Full-width characters that break YAML's structure: what the line did, and what to write.
WIDE_MARKS: dict[str, tuple[str, str]] = {
    "indent": ("开头用全角空格“\u3000”缩进", "半角空格"),
    "：": ("用了全角冒号“：”", "半角冒号“:”（冒号后空一格）"),
    "，": ("用了全角逗号“，”", "半角逗号“,”"),
    "、": ("用了顿号“、”分隔列表项", "半角逗号“,”"),
}

# Full-width characters in a value, by name ("全角数字").
WIDE_NAMES = {"，": "全角逗号“，”", "：": "全角冒号“：”", "\u3000": "全角空格", "、": "顿号“、”"}


def wide_names(chars: Iterable[str]) -> str:
    """The full-width characters of a value in words: 全角数字、全角逗号“，”."""
    names: list[str] = []
    for char in chars:
        half = chr(ord(char) - 0xFEE0) if "\uff01" <= char <= "\uff5e" else ""
        if char in WIDE_NAMES:
            name = WIDE_NAMES[char]
        elif half.isdigit():
            name = "全角数字"
        elif half.isalpha():
            name = "全角字母"
        else:
            name = f"全角符号“{char}”"
        if name not in names:
            names.append(name)
    return "、".join(names)


def save_as_csv(path: str) -> str:
    """How to turn a workbook into the CSV file ``path`` (data-folder relative), or nothing."""
    if not path:
        return ""
    return f"，或在 Excel/WPS 中“另存为”→“CSV UTF-8（逗号分隔）”，保存为 {path}"


def wide_comma_hint(chars: str) -> str:
    """The clause for a CSV row whose columns were separated by full-width commas."""
    return f"；这一行用了{chars}，分隔各列请用半角逗号“,”"


def month_hint(guesses: list[str]) -> str:
    """How to write a month that was written another way (2026.11 → 2026-11), or nothing."""
    if not guesses:
        return ""
    if len(guesses) == 1:
        return f"；请写成 {guesses[0]}"
    first = guesses[0]
    return "".join(
        f"；若指{cn_month(g, first if g != first else None)}，请写成 {g}" for g in guesses
    )


def date_hint(guess: str | None) -> str:
    """How to write a date that was written another way (2026.10.12 → 2026-10-12), or nothing."""
    return f"；请写成 {guess}" if guess else ""


def name_hint(code: str, name: str) -> str:
    """The clause for a name typed where a code belongs: 是否想写 jy（济阳街道）？"""
    return f"；这里应填编码而不是名称，是否想写 {code}（{name}）？"


KIND_NAMES: dict[str, str] = {
    "int": "数字",
    "float": "数字",
    "bool": "是/否（布尔值）",
    "date": "日期",
    "datetime": "日期时间",
    "NoneType": "空值",
    "str": "文本",
    "list": "列表",
    "dict": "映射",
}


def kind_name(value: object) -> str:
    """The Chinese name of a parsed YAML value's kind, for messages."""
    return KIND_NAMES.get(type(value).__name__, type(value).__name__)


MAP_REFUSALS: dict[str, tuple[str, str]] = {
    "doctype": ("有 DOCTYPE 声明 {what}（它可以声明实体）", "请删除 DOCTYPE 这一行再放入"),
    "instruction": ("有处理指令 {what}", "请删除它再放入"),
    "root": ("最外层的元素是 {what}，不是 <svg>", "请放入 SVG 格式的地图"),
    "element": (
        "有不允许的元素 {what}",
        "请删除这个元素（连同其中的内容）再放入；地图中的图片请在绘图软件中转为矢量图形",
    ),
    "style": (
        "有样式表 {what}（它会作用于整个挂图作战图）",
        "请删除它，改用图形上的 fill、stroke 等属性上色（Illustrator 导出 SVG 时"
        "“样式”选“演示文稿属性”或“内联样式”）再放入",
    ),
    "text_only": (
        "<{element}> 中有元素 {what}（<title>、<desc> 中只能有文字）",
        "请删除这个元素再放入",
    ),
    "attribute": (
        "元素 <{element}> 有不允许的属性 {what}",
        "请删除这个属性再放入（事件属性 on…、HTML 的属性等一律不接受）",
    ),
    "link": (
        "元素 <{element}> 的 {what} 指向地图之外",
        "链接（href）只能写 #id、url(…) 只能写 url(#id)，指向地图中的元素；请删除或改正后再放入",
    ),
    "value": (
        "元素 <{element}> 的属性值 {what} 不允许",
        "属性值中只能有颜色、数字、长度、名称，函数只能用 rgb()、hsl()、url(#id) 和变换"
        "（matrix、translate 等），不得有反斜杠、尖括号、花括号、@、分号或注释；请改正后再放入",
    ),
    "property": (
        "元素 <{element}> 的 style 中有不允许的样式“{what}”",
        "style 中只能有 fill、stroke、opacity、font-size 这类画图的样式；请删除这一项再放入",
    ),
}
"""The parts of ``map.unsafe``: what was refused in the map, and what to do (load/svgmap)."""


def map_refusal(reason: str, /, *, what: str, element: str = "") -> dict[str, str]:
    """The ``what`` and ``advice`` of a ``map.unsafe`` message for a refusal's ``reason``."""
    found, advice = MAP_REFUSALS[reason]
    return {"what": found.format(what=what, element=element), "advice": advice}


def render_message(code: str, /, **params: Any) -> str:
    """The Chinese message of ``code`` filled with ``params``; a control character in a value
    from a file is shown escaped, never written raw."""
    template = MESSAGES[code]
    shown = {k: visible(v) if isinstance(v, str) else v for k, v in params.items()}
    return template.format(**shown)


def suggestion(candidate: str | None) -> str:
    """A "did you mean" clause, or nothing."""
    return f"（是否想写“{candidate}”？）" if candidate else ""


def did_you_mean(code: str, candidates: Iterable[str], names: dict[str, str] | None = None) -> str:
    """A "did you mean" clause naming the existing code closest to ``code``, or nothing.

    ``names`` maps codes to names, so that a name typed where a code belongs
    (李营街道 instead of ly) suggests that code.
    """
    pool = list(candidates)
    if names:
        for known, name in names.items():
            if code == name or (name and code in name and len(code) >= 2):
                return suggestion(known)
    close = difflib.get_close_matches(code, pool, n=1, cutoff=0.6)
    if not close:
        lowered = {c.lower(): c for c in pool}
        close = [lowered[code.lower()]] if code.lower() in lowered else []
    return suggestion(close[0] if close else None)


# --- numbers and dates for people ---------------------------------------------------------

_CN_DIGITS = "零一二三四五六七八九十"


def chinese_number(n: int) -> str:
    """Small counts in Chinese numerals (3 → 三, 12 → 十二); larger ones stay in digits."""
    if 0 <= n <= 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n - 10] if n > 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    return str(n)


def _half_up(value: Fraction, places: int) -> str:
    """Round half away from zero, as Excel's and WPS's ROUND do (−0.25 → −0.3)."""
    scaled = abs(value) * 10**places
    rounded = math.floor(scaled + Fraction(1, 2))
    sign = "-" if value < 0 and rounded else ""
    digits = str(rounded).rjust(places + 1, "0")
    return f"{sign}{digits[:-places]}.{digits[-places:]}" if places else f"{sign}{digits}"


def percent(share: Fraction | float) -> str:
    """A share of one as a percentage with one decimal: 0.6125 → 61.3%."""
    return _half_up(Fraction(share) * 100, 1) + "%"


def percent_points(value: Fraction | float) -> str:
    """A value already in percent with one decimal: 55 → 55.0%."""
    return _half_up(Fraction(value), 1) + "%"


def one_decimal(value: Fraction | float) -> str:
    """A number with one decimal, rounded as the office does: 25 → 25.0."""
    return _half_up(Fraction(value), 1)


def points(value: Fraction | float) -> str:
    """Percentage points with one decimal: 25 → 25.0个百分点."""
    return one_decimal(value) + "个百分点"


def money(value: float) -> str:
    """万元 with at most one decimal, thousands unseparated as in office documents."""
    text = _half_up(Fraction(repr(value)) if isinstance(value, float) else Fraction(value), 1)
    return (text[:-2] if text.endswith(".0") else text) + "万元"


def amount(value: Fraction | float) -> str:
    """A count that may be fractional (a monthly average) with at most one decimal: 7.5, 12."""
    text = _half_up(Fraction(value), 1)
    return text[:-2] if text.endswith(".0") else text


def number(value: float) -> str:
    """A parameter as people write it: 10.0 → 10, 12.5 → 12.5."""
    return f"{value:g}"


def months_count(n: int) -> str:
    """A number of months as the office writes it after 连续: 两个月 for 2 (never 二个月 or
    2个月), digits otherwise (3个月, 10个月)."""
    return "两个月" if n == 2 else f"{n}个月"


YI = 10000
"""万元 in one 亿元."""


def money_text(value: Fraction | int) -> str:
    """An amount of 万元 as the office writes it: 亿元 with at most two decimals from 1 亿 up
    (251200 → 25.12亿元), 万元 below (8000 → 8000万元)."""
    value = Fraction(value)
    if abs(value) < YI:
        text = _half_up(value, 1)
        return (text[:-2] if text.endswith(".0") else text) + "万元"
    return _half_up(value / YI, 2).rstrip("0").rstrip(".") + "亿元"


def cn_date(day: dt.date) -> str:
    """2026年10月31日."""
    return f"{day.year}年{day.month}月{day.day}日"


def cn_month(month: str, relative_to: str | None = None) -> str:
    """2026年10月, or just 10月 within the year of ``relative_to``."""
    year, mon = int(month[:4]), int(month[5:7])
    if relative_to is not None and relative_to[:4] == month[:4]:
        return f"{mon}月"
    return f"{year}年{mon}月"


def cn_months(months: Iterable[str], relative_to: str | None = None) -> list[str]:
    """Months named in one sentence, in order: the first carries its year unless it is in
    ``relative_to``'s year, each later one when its year differs from the one before it
    (2026年9月至2027年1月; 2026年11月，12月，2027年1月; 9月至10月)."""
    names, before = [], relative_to
    for month in months:
        names.append(cn_month(month, before))
        before = month
    return names


# --- the rules in words (SPEC §3.3, §3.6): one entry per rule -----------------------------


@dataclass(frozen=True)
class RuleTexts:
    """Every sentence said of one rule, by reader (``wording/rules/<rule_id>.py`` uses them):
    each dict maps the catalogue key of its table to the text, so that ``finding``,
    ``evidence_word``, ``summary_word``, ``phrase`` and ``warning_word`` find a rule's words
    in its entry."""

    rule: str
    """Its name in 附件3's 规则 column (``RULE_WORDS``)."""
    findings: dict[str, str]
    """The sentence that explains a breach: the accountability list's detail (``FINDINGS``)."""
    evidence: dict[str, str]
    """Its line of 附件3's 依据 cell (``EVIDENCE``)."""
    summary: dict[str, str]
    """Its clause in a unit's one-sentence summary: the bulletin's 四, the notices
    (``SUMMARY``)."""
    phrases: dict[str, str] = field(default_factory=dict)
    """Pieces of those sentences (``PHRASES``)."""
    warnings: dict[str, str] = field(default_factory=dict)
    """Its early warning's sentence (SPEC §3.6), where it has one (``WARNINGS``)."""
    warning_kinds: dict[str, str] = field(default_factory=dict)
    """Its early warning's kind, where the rule has a warning of its own (``WARNING_KINDS``)."""


RULE_TEXTS: dict[str, RuleTexts] = {
    "city_card": RuleTexts(
        rule="市挂图作战平台亮牌",
        findings={"city_card": "{date}被市挂图作战平台亮{color}，事由为{subject}"},
        evidence={"city_card": "市挂图作战平台亮牌（{span}）：{date}被亮{color}，事由为{subject}"},
        summary={"city_card": "{date}被市挂图作战平台亮{color}，事由为{subject}"},
        phrases={"card_project": "（项目{project}）"},
    ),
    "city_task": RuleTexts(
        rule="市重点督办任务逾期",
        findings={
            "city_task_open": "市重点督办任务“{title}”（{task}）完成时限为{deadline}，已逾期{days}天，仍未完成",
            "city_task_late": "市重点督办任务“{title}”（{task}）完成时限为{deadline}，于{done}完成，逾期{days}天",
        },
        evidence={
            "city_task_open": "市重点督办任务逾期（{span}）：“{title}”完成时限为{deadline}，已逾期{days}天，"
            "仍未完成",
            "city_task_late": "市重点督办任务逾期（{span}）：“{title}”完成时限为{deadline}，于{done}完成，"
            "逾期{days}天",
        },
        summary={
            "city_task_open": "承担的市重点督办任务“{title}”完成时限为{deadline}，已逾期{days}天，仍未完成",
            "city_task_late": "承担的市重点督办任务“{title}”完成时限为{deadline}，于{done}完成，逾期{days}天",
        },
        warnings={"task_due": "市重点督办任务“{title}”完成时限为{deadline}，请抓紧"},
        warning_kinds={"task_due": "任务到期预警"},
    ),
    "problem_overdue": RuleTexts(
        rule="问题未按期解决",
        findings={
            "problem_open": "“{text}”问题（{problem}）限期{deadline}解决，已逾期{days}天仍未解决",
            "problem_late": "“{text}”问题（{problem}）限期{deadline}解决，于{resolved}解决，逾期{days}天",
        },
        evidence={
            "problem_open": "问题未按期解决（{span}）：“{text}”问题限期{deadline}解决，已逾期{days}天仍未解决",
            "problem_late": "问题未按期解决（{span}）：“{text}”问题限期{deadline}解决，于{resolved}解决，"
            "逾期{days}天",
        },
        summary={
            "problem_open": "负责解决的“{text}”问题限期{deadline}解决，已逾期{days}天仍未解决",
            "problem_late": "负责解决的“{text}”问题限期{deadline}解决，于{resolved}解决，逾期{days}天",
        },
        warnings={"problem_due": "“{text}”问题限期{deadline}解决，请抓紧"},
        warning_kinds={"problem_due": "问题到期预警"},
    ),
    "noncooperation": RuleTexts(
        rule="不配合镇街工作",
        findings={
            "noncooperation": "{month}被镇街反映不配合工作{count}次（{verified}）：{reports}{streak_text}"
        },
        evidence={
            "noncooperation": "不配合镇街工作（{span}）：{count}{reports}，{verified}{streak_text}",
            "noncooperation_count": "{month}被反映{count}次，",
            "report": "{reporter}于{date}反映“{text}”",
            "verified_one": "经核实属实",
            "verified_all": "均经核实属实",
            "report_streak": "；已连续{months}被镇街反映",
        },
        summary={
            "noncooperation": "{month}被{reporters}反映不配合工作{count}，经核实属实",
            "noncooperation_count": "{count}次",
            "noncooperation_streak": "，已连续{months}被镇街反映",
        },
        phrases={
            "report": "{reporter}（{date}）反映{text}",
            "report_streak": "；已连续{months}被反映",
            "verified_one": "已核实",
            "verified_all": "均已核实",
        },
    ),
    "project_red": RuleTexts(
        rule="项目被列为红色",
        findings={
            "project_red": "项目“{name}”（{project}）{month}被列为红色：{why}；{streak_text}"
        },
        evidence={"project_red": "项目被列为红色（{span}）：“{name}”项目{why}；{streak_text}"},
        summary={"red_streak": "已连续{months}被列为红色", "red_now": "本月被列为红色"},
        phrases={
            "red_streak": "已连续{months}被列为红色",
            "red_streak_after_gap": "已连续{months}被列为红色（{gap}未报送进度，此前的红色月份不计入连续月数）",
            "red_first": "本月首次被列为红色",
            "red_again": "本月再次被列为红色，{before}曾被列为红色",
            "red_after_gap": "{gap}未报送进度，按规则亦被列为红色，连续红色月数自本月起重新计算",
        },
        warnings={"project_red": "“{name}”项目{months}被列为红色，若下月仍为红色，将被{action}"},
    ),
    "bottom_n": RuleTexts(
        rule="连续排名后{n}名",
        findings={"bottom_n": "{metric}：{history}，{span}连续{months}排名后{n}名"},
        evidence={"bottom_n": "连续{months}排名后{n}名（{metric}，{span}）：{history}"},
        summary={"bottom_n": "{metrics}{streak}排名后{n}名"},
        phrases={"rank_month": "{month}第{rank}名（共{size}名）"},
        warnings={
            "bottom_n": "{unit}{metric}{months}排名后{n}名，若下月仍排名后{n}名，将被{action}"
        },
    ),
    "below_district": RuleTexts(
        rule="连续低于全区平均",
        findings={"below_district": "{metric}：{history}，{span}连续{months}低于全区完成率"},
        evidence={
            "below_district": "连续{months}低于全区完成率（{metric}，{span}）：{history}",
            "rate_month": "{month}{rate}（全区{district}）",
        },
        summary={
            "below_district": "{metrics}完成率{streak}低于全区平均",
            "below_merged": "完成率{all}低于全区平均",
        },
        phrases={"rate_month": "{month}完成率{rate}（全区{district}）"},
        warnings={
            "below_district": "{unit}{metric}完成率{months}低于全区平均，若下月仍低于全区平均，"
            "将被{action}"
        },
    ),
    "project_yellow": RuleTexts(
        rule="项目被列为黄色",
        findings={"project_yellow": "项目“{name}”（{project}）{month}被列为黄色：{why}"},
        evidence={"project_yellow": "项目被列为黄色（{span}）：“{name}”项目{why}"},
        summary={"yellow_now": "被列为黄色"},
        warnings={"milestone_due": "“{name}”项目“{milestone}”节点计划于{due}完成，请抓紧"},
        warning_kinds={"milestone_due": "节点到期预警"},
    ),
    "town_red": RuleTexts(
        rule="完成率低于序时进度",
        findings={
            "town_red": "{metric}：{month}完成率{rate}，低于序时进度{progress}达{gap}，被列为红色"
        },
        evidence={
            "town_red": "完成率低于序时进度（{metric}，{month}）：完成率{rate}，序时进度{progress}，"
            "相差{gap}，被列为红色"
        },
        summary={"town_red": "{metric}完成率低于序时进度{gap}", "town_red_end": "{all}被列为红色"},
    ),
}
"""Each escalation rule's words (SPEC §3.3), in the order of its reasons; adding a rule adds
its entry here (docs/adding-a-rule.md)."""

# Words more than one rule says: a project's colour (SPEC §3.2, both project rules and the
# bulletin), a town's metrics and streaks (the town rules), a streak about to be acted on.
COLOUR_PHRASES = {
    "lag": "计划完成{planned}，实际{actual}，滞后{lag}",
    "milestone_overdue": "节点“{name}”（{due}到期）逾期{days}天未完成",
    "end_passed": "已超过计划完工期限，目前完成{actual}",
    "not_reported": "{month}未报送进度",
}
SHARED_SUMMARY = {
    "metrics_many": "{metrics}{count}项指标",
    "streak_same": "连续{months}",
    "streak_least": "连续{months}以上",
    "project": "负责的“{name}”项目{why}，{colour}",
    "why_lag": "进度滞后{lag}",
    "why_milestone": "节点“{name}”逾期{days}天",
    "why_end_passed": "超过计划完工期限仍未完工",
    "why_not_reported": "{month}未报送进度",
    "all": "均",
}
SHARED_WARNINGS = {"streak_one": "本月", "streak_more": "已连续{months}"}
SHARED_WARNING_KINDS = {"streak_near": "连续违规预警"}


RULE_WORDS: dict[str, str] = {}
"""Each escalation rule in words (附件3's 规则 column), from ``RULE_TEXTS``."""
FINDINGS: dict[str, str] = {}
"""The sentence that explains each breach, from ``RULE_TEXTS``."""
EVIDENCE: dict[str, str] = {}
"""附件3 约谈问责依据明细: each reason of a unit as one line of its 依据 cell — the rule,
its metric and months in brackets, then every figure of the evidence, without internal codes
(the template numbers the lines); from ``RULE_TEXTS``."""
SUMMARY: dict[str, str] = dict(SHARED_SUMMARY)
"""The pieces of ``wording.findings.summary``: a unit's reasons in one plain sentence, without
the month-by-month figures (those are the details of 附件3); shared and from ``RULE_TEXTS``."""
WARNINGS: dict[str, str] = dict(SHARED_WARNINGS)
"""Early warnings (SPEC §3.6), one sentence each in the office's voice (预警提示); ``action``
is 约谈 or 提请问责 (``ACTION_DECISIONS``); shared and from ``RULE_TEXTS``."""
WARNING_KINDS: dict[str, str] = dict(SHARED_WARNING_KINDS)
"""Each early warning's kind in words (the 预警类型 column)."""
PHRASES: dict[str, str] = {
    "span": "{first}至{last}",
    **COLOUR_PHRASES,
    "change_none": "上月无数据",
    "change_up": "较上月提高{points}",
    "change_down": "较上月下降{points}",
    "change_same": "与上月持平",
    "change_year_start": "为本年度首月（累计数自年初起算，不与上年12月比较）",
    "change_projects_new": "其中本月新开工{new}个，上月已开工的{common}个项目平均形象进度{change}",
    "change_projects_all_new": "均为本月新开工项目",
    "headline_metric": "累计完成{completed}{unit}，完成年度目标{target}{unit}的{rate}",
    "headline_projects_label": "项目",
    "headline_projects": "已开工项目{started}个，平均形象进度{average}",
    "bulletin_title": "关于{month}份全区新基建工作推进情况的通报",
}
"""Pieces the findings and the bulletin's headlines are made of; shared and from
``RULE_TEXTS``."""


def add_rule_texts(rule: str, texts: RuleTexts) -> None:
    """Enter one rule's words in the tables each reader looks up (``finding``,
    ``evidence_word``, ``summary_word``, ``phrase``, ``warning_word``). Every rule of
    ``RULE_TEXTS`` is entered below; a rule registered from elsewhere (docs/adding-a-rule.md)
    enters its own. A key may be given once per table."""
    parts = (
        (RULE_WORDS, {rule: texts.rule}),
        (FINDINGS, texts.findings),
        (EVIDENCE, texts.evidence),
        (SUMMARY, texts.summary),
        (PHRASES, texts.phrases),
        (WARNINGS, texts.warnings),
        (WARNING_KINDS, texts.warning_kinds),
    )
    given = sorted(key for table, part in parts for key in part if key in table)
    if given:
        raise ValueError(f"the catalogue already has {given} ({rule})")
    for table, part in parts:
        table.update(part)


for _rule, _texts in RULE_TEXTS.items():
    add_rule_texts(_rule, _texts)
del _rule, _texts


ACTION_DECISIONS = {
    "remind": "提醒",
    "notify": "通报",
    "interview": "约谈",
    "accountability": "提请问责",
}
"""What the bulletin does about a reason: the office proposes 问责, it does not punish."""
COLOR_WORDS = {"blue": "蓝色", "yellow": "黄色", "red": "红色"}
ACTION_LABELS = {"remind": "提醒", "notify": "通报", "interview": "约谈", "accountability": "问责"}
"""The escalation actions (SPEC §3.3) by their stable keys, in the office's words."""
CARD_WORDS = {"yellow": "黄牌", "red": "红牌"}


def finding(rule: str, /, **params: Any) -> str:
    """The Chinese sentence of a finding of ``rule`` filled with ``params``."""
    return FINDINGS[rule].format(**params)


def rule_word(rule: str, /, **params: Any) -> str:
    """A rule's name (附件3's 规则 column) filled with ``params``."""
    return RULE_WORDS[rule].format(**params)


def phrase(key: str, /, **params: Any) -> str:
    """A piece of a sentence from the catalogue, filled with ``params``."""
    return PHRASES[key].format(**params)


def summary_word(key: str, /, **params: Any) -> str:
    """A piece of a unit's summary from the catalogue, filled with ``params``."""
    return SUMMARY[key].format(**params)


def evidence_word(key: str, /, **params: Any) -> str:
    """A piece of an 附件3 line from the catalogue, filled with ``params``."""
    return EVIDENCE[key].format(**params)


def warning_word(key: str, /, **params: Any) -> str:
    """An early warning's sentence from the catalogue, filled with ``params``."""
    return WARNINGS[key].format(**params)


BULLETIN: dict[str, str] = {
    # 一、总体情况
    "colour_blue": "蓝色（按计划推进）{count}个",
    "colour_yellow": "黄色（进度滞后）{count}个",
    "colour_red": "红色（严重滞后）{count}个",
    "colour_short_blue": "蓝色{count}个",
    "colour_short_yellow": "黄色{count}个",
    "colour_short_red": "红色{count}个",
    "colours_of_started": "，其中{colours}",
    "not_started": "，尚未开工{count}个",
    "year_span": "1至{month}月",
    "year_span_january": "1月",
    "above_time": "高于序时进度{points}",
    "below_time": "低于序时进度{points}",
    "at_time": "与序时进度持平",
    "above_plan": "高于计划进度（{planned}）{points}",
    "below_plan": "低于计划进度（{planned}）{points}",
    "at_plan": "与计划进度（{planned}）持平",
    # 二、各领域推进情况
    "domain_projects": "共有项目{total}个{colours}",
    "domain_all_one": "，均为{colour}",
    "domain_the_one": "，为{colour}",
    "domain_colours": "，其中{colours}",
    "domain_none_started": "，均未开工",
    "domain_average": "；{headline}，{against}，{change}",
    "bottom_towns": "从镇街看，{metric}完成率排名后{n}名的是{towns}{annex}。",
    "see_annex": "，各镇街排名见附件{annex}",
    "all_on_plan": "本领域项目均按计划推进。",
    "one_on_plan": "本领域项目按计划推进。",
    "none_started": "本领域项目尚未开工。",
    "blocker": "{text}，由{units}负责",
    # 三、存在的主要问题
    "problems_tasks": "市重点督办任务逾期",
    "problems_cards": "市挂图作战平台亮牌",
    "problems_noncooperation": "部门配合不到位",
    "problems_towns": "镇街进度滞后",
    "problems_ledger": "协调问题逾期未解决",
    "ledger_open": "{unit}负责解决的“{text}”问题{where}，限期{deadline}，已逾期{days}天，仍未解决。",
    "ledger_late": "{unit}负责解决的“{text}”问题{where}，限期{deadline}，于{resolved}解决，逾期{days}天。",
    "ledger_project": "，涉及“{name}”项目",
    "ledger_domain": "，涉及{name}领域",
    "task_open": "{units}承担的“{title}”任务，完成时限为{deadline}，已逾期{days}天，仍未完成。",
    "task_late": "{units}承担的“{title}”任务，完成时限为{deadline}，于{done}完成，逾期{days}天。",
    "card_project": "，涉及“{name}”项目",
    "report": "{reporter}于{date}反映“{text}”",
    "reports": "{unit}：{reports}，经核实属实{streak}。",
    "report_streak": "；该单位已连续{months}被镇街反映",
    "towns_below_one": "{towns}{metric}完成率为{rates}，低于全区平均（{district}）",
    "towns_below_many": "{towns}{metric}完成率分别为{rates}，低于全区平均（{district}）",
    "towns_red": "{towns}{metric}完成率低于序时进度{gaps}，被列为红色",
    "towns_red_within": "，其中{towns}低于序时进度{gaps}，被列为红色",
    "gap_one": "{gap}",
    "gaps_many": "分别达{gaps}",
    # 五、下步工作要求
    "steps_red": "加快红色项目整改",
    "steps_yellow": "防止黄色项目滞后加剧",
    "steps_tasks": "抓紧完成市重点督办任务",
    "steps_blockers": "限期解决制约项目推进的问题",
    "steps_towns": "加快镇街指标进度",
    "steps_rectify": "按时报送整改报告",
    "steps_warnings": "预警提示",
    "warning_step": "{unit}：{texts}。",
    "warnings_rest": "另有{units}个单位{count}条预警事项，由{office}另行书面提示。",
    "warnings_closing": "以上单位要对照预警事项，在期限前完成整改，避免被约谈、问责。",
    "red_step": "{owner}要针对“{name}”项目{why}的问题，{actions}",
    "red_step_lag": "倒排工期、加快推进",
    "red_step_milestone": "抓紧完成“{milestone}”节点",
    "red_step_milestone_one": "抓紧完成该节点",
    "red_step_end": "尽快完成剩余工程并组织验收",
    "red_step_report": "按月如实报送进度",
    "red_step_blocker": "{unit}要协调解决{text}的问题",
    "yellow_step": "{owners}要对照计划查找差距，采取针对性措施，力争下月转为蓝色。",
    "task_step": "{units}要抓紧完成“{title}”任务（已逾期{days}天），尽快销号。",
    "blocker_step": "{units}要主动对接项目单位，协调解决{texts}。",
    "blockers_report": "以上问题的解决情况随下月进度一并报送。",
    "blocker_one": "{text}的问题",
    "blocker_many": "以下问题：{texts}",
    "town_step": "{town}还需完成{rest}",
    "town_rest": "{metric}{count}{unit}",
    "towns_step": "{towns}。以上镇街{left}要对照年度目标倒排工期，确保完成年度任务。",
    "months_left": "距年底还有{months}个月，",
    "rectify_step": "被约谈和提请问责的单位要在收到约谈通知或提请问责函后{days}个工作日内，"
    "向{office}书面报送整改报告。",
    # 四、通报及约谈问责情况
    "rule_text": "按照全区新基建项目攻坚推进会部署，对连续{interview}排名后{n}名或完成率低于全区平均的"
    "镇街予以约谈，连续{accountability}的提请问责。对未按期完成市重点督办任务、被市挂图作战平台亮牌、"
    "负责的项目被列为红色或不配合镇街工作的部门和企业予以约谈，情节较重的提请问责；"
    "对负责的项目被列为黄色或负责解决的问题未按期解决的单位予以通报，问题逾期较长仍未解决的予以约谈。",
    "rule_annex": "约谈和提请问责的具体依据见附件{annex}。",
    # 附件
    "annex_rankings": "镇街排名表",
    "annex_departments": "区直部门和企业履职排名",
    "annex_evidence": "约谈问责依据明细",
    "ranking_heading": "{metric}（{unit}）",
    "ranking_caption": "全区完成率{district}，序时进度{progress}。",
    "rank_up": "上升{n}位",
    "rank_down": "下降{n}位",
    "rank_level": "持平",
    "rank_none": "—",
    "mark_bottom_n": "后{n}名",
    "mark_below_district": "低于全区平均",
    "departments_caption": "事项为本单位负责的已开工项目、本年度市重点督办任务和本年度限期解决的问题；"
    "得分为按期推进的事项占事项数的比例。",
    # 版记、附注
    "contact": "（联系人：{name}，联系电话：{phone}）",
    "copy_to": "抄送：{units}。",
    "printed": "{date}印发",
}
"""The bulletin's sentences and their pieces, besides the template's own words."""


def bulletin_word(key: str, /, **params: Any) -> str:
    """A sentence or piece of the bulletin from the catalogue, filled with ``params``."""
    return BULLETIN[key].format(**params)


# --- operating-system failures, in words a clerk understands ---------------------------------

OS_REASONS = {
    errno.EACCES: "没有读写权限",
    errno.EPERM: "没有读写权限",
    errno.ENOENT: "文件或目录不存在",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "磁盘为只读",
    errno.ENOTDIR: "路径中有同名文件，不是目录",
    errno.EISDIR: "这是一个目录，不是文件",
    errno.EEXIST: "已存在同名文件",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EIO: "读写出错",
    errno.ELOOP: "符号链接指向自身（链接循环）",
}

SPECIAL_FILES: dict[str, str] = {
    "folder": "文件夹",
    "fifo": "命名管道（FIFO）",
    "socket": "套接字（socket）",
    "device": "设备文件",
}
"""What a path is when it is not a regular file (``regular.SpecialKind``)."""

FILE_REASONS = {
    "not_regular": "这是{kind}，不是普通文件",
    "too_large": "文件过大（{size:,} 字节，超过上限 {limit:,} 字节）",
}


def os_reason(exc: OSError) -> str:
    """Why an operating-system call failed, in Chinese (the system's own words otherwise)."""
    if isinstance(exc, NotRegularError):
        return FILE_REASONS["not_regular"].format(kind=SPECIAL_FILES[exc.kind])
    if isinstance(exc, TooLargeError):
        return FILE_REASONS["too_large"].format(size=exc.size, limit=exc.limit)
    return OS_REASONS.get(exc.errno or 0, exc.strerror or str(exc))


# --- the command line: where the data is, and what was typed wrong ---------------------------

CLI_MESSAGES: dict[str, str] = {
    "data.missing": "数据目录“{path}”不存在；请用 --data 指定数据目录（含 district.yaml 的文件夹，"
    "或它所在的仓库根目录），或先运行 xjj init 新建",
    "data.not_folder": "“{path}”不是文件夹；--data 应指向数据目录（含 district.yaml 的文件夹）"
    "或它所在的仓库根目录",
    "data.not_found": "找不到数据目录：{cwd} 下没有 data 文件夹，它和它的上级文件夹中也没有 "
    "district.yaml 或 data/district.yaml；请进入数据仓库再运行，或用 --data 指定数据目录，"
    "或先运行 xjj init 新建",
    "data.used": "使用数据目录：{path}",
    "error": "错误：{message}",
    "interrupted": "已中断。",
    "internal": "内部错误：{kind}: {detail}\n这是 xjj 的缺陷，不是您的数据问题；"
    "请把此信息和所用命令报告给维护人员（设置 XJJ_DEBUG=1 可显示详细信息）。",
    "usage.error": "用法错误：{message}\n运行 xjj --help 或 xjj 命令 --help 查看用法。",
    "date.format": "日期“{text}”格式不对；请写成 YYYY-MM-DD，如 2026-11-05",
    "date.missing_month": "日期“{text}”不存在：一年只有12个月；请写一个真实的日期",
    "number.format": "{option} 的值“{text}”不对；请写一个从 1 起的整数文号，如 13",
    "date.missing_day": "日期“{text}”不存在：{year}年{month}月没有{day}日；请写一个真实的日期",
    "xlsx.no_out": "--format xlsx 需要用 --out 指定要写入的工作簿文件，如 --out 2026-10-镇街排名.xlsx",
    "xlsx.out_only": "--out 只用于 --format xlsx（写入 Excel/WPS 工作簿）；table、csv、json、md "
    "输出到屏幕，需要保存时请在命令后加“> 文件名”",
    "xlsx.suffix": "--out 的文件名“{path}”应以 .xlsx 结尾（如 2026-10-镇街排名.xlsx），"
    "否则 Excel 和 WPS 不认得它",
    "xlsx.folder": "--out 应是一个文件名，而“{path}”是文件夹；请写成“{path}/2026-10-镇街排名.xlsx”这样",
}


def cli_message(key: str, /, **params: Any) -> str:
    """A message of the command line from the catalogue, filled with ``params``."""
    return CLI_MESSAGES[key].format(**params)


# --- xjj init: the new repository and where its CI installs xjj from -------------------------

INIT_MESSAGES = {
    "not_empty": "“{directory}”已存在且不是空目录；为避免覆盖已有文件，请换一个新目录",
    "no_parent": "无法在“{parent}”中新建目录：{reason}",
    "not_written": "无法新建数据仓库“{directory}”：{reason}",
    "unpinned": "“{source}”没有固定到确切的版本，不能作为检查流程安装 xjj 的来源"
    "（任何同名或更新的包都会在每次检查中运行）。可以写：xjj-cli==版本号；"
    "git+https://…/xjj.git@完整的40位提交号；https://…/xjj_cli-….whl#sha256=64位哈希值；"
    "或本机一个 xjj_cli-….whl 文件（将复制进新仓库）",
    "not_xjj": "“{source}”不是 xjj 的安装包名；xjj 的包名是 xjj-cli",
    "characters": "“{source}”中含有不允许的字符“{char}”；安装来源只能包含字母、数字和 URL 中的常用符号",
    "not_a_wheel": "“{source}”是一个文件，但不是 xjj 的 wheel 安装包（文件名应为 xjj_cli-版本号-….whl）",
    "unreadable_wheel": "无法读取安装包“{source}”：{reason}",
    "created": "已新建数据仓库：{directory}（{count} 个文件）",
    "installs": "检查流程将安装：{requirement}",
    "next": "下一步：cd {directory} && xjj validate",
}


def init_message(key: str, /, **params: Any) -> str:
    """A sentence of ``xjj init`` from the catalogue, filled with ``params``."""
    return INIT_MESSAGES[key].format(**params)


# --- reportable months, drafts and 催报 (SPEC §3.5) ------------------------------------------

MESSAGES["progress.not_submitted"] = (
    "镇街“{town}”尚未报送{month}的数据（{count}项指标的 completed 为空，视为未报送）；"
    "全部镇街报齐之前，该月只能用 --draft 出征求意见稿"
)

DRAFT_MARK = "征求意见稿"
NOT_SUBMITTED = "未报送"

REPORTING: dict[str, str] = {
    "no_file": "{month}还不能出正式报告：没有该月的镇街月度数据（towns/progress/{code}.csv）",
    "not_submitted": "{month}还不能出正式报告：尚有{count}个镇街未报送（{names}）",
    "latest": "。最近一个可以出报告的月份是{latest}（--month {code}）",
    "none_yet": "。目前还没有全部镇街报齐的月份",
    "draft_hint": "；如需在数据报齐前出征求意见稿，请加 --draft",
    "no_month": "数据中还没有全部镇街报齐的月份（towns/progress/YYYY-MM.csv 中 completed 均已填写）",
    "no_file_month": "数据中还没有镇街月度数据（towns/progress/YYYY-MM.csv）；请用 --month 指定月份",
    "draft_pending": "{mark}：{month}尚有{count}个镇街未报送（{names}），"
    "暂按其上月累计数计入（1月按0计），结果仅供征求意见，不作为正式排名、通报和约谈问责的依据。",
    "draft_no_file": "{mark}：{month}还没有镇街月度数据，各镇街暂按上月累计数计入（1月按0计），"
    "结果仅供征求意见，不作为正式排名、通报和约谈问责的依据。",
    "draft_complete": "{mark}：{month}镇街数据已报齐，本稿仅供征求意见，以正式印发稿为准。",
    "remind_head": "催报：{month}有{count}个已开工项目未报送进度（按规则至少计为黄色），"
    "请督促责任单位报送：",
    "pending": "注意：{later}尚有{count}个镇街未报送（{names}），还不能出正式报告；"
    "以下是最近一个报齐的月份{month}。加 --draft 可出{later}的征求意见稿。",
    "remind_line": "  {owner}：{projects}",
    "remind_project": "{id}（{name}）",
    "no_metric_figures": "{month}没有{metrics}的镇街月度数据，无法排名。",
    "metric_named": "{name}（{code}）",
    "metric_with_departments": "--metric 只用于镇街排名；区直部门和企业排名（--units departments）只有一个按期推进率，"
    "不分指标，请去掉 --metric 或改用 --units towns",
}


def reporting(key: str, /, **params: Any) -> str:
    """A sentence about which months can be reported, drafts and 催报, filled with ``params``."""
    return REPORTING[key].format(**params)


def not_reportable(month: str, names: list[str] | None, latest: str | None) -> str:
    """Why ``month`` is refused: no file (``names`` None) or the towns not submitted."""
    if names is None:
        text = reporting("no_file", month=cn_month(month), code=month)
    else:
        text = reporting(
            "not_submitted", month=cn_month(month), count=len(names), names="、".join(names)
        )
    if latest is None:
        text += reporting("none_yet")
    else:
        text += reporting("latest", latest=cn_month(latest), code=latest)
    return text + reporting("draft_hint")


def pending_month(later: str, names: list[str], month: str) -> str:
    """Said when the default month is not the latest month with figures: that one is pending."""
    return reporting(
        "pending",
        later=cn_month(later),
        count=len(names),
        names="、".join(names),
        month=cn_month(month),
    )


def draft_note(month: str, names: list[str] | None) -> str:
    """The 征求意见稿 line at the top of every draft: which towns have not submitted."""
    if names is None:
        return reporting("draft_no_file", mark=DRAFT_MARK, month=cn_month(month))
    if not names:
        return reporting("draft_complete", mark=DRAFT_MARK, month=cn_month(month))
    return reporting(
        "draft_pending",
        mark=DRAFT_MARK,
        month=cn_month(month),
        count=len(names),
        names="、".join(names),
    )


def reference_problem(path: str, missing: list[str] | None) -> str:
    """Why a district's DOCX reference document (templates/bulletin-reference.docx) is unusable:
    not a Word document (``missing`` None), or without the styles ``missing``."""
    if missing is None:
        return (
            f"DOCX 参考文档 {path} 无法打开：不是 Word 文档（.docx）；"
            "请在 Word 或 WPS 中另存为 .docx，或删去它以使用内置样式"
        )
    names = "、".join(f"“{name}”" for name in missing)
    return f"DOCX 参考文档 {path} 缺少样式 {names}；请对照内置参考文档补上这些样式（名称须一致）"


# --- pieces of the data checks' messages: what a code names, what a field should be --------

Subject = Literal[
    "domain",
    "project_id",
    "events_month",
    "acknowledged",
    "town_code",
    "unit_code",
    "code",
    "task_id",
    "problem_id",
    "lead",
    "cooperating",
    "owner",
    "card_unit",
    "reporter",
    "reported_unit",
    "problem_by",
    "project",
    "metric",
]
"""What a code or id names (the ``what`` of ``id.duplicate``, ``ref.unknown`` …)."""

SUBJECTS: dict[Subject, str] = {
    "domain": "领域",
    "project_id": "项目编号",
    "events_month": "事件月份",
    "acknowledged": "已确认的警告",
    "town_code": "镇街编码",
    "unit_code": "单位编码",
    "code": "编码",
    "task_id": "任务编号",
    "problem_id": "问题编号",
    "lead": "牵头单位",
    "cooperating": "配合单位",
    "owner": "责任单位",
    "card_unit": "受牌单位",
    "reporter": "反映镇街",
    "reported_unit": "被反映部门",
    "problem_by": "提出单位",
    "project": "项目",
    "metric": "指标",
}
"""Each ``Subject`` in words."""

PARTY_NAMES = {"town": "镇街", "unit": "单位"}
"""A town or a unit, as a reference to one is named."""
PARTY_KINDS = {"town": "镇街", "unit": "区直部门或企业"}
"""A town or a unit, as the kind a reference needs is named."""


def subject(key: Subject, /) -> str:
    """What a code of ``key`` names: 项目编号, 镇街编码 …"""
    return SUBJECTS[key]


def either(words: Iterable[str]) -> str:
    """Alternatives in one phrase: 镇街或单位."""
    return "或".join(words)


EXPECTED_KINDS: dict[str, str] = {
    "int_type": "整数",
    "int_parsing": "整数",
    "int_from_float": "整数",
    "float_type": "数字",
    "bool_type": "true 或 false",
    "list_type": "列表（每项以“- ”开头，或写成 [a, b]）",
    "dict_type": "映射（键: 值）",
    "model_type": "映射（键: 值）",
    "model_attributes_type": "映射（键: 值）",
    "none_required": "空值",
}
"""What a field should be, by the type of pydantic's complaint (``value.type``)."""

BOUNDS: dict[str, str] = {
    "greater_than_equal": "不能小于 {ge}",
    "less_than_equal": "不能大于 {le}",
    "greater_than": "必须大于 {gt}",
    "less_than": "必须小于 {lt}",
    "too_short": "至少要有 {min_length} 项",
    "too_long": "最多 {max_length} 项",
}
"""The bound a value broke, by the type of pydantic's complaint (``value.range``)."""

CHECK_WORDS: dict[str, str] = {
    # csv.header's hint
    "header.missing": "缺少列 {columns}",
    "header.extra": "多出列 {columns}",
    "header.repeated": "有重复的列名",
    "header.check": "请检查列名",
    # file.name and file.unexpected's hint, by what the file was taken for
    "name.figures": "月度镇街数据应命名为 YYYY-MM.csv，如 2026-10.csv",
    "name.tasks": "市重点督办任务清单应命名为 年份.yaml，如 2026.yaml",
    "name.events": "事件文件应命名为 YYYY-MM.yaml，如 2026-10.yaml",
    "name.problems": "问题清单应按问题提出的年份命名为 年份.yaml，如 2026.yaml",
    "name.control": "文件名或文件夹名中有控制字符（{chars}，如换行、制表符或文字方向控制符），"
    "这类字符看不见，会让文件名显示得与实际不同；请重命名，只用看得见的文字",
    "place.project": "项目文件应放在 projects/<领域>/<项目编号>.yaml",
    "place.any": "数据文件应放在 district.yaml、domains/、towns/、units/、projects/、tasks/、events/、problems/ 中",
    # file.missing's hint, by the required file
    "required.district": "请写明区名、市名、办公室名称和年度",
    "required.towns": "请列出全部镇街：code,name,kind",
    "required.units": "请列出区直部门和企业：code,name,kind",
    # yaml.root_type's expected shape
    "root.mapping": "映射（键: 值）",
    "root.tasks": "列表（每项是一条任务，以“- ”开头）",
    "root.problems": "列表（每项是一个问题，以“- ”开头）",
    "root.acknowledged": "列表（每项是一条已确认的警告，以“- ”开头）",
    # encoding.yaml's finding
    "encoding.utf16": "，而此文件是 UTF-16",
    "encoding.gb18030": "，而此文件看起来是 GB18030/GBK",
    # problem.before_raised's date, by field
    "problem.deadline": "解决时限",
    "problem.resolved": "办结日期",
    # small pieces
    "value": "值",
    "at_line": "{file} 第 {line} 行",
    "quoted": "“{value}”",
    "items": "（{count} 项）",
    "because": "{raw}（{reason}）",
    "domain_file_missing": "（缺少领域文件 domains/{domain}.yaml）",
}
"""Pieces the data checks' messages are made of: hints, expected shapes, places."""


def check_word(key: str, /, **params: Any) -> str:
    """A piece of a data check's message from the catalogue, filled with ``params``."""
    return CHECK_WORDS[key].format(**params)


# --- errors that stop a command (raised as XjjError, told on stderr) ---------------------------

ERRORS: dict[str, str] = {
    "folder.unreadable": "无法读取目录“{folder}”：{reason}",
    "fingerprint.unreadable": "无法读取“{path}”以计算数据指纹：{reason}",
    "data.invalid": "数据有 {count} 个错误，已停止。请先运行 xjj validate 查看并修改：",
    "data.more": "  ……只显示了前 {shown} 个，共 {count} 个错误",
    "month.format": "月份“{month}”格式不对；请写成 YYYY-MM，如 2026-10",
    "metric.unknown": "没有参与排名的指标“{metric}”{suggestion}；可用：{allowed}",
    "output.exists": "文件“{path}”已存在；为避免覆盖，请换一个 --out 目录，或加 --force 覆盖",
    "output.file_exists": "文件“{path}”已存在；为避免覆盖，请换一个 --out 文件名，或加 --force 覆盖",
    "output.folder": "无法创建输出目录“{folder}”：{reason}",
    "output.temp": "无法在“{folder}”中写入文件：{reason}",
    "output.write": "无法写入“{path}”：{reason}",
    "output.set": "无法写入“{path}”：{reason}；这一组文件都没有写入，原有文件保持不变",
    "output.step_summary": "无法写入 GITHUB_STEP_SUMMARY 指定的文件“{path}”：{reason}",
}


def error_message(key: str, /, **params: Any) -> str:
    """The sentence of an error that stops a command, filled with ``params``."""
    return ERRORS[key].format(**params)


# --- xjj import (SPEC §8): reading filled workbooks back ------------------------------------

IMPORT_MESSAGES: dict[str, str] = {
    # refusals of a whole workbook
    "missing": "{place}：找不到这个文件",
    "folder": "{place}：这是一个文件夹，不是表格文件；请给出其中的 .xlsx 表格，如 收表/*.xlsx",
    "special": "{place}：这是{kind}，不是普通文件，无法导入；请给出 .xlsx 表格文件",
    "unreadable_file": "{place}：无法读取这个文件（{reason}）",
    "too_big": "{place}：文件有 {size} MB，超过 {limit} MB；xjj forms 生成的填报表只有几十行，"
    "请使用 xjj forms 生成的表格填写",
    "old_format": "{place}：这是旧版 Excel（.xls）或 WPS（.et）格式，或设了打开密码的工作簿，"
    "无法读取；请用 Excel/WPS 另存为 .xlsx 工作簿（不设密码）后再导入",
    "ods": "{place}：这是 OpenDocument（.ods）表格；请用 Excel/WPS 另存为 .xlsx 工作簿后再导入",
    "text": "{place}：这不是 Excel 工作簿（像是 CSV 或文本文件）；请使用 xjj forms 生成的表格填写，"
    "并用 Excel/WPS 另存为 .xlsx 工作簿",
    "not_workbook": "{place}：这不是 Excel 工作簿；请使用 xjj forms 生成的表格，"
    "并用 Excel/WPS 另存为 .xlsx 工作簿",
    "unreadable": "{place}：无法打开这个工作簿（{reason}）；请用 Excel/WPS 打开后另存为 .xlsx 工作簿再导入",
    "not_form": "{place}：不是 xjj forms 生成的填报表（没有隐藏的 _xjj 工作表）；"
    "请使用 xjj forms 生成的表格填写，不要把内容复制到新的工作簿",
    "bad_meta": "{place}：隐藏工作表 _xjj 中 {field} 的值“{value}”不对；"
    "请使用 xjj forms 生成的表格重新填写",
    "version": "{place}：这是第 {found} 版的填报表，本版 xjj 只能导入第 {expected} 版；"
    "请用 xjj forms 重新生成本月的表格",
    "no_sheet": "{place}：找不到工作表“{sheet}”（被删除或改了名）；请使用 xjj forms 生成的表格重新填写",
    "month_future": "{place}：这是{month}的填报表，该月还没有开始；请使用本月或以前月份的表格",
    "month_mixed": "{place}：这是{month}的填报表，而“{other}”是{other_month}的；"
    "一次只能导入同一个月的表格，请分开导入",
    "unknown_town": "{place}：镇街代码“{unit}”在 towns/towns.csv 中不存在；"
    "这张表不是本数据仓库生成的，请使用 xjj forms 生成的表格",
    "unknown_unit": "{place}：单位代码“{unit}”在 units/units.csv 中不存在；"
    "这张表不是本数据仓库生成的，请使用 xjj forms 生成的表格",
    "checksum": "{place}：预填内容被修改（灰色的锁定单元格被改动，或插入、删除、移动了行）；"
    "请用 xjj forms 生成的原表重新填写，只填黄色单元格",
    "part_too_big": "{place}：工作簿中的“{part}”内容过大（解压后超过 {limit} MB，相当于上万行），"
    "而填报表只有几十行；请用 xjj forms 生成的原表重新填写，不要插入或追加行",
    "package_too_big": "{place}：工作簿解压后超过 {limit} MB，而填报表只有几十 KB；"
    "请用 xjj forms 生成的原表重新填写",
    "too_many_parts": "{place}：工作簿由 {count} 个部分组成，超过 {limit} 个（填报表只有十几个）；"
    "请用 xjj forms 生成的原表重新填写",
    "too_many_sheets": "{place}：工作簿的工作表超过 {limit} 个（填报表只有三到五个）；"
    "请用 xjj forms 生成的原表重新填写",
    "compression": "{place}：工作簿中的“{part}”解压后是压缩时的 {ratio} 倍，"
    "不像 Excel/WPS 保存的表格（可能是“压缩炸弹”），没有读取；请用 xjj forms 生成的原表重新填写",
    "damaged": "{place}：工作簿中的“{part}”已损坏或用了 Excel/WPS 不用的压缩方式，无法解压；"
    "请用 Excel/WPS 打开后另存为 .xlsx 工作簿再导入",
    "doctype": "{place}：工作簿中的“{part}”含有 DTD（<!DOCTYPE …>），Excel/WPS 保存的表格不会有，"
    "没有读取；请用 xjj forms 生成的原表重新填写",
    "encoding": "{place}：工作簿中的“{part}”用了 Excel/WPS 不用的字符编码，没有读取；"
    "请用 xjj forms 生成的原表重新填写",
    "extra_row": "{place}：这张表原有 {rows} 行数据（到第 {last} 行），这里多出了内容；"
    "请不要插入或追加行，多出的内容请删除",
    "merged": "{place}：有合并单元格；请取消合并（开始→合并居中→取消合并单元格）后再导入",
    "merged_more": "{place}：另有 {count} 处合并单元格",
    # cells to fill
    "formula": "{place}：这里是公式“{formula}”；请直接填写数字（复制后用“选择性粘贴→数值”）",
    "not_number": "{place}：“{value}”不是数字；请只填写数字，如 {example}",
    "date_not_number": "{place}：这里是日期 {value}，不是数字（Excel/WPS 会把 11/5 之类自动改成日期）；"
    "请把单元格格式设为“常规”后重新填写数字",
    "not_whole": "{place}：“{value}”不是整数；累计数请填写整数",
    "negative": "{place}：“{value}”是负数；请填写 0 或正数",
    "too_large": "{place}：{value} 大于 {limit}，请核对",
    "below_last": "{place}：本月累计 {value} 低于上月累计 {last}；累计数不能减少，请核对"
    "（上月数字有误请联系指挥部办公室更正）",
    "percent_range": "{place}：进度 {value} 不在 0 到 100 之间；请填写百分数中的数字，如 65",
    "percent_below": "{place}：本月进度 {value}% 低于上月进度 {last}%；进度是累计的，不能减少，请核对",
    "invested_below": "{place}：本月累计投资 {value} 万元低于上月累计投资 {last} 万元；"
    "累计投资不能减少，请核对",
    "incomplete": "{place}：请同时填写本月进度和本月累计投资（{missing}为空）",
    "note_long": "{place}：进展情况有 {length} 个字，超过 {limit} 个字；请精简",
    "control": "{place}：“{value}”中有看不见的控制字符 {char}（第 {position} 个字）；"
    "请删除后重新填写（常见于从网页或其他软件复制的文字）",
    "unknown_metric": "{place}：指标代码“{metric}”在 domains/ 中不存在；请使用 xjj forms 重新生成表格",
    "unknown_project": "{place}：项目“{project}”在 projects/ 中不存在；请使用 xjj forms 重新生成表格",
    "not_owner": "{place}：项目“{project}”的责任单位是“{owner}”，不是这张表的单位“{unit}”；"
    "请使用 xjj forms 重新生成表格",
    "conflict": "{place}：{target}中已有 {old}，表中填的是 {new}；"
    "核实表中的数字正确后，加 --force 覆盖",
    "duplicate": "{place}：“{other}”也是{unit}{month}的表格，但这里的值不同（{value} 与 {other_value}）；"
    "请只导入其中正确的一份",
    "layout": "{place}：项目进度 YAML 中的 progress 不是逐行列表，无法只改动新增的几行；"
    "请把 progress 写成“- month: …”逐行列表后再导入",
    # the problems sheets (issue 13)
    "not_date": "{place}：“{value}”不是日期；请填写日期，如 2026-11-05",
    "unknown_problem": "{place}：问题“{problem}”在 problems/ 中不存在；请使用 xjj forms 重新生成表格",
    "resolved_before_raised": "{place}：办结日期 {value} 早于问题的提出日期 {raised}；请核对",
    "date_future": "{place}：办结日期 {value} 晚于今天（{today}）；请填写问题已经解决的日期",
    "problem_long": "{place}：问题有 {length} 个字，超过 {limit} 个字；请精简",
    "problem_incomplete": "{place}：新增问题请同时填写项目、问题、责任单位和限期（{missing}为空）",
    "unknown_project_name": "{place}：“{value}”不是本单位的项目{suggestion}；请从下拉列表中选择项目",
    "unknown_unit_name": "{place}：单位“{value}”在 units/units.csv 和 towns/towns.csv 中都不存在"
    "{suggestion}；请从下拉列表中选择责任单位",
    "deadline_before_raised": "{place}：限期 {value} 早于问题的提出日期 {raised}（本月底）；"
    "请填写要求解决的日期",
    "resolved_twice": "{place}：问题 {problem} 的办结日期在“{other}”中是 {other_value}，这里是 {value}；"
    "请核实后只保留正确的一个",
    "ledger_layout": "{place}：问题清单 YAML 不是逐行列表，无法只改动相关的几行；"
    "请把问题写成“- id: …”逐行列表后再导入",
    # warnings
    "normalised": "{place}：“{raw}”按 {value} 读入（{how}）",
    "same_file": "{place}：与“{other}”内容相同，只导入一次",
    "how.spaces": "去掉首尾空格",
    "how.wide": "全角字符改为半角",
    "how.thousands": "去掉千位分隔符",
    "how.unit": "去掉单位“{unit}”",
    "how.text": "文本格式的数字",
    "how.float": "小数点后为 0",
    "how.percent_format": "百分比格式",
    "how.date_text": "文本格式的日期",
    "how.date_serial": "Excel 日期序号",
    "how.date_time": "去掉时间",
    "how.name_form": "名称中的空格或全角字符不同",
    "how.code": "代码改为名称",
    "how.line_break": "其他换行符改为换行",
    "how.join": "、",
    "values.join": "，",
    "values.cut": "…（共 {length} 个字）",
    # the changes and the outcome
    "refused": "以下 {count} 个问题需要先改正，未写入任何文件：",
    "invalid_after": "导入后的数据检查未通过，未写入任何文件：",
    "town_change": "{file}：{town}（{town_code}）{metric}（{metric_code}）本月累计：{old} → {new}",
    "new_file": "{file}：新建（{towns} 个镇街 × {metrics} 项指标，未报送的镇街 completed 留空）",
    "progress_add": "{file}：新增 {month} 进度：（无） → {entry}",
    "progress_replace": "{file}：{month} 进度：{old} → {new}",
    "progress_entry": "进度 {percent}%，累计投资 {invested} 万元{note}",
    "progress_note": "，{note}",
    "problem_resolved": "{file}：{problem}（{text}）办结日期：{old} → {new}",
    "problem_add": "{file}：新增问题 {problem}：{text}（项目 {project}，责任单位 {unit}，"
    "限期 {deadline}，提出日期 {raised}）",
    "problem_replace": "{file}：{problem}（{text}）责任单位、限期：{old} → {new}",
    "problem_terms": "{unit}，{deadline}",
    "empty": "（空）",
    "nothing": "没有需要写入的变化（表格未填写，或表中的数字与数据仓库中的相同）。",
    "written": "已写入 {count} 个文件；请运行 xjj validate 检查后提交。",
    "dry_run": "试运行（--dry-run）：以上 {count} 处变化没有写入。",
    "summary": "读取了 {files} 个表格：{changes} 处变化，{warnings} 个提示。",
}


ORIGIN_MESSAGES: dict[str, str] = {
    # a prefilled cell that is not what the repository says now (issue 22)
    "prefilled": "{place}：表中预填的{what}是“{value}”，数据仓库中现为“{now}”（{unit}，{month}）；"
    "表格生成后数据已变更，或这张表不是用本数据仓库生成的；请用 xjj forms 重新生成填报表后重新填写",
    "prefilled_text": "{place}：表中预填的{what}“{value}”被改成了文本，生成时是数字（{unit}，{month}）；"
    "请用 xjj forms 重新生成填报表后重新填写",
    "prefilled_unknown": "{place}：表中的{what}“{value}”不在数据仓库中{unit}{month}的填报范围内；"
    "表格生成后数据已变更，或这张表不是用本数据仓库生成的；请用 xjj forms 重新生成填报表后重新填写",
    "prefilled_repeated": "{place}：表中的{what}“{value}”出现了不止一次；"
    "请用 xjj forms 重新生成填报表后重新填写",
    "prefilled_missing": "{place}：数据仓库中{unit}{month}还应填报“{item}”，这张表中没有；"
    "表格生成后数据已变更，或这张表不是用本数据仓库生成的；请用 xjj forms 重新生成填报表后重新填写",
    "item": "{name}（{code}）",
    "code": "{code}（{name}）",
    # the signature of a form, when a key is set up (issue 22)
    "unsigned": "{place}：这张表没有签名，而本机设置了填报表签名密钥（{source}），只导入本办公室用 "
    "xjj forms 生成并签名的表格；请使用办公室下发的表格填写",
    "bad_signature": "{place}：签名不符：这张表不是用本机的签名密钥生成的，或生成后预填内容、"
    "隐藏工作表被改动；请使用办公室下发的原表填写",
    "unchecked": "{place}：这张表带有签名，但本机没有设置填报表签名密钥（环境变量 {variable} "
    "或文件 {file}），签名未核验",
}
"""What ``xjj import`` says of a form that does not match the repository or its signature."""


def origin_message(key: str, /, **params: Any) -> str:
    """A sentence of ``xjj import`` about where a form comes from, filled with ``params``: a
    cell's value (``QUOTED``) ``shown``, every other text ``visible``, as ``import_message``."""
    for name, value in params.items():
        if not isinstance(value, int | float):
            params[name] = shown(str(value)) if name in QUOTED else visible(str(value))
    return ORIGIN_MESSAGES[key].format(**params)


FORM_KEY_MESSAGES: dict[str, str] = {
    "env": "环境变量 {variable}",
    "file": "文件 {path}",
    "short": "填报表签名密钥（{source}）太短，至少要 {minimum} 个字符；请换一个更长的随机密钥",
    "not_file": "填报表签名密钥 {path} 不是普通文件（{kind}）；请把密钥写在一个普通文本文件中",
    "kind.folder": "是文件夹",
    "kind.special": "是管道、设备等特殊文件",
    "unreadable": "无法读取填报表签名密钥文件 {path}（{reason}）",
    "too_big": "填报表签名密钥文件 {path} 超过 {limit} 字节，不像是密钥文件；请检查",
    "not_text": "填报表签名密钥文件 {path} 不是 UTF-8 文本；请检查",
    "in_repository": "填报表签名密钥文件 {path} 在数据仓库 {repository} 中；密钥不能放进数据仓库"
    "（会随仓库传给别人），请移到 {default}，或改用环境变量 {variable}",
    "signed": "填报表已用签名密钥（{source}）签名；导入时 xjj import 核验签名。",
}
"""What xjj says about the key that signs the forms (``XJJ_FORM_KEY`` or the user's config
file); never the key itself."""


def form_key_message(key: str, /, **params: Any) -> str:
    """A sentence about the forms' signing key, filled with ``params``."""
    return FORM_KEY_MESSAGES[key].format(**params)


IMPORT_UNITS: dict[str, tuple[str, ...]] = {
    "count": ("个", "家"),
    "percent": ("%", "％"),
    "money": ("万元", "万"),
}
"""The units people type after a number, taken off by ``xjj import`` (with a warning)."""


QUOTED = frozenset(
    {"value", "raw", "formula", "metric", "project", "problem", "unit", "owner", "found"}
    | {"other_value", "char"}
)
"""The parameters of the import messages that quote a cell of a workbook (up to 32,767
characters): shown shortened (``shown``). Every text parameter has its control characters
made visible; notes and problem texts (at most 200 characters once read) are shown whole."""
SHOWN_LENGTH = 50
"""The most characters of a quoted value a message shows."""


def import_message(key: str, /, **params: Any) -> str:
    """A sentence of ``xjj import`` from the catalogue, filled with ``params``: a cell's value
    (``QUOTED``) ``shown``, every other text ``visible``."""
    for name, value in params.items():
        if isinstance(value, int | float):
            continue
        params[name] = shown(str(value)) if name in QUOTED else visible(str(value))
    return IMPORT_MESSAGES[key].format(**params)


def shown(text: str, limit: int = SHOWN_LENGTH) -> str:
    """``text`` as a message quotes it: control characters visible, at most ``limit``
    characters, the rest cut with its length said (a cell holds up to 32,767)."""
    pieces: list[str] = []
    width = 0
    for char in text:
        piece = visible(char)
        if width + len(piece) > limit:
            return "".join(pieces) + IMPORT_MESSAGES["values.cut"].format(length=len(text))
        pieces.append(piece)
        width += len(piece)
    return "".join(pieces)


# --- the validation report (xjj validate) ----------------------------------------------------

VALIDATION: dict[str, str] = {
    "error": "错误",
    "warning": "警告",
    "acknowledge_hint": "核实无误的警告，可把方括号中的编号连同确认人、日期和理由记入 {file}，"
    "以后只计数、不再逐条显示。",
    "acknowledged": "另有 {count} 个警告已确认，未重复显示",
    "failed": "✗ 数据检查未通过：{errors} 个错误（涉及 {files} 个文件），{warnings} 个警告{also}。"
    "请按提示逐条修改后重新提交。",
    "also": "，{note}",
    "warnings": "{warnings} 个警告，请核实",
    "passed": "✓ 数据检查通过",
    "passed_notes": "（{notes}）",
    "census": "{head}：{towns} 个镇街，{units} 个区直部门和企业，{domains} 个领域，"
    "{projects} 个项目，{tasks} 项市重点督办任务；镇街月报 {span}。",
    "span": "{first} 至 {last}",
    "no_months": "暂无",
    "summary_title": "## xjj 数据检查",
    "summary_head": "| 文件 | 行 | 列 | 类别 | 代码 | 说明 |",
    "progress": "读取数据文件",
    "remaining": "剩余",
}


def validation_word(key: str, /, **params: Any) -> str:
    """A piece of the validation report from the catalogue, filled with ``params``."""
    return VALIDATION[key].format(**params)


def bulletin_stem(month: str, *, draft: bool) -> str:
    """The bulletin files' name without suffix: 2026-10-新基建月度通报(-征求意见稿)."""
    return f"{month}-新基建月度通报" + (f"-{DRAFT_MARK}" if draft else "")


BOARD: dict[str, str] = {
    "tile": "{name}：{color}，第{rank}名（共{of}个），完成率{rate}",
    "tile_unranked": "{name}：未排名",
    "map_label": "全区地图：各镇街{metric}完成情况",
    "units": "各单位逐月情况",
    "units_hint": "点单位名称展开：各月排名、颜色、措施及依据，以及未解决问题。",
    "unit_summary": "{name}（{kind}）",
    "unit_latest": "{month}：{action}",
    "warnings": "预警（{count}条）",
    "warnings_hint": "尚未违规、但临近约谈问责或期限的事项，按期限先后排列；预警不影响约谈问责。",
    "unit_warnings": "{month}预警",
    "warnings_none": "本月没有预警事项。",
    "warnings_link": "本月预警{count}条，见“预警”栏。",
}
"""The board's words that are not in its template: the map's hover texts, the unit pages."""


def board_word(key: str, /, **params: Any) -> str:
    """A piece of the board from the catalogue, filled with ``params``."""
    return BOARD[key].format(**params)


def board_name(month: str, *, draft: bool) -> str:
    """The board's file name: 2026-10-挂图作战图(-征求意见稿).html."""
    return f"{month}-挂图作战图" + (f"-{DRAFT_MARK}" if draft else "") + ".html"


# --- the renderers' words: report tables, charts, bulletin, DOCX -------------------------------

NOT_STARTED = "未开工"
"""A project's status before it starts, where a colour would stand."""

RANK_MARKS: dict[str, str] = {
    "bottom_n": "后{n}名",
    "below_district": "低于全区",
}
"""A town's marks in a ranking: column headings of the tables, words of the bulletin."""

REPORT_HEADINGS: dict[str, dict[str, str]] = {
    "ranking": {
        "month": "月份",
        "metric": "指标",
        "rank": "排名",
        "town": "代码",
        "name": "镇街",
        "target": "年度目标",
        "completed": "累计完成",
        "rate": "完成率",
        "color": "颜色",
        "bottom_n": RANK_MARKS["bottom_n"],
        "below_district": RANK_MARKS["below_district"],
        "rank_change": "较上月",
        "district_rate": "全区完成率",
        "time_progress": "序时进度",
        "submitted": "报送",
    },
    "departments": {
        "month": "月份",
        "rank": "排名",
        "unit": "代码",
        "name": "单位",
        "kind": "类型",
        "items": "事项数",
        "on_schedule": "按期",
        "score": "按期推进率",
    },
    "colors": {
        "month": "月份",
        "id": "项目编号",
        "name": "项目名称",
        "domain": "领域",
        "owner": "责任单位",
        "color": "颜色",
        "planned": "计划进度",
        "actual": "实际进度",
        "lag": "滞后",
        "reported": "本月报送",
        "overdue_milestones": "逾期节点",
    },
    "accountability": {
        "month": "月份",
        "unit": "代码",
        "name": "单位",
        "kind": "类型",
        "action": "措施",
        "rule": "规则",
        "rule_action": "依据措施",
        "detail": "依据",
    },
    "warnings": {
        "month": "月份",
        "unit": "代码",
        "name": "单位",
        "kind": "单位类型",
        "warning": "预警类型",
        "by": "期限",
        "detail": "预警内容",
    },
}
"""The column headings of each report table (xjj rank/colors/accountability/warnings), by
column key."""

REPORT_WORDS: dict[str, str] = {
    "ranking_title": "{month}镇街排名：{metric}（{unit}）",
    "ranking_caption": "全区完成率 {district}，序时进度 {progress}，共 {size} 个有任务的镇街参与排名",
    "departments_title": "{month}区直部门和企业排名（按期推进率）",
    "departments_caption": "事项：本单位牵头且已开工的项目（蓝色为按期）"
    "、本年度市重点督办任务和本年度限期解决的问题（按期完成或未到期为按期）",
    "colors_title": "{month}项目三色管理（蓝黄红）",
    "accountability_title": "{month}约谈问责名单",
    "accountability_caption": "共 {count} 个单位；措施取各条依据中最重的一项",
    "overdue": "{name}（逾期{days}天）",
    "yes": "是",
    "level": "持平",
    "ranking_sheet": "镇街排名",
    "departments_sheet": "区直部门和企业排名",
    "colors_sheet": "项目三色",
    "accountability_sheet": "约谈问责名单",
    "warnings_title": "{month}预警提示",
    "warnings_caption": "共 {units} 个单位 {count} 条预警，按期限先后排列；预警不是违规，不影响约谈问责",
    "warnings_sheet": "预警提示",
}
"""Titles, captions and cell words of the report tables."""


def report_word(key: str, /, **params: Any) -> str:
    """A title, caption or cell word of a report table, filled with ``params``."""
    return REPORT_WORDS[key].format(**params)


RANK_CHANGE_FORMAT = f'"↑"0;"↓"0;"{REPORT_WORDS["level"]}"'
"""A workbook's number format for 较上月: the change stays a number, shown ↑2, ↓1 or 持平."""


CHART_WORDS: dict[str, str] = {
    "ranking_title": "{metric}：各镇街完成率",
    "district_rate": "全区完成率 {rate}",
    "time_progress": "序时进度 {rate}",
    "ranking_tip": "第{rank}名 {name}：{rate}（{color}）",
    "ranking_label": "{title}。全区完成率{district}，序时进度{progress}；"
    "最高{best}{best_rate}，最低{worst}{worst_rate}。{rows}。",
    "ranking_label_row": "第{rank}名{name}{rate}{color}",
    "colors_title": "各领域项目三色分布（个）",
    "colors_tip": "{domain}：{status}{count}个",
    "colors_total": "共{count}个",
    "colors_label": "{title}。{domains}。",
    "colors_label_domain": "{domain}共{total}个：{counts}",
    "colors_label_count": "{status}{count}个",
    "trend_title": "重点指标全区完成率逐月走势",
    "trend_key": "实线为全区完成率，虚线为序时进度（月份÷12）",
    "trend_panel_title": "{metric}：全区完成率逐月走势",
    "trend_rate": "完成率 {rate}",
    "trend_tip": "{metric} {month}：{rate}",
    "trend_panel_label": "{metric}全区完成率逐月走势：{points}；{month}序时进度{progress}。",
}
"""The charts' titles, legends, tooltips and the sentences read out in place of each chart
(its ``aria-label``)."""


def chart_word(key: str, /, **params: Any) -> str:
    """A title, legend, tooltip or description of a chart, filled with ``params``."""
    return CHART_WORDS[key].format(**params)


TEMPLATE_ERRORS: dict[str, str] = {
    "syntax": "通报模板 {file} 第 {line} 行有语法错误：{reason}",
    "failed": "通报模板 {name} 无法生成：{reason}；请对照内置模板检查本区 templates/ 中的修改",
}
"""Why a bulletin template (built in or the district's own) cannot be rendered."""


def template_error(key: str, /, **params: Any) -> str:
    """Why a bulletin template cannot be rendered, filled with ``params``."""
    return TEMPLATE_ERRORS[key].format(**params)


DOCX_PROPERTIES: dict[str, str] = {
    "draft_title": "{title}（{mark}）",
}
"""The DOCX's document properties (File › Properties in Word or WPS)."""


# --- notices (SPEC §6): the files, the register and what xjj notices says ----------------------

NOTICE_FILE_KINDS = {"interview": "约谈通知", "accountability": "问责函"}
"""The kind of a notice in its file name: 2026-10-约谈通知-安居街道.docx."""

REGISTER_SHEET = "登记表"
"""The register workbook's sheet."""
REGISTER_DATE_FORMAT = 'yyyy"年"m"月"d"日"'
"""How the register workbook shows its date cells: 2026年11月5日 (each cell holds a date)."""

NOTICE_MESSAGES: dict[str, str] = {
    "none": "{month}没有需约谈或问责的单位，未生成约谈通知、问责函和登记表。",
    "estimated": "注意：整改报告截止日期{due}是按周一至周五推算的：chinese-calendar 还没有"
    "{year}年的放假安排（国务院办公厅通常在上一年年底公布）。请对照公布的放假安排核对后再印发；"
    "登记表的备注中已注明。",
    "estimated_note": "按周一至周五推算（尚无{year}年放假安排），请核对",
    "no_prefix": "--number-from 需要发文字号前缀：district.yaml 的 document 中没有 prefix"
    "（如 prefix: 任新基建办）；请先填写 prefix，或去掉 --number-from，印发时手写文号",
}


def notice_message(key: str, /, **params: Any) -> str:
    """A sentence of ``xjj notices`` (on stderr, or a register's note), filled with ``params``."""
    return NOTICE_MESSAGES[key].format(**params)


def notice_stem(month: str, kind: str, name: str, *, draft: bool) -> str:
    """A notice file's name without suffix: 2026-10-约谈通知-安居街道(-征求意见稿)."""
    return f"{month}-{NOTICE_FILE_KINDS[kind]}-{name}" + (f"-{DRAFT_MARK}" if draft else "")


def register_stem(month: str, *, draft: bool) -> str:
    """The register files' name without suffix: 2026-10-约谈问责登记表(-征求意见稿)."""
    return f"{month}-约谈问责登记表" + (f"-{DRAFT_MARK}" if draft else "")


REPORT_HEADINGS["register"] = {
    "number": "文号",
    "date": "日期",
    "unit": "代码",
    "name": "单位",
    "kind": "类别",
    "reasons": "事由",
    "due": "整改报告截止日期",
    "note": "备注",
}
REPORT_WORDS["register_title"] = "{month}约谈问责登记表"


# --- forms (SPEC §8): the fill-in workbooks that `xjj forms` writes and `xjj import` reads ------

FORM_SHEETS = {
    "instructions": "填表说明",
    "town": "月度数据",
    "owner": "项目进度",
    "open_problems": "待解决问题",
    "new_problems": "新增问题",
}
"""The sheets of a fill-in workbook (the hidden ``_xjj`` sheet is for machines, not here)."""

FORM_FILE_KINDS = {"town": "月度数据", "owner": "项目进度"}
"""The kind of a form in its file name: 2026-11-安居街道-月度数据.xlsx."""

FORM_HEADINGS: dict[str, dict[str, str]] = {
    "town": {
        "town_name": "镇街",
        "metric_name": "指标",
        "metric_unit": "计量单位",
        "target": "年度目标",
        "last": "上月累计",
        "completed": "本月累计（请填写）",
        "town": "镇街代码",
        "metric": "指标代码",
    },
    "owner": {
        "project": "项目编号",
        "project_name": "项目名称",
        "domain_name": "领域",
        "last_percent": "上月进度（%）",
        "last_invested": "上月累计投资（万元）",
        "percent": "本月进度（%）（请填写）",
        "invested": "本月累计投资（万元）（请填写）",
        "note": "进展情况（请填写）",
        "owner": "单位代码",
    },
    "open_problems": {
        "problem": "问题编号",
        "project_name": "项目",
        "text": "问题",
        "unit_name": "责任单位",
        "raised": "提出日期",
        "deadline": "限期",
        "resolved": "办结日期（请填写）",
    },
    "new_problems": {
        "number": "序号",
        "project_name": "项目（请选择）",
        "text": "问题（请填写）",
        "unit_name": "责任单位（请选择）",
        "deadline": "限期（请填写）",
    },
}
"""The headings of a form's data sheet, by form and column key (row 1 of the sheet)."""

FORM_TITLES = {
    "town": "{month}{name}新基建月度数据填报表",
    "owner": "{month}{name}新基建项目进度填报表",
}
"""The first line of a form's instructions sheet (and the workbook's title property)."""

FORM_INSTRUCTIONS: dict[str, list[str]] = {
    "town": [
        "一、填什么：请在“{sheet}”表的“本月累计（请填写）”列（浅黄色单元格），填写截至{month}"
        "底各项指标的累计完成数（自今年1月起累计，不是本月新增数）。",
        "二、表格会检查：只能填整数；不能小于“上月累计”；计量单位已写在表中，只填数字，"
        "不要加“个”“家”等字。不符合时表格会提示，请改正后再保存。",
        "三、暂时没有数字的，请空着，不要填 0；空着表示尚未报送。",
    ],
    "owner": [
        "一、填什么：请在“{sheet}”表的浅黄色单元格，逐个项目填写截至{month}底的"
        "累计形象进度（%）、累计完成投资（万元）和本月进展情况。",
        "二、表格会检查：进度填 0 到 100 之间的数，不能小于上月进度；累计投资以万元为单位，"
        "不能小于上月累计投资；进展情况不超过{note_max}个字。只填数字，不要加“%”“万元”等字。",
        "三、某个项目暂时报不了的，请整行空着；空着表示该项目本月尚未报送进度。",
        "四、问题：“{open_sheet}”表列出本单位项目尚未解决的问题，已解决的请在“办结日期”填写"
        "解决的日期（如 2026-11-05），未解决的空着。需要其他单位协调解决的新问题，请填在"
        "“{new_sheet}”表：选择项目和责任单位，写明问题（不超过{problem_max}个字）和限期，"
        "不要写在进展情况里。",
    ],
}
"""What a form's instructions sheet says first, by form ({sheet}, {month}, {office} …)."""

FORM_INSTRUCTIONS_COMMON = [
    "{next}、不要改动：名称、目标、上月数据等灰色单元格已锁定，不要修改，也不要插入、删除或移动"
    "行、列和工作表；不要在浅黄色单元格里填公式。",
    "{last}、保存和报送：用 Excel 或 WPS 直接保存（.xlsx 格式），不要另存为 .xls、.et、.csv "
    "或其他格式，文件名可以不改；填好后将本文件发回{office}。",
]
"""The rest of every form's instructions: what not to change, how to save and send it."""

FORM_PAGE_FOOTER = "第 &P 页，共 &N 页"
"""The printed footer of a form's sheets (&P the page, &N the pages: Excel's codes)."""

FORM_CONTACT = "联系人：{name}，联系电话：{phone}"
"""The instructions' last line, when district.yaml names a contact."""

FORM_VALIDATION: dict[str, tuple[str, str]] = {
    "completed": (
        "本月累计填写有误",
        "请填写不小于上月累计的整数（截至本月底的累计数，不带单位）。",
    ),
    "percent": ("本月进度填写有误", "请填写 0 到 100 之间、不小于上月进度的数（不带 %）。"),
    "invested": ("累计投资填写有误", "请填写不小于上月累计投资的数，单位万元（不带“万元”）。"),
    "note": ("进展情况过长", "进展情况请不超过 {note_max} 个字。"),
    "resolved": ("办结日期填写有误", "请填写日期（如 2026-11-05），不早于提出日期，不晚于今天。"),
    "project_name": ("项目填写有误", "请从下拉列表中选择本单位的项目。"),
    "text": ("问题过长", "问题请不超过 {problem_max} 个字。"),
    "unit_name": ("责任单位填写有误", "请从下拉列表中选择负责解决问题的单位。"),
    "deadline": ("限期填写有误", "请填写日期（如 2026-12-15），不早于{month_end}。"),
}
"""Each cell to fill: the (title, message) shown when what was typed breaks its rule."""

FORM_PROMPTS: dict[str, tuple[str, str]] = {
    "completed": ("请填写", "截至本月底的累计数（整数），不小于上月累计。"),
    "percent": ("请填写", "截至本月底的累计进度，0～100。"),
    "invested": ("请填写", "截至本月底的累计完成投资，单位万元。"),
    "note": ("请填写", "本月进展情况，{note_max}字以内。"),
    "resolved": ("已解决的请填写", "问题解决的日期，如 2026-11-05；未解决的空着。"),
    "project_name": ("请选择", "问题影响的项目。"),
    "text": ("请填写", "需要其他单位协调解决的问题，{problem_max}字以内。"),
    "unit_name": ("请选择", "负责解决问题的单位。"),
    "deadline": ("请填写", "要求解决的日期，如 2026-12-15。"),
}
"""Each cell to fill: the (title, message) shown when the cell is selected."""

FORM_MESSAGES: dict[str, str] = {
    "written": "已生成{month}填报表：镇街{towns}份，项目单位{owners}份。",
    "no_owner_forms": "{month}没有在建项目需要填报进度，未生成项目进度表。",
    "no_figures": "数据仓库还没有任何 towns/progress/YYYY-MM.csv，不知道各镇街报哪些指标；"
    "请先建立{month}的文件（填好 town、metric、target，completed 空着），再生成填报表",
    "before_first": "{month}早于数据中最早的月份{first}，不能生成填报表；请用 --month 指定"
    "{first}或以后的月份",
}
"""What ``xjj forms`` says."""


def form_message(key: str, /, **params: Any) -> str:
    """A sentence of ``xjj forms``, filled with ``params``."""
    return FORM_MESSAGES[key].format(**params)


# --- xjj status: who has submitted the month, and the 催报 list ---------------------------------

REPORT_HEADINGS["status_towns"] = {
    "town": "代码",
    "name": "镇街",
    "kind": "类型",
    "submitted": "报送",
}
REPORT_HEADINGS["status_projects"] = {
    "id": "项目编号",
    "name": "项目名称",
    "owner": "代码",
    "owner_name": "责任单位",
    "reported": "本月进度",
}
REPORT_HEADINGS["status_chase"] = {
    "unit": "代码",
    "name": "单位",
    "kind": "类型",
    "missing": "未报送",
}

STATUS_WORDS: dict[str, str] = {
    "complete": "{month}镇街数据已报齐（{count}个镇街），可以出正式报告。",
    "pending": "{month}镇街数据尚未报齐：{count}个镇街未报送（{names}），还不能出正式报告；"
    "报齐前只能用 --draft 出征求意见稿。",
    "no_file": "{month}还没有镇街月度数据（towns/progress/{code}.csv），{count}个镇街均未报送，"
    "还不能出正式报告。",
    "projects": "应报进度的项目{total}个（到月底已开工、此前未完工），已报{reported}个，未报{missing}个。",
    "towns_title": "{month}镇街月度数据报送情况",
    "projects_title": "{month}项目进度报送情况",
    "chase_title": "{month}催报名单（按单位）",
    "submitted": "已报送",
    "town_missing": "镇街月度数据",
    "nobody": "{month}镇街数据和项目进度均已报齐，无需催报。",
    "contact": "催报回复联系人：{name}，联系电话：{phone}",
}
"""What ``xjj status`` says: the month's state, its tables' titles and cell words."""


def status_word(key: str, /, **params: Any) -> str:
    """A sentence, title or cell word of ``xjj status``, filled with ``params``."""
    return STATUS_WORDS[key].format(**params)


# --- the problems ledger as the office reads it (xjj problems, xjj status, the bulletin) ------

LEDGER_STATES: dict[str, str] = {
    "overdue": "已逾期",
    "open": "未到期",
    "solved_late": "本月逾期办结",
    "solved": "本月按期办结",
}
"""A listed problem's state at the month's end, by its JSON ``state``."""

REPORT_HEADINGS["problems"] = {
    "month": "月份",
    "unit": "代码",
    "unit_name": "责任单位",
    "id": "问题编号",
    "project": "项目",
    "domain": "领域",
    "text": "问题",
    "raised": "提出日期",
    "by": "提出单位",
    "deadline": "限期解决",
    "resolved": "办结日期",
    "state": "状态",
    "days_overdue": "逾期天数",
}
REPORT_HEADINGS["status_problems"] = {
    "id": "问题编号",
    "text": "问题",
    "unit_name": "责任单位",
    "deadline": "限期解决",
    "days_overdue": "逾期天数",
}

LEDGER_WORDS: dict[str, str] = {
    "title_all": "{month}问题清单",
    "title_open": "{month}未办结问题清单",
    "title_overdue": "{month}逾期未解决问题清单",
    "title_unit": "（{unit}）",
    "caption_all": "截至{day}：未办结{open}个，其中已逾期{overdue}个；本月办结{solved}个，其中逾期办结{late}个",
    "caption_open": "截至{day}：未办结{open}个，其中已逾期{overdue}个",
    "caption_overdue": "截至{day}：已逾期{overdue}个",
    "domain_only": "（{name}领域）",
    "caption_none": "截至{day}没有符合条件的问题",
    "sheet": "问题清单",
    "unit_unknown": "没有单位“{unit}”{suggestion}；--unit 写单位代码（见 units/units.csv 或 towns/towns.csv）",
    "unit_by_name": "“{name}”即单位代码 {code}，下次可直接写 --unit {code}",
    "open_and_overdue": "--open 和 --overdue 只能选一个：--open 列出全部未办结的问题（含已逾期的），"
    "--overdue 只列已逾期的",
    "status_title": "{month}逾期未解决的问题（截至{day}）",
    "status_caption": "已过限期仍未办结的问题{count}个，逾期天数算到月底",
}
"""Titles, captions and messages of the problems ledger's views."""


def ledger_word(key: str, /, **params: Any) -> str:
    """A title, caption or message of the problems ledger's views, filled with ``params``."""
    return LEDGER_WORDS[key].format(**params)


# --- one unit month by month (xjj history) ------------------------------------------------

REPORT_HEADINGS["history"] = {
    "month": "月份",
    "ranks": "排名/得分",
    "colors": "颜色",
    "action": "措施",
    "reasons": "依据",
    "warnings": "预警",
}
REPORT_HEADINGS["history_problems"] = {
    "id": "问题编号",
    "text": "问题",
    "deadline": "限期解决",
    "state": "状态",
}

HISTORY_WORDS: dict[str, str] = {
    "title": "{name}（{code}，{kind}）逐月情况：{first}至{last}",
    "caption": "共 {count} 个可出报告的月份；措施取当月各条依据中最重的一项",
    "town_rank": "{metric} 第{rank}名/{of}（完成率 {rate}）",
    "department_rank": "第{rank}名/{of}（按期推进率 {rate}）",
    "town_color": "{metric} {color}",
    "projects": "项目：{colors}",
    "project_count": "{color}{count}个",
    "not_started": "未开工{count}个",
    "not_ranked": "未参与排名",
    "none": "无",
    "problems_title": "未解决问题（截至{day}）",
    "no_problems": "截至{day}，该单位没有未解决的问题。",
    "overdue": "已逾期{days}天",
    "open": "未到期",
    "unit_unknown": "没有单位“{unit}”{suggestion}；xjj history 后写单位代码（见 units/units.csv 或 towns/towns.csv）",
    "unit_by_name": "“{name}”即单位代码 {code}，下次可直接写 xjj history {code}",
}
"""What ``xjj history`` says: titles, cell words and the refusal of an unknown unit."""


def history_word(key: str, /, **params: Any) -> str:
    """A title, cell word or message of ``xjj history``, filled with ``params``."""
    return HISTORY_WORDS[key].format(**params)
