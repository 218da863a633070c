"""Forms (SPEC §8): the fill-in workbooks that ``xjj forms`` writes, what ``xjj import`` says
reading them back (a cell's value quoted short and escaped), where a form comes from
(the origin check, the signature) and the key that signs them.
"""

from __future__ import annotations

from typing import Any

from xjj_cli.controls import visible

# --- forms (SPEC §8): the fill-in workbooks that `xjj forms` writes and `xjj import` reads ------

FORM_SHEETS = {
    "instructions": "填表说明",
    "town": "月度数据",
    "owner": "项目进度",
    "open_problems": "待解决问题",
    "new_problems": "新增问题",
    "unit": "重点任务",
    "office": "市平台亮牌",
    "noncooperation": "不配合工作",
}
"""The sheets of a fill-in workbook (the hidden ``_xjj`` sheet is for machines, not here)."""

FORM_FILE_KINDS = {
    "town": "月度数据",
    "owner": "项目进度",
    "unit": "任务和问题",
    "office": "登记表",
}
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
    "unit": {
        "task": "任务编号",
        "title": "市重点督办任务",
        "domain_name": "领域",
        "deadline": "完成时限",
        "done": "完成日期（请填写）",
        "note": "完成情况（请填写）",
    },
    "office": {
        "number": "序号",
        "date": "日期",
        "color": "亮牌（黄牌/红牌）",
        "unit_name": "被亮牌单位",
        "subject": "事由",
        "project": "项目编号（可不填）",
    },
    "noncooperation": {
        "number": "序号",
        "date": "日期",
        "reporter_name": "反映的镇街",
        "dept_name": "不配合的单位",
        "text": "不配合情况",
        "verified": "已核实（是/否）",
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
    "unit": "{month}{name}重点任务和问题办结填报表",
    "office": "{month}{name}市平台亮牌和不配合工作登记表",
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
    "unit": [
        "一、填什么：“{sheet}”表（如有）列出本单位负责、截至{month}底尚未完成的市重点督办任务，"
        "已完成的请在“完成日期”填写完成的日期（如 2026-11-05），并在“完成情况”简要说明"
        "（不超过{note_max}个字）；未完成的空着。",
        "二、“{open_sheet}”表（如有）列出由本单位负责解决、尚未办结的问题，已解决的请在"
        "“办结日期”填写解决的日期（如 2026-11-05），未解决的空着。",
        "三、日期不能晚于填表当天；只填日期，不要加其他文字。",
    ],
    "office": [
        "一、“{sheet}”表：逐条登记{month}收到的市挂图作战平台黄牌、红牌——日期、黄牌或红牌、"
        "被亮牌的单位（从下拉列表选择）、事由，涉及具体项目的填项目编号。",
        "二、“{noncoop_sheet}”表：逐条登记{month}镇街反映的部门不配合工作情况——日期、反映的镇街、"
        "不配合的单位（均从下拉列表选择）、情况（不超过{problem_max}个字），以及是否已核实"
        "（是/否；只有已核实的计入考核）。",
        "三、表中已有的是数据仓库中已登记的内容，可以改正；整行清空表示删除该条（导入时须加 --force）。"
        "日期必须在{month}内；空行不用管。",
    ],
}
"""What a form's instructions sheet says first, by form ({sheet}, {month}, {office} …)."""

FORM_INSTRUCTIONS_OWNER_TASKS = (
    "五、重点任务：“{task_sheet}”表列出本单位负责、截至{month}底尚未完成的市重点督办任务，"
    "已完成的请在“完成日期”填写完成的日期（如 2026-11-05），并在“完成情况”简要说明"
    "（不超过{note_max}个字）；未完成的空着。"
)
"""The owner form's instructions on its task sheet, when it has one (issue 26)."""

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
    "done": ("完成日期填写有误", "请填写日期（如 2026-11-05），不晚于今天。"),
    "date": ("日期填写有误", "请填写本月内的日期（{month_start} 至 {month_end}）。"),
    "color": ("亮牌填写有误", "请从下拉列表中选择黄牌或红牌。"),
    "subject": ("事由过长", "事由请不超过 {problem_max} 个字。"),
    "project": ("项目编号过长", "请填写项目编号，如 GRID-2026-003；不涉及具体项目的空着。"),
    "reporter_name": ("镇街填写有误", "请从下拉列表中选择反映情况的镇街。"),
    "dept_name": ("单位填写有误", "请从下拉列表中选择不配合的单位。"),
    "verified": ("核实情况填写有误", "请从下拉列表中选择是或否。"),
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
    "done": ("已完成的请填写", "任务完成的日期，如 2026-11-05；未完成的空着。"),
    "date": ("请填写", "本月内的日期，如 {month_start}。"),
    "color": ("请选择", "黄牌或红牌。"),
    "subject": ("请填写", "亮牌的事由，{problem_max}字以内。"),
    "project": ("可不填", "涉及的项目编号；不涉及具体项目的空着。"),
    "reporter_name": ("请选择", "反映情况的镇街。"),
    "dept_name": ("请选择", "不配合工作的单位。"),
    "verified": ("请选择", "是否已核实：是或否（只有已核实的计入考核）。"),
}
"""Each cell to fill: the (title, message) shown when the cell is selected."""

