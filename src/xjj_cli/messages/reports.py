"""The reports' words: which months can be reported, drafts and 催报 (SPEC §3.5); the report
tables' headings, titles and captions (xjj rank, colors, accountability, warnings, the
notices' register); ``xjj status``, the problems ledger's views and ``xjj history``.
"""

from __future__ import annotations

from typing import Any

from xjj_cli.messages.formats import cn_month, fill

# --- reportable months, drafts and 催报 (SPEC §3.5) ------------------------------------------

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
    return fill(REPORTING[key], **params)


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


# --- the report tables (xjj rank, colors, accountability, warnings) ---------------------------

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
    return fill(REPORT_WORDS[key], **params)


RANK_CHANGE_FORMAT = f'"↑"0;"↓"0;"{REPORT_WORDS["level"]}"'
"""A workbook's number format for 较上月: the change stays a number, shown ↑2, ↓1 or 持平."""


# --- the notices' register (xjj notices) ---------------------------------------------------

REPORT_HEADINGS["register"] = {
    "number": "文号",
    "date": "日期",
    "unit": "代码",
    "name": "单位",
    "kind": "类别",
    "reasons": "事由",
    "due": "整改报告截止日期",
    "at": "约谈时间",
    "place": "约谈地点",
    "note": "备注",
}
REPORT_WORDS["register_title"] = "{month}约谈问责登记表"
REGISTER_TIME_FORMAT = 'yyyy"年"m"月"d"日" hh:mm'
"""How the register workbook shows a 约谈's time: 2026年11月12日 15:00 (the cell holds it)."""


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
    return fill(STATUS_WORDS[key], **params)


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
    return fill(LEDGER_WORDS[key], **params)


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
    return fill(HISTORY_WORDS[key], **params)
