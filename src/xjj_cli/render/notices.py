"""Render a notice (约谈通知, 问责函) as Markdown from its template; the DOCX is made from it.

The templates ``notice-interview.md.j2`` and ``notice-accountability.md.j2`` (with the head
and foot they include) are the one source of the notices' wording; they run in the
bulletin's sandboxed environment, so every value is escaped for Markdown and a district's
``templates/`` folder overrides them file by file.
"""

from __future__ import annotations

from pathlib import Path

from xjj_cli.messages.reports import DRAFT_MARK
from xjj_cli.notices.model import Notice, NoticeSet
from xjj_cli.render.bulletin import environment, finish_markdown, render_template


def template_name(notice: Notice) -> str:
    """The template of a notice's kind: notice-interview.md.j2, notice-accountability.md.j2."""
    return f"notice-{notice.kind.value}.md.j2"


def render_notices(
    notices: NoticeSet, override: Path | None = None, *, draft: str | None = None
) -> list[str]:
    """Each notice of the set as Markdown (for review in a pull request, and the DOCX's
    source), in the set's order; one environment, so each template is compiled once.

    ``draft`` is a draft's 征求意见稿 line: the template puts it on top; a district's own
    template that does not is given it anyway, so no draft notice ever goes out unmarked."""
    env = environment(override)
    return [
        finish_markdown(
            render_template(
                env, template_name(n), s=notices, n=n, draft=draft, draft_mark=DRAFT_MARK
            ),
            draft,
        )
        for n in notices.notices
    ]
