"""The board's words (SPEC §7, 挂图作战图) that are not in its template, and its file name."""

from __future__ import annotations

from typing import Any

from xjj_cli.messages.formats import fill
from xjj_cli.messages.reports import DRAFT_MARK

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
    "cards_nojs": "项目卡片随浏览器脚本显示；未启用脚本时，红黄项目见“本月总览”，各单位见“各单位逐月情况”。",
}
"""The board's words that are not in its template: the map's hover texts, the unit pages."""


def board_word(key: str, /, **params: Any) -> str:
    """A piece of the board from the catalogue, filled with ``params``."""
    return fill(BOARD[key], **params)


def board_name(month: str, *, draft: bool) -> str:
    """The board's file name: 2026-10-挂图作战图(-征求意见稿).html."""
    return f"{month}-挂图作战图" + (f"-{DRAFT_MARK}" if draft else "") + ".html"
