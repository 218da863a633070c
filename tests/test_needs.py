"""tests/needs.py: a test that needs a missing program is left out loudly, except on CI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).parent

SUITE = """
import pytest

@pytest.mark.needs("xjj-no-such-program")
def test_opens_in_a_missing_program():
    assert False, "ran"

@pytest.mark.needs("{python}")
def test_opens_in_a_present_program():
    pass

def test_plain():
    pass
"""


def run_suite(tmp_path: Path, *, ci: bool, workers: int = 0) -> subprocess.CompletedProcess[str]:
    (tmp_path / "conftest.py").write_text(
        "from needs import pytest_collection_modifyitems, pytest_terminal_summary,"
        " pytest_testnodedown\n",
        encoding="utf-8",
    )
    (tmp_path / "test_suite.py").write_text(
        SUITE.replace("{python}", Path(sys.executable).name), encoding="utf-8"
    )
    (tmp_path / "pytest.ini").write_text(
        "[pytest]\nmarkers =\n    needs(*programs): programs\n", encoding="utf-8"
    )
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["PYTHONPATH"] = str(TESTS)
    env["PATH"] = f"{Path(sys.executable).parent}:{env.get('PATH', '')}"
    if ci:
        env["CI"] = "true"
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "-n",
            str(workers),
            str(tmp_path),
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_missing_program_leaves_its_tests_out_and_says_so(tmp_path: Path) -> None:
    result = run_suite(tmp_path, ci=False)
    assert result.returncode == 0, result.stdout
    assert "2 passed, 1 deselected" in result.stdout
    assert "1 tests NOT RUN: programs missing on this machine" in result.stdout
    assert "xjj-no-such-program missing: 1 tests not run" in result.stdout


def test_in_parallel_the_workers_tell_the_controller_what_they_left_out(tmp_path: Path) -> None:
    result = run_suite(tmp_path, ci=False, workers=2)
    assert result.returncode == 0, result.stdout
    assert "2 passed" in result.stdout and "failed" not in result.stdout
    assert "1 tests NOT RUN: programs missing on this machine" in result.stdout
    assert "xjj-no-such-program missing: 1 tests not run" in result.stdout


def test_on_ci_a_missing_program_fails_its_tests(tmp_path: Path) -> None:
    result = run_suite(tmp_path, ci=True)
    assert result.returncode == 1, result.stdout
    assert "1 failed, 2 passed" in result.stdout
    assert "NOT RUN" not in result.stdout
