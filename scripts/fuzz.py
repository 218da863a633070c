"""make fuzz: a long fuzzing session over mutated repositories and mutated forms, in two
processes.

    python scripts/fuzz.py [CASES] [FORM_CASES]      (default 100000 and 5000)

Every repository case mutates one file of the base repository (truncation, byte flips, type
swaps, deleted keys, shuffled lines) and runs ``validate`` and one other command, taken in turn,
on it; every form case mutates a real filled form (its zip's bytes, or the parts inside it:
flipped, truncated, swapped, dropped, doubled or relocated parts, far dimensions and cell
references, hostile hidden-sheet values and cell values) and runs ``xjj import --dry-run`` on
it (tests/fuzzing.py). The pytest run (tests/test_fuzz.py) runs a short session of each.
Crashes are printed with the case that reproduces them; the counts and date are recorded in
docs/fuzzing.md (a line for each kind of session run; 0 cases skips it).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from fuzzing import FORM_MUTATIONS, FORMS, MUTATIONS, FormWorkspace, Workspace  # noqa: E402

BATCH = 500
FORM_BATCH = 250


def run_batch(start: int) -> tuple[int, list[str]]:
    """Repository cases start … start+BATCH−1, each defined by its number alone (reproducible)."""
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


def run_form_batch(start: int) -> tuple[int, list[str]]:
    """Form cases start … start+FORM_BATCH−1, each defined by its number alone."""
    crashes = []
    with tempfile.TemporaryDirectory(prefix=f"xjj-fuzz-forms-{os.getpid()}-") as temp:
        workspace = FormWorkspace(Path(temp))
        for case in range(start, start + FORM_BATCH):
            rnd = random.Random(case)
            form, mutation, seed = (
                rnd.randrange(len(FORMS)),
                rnd.choice(sorted(FORM_MUTATIONS)),
                rnd.randrange(2**32),
            )
            crash = workspace.run_case(form, mutation, seed)
            if crash:
                crashes.append(f"form case {case}: {FORMS[form]} {mutation} seed={seed}: {crash}")
    return FORM_BATCH, crashes


def session(
    what: str, total: int, batch: int, run: Callable[[int], tuple[int, list[str]]]
) -> tuple[str, list[str]]:
    """Run ``total`` cases in batches on two processes; the verdict line and the crashes."""
    started = time.monotonic()
    done, crashes = 0, []
    with ProcessPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pool:
        for count, found in pool.map(run, range(0, total, batch)):
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
        f"{what}{done} cases, {len(crashes)} crashes, {seconds:.0f} s, "
        f"{dt.date.today().isoformat()}"
    )
    print(verdict, flush=True)
    return verdict, crashes


def main() -> None:
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    form_total = int(sys.argv[2]) if len(sys.argv) > 2 else 5_000
    verdicts, crashes = [], []
    if total:
        verdict, found = session("", total, BATCH, run_batch)
        verdicts.append(verdict)
        crashes += found
    if form_total:
        verdict, found = session("forms: ", form_total, FORM_BATCH, run_form_batch)
        verdicts.append(verdict)
        crashes += found
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
    lines += [f"- {verdict}" for verdict in verdicts]
    record.write_text("\n".join(lines) + "\n", encoding="utf-8")
    sys.exit(1 if crashes else 0)


if __name__ == "__main__":
    main()