FORM_MESSAGES: dict[str, str] = {
    "written": "已生成{month}填报表：镇街{towns}份，项目单位{owners}份。",
    "no_owner_forms": "{month}没有在建项目需要填报进度，未生成项目进度表。",
    "unit_forms": "另有{count}个单位没有在建项目，但负责未完成的市重点督办任务或未办结的问题，"
    "已生成任务和问题填报表。",
    "no_figures": "数据仓库还没有任何 towns/progress/YYYY-MM.csv，不知道各镇街报哪些指标；"
    "请先建立{month}的文件（填好 town、metric、target，completed 空着），再生成填报表",
    "office_form": "已生成办公室登记表（市平台亮牌和不配合工作）：{name}。",
    "before_first": "{month}早于数据中最早的月份{first}，不能生成填报表；请用 --month 指定"
    "{first}或以后的月份",
}
"""What ``xjj forms`` says."""


def form_message(key: str, /, **params: Any) -> str:
    """A sentence of ``xjj forms``, filled with ``params``."""
    return FORM_MESSAGES[key].format(**params)


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
    "month_reportable": "{place}：这是{month}的填报表，{short}的数据已报齐并可出正式报告；"
    "如确需更正{short}数据，请加 --amend {code}",
    "month_ahead": "{place}：这是{month}的填报表，现在收集的是{collecting}；"
    "请使用{collecting}的填报表（{collecting}的数据报齐后再导入以后月份的表格）",
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
    "inserted_row": "{place}：第 {row} 行是插入的行（这张表原有 {rows} 行数据，到第 {last} 行）；"
    "请删除第 {row} 行（右键→删除→整行），不要插入或追加行",
    "column_changed": "{place}：这一列的标题应是“{expected}”，表中是“{value}”（删除、插入或移动了列）；"
    "请用 xjj forms 生成的原表重新填写，只填黄色单元格",
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
    "unknown_task": "{place}：任务“{task}”在 tasks/ 中不存在；请使用 xjj forms 重新生成表格",
    "task_future": "{place}：完成日期 {value} 晚于今天（{today}）；请填写任务已经完成的日期",
    "task_note_alone": "{place}：填了完成情况，但没有填完成日期；任务已完成的请填写完成日期，"
    "未完成的请把完成情况也空着",
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
    # the office's 登记表 (events/M.yaml)
    "event_incomplete": "{place}：请同时填写{needed}（{missing}为空）；不登记的行请整行清空",
    "event_month": "{place}：日期 {value} 不在{month}内；这张表只登记{month}的内容",
    "event_color": "{place}：“{value}”不是黄牌或红牌；请从下拉列表中选择",
    "event_verified": "{place}：“{value}”不是“是”或“否”；请从下拉列表中选择",
    "event_project": "{place}：项目编号“{value}”在 projects/ 中不存在{suggestion}；"
    "请填写正确的项目编号，不涉及具体项目的空着",
    "unknown_town_name": "{place}：镇街“{value}”在 towns/towns.csv 中不存在{suggestion}；"
    "请从下拉列表中选择",
    "unknown_dept_name": "{place}：单位“{value}”在 units/units.csv 中不存在{suggestion}；"
    "请从下拉列表中选择",
    "event_conflict": "{place}：{target}中已登记 {old}，表中是 {new}；"
    "核实表中的内容正确后，加 --force 覆盖",
    "event_layout": "{place}：cards 或 noncooperation 不是“cards:”“noncooperation:”下的逐行列表，"
    "无法只改动这两个列表；请改成逐行列表后再导入",
    "event_add": "{file}：新增{what}：{entry}",
    "event_remove": "{file}：删除{what}：{entry}",
    "event_order": "{file}：{what}按表中顺序重排",
    "event.card": "{date} {color} {unit}：{subject}{project}",
    "event.card_project": "（项目 {project}）",
    "event.report": "{date} {reporter}反映{unit}：{text}（{verified}）",
    "event.cards": "亮牌",
    "event.reports": "不配合工作",
    "unit_office": "办公室登记表：亮牌{cards}条、不配合{reports}条（已核实{verified}条）",
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
    "bulletin_stale": "{files}：{month}的正式通报已生成，更正后与数据不再一致；"
    "请重新生成（xjj bulletin --month {code}），并告知已收到通报的单位",
    "plausibility": "{place}：{message}  [{id}]",
    # what each unit's form filled in (stdout)
    "unit_town_all": "{unit}：{filled}项已填，本月已报送",
    "unit_town_missing": "{unit}：{filled}项已填，{blank}项未填（{names}），本月仍为未报送",
    "unit_town_kept": "{unit}：{filled}项已填，{blank}项未填（{names}，保留数据仓库中已有的数字）",
    "unit_owner_all": "{unit}：{filled}个项目已填{problems}",
    "unit_owner_missing": "{unit}：{filled}个项目已填，{blank}个项目未填（{names}），"
    "未填的项目本月仍为未报送进度{problems}",
    "unit_owner_kept": "{unit}：{filled}个项目已填，{blank}个项目未填（{names}，"
    "保留数据仓库中已有的进度）{problems}",
    "unit_problems": "；{resolved}个问题办结，{raised}个新问题",
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
    "task_done": "{file}：{task}（{title}）完成日期：{old} → {new}",
    "task_note": "{file}：{task}（{title}）完成情况：{old} → {new}",
    "problem_add": "{file}：新增问题 {problem}：{text}（项目 {project}，责任单位 {unit}，"
    "限期 {deadline}，提出日期 {raised}）",
    "problem_replace": "{file}：{problem}（{text}）责任单位、限期：{old} → {new}",
    "problem_terms": "{unit}，{deadline}",
    "empty": "（空）",
    "nothing": "没有需要写入的变化（表格未填写，或表中的数字与数据仓库中的相同）。",
    "written": "已写入 {count} 个文件；请运行 xjj validate 检查后提交。",
    "dry_run": "试运行（--dry-run）：以上 {count} 处变化没有写入。",
    "summary": "读取了 {files} 个表格：{changes} 处变化，{warnings} 个提示。",
    # all files or none, one import at a time (forms/transaction.py)
    "write_failed": "写入 {file} 失败（{reason}）：已全部恢复原样，没有修改任何文件。",
    "undo_failed": "写入 {file} 失败（{reason}），恢复原文件时又出错（{undo_reason}）；"
    "请先排除原因（权限、磁盘空间），再运行 xjj import：它会按 {journal} 恢复原来的文件",
    "recovered_done": "上次导入在写入途中中断（{journal}）：新文件都已完整，已完成写入（{count} 个文件）。",
    "recovered_undone": "上次导入在写入途中中断（{journal}）：已撤销，数据文件恢复为那次导入之前的样子。",
    "interrupted_dry_run": "上次导入在写入途中中断（{journal}）：试运行不做任何改动，以下按数据文件"
    "现在的样子预览；下次正式导入（不加 --dry-run）会先把那次导入完成或撤销。",
    "journal_bad": "{journal} 无法处理（{reason}）：上次导入可能没有完成；请用 git status 检查数据文件，"
    "恢复后删除该文件再导入",
    "journal_unread": "内容不完整或不是 xjj 写的",
    "lock_wait": "另一个 xjj import 正在写入 {folder}，等待它完成……",
    "lock_timeout": "等待了 {seconds} 秒，另一个 xjj import 仍在写入 {folder}；没有修改任何文件，请稍后再导入",
    "lock_failed": "无法创建导入锁文件 {lock}（{reason}）：没有修改任何文件。",
    "lock_unsupported": "此系统不支持文件锁，无法保证同一时间只有一个导入：没有修改任何文件。",
}


