"""``xjj push``: 催报, 预警 and the month's summary to the WeCom and DingTalk group robots
(SPEC §9); a dry run unless ``--send``. Its core is ``push_plan`` (what to send), the
sending ``online.services``'."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from xjj_cli.commands.common import DraftOption, Settings, checked_month, say
from xjj_cli.options import PushService, PushWhat

if TYPE_CHECKING:
    from xjj_cli.load.reader import LoadOptions
    from xjj_cli.online.compose import Message
    from xjj_cli.online.services import Poster, Robot


def push(
    ctx: typer.Context,
    what: Annotated[
        PushWhat,
        typer.Option(
            "--what",
            "-w",
            help="推送什么：status 催报（未报送的单位及所缺内容、报送截止日期、联系人），"
            "warnings 预警（按单位，最紧急的在前），summary 本月总体情况（通报中的结论句、红色项目、"
            "约谈和提请问责的单位）。",
        ),
    ],
    to: Annotated[
        list[PushService] | None,
        typer.Option(
            "--to",
            "-t",
            help="推送到哪里（可写多次）：wecom 企业微信群机器人，dingtalk 钉钉群机器人；"
            "默认为已设置地址环境变量的那些。",
            show_default=False,
        ),
    ] = None,
    send: Annotated[
        bool,
        typer.Option(
            "--send",
            help="真正发送；不加时为试运行，只在标准输出打印将发送的请求 JSON（每行一条），不联网。"
            "群机器人地址取自环境变量 XJJ_WECOM_WEBHOOK、XJJ_DINGTALK_WEBHOOK，"
            "钉钉加签密钥取自 XJJ_DINGTALK_SECRET，任何输出中都不显示。",
        ),
    ] = False,
    month: Annotated[
        str | None,
        typer.Option(
            "--month",
            "-m",
            metavar="YYYY-MM",
            help="月份 YYYY-MM；status 默认为正在收集的月份（最近一个报齐月份的下一个月），"
            "warnings 和 summary 默认为最近一个可出报告的月份。",
            show_default=False,
            callback=checked_month,
        ),
    ] = None,
    draft: DraftOption = False,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="YYYY-MM-DD",
            help="今天的日期 YYYY-MM-DD（用于 --working-days）；默认为今天。",
            show_default=False,
        ),
    ] = None,
    working_days: Annotated[
        str | None,
        typer.Option(
            "--working-days",
            metavar="起-止",
            help="只在本月第几个工作日推送，如 1-5（按国务院放假安排，调休上班日也算）；"
            "其他日子说明原因后退出，退出码 0。供定时任务使用。",
            show_default=False,
        ),
    ] = None,
) -> None:
    """推送到工作群：把催报、预警或本月总体情况发到企业微信、钉钉群机器人（Markdown 消息，超长时按行拆分）；不加 --send 时为试运行，只打印将发送的内容。

    示例：xjj push --what status --to wecom --to dingtalk --send
    """
    from xjj_cli.bulletin.files import parse_date
    from xjj_cli.online.services import Poster, mask

    settings: Settings = ctx.obj
    today = parse_date(date)
    if working_days is not None:
        first, last = parse_days(working_days)
        skip = outside_days(today, first, last)
        if skip:
            say(skip)
            return
    robots = robots_from(os.environ, to, send=send)
    secrets = [s for r in robots for s in r.secrets]
    plan = push_plan(settings.data_dir, what, month, draft, settings.load_options(ctx))
    if isinstance(plan, str):
        say(plan)
        return

    def shown(text: str) -> str:
        return mask(text, secrets)

    poster = Poster(say=lambda text: say(shown(text)))
    deliver(
        plan,
        robots,
        send=send,
        poster=poster,
        echo=lambda text: typer.echo(shown(text)),
        tell=lambda text: say(shown(text)),
    )


def parse_days(text: str) -> tuple[int, int]:
    """``--working-days``: "1-5" or "3" as (first, last), 1 ≤ first ≤ last."""
    from xjj_cli.errors import UsageError
    from xjj_cli.messages.online import push_word

    first, _, last = text.partition("-")
    try:
        low, high = int(first), int(last or first)
    except ValueError:
        low = high = 0
    if not 1 <= low <= high:
        raise UsageError(push_word("working_days", raw=text))
    return low, high


def outside_days(today: dt.date, first: int, last: int) -> str:
    """Why ``today`` is not among the month's ``first``-th to ``last``-th working days (the
    Chinese official calendar); "" when it is."""
    from xjj_cli.messages.formats import cn_date
    from xjj_cli.messages.online import push_word
    from xjj_cli.workdays import is_working_day

    index, estimated = 0, False
    for day in range(1, today.day + 1):
        working, guessed = is_working_day(today.replace(day=day))
        index += working
        estimated = estimated or guessed
    working, _ = is_working_day(today)
    note = push_word("estimated", year=today.year) if estimated else ""
    if working and first <= index <= last:
        if note:
            say(note)
        return ""
    which = push_word("which_day", index=index) if working else push_word("not_working_day")
    text = push_word("not_in_days", date=cn_date(today), first=first, last=last, which=which)
    return "\n".join(t for t in (text, note) if t)


def robots_from(environ: Any, to: list[PushService] | None, *, send: bool) -> list[Robot]:
    """The robots to post to, from the environment only: those ``--to`` names, else every
    one whose webhook is set (a dry run with none set shows both). Sending to one whose
    webhook (or DingTalk's secret) is not set is a usage error naming the variable."""
    from xjj_cli.errors import UsageError
    from xjj_cli.messages.online import push_word
    from xjj_cli.online.services import SECRET_VARIABLE, SERVICES, WEBHOOK_VARIABLES, Robot

    def value(name: str) -> str:
        return str(environ.get(name, "") or "").strip()

    if to:
        services = list(dict.fromkeys(s.value for s in to))
    else:
        services = [s for s in SERVICES if value(WEBHOOK_VARIABLES[s])]
        if not services:
            if send:
                raise UsageError(push_word("no_service"))
            services = list(SERVICES)
    robots = []
    for service in services:
        url, secret = value(WEBHOOK_VARIABLES[service]), None
        if service == "dingtalk":
            secret = value(SECRET_VARIABLE) or None
        if send:
            for name, given in (
                (WEBHOOK_VARIABLES[service], url),
                *([(SECRET_VARIABLE, secret)] if service == "dingtalk" else []),
            ):
                if not given:
                    raise UsageError(push_word("env_missing", name=name, service=service))
            if not url.startswith(("https://", "http://")):
                from xjj_cli.online.services import mask, secrets_of

                raise UsageError(
                    push_word(
                        "bad_url",
                        name=WEBHOOK_VARIABLES[service],
                        url=mask(url, (url, *secrets_of(url, secret))),
                    )
                )
        robots.append(Robot(service, url, secret))
    return robots


def push_plan(
    data_dir: Path,
    what: PushWhat,
    month: str | None,
    draft: bool,
    options: LoadOptions | None = None,
) -> list[Message] | str:
    """The messages ``xjj push --what`` sends, or why there is nothing to send (everybody
    has submitted; no warning). The month guard (SPEC §3.5) refuses warnings and the
    summary of a month that is not reportable unless ``draft``; 催报 is of the month being
    collected, not reportable by nature."""
    from xjj_cli.engine.dataset import dataset_from
    from xjj_cli.engine.status import submissions
    from xjj_cli.messages.formats import cn_month
    from xjj_cli.messages.online import push_word
    from xjj_cli.online import compose
    from xjj_cli.pipeline import load_valid, run_month, status_month

    if what is PushWhat.status:
        repo = load_valid(data_dir, options)
        chosen = month or repo.collecting_month or status_month(repo, None)
        found = submissions(repo, chosen)
        district = repo.district.record if repo.district is not None else None
        report_by = district.document.report_by if district is not None else 5
        units = dataset_from(repo, chosen).units
        message = compose.status_message(found, units, report_by)
        if message is None:
            return push_word("status_nobody", month=cn_month(chosen))
        return [message]
    run = run_month(data_dir, month, options, draft=draft)
    evaluation = run.evaluation
    if run.pending:
        say(run.pending)
    if what is PushWhat.warnings:
        warned = compose.warnings_message(evaluation)
        if warned is None:
            return push_word("warnings_nobody", month=cn_month(evaluation.month))
        return [warned]
    return [compose.summary_message(evaluation)]


def deliver(
    messages: list[Message],
    robots: list[Robot],
    *,
    send: bool,
    poster: Poster,
    echo: Any,
    tell: Any,
) -> None:
    """Print (dry run) or post every message's requests to every robot, in order."""
    from xjj_cli.messages.online import push_word, service_name
    from xjj_cli.online.services import BODIES, WEBHOOK_VARIABLES, dump

    for robot in robots:
        bodies = [body for m in messages for body in BODIES[robot.service](m)]
        name = service_name(robot.service)
        if not send:
            url = robot.shown_url or push_word("no_url", name=WEBHOOK_VARIABLES[robot.service])
            tell(push_word("dry_run", count=len(bodies), service=name, url=url))
            for body in bodies:
                echo(dump(body))
            continue
        for index, body in enumerate(bodies, start=1):
            poster.post(robot, body)
            tell(push_word("sent", service=name, index=index, total=len(bodies)))
