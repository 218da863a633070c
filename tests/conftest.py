"""Shared fixtures: the small valid repository of ``tests/fixtures/base`` and its variants.

The tests mirror the source: one folder per stage (``load/``, ``validate/``, ``engine/``,
``wording/``, ``documents/``, ``forms/``, ``cli/``), each a package, so that two files of one
name in two folders are two modules (``engine.test_scale``, ``documents.test_docx_scale``) for
pytest and for mypy. ``tests/`` itself is not a package: pytest's default import mode puts it
on ``sys.path`` (the first folder up without ``__init__.py``), so the shared helpers beside
this file (``builders``, ``probes``, ``realapps`` …) are imported by their plain names from
any folder, and a test imports another folder's test module by its package
(``from documents.test_board import run``).

A scenario of ``tests/fixtures/repos/<case>/`` is the base repository with the case's
files laid over it: ``data/…`` files replace or add files of the base, ``delete.txt``
lists base files to remove (one path a line, relative to the case root, e.g.
``data/units/units.csv``), and ``transform.yaml`` turns text files into the bytes that
cannot be written by hand (other encodings, CRLF, BOMs, NUL and undecodable bytes).
"""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import Phase, settings

from needs import pytest_collection_modifyitems, pytest_terminal_summary, pytest_testnodedown

__all__ = [  # the suite's hooks
    "pytest_collection_modifyitems",
    "pytest_terminal_summary",
    "pytest_testnodedown",
]

ROOT = Path(__file__).resolve().parents[1]
"""The repository xjj is developed in."""
SAMPLE = ROOT / "data"
"""The sample district's data folder: read it, never change it (copy it: ``sample_copy``)."""
SAMPLE_TEMPLATES = ROOT / "templates"
"""The sample district's own templates, beside its data folder."""
FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = Path(__file__).parent / "golden"
BASE = FIXTURES / "base"
CASES = FIXTURES / "repos"

TRANSFORM_KEYS = {"file", "crlf", "encode", "replace", "prepend_bytes", "append_bytes"}

