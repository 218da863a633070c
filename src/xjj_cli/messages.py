"""The message catalogue: every sentence xjj says about data, in the office's Chinese.

Each problem code maps to one template; codes are stable (tests and CI rely on them),
wording may be improved freely here and nowhere else.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

MESSAGES: dict[str, str] = {
    # --- files and encodings
    "file.missing": "缺少必需的文件 {name}：{hint}",
    "file.unreadable": "无法读取文件：{reason}",
    "file.name": "文件名“{name}”不符合要求：{hint}",
    "file.unexpected": "不认识的文件，已忽略：{hint}",
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
    "csv.row_length": "这一行有 {found} 列，表头有 {expected} 列；请检查是否多了或少了逗号",
    "csv.required": "“{field}”列不能为空",
    "csv.integer": "“{field}”列应为非负整数，实际为“{raw}”；请只填阿拉伯数字，不要带小数点、逗号或单位",
    # --- fields and values
    "field.unknown": "未知字段“{field}”{suggestion}；可用字段：{allowed}",
    "field.missing": "缺少必填字段“{field}”",
    "value.quote": "“{field}”应为文本编码，但 YAML 把 {raw} 读成了{kind}；"
    "请加引号写成 '{raw}'，以免被改写",
    "value.type": "“{field}”应为{expected}，实际为{found}",
    "value.date": "“{field}”应为日期 YYYY-MM-DD（不加引号），实际为{found}",
    "value.month": "“{field}”应为月份 YYYY-MM（如 2026-10），实际为“{raw}”",
    "value.code": "编码“{raw}”格式不对：只能使用字母、数字、“-”“_”“.”，且不能有空格",
    "value.range": "“{field}”的值 {raw} 超出范围：{bound}",
    "value.choice": "“{field}”只能是 {choices} 之一，实际为“{raw}”",
    "value.empty": "“{field}”不能为空",
    "value.invalid": "“{field}”的值无效：{raw}",
    # --- references and identity
    "ref.unknown": "{what}“{code}”不存在{suggestion}",
    "ref.kind": "“{code}”是{actual}，这里需要{expected}",
    "id.duplicate": "{what}“{code}”重复：已在 {other} 定义",
    "id.file_mismatch": "{what}“{code}”与文件名“{stem}”不一致；文件应命名为 {expected}",
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
    # --- tasks and events
    "event.date_month": "日期 {date} 不在本文件的月份 {month} 内；请把它放到 events/{actual}.yaml",
}

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


def render_message(code: str, /, **params: Any) -> str:
    """The Chinese message of ``code`` filled with ``params``."""
    template = MESSAGES[code]
    return template.format(**params)


def suggestion(candidate: str | None) -> str:
    """A "did you mean" clause, or nothing."""
    return f"；是否想写“{candidate}”？" if candidate else ""


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
