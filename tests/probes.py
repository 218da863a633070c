"""Which modules a command imports: run in a fresh Python, as a user's ``xjj`` runs."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Probed:
    """A command's exit code and output, and which of the modules asked about it imported."""

    exit_code: int
    stdout: str
    imported: list[str]


def imports_of(args: Sequence[str], modules: Sequence[str]) -> Probed:
    """Run ``xjj args`` (typer's test runner) in a fresh Python and say which of ``modules``
    were imported by the end."""
    probe = (
        "import json, sys\n"
        "from typer.testing import CliRunner\n"
        "from xjj_cli.cli import app\n"
        f"r = CliRunner().invoke(app, {list(args)!r})\n"
        f"imported = [m for m in {list(modules)!r} if m in sys.modules]\n"
        "print(json.dumps({'exit_code': r.exit_code, 'stdout': r.stdout, 'imported': imported}))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return Probed(**json.loads(done.stdout.splitlines()[-1]))
