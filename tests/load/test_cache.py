"""The content-keyed cache: it only saves time, it never changes a result."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from conftest import BASE, SAMPLE
from xjj_cli.load import cache as cache_module
from xjj_cli.load import reader, records
from xjj_cli.load import scan as scanning
from xjj_cli.load.files import FileKind, discover
from xjj_cli.load.reader import LoadOptions
from xjj_cli.load.records import FileResult
from xjj_cli.model import District
from xjj_cli.pipeline import evaluate
from xjj_cli.render import reports
from xjj_cli.validate import records as validate_records
from xjj_cli.validate import run as validate_run
from xjj_cli.validate import validate_repository

NO_CACHE = LoadOptions(use_cache=False)


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


def test_cached_and_uncached_runs_give_identical_results(sample_copy: Path) -> None:
    cold = results(sample_copy, NO_CACHE)
    assert not (sample_copy.parent / ".xjj-cache").exists()
    first = results(sample_copy)  # writes the cache
    assert (sample_copy.parent / ".xjj-cache").is_dir()
    second = results(sample_copy)  # reads it
    assert cold == first == second
    assert problems(sample_copy) == problems(sample_copy, NO_CACHE)


def test_a_second_run_loads_nothing_from_the_files(
    sample_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    problems(sample_copy)
    seen = loaded_from_files(monkeypatch)
    problems(sample_copy)
    assert seen == []


def test_a_changed_file_is_loaded_again(sample_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    problems(sample_copy)
    events = sample_copy / "events" / "2026-10.yaml"
    events.write_text(
        events.read_text(encoding="utf-8").replace("color: red", "color: yellow"), encoding="utf-8"
    )
    seen = loaded_from_files(monkeypatch)
    cached = results(sample_copy)
    assert seen == ["data/events/2026-10.yaml"]
    assert cached == results(sample_copy, NO_CACHE)


def test_a_changed_file_with_its_old_time_stamp_is_still_loaded_again(sample_copy: Path) -> None:
    problems(sample_copy)
    target = sample_copy / "projects" / "5g" / "5G-2026-004.yaml"
    before = target.stat()
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("percent: 50\n", "percent: 90\n"), encoding="utf-8")
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert results(sample_copy) == results(sample_copy, NO_CACHE)


def test_an_added_file_is_seen_and_a_removed_one_forgotten(sample_copy: Path) -> None:
    problems(sample_copy)
    extra = sample_copy / "projects" / "ai" / "AI-2026-099.yaml"
    shutil.copy(sample_copy / "projects" / "ai" / "AI-2026-001.yaml", extra)
    codes = [p[3] for p in problems(sample_copy)]
    assert "id.duplicate" in codes and "id.file_mismatch" in codes
    extra.unlink()
    assert problems(sample_copy) == problems(sample_copy, NO_CACHE)
    assert "id.duplicate" not in [p[3] for p in problems(sample_copy)]


def test_a_new_xjj_version_does_not_use_the_old_cache(
    sample_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    problems(sample_copy)
    monkeypatch.setattr(cache_module, "code_version", lambda: "another-build")
    seen = loaded_from_files(monkeypatch)
    problems(sample_copy)
    assert len(seen) > 40
    folders = sorted(p.name for p in (sample_copy.parent / ".xjj-cache").iterdir() if p.is_dir())
    assert folders == ["data-another-build"]  # the stale build's cache is removed


def test_a_corrupt_cache_is_ignored(sample_copy: Path) -> None:
    problems(sample_copy)
    for shard in (sample_copy.parent / ".xjj-cache").rglob("*.pickle"):
        shard.write_bytes(b"not a pickle")
    assert results(sample_copy) == results(sample_copy, NO_CACHE)


def test_a_read_only_place_for_the_cache_only_costs_time(
    sample_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError("read-only")

    monkeypatch.setattr(Path, "mkdir", refuse)
    assert results(sample_copy) == results(sample_copy, NO_CACHE)


def report(data: Path, **kwargs: object) -> tuple[list[tuple[str, int, int, str, str]], object]:
    """What ``xjj validate`` shows: the problems and the census, without loading records when
    the cache holds them."""
    repo = validate_repository(data, records=False, **kwargs)  # type: ignore[arg-type]
    shown = [(*p.sort_key[:3], p.code, p.message) for p in repo.log.errors + repo.log.warnings]
    return shown, repo.census()


def uncached_report(
    data: Path, **kwargs: object
) -> tuple[list[tuple[str, int, int, str, str]], object]:
    repo = validate_repository(data, NO_CACHE, **kwargs)  # type: ignore[arg-type]
    shown = [(*p.sort_key[:3], p.code, p.message) for p in repo.log.errors + repo.log.warnings]
    return shown, repo.census()


def age(data: Path, seconds: int = 3600) -> None:
    """Date every data file back, as files long unchanged are (not racily clean)."""
    for path in data.rglob("*"):
        if path.is_file():
            stat = path.stat()
            os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns - seconds * 10**9))


def rewrite_same_size(path: Path) -> None:
    """Change a value without changing the file's size, then put its mtime back."""
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    changed = text.replace("percent: 50\n", "percent: 90\n", 1)
    assert changed != text and len(changed) == len(text)
    path.write_text(changed, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def test_validate_restores_the_kept_problems_when_nothing_changed(
    sample_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = report(sample_copy)
    seen = loaded_from_files(monkeypatch)
    second = report(sample_copy)
    assert seen == []
    assert first == second == uncached_report(sample_copy)
    assert validate_repository(sample_copy, records=False).projects == {}  # restored: no records


def test_kept_problems_are_not_those_of_another_day(sample_copy: Path) -> None:
    early = dt.date(2026, 1, 2)
    assert report(sample_copy) == uncached_report(sample_copy)
    assert report(sample_copy, today=early) == uncached_report(sample_copy, today=early)
    # later dates lie in early's future
    assert report(sample_copy, today=early) != report(sample_copy)


def test_an_unchanged_old_file_is_not_even_read(
    sample_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    age(sample_copy)
    problems(sample_copy)
    hashed: list[int] = []
    original = cache_module.content_digest

    def spy(content: bytes) -> str:
        hashed.append(len(content))
        return original(content)

    monkeypatch.setattr(reader, "content_digest", spy)
    monkeypatch.setattr(scanning, "content_digest", spy)
    problems(sample_copy)
    maps = [p for p in sample_copy.rglob("*.svg")]
    assert len(hashed) == len(maps)  # the map is hashed (a stat is not kept for it), nothing else


def test_a_racily_clean_file_is_hashed_again(
    sample_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A file system whose ctime and inode say nothing: the size and mtime alone are kept.
    monkeypatch.setattr(scanning, "signature", lambda stat: (stat.st_size, stat.st_mtime_ns, 0, 0))
    target = sample_copy / "projects" / "5g" / "5G-2026-004.yaml"
    os.utime(target)  # written just now: within the tick of the manifest written next
    problems(sample_copy)
    rewrite_same_size(target)  # same size, same mtime: the stat cannot tell
    expected = results(sample_copy, NO_CACHE)
    seen = loaded_from_files(monkeypatch)
    assert results(sample_copy) == expected
    assert seen == ["data/projects/5g/5G-2026-004.yaml"]


def test_a_same_size_change_of_an_old_file_is_seen_by_its_ctime(
    sample_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    age(sample_copy)
    problems(sample_copy)
    rewrite_same_size(sample_copy / "projects" / "5g" / "5G-2026-004.yaml")
    expected = results(sample_copy, NO_CACHE)
    seen = loaded_from_files(monkeypatch)
    assert results(sample_copy) == expected
    assert seen == ["data/projects/5g/5G-2026-004.yaml"]


def test_a_renamed_and_a_deleted_file_are_seen(sample_copy: Path) -> None:
    assert report(sample_copy) == uncached_report(sample_copy)
    project = sample_copy / "projects" / "ai" / "AI-2026-001.yaml"
    project.rename(project.with_name("AI-2026-098.yaml"))
    assert report(sample_copy) == uncached_report(sample_copy)
    assert "id.file_mismatch" in [p[3] for p in report(sample_copy)[0]]
    (sample_copy / "towns" / "towns.csv").unlink()
    assert report(sample_copy) == uncached_report(sample_copy)
    assert problems(sample_copy) == problems(sample_copy, NO_CACHE)


def test_a_corrupt_manifest_or_kept_problems_are_ignored(sample_copy: Path) -> None:
    report(sample_copy)
    for name in ("manifest.pickle", "checks.pickle"):
        for path in (sample_copy.parent / ".xjj-cache").rglob(name):
            path.write_bytes(b"\x80\x04not a pickle")
    assert report(sample_copy) == uncached_report(sample_copy)
    assert results(sample_copy) == results(sample_copy, NO_CACHE)


def test_a_cache_that_cannot_be_written_only_costs_time(
    sample_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report(sample_copy)

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError("read-only")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    events = sample_copy / "events" / "2026-10.yaml"
    events.write_text(
        events.read_text(encoding="utf-8").replace("color: red", "color: yellow"), encoding="utf-8"
    )
    assert report(sample_copy) == uncached_report(sample_copy)
    assert results(sample_copy) == results(sample_copy, NO_CACHE)


BASE_DATA = BASE / "data"


def same(restored: object, fresh: object, where: str) -> None:
    """``restored`` is ``fresh`` in type, value and, for a record, in every field and in
    which fields were set (what ``model_dump(exclude_unset=True)`` depends on)."""
    assert type(restored) is type(fresh), where
    if isinstance(fresh, BaseModel):
        assert isinstance(restored, BaseModel)
        assert restored.model_fields_set == fresh.model_fields_set, where
        assert restored.__pydantic_extra__ == fresh.__pydantic_extra__, where
        assert restored.__pydantic_private__ == fresh.__pydantic_private__, where
        assert list(restored.__dict__) == list(fresh.__dict__), where
        for name, value in fresh.__dict__.items():
            same(restored.__dict__[name], value, f"{where}.{name}")
    elif isinstance(fresh, list | tuple):
        assert isinstance(restored, list | tuple)
        assert len(restored) == len(fresh), where
        for i, (a, b) in enumerate(zip(restored, fresh, strict=True)):
            same(a, b, f"{where}[{i}]")
    elif isinstance(fresh, dict):
        assert isinstance(restored, dict)
        assert list(restored) == list(fresh), where
        for key, value in fresh.items():
            same(restored[key], value, f"{where}[{key!r}]")
    elif dataclasses.is_dataclass(fresh):
        for f in dataclasses.fields(fresh):
            same(getattr(restored, f.name), getattr(fresh, f.name), f"{where}.{f.name}")
    else:
        assert restored == fresh, where


@pytest.mark.parametrize("folder", [SAMPLE, BASE_DATA], ids=["sample", "fixtures-base"])
def test_every_record_restored_from_the_cache_is_the_one_loaded(
    folder: Path, tmp_path: Path
) -> None:
    kinds = set()
    for f in discover(folder, folder.parent):
        if f.kind not in records.LOADED_KINDS:
            continue
        fresh = records.load_file(f.kind, f.path, f.rel, f.path.read_bytes())
        shard = cache_module.write_shard(tmp_path, {f.rel: ("digest", fresh)})
        restored = cache_module.Cache(tmp_path).load([shard])[shard][f.rel][1]
        for record, _ in fresh.records:
            kinds.add(type(record).__name__)
        kinds.update(type(row).__name__ for row in fresh.rows)
        assert restored.records == fresh.records
        same(restored.records, fresh.records, f.rel)
        same(restored.rows, fresh.rows, f.rel)
        same(restored.problems, fresh.problems, f.rel)
        assert [p.params for p in restored.problems] == [p.params for p in fresh.problems]
        assert (restored.rel, restored.kind, restored.whole) == (fresh.rel, fresh.kind, fresh.whole)
        if fresh.doc is not None:
            assert restored.doc is not None
            assert (restored.doc.file, restored.doc.broken) == (fresh.doc.file, fresh.doc.broken)
    assert kinds >= {
        "District",
        "Domain",
        "Project",
        "Task",
        "Events",
        "Town",
        "Unit",
        "TownFigure",
    }


def test_a_restored_record_dumps_like_the_loaded_one(tmp_path: Path) -> None:
    path = SAMPLE / "district.yaml"
    fresh = records.load_file(FileKind.DISTRICT, path, "data/district.yaml", path.read_bytes())
    shard = cache_module.write_shard(tmp_path, {"d": ("digest", fresh)})
    restored = cache_module.Cache(tmp_path).load([shard])[shard]["d"][1]
    (record, _), (original, _) = restored.records[0], fresh.records[0]
    assert record.model_dump(exclude_unset=True) == original.model_dump(exclude_unset=True)
    assert record.model_dump_json() == original.model_dump_json()
    assert isinstance(record, District)
    with pytest.raises(ValidationError):
        record.district = "改"  # type: ignore[misc]  # still frozen


def figure_checks_run(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record which checks of the town figures run (rather than come from the cache)."""
    ran: list[str] = []
    for name in ("check_figures", "check_figure_plausibility"):
        original = getattr(validate_run, name)

        def spy(repo: object, name: str = name, original: Any = original) -> None:
            ran.append(name)
            original(repo)

        monkeypatch.setattr(validate_run, name, spy)
    return ran


def test_a_changed_project_file_does_not_check_the_figures_again(
    sample_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    problems(sample_copy)
    ran = figure_checks_run(monkeypatch)
    project = sorted((sample_copy / "projects").rglob("*.yaml"))[0]
    project.write_text(project.read_text(encoding="utf-8") + "# 改动\n", encoding="utf-8")
    warm = problems(sample_copy)
    assert ran == []
    assert warm == problems(sample_copy, NO_CACHE)
    assert results(sample_copy) == results(sample_copy, NO_CACHE)


def test_a_changed_figures_file_checks_the_figures_again(
    sample_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = problems(sample_copy)
    ran = figure_checks_run(monkeypatch)
    figures = sample_copy / "towns" / "progress" / "2026-10.csv"
    lines = figures.read_text(encoding="utf-8").splitlines()
    town, metric, target, _ = lines[1].split(",")
    # a figure far above its target (a warning), and a decrease (an error)
    lines[1] = ",".join((town, metric, target, str(int(target) * 9)))
    lines[2] = ",".join([*lines[2].split(",")[:3], "0"])
    figures.write_text("\n".join(lines) + "\n", encoding="utf-8")
    after = problems(sample_copy)
    assert ran == ["check_figures", "check_figure_plausibility"]
    assert after == problems(sample_copy, NO_CACHE)
    assert {p[3] for p in after} - {p[3] for p in before} >= {
        "progress.decrease",
        "progress.far_above_target",
    }


def projects_checked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the files of the projects whose own checks run (rather than come from the cache)."""
    checked: list[str] = []
    original = validate_records.check_project

    def spy(repo: Any, sourced: Any) -> None:
        checked.append(sourced.file)
        original(repo, sourced)

    monkeypatch.setattr(validate_run, "check_project", spy)
    return checked


def test_only_a_changed_project_is_checked_again(
    sample_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    problems(sample_copy)
    checked = projects_checked(monkeypatch)
    project = sorted((sample_copy / "projects").rglob("*.yaml"))[0]
    text = project.read_text(encoding="utf-8")
    owner = next(line for line in text.splitlines() if line.startswith("owner:"))
    project.write_text(text.replace(owner, "owner: no-such-unit", 1), encoding="utf-8")
    warm = problems(sample_copy)
    assert checked == [f"data/{project.relative_to(sample_copy).as_posix()}"]
    assert warm == problems(sample_copy, NO_CACHE)
    assert any(p[3] == "ref.unknown" and "no-such-unit" in p[4] for p in warm)


def test_a_changed_units_table_checks_every_project_again(
    sample_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = problems(sample_copy)
    checked = projects_checked(monkeypatch)
    units = sample_copy / "units" / "units.csv"
    lines = units.read_text(encoding="utf-8").splitlines()
    owners = {
        line.split(":", 1)[1].strip()
        for path in (sample_copy / "projects").rglob("*.yaml")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("owner:")
    }
    kept = [line for line in lines if line.split(",", 1)[0] not in owners or line == lines[0]]
    assert len(kept) < len(lines)
    units.write_text("\n".join(kept) + "\n", encoding="utf-8")
    after = problems(sample_copy)
    assert len(checked) == len(list((sample_copy / "projects").rglob("*.yaml")))
    assert after == problems(sample_copy, NO_CACHE)
    assert len(after) > len(before)  # the projects' owners are now unknown


def test_the_code_version_is_worked_out_once_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 23 §4: a stat of every source file is the same for every load of a process (the
    code it runs is the code it imported), so it is done once."""
    first = cache_module.code_version()

    def listing(self: Path, pattern: str) -> object:
        raise AssertionError(f"{self} listed again")

    monkeypatch.setattr(Path, "rglob", listing)
    assert cache_module.code_version() == first


def test_a_changed_interviews_file_changes_what_is_read(
    sample_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = validate_repository(sample_copy)
    assert first.interviews["2026-10"].record.place == "区政府3号楼302会议室"
    interviews = sample_copy / "interviews" / "2026-10.yaml"
    interviews.write_text(
        interviews.read_text(encoding="utf-8").replace("302会议室", "301会议室"), encoding="utf-8"
    )
    seen = loaded_from_files(monkeypatch)
    again = validate_repository(sample_copy)
    assert seen == ["data/interviews/2026-10.yaml"]
    assert again.interviews["2026-10"].record.place == "区政府3号楼301会议室"
    assert results(sample_copy) == results(sample_copy, NO_CACHE)