ORIGIN_MESSAGES: dict[str, str] = {
    # a prefilled cell that is not what the repository says now (issue 22)
    "prefilled": "{place}：表中预填的{what}是“{value}”，数据仓库中现为“{now}”（{unit}，{month}）；"
    "表格生成后数据已变更，或这张表不是用本数据仓库生成的；请用 xjj forms 重新生成填报表后重新填写",
    "changed": "{place}：预填的{what}被改成了“{value}”，数据仓库中是“{now}”（{unit}，{month}）；"
    "灰色的锁定单元格不能改动，请改回“{now}”，或用 xjj forms 生成的原表重新填写，只填黄色单元格",
    "prefilled_edited": "{place}：表中预填的{what}是“{value}”，数据仓库中现为“{now}”（{unit}，{month}）；"
    "表格生成后办公室修改了问题 {problem}，按问题编号读入，问题清单中的内容不变",
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


OFFICE_WORDS: dict[str, str] = {
    "name": "办公室",
    "yellow": "黄牌",
    "red": "红牌",
    "yes": "是",
    "no": "否",
    "verified": "已核实",
    "unverified": "未核实",
}
"""The office's 登记表 (issue 26): its name in the file name, the choices of its lists."""
OFFICE_READS: dict[str, tuple[str, ...]] = {
    "yellow": ("黄牌", "黄", "yellow"),
    "red": ("红牌", "红", "red"),
    "yes": ("是", "已核实", "√", "true", "yes", "y"),
    "no": ("否", "未核实", "×", "false", "no", "n"),
}
"""What the office may type for a colour or 核实 (case and spaces aside)."""


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
