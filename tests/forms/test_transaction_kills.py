"""A real ``xjj import`` killed at random moments leaves the data as before or as after, once
the next import (here its recovery step, ``transaction.recover``) has finished or undone it
(SPEC §8 "All files or none"; issue 26, finding 2: "a kill during the writes (6 partial
imports in 150 kills)").

test_transaction.py kills at six fixed points inside the write; here nothing is hooked: the
process is SIGKILLed after a random delay, drawn from a seeded ``random.Random`` (the seed and
the delay are in every assert message, so a failure can be run again). Most of an import's
run is reading and checking, its write a few tens of milliseconds at the end; so two thirds of
the kills are spread over the whole run as measured once, one third fall at a random moment
after the journal appears (while the files are written)."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

from conftest import copy_sample
from forms.test_transaction import XJJ, blank, forms, snapshot, states
from xjj_cli.forms import transaction

__all__ = ["blank", "forms", "states"]  # the fixtures this module uses

SEED = 2026_26
SPREAD = 20
"""Kills after a delay spread over the whole run."""
WRITING = 10
"""Kills at a random moment once the journal is there."""
EXTRA = 30
"""At most this many more kills, late in the write, while an outcome has not been seen yet: on
a busy machine the run is slower than the one measured, and the kills land earlier in it."""
POLL = 0.0005


def _start(data: Path, forms: list[Path], env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [str(XJJ), "--data", str(data), "import", *map(str, forms)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )


def _wait_for_journal(process: subprocess.Popen[bytes], journal: Path) -> None:
    while process.poll() is None and not journal.exists():
        time.sleep(POLL)


def _measured(data: Path, forms: list[Path], env: dict[str, str]) -> tuple[float, float]:
    """One whole import: how long it ran and how long its journal was there (seconds)."""
    journal = data / transaction.JOURNAL_NAME
    start = time.monotonic()
    process = _start(data, forms, env)
    _wait_for_journal(process, journal)
    seen = time.monotonic()
    while process.poll() is None and journal.exists():
        time.sleep(POLL)
    written = time.monotonic()
    assert process.wait() == 0
    return time.monotonic() - start, written - seen


def _differing(state: dict[str, bytes], reference: dict[str, bytes]) -> list[str]:
    return sorted(n for n in state.keys() | reference.keys() if state.get(n) != reference.get(n))


def test_an_import_killed_at_random_moments_is_left_as_before_or_as_after(
    forms: list[Path], states: tuple[Any, Any], tmp_path: Path
) -> None:
    before, after = states
    pristine = copy_sample(tmp_path / "pristine")
    data = tmp_path / "run" / "data"
    temp = tmp_path / "tmp"  # the killed imports' copies for the check (TMPDIR)
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp)}
    shutil.copytree(pristine, data)
    duration, window = _measured(data, forms, env)
    assert snapshot(data) == after, "xjj import in a process writes what it writes in pytest"
    rng = random.Random(SEED)
    outcomes = {"before": 0, "after": 0, "journal left": 0}
    kills = 0
    while kills < SPREAD + WRITING or (
        kills < SPREAD + WRITING + EXTRA and not all(outcomes.values())
    ):
        kill, kills = kills, kills + 1
        shutil.rmtree(data)
        shutil.copytree(pristine, data)
        process = _start(data, forms, env)
        if kill < SPREAD:
            delay = rng.uniform(0, duration * 1.1)
            where = f"{delay:.3f} s after the start (one run took {duration:.3f} s)"
        else:
            _wait_for_journal(process, data / transaction.JOURNAL_NAME)
            late = kill >= SPREAD + WRITING
            delay = rng.uniform(window / 2, window * 2) if late else rng.uniform(0, window)
            where = f"{delay:.4f} s after the journal appeared (it was there {window:.4f} s)"
        time.sleep(delay)
        process.kill()
        process.wait()
        told = f"seed {SEED}, kill {kill}: {where}"
        if transaction.JOURNAL_NAME in snapshot(data):
            outcomes["journal left"] += 1
        with transaction.import_lock(data):
            transaction.recover(data)
        state = snapshot(data)
        if state == before:
            outcomes["before"] += 1
        elif state == after:
            outcomes["after"] += 1
        else:
            raise AssertionError(
                f"{told}: neither before nor after; differs from before in "
                f"{_differing(state, before)}, from after in {_differing(state, after)}"
            )
    summary = f"seed {SEED}: {outcomes} in {kills} kills"
    print(summary)
    assert outcomes["before"] >= 1, summary
    assert outcomes["after"] >= 1, summary
    assert outcomes["journal left"] >= 1, summary  # some kills fell while the files were written
