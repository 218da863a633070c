"""What both planners of an import share (``apply`` for figures and progress, ``ledger`` for
the problems ledger): the plan they fill, and how a text is written as a YAML scalar."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml


@dataclass
class Plan:
    """The new content of every file to change, the changes in words, and the conflicts."""

    files: dict[Path, bytes] = field(default_factory=dict)
    changes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


_PLAIN_UNSAFE = re.compile(r"^[-?:,\[\]{}#&*!|>'\"%@`\s]|: |\s#|\s$|[\x00-\x1f]")


def yaml_scalar(text: str, *, flow: bool) -> str:
    """``text`` as a YAML scalar: plain when it reads back as the same string, else quoted."""
    unsafe = _PLAIN_UNSAFE.search(text) or (flow and re.search(r"[,\[\]{}]", text))
    if not unsafe:
        try:
            if yaml.safe_load(f"k: {text}") == {"k": text}:
                return text
        except yaml.YAMLError:
            pass
    return json.dumps(text, ensure_ascii=False)
