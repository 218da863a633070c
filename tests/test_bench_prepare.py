"""The benchmark's edits between runs (bench/prepare.py): the one changed file really changes,
in content and in time stamp, and stays valid; a cold run starts without any cache."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from generate import generate  # noqa: E402
from prepare import change_one_figure, clear_caches, path_without  # noqa: E402

from xjj_cli.load.reader import LoadOptions  # noqa: E402
from xjj_cli.validate import validate_repository  # noqa: E402


@pytest.fixture
def project(tmp_path: Path) -> Path:
    data = generate(tmp_path, towns=3, projects=7, months=3, seed=1)
    return data / "projects" / "5g" / "5G-2026-00000.yaml"


def test_the_changed_file_differs_only_in_the_years_planned_investment(project: Path) -> None:
    before = yaml.safe_load(project.read_text(encoding="utf-8"))
    change_one_figure(project)
    after = yaml.safe_load(project.read_text(encoding="utf-8"))
    assert after["investment"]["year"] == before["investment"]["year"] + 1
    del after["investment"]["year"], before["investment"]["year"]
    assert after == before


def test_each_change_is_a_new_content(project: Path) -> None:
    seen = {project.read_bytes()}
    for _ in range(3):
        change_one_figure(project)
        seen.add(project.read_bytes())
    assert len(seen) == 4


def test_the_time_stamp_moves_even_when_the_size_does_not(project: Path) -> None:
    # an old time stamp, as a stat-based cache would have recorded it
    os.utime(project, ns=(1_000_000_000, 1_000_000_000))
    size = project.stat().st_size
    change_one_figure(project)
    assert project.stat().st_mtime_ns != 1_000_000_000
    assert project.stat().st_size == size


def test_the_changed_repository_still_validates(project: Path) -> None:
    change_one_figure(project)
    repo = validate_repository(
        project.parents[2], LoadOptions(use_cache=False), today=dt.date(2026, 12, 31)
    )
    assert repo.log.exit_code == 0, repo.log


def test_a_file_without_the_investment_line_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("id: X\n", encoding="utf-8")
    with pytest.raises(ValueError, match="investment"):
        change_one_figure(path)


def test_clear_caches_removes_the_cache_beside_and_inside_the_data(tmp_path: Path) -> None:
    data = tmp_path / "data"
    for cache in (tmp_path / ".xjj-cache" / "data-0", data / ".xjj-cache"):
        cache.mkdir(parents=True)
        (cache / "manifest").write_text("x", encoding="utf-8")
    clear_caches(data)
    assert not (tmp_path / ".xjj-cache").exists()
    assert not (data / ".xjj-cache").exists()
    assert data.is_dir()


def test_path_without_hides_the_programs_and_keeps_every_other_one(tmp_path: Path) -> None:
    bin_, other = tmp_path / "bin", tmp_path / "other"
    for folder, names in ((bin_, ("soffice", "git", "fc-list")), (other, ("python3",))):
        folder.mkdir()
        for name in names:
            (folder / name).write_text("#!/bin/sh\n", encoding="utf-8")
            (folder / name).chmod(0o755)
    path = os.pathsep.join([str(bin_), str(other)])
    hidden = path_without(("soffice", "libreoffice"), path, tmp_path / "shadow")
    assert shutil.which("soffice", path=hidden) is None
    assert shutil.which("git", path=hidden) is not None
    assert shutil.which("fc-list", path=hidden) is not None
    assert hidden.split(os.pathsep)[1] == str(other)  # a folder without them stays as it was
    assert (bin_ / "soffice").exists()  # nothing of the real folder is touched
