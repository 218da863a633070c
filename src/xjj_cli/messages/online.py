"""``xjj push`` (SPEC §9): the messages sent to the work chats' group robots, and what the
command says about sending them."""

from __future__ import annotations

from typing import Any

from xjj_cli.messages.formats import fill

SERVICE_NAMES = {"wecom": "企业微信", "dingtalk": "钉钉"}
"""The group robots' services by their ``--to`` names."""

MESSAGES: dict[str, str] = {
    # --- what is sent (Markdown; a line never carries more than one item)
    "heading": "**{title}**",
    "part": "**{title}（{index}/{total}）**",
    "part_plain": "{title}（{index}/{total}）",
    "deadline": "{month}月{day}日",
    "draft_title": "【征求意见稿】{title}",
    "draft_line": "> 征求意见稿：{month}镇街数据尚未报齐，以下内容仅供征求意见，以正式印发稿为准。",
    "status_title": "{month}数据报送催办",
    "status_intro": "以下{count}个单位尚未报送{month}数据，请于{deadline}前报送：",
    "status_unit": "- **{name}**：{missing}",
    "status_town": "镇街月度数据",
    "status_projects": "项目进度（{projects}）",
    "status_project": "{id} {name}",
    "contact": "联系人：{name}，联系电话：{phone}",
    "warnings_title": "{month}预警提示",
    "warnings_intro": "以下{units}个单位有{count}条预警，下月再不改进或到期未完成将被约谈问责，请抓紧推进：",
    "warnings_unit": "**{name}**",
    "warnings_line": "- {text}（{by}前）",
    "summary_title": "{month}新基建工作推进情况",
    "summary_red": "红色项目{count}个：",
    "summary_red_none": "本月没有红色项目。",
    "summary_red_line": "- {id} {name}（{owner}）",
    "summary_interview": "约谈{count}个单位：{names}",
    "summary_accountability": "提请问责{count}个单位：{names}",
    "mention": "@{mobile}",
    "wecom_mentions": "请以上单位的联系人及时查看。",
    # --- what the command says (stderr)
    "status_nobody": "{month}数据已全部报送，无需催报，未推送。",
    "warnings_nobody": "{month}没有预警事项，未推送。",
    "not_in_days": "今天（{date}）不是本月第{first}至{last}个工作日{which}，未推送。",
    "which_day": "（是第{index}个）",
    "not_working_day": "（不是工作日）",
    "estimated": "注意：chinese-calendar 还没有{year}年的放假安排，工作日按周一至周五推算。",
    "dry_run": "试运行（未加 --send，未发送）：以下{count}条是将发送到{service}的内容，每行一条 JSON；地址：{url}",
    "no_url": "（未设置环境变量 {name}）",
    "sent": "已推送到{service}：第{index}/{total}条。",
    "retry": "{service}第{attempt}次推送未成功（{reason}），{delay}秒后重试。",
    # --- failures
    "env_missing": "未设置环境变量 {name}：--to {service} 发送时需要它（群机器人的地址和加签密钥只从环境变量读取，"
    "不从命令行或数据仓库读取）。",
    "no_service": "没有可推送的群机器人：请设置环境变量 XJJ_WECOM_WEBHOOK 或 XJJ_DINGTALK_WEBHOOK，"
    "或用 --to 指定。",
    "bad_url": "环境变量 {name} 不是 http(s) 地址：{url}",
    "working_days": "--working-days 应为“起-止”工作日序号，如 1-5（或单个序号，如 1），实际为“{raw}”",
    "failed_errcode": "{service}推送失败：errcode {errcode}，{errmsg}",
    "failed_http": "{service}推送失败：HTTP {status}",
    "failed_answer": "{service}推送失败：返回的不是 JSON（HTTP {status}）",
    "failed_tries": "{service}推送失败：已尝试{tries}次仍未成功（{reason}），请稍后再试。",
    "reason_timeout": "{seconds}秒内无响应",
    "reason_network": "网络错误：{detail}",
    "reason_http": "HTTP {status}",
    "reason_limited": "发送过于频繁（errcode {errcode}）",
}


def push_word(key: str, /, **params: Any) -> str:
    """A piece of ``xjj push``'s messages or of what it says, filled with ``params``."""
    return fill(MESSAGES[key], **params)


def service_name(service: str) -> str:
    """企业微信 or 钉钉."""
    return SERVICE_NAMES[service]
