"""The bulletin's charts as inline SVG, drawn from the bulletin's model (never from its text).

Hand-written SVG keeps the HTML one self-contained file: no script, no font, no network.
Every text that reaches the SVG goes through :func:`_x` (XML escaping), since town, metric
and domain names come from the data. Geometry uses floats; every number people read is
formatted by :mod:`xjj_cli.messages` (percentages with one decimal), like the tables.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from xjj_cli.bulletin.model import Bulletin, DomainSection, MetricRanking, RateHistory
from xjj_cli.chinese import CHART_FONT, FULLWIDTH_COMMA, MONTH_MARK, clauses, listing
from xjj_cli.messages.bulletin import chart_word
from xjj_cli.messages.formats import percent
from xjj_cli.messages.reports import NOT_STARTED
from xjj_cli.messages.rules import COLOR_WORDS

WIDTH = 600
"""The charts' width in SVG units; they scale to the page's text width (about 590 px)."""
INK, MUTED, GRID, AXIS = "#222", "#555", "#dcdcdc", "#777"
TITLE_SIZE, LABEL_SIZE, VALUE_SIZE, LEGEND_SIZE, TICK_SIZE = 16.0, 14.0, 12.5, 13.0, 12.0
MAX_LABEL = 9
"""Names longer than this many characters are cut with … (the full name is in the tooltip)."""

COLOR_FILLS = {"blue": "#2f67b1", "yellow": "#e3a600", "red": "#c23a2b", "not_started": "#b5b5b5"}
STATUS_WORDS = {**COLOR_WORDS, "not_started": NOT_STARTED}
DISTRICT_STROKE = "#1a1a1a"
PROGRESS_STROKE = "#8e3fae"
PROGRESS_DASH = "6 3"


def _x(text: str) -> str:
    """XML-escape text or an attribute value."""
    return html.escape(text, quote=True)


def _n(value: float) -> str:
    """A coordinate: one decimal, no trailing zero."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def text_width(text: str, size: float) -> float:
    """Roughly how wide ``text`` is at ``size``: CJK characters a full em, the rest about half."""
    return sum(size if ord(ch) > 0x2E7F else size * 0.58 for ch in text)


def _short(name: str) -> str:
    return name if len(name) <= MAX_LABEL else name[: MAX_LABEL - 1] + "…"


def _text(
    x: float,
    y: float,
    text: str,
    *,
    size: float = LABEL_SIZE,
    anchor: str = "start",
    fill: str = INK,
    bold: bool = False,
    halo: bool = False,
    cls: str = "",
) -> str:
    attrs = [f'class="{cls}"'] if cls else []
    attrs += [f'x="{_n(x)}"', f'y="{_n(y)}"', f'font-size="{_n(size)}"', f'fill="{fill}"']
    if anchor != "start":
        attrs.append(f'text-anchor="{anchor}"')
    if bold:
        attrs.append('font-weight="bold"')
    if halo:
        attrs.append('stroke="#fff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"')
    return f"<text {' '.join(attrs)}>{_x(text)}</text>"


def _line(
    x1: float, y1: float, x2: float, y2: float, stroke: str, width: float, dash: str = ""
) -> str:
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" '
        f'stroke="{stroke}" stroke-width="{_n(width)}"{dash_attr}/>'
    )


def _dot(x: float, y: float, color: str, tip: str) -> str:
    """A data point: a dot with its tooltip."""
    return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="3.5" fill="{color}"><title>{_x(tip)}</title></circle>'


@dataclass(frozen=True)
class _Key:
    """A legend entry: a colour square (no ``stroke``) or a line sample."""

    label: str
    fill: str = ""
    stroke: str = ""
    dash: str = ""

    @property
    def width(self) -> float:
        return (17 if not self.stroke else 29) + text_width(self.text, LEGEND_SIZE)

    @property
    def text(self) -> str:
        limit = 2 * MAX_LABEL
        return self.label if len(self.label) <= limit else self.label[: limit - 1] + "…"

    def draw(self, x: float, y: float) -> str:
        if not self.stroke:
            mark = f'<rect x="{_n(x)}" y="{_n(y - 11)}" width="12" height="12" rx="2" fill="{self.fill}"/>'
            return mark + _text(x + 17, y, self.text, size=LEGEND_SIZE)
        mark = _line(x, y - 4.5, x + 24, y - 4.5, self.stroke, 2, self.dash)
        return mark + _text(x + 29, y, self.text, size=LEGEND_SIZE)


