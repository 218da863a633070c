"""Read a YAML file into plain values plus the line and column of every key and value.

PyYAML's C composer builds the node tree (fast, and it keeps marks); the values are
then built here by hand so that the traps of YAML 1.1 become located problems instead
of silent conversions: duplicate keys, unknown tags, impossible dates, NaN, alias bombs.
Locations are found again from the node tree only when a problem is reported.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from xjj_cli.diagnostics import Location, ProblemLog
from xjj_cli.load.typos import wide_marks
from xjj_cli.messages.validation import KIND_NAMES, WIDE_MARKS, YAML_PROBLEMS, check_word, kind_name
from xjj_cli.regular import read_regular

try:  # the C composer is many times faster; fall back only where libyaml is missing
    _Base: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Base = yaml.SafeLoader

YamlPath = tuple[str | int, ...]

MAX_NODES = 500_000
"""Nodes one YAML file may hold: room for a province-scale year of the problems ledger
(20,000 entries with every field: about 380,000 nodes); an alias bomb stops here."""
MAX_DEPTH = 64

_TAG = "tag:yaml.org,2002:"
_STR, _MAP, _SEQ, _MERGE = _TAG + "str", _TAG + "map", _TAG + "seq", _TAG + "merge"
_INT, _TIMESTAMP = _TAG + "int", _TAG + "timestamp"
_SCALARS = yaml.SafeLoader("")  # only its scalar constructors are used; built once per run

_IMPLICIT: dict[str, list[tuple[str, re.Pattern[str]]]] = _Base.yaml_implicit_resolvers
"""PyYAML's implicit resolvers by the first character of a plain scalar ('' for empty)."""
_TAGS: dict[str, str] = {}
"""The tags of plain scalars that might not be strings, as resolved so far in this process."""
_TAGS_KEPT = 50_000


class _LeanLoader(_Base):  # type: ignore[misc,valid-type]
    """The safe loader with a leaner resolver: PyYAML's pure-Python ``resolve`` is called by
    the C composer for every node and cost as much as our whole building of the values.

    It gives exactly PyYAML's tags (tests/load/test_yaml_resolver.py compares them). The safe
    loader has no path resolvers, so the composer's walk down and up the tree needs no
    bookkeeping; and no implicit resolver for every first character, so a plain scalar is
    matched against the resolvers of its first character only, in PyYAML's order, and one
    whose first character has none is a string. The others (digits, ``y``, ``~`` …: months,
    dates, numbers) repeat much, so their tags are remembered."""

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None

    def resolve(self, kind: type[yaml.Node], value: str, implicit: tuple[bool, bool]) -> str:
        if kind is not yaml.ScalarNode:
            return _SEQ if kind is yaml.SequenceNode else _MAP
        if not implicit[0]:  # quoted, or tagged with a bare "!"
            return _STR
        resolvers = _IMPLICIT.get(value[:1])
        if resolvers is None:
            return _STR
        tag = _TAGS.get(value)
        if tag is None:
            tag = next((tag for tag, regexp in resolvers if regexp.match(value)), _STR)
            if len(_TAGS) >= _TAGS_KEPT:
                _TAGS.clear()
            _TAGS[value] = tag
        return tag


_LEAN = not _Base.yaml_path_resolvers and None not in _IMPLICIT
_Loader: type[yaml.SafeLoader] = _LeanLoader if _LEAN else _Base
"""The loader every YAML file is composed with (PyYAML's own if its resolvers ever change)."""


@dataclass
class YamlDoc:
    """A parsed YAML document: its value, and the node tree that knows where each part stands.

    Locations are looked up only when a problem is reported, by walking the node tree;
    a document that crossed a process boundary or came from the cache has no tree and
    parses its file again on demand (``source``).
    """

    file: str
    data: Any
    root: yaml.Node | None = field(default=None, repr=False, compare=False)
    source: str | None = None
    broken: set[YamlPath] = field(default_factory=set)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["root"] = None  # node trees are large; they are rebuilt when needed
        return state

    def _tree(self) -> yaml.Node | None:
        if self.root is None and self.source is not None:
            try:
                self.root = yaml.compose(read_regular(self.source)[0], Loader=_Loader)
            except (OSError, yaml.YAMLError):
                return None
        return self.root

    def node(self, path: YamlPath, *, key: bool = False) -> yaml.Node | None:
        """The node at ``path`` (its key node with ``key``), or the nearest parent found."""
        node = self._tree()
        if node is None:
            return None
        for i, part in enumerate(path):
            child: yaml.Node | None = None
            if isinstance(node, yaml.MappingNode) and isinstance(part, str):
                for key_node, value_node in node.value:
                    if isinstance(key_node, yaml.ScalarNode) and key_node.value == part:
                        child = key_node if key and i == len(path) - 1 else value_node
                        break
            elif (
                isinstance(node, yaml.SequenceNode)
                and isinstance(part, int)
                and 0 <= part < len(node.value)
            ):
                child = node.value[part]
            if child is None:
                break
            node = child
        return node

    def at(self, path: YamlPath, *, key: bool = False) -> Location:
        """The location of the value (or key) at ``path``, or of its nearest parent."""
        node = self.node(path, key=key)
        if node is None:
            return Location(self.file)
        return Location(self.file, node.start_mark.line + 1, node.start_mark.column + 1)

    def source_text(self, path: YamlPath) -> str | None:
        """The text the user wrote for a non-string scalar (e.g. ``0012`` for the int 10)."""
        node = self.node(path)
        if isinstance(node, yaml.ScalarNode) and node.tag != _TAG + "str":
            return str(node.value)
        return None


