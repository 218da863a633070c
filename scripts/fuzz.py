"""make fuzz: a long fuzzing session over mutated repositories, in two processes.

    python scripts/fuzz.py [CASES]      (default 100000)

Every case mutates one file of the base repository (truncation, byte flips, type swaps,
deleted keys, shuffled lines) and runs ``validate`` and one other command, taken in turn,
on it (tests/fuzzing.py); the pytest run (tests/test_fuzz.py) runs every command per case. Crashes
are printed with the case that reproduces them; the count and date are recorded in
docs/fuzzing.md.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from fuzzing import MUTATIONS, Workspace  # noqa: E402

BATCH = 500


def run_batch(start: int) -> tuple[int, list[str]]:
    """Cases start … start+BATCH−1, each defined by its number alone (reproducible)."""
    workspace = Workspace(Path(tempfile.mkdtemp(prefix=f"xjj-fuzz-{os.getpid()}-")))
    crashes = []
    for case in range(start, start + BATCH):
        rnd = random.Random(case)
        file, mutation, seed = (
            rnd.choice(workspace.files),
            rnd.choice(sorted(MUTATIONS)),
            rnd.randrange(2**32),
        )
        crash = workspace.run_case(file, mutation, seed, every_command=False)
        if crash:
            crashes.append(f"case {case}: {file} {mutation} seed={seed}: {crash}")
    return BATCH, crashes


def main() -> None:
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    started = time.monotonic()
    done, crashes = 0, []
    with ProcessPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pool:
        for count, found in pool.map(run_batch, range(0, total, BATCH)):
            done += count
            crashes += found
            for crash in found:
                print(crash, flush=True)
            if done % 10_000 == 0:
                print(
                    f"{done} 个用例，{len(crashes)} 次崩溃，用时 {time.monotonic() - started:.0f} 秒",
                    flush=True,
                )
    seconds = time.monotonic() - started
    verdict = (
        f"{done} cases, {len(crashes)} crashes, {seconds:.0f} s, {dt.date.today().isoformat()}"
    )
    print(verdict)
    record = ROOT / "docs" / "fuzzing.md"
    lines = (
        record.read_text(encoding="utf-8").splitlines()
        if record.exists()
        else [
            "# Fuzzing record",
            "",
            "`make fuzz` mutates the base test repository one file at a time (truncation, byte flips,",
            "type swaps, deleted keys, shuffled lines) and runs `validate` and one other command (rank,",
            "rank --units departments, colors, accountability, bulletin as md/html/docx, in turn) on it;",
            "a crash is any command that does not end with exit code 0, 1 or 2 and a message. The fuzz",
            "test in `make test` runs every command on each of its cases. Each run appends a line.",
            "",
        ]
    )
    lines.append(f"- {verdict}")
    record.write_text("\n".join(lines) + "\n", encoding="utf-8")
    sys.exit(1 if crashes else 0)


if __name__ == "__main__":
    main()