# ``make mutate`` runs the tests once per mutant: the examples must be the same every time
# (derandomized, no example database) and a failure must fail at once — shrinking a failing
# example can take longer than mutmut's time-out, and the kill would be recorded as one.
settings.register_profile(
    "mutation",
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    print_blob=False,
)
settings.load_profile(os.environ.get("XJJ_HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(scope="session", autouse=True)
def _no_form_key(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """No test signs or checks forms with a key of the machine it runs on (``XJJ_FORM_KEY``,
    ``~/.config/xjj/form-key``): the tests that sign set their own."""
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("XJJ_FORM_KEY", raising=False)
        patch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
        yield


def build_repository(case: Path | None, root: Path) -> Path:
    """Copy the base repository into ``root``, apply ``case`` to it, and return its data folder."""
    shutil.copytree(BASE, root, dirs_exist_ok=True)
    if case is None:
        return root / "data"
    if (case / "data").is_dir():
        shutil.copytree(case / "data", root / "data", dirs_exist_ok=True)
    delete = case / "delete.txt"
    if delete.is_file():
        for line in delete.read_text(encoding="utf-8").splitlines():
            if line.strip():
                (root / line.strip()).unlink()
    transform = case / "transform.yaml"
    if transform.is_file():
        for step in yaml.safe_load(transform.read_text(encoding="utf-8")):
            apply_transform(root / step["file"], step)
    return root / "data"


def apply_transform(path: Path, step: dict[str, Any]) -> None:
    """Rewrite one file's bytes, in this order: CRLF, re-encode, replace, prepend, append.

    ``replace`` maps an ASCII placeholder written in the case file to the hex bytes it
    stands for, e.g. ``{"@@": "ff"}`` puts an undecodable byte where ``@@`` was.
    """
    unknown = set(step) - TRANSFORM_KEYS
    assert not unknown, f"unknown transform keys {unknown} in {step}"
    data = path.read_bytes()
    if step.get("crlf"):
        data = data.replace(b"\n", b"\r\n")
    if "encode" in step:
        data = data.decode("utf-8").encode(step["encode"])
    for placeholder, hex_bytes in step.get("replace", {}).items():
        assert placeholder.encode("ascii") in data, f"{placeholder!r} not in {path}"
        data = data.replace(placeholder.encode("ascii"), bytes.fromhex(hex_bytes))
    data = bytes.fromhex(step.get("prepend_bytes", "")) + data
    data += bytes.fromhex(step.get("append_bytes", ""))
    path.write_bytes(data)


def copy_sample(root: Path, *, templates: bool = False) -> Path:
    """Copy the sample district's ``data/`` (and its ``templates/`` if asked) into ``root``;
    returns the copy's data folder. Module-scoped fixtures that share one copy call it with a
    folder of ``tmp_path_factory``."""
    shutil.copytree(SAMPLE, root / "data")
    if templates:
        shutil.copytree(SAMPLE_TEMPLATES, root / "templates")
    return root / "data"


def filled_copy(blank: Path, tmp_path: Path, name: str, cells: dict[str, dict[str, Any]]) -> Path:
    """A copy of the blank form ``blank/name`` in ``tmp_path/in`` with ``cells`` typed in (by
    sheet, then cell reference), saved by openpyxl as a clerk's Excel would."""
    from openpyxl import load_workbook

    target = tmp_path / "in" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(blank / name, target)
    book = load_workbook(target)
    for sheet, values in cells.items():
        for ref, value in values.items():
            book[sheet][ref] = value
    book.save(target)
    return target


def pending_november(data: Path, blank: tuple[str, ...] = ("ly", "cg")) -> None:
    """November's file as `xjj import` leaves it while some towns have not submitted: every row
    of October with its target, ``completed`` empty for the towns in ``blank``."""
    october = (data / "towns" / "progress" / "2026-10.csv").read_text(encoding="utf-8")
    lines = october.splitlines()
    rows = [lines[0]]
    for line in lines[1:]:
        town, metric, target, completed = line.split(",")
        rows.append(f"{town},{metric},{target},{'' if town in blank else completed}")
    (data / "towns" / "progress" / "2026-11.csv").write_text("\n".join(rows) + "\n", "utf-8")


@pytest.fixture
def no_office(monkeypatch: pytest.MonkeyPatch) -> None:
    """A computer without LibreOffice: ``bulletin --format all`` writes md, html and docx and
    no PDF (what a test of something else than the PDF needs: the PDF takes seconds)."""
    monkeypatch.setattr("xjj_cli.render.pdf.office_program", lambda: None)


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    """A fresh copy of the sample district for one test to change: ``tmp_path/repo/data``
    (the reports' default folder, ``repo/reports``, beside it); returns the data folder."""
    return copy_sample(tmp_path / "repo")


@pytest.fixture
def sample_copy_with_templates(tmp_path: Path) -> Path:
    """:func:`sample_copy` with the sample's ``templates/`` beside its data folder."""
    return copy_sample(tmp_path / "repo", templates=True)


@pytest.fixture
def base_data(tmp_path: Path) -> Path:
    """A fresh copy of the valid base repository; returns its ``data`` folder."""
    return build_repository(None, tmp_path / "repo")


@pytest.fixture
def case_data(tmp_path: Path) -> Callable[[str], Path]:
    """Build the repository of a named scenario of ``tests/fixtures/repos``; returns ``data``."""

    def build(name: str) -> Path:
        return build_repository(CASES / name, tmp_path / name)

    return build


def assert_golden(name: str, actual: str) -> None:
    """``actual`` must equal ``tests/golden/<name>`` character for character (line ends too).

    ``XJJ_UPDATE_GOLDEN=1 make test`` rewrites the golden files instead; review their diff
    before committing it — every changed line is a change users see.
    """
    path = GOLDEN / name
    if os.environ.get("XJJ_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual.encode("utf-8"))
    expected = path.read_bytes().decode("utf-8")
    if actual != expected:
        before, after = _readable(name, expected), _readable(name, actual)
        if before == after:  # the difference is in the layout the readable form hides
            before, after = expected, actual
        diff = "".join(
            difflib.unified_diff(
                before.splitlines(keepends=True),
                after.splitlines(keepends=True),
                f"golden/{name}",
                "rendered",
            )
        )
        pytest.fail(
            f"{name} differs from the golden file (XJJ_UPDATE_GOLDEN=1 regenerates it):\n{diff}"
        )


def _readable(name: str, text: str) -> str:
    """The text as the failure's diff shows it: JSON indented, HTML one tag a line (the
    charts' SVG is one long line); a file that does not parse is shown as it is."""
    if name.endswith(".json"):
        try:
            return json.dumps(json.loads(text), ensure_ascii=False, indent=1) + "\n"
        except ValueError:
            return text
    if name.endswith(".html"):
        return re.sub(r">(?=<)", ">\n", text)
    return text


@pytest.fixture(name="golden")
def golden_fixture() -> Callable[[str, str], None]:
    """:func:`assert_golden`, the one place golden files are compared and regenerated."""
    return assert_golden
