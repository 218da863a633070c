"""The hostile forms corpus timed: ``xjj import --dry-run`` of each workbook of
tests/hostile_forms.py (the hostile cases and the largest workbooks the bounds let through),
in a fresh process, with its wall time and peak resident memory.

    python bench/hostile_corpus.py

Prints a Markdown table (the tests assert the memory, never the time: tests/forms/test_import_hostile.py).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from hostile_forms import AT_THE_BOUNDS, CASES  # noqa: E402

MONTH = "2026-11"
FORMS = {"town": f"{MONTH}-古槐街道-月度数据.xlsx", "owner": f"{MONTH}-区供电公司-项目进度.xlsx"}
_PEAK = """
import json, resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"code": done.returncode, "err": done.stderr, "kb": peak}))
"""


def main() -> None:
    from xjj_cli.commands.forms import forms_files

    with tempfile.TemporaryDirectory(prefix="xjj-bench-hostile-") as temp:
        root = Path(temp)
        data = root / "data"
        shutil.copytree(ROOT / "data", data)
        forms_files(data, MONTH, root / "blank")
        forms = {kind: root / "blank" / name for kind, name in FORMS.items()}
        command = [sys.executable, "-m", "xjj_cli", "--data", str(data), "import", "--dry-run"]
        subprocess.run([*command, str(forms["town"])], capture_output=True, check=False)
        print("| workbook | size | exit | time | peak memory |")
        print("|---|---:|---:|---:|---:|")
        for case in (*CASES, *AT_THE_BOUNDS):
            path = root / f"{case.name}.xlsx"
            case.make(forms[case.form], path)
            started = time.monotonic()
            done = subprocess.run(
                [sys.executable, "-c", _PEAK, *command, str(path)],
                capture_output=True,
                text=True,
                check=True,
            )
            seconds = time.monotonic() - started
            found = json.loads(done.stdout)
            size = path.stat().st_size / 1024
            print(
                f"| {case.name} | {size:,.0f} kB | {found['code']} | {seconds:.1f} s "
                f"| {found['kb'] / 1024:.0f} MB |",
                flush=True,
            )


if __name__ == "__main__":
    main()
