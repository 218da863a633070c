"""Render the bulletin: Markdown from a Jinja template, then HTML and DOCX from that Markdown.

The Markdown template is the one source of the bulletin's wording. Templates run in
Jinja's sandbox; every value printed into Markdown is escaped, so a record can never
inject markup or template code. A data repository's own ``templates/`` folder
overrides the built-in templates file by file.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from fractions import Fraction
from pathlib import Path
from types import CodeType
from typing import Any

from jinja2 import (
    BytecodeCache,
    ChoiceLoader,
    FileSystemLoader,
    StrictUndefined,
    TemplateSyntaxError,
    select_autoescape,
)
from jinja2 import TemplateError as JinjaError
from jinja2.bccache import Bucket
from jinja2.sandbox import SandboxedEnvironment

from xjj_cli import paths
from xjj_cli.bulletin.model import Bulletin, TownRow
from xjj_cli.chinese import SEMICOLON
from xjj_cli.errors import TemplateError
from xjj_cli.messages.bulletin import bulletin_word, template_error
from xjj_cli.messages.formats import (
    chinese_number,
    cn_date,
    cn_datetime,
    cn_month,
    money,
    number,
    percent,
)
from xjj_cli.messages.reports import DRAFT_MARK
from xjj_cli.messages.rules import CARD_WORDS, COLOR_WORDS
from xjj_cli.model import Rules
from xjj_cli.months import month_end

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|#<>~!&])")


class Verbatim(str):
    """A value already in its final form (a front matter's YAML scalar): never escaped."""

    __slots__ = ()


def yaml_scalar(value: Any) -> Verbatim:
    """A value as one YAML scalar on one line, for a front matter (JSON is YAML: quotes,
    backslashes and line breaks are escaped, so no value can end the front matter)."""
    if isinstance(value, dt.date):
        value = value.isoformat()
    return Verbatim(json.dumps(value, ensure_ascii=False))


def escape_markdown(value: Any) -> Any:
    """Backslash-escape what Markdown would read as markup (applied to every printed value)."""
    if isinstance(value, Verbatim):
        return str(value)
    if isinstance(value, str):
        return _MARKDOWN_SPECIAL.sub(r"\\\1", value).replace("\n", " ")
    return value


def _share(part: Fraction, whole: Fraction) -> str:
    return percent(part / whole) if whole else "—"


def _marks(row: TownRow, bottom_n: int) -> str:
    """备注 of a town in 附件1, in full words: 后三名；低于全区平均."""
    marks = []
    if row.bottom_n:
        marks.append(bulletin_word("mark_bottom_n", n=chinese_number(bottom_n)))
    if row.below_district:
        marks.append(bulletin_word("mark_below_district"))
    return SEMICOLON.join(marks)


def rank_move(change: int | None) -> str:
    """排名变化 in words: 上升1位, 下降2位, 持平, or — without a ranking last month."""
    if change is None:
        return bulletin_word("rank_none")
    if change > 0:
        return bulletin_word("rank_up", n=change)
    if change < 0:
        return bulletin_word("rank_down", n=-change)
    return bulletin_word("rank_level")


FILTERS: dict[str, Any] = {
    "pct": percent,
    "share": _share,
    "money": money,
    "cn_date": cn_date,
    "cn_datetime": cn_datetime,
    "cn_month": cn_month,
    "cn": chinese_number,
    "color": COLOR_WORDS.get,
    "card": CARD_WORDS.get,
    "rank_move": rank_move,
    "marks": _marks,
    "num": number,
    "yaml": yaml_scalar,
}


class CompiledTemplates(BytecodeCache):
    """The templates a process has compiled, kept in memory: each run of a command, each
    document of a set and each test makes its own environment, and compiling a template is
    most of the time rendering it takes.

    Jinja asks this cache for a template by its name and file (so a district's own template
    and the built-in one of the same name are two entries) and gives the source's checksum:
    compiled code is used only for the very source it was compiled from, so a template changed
    on disk — at any time, by any size — is compiled again. The code depends on the
    environment's settings, so each kind of environment has its own cache."""

    def __init__(self) -> None:
        self._code: dict[str, tuple[str, CodeType]] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        found = self._code.get(bucket.key)
        if found is not None and found[0] == bucket.checksum:
            bucket.code = found[1]

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.code is not None:
            self._code[bucket.key] = (bucket.checksum, bucket.code)


_COMPILED = {True: CompiledTemplates(), False: CompiledTemplates()}
"""The compiled templates of the Markdown environments and of the HTML ones."""


def environment(override: Path | None = None, *, markdown: bool = True) -> SandboxedEnvironment:
    """A sandboxed Jinja environment: the district's templates first, then the built-in ones
    (each compiled once per process: ``CompiledTemplates``)."""
    loaders = [FileSystemLoader(str(override))] if override and override.is_dir() else []
    loaders.append(FileSystemLoader(str(paths.BUILTIN_TEMPLATES)))
    env = SandboxedEnvironment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(["html", "html.j2"]) if not markdown else False,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        finalize=escape_markdown if markdown else None,
        bytecode_cache=_COMPILED[markdown],
    )
    env.filters.update(FILTERS)
    return env


def render_template(env: SandboxedEnvironment, name: str, **context: Any) -> str:
    """Render template ``name``; a broken template is a ``TemplateError`` naming it."""
    try:
        return str(env.get_template(name).render(**context))
    except TemplateSyntaxError as exc:
        problem = template_error(
            "syntax", file=exc.filename or name, line=exc.lineno, reason=exc.message
        )
        raise TemplateError(problem) from exc
    except JinjaError as exc:
        raise TemplateError(template_error("failed", name=name, reason=exc)) from exc


def render_markdown(
    bulletin: Bulletin, rules: Rules, override: Path | None = None, *, draft: str | None = None
) -> str:
    """The bulletin as Markdown, for review in a pull request.

    ``draft`` is a draft's 征求意见稿 line: the template puts it on top; a district's own
    template that does not is given it anyway, so no draft ever goes out unmarked."""
    text = render_template(
        environment(override),
        "bulletin.md.j2",
        b=bulletin,
        o=bulletin.overview,
        p=bulletin.paper,
        departments_caption=bulletin_word("departments_caption"),
        month_end=month_end(bulletin.month),
        rules=rules,
        draft=draft,
        draft_mark=DRAFT_MARK,
    )
    return finish_markdown(text, draft)


def finish_markdown(text: str, draft: str | None) -> str:
    """A rendered document's Markdown tidied (no runs of blank lines), and a draft's 征求意见稿
    line put first after the front matter when a district's own template left it out, so no
    draft ever goes out unmarked."""
    text = re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
    matter, body = split_front_matter(text)
    if draft and not body.lstrip("*").startswith(DRAFT_MARK):
        body = f"**{escape_markdown(draft)}**\n\n{body}"
    return matter + body


_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n+", re.S)


def split_front_matter(text: str) -> tuple[str, str]:
    """The front matter (with its closing line and the blank line after it) and the rest."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return "", text
    return match.group(0).rstrip("\n") + "\n\n", text[match.end() :]
