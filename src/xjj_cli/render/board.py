"""Render the battle map (挂图作战图) as one self-contained HTML page (SPEC §7).

The page is ``board.html.j2`` rendered with HTML autoescape (every name and text from the
data is text, never markup), with its styles, script and charts inline: it makes no request.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from xjj_cli.board.build import Board
from xjj_cli.engine.overview import RateHistory
from xjj_cli.engine.towns import time_progress
from xjj_cli.messages import DRAFT_MARK, NOT_STARTED, money_text, percent_points
from xjj_cli.render.bulletin import environment, render_template
from xjj_cli.render.charts import trend_chart


def render_board(board: Board, trends: list[RateHistory], override: Path | None = None) -> str:
    """The board as one HTML page; ``override`` is the district's own templates folder."""
    env = environment(override, markdown=False)
    env.filters["pts"] = percent_points
    env.filters["money_text"] = money_text
    chart = trend_chart(trends)
    return render_template(
        env,
        "board.html.j2",
        b=board,
        trend=Markup(chart) if chart else "",
        time_progress=time_progress(board.month),
        draft_mark=DRAFT_MARK,
        not_started=NOT_STARTED,
    )
