"""What xjj says about the data: the problem codes of ``xjj validate`` (``MESSAGES``) and the
pieces they are made of (what a code names, what a field should be, hints, "did you
mean"), libyaml's complaints in words, and the words of the validation report.

Each problem code maps to one template; codes are stable (tests and CI rely on them),
wording may be improved freely here and nowhere else.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any, Literal

from xjj_cli.controls import visible
from xjj_cli.messages.formats import cn_month

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
    "value.datetime": "“{field}”应为日期和时间 YYYY-MM-DD HH:MM（如 2026-11-12 15:00），"
    "实际为{found}",
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
    # --- the time and place of the 约谈 (interviews/YYYY-MM.yaml)
    "interview.pair": "写了约谈{given}却没有写{missing}；at（时间）和 place（地点）要一起写，"
    "或都不写（通知中写“具体时间、地点另行通知”）",
    "interview.too_early": "约谈时间 {at} 不在{month}结束之后：约谈的是{month}的情况，"
    "应安排在 {first} 及以后；请核对年份和月份，或把文件改名为所约谈的月份",
    "interview.hours": "约谈时间 {at} 不在工作时间内（8:00 至 18:00）；请核对时间是否写错",
    "interview.holiday": "约谈时间 {at} 是休息日（周末或法定节假日），不是工作日{estimated}；"
    "请核对日期",
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
    "project.month_ahead": "进度月份 {month} 晚于正在收集数据的月份（{collecting}）；"
    "请核对月份是否写错（如把 {collecting} 写成了 {month}）",
    # --- acknowledged warnings (acknowledged.yaml)
    "acknowledged.stale": "已确认的警告“{warning}”在本次检查中没有出现{suggestion}；"
    "可能数据已经改正、数字有变或编号抄错了。请删除这一条，或改为本次检查显示的编号",
}


# A town that has not submitted its month (SPEC §3.5): a warning, and why the month cannot be
# reported yet.
MESSAGES["progress.not_submitted"] = (
    "镇街“{town}”尚未报送{month}的数据（{count}项指标的 completed 为空，视为未报送）；"
    "全部镇街报齐之前，该月只能用 --draft 出征求意见稿"
)


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


# --- pieces of the data checks' messages: what a code names, what a field should be --------

Subject = Literal[
    "domain",
    "project_id",
    "events_month",
    "interviews_month",
    "interviewed_unit",
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
    "interviews_month": "约谈安排月份",
    "interviewed_unit": "约谈单位",
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
    "name.interviews": "约谈安排应按所约谈的月份命名为 YYYY-MM.yaml，如 2026-10.yaml",
    "name.problems": "问题清单应按问题提出的年份命名为 年份.yaml，如 2026.yaml",
    "name.control": "文件名或文件夹名中有控制字符（{chars}，如换行、制表符或文字方向控制符），"
    "这类字符看不见，会让文件名显示得与实际不同；请重命名，只用看得见的文字",
    "place.project": "项目文件应放在 projects/<领域>/<项目编号>.yaml",
    "place.any": "数据文件应放在 district.yaml、domains/、towns/、units/、projects/、tasks/、events/、problems/、interviews/ 中",
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
    # interview.pair's fields, interview.holiday's estimate
    "interview.at": "时间（at）",
    "interview.place": "地点（place）",
    "interview.estimated": "（{year}年的放假安排尚未收录，按周一至周五判断）",
}
"""Pieces the data checks' messages are made of: hints, expected shapes, places."""


def check_word(key: str, /, **params: Any) -> str:
    """A piece of a data check's message from the catalogue, filled with ``params``."""
    return CHECK_WORDS[key].format(**params)


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
