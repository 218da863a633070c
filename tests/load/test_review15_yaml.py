"""The builder of ``load.yamldoc`` with explicit tags on odd nodes: a problem, never a crash
and never a YAML node object in the data."""

from __future__ import annotations

import pytest
import yaml

from xjj_cli.diagnostics import ProblemLog
from xjj_cli.load.yamldoc import parse_yaml


def parsed(text: str) -> tuple[object, list[str]]:
    log = ProblemLog()
    doc = parse_yaml(text, "f.yaml", log)
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
