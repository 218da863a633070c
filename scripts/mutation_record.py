"""make mutate (last step): the record of the mutation run, for docs/mutation.md.

    python scripts/mutation_record.py [--diffs]

Reads the results ``mutmut run`` left in ``mutants/`` and prints, as Markdown, the date,
mutmut's version, the counts (killed, survived, timeout, other, total and the share killed)
and every mutant not killed, by name — with its diff when ``--diffs`` is given. Copy the
counts into docs/mutation.md and explain every survivor there.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

MUTMUT = [sys.executable, "-m", "mutmut"]
STATS = Path("mutants/mutmut-cicd-stats.json")


def mutmut(*args: str) -> str:
    """mutmut's output for one command (run from the repository's root)."""
    return subprocess.run([*MUTMUT, *args], check=True, capture_output=True, text=True).stdout


def main(argv: list[str]) -> int:
    if not Path("mutants").is_dir():
        print("No mutants/ here: run `make mutate` first.", file=sys.stderr)
        return 1
    mutmut("export-cicd-stats")
    stats = json.loads(STATS.read_text(encoding="utf-8"))
    total = stats["total"]
    killed, survived, timeout = stats["killed"], stats["survived"], stats["timeout"]
    other = total - killed - survived - timeout
    share = 100 * killed / total if total else 0.0
    print(f"- date: {dt.date.today().isoformat()}")
    print(
        f"- mutmut {version('mutmut')}, `make mutate` (src/xjj_cli/engine/, pyproject's test set)"
    )
    print(
        f"- killed {killed}, survived {survived}, timeout {timeout}, other {other}"
        f" (no tests {stats['no_tests']}, suspicious {stats['suspicious']},"
        f" segfault {stats['segfault']}, skipped {stats['skipped']}), total {total}"
    )
    print(f"- killed: {share:.1f} %")
    print()
    not_killed = [
        line.strip().split(": ")
        for line in mutmut("results").splitlines()
        if line.strip() and ": " in line
    ]
    for name, status in sorted(not_killed):
        print(f"- `{name}`: {status}")
        if "--diffs" in argv:
            diff = mutmut("show", name).split("\n", 1)[-1].strip()
            print("\n```diff\n" + diff + "\n```\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