class _Abort(Exception):
    """Stops building a document after a fatal, already-recorded problem."""


_NOT_PLAIN = object()


def _first_key(node: yaml.MappingNode, key: str) -> yaml.Node:
    """The first key node of ``node`` that ``_Builder.mapping`` takes as the key ``key``."""
    return next(
        k
        for k, _ in node.value
        if k.tag != _MERGE and isinstance(k, yaml.ScalarNode) and k.value == key
    )


class _Builder:
    """Turns a node tree into plain values; the hot path of loading, so kept lean."""

    def __init__(self, doc: YamlDoc, log: ProblemLog) -> None:
        self.doc = doc
        self.log = log
        self.count = 0

    def here(self, node: yaml.Node) -> Location:
        return Location(self.doc.file, node.start_mark.line + 1, node.start_mark.column + 1)

    def build(self, node: yaml.Node, path: YamlPath) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            self.log.error(self.here(node), "yaml.too_large", limit=MAX_NODES)
            raise _Abort
        if len(path) > MAX_DEPTH:
            self.log.error(self.here(node), "yaml.too_deep", limit=MAX_DEPTH)
            raise _Abort
        tag = node.tag
        if tag == _STR and isinstance(node, yaml.ScalarNode):  # "!!str {a: 1}" is a tag error
            return node.value
        if tag == _MAP and isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        if tag == _SEQ and isinstance(node, yaml.SequenceNode):
            return self.sequence(node, path)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, path)
        self.log.error(self.here(node), "yaml.tag", tag=_short_tag(tag))
        self.doc.broken.add(path)
        return None

    def plain(self, node: yaml.Node) -> Any:
        """A string's or a plain decimal's value, counted as ``build`` counts it; ``_NOT_PLAIN``
        for any other node, or when the node limit is near (``build`` then says so).

        Most nodes are such leaves: taking them here spares a call and a path per node."""
        if self.count >= MAX_NODES:
            return _NOT_PLAIN
        if not isinstance(node, yaml.ScalarNode):
            return _NOT_PLAIN
        tag = node.tag
        if tag == _STR:
            self.count += 1
            return node.value
        if tag == _INT:
            text = node.value
            if text.isascii() and text.isdigit() and (text[0] != "0" or text == "0"):
                self.count += 1
                return int(text)
        return _NOT_PLAIN

    def mapping(self, node: yaml.MappingNode, path: YamlPath) -> dict[str, Any]:
        out: dict[str, Any] = {}
        leaves = len(path) < MAX_DEPTH  # a leaf below is within the depth limit
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                self.log.error(self.here(key_node), "yaml.merge")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                kind = KIND_NAMES["dict" if isinstance(key_node, yaml.MappingNode) else "list"]
                self.log.error(self.here(key_node), "yaml.key_type", kind=kind)
                continue
            # Keys keep their text: "2026-06" stays a month and "01" never becomes 1.
            key = key_node.value
            if key in out:
                self.log.error(
                    self.here(key_node),
                    "yaml.duplicate_key",
                    key=key,
                    first_line=_first_key(node, key).start_mark.line + 1,
                )
                continue
            value = self.plain(value_node) if leaves else _NOT_PLAIN
            out[key] = self.build(value_node, (*path, key)) if value is _NOT_PLAIN else value
        return out

    def sequence(self, node: yaml.SequenceNode, path: YamlPath) -> list[Any]:
        out: list[Any] = []
        leaves = len(path) < MAX_DEPTH
        for index, item in enumerate(node.value):
            value = self.plain(item) if leaves else _NOT_PLAIN
            out.append(self.build(item, (*path, index)) if value is _NOT_PLAIN else value)
        return out

    def scalar(self, node: yaml.ScalarNode, path: YamlPath) -> Any:
        tag, text = node.tag, node.value
        if tag == _INT and text.isascii() and text.isdigit() and (text[0] != "0" or text == "0"):
            return int(text)  # plain decimal: the common case, without YAML 1.1's octal and base-60
        if tag == _TIMESTAMP and len(text) == 10 and text[4] == "-" and text[7] == "-":
            try:
                return dt.date(int(text[:4]), int(text[5:7]), int(text[8:]))
            except ValueError:
                self.doc.broken.add(path)
                self.log.error(self.here(node), "yaml.invalid_date", raw=text)
                return None
        if not tag.startswith(_TAG) or tag[len(_TAG) :] not in _SCALAR_TAGS:
            self.log.error(self.here(node), "yaml.tag", tag=_short_tag(tag))
            self.doc.broken.add(path)
            return None
        try:
            value = _SCALAR_TAGS[tag[len(_TAG) :]](node)
        except (ValueError, OverflowError):
            self.doc.broken.add(path)
            if tag == _TIMESTAMP:
                self.log.error(self.here(node), "yaml.invalid_date", raw=text)
            else:
                self.log.error(self.here(node), "value.invalid", field=field_name(path), raw=text)
            return None
        if isinstance(value, float) and not math.isfinite(value):
            self.doc.broken.add(path)
            self.log.error(self.here(node), "yaml.nan", raw=text)
            return None
        return value


