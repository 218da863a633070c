"""The lean resolver of ``load.yamldoc`` gives exactly PyYAML's tags (YAML 1.1), for every
spelling of every implicit type, quoted or plain, first time and remembered."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from xjj_cli.load import yamldoc

PLAIN = (True, False)
QUOTED = (False, True)

BOOLS = [
    word
    for base in ("yes", "no", "true", "false", "on", "off", "y", "n")
    for word in (base, base.capitalize(), base.upper(), base[0] + base[1:].upper())
]
NULLS = ["~", "null", "Null", "NULL", "nULL", "", " ", "none", "None"]
INTS = [
    "0", "1", "-1", "+1", "10", "0012", "012", "08", "0o17", "0x1F", "0X1f", "-0x1f", "0b101",
    "+0b1_0", "1_000", "1__0", "_1", "190:20:30", "-1:00", "1:60", "12345678901234567890",
    "٣", "１２", "1 000", "1e3",
]  # fmt: skip
FLOATS = [
    "1.0", "1.", ".5", "-.5", "+1.5", "1e3", "1.0e3", "1.0e+3", "1.0E-3", "1_000.5", "6.8523015e+5",
    "190:20:30.15", ".inf", "-.inf", "+.Inf", ".INF", ".nan", ".NaN", ".NAN", "-.nan", "nan", "inf",
    "1.2.3", "1,5", "．5",
]  # fmt: skip
TIMESTAMPS = [
    "2026-10-12", "2026-1-2", "2026-02-30", "2026-13-01", "0000-00-00", "2026-10-12T10:00:00",
    "2026-10-12t10:00:00Z", "2026-10-12 10:00:00.5 +08:00", "2026-10-12  1:02:03-8",
    "2026-10-12T10:00", "2026-10", "2026-10-12x", "2026/10/12", "２０２６-10-12",
]  # fmt: skip
OTHERS = [
    "<<", "=", "!", "&", "*", "-", "+", ".", "abc", "项目", "第4973号新基建项目", "RAIL-2026-04972",
    "t1438", "qkjj", "完成前期手续", "yes please", "on time", "No.1", "0-0", "1-1", "--1", "\t",
    "a: b", "x\ny", "Ｔrue", "ｙｅｓ", "null ", " null", "~~", "0.", "-", "0:0", "2026-10-12 ",
]  # fmt: skip
CORPUS = BOOLS + NULLS + INTS + FLOATS + TIMESTAMPS + OTHERS


Resolve = Callable[[type[yaml.Node], str | None, Any], str]


def _resolver(loader: type[yaml.SafeLoader]) -> Resolve:
    resolve: Resolve = loader("").resolve
    return resolve


def _pyyaml_tag(value: str, implicit: tuple[bool, bool]) -> str:
    return _resolver(yaml.SafeLoader)(yaml.ScalarNode, value, implicit)


def _lean_tag(value: str, implicit: tuple[bool, bool]) -> str:
    return _resolver(yamldoc._Loader)(yaml.ScalarNode, value, implicit)


def test_the_lean_loader_is_in_use() -> None:
    # PyYAML's safe loader has neither path resolvers nor resolvers for any first character.
    assert yamldoc._Loader is yamldoc._LeanLoader


@pytest.mark.parametrize("implicit", [PLAIN, QUOTED, (False, False)])
def test_every_spelling_gets_pyyamls_tag(implicit: tuple[bool, bool]) -> None:
    yamldoc._TAGS.clear()
    for _ in range(2):  # the first time resolved, the second time remembered
        for value in CORPUS:
            assert _lean_tag(value, implicit) == _pyyaml_tag(value, implicit), value


def test_the_corpus_covers_every_implicit_type() -> None:
    tags = {_pyyaml_tag(value, PLAIN) for value in CORPUS}
    assert tags == {
        f"tag:yaml.org,2002:{name}"
        for name in ("bool", "null", "int", "float", "timestamp", "merge", "value", "yaml", "str")
    }


def test_collections_get_pyyamls_tags() -> None:
    lean, pyyaml = _resolver(yamldoc._Loader), _resolver(yaml.SafeLoader)
    for kind, implicit in itertools.product((yaml.SequenceNode, yaml.MappingNode), (True, False)):
        assert lean(kind, None, implicit) == pyyaml(kind, None, implicit)


def _tags(node: yaml.Node) -> list[tuple[str, str, int, int]]:
    """Every node's tag and place, in document order."""
    out = [(type(node).__name__, node.tag, node.start_mark.line, node.start_mark.column)]
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            out += _tags(item)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            out += _tags(key) + _tags(value)
    return out


def _document(values: list[str]) -> str:
    lines = ["top:"]
    for i, value in enumerate(values):
        quoted = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        lines.append(f'  - {{k{i}: "{quoted}", "{quoted}": [{i}, ~, "{i}"], tagged: ! {i}}}')
    return "\n".join(lines) + "\n"


def test_a_composed_document_has_pyyamls_tags() -> None:
    safe = [v for v in CORPUS if v.strip() == v and v and "\n" not in v and "\t" not in v]
    plain = "\n".join(f"- {v}" if v not in ("-", "*", "&", "!") else f"- '{v}'" for v in safe)
    for text in (plain, _document(CORPUS), "<<: {a: 1}\n? [x, 2]\n: 2026-10-12\n? {b: c}\n: no\n"):
        lean = yaml.compose(text, Loader=yamldoc._Loader)
        pyyaml = yaml.compose(text, Loader=yaml.SafeLoader)
        assert lean is not None and pyyaml is not None
        assert _tags(lean) == _tags(pyyaml)


@given(st.text(max_size=30))
def test_any_text_gets_pyyamls_tag(value: str) -> None:
    for implicit in (PLAIN, QUOTED):
        for _ in range(2):
            assert _lean_tag(value, implicit) == _pyyaml_tag(value, implicit)


@given(
    st.text(alphabet="0123456789-+.:_eExXbotTZ ynYN~<=", max_size=25)
    | st.from_regex(r"[-+]?[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?", fullmatch=True)
    | st.dates().map(str)
    | st.datetimes().map(str)
)
def test_number_and_date_like_text_gets_pyyamls_tag(value: str) -> None:
    for _ in range(2):
        assert _lean_tag(value, PLAIN) == _pyyaml_tag(value, PLAIN)