def _legend(keys: Sequence[_Key], y: float) -> tuple[list[str], float]:
    """The legend centred under the title, wrapped into rows; returns it and the y below it."""
    gap, room = 18.0, WIDTH - 24
    rows: list[list[_Key]] = [[]]
    used = 0.0
    for key in keys:
        if rows[-1] and used + gap + key.width > room:
            rows.append([])
            used = 0.0
        used += (gap if rows[-1] else 0) + key.width
        rows[-1].append(key)
    marks = []
    for row in rows:
        x = (WIDTH - sum(k.width for k in row) - gap * (len(row) - 1)) / 2
        for key in row:
            marks.append(key.draw(x, y))
            x += key.width + gap
        y += 20
    return marks, y


def _svg(label: str, title: str, height: float, body: Sequence[str], width: float = WIDTH) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{_x(label)}" '
        f'viewBox="0 0 {_n(width)} {_n(height)}" width="{_n(width)}" height="{_n(height)}" '
        f'font-family="{_x(CHART_FONT)}">'
        f"<title>{_x(title)}</title>" + "".join(body) + "</svg>"
    )


def _nice_max(values: Sequence[Fraction], floor: Fraction = Fraction(1)) -> float:
    """The axis' top: at least ``floor`` (100%), rounded up to the next 10%."""
    top = max([floor, *values])
    return math.ceil(float(top) * 10 - 1e-9) / 10


def _ticks(top: float) -> list[float]:
    step = 0.1 if top <= 0.5 else 0.2 if top <= 1.6 else 0.5
    return [i * step for i in range(int(top / step + 1e-9) + 1)]


def _label_column(names: Sequence[str]) -> float:
    return max(text_width(_short(n), LABEL_SIZE) for n in names) + 14


def ranking_chart(ranking: MetricRanking) -> str:
    """The towns' completion rates as horizontal bars in their colours, best first, with the
    district rate (solid line) and 序时进度 (dashed line) across them."""
    rows = ranking.rows
    if not rows:
        return ""
    district, progress = percent(ranking.district_rate), percent(ranking.time_progress)
    title = chart_word("ranking_title", metric=ranking.metric_name)
    body = [_text(WIDTH / 2, 20, title, size=TITLE_SIZE, anchor="middle", bold=True)]
    keys = [_Key(COLOR_WORDS[c], fill=COLOR_FILLS[c]) for c in ("blue", "yellow", "red")]
    keys.append(_Key(chart_word("district_rate", rate=district), stroke=DISTRICT_STROKE))
    keys.append(
        _Key(chart_word("time_progress", rate=progress), stroke=PROGRESS_STROKE, dash=PROGRESS_DASH)
    )
    legend, below = _legend(keys, 46)
    body += legend

    row_h, bar_h = 24.0, 15.0
    top = below + 4
    left, right = _label_column([r.name for r in rows]), WIDTH - 56
    bottom = top + row_h * len(rows)
    top_value = _nice_max([r.rate for r in rows] + [ranking.district_rate, ranking.time_progress])

    def at(rate: Fraction | float) -> float:
        return left + (right - left) * float(rate) / top_value

    for tick in _ticks(top_value):
        body.append(_line(at(tick), top - 2, at(tick), bottom, GRID, 1))
        body.append(
            _text(at(tick), bottom + 17, f"{round(tick * 100)}%", size=TICK_SIZE, anchor="middle")
        )
    for i, row in enumerate(rows):
        mid = top + i * row_h + row_h / 2
        width = max(at(row.rate) - left, 0.0)
        tip = chart_word(
            "ranking_tip",
            rank=row.rank,
            name=row.name,
            rate=percent(row.rate),
            color=COLOR_WORDS[row.color],
        )
        body.append(_text(left - 7, mid + 5, _short(row.name), anchor="end"))
        body.append(
            f'<rect x="{_n(left)}" y="{_n(mid - bar_h / 2)}" width="{_n(width)}" '
            f'height="{_n(bar_h)}" fill="{COLOR_FILLS[row.color]}"><title>{_x(tip)}</title></rect>'
        )
        body.append(
            _text(left + width + 4, mid + 4.5, percent(row.rate), size=VALUE_SIZE, halo=True)
        )
    body.append(_line(left, top - 2, left, bottom, AXIS, 1))
    body.append(
        _line(
            at(ranking.time_progress),
            top - 6,
            at(ranking.time_progress),
            bottom,
            PROGRESS_STROKE,
            2,
            PROGRESS_DASH,
        )
    )
    body.append(
        _line(
            at(ranking.district_rate),
            top - 6,
            at(ranking.district_rate),
            bottom,
            DISTRICT_STROKE,
            2,
        )
    )

    best, worst = rows[0], rows[-1]
    label = chart_word(
        "ranking_label",
        title=title,
        district=district,
        progress=progress,
        best=best.name,
        best_rate=percent(best.rate),
        worst=worst.name,
        worst_rate=percent(worst.rate),
        rows=clauses(
            chart_word(
                "ranking_label_row",
                rank=r.rank,
                name=r.name,
                rate=percent(r.rate),
                color=COLOR_WORDS[r.color],
            )
            for r in rows
        ),
    )
    return _svg(label, title, bottom + 28, body)


