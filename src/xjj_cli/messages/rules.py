"""The rules in words (SPEC §3.3, §3.6): one entry per rule (``RULE_TEXTS``), the tables each
reader looks up, filled from the entries (``FINDINGS``, ``EVIDENCE``, ``SUMMARY``,
``PHRASES``, ``WARNINGS``, ``WARNING_KINDS``, ``RULE_WORDS``), and the words of colours,
actions and cards.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from xjj_cli.messages.formats import fill


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
    brief: dict[str, str] = field(default_factory=dict)
    """Its clause in the bulletin's 三, where 二 has said the facts (``BRIEF``): the reason in
    plain words, each fact once (SPEC §5)."""


RULE_TEXTS: dict[str, RuleTexts] = {
    "city_card": RuleTexts(
        rule="市挂图作战平台亮牌",
        findings={"city_card": "{date}被市挂图作战平台亮{color}，事由为{subject}"},
        evidence={"city_card": "市挂图作战平台亮牌（{span}）：{date}被亮{color}，事由为{subject}"},
        summary={"city_card": "{date}被市挂图作战平台亮{color}，事由为{subject}"},
        brief={"city_card": "被市挂图作战平台亮{color}"},
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
            "city_task_open": "承担的市重点督办任务“{title}”已逾期{days}天，仍未完成",
            "city_task_late": "承担的市重点督办任务“{title}”逾期{days}天，于{done}完成",
        },
        brief={
            "city_task_open": "承担的市重点督办任务逾期未完成",
            "city_task_late": "承担的市重点督办任务逾期完成",
        },
        warnings={"task_due": "市重点督办任务“{title}”完成时限为{deadline}，请抓紧"},
        warning_kinds={"task_due": "任务到期预警"},
    ),
    "problem_overdue": RuleTexts(
        rule="问题未按期解决",
        findings={
            "problem_open": "“{text}”问题（{problem}）解决时限为{deadline}，已逾期{days}天仍未解决",
            "problem_late": "“{text}”问题（{problem}）解决时限为{deadline}，于{resolved}解决，逾期{days}天",
        },
        evidence={
            "problem_open": "问题未按期解决（{span}）：“{text}”问题解决时限为{deadline}，已逾期{days}天仍未解决",
            "problem_late": "问题未按期解决（{span}）：“{text}”问题解决时限为{deadline}，于{resolved}解决，"
            "逾期{days}天",
        },
        summary={
            "problem_open": "负责解决的“{text}”问题已逾期{days}天，仍未解决",
            "problem_late": "负责解决的“{text}”问题逾期{days}天，于{resolved}解决",
        },
        brief={"problem_open": "负责解决的问题逾期未解决"},
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
        brief={"noncooperation": "不配合镇街工作，经核实属实"},
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
        brief={"project_red": "负责的“{name}”项目{colour}"},
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
        summary={
            "town_red": "{metric}完成率{rate}，低于序时进度（{progress}）{gap}",
            "town_red_end": "{all}被列为红色",
        },
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
    "why_lag": "进度滞后（计划{planned}、实际{actual}）",
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
BRIEF: dict[str, str] = {}
"""The pieces of ``wording.findings.brief``: a unit's reasons in the bulletin's 三, the facts
being 二's; from ``RULE_TEXTS``."""
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
        (BRIEF, texts.brief),
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
    return fill(FINDINGS[rule], **params)


def rule_word(rule: str, /, **params: Any) -> str:
    """A rule's name (附件3's 规则 column) filled with ``params``."""
    return fill(RULE_WORDS[rule], **params)


def phrase(key: str, /, **params: Any) -> str:
    """A piece of a sentence from the catalogue, filled with ``params``."""
    return fill(PHRASES[key], **params)


def summary_word(key: str, /, **params: Any) -> str:
    """A piece of a unit's summary from the catalogue, filled with ``params``."""
    return fill(SUMMARY[key], **params)


def brief_word(key: str, /, **params: Any) -> str:
    """A piece of a unit's reasons in the bulletin's 三 from the catalogue."""
    return fill(BRIEF[key], **params)


def evidence_word(key: str, /, **params: Any) -> str:
    """A piece of an 附件3 line from the catalogue, filled with ``params``."""
    return fill(EVIDENCE[key], **params)


def warning_word(key: str, /, **params: Any) -> str:
    """An early warning's sentence from the catalogue, filled with ``params``."""
    return fill(WARNINGS[key], **params)
