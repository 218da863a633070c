"""The bulletin's words (SPEC §5): its sentences and their pieces besides the template's own
words, its files' name, its charts (the board shows the trend chart too), why a template
or the DOCX reference document cannot be used, the DOCX's properties.
"""

from __future__ import annotations

from typing import Any

from xjj_cli.messages.formats import fill
from xjj_cli.messages.reports import DRAFT_MARK

BULLETIN: dict[str, str] = {
    # 开头
    # 一、总体情况: one paragraph ending with the verdict
    "overview_projects": "全区共有新基建项目{total}个{colours}。",
    "colour_blue": "蓝色{count}个",
    "colour_yellow": "黄色{count}个",
    "colour_red": "红色{count}个",
    "colours_of_started": "，其中{colours}",
    "not_started": "，尚未开工{count}个",
    "overview_investment": "{span}完成投资{done}，占年度计划的{share}，{against}。",
    "year_span": "1至{month}月",
    "year_span_january": "1月",
    "above_time": "高于序时进度（{reference}）{points}",
    "below_time": "低于序时进度（{reference}）{points}",
    "at_time": "与序时进度（{reference}）持平",
    "above_plan": "高于计划进度（{reference}）{points}",
    "below_plan": "低于计划进度（{reference}）{points}",
    "at_plan": "与计划进度（{reference}）持平",
    "metric_rise": "{metric}完成率由上月的{before}提高到{now}，{against}",
    "metric_fall": "{metric}完成率由上月的{before}下降到{now}，{against}",
    "metric_same": "{metric}完成率{now}，与上月持平，{against}",
    "metric_alone": "{metric}完成率{now}，{against}",
    "metrics_listed": "{count}项指标完成率为{rates}，{against}",
    "metric_before": "{metric}{now}（上月{before}）",
    "metrics_above": "均高于序时进度（{reference}）",
    "metrics_below": "均低于序时进度（{reference}）",
    "verdict_notify": "通报{count}个",
    "verdict_interview": "约谈{count}个",
    "verdict_accountability": "提请问责{count}个",
    "verdict": "本月{parts}单位。",
    "verdict_none": "本月无通报、约谈和提请问责的单位。",
    # 二、存在的主要问题
    "problems_towns": "镇街指标滞后",
    "problems_projects": "项目进度滞后",
    "problems_tasks": "市重点督办任务逾期",
    "problems_ledger": "问题清单逾期未办结",
    "problems_cards": "市挂图作战平台亮牌",
    "problems_noncooperation": "不配合工作",
    "metric_rate": "{metric}{rate}",
    "town_rates": "{town}（{rates}）",
    "towns_both": "{towns}完成率排名后{n}名且低于全区平均",
    "towns_bottom": "{towns}完成率排名后{n}名",
    "towns_below": "{towns}完成率低于全区平均",
    "towns_either": "{towns}完成率排名后{n}名或低于全区平均",
    "towns_red": "{towns}完成率明显低于序时进度",
    "town_red_metrics": "，其中{metrics}被列为红色",
    "town_red_all": "，均被列为红色",
    "more_units": "等{count}个单位（详见附件{annex}）",
    "more_units_short": "等{count}个单位",
    "rest_units": "另有{count}个单位（详见附件{annex}）",
    "rest_items": "另有{count}项（详见附件{annex}）",
    "red_owner_project": "{owner}负责的{projects}，被列为红色{yellow}",
    "red_owner_projects": "{owner}负责的{projects}，均被列为红色{yellow}",
    "red_project": "“{name}”项目{why}",
    "and_yellow": "，另有黄色项目{count}个",
    "more_projects": "等{count}个项目",
    "yellow_owners_projects": "{owners}负责的项目被列为黄色",
    "projects_annex": "红黄项目清单见附件{annex}。",
    "task_open": "{units}承担的“{title}”已逾期{days}天未完成",
    "task_late": "{units}承担的“{title}”于{done}完成，逾期{days}天",
    "ledger_unit": "{unit}（{count}个，逾期{days}天）",
    "ledger_unit_many": "{unit}（{count}个，最长逾期{days}天）",
    "ledger_units": "{units}负责解决的问题逾期未解决。",
    "tasks_annex": "逾期督办任务和问题清单见附件{annex}。",
    "card_project": "，涉及“{name}”项目",
    "report": "{reporter}{date}反映“{text}”",
    "reports_unit": "{unit}（{reports}{streak}）",
    "report_streak": "，已连续{months}被镇街反映",
    "reports_end": "{units}不配合镇街工作，经核实属实。",
    # 三、通报及约谈问责情况
    "acted_many_notify": "对{units}予以通报。",
    "acted_many_remind": "对{units}予以提醒。",
    "acted_many_interview": "对{units}进行约谈。",
    "acted_many_accountability": "对{units}，提请{to}依规依纪问责。",
    "acted_none_notify": "本月无予以通报的单位。",
    "acted_none_interview": "本月无约谈的单位。",
    "acted_none_accountability": "本月无提请问责的单位。",
    # 四、下步工作要求
    "step_towns": "加快镇街指标进度。{towns}要对照年度目标倒排工期、挂图作战，"
    "确保{date}前完成年度任务。",
    "step_projects": "加快红黄项目整改。{red}{yellow}",
    "red_owners": "{owners}要逐项制定红色项目整改措施，{date}前取得明显进展",
    "yellow_owners": "{owners}要对照计划查找差距，力争{date}前转为蓝色。",
    "step_overdue": "限期完成逾期任务和问题。{tasks}{problems}",
    "tasks_step": "{units}要抓紧完成逾期的市重点督办任务，{date}前办结销号。",
    "problems_step_one": "{units}要在{date}前解决“{first}”问题。",
    "problems_step": "{units}要在{date}前解决“{first}”等{count}个逾期问题。",
    "step_cooperation": "切实履行部门职责。{units}要主动配合镇街和项目单位工作，{date}前向我办报告整改情况。",
    "step_rectify": "抓好整改落实。{units}要在收到通报、约谈通知或提请问责函后{days}个工作日内，"
    "向我办书面报送整改报告。{warned}",
    "rectify_all": "被通报、约谈和提请问责的单位",
    "rectify_named": "{units}等被通报、约谈和提请问责的单位",
    "warned": "{units}再有1个月将被约谈或提请问责，要引起高度重视。",
    "step_warned": "抓好预警整改。{warned}",
    "steps_calm": "各镇街、各部门和企业要对照年度目标，保持推进力度，确保年度任务按期完成。",
    # 附件
    "annex_indicators": "各领域和镇街指标完成情况",
    "annex_departments": "区直部门和企业履职排名",
    "annex_projects": "红黄项目清单",
    "annex_overdue": "逾期督办任务和问题清单",
    "annex_evidence": "通报约谈问责依据明细",
    "blocker": "{text}（{units}负责）",
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
    "none": "—",
    # 版记、附注
    "contact": "（联系人：{name}，联系电话：{phone}）",
    "copy_to": "抄送：{units}。",
    "printed": "{date}印发",
}
"""The bulletin's sentences and their pieces, besides the template's own words."""


def bulletin_word(key: str, /, **params: Any) -> str:
    """A sentence or piece of the bulletin from the catalogue, filled with ``params``."""
    return fill(BULLETIN[key], **params)


def bulletin_stem(month: str, *, draft: bool) -> str:
    """The bulletin files' name without suffix: 2026-10-新基建月度通报(-征求意见稿)."""
    return f"{month}-新基建月度通报" + (f"-{DRAFT_MARK}" if draft else "")


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
