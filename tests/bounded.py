"""xjj run in a child process whose memory is limited and measured, one child for many runs.

Starting a child per run costs two interpreters and xjj's imports (about 1.8 s a run); the child
here starts once, imports xjj once and runs each command it is sent in-process (typer's
CliRunner, as the in-process tests do), answering with the exit code, the output and the child's
peak resident size so far (``VmHWM``: ``ru_maxrss`` would not do, Linux carries it over from
the forking process — a test worker of several hundred MB — across ``exec``). The peak is a
high-water mark over every run sent before: a run
whose answer is under a bound proves that run, and every earlier one, stayed under it.

A run that never ends (a command blocked on a named pipe) is killed at ``hang`` seconds and
reported as such; the child is started again for the next run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

_CHILD = """
import json, os, resource, sys, traceback

answers = os.fdopen(os.dup(1), "w", encoding="utf-8")
os.dup2(2, 1)  # anything written to the real stdout cannot mix into the answers
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from typer.testing import CliRunner
from xjj_cli.cli import app

for line in sys.stdin:
    args = json.loads(line)
    result = CliRunner().invoke(app, args)
    err = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        err += "Traceback (raised in the child)\\n" + "".join(
            traceback.format_exception(result.exception)
        )
    with open("/proc/self/status", encoding="ascii") as status:
        peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    answer = {"code": result.exit_code, "out": result.stdout, "err": err, "kb": peak}
    print(json.dumps(answer), file=answers, flush=True)
"""


@dataclass(frozen=True)
class Ran:
    """What one run said: its exit code, stdout, stderr, and the child's peak so far (MB)."""

    code: int
    out: str
    err: str
    peak_mb: float


class BoundedXjj:
    """A child process running xjj in at most ``address_space`` bytes of address space."""

    def __init__(self, address_space: int, hang: float) -> None:
        self.address_space = address_space
        self.hang = hang
        self._child: subprocess.Popen[str] | None = None

    def _start(self) -> subprocess.Popen[str]:
        env = {k: v for k, v in os.environ.items() if k != "XJJ_DEBUG"}
        return subprocess.Popen(
            [sys.executable, "-c", _CHILD, str(self.address_space)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env=env,
        )

    def run(self, *args: str | Path) -> Ran:
        """Run ``xjj args`` in the child; a run past ``hang`` seconds kills it (AssertionError)."""
        if self._child is None or self._child.poll() is not None:
            self._child = self._start()
        child = self._child
        assert child.stdin is not None and child.stdout is not None
        child.stdin.write(json.dumps([str(a) for a in args]) + "\n")
        child.stdin.flush()
        line = _read_line(child.stdout, self.hang)
        if line is None:
            child.kill()
            self._stop()
            raise AssertionError(f"xjj {args} did not end within {self.hang} s")
        if not line:
            self._stop()
            raise AssertionError(f"the child running xjj {args} died ({child.returncode})")
        found: dict[str, Any] = json.loads(line)
        return Ran(found["code"], found["out"], found["err"], found["kb"] / 1024)

    def close(self) -> None:
        """End the child (it ends when its input does)."""
        self._stop()

    def _stop(self) -> None:
        if self._child is not None:
            child, self._child = self._child, None
            for stream in (child.stdin, child.stdout):
                if stream is not None:
                    stream.close()
            child.wait(timeout=30)


def _read_line(stream: IO[str], timeout: float) -> str | None:
    """A line of ``stream`` ("" at its end), or None when none came within ``timeout``."""
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.append(stream.readline()), daemon=True)
    reader.start()
    reader.join(timeout)
    return got[0] if got else None
