"""The command line's own words: where the data is, what was typed wrong, an internal
error; and what ``xjj init`` says.
"""

from __future__ import annotations

from typing import Any

# --- the command line: where the data is, and what was typed wrong ---------------------------

CLI_MESSAGES: dict[str, str] = {
    "data.missing": "数据目录“{path}”不存在；请用 --data 指定数据目录（含 district.yaml 的文件夹，"
    "或它所在的仓库根目录），或先运行 xjj init 新建",
    "data.not_folder": "“{path}”不是文件夹；--data 应指向数据目录（含 district.yaml 的文件夹）"
    "或它所在的仓库根目录",
    "data.not_found": "找不到数据目录：{cwd} 下没有 data 文件夹，它和它的上级文件夹中也没有 "
    "district.yaml 或 data/district.yaml；请进入数据仓库再运行，或用 --data 指定数据目录，"
    "或先运行 xjj init 新建",
    "data.used": "使用数据目录：{path}",
    "error": "错误：{message}",
    "interrupted": "已中断。",
    "internal": "内部错误：{kind}: {detail}\n这是 xjj 的缺陷，不是您的数据问题；"
    "请把此信息和所用命令报告给维护人员（设置 XJJ_DEBUG=1 可显示详细信息）。",
    "usage.error": "用法错误：{message}\n运行 xjj --help 或 xjj 命令 --help 查看用法。",
    "date.format": "日期“{text}”格式不对；请写成 YYYY-MM-DD，如 2026-11-05",
    "date.missing_month": "日期“{text}”不存在：一年只有12个月；请写一个真实的日期",
    "number.format": "{option} 的值“{text}”不对；请写一个从 1 起的整数文号，如 13",
    "date.missing_day": "日期“{text}”不存在：{year}年{month}月没有{day}日；请写一个真实的日期",
    "xlsx.no_out": "--format xlsx 需要用 --out 指定要写入的工作簿文件，如 --out 2026-10-镇街排名.xlsx",
    "xlsx.out_only": "--out 只用于 --format xlsx（写入 Excel/WPS 工作簿）；table、csv、json、md "
    "输出到屏幕，需要保存时请在命令后加“> 文件名”",
    "xlsx.suffix": "--out 的文件名“{path}”应以 .xlsx 结尾（如 2026-10-镇街排名.xlsx），"
    "否则 Excel 和 WPS 不认得它",
    "pdf.no_office": "生成 PDF 需要 LibreOffice：请安装 libreoffice-writer（Debian/Ubuntu："
    "sudo apt-get install libreoffice-writer）或从 https://www.libreoffice.org 下载安装，"
    "再运行；也可以先生成 docx，在 Word 或 WPS 中另存为 PDF",
    "pdf.failed": "LibreOffice 未能把通报转换为 PDF（{detail}）；未写入 PDF 文件。"
    "可以生成 docx，在 Word、WPS 或 LibreOffice 中另存为 PDF",
    "pdf.timeout": "LibreOffice 转换 PDF 超过 {seconds} 秒仍未完成，已停止；未写入 PDF 文件",
    "at.format": '约谈时间“{text}”格式不对；请写成 "YYYY-MM-DD HH:MM"（加引号），'
    '如 --at "2026-11-12 15:00"',
    "at.pair": "只给了 {given}：--at（约谈时间）和 --place（约谈地点）要一起给出",
    "at.before": "{name}的约谈时间 {at} 早于通知的成文日期 {date}；请改正约谈时间"
    "（interviews/ 中的文件或 --at），或改正 --date",
    "document.prefix": "{option} 需要发文字号前缀，但 district.yaml 中没有 document.prefix"
    "（如 prefix: 任新基建办）；请在 district.yaml 的 document 下填写 prefix，"
    "或去掉 {option}，印发时手写文号",
    "document.interview_by": "约谈通知要写明由谁主持约谈，但 district.yaml 中没有 "
    "document.interview_by；请在 district.yaml 的 document 下填写，如 "
    "interview_by: 区新基建指挥部副指挥长、区政府分管负责同志",
    "document.contact": "约谈通知和问责函要写明联系人（请假、报送整改报告时联系谁），"
    "但 district.yaml 中没有 document.contact；请在 district.yaml 的 document 下填写，如 "
    "contact: {{name: 王明, phone: 0537-2345678}}",
    "document.accountability_to": "本月有提请问责的单位，{document}要写明提请谁问责，"
    "但 district.yaml 中没有 document.accountability_to；请在 district.yaml 的 document 下填写，"
    "如 accountability_to: 区纪委监委",
    "document.bulletin": "通报",
    "document.letter": "问责函",
    "xlsx.folder": "--out 应是一个文件名，而“{path}”是文件夹；请写成“{path}/2026-10-镇街排名.xlsx”这样",
}


def cli_message(key: str, /, **params: Any) -> str:
    """A message of the command line from the catalogue, filled with ``params``."""
    return CLI_MESSAGES[key].format(**params)


# --- xjj init: the new repository and where its CI installs xjj from -------------------------

INIT_MESSAGES = {
    "not_empty": "“{directory}”已存在且不是空目录；为避免覆盖已有文件，请换一个新目录",
    "no_parent": "无法在“{parent}”中新建目录：{reason}",
    "not_written": "无法新建数据仓库“{directory}”：{reason}",
    "unpinned": "“{source}”没有固定到确切的版本，不能作为检查流程安装 xjj 的来源"
    "（任何同名或更新的包都会在每次检查中运行）。可以写：xjj-cli==版本号；"
    "git+https://…/xjj.git@完整的40位提交号；https://…/xjj_cli-….whl#sha256=64位哈希值；"
    "或本机一个 xjj_cli-….whl 文件（将复制进新仓库）",
    "not_xjj": "“{source}”不是 xjj 的安装包名；xjj 的包名是 xjj-cli",
    "characters": "“{source}”中含有不允许的字符“{char}”；安装来源只能包含字母、数字和 URL 中的常用符号",
    "not_a_wheel": "“{source}”是一个文件，但不是 xjj 的 wheel 安装包（文件名应为 xjj_cli-版本号-….whl）",
    "unreadable_wheel": "无法读取安装包“{source}”：{reason}",
    "created": "已新建数据仓库：{directory}（{count} 个文件）",
    "installs": "检查和发布流程将安装：{requirement}",
    "next": "下一步：cd {directory} && xjj validate",
    "git.initialised": "已运行 git init：“{directory}”是一个新的 git 仓库（尚无提交）；"
    "检查无误后提交：git add . && git commit -m 初始化数据仓库",
    "git.inside": "“{directory}”位于已有的 git 仓库“{top}”之中，未再运行 git init；"
    "其中的文件随该仓库提交",
    "git.no_git": "未找到 git，没有运行 git init。数据放在 git 仓库中才能审阅每次改动、"
    "随时恢复；装好 git（https://git-scm.com）后运行：cd {directory} && git init",
    "git.failed": "git init 未能完成（{reason}），数据仓库的文件已全部写好；"
    "请稍后运行：cd {directory} && git init",
}


def init_message(key: str, /, **params: Any) -> str:
    """A sentence of ``xjj init`` from the catalogue, filled with ``params``."""
    return INIT_MESSAGES[key].format(**params)