def _timestamp(node: yaml.ScalarNode) -> dt.date | dt.datetime:
    value: dt.date | dt.datetime = _SCALARS.construct_yaml_timestamp(node)
    return value


_SCALAR_TAGS: dict[str, Any] = {
    "null": lambda node: None,
    "bool": _SCALARS.construct_yaml_bool,
    "int": _SCALARS.construct_yaml_int,
    "float": _SCALARS.construct_yaml_float,
    "timestamp": _timestamp,
}


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag


def field_name(path: YamlPath) -> str:
    """The name of the field at ``path`` (its last key), for messages."""
    names = [str(p) for p in path if isinstance(p, str)]
    return names[-1] if names else check_word("value")


def decode_yaml(data: bytes, file: str, log: ProblemLog) -> str | None:
    """Decode a YAML file's bytes as UTF-8 (BOM allowed), or record where it is not."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        found = ""
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            found = check_word("encoding.utf16")
        else:
            try:
                data.decode("gb18030")
                found = check_word("encoding.gb18030")
            except UnicodeDecodeError:
                pass
        log.error(Location(file, line, column), "encoding.yaml", found=found)
        return None


def parse_yaml(text: str, file: str, log: ProblemLog, source: str | None = None) -> YamlDoc | None:
    """Parse one YAML document; every problem is recorded in ``log`` with its location.

    ``source`` is the file's path, to find locations again after the tree is dropped."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        _syntax_problem(exc, text, file, log)
        return None
    except yaml.reader.ReaderError as exc:  # NUL and other control characters
        line, column = _text_position(text, exc.position)
        log.error(Location(file, line, column), "yaml.syntax", problem=_chinese_problem(exc.reason))
        return None
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        log.error(Location(file), "yaml.syntax", problem=str(exc))
        return None
    except RecursionError:
        log.error(Location(file), "yaml.too_deep", limit=MAX_DEPTH)
        return None
    if node is None:
        log.error(Location(file), "yaml.empty")
        return None
    doc = YamlDoc(file, None, node, source)
    try:
        doc.data = _Builder(doc, log).build(node, ())
    except _Abort:
        return None
    if source is not None:
        doc.root = None  # thousands of node trees kept alive would slow every allocation
    return doc


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, file: str, log: ProblemLog) -> None:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or str(exc)
    if "expected a single document" in str(exc):
        log.error(Location(file, line, column), "yaml.multiple")
        return
    if "maximum nesting depth" in problem:  # libyaml's own limit, far above ours
        log.error(Location(file, line, column), "yaml.too_deep", limit=MAX_DEPTH)
        return
    lines = text.split("\n")
    if _wide_mark_problem(text, line, file, log):
        return
    if "\t" in problem or ("\t" in (lines[line - 1] if 0 < line <= len(lines) else "")):
        log.error(Location(file, line, column), "yaml.tab")
        return
    log.error(Location(file, line, column), "yaml.syntax", problem=_chinese_problem(problem))


def _wide_mark_problem(text: str, line: int, file: str, log: ProblemLog) -> bool:
    """Name a full-width colon, comma or indent at or before the failing ``line``, if any.

    The parser stumbles only on the token after it (often the next line) and blames that;
    the full-width character the user typed is the cause, so it is named where it stands.
    """
    marks = wide_marks(text, line)
    if not marks:
        return False
    mark = marks[-1]
    what, fix = WIDE_MARKS["indent" if mark.indent else mark.char]
    log.error(
        Location(file, mark.line, mark.column), "yaml.fullwidth", line=mark.line, what=what, fix=fix
    )
    return True


def _text_position(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of a UTF-8 byte ``offset`` (libyaml counts bytes)."""
    before = text.encode("utf-8")[:offset].decode("utf-8", "ignore")
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


def _chinese_problem(problem: str) -> str:
    for english, chinese in YAML_PROBLEMS.items():
        if problem.startswith(english):
            return chinese
    return problem


def describe(value: object) -> str:
    """How a parsed value reads in a message: its kind and its text."""
    return f"{kind_name(value)}“{value}”"
