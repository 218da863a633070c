"""The board's data block (render/board_data.py): packed fragments unpack to what was packed,
the shared text is kept once, and nothing in it can end the block."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from xjj_cli.render.board_data import Packer, script_json, split_fragments, unpack


def packed(texts: list[str]) -> tuple[list[str], list[list[str]], list[list[int]]]:
    packer = Packer()
    numbers = [packer.add(text) for text in texts]
    fragments, skeletons, shapes = packer.pack()
    return [fragments[n] for n in numbers], skeletons, shapes


@given(st.lists(st.text(alphabet="0123456789 ab\n<>;,第号", max_size=40), max_size=8))
def test_every_fragment_unpacks_to_itself(texts: list[str]) -> None:
    fragments, skeletons, shapes = packed(texts)
    assert [unpack(f, skeletons, shapes) for f in fragments] == texts


def test_cards_differing_in_figures_share_their_skeletons_and_shape() -> None:
    cards = [
        f'    <article id="p-CHG-2026-{i:05}">\n      <p>计划 {i % 97}.{i % 10}% · 2026年3月{i % 28 + 1}日</p>'
        for i in range(1000)
    ]
    fragments, skeletons, shapes = packed(cards)
    assert len(skeletons) == 2 and len(shapes) == 1
    assert "2026" in skeletons[0][0]  # the same everywhere: kept once, in the skeleton
    assert fragments[7] == "0,00007,7,7,8"
    assert unpack(fragments[7], skeletons, shapes) == cards[7]


def test_a_cells_lines_stay_with_their_row() -> None:
    row = "        <tr><td>5G 第3名/16\n充电桩 第9名/16</td></tr>"
    _, skeletons, shapes = packed([row, row.replace("3", "4")])
    assert shapes == [[0]] and len(skeletons) == 1


def test_the_json_cannot_close_its_script_element() -> None:
    value = {"s": ["</script><!--", "&amp;"]}
    text = script_json(value)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == value


def test_fragments_part_at_their_marks() -> None:
    assert split_fragments("\n a<!--c-->\n b<!--c-->rest", "<!--c-->") == [" a", " b", "rest"]
