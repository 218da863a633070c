"""Check a parsed YAML value against a record model, turning pydantic errors into problems."""

from __future__ import annotations

import re
import types
import typing
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from xjj_cli.chinese import FULLWIDTH_COLON, listing
from xjj_cli.diagnostics import Location, ProblemLog
from xjj_cli.load.typos import date_guess, halfwidth, month_guesses, wide_characters, wide_number
from xjj_cli.load.yamldoc import YamlDoc, YamlPath, describe, field_name
from xjj_cli.messages.validation import (
    BOUNDS,
    EXPECTED_KINDS,
    KIND_NAMES,
    WIDE_MARKS,
    check_word,
    date_hint,
    did_you_mean,
    kind_name,
    month_hint,
    wide_names,
)
from xjj_cli.model import CODE_PATTERN, MONTH_PATTERN

T = TypeVar("T")


def check_record(
    adapter: TypeAdapter[T],
    model: Any,
    doc: YamlDoc,
    log: ProblemLog,
    value: Any = None,
    base: YamlPath = (),
) -> T | None:
    """Validate ``value`` (default: the whole document) and record every problem."""
    try:
        return adapter.validate_python(doc.data if value is None and not base else value)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        meant = _wide_colon_keys(errors)
        for error in errors:
            if error["type"] == "missing" and error["loc"] in meant:
                continue  # the key is there, typed with a full-width colon: said once, below
            if error["type"] == "extra_forbidden" and error["loc"] in meant.values():
                _wide_colon(doc, log, (*base, *error["loc"]))
                continue
            _record(error, model, doc, log, base)
        return None


def _wide_colon_keys(errors: list[ErrorDetails]) -> dict[tuple[Any, ...], tuple[Any, ...]]:
    """Unknown keys such as ``date：2026-10-12`` (a flow mapping's full-width colon), by the
    location of the field the user meant: {("cards", 0, "date"): ("cards", 0, "date：…")}."""
    meant = {}
    for error in errors:
        key = error["loc"][-1] if error["loc"] else None
        if error["type"] == "extra_forbidden" and isinstance(key, str) and FULLWIDTH_COLON in key:
            meant[(*error["loc"][:-1], key.split(FULLWIDTH_COLON, 1)[0].strip())] = error["loc"]
    return meant


def _wide_colon(doc: YamlDoc, log: ProblemLog, loc: YamlPath) -> None:
    key = str(loc[-1])
    where = _char_at(doc, loc, key.index(FULLWIDTH_COLON), key=True)
    what, fix = WIDE_MARKS[FULLWIDTH_COLON]
    log.error(where, "yaml.fullwidth", line=where.line, what=what, fix=fix)


def _record(error: ErrorDetails, model: Any, doc: YamlDoc, log: ProblemLog, base: YamlPath) -> None:
    loc: YamlPath = (*base, *(p for p in error["loc"] if p != "[key]"))
    is_key = "[key]" in error["loc"]
    if loc in doc.broken:
        return  # the YAML reader already said what is wrong here
    kind = error["type"]
    value = error.get("input")
    if is_key:  # a bad mapping key (a plan month): name the mapping, quote the key itself
        name, raw = field_name(loc[:-1]), str(value)
    else:
        name = field_name(loc)
        raw = doc.source_text(loc) or (value if isinstance(value, str) else str(value))
    ctx = error.get("ctx") or {}
    if not is_key and isinstance(value, str) and _wide_value(kind, value, loc, doc, log):
        return
    if kind == "extra_forbidden":
        allowed = _allowed_fields(model, error["loc"][:-1])
        log.error(
            doc.at(loc, key=True),
            "field.unknown",
            field=name,
            suggestion=did_you_mean(str(name), allowed),
            allowed=listing(allowed),
        )
    elif kind == "missing":
        log.error(doc.at(loc[:-1]), "field.missing", field=name)
    elif kind == "string_type":
        if isinstance(value, (dict, list)) or value is None:
            log.error(
                doc.at(loc),
                "value.type",
                field=name,
                expected=KIND_NAMES["str"],
                found=describe(value),
            )
        elif _pattern(_annotation(model, error["loc"])) == MONTH_PATTERN:
            # 2026.11 read as a number: quoting it would only give a second error; say 2026-11.
            hint = month_hint(month_guesses(raw))
            log.error(doc.at(loc), "value.month", field=name, raw=raw, hint=hint)
        else:
            log.error(doc.at(loc), "value.quote", field=name, raw=raw, kind=kind_name(value))
    elif kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern")
        if pattern == MONTH_PATTERN:
            hint = month_hint(month_guesses(raw))
            log.error(doc.at(loc, key=is_key), "value.month", field=name, raw=raw, hint=hint)
        elif pattern == CODE_PATTERN:  # a name here is named by ``validate``, which knows them
            log.error(doc.at(loc, key=is_key), "value.code", raw=raw, suggestion="")
        else:  # pragma: no cover - every pattern in the model is one of the two
            log.error(doc.at(loc), "value.invalid", field=name, raw=raw)
    elif kind == "string_too_short":
        log.error(doc.at(loc), "value.empty", field=name)
    elif kind.startswith("datetime"):  # a 约谈's time (model.DateTime)
        log.error(doc.at(loc), "value.datetime", field=name, found=describe(value))
    elif kind.startswith("date"):
        hint = date_hint(date_guess(raw)) if isinstance(value, (str, float)) else ""
        log.error(doc.at(loc), "value.date", field=name, found=describe(value), hint=hint)
    elif kind == "literal_error":
        choices = listing(re.findall(r"'([^']*)'", str(ctx.get("expected", ""))))
        log.error(doc.at(loc), "value.choice", field=name, choices=choices, raw=raw)
    elif kind == "too_short" and not value:
        log.error(doc.at(loc), "value.empty", field=name)
    elif kind in BOUNDS:
        bound = BOUNDS[kind].format(**{k: _plain(v) for k, v in ctx.items()})
        shown = (
            raw if not isinstance(value, (list, dict)) else check_word("items", count=len(value))
        )
        log.error(doc.at(loc), "value.range", field=name, raw=shown, bound=bound)
    elif kind in EXPECTED_KINDS:
        expected = EXPECTED_KINDS[kind]
        log.error(doc.at(loc), "value.type", field=name, expected=expected, found=describe(value))
    else:
        log.error(
            doc.at(loc),
            "value.invalid",
            field=name,
            raw=check_word("because", raw=raw, reason=error["msg"]),
        )


