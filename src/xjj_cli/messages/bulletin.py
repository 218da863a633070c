"""The bulletin's words (SPEC §5): its sentences and their pieces besides the template's own
words, its files' name, its charts (the board shows the trend chart too), why a template
or the DOCX reference document cannot be used, the DOCX's properties.
"""

from __future__ import annotations

from typing import Any

from xjj_cli.messages.formats import fill
from xjj_cli.messages.reports import DRAFT_MARK

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
