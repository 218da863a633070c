"""Loading shared between this process and a worker gives exactly what loading in one process
gives — records, problems with their locations, digests — with the cache and without."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from xjj_cli.load import reader
from xjj_cli.load.reader import LoadOptions, load_repository, scan_data
from xjj_cli.repository import Repository
from xjj_cli.validate import validate_repository

sys.path.insert(0, str(ROOT / "bench"))
from generate import generate

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2,
    reason="workers are used on Linux with two CPUs or more",
)

BROKEN = {
    "projects/5g/5G-2026-00001.yaml": "id: [unclosed\n",
    "projects/5g/5G-2026-00002.yaml": "id: 5G-2026-00002\nid: again\nname: 项目\n",
    "projects/grid/GRID-2026-00003.yaml": "- not\n- a mapping\n",
    "projects/rail/RAIL-2026-00004.yaml": "id: RAIL-2026-09999\nname：全角冒号\n",
}


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("parallel")
    folder = generate(root, towns=12, projects=300, months=3, seed=3)
    for rel, text in BROKEN.items():
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return folder


def _summary(repo: Repository) -> dict[str, Any]:
    return {
        "problems": [
            (p.location, p.code, p.message, p.severity, p.subject) for p in repo.log.problems
        ],
        "projects": {key: (p.record, p.file, p.base) for key, p in repo.projects.items()},
        "figures": repo.figures,
        "towns": repo.towns,
        "tasks": [(t.record, t.file, t.base) for t in repo.tasks],
        "complete": repo.complete,
    }


def _load(data: Path, options: LoadOptions) -> tuple[dict[str, Any], dict[str, str]]:
    scan = scan_data(data, options)
    repo = load_repository(data, options, scan)
    return _summary(repo), dict(scan.digests)


@pytest.fixture
def shared(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Load in small chunks shared with a worker; the sizes of the chunks loaded here."""
    here: list[int] = []
    load_here = reader._load_here
    main = os.getpid()

    def counted(jobs: Any, folder: Any) -> Any:
        if os.getpid() == main:
            here.append(len(jobs))
        return load_here(jobs, folder)

    monkeypatch.setattr(reader, "_load_here", counted)
    monkeypatch.setattr(reader, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(reader, "MIN_CHUNK_FILES", 5)
    return here


def _alone(data: Path, options: LoadOptions, monkeypatch: pytest.MonkeyPatch) -> Any:
    with monkeypatch.context() as m:
        m.setattr(reader, "PARALLEL_MIN_FILES", 10**9)
        return _load(data, options)


def test_shared_loading_equals_loading_alone(
    data: Path, shared: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    options = LoadOptions(use_cache=False)
    alone = _alone(data, options, monkeypatch)
    shared.clear()
    together = _load(data, options)
    total = len([f for f in scan_data(data, options).todo])
    assert 0 < sum(shared) < total  # both this process and the worker loaded some files
    assert together == alone
    assert {p[1] for p in alone[0]["problems"]} >= {"yaml.syntax", "yaml.duplicate_key"}


def test_shared_loading_with_the_cache_equals_loading_alone(
    data: Path, tmp_path: Path, shared: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "repo" / "data"
    shutil.copytree(data, copy)
    alone = _alone(copy, LoadOptions(use_cache=False), monkeypatch)
    written = _load(copy, LoadOptions())  # every file loaded, kept in shards
    assert shared
    shared.clear()
    kept = _load(copy, LoadOptions())  # every file from the shards
    assert not shared
    assert written == alone == kept


def test_progress_counts_up_to_every_file(data: Path, shared: list[int]) -> None:
    seen: list[tuple[int, int]] = []
    options = LoadOptions(use_cache=False, progress=lambda done, total: seen.append((done, total)))
    load_repository(data, options)
    total = seen[0][1]
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert seen[-1] == (total, total)
    assert len(seen) > 3


def test_validate_is_the_same_shared_or_alone(
    data: Path, shared: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    options = LoadOptions(use_cache=False)
    with monkeypatch.context() as m:
        m.setattr(reader, "PARALLEL_MIN_FILES", 10**9)
        alone = validate_repository(data, options).log.problems
    assert validate_repository(data, options).log.problems == alone