_NUMBER_KINDS = {"int_type", "int_parsing", "float_type", "float_parsing"}
_TEXT_KINDS = {"string_pattern_mismatch", "date_type", "date_parsing"}


def _wide_value(kind: str, value: str, loc: YamlPath, doc: YamlDoc, log: ProblemLog) -> bool:
    """Record a value that is right but for its full-width characters (４２, cg，ly); True if so."""
    wide = wide_characters(value)
    if not wide:
        return False
    if kind in _NUMBER_KINDS:
        fixed = wide_number(value)
    elif kind in _TEXT_KINDS:
        fixed = halfwidth(value)
    else:
        return False
    if fixed is None:
        return False
    where = _char_at(doc, loc, value.index(wide[0]))
    log.error(where, "value.fullwidth", raw=value, chars=wide_names(wide), fixed=fixed)
    return True


def _char_at(doc: YamlDoc, loc: YamlPath, index: int, *, key: bool = False) -> Location:
    """The location of the ``index``-th character of a plain one-line scalar (else the value's)."""
    where = doc.at(loc, key=key)
    node = doc.node(loc, key=key)
    if (
        isinstance(node, yaml.ScalarNode)
        and not node.style
        and node.start_mark.line == node.end_mark.line
        and where.line == node.start_mark.line + 1
    ):
        return Location(where.file, where.line, where.column + index)
    return where


def _pattern(annotation: Any) -> str | None:
    """The string pattern an ``Annotated[str, StringConstraints(...)]`` field must match."""
    for meta in typing.get_args(annotation)[1:] if _is_annotated(annotation) else ():
        pattern = getattr(meta, "pattern", None)
        if isinstance(pattern, str):
            return pattern
    return None


def _is_annotated(annotation: Any) -> bool:
    return typing.get_origin(annotation) is typing.Annotated


def _plain(value: Any) -> Any:
    """A bound as people write it: 100, not 100.0."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _annotation(model: Any, loc: tuple[Any, ...]) -> Any:
    """The annotation of the field found by following ``loc`` from ``model`` (None if lost)."""
    current = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel) and isinstance(part, str):
            field = current.model_fields.get(part)
            if field is None:
                return None
            current = (
                typing.Annotated[(field.annotation, *field.metadata)]
                if field.metadata
                else field.annotation
            )
        elif typing.get_origin(current) in (list, dict):
            current = typing.get_args(current)[-1]
        else:
            return None
    return current


def _allowed_fields(model: Any, loc: tuple[Any, ...]) -> list[str]:
    """The field names of the record model found by following ``loc`` from ``model``."""
    current = _unwrap(_annotation(model, loc))
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated[...] and Optional[...] down to the type that holds the fields."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0]
        else:
            return annotation
