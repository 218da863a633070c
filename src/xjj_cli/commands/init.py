"""``xjj init``: a new data repository from the built-in sample (the one command that reads
no data folder)."""

from pathlib import Path
from typing import Annotated

import typer

from xjj_cli.commands.common import say


def init(
    directory: Annotated[
        Path,
        # Described in the docstring: typer would list it with its type's English name.
        typer.Argument(metavar="目录", hidden=True, show_default=False),
    ],
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            metavar="来源",
            help="检查和发布流程（GitHub Actions、GitLab CI）安装 xjj 的来源，必须固定版本："
            "xjj-cli==版本号、带完整提交号的 git 地址（git+https://…@提交号）、"
            "带 #sha256= 的安装包地址，或本机的 xjj_cli-….whl 文件（复制进新仓库）。"
            "默认：当前 xjj 的确切版本。",
            show_default=False,
        ),
    ] = None,
) -> None:
    """以内置示例区为模板新建一个数据仓库（含 GitHub、GitLab 的检查和发布流程、填报说明），装有 git 时运行 git init，不会覆盖已有文件。

    目录：新数据仓库的目录，必须不存在或为空。

    示例：xjj init 我区新基建数据 --source "git+https://git.example.cn/xjb/xjj.git@<40位提交号>"
    """
    from xjj_cli.messages.cli import init_message
    from xjj_cli.scaffold import create_repository, init_git

    created = create_repository(directory, source)
    say(init_message("created", directory=directory, count=len(created.files)))
    say(init_message("installs", requirement=created.requirement))
    git, said = init_git(directory)
    say(init_message(f"git.{git.value}", directory=directory, top=said, reason=said))
    say(init_message("next", directory=directory))