COUNT_KEYS = ("blue", "yellow", "red", "not_started")


def colors_chart(domains: Sequence[DomainSection]) -> str:
    """Each domain's projects as one stacked bar of 蓝色, 黄色, 红色 and 未开工 counts."""
    if not domains:
        return ""
    title = chart_word("colors_title")
    body = [_text(WIDTH / 2, 20, title, size=TITLE_SIZE, anchor="middle", bold=True)]
    legend, below = _legend([_Key(STATUS_WORDS[k], fill=COLOR_FILLS[k]) for k in COUNT_KEYS], 46)
    body += legend

    def total(d: DomainSection) -> int:
        return sum(d.color_counts.get(k, 0) for k in COUNT_KEYS)

    row_h, bar_h = 30.0, 19.0
    top = below + 2
    left, right = _label_column([d.name for d in domains]), WIDTH - 52
    scale = (right - left) / max(max(total(d) for d in domains), 1)
    for i, domain in enumerate(domains):
        mid = top + i * row_h + row_h / 2
        body.append(_text(left - 7, mid + 5, _short(domain.name), anchor="end"))
        x = left
        for key in COUNT_KEYS:
            count = domain.color_counts.get(key, 0)
            if not count:
                continue
            width = count * scale
            tip = chart_word(
                "colors_tip", domain=domain.name, status=STATUS_WORDS[key], count=count
            )
            body.append(
                f'<rect x="{_n(x)}" y="{_n(mid - bar_h / 2)}" width="{_n(width)}" '
                f'height="{_n(bar_h)}" fill="{COLOR_FILLS[key]}" stroke="#fff" stroke-width="1">'
                f"<title>{_x(tip)}</title></rect>"
            )
            if width >= text_width(str(count), VALUE_SIZE) + 6:
                ink = INK if key in ("yellow", "not_started") else "#fff"
                body.append(
                    _text(
                        x + width / 2,
                        mid + 4.5,
                        str(count),
                        size=VALUE_SIZE,
                        anchor="middle",
                        fill=ink,
                    )
                )
            x += width
        count_text = chart_word("colors_total", count=total(domain))
        body.append(_text(x + 6, mid + 4.5, count_text, size=VALUE_SIZE, fill=MUTED))
    body.append(_line(left, top, left, top + row_h * len(domains), AXIS, 1))

    label = chart_word(
        "colors_label",
        title=title,
        domains=clauses(
            chart_word(
                "colors_label_domain",
                domain=d.name,
                total=total(d),
                counts=listing(
                    chart_word(
                        "colors_label_count", status=STATUS_WORDS[k], count=d.color_counts.get(k, 0)
                    )
                    for k in COUNT_KEYS
                ),
            )
            for d in domains
        ),
    )
    return _svg(label, title, top + row_h * len(domains) + 10, body)


def _month_label(month: str) -> str:
    return f"{int(month[5:7])}{MONTH_MARK}"


PANEL_WIDTH = 300
"""A trend panel's width in SVG units: two panels side by side on the page, one on a phone."""
TREND_STROKE = "#1f4e99"
END_SIZE = 12.0
"""The size of the values written at the lines' ends (a full em per character apart)."""


def spread(wanted: Sequence[float], gap: float, low: float, high: float) -> list[float]:
    """Label baselines as close to ``wanted`` as they can be while at least ``gap`` apart and
    between ``low`` and ``high`` (the order of ``wanted`` is kept)."""
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    placed = [min(max(wanted[i], low), high) for i in order]
    for k in range(1, len(placed)):
        placed[k] = max(placed[k], placed[k - 1] + gap)
    overflow = placed[-1] - high if placed else 0.0
    if overflow > 0:
        placed[-1] -= overflow
        for k in range(len(placed) - 2, -1, -1):
            placed[k] = min(placed[k], placed[k + 1] - gap)
    result = [0.0] * len(wanted)
    for k, i in enumerate(order):
        result[i] = placed[k]
    return result


def _month_ticks(count: int, spacing: float, label_width: float) -> list[int]:
    """Which months get a label: the latest always, then every n-th back, n as small as keeps
    the labels apart."""
    step = max(1, math.ceil((label_width + 4) / spacing)) if spacing > 0 else 1
    return list(range(count - 1, -1, -step))


