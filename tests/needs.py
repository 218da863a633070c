"""Tests that open xjj's outputs in real programs, and what happens where a program is missing.

A test marked ``@pytest.mark.needs("chromium", "pdftotext")`` drives those programs (see
realapps.py). `make test` installs them first (scripts/system-tools.sh). Where that could not
be done — a developer's machine without root — the tests that need a missing program are not
run, and the run ends with a banner naming them and the programs; the rest run as usual.

On CI (``CI`` set) nothing is left out: a missing program fails its tests, so a green CI run
has opened every output in LibreOffice and Chromium.

tests/conftest.py imports the hooks below, which makes them the suite's hooks. Under
pytest-xdist (`make test` runs on every core) each worker collects and leaves tests out, and
sends the list to the controller, which prints the banner.
"""

from __future__ import annotations

import os
import shutil
from typing import Any

import pytest

MISSING = pytest.StashKey[dict[str, list[str]]]()
"""The tests left out, by the missing program they need."""


def missing_programs(item: pytest.Item) -> list[str]:
    """The programs ``item`` needs (its ``needs`` marks) that are not on PATH."""
    needed = [name for mark in item.iter_markers("needs") for name in mark.args]
    return sorted({name for name in needed if shutil.which(name) is None})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get("CI"):
        return
    kept: list[pytest.Item] = []
    left_out: list[pytest.Item] = []
    by_program: dict[str, list[str]] = {}
    for item in items:
        missing = missing_programs(item)
        if not missing:
            kept.append(item)
            continue
        left_out.append(item)
        for name in missing:
            by_program.setdefault(name, []).append(item.nodeid)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept
    config.stash[MISSING] = by_program
    if hasattr(config, "workeroutput"):  # a pytest-xdist worker: tell the controller
        config.workeroutput["not_run"] = by_program


def pytest_testnodedown(node: Any, error: object) -> None:
    """pytest-xdist's controller: gather what each worker left out (each collects all)."""
    reported = getattr(node, "workeroutput", {}).get("not_run", {})
    by_program = node.config.stash.setdefault(MISSING, {})
    for name, nodes in reported.items():
        known = by_program.setdefault(name, [])
        known.extend(n for n in nodes if n not in known)


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    by_program = config.stash.get(MISSING, {})
    if not by_program:
        return
    left_out = {node for nodes in by_program.values() for node in nodes}
    terminalreporter.write_sep(
        "!", f"{len(left_out)} tests NOT RUN: programs missing on this machine", red=True
    )
    for name, nodes in sorted(by_program.items()):
        terminalreporter.write_line(f"{name} missing: {len(nodes)} tests not run", red=True)
    terminalreporter.write_line(
        "These tests open the outputs in LibreOffice and Chromium; install the programs "
        "(as root: make system-tools) and run make test again. CI runs them all.",
        red=True,
    )
