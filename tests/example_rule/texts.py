"""``town_stalled``'s words: a rule of SPEC §3.3 adds this entry to
``messages.rules.RULE_TEXTS`` (``RULE_TEXTS["town_stalled"] = RuleTexts(…)``) instead."""

from __future__ import annotations

from xjj_cli.messages.rules import RuleTexts

TEXTS = RuleTexts(
    rule="指标本月零增长",
    findings={"town_stalled": "{metric}：{month}累计完成{completed}，与上月持平，年度目标{target}"},
    evidence={
        "town_stalled": "指标本月零增长（{metric}，{span}）：累计完成{completed}，年度目标{target}"
    },
    summary={"town_stalled": "{metric}本月零增长"},
)
