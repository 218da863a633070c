"""Write the sample district's map, data/map/towns.svg (SPEC §2 map/towns.svg).

The sample district is fictional, and so is its map: each town is the region of the district's
outline nearest to the town's seat (a Voronoi cell), the streets of the town centre small and
close together, the two towns large at the edge. Each region carries ``data-town`` and the
town's name; the board colours the regions by rank (``xjj board``).

Usage: python scripts/make-sample-map.py [OUT] — OUT defaults to data/map/towns.svg.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
Point = tuple[float, float]

OUTLINE: list[Point] = [
    (60, 40), (250, 20), (420, 45), (560, 30), (640, 120), (620, 260), (660, 380),
    (580, 500), (430, 560), (300, 540), (170, 580), (70, 480), (30, 330), (50, 190),
]  # fmt: skip
"""The district's border, clockwise, in the map's units (700 × 600)."""

SEATS: dict[str, Point] = {
    "gh": (330, 250), "jy": (390, 240), "fq": (360, 300), "yh": (300, 300), "ny": (350, 355),
    "ygg": (415, 300), "xy": (280, 220), "jc": (420, 180), "xz": (480, 250), "ly": (230, 300),
    "tk": (140, 200), "aj": (160, 420), "nz": (400, 450), "eslp": (520, 360), "cg": (260, 470),
    "yt": (520, 110),
}  # fmt: skip
"""Each town's seat: the old town in the middle, the towns around it."""


def clip(polygon: list[Point], a: Point, b: Point) -> list[Point]:
    """The part of ``polygon`` nearer to ``a`` than to ``b`` (Sutherland–Hodgman on the
    bisector of a and b)."""

    def side(p: Point) -> float:
        return (p[0] - (a[0] + b[0]) / 2) * (b[0] - a[0]) + (p[1] - (a[1] + b[1]) / 2) * (
            b[1] - a[1]
        )

    out: list[Point] = []
    for i, p in enumerate(polygon):
        q = polygon[(i + 1) % len(polygon)]
        sp, sq = side(p), side(q)
        if sp <= 0:
            out.append(p)
        if (sp < 0 < sq) or (sq < 0 < sp):
            t = sp / (sp - sq)
            out.append((p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])))
    return out


def centroid(polygon: list[Point]) -> Point:
    area = cx = cy = 0.0
    for i, p in enumerate(polygon):
        q = polygon[(i + 1) % len(polygon)]
        cross = p[0] * q[1] - q[0] * p[1]
        area += cross
        cx += (p[0] + q[0]) * cross
        cy += (p[1] + q[1]) * cross
    return cx / (3 * area), cy / (3 * area)


def town_map(names: dict[str, str]) -> str:
    shapes, labels = [], []
    for code, seat in SEATS.items():
        cell = OUTLINE
        for other, where in SEATS.items():
            if other != code:
                cell = clip(cell, seat, where)
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in cell)
        shapes.append(f'  <polygon data-town="{code}" points="{points}"/>')
        x, y = centroid(cell)
        name = escape(names[code])
        labels.append(f'  <text x="{x:.1f}" y="{y:.1f}">{name}</text>')
    return "\n".join(
        [
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 700 600">',
            '<g fill="#e8e8e8" stroke="#ffffff" stroke-width="3" stroke-linejoin="round">',
            *shapes,
            "</g>",
            '<g font-size="13" text-anchor="middle" dominant-baseline="middle" fill="#111"'
            ' pointer-events="none">',
            *labels,
            "</g>",
            "</svg>",
            "",
        ]
    )


def main(out: Path) -> None:
    with (ROOT / "data" / "towns" / "towns.csv").open(encoding="utf-8") as f:
        names = {row["code"]: row["name"] for row in csv.DictReader(f)}
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(town_map(names), encoding="utf-8")
    print(out)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "data" / "map" / "towns.svg")
