"""Mutate a valid repository and run every command on it: the shared harness of the fuzz
test (tests/test_fuzz.py, a few hundred cases) and of ``make fuzz`` (scripts/fuzz.py).

A case is (file, mutation, seed). The verdict is "ok" when every command ended with exit
code 0, 1 or 2 and said something; anything else is a crash, reported with the case.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from xjj_cli.cli import app

BASE = Path(__file__).resolve().parent / "fixtures" / "base" / "data"
SWAPS = [
    "[1, 2]",
    "{a: 1}",
    "yes",
    "0012",
    "~",
    ".nan",
    "-5",
    "2026-02-30",
    "'文本'",
    "1:30",
    '"=1+2"',
    "!!binary aGk=",
]


def _truncate(data: bytes, rnd: random.Random) -> bytes:
    return data[: rnd.randrange(len(data) + 1)]


def _flip(data: bytes, rnd: random.Random) -> bytes:
    buffer = bytearray(data)
    for _ in range(rnd.randint(1, 4)):
        if buffer:
            buffer[rnd.randrange(len(buffer))] = rnd.randrange(256)
    return bytes(buffer)


def _swap(data: bytes, rnd: random.Random) -> bytes:
    lines = data.decode("utf-8", "replace").splitlines(keepends=True)
    candidates = [i for i, line in enumerate(lines) if ":" in line or "," in line]
    if not candidates:
        return data
    i = rnd.choice(candidates)
    line = lines[i]
    separator = ":" if ":" in line else ","
    head, _, _ = line.partition(separator)
    lines[i] = (
        f"{head}{separator} {rnd.choice(SWAPS)}\n"
        if separator == ":"
        else f"{head},{rnd.choice(SWAPS)}\n"
    )
    return "".join(lines).encode("utf-8")


def _delete(data: bytes, rnd: random.Random) -> bytes:
    lines = data.splitlines(keepends=True)
    if lines:
        del lines[rnd.randrange(len(lines))]
    return b"".join(lines)


def _shuffle(data: bytes, rnd: random.Random) -> bytes:
    lines = data.splitlines(keepends=True)
    rnd.shuffle(lines)
    return b"".join(lines)


MUTATIONS: dict[str, Callable[[bytes, random.Random], bytes]] = {
    "truncate": _truncate,
    "flip": _flip,
    "swap": _swap,
    "delete": _delete,
    "shuffle": _shuffle,
}
COMMANDS = (
    ["validate", "--format", "json"],
    ["rank", "--format", "json"],
    ["rank", "--units", "departments", "--format", "csv"],
    ["colors", "--format", "md"],
    ["accountability", "--format", "json"],
    ["bulletin", "--force", "--date", "2026-11-05"],
)
BULLETIN_FORMATS = (
    "md",
    "html",
    "docx",
)  # one per case, in turn: each is exercised, none every time


class Workspace:
    """A copy of the base repository in which one file at a time is mutated and restored."""

    def __init__(self, root: Path) -> None:
        self.data = root / "data"
        self.out = root / "out"
        shutil.rmtree(root, ignore_errors=True)
        shutil.copytree(BASE, self.data)
        self.files = sorted(
            p.relative_to(self.data).as_posix() for p in self.data.rglob("*") if p.is_file()
        )
        self.runner = CliRunner()

    def run_case(
        self, file: str, mutation: str, seed: int, *, every_command: bool = True
    ) -> str | None:
        """Mutate ``file``, run the commands, restore it; None when all ended cleanly.

        With ``every_command`` all commands run; otherwise ``validate`` and one more, chosen
        by the seed in turn (the long ``make fuzz`` session: three times the cases an hour)."""
        target = self.data / file
        original = (BASE / file).read_bytes()
        target.write_bytes(MUTATIONS[mutation](original, random.Random(seed)))
        commands = (
            COMMANDS if every_command else (COMMANDS[0], COMMANDS[1 + seed % (len(COMMANDS) - 1)])
        )
        try:
            for command in commands:
                crash = self._run(command, seed)
                if crash:
                    return crash
        finally:
            target.write_bytes(original)
        return None

    def _run(self, command: list[str], seed: int) -> str | None:
        args = ["--data", str(self.data), "-q", "--no-cache", *command]
        if command[0] == "bulletin":
            args += ["--out", str(self.out), "--format", BULLETIN_FORMATS[seed % 3]]
        result = self.runner.invoke(app, args)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            return f"{' '.join(command)}: {type(result.exception).__name__}: {result.exception}"
        if result.exit_code not in (0, 1, 2):
            return f"{' '.join(command)}: exit code {result.exit_code}"
        if not (result.stdout.strip() or result.stderr.strip()):
            return f"{' '.join(command)}: said nothing"
        return None
