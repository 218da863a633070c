"""xjj's commands, one module each, and the table the command line reads.

``commands/<name>.py`` holds a command's function — its options, and its docstring, which is
its ``--help`` with an example — and the command's core: the function that runs the pipeline
and returns what the command prints (``core.Outcome``). What several commands share is in
``common`` (the command line's side: options, settings, printing, the memo) and ``core`` (the
cores' side: outcomes, tables, the month's reports).

As pip's ``commands/__init__.py``: ``COMMANDS`` maps each command's name to its module and its
one-line summary, so ``xjj --help`` lists every command without importing one, and a command's
module is imported only when that command runs (or shows its help). A command module's top
level imports the command line only; its core imports the stages it runs when it runs, so
``xjj <command> --help`` and a result given back from the memo never import the engine.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Command:
    """A command of the table: its module (``xjj_cli.commands.<module>``, whose function of
    the same name is the command), its summary in ``xjj --help`` (the first paragraph of the
    function's docstring: a test holds them equal), and whether it reads the data folder
    (then it also takes ``--data``, ``-q`` and ``--no-cache`` after its name)."""

    module: str
    summary: str
    reads_data: bool = True

    def load(self) -> Callable[..., Any]:
        """The command's function, its module imported now."""
        module = importlib.import_module(f"{__name__}.{self.module}")
        function: Callable[..., Any] = getattr(module, self.module)
        return function


COMMANDS: dict[str, Command] = {
    "validate": Command(
        "validate",
        summary="检查整个数据仓库：每个错误都给出文件、行、列和修改办法；有错误时退出码为 1。",
    ),
    "rank": Command(
        "rank",
        summary="镇街排名（完成率、全区完成率、序时进度、颜色、后三名、低于全区、较上月变化），或区直部门和企业按期推进率排名。",
    ),
    "colors": Command(
        "colors",
        summary="项目三色管理：每个项目的颜色（蓝、黄、红）及计划进度、实际进度、滞后和逾期节点。",
    ),
    "accountability": Command(
        "accountability",
        summary="约谈问责名单：每个需提醒、通报、约谈或问责的单位，措施从重到轻，逐条列出依据。",
    ),
    "bulletin": Command(
        "bulletin",
        summary="生成月度通报（Markdown、HTML、DOCX，装有 LibreOffice 时还有 PDF），原子写入，并列出生成的文件。",
    ),
    "notices": Command(
        "notices",
        summary="生成约谈通知和问责函：每个需约谈的单位一份约谈通知，每个需问责的单位一份提请问责的函（DOCX 供印发，Markdown 供审阅），另附约谈问责登记表（xlsx、csv）；原子写入，并列出生成的文件。",
    ),
    "warnings": Command(
        "warnings",
        summary="预警提示：下月再不改进就将被约谈或提请问责的镇街和单位，以及月末后临近到期的市重点督办任务、项目节点和问题，按单位列出，最紧急的在前。",
    ),
    "board": Command(
        "board",
        summary="生成挂图作战图：一个自带全部内容的 HTML 文件（不联网、不引用外部文件），供大屏、手机查看和张贴打印；原子写入，并列出生成的文件。",
    ),
    "forms": Command(
        "forms",
        summary="生成本月的 Excel 填报表（.xlsx，Excel 和 WPS 都能打开）：每个镇街一份月度数据表，每个有在建项目的单位一份项目进度表；名称、目标和上月数据已预填并锁定，只需填浅黄色单元格。原子写入，并列出生成的文件。",
    ),
    "import": Command(
        "import_",
        summary="把镇街和项目责任单位填好的表格（xjj forms 生成的 .xlsx）导入数据仓库：先列出每处改动（文件：原值 → 新值），检查通过后全部写入；有任何错误则一个文件也不写。",
    ),
    "status": Command(
        "status",
        summary="报送情况和催报名单：哪些镇街已报、未报月度数据，哪些项目已报、未报本月进度（及其责任单位），该月能否出正式报告。有人未报不算错误，退出码仍为 0。",
    ),
    "problems": Command(
        "problems",
        summary="问题清单（销号管理）：按责任单位列出月底未办结的问题（未到期、已逾期及逾期天数）和本月办结的问题（按期或逾期办结）。",
    ),
    "history": Command(
        "history",
        summary="一个单位的逐月情况：每个可出报告的月份（由早到晚）的排名或按期推进率、镇街和项目颜色、被约谈问责的依据和措施，以及截至最近一个可出报告月份月底仍未解决的问题。",
    ),
    "init": Command(
        "init",
        summary="以内置示例区为模板新建一个数据仓库（含 GitHub、GitLab 的检查和发布流程、填报说明），装有 git 时运行 git init，不会覆盖已有文件。",
        reads_data=False,
    ),
}
"""Every command by name, in the order of SPEC §4 (the order ``xjj --help`` lists them)."""
