"""The colours of 蓝黄红 as every office file shows them: a cell's fill and the text on it.

One place for the DOCX tables (``render/docx.py``) and the workbooks (``render/workbook.py``),
so a blue cell is the same blue in the bulletin and in the ranking exported to Excel.
"""

from __future__ import annotations

from dataclasses import dataclass

from xjj_cli.engine.results import Color


@dataclass(frozen=True)
class Tone:
    """A colour mark's cell: its fill and the colour of the text on it (RGB, hex)."""

    fill: str
    text: str


TONES: dict[Color, Tone] = {
    "blue": Tone("0070C0", "FFFFFF"),
    "yellow": Tone("FFFF00", "000000"),
    "red": Tone("C00000", "FFFFFF"),
}
