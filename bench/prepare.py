"""What `make bench` does to a generated repository between measured runs."""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

CACHE_DIR = ".xjj-cache"
_PLANNED = re.compile(r"^investment: \{total: \d+, year: (\d+)\}$", re.MULTILINE)


def change_one_figure(path: Path) -> None:
    """Raise one project's planned investment for the year by 1 万元 and make sure the file's
    modification time moves, so that a cache trusting (size, mtime) cannot miss the change:
    the year's figure usually keeps its number of digits, and so the file its size."""
    before = path.stat().st_mtime_ns
    text = path.read_text(encoding="utf-8")
    match = _PLANNED.search(text)
    if match is None:
        raise ValueError(f"{path}: no 'investment: {{total: …, year: …}}' line to change")
    changed = text[: match.start(1)] + str(int(match.group(1)) + 1) + text[match.end(1) :]
    path.write_text(changed, encoding="utf-8")
    # on a file system with coarse time stamps the write may land in the same tick as the
    # previous one: write again until the time stamp differs
    while path.stat().st_mtime_ns == before:
        time.sleep(0.01)
        path.write_text(changed, encoding="utf-8")


def clear_caches(data: Path) -> None:
    """Remove every xjj cache of the repository holding ``data`` (next to it or inside it),
    so that a cache left by an earlier run cannot make a cold run faster."""
    for folder in (data.parent / CACHE_DIR, data / CACHE_DIR):
        shutil.rmtree(folder, ignore_errors=True)


OFFICE_PROGRAMS = ("soffice", "libreoffice")
"""LibreOffice's names on PATH (src/xjj_cli/render/pdf.py looks for these)."""


def path_without(programs: tuple[str, ...], path: str, shadow: Path) -> str:
    """``path`` (a PATH value) with ``programs`` hidden: each folder holding one of them is
    replaced by a folder under ``shadow`` of links to everything else it holds, so that the
    other programs (git, fc-list …) stay where a command looks for them."""
    folders = []
    for n, entry in enumerate(path.split(os.pathsep)):
        folder = Path(entry)
        if entry and any((folder / name).exists() for name in programs):
            twin = shadow / str(n)
            shutil.rmtree(twin, ignore_errors=True)
            twin.mkdir(parents=True)
            for item in folder.iterdir():
                if item.name not in programs:
                    (twin / item.name).symlink_to(item)
            entry = str(twin)
        folders.append(entry)
    return os.pathsep.join(folders)
