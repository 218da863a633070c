"""The builder of ``load.yamldoc`` takes strings and plain decimals without a path or a call of
their own: the values, the node limit and the depth limit must stay exactly where they were.
Explicit tags on odd nodes are a problem, never a crash and never a YAML node in the data."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from xjj_cli.diagnostics import ProblemLog
from xjj_cli.load import yamldoc

Leaf = st.one_of(
    st.text(max_size=8),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.booleans(),
    st.none(),
    st.dates(min_value=dt.date(1000, 1, 1)),
)
Values = st.recursive(
    Leaf,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=30,
)


def _parse(text: str) -> tuple[Any, list[tuple[int | None, int | None, str]]]:
    log = ProblemLog()
    doc = yamldoc.parse_yaml(text, "x.yaml", log)
    return (doc.data if doc else None), [
        (p.location.line, p.location.column, p.code) for p in log.problems
    ]


def _preorder(node: yaml.Node) -> list[yaml.Node]:
    """The nodes in the order the builder counts them (keys are not counted)."""
    out = [node]
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            out += _preorder(item)
    elif isinstance(node, yaml.MappingNode):
        for _, value in node.value:
            out += _preorder(value)
    return out


@given(Values)
def test_values_are_pyyamls(value: Any) -> None:
    text = yaml.safe_dump({"root": value}, allow_unicode=True)
    assert _parse(text) == (yaml.safe_load(text), [])


DOCUMENT = """\
a: x
b: [1, "2", 0012, 3.5, {c: d, e: [f, 7]}]
g: {h: i, j: [k, [l, 8]]}
m: 2026-10-12
n: 9
"""


@pytest.mark.parametrize("limit", range(1, 19))
def test_the_node_limit_stops_at_the_first_node_past_it(
    limit: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = yaml.compose(DOCUMENT, Loader=yaml.SafeLoader)
    assert root is not None
    nodes = _preorder(root)
    monkeypatch.setattr(yamldoc, "MAX_NODES", limit)
    data, problems = _parse(DOCUMENT)
    if limit >= len(nodes):
        assert problems == []
        assert data == yaml.safe_load(DOCUMENT)
    else:
        past = nodes[limit].start_mark
        assert (data, problems) == (None, [(past.line + 1, past.column + 1, "yaml.too_large")])


@pytest.mark.parametrize("leaf", ["x", "7", "'7'", "2026-10-12", "[]", "{}", "[x]", "{a: 1}"])
@pytest.mark.parametrize("depth", [2, 3, 4])
def test_the_depth_limit_counts_leaves(
    depth: int, leaf: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(yamldoc, "MAX_DEPTH", 3)
    text = "".join("  " * level + f"k{level}:\n" for level in range(depth)) + "  " * depth + leaf
    data, problems = _parse(text + "\n")
    nested = leaf.startswith(("[x", "{a"))
    if depth + nested > 3:
        assert data is None
        assert [code for _, _, code in problems] == ["yaml.too_deep"]
        assert problems[0][0] == depth + 1  # the first node past the limit
    else:
        assert problems == []
        inner = data
        for level in range(depth):
            inner = inner[f"k{level}"]
        assert inner == yaml.safe_load(leaf)


def test_a_duplicate_key_names_the_first_taken_key() -> None:
    text = '<<: {a: 1}\n"<<": 1\n? [x]\n: 2\nb: 3\n"b": 4\n<<: 5\n"<<": 6\nb: 7\n'
    data, problems = _parse(text)
    assert data == {"<<": 1, "b": 3}
    assert problems == [
        (1, 1, "yaml.merge"),
        (3, 3, "yaml.key_type"),
        (6, 1, "yaml.duplicate_key"),
        (7, 1, "yaml.merge"),
        (8, 1, "yaml.duplicate_key"),
        (9, 1, "yaml.duplicate_key"),
    ]


def test_plain_decimals_and_other_integers() -> None:
    text = "[0, 10, 0012, 0x1f, 1_000, '7', !!int 8, !!str 9, 190:20]\n"
    data, problems = _parse(text)
    assert data == yaml.safe_load(text) == [0, 10, 10, 31, 1000, "7", 8, "9", 11420]
    assert problems == []


# --- explicit tags on odd nodes ---------------------------------------------------------------


def parsed(text: str) -> tuple[object, list[str]]:
    log = ProblemLog()
    doc = yamldoc.parse_yaml(text, "f.yaml", log)
    return (doc.data if doc is not None else None), [p.code for p in log.problems]


@pytest.mark.parametrize("digits", ["²", "①", "1²", "٣"])
@pytest.mark.parametrize("layout", ["a: !!int {}\n", "- !!int {}\n", "a: {{b: !!int {}}}\n"])
def test_an_explicit_int_of_other_digits_is_an_invalid_value(layout: str, digits: str) -> None:
    text = layout.format(digits)
    try:
        expected = yaml.safe_load(text)  # PyYAML reads some (int("٣") is 3), refuses others
    except ValueError:
        expected = None
    data, codes = parsed(text)
    if expected is None:
        assert codes == ["value.invalid"]
    else:
        assert (data, codes) == (expected, [])


@pytest.mark.parametrize(
    "text", ["a: !!str {b: 1}\n", "a: !!str [1, 2]\n", "- !!str {b: 1}\n", "a: [x, !!str []]\n"]
)
def test_a_string_tag_on_a_collection_is_a_tag_problem(text: str) -> None:
    with pytest.raises(yaml.constructor.ConstructorError):
        yaml.safe_load(text)  # PyYAML: expected a scalar node
    data, codes = parsed(text)
    assert codes == ["yaml.tag"]
    assert "Node" not in repr(data)
