"""Where each CSV field starts, as the readers report it: the quick way for lines without
quotes gives what walking the line character by character gives."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from xjj_cli.diagnostics import ProblemLog
from xjj_cli.load.csvtable import _field_starts, read_csv


def _walked(line: str) -> tuple[int, ...]:
    starts, quoted = [1], False
    for i, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            starts.append(i + 2)
    return tuple(starts)


@given(st.text(alphabet=',"a项 \t１，', max_size=30))
def test_field_starts_are_the_walked_ones(line: str) -> None:
    assert _field_starts(line) == _walked(line)


def test_rows_laid_out_alike_share_their_columns() -> None:
    text = "town,metric,target,completed\nt1,a.b,10,5\nt2,a.b,11,6\nt3,a.bc,1,2\n"
    table = read_csv(text, "f.csv", ["town", "metric", "target", "completed"], ProblemLog())
    assert table is not None
    first, second, third = table.rows
    assert first.columns == {"town": 1, "metric": 4, "target": 8, "completed": 11}
    assert second.columns is first.columns
    assert third.columns == {"town": 1, "metric": 4, "target": 9, "completed": 11}
