"""A real full disk: ``xjj import`` into a data folder on a small tmpfs, filled so that the
import's staging runs out of space part-way, changes nothing and says the disk is full (SPEC §8
"All files or none"; issue 26, finding 2: "a full disk (36 of 37)").

The tmpfs is mounted in a user and mount namespace of its own (``unshare -rm``), so the test
needs no root and touches no mount of the machine. CI runs on the same kind of machine as
development: where ``unshare`` is refused the test fails, saying so (it is never skipped)."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from conftest import SAMPLE
from forms.test_transaction import XJJ, blank, forms, states
from xjj_cli.forms import transaction

__all__ = ["blank", "forms", "states"]  # the fixtures this module uses

PAGE = 4096
"""tmpfs counts whole pages."""

# Run inside the namespace: mount the tmpfs, copy the data folder onto it, load it once (the
# office's load cache is there, as on any repository in use), fill the disk to leave ``leave``
# bytes, import, then free the disk and import again. Prints what it saw as JSON.
_ON_FULL_DISK = """
import hashlib, json, os, shutil, subprocess, sys
xjj, sample, disk, leave, *forms = sys.argv[1:]
subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", disk], check=True)
data = os.path.join(disk, "data")
shutil.copytree(sample, data)
subprocess.run([xjj, "--data", data, "validate"], check=True, capture_output=True)
def free():
    stat = os.statvfs(disk)
    return stat.f_bavail * stat.f_frsize
filler = os.path.join(disk, "filler")
with open(filler, "wb") as stream:
    stream.write(bytes(free() - int(leave)))
left = free()
def files():
    found = {}
    for folder, _, names in os.walk(data):
        for name in names:
            path = os.path.join(folder, name)
            if ".xjj-cache" not in os.path.relpath(path, data).split(os.sep):
                with open(path, "rb") as stream:
                    found[os.path.relpath(path, data)] = hashlib.sha256(stream.read()).hexdigest()
    return found
full = subprocess.run([xjj, "--data", data, "import", *forms], capture_output=True, text=True)
after_full = files()
os.unlink(filler)
freed = subprocess.run([xjj, "--data", data, "import", *forms], capture_output=True, text=True)
print(json.dumps({
    "left": left,
    "full": [full.returncode, full.stdout, full.stderr],
    "after_full": after_full,
    "freed": [freed.returncode, freed.stdout, freed.stderr],
    "after_freed": files(),
}))
"""


def _digests(state: dict[str, bytes]) -> dict[str, str]:
    return {name: hashlib.sha256(data).hexdigest() for name, data in state.items()}


def _pages(data: bytes) -> int:
    return -(-len(data) // PAGE)


def test_an_import_onto_a_full_disk_changes_nothing_and_says_the_disk_is_full(
    forms: list[Path], states: tuple[Any, Any], tmp_path: Path
) -> None:
    before, after = states
    changed = sorted(name for name in after if before.get(name) != after[name])
    staged = [_pages(after[name]) for name in changed]
    # room for the journal and about half the staged files: the next one finds the disk full
    leave = PAGE * (1 + sum(staged[: len(staged) // 2]))
    disk = tmp_path / "disk"
    disk.mkdir()
    unshare = shutil.which("unshare")
    assert unshare is not None, "unshare (util-linux) is needed to mount a small tmpfs"
    command = [unshare, "-rm", sys.executable, "-c", _ON_FULL_DISK, str(XJJ), str(SAMPLE)]
    seen = subprocess.run(
        [*command, str(disk), str(leave), *map(str, forms)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert seen.returncode == 0, (
        "a real full disk needs `unshare -rm` (a user and mount namespace) to mount a small "
        f"tmpfs; it failed (exit {seen.returncode}):\n{seen.stderr}"
    )
    report = json.loads(seen.stdout)
    code, out, err = report["full"]
    told = f"left {report['left']} bytes free for {len(changed)} files ({staged} pages)\n{err}"
    assert code == 1, told
    assert "Traceback" not in out + err, told
    assert "磁盘空间不足" in err, told
    assert "没有修改任何文件" in err, told
    # the file that failed is one being staged, not the journal: staging began, then failed
    assert any(f"写入 data/{name} 失败" in err for name in changed), told
    assert report["after_full"] == _digests(before), told  # no journal, staged file or backup
    assert not any(transaction.SIDE_PART in name for name in report["after_full"])
    code, out, err = report["freed"]
    assert code == 0, err  # with room again, the same import goes through
    assert report["after_freed"] == _digests(after)
