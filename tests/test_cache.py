"""The content-keyed cache: it only saves time, it never changes a result."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from xjj_cli.load import cache as cache_module
from xjj_cli.load import reader, records
from xjj_cli.load.files import FileKind
from xjj_cli.load.reader import LoadOptions
from xjj_cli.load.records import FileResult
from xjj_cli.pipeline import evaluate
from xjj_cli.render import reports
from xjj_cli.validate import validate_repository

SAMPLE = Path(__file__).resolve().parents[1] / "data"
NO_CACHE = LoadOptions(use_cache=False)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "repo" / "data"
    shutil.copytree(SAMPLE, target)
    return target


def problems(
    data: Path, options: LoadOptions | None = None
) -> list[tuple[str, int, int, str, str]]:
    repo = validate_repository(data, options)
    return [(*p.sort_key[:3], p.code, p.message) for p in repo.log.errors + repo.log.warnings]


def results(data: Path, options: LoadOptions | None = None) -> str:
    ev = evaluate(data, "2026-10", options)
    return json.dumps(
        [
            reports.accountability_json(ev.month, ev.findings),
            reports.colors_json(ev.month, ev.statuses),
        ],
        ensure_ascii=False,
    )


def loaded_from_files(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record which files are loaded from disk (not from the cache) from now on."""
    seen: list[str] = []
    original = records.load_file

    def spy(kind: FileKind, path: Path, rel: str, data: bytes) -> FileResult:
        seen.append(rel)
        return original(kind, path, rel, data)

    monkeypatch.setattr(reader, "load_file", spy)  # the name the reader calls
    return seen


def test_cached_and_uncached_runs_give_identical_results(data: Path) -> None:
    cold = results(data, NO_CACHE)
    assert not (data.parent / ".xjj-cache").exists()
    first = results(data)  # writes the cache
    assert (data.parent / ".xjj-cache").is_dir()
    second = results(data)  # reads it
    assert cold == first == second
    assert problems(data) == problems(data, NO_CACHE)


def test_a_second_run_loads_nothing_from_the_files(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    problems(data)
    seen = loaded_from_files(monkeypatch)
    problems(data)
    assert seen == []


def test_a_changed_file_is_loaded_again(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    problems(data)
    events = data / "events" / "2026-10.yaml"
    events.write_text(
        events.read_text(encoding="utf-8").replace("color: red", "color: yellow"), encoding="utf-8"
    )
    seen = loaded_from_files(monkeypatch)
    cached = results(data)
    assert seen == ["data/events/2026-10.yaml"]
    assert cached == results(data, NO_CACHE)


def test_a_changed_file_with_its_old_time_stamp_is_still_loaded_again(data: Path) -> None:
    problems(data)
    target = data / "projects" / "5g" / "5G-2026-004.yaml"
    before = target.stat()
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("percent: 50\n", "percent: 90\n"), encoding="utf-8")
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert results(data) == results(data, NO_CACHE)


def test_an_added_file_is_seen_and_a_removed_one_forgotten(data: Path) -> None:
    problems(data)
    extra = data / "projects" / "ai" / "AI-2026-099.yaml"
    shutil.copy(data / "projects" / "ai" / "AI-2026-001.yaml", extra)
    codes = [p[3] for p in problems(data)]
    assert "id.duplicate" in codes and "id.file_mismatch" in codes
    extra.unlink()
    assert problems(data) == problems(data, NO_CACHE)
    assert "id.duplicate" not in [p[3] for p in problems(data)]


def test_a_new_xjj_version_does_not_use_the_old_cache(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    problems(data)
    monkeypatch.setattr(cache_module, "code_version", lambda: "another-build")
    seen = loaded_from_files(monkeypatch)
    problems(data)
    assert len(seen) > 40
    folders = sorted(p.name for p in (data.parent / ".xjj-cache").iterdir() if p.is_dir())
    assert folders == ["data-another-build"]  # the stale build's cache is removed


def test_a_corrupt_cache_is_ignored(data: Path) -> None:
    problems(data)
    for shard in (data.parent / ".xjj-cache").rglob("*.pickle"):
        shard.write_bytes(b"not a pickle")
    assert results(data) == results(data, NO_CACHE)


def test_a_read_only_place_for_the_cache_only_costs_time(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError("read-only")

    monkeypatch.setattr(Path, "mkdir", refuse)
    assert results(data) == results(data, NO_CACHE)
