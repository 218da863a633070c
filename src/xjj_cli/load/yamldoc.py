"""Read a YAML file into plain values plus the line and column of every key and value.

PyYAML's C composer builds the node tree (fast, and it keeps marks); the values are
then built here by hand so that the traps of YAML 1.1 become located problems instead
of silent conversions: duplicate keys, unknown tags, impossible dates, NaN, alias bombs.
Scalars keep their source text so a message can quote what the user actually typed.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

import yaml

from xjj_cli.messages import YAML_PROBLEMS, kind_name
from xjj_cli.problems import Location, ProblemLog

try:  # the C composer is many times faster; fall back only where libyaml is missing
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

YamlPath = tuple[str | int, ...]

MAX_NODES = 200_000
MAX_DEPTH = 64

_TAG = "tag:yaml.org,2002:"
_SCALARS = yaml.SafeLoader("")  # only its scalar constructors are used; built once per run


@dataclass
class YamlDoc:
    """A parsed YAML document: its value and where each part of it stands in the file."""

    file: str
    data: Any
    marks: dict[YamlPath, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[YamlPath, tuple[int, int]] = field(default_factory=dict)
    raw: dict[YamlPath, str] = field(default_factory=dict)
    broken: set[YamlPath] = field(default_factory=set)

    def at(self, path: YamlPath, *, key: bool = False) -> Location:
        """The location of the value (or key) at ``path``, or of its nearest parent."""
        if key and path in self.key_marks:
            return Location(self.file, *self.key_marks[path])
        probe = path
        while probe not in self.marks and probe:
            probe = probe[:-1]
        line, column = self.marks.get(probe, (1, 1))
        return Location(self.file, line, column)

    def source_text(self, path: YamlPath) -> str | None:
        """The text the user wrote for a non-string scalar (e.g. ``0012`` for the int 10)."""
        return self.raw.get(path)


class _Abort(Exception):
    """Stops building a document after a fatal, already-recorded problem."""


class _Builder:
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
        self.doc.marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _TAG + "seq":
                self.log.error(self.here(node), "yaml.tag", tag=_short_tag(node.tag))
                self.doc.broken.add(path)
                return None
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        return self.scalar(node, path)

    def mapping(self, node: yaml.MappingNode, path: YamlPath) -> dict[str, Any] | None:
        if node.tag != _TAG + "map":
            self.log.error(self.here(node), "yaml.tag", tag=_short_tag(node.tag))
            self.doc.broken.add(path)
            return None
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _TAG + "merge":
                self.log.error(self.here(key_node), "yaml.merge")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                kind = "映射" if isinstance(key_node, yaml.MappingNode) else "列表"
                self.log.error(self.here(key_node), "yaml.key_type", kind=kind)
                continue
            # Keys keep their text: "2026-06" stays a month and "01" never becomes 1.
            key = key_node.value
            key_path = (*path, key)
            if key in out:
                first_line = self.doc.key_marks[key_path][0]
                self.log.error(
                    self.here(key_node), "yaml.duplicate_key", key=key, first_line=first_line
                )
                continue
            self.doc.key_marks[key_path] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
            out[key] = self.build(value_node, key_path)
        return out

    def scalar(self, node: yaml.Node, path: YamlPath) -> Any:
        tag = node.tag
        if tag == _TAG + "str":
            return node.value
        if not tag.startswith(_TAG) or tag[len(_TAG) :] not in _SCALAR_TAGS:
            self.log.error(self.here(node), "yaml.tag", tag=_short_tag(tag))
            self.doc.broken.add(path)
            return None
        self.doc.raw[path] = node.value
        try:
            value = _SCALAR_TAGS[tag[len(_TAG) :]](node)
        except (ValueError, OverflowError):
            self.doc.broken.add(path)
            if tag == _TAG + "timestamp":
                self.log.error(self.here(node), "yaml.invalid_date", raw=node.value)
            else:
                self.log.error(self.here(node), "value.invalid", field=_field(path), raw=node.value)
            return None
        if isinstance(value, float) and not math.isfinite(value):
            self.doc.broken.add(path)
            self.log.error(self.here(node), "yaml.nan", raw=node.value)
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


def _field(path: YamlPath) -> str:
    names = [str(p) for p in path if isinstance(p, str)]
    return names[-1] if names else "值"


def decode_yaml(data: bytes, file: str, log: ProblemLog) -> str | None:
    """Decode a YAML file's bytes as UTF-8 (BOM allowed), or record where it is not."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        found = ""
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            found = "，而此文件是 UTF-16"
        else:
            try:
                data.decode("gb18030")
                found = "，而此文件看起来是 GB18030/GBK"
            except UnicodeDecodeError:
                pass
        log.error(Location(file, line, column), "encoding.yaml", found=found)
        return None


def parse_yaml(text: str, file: str, log: ProblemLog) -> YamlDoc | None:
    """Parse one YAML document; every problem is recorded in ``log`` with its location."""
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
    doc = YamlDoc(file, None)
    try:
        doc.data = _Builder(doc, log).build(node, ())
    except _Abort:
        return None
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
    if "\t" in problem or ("\t" in (lines[line - 1] if 0 < line <= len(lines) else "")):
        log.error(Location(file, line, column), "yaml.tab")
        return
    log.error(Location(file, line, column), "yaml.syntax", problem=_chinese_problem(problem))


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