def trend_panel(history: RateHistory, top_value: float) -> str:
    """One ranked metric's district completion rate month by month (solid line), with 序时进度,
    month ÷ 12 (dashed line), each labelled with its latest value at its end."""
    months = history.months
    progress = history.progress
    name = history.name if len(history.name) <= 2 * MAX_LABEL else history.name[:17] + "…"
    body = [_text(PANEL_WIDTH / 2, 18, name, size=LABEL_SIZE + 1, anchor="middle", bold=True)]
    left, right, top, bottom = 42.0, PANEL_WIDTH - 104.0, 40.0, 170.0

    def px(index: int) -> float:
        if len(months) == 1:
            return (left + right) / 2
        return left + 10 + (right - left - 10) * index / (len(months) - 1)

    def py(rate: Fraction | float) -> float:
        return bottom - (bottom - top) * float(rate) / top_value

    for tick in _ticks(top_value):
        body.append(_line(left, py(tick), right, py(tick), AXIS if tick == 0 else GRID, 1))
        body.append(
            _text(left - 5, py(tick) + 4, f"{round(tick * 100)}%", size=TICK_SIZE, anchor="end")
        )
    spacing = (right - left - 10) / max(len(months) - 1, 1)
    widest = max(text_width(_month_label(m), TICK_SIZE) for m in months)
    for index in _month_ticks(len(months), spacing, widest):
        body.append(
            _text(
                px(index), bottom + 17, _month_label(months[index]), size=TICK_SIZE, anchor="middle"
            )
        )

    if len(months) == 1:
        guide = f"{_n(left)},{_n(py(progress[0]))} {_n(right)},{_n(py(progress[0]))}"
    else:
        guide = " ".join(f"{_n(px(i))},{_n(py(p))}" for i, p in enumerate(progress))
    body.append(
        f'<polyline class="time-progress" points="{guide}" fill="none" '
        f'stroke="{PROGRESS_STROKE}" stroke-width="2" stroke-dasharray="{PROGRESS_DASH}"/>'
    )
    points = " ".join(f"{_n(px(i))},{_n(py(r))}" for i, r in enumerate(history.rates))
    body.append(
        f'<polyline class="series" points="{points}" fill="none" stroke="{TREND_STROKE}" '
        f'stroke-width="2.5" stroke-linejoin="round"/>'
    )
    for index, (month, rate) in enumerate(zip(months, history.rates, strict=True)):
        tip = chart_word(
            "trend_tip", metric=history.name, month=_month_label(month), rate=percent(rate)
        )
        body.append(_dot(px(index), py(rate), TREND_STROKE, tip))

    last = len(months) - 1
    ends = [
        (
            py(history.rates[-1]),
            chart_word("trend_rate", rate=percent(history.rates[-1])),
            TREND_STROKE,
        ),
        (
            py(progress[-1]),
            chart_word("time_progress", rate=percent(progress[-1])),
            PROGRESS_STROKE,
        ),
    ]
    x = (right if len(months) > 1 else px(last)) + 8
    baselines = spread([y + 4 for y, _, _ in ends], END_SIZE * 1.5, top + 4, bottom + 4)
    for (y, text, color), baseline in zip(ends, baselines, strict=True):
        if abs(baseline - 4 - y) > 2:
            body.append(_line(x - 6, y, x - 1, baseline - 4, color, 1))
        body.append(_text(x, baseline, text, size=END_SIZE, fill=color, bold=True, cls="end-label"))

    label = chart_word(
        "trend_panel_label",
        metric=history.name,
        points=FULLWIDTH_COMMA.join(
            _month_label(m) + percent(r) for m, r in zip(months, history.rates, strict=True)
        ),
        month=_month_label(months[-1]),
        progress=percent(progress[-1]),
    )
    return _svg(
        label, chart_word("trend_panel_title", metric=history.name), bottom + 26, body, PANEL_WIDTH
    )


def trend_chart(trends: Sequence[RateHistory]) -> str:
    """Each ranked metric's district completion rate month by month against 序时进度, one
    small panel per metric on the same scale (small multiples), under one caption."""
    series = [t for t in trends if t.months and len(t.months) == len(t.rates)]
    if not series:
        return ""
    top_value = _nice_max(
        [r for t in series for r in t.rates] + [p for t in series for p in t.progress]
    )
    caption = chart_word("trend_title")
    key = chart_word("trend_key")
    panels = "".join(f'<div class="panel">{trend_panel(t, top_value)}</div>' for t in series)
    return (
        f'<figcaption>{_x(caption)}<span class="key">{_x(key)}</span></figcaption>'
        f'<div class="panels">{panels}</div>'
    )


def chart_for(bulletin: Bulletin, name: str) -> str:
    """The chart a ``data-chart`` placeholder names: ``colors``, ``trend`` or
    ``ranking:<metric>``; an unknown name, or nothing to draw, gives the empty string."""
    if name == "colors":
        return colors_chart(bulletin.domains)
    if name == "trend":
        return trend_chart(bulletin.trends)
    if name.startswith("ranking:"):
        metric = name.removeprefix("ranking:")
        for domain in bulletin.domains:
            for ranking in domain.rankings:
                if ranking.metric == metric:
                    return ranking_chart(ranking)
    return ""
