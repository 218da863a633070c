"""Render a notice (约谈通知, 问责函) as Markdown from its template; the DOCX is made from it.

The templates ``notice-interview.md.j2`` and ``notice-accountability.md.j2`` (with the head
and foot they include) are the one source of the notices' wording; they run in the
bulletin's sandboxed environment, so every value is escaped for Markdown and a district's
``templates/`` folder overrides them file by file.
"""

from __future__ import annotations

from pathlib import Path

from xjj_cli.messages import DRAFT_MARK
from xjj_cli.notices.model import Notice, NoticeSet
from xjj_cli.render.bulletin import environment, finish_markdown, render_template


def template_name(notice: Notice) -> str:
    """The template of a notice's kind: notice-interview.md.j2, notice-accountability.md.j2."""
    return f"notice-{notice.kind.value}.md.j2"


def render_notice(
    notices: NoticeSet, notice: Notice, override: Path | None = None, *, draft: str | None = None
) -> str:
    """One notice as Markdown (for review in a pull request, and the DOCX's source).

    ``draft`` is a draft's 征求意见稿 line: the template puts it on top; a district's own
    template that does not is given it anyway, so no draft notice ever goes out unmarked."""
    text = render_template(
        environment(override),
        template_name(notice),
        s=notices,
        n=notice,
        draft=draft,
        draft_mark=DRAFT_MARK,
    )
    return finish_markdown(text, draft)
