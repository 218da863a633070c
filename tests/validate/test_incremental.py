"""``xjj validate`` after a change: the warm run says exactly what a cold ``--no-cache`` run
says (same problems, same order, same text), whichever file changed; after a change of
project files only, it loads and checks those files alone (validate.Segments). Files moved,
swapped, renamed, linked, broken and mended, folders renamed or replaced by files, and the data
folder moved with its cache, all say what the cold run says too."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from probes import imports_of
from xjj_cli import validate as validate_module
from xjj_cli.cli import app
from xjj_cli.load import files as files_module
from xjj_cli.load import reader, records
from xjj_cli.load.files import FileKind
from xjj_cli.load.records import FileResult
from xjj_cli.validate import records as validate_records
from xjj_cli.validate import run as validate_run

runner = CliRunner()
FIRST = "projects/5g/5G-2026-001.yaml"
OTHER = "projects/5g/5G-2026-002.yaml"


@pytest.fixture
def data(sample_copy: Path) -> Path:
    """A copy of the sample validated twice: every file loaded, then the kept problems."""
    validate(sample_copy)  # loads every file and keeps the segments
    validate(sample_copy)  # nothing changed: the kept problems
    return sample_copy


def validate(data: Path, *options: str) -> str:
    """The JSON and the text report of ``xjj validate``."""
    out = []
    for output in ("json", "text"):
        result = runner.invoke(app, ["--data", str(data), *options, "validate", "-f", output])
        assert result.exit_code in (0, 1), result.output
        out.append(result.stdout)
    return "\n".join(out)


def same_as_cold(data: Path) -> str:
    """Validate warm and cold; they must agree to the character. Returns the warm report."""
    warm = validate(data)
    assert warm == validate(data, "--no-cache")
    assert validate(data) == warm  # and the next warm run, from what this one kept
    return warm


def edit(data: Path, rel: str, change: Callable[[str], str]) -> None:
    path = data / rel
    text = path.read_text(encoding="utf-8")
    changed = change(text)
    assert changed != text
    path.write_text(changed, encoding="utf-8")


def replace(old: str, new: str) -> Callable[[str], str]:
    return lambda text: text.replace(old, new, 1)


def watch(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Record the files loaded from disk and whether the whole repository was loaded."""
    seen: dict[str, list[str]] = {"files": [], "whole": []}
    load_file, load_repository = records.load_file, reader.load_repository

    def spy_file(kind: FileKind, path: Path, rel: str, content: bytes) -> FileResult:
        seen["files"].append(rel)
        return load_file(kind, path, rel, content)

    def spy_repository(*args: Any, **kwargs: Any) -> Any:
        seen["whole"].append("loaded")
        return load_repository(*args, **kwargs)

    monkeypatch.setattr(reader, "load_file", spy_file)
    monkeypatch.setattr(validate_run, "load_repository", spy_repository)
    return seen


def test_a_changed_figure_loads_and_checks_that_file_alone(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = watch(monkeypatch)
    edit(data, FIRST, replace("year: 1860", "year: 1861"))
    warm = validate(data)
    assert seen == {"files": [f"data/{FIRST}"], "whole": []}
    assert warm == validate(data, "--no-cache")


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        ("owner: tt", "owner: no-such-unit", "ref.unknown"),
        ("towns: [gh, fq, yh, ygg]", "towns: [gh, fq, yh, nowhere]", "ref.unknown"),
        ("done: 2026-09-24", "done: 2099-09-24", "date.future"),
        ("end: 2026-09-30", "end: 2026-01-30", "project.dates"),
        (
            "percent: 100\n    invested: 1800\n    note: 已完",
            "percent: 90\n    invested: 1800\n    note: 已完",
            "project.percent_decrease",
        ),
        ("owner: tt", "owner: [tt", "yaml.syntax"),
    ],
)
def test_a_project_checked_alone_says_what_a_cold_run_says(
    data: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str, code: str
) -> None:
    seen = watch(monkeypatch)
    edit(data, FIRST, replace(old, new))
    validate(data)
    if code != "yaml.syntax":  # a broken file no longer holds its project: a whole run
        assert seen["whole"] == []
    assert code in same_as_cold(data)


def test_a_fixed_project_drops_its_problems(data: Path) -> None:
    edit(data, FIRST, replace("owner: tt", "owner: no-such-unit"))
    assert "no-such-unit" in same_as_cold(data)
    edit(data, FIRST, replace("owner: no-such-unit", "owner: tt"))
    assert "no-such-unit" not in same_as_cold(data)


def test_two_projects_changed_one_after_the_other(data: Path) -> None:
    edit(data, FIRST, replace("owner: tt", "owner: no-such-unit"))
    same_as_cold(data)
    edit(data, OTHER, replace("domain: 5g", "domain: 6g"))
    warm = same_as_cold(data)
    assert "no-such-unit" in warm and "domain.unknown" in warm


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("id: 5G-2026-001", "id: 5G-2026-002"),  # now a duplicate of the next file's id
        ("id: 5G-2026-001", "id: 5G-2026-901"),  # the ledger and the cards may name the old id
        ("domain: 5g", "domain: grid"),  # the ledger compares a problem's domain with its project's
    ],
)
def test_a_changed_id_or_domain_checks_every_file_again(
    data: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str
) -> None:
    seen = watch(monkeypatch)
    edit(data, FIRST, replace(old, new))
    validate(data)
    assert seen["whole"]
    same_as_cold(data)


def test_a_project_named_in_the_ledger_changes_its_id(data: Path) -> None:
    ledger = (data / "problems" / "2026.yaml").read_text(encoding="utf-8")
    assert "project: 5G-2026-004" in ledger
    edit(data, "projects/5g/5G-2026-004.yaml", replace("id: 5G-2026-004", "id: 5G-2026-904"))
    assert "5G-2026-004" in same_as_cold(data)  # the ledger's reference is now unknown


def test_an_added_and_a_removed_project_file(data: Path) -> None:
    added = data / "projects" / "5g" / "5G-2026-999.yaml"
    added.write_text(
        (data / FIRST).read_text(encoding="utf-8").replace("5G-2026-001", "5G-2026-999"),
        encoding="utf-8",
    )
    same_as_cold(data)
    (data / OTHER).unlink()
    same_as_cold(data)


@pytest.mark.parametrize(
    ("rel", "old", "new"),
    [
        ("domains/5g.yaml", "lead: ", "lead: no-such-"),
        ("towns/towns.csv", "gh,古槐街道", "gx,古槐街道"),
        ("units/units.csv", "\ntt,", "\nzz,"),
        ("towns/progress/2026-10.csv", "gh,5g.stations,42,39", "gh,5g.stations,42,1"),
        ("acknowledged.yaml", "150->180", "150->181"),
    ],
)
def test_a_changed_file_other_than_a_project(data: Path, rel: str, old: str, new: str) -> None:
    edit(data, rel, replace(old, new))
    same_as_cold(data)
    edit(data, FIRST, replace("year: 1860", "year: 1861"))  # then a project: segments anew
    same_as_cold(data)


def test_a_project_after_a_changed_table_is_checked_against_the_new_table(data: Path) -> None:
    edit(data, "units/units.csv", replace("\ntt,", "\nzz,"))
    same_as_cold(data)
    edit(data, FIRST, replace("owner: tt", "owner: zz"))
    warm = same_as_cold(data)
    assert "“tt”" in warm  # the other projects of the unit whose code changed


def test_segments_are_not_those_of_another_day(data: Path) -> None:
    from datetime import date

    edit(data, FIRST, replace("done: 2026-09-24", "done: 2027-01-02"))
    late = validate_module.validate_repository(data, today=date(2027, 1, 3), records=False)
    cold = validate_module.validate_repository(data, today=date(2027, 1, 3))
    assert late.log.problems == cold.log.problems
    early = validate_module.validate_repository(data, today=date(2026, 12, 1), records=False)
    assert any(p.code == "date.future" for p in early.log.problems)
    assert not any(p.code == "date.future" for p in late.log.problems)


def age(data: Path, seconds: int = 3600) -> None:
    """Make every folder and file look written an hour ago (older than any racy tick)."""
    past = time.time() - seconds
    for path in [data, *data.rglob("*")]:
        os.utime(path, (past, past))


def walks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record each walk of the data folder (rather than its listing kept in the cache)."""
    walked: list[str] = []
    original = files_module._walk

    def spy(folder: Any, parts: Any, folders: Any = None) -> Any:
        if not parts:
            walked.append(str(folder))
        return original(folder, parts, folders)

    monkeypatch.setattr(files_module, "_walk", spy)
    return walked


def test_unchanged_folders_are_not_walked_again(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    age(data)
    validate(data)  # walks: every folder was racy when last walked
    walked = walks(monkeypatch)
    before = validate(data)
    assert walked == []
    edit(data, FIRST, replace("owner: tt", "owner: no-such-unit"))  # a file, not a folder
    assert validate(data) == validate(data, "--no-cache")
    assert walked == [str(data)] * 2  # only the cold runs (of the JSON and the text) walked
    assert before != validate(data)  # the changed figure was seen all the same


@pytest.mark.parametrize("change", ["add", "remove", "rename", "unexpected", "hidden"])
def test_a_changed_folder_is_walked_again(
    data: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    age(data)
    validate(data)
    walked = walks(monkeypatch)
    folder = data / "projects" / "5g"
    if change == "add":
        text = (data / FIRST).read_text(encoding="utf-8")
        (folder / "5G-2026-999.yaml").write_text(text.replace("-001", "-999"), encoding="utf-8")
    elif change == "remove":
        (data / OTHER).unlink()
    elif change == "rename":
        (data / OTHER).rename(folder / "5G-2026-998.yaml")
    elif change == "unexpected":
        (data / "towns" / "progress" / "2026-13.csv").write_text("x\n", encoding="utf-8")
    else:
        (folder / ".hidden.yaml").write_text("x: 1\n", encoding="utf-8")
    warm = validate(data)
    assert walked and walked[0] == str(data)
    assert warm == validate(data, "--no-cache")


def test_a_folder_changed_within_its_tick_is_walked_again(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    age(data)
    os.utime(data / "projects" / "5g")  # changed just now: walked now, within the same tick
    validate(data)
    walked = walks(monkeypatch)
    validate(data)  # the folder's stat is the one kept, but it was racy when walked
    assert walked == [str(data)] * 2
    age(data)
    validate(data)  # aged again: its stat changed, walked for the JSON, trusted for the text
    assert len(walked) == 3
    validate(data)
    assert len(walked) == 3


def test_a_linked_file_is_never_trusted_to_its_listing(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = data.parent / "elsewhere.yaml"
    outside.write_text((data / FIRST).read_text(encoding="utf-8"), encoding="utf-8")
    (data / OTHER).unlink()
    (data / OTHER).symlink_to(outside)
    age(data)
    validate(data)
    walked = walks(monkeypatch)
    assert validate(data) == validate(data, "--no-cache")
    assert walked[0] == str(data)


def test_validate_with_nothing_changed_imports_no_records_model(data: Path) -> None:
    probed = imports_of(
        ["--data", str(data), "validate"],
        ("xjj_cli.model", "xjj_cli.validate", "xjj_cli.load.records", "yaml"),
    )
    assert probed.exit_code == 0, probed.stdout
    assert probed.imported == []


def test_the_scan_knows_the_loader_s_kinds_and_months() -> None:
    from xjj_cli.load import scan
    from xjj_cli.load.files import MONTH_FILE
    from xjj_cli.model import MONTH_PATTERN

    assert scan.LOADED_KINDS == records.LOADED_KINDS
    assert MONTH_FILE.pattern == MONTH_PATTERN


def ledger_checked(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record each run of the checks of the problems ledger (rather than their kept result)."""
    ran: list[int] = []
    original = validate_records.check_problems

    def spy(repo: Any) -> None:
        ran.append(len(repo.problems))
        original(repo)

    monkeypatch.setattr(validate_run, "check_problems", spy)
    return ran


def all_problems(data: Path, *, use_cache: bool = True) -> list[Any]:
    repo = validate_module.validate_repository(data, reader.LoadOptions(use_cache=use_cache))
    return [(p.location, p.code, p.message, p.subject) for p in repo.log.problems]


@pytest.mark.parametrize(
    ("rel", "old", "new"),
    [
        ("projects/5g/5G-2026-004.yaml", "domain: 5g", "domain: grid"),
        ("projects/5g/5G-2026-004.yaml", "id: 5G-2026-004", "id: 5G-2026-904"),
        ("units/units.csv", "\ntt,", "\nzz,"),
        ("problems/2026.yaml", "project: 5G-2026-004", "project: 5G-2026-005"),
    ],
)
def test_the_ledger_s_checks_are_kept_until_what_they_read_changes(
    data: Path, monkeypatch: pytest.MonkeyPatch, rel: str, old: str, new: str
) -> None:
    all_problems(data)
    ran = ledger_checked(monkeypatch)
    all_problems(data)
    assert ran == []  # kept
    edit(data, FIRST, replace("year: 1860", "year: 1861"))  # nothing the ledger reads
    all_problems(data)
    assert ran == []
    edit(data, rel, replace(old, new))
    warm = all_problems(data)
    assert len(ran) == 1
    assert warm == all_problems(data, use_cache=False)


# --- moves, swaps, links and broken files, from a copy no run has validated yet ---------------


def test_a_future_acknowledgement_is_warned_once_after_a_project_changed(sample_copy: Path) -> None:
    edit(sample_copy, "acknowledged.yaml", replace("date: 2026-07-08", "date: 2099-07-08"))
    assert "2099" in same_as_cold(sample_copy)  # the segments are kept
    # a project file alone: checked alone
    edit(sample_copy, FIRST, replace("year: 1860", "year: 1861"))
    warm = same_as_cold(sample_copy)
    assert warm.count("2099年7月8日") == validate(sample_copy, "--no-cache").count("2099年7月8日")


def test_an_acknowledged_warning_of_a_changed_project(sample_copy: Path) -> None:
    # 1800 invested in two months: warnings
    edit(sample_copy, FIRST, replace("total: 1860", "total: 1700"))
    warm = same_as_cold(sample_copy)
    assert "project.invested_over" in warm
    ack = sample_copy / "acknowledged.yaml"
    warning = f"project.invested_over:{FIRST}:2026-09,1800"
    assert warning in warm
    ack.write_text(
        ack.read_text(encoding="utf-8")
        + f"- warning: {warning}\n  by: 王明\n  date: 2026-10-08\n  reason: 核实\n",
        encoding="utf-8",
    )
    assert "2026-09,1800" not in same_as_cold(sample_copy).split("acknowledged")[0]
    edit(
        sample_copy,
        FIRST,
        replace("invested: 1800\n    note: 第一", "invested: 1801\n    note: 第一"),
    )
    # the acknowledgement no longer matches
    assert "acknowledged.stale" in same_as_cold(sample_copy)
    edit(sample_copy, FIRST, replace("invested: 1801", "invested: 1800"))
    assert "acknowledged.stale" not in same_as_cold(sample_copy)


def test_a_project_file_turned_into_a_folder_and_back(sample_copy: Path) -> None:
    validate(sample_copy)
    path = sample_copy / FIRST
    text = path.read_text(encoding="utf-8")
    path.unlink()
    path.mkdir()
    same_as_cold(sample_copy)
    path.rmdir()
    path.write_text(text, encoding="utf-8")
    same_as_cold(sample_copy)


def test_two_project_files_swap_contents(sample_copy: Path) -> None:
    validate(sample_copy)
    other = sample_copy / "projects/5g/5G-2026-002.yaml"
    first = sample_copy / FIRST
    a, b = first.read_text(encoding="utf-8"), other.read_text(encoding="utf-8")
    first.write_text(b, encoding="utf-8")
    other.write_text(a, encoding="utf-8")
    same_as_cold(sample_copy)


def test_a_project_file_renamed(sample_copy: Path) -> None:
    validate(sample_copy)
    (sample_copy / FIRST).rename(sample_copy / "projects/5g/5G-2026-001.yml")
    same_as_cold(sample_copy)


def test_a_new_file_in_a_new_sub_sub_folder(sample_copy: Path) -> None:
    validate(sample_copy)
    deep = sample_copy / "projects" / "5g" / "more" / "deeper"
    deep.mkdir(parents=True)
    (deep / "5G-2026-777.yaml").write_text(
        (sample_copy / FIRST).read_text(encoding="utf-8").replace("5G-2026-001", "5G-2026-777"),
        encoding="utf-8",
    )
    same_as_cold(sample_copy)


def test_a_folder_renamed_and_a_folder_replaced_by_a_file(sample_copy: Path) -> None:
    validate(sample_copy)
    (sample_copy / "projects" / "5g").rename(sample_copy / "projects" / "5h")
    same_as_cold(sample_copy)
    shutil.rmtree(sample_copy / "events")
    (sample_copy / "events").write_text("not a folder\n", encoding="utf-8")
    same_as_cold(sample_copy)


def test_the_data_folder_moved_with_its_cache(sample_copy: Path, tmp_path: Path) -> None:
    validate(sample_copy)
    moved = tmp_path / "moved" / "data"
    (sample_copy.parent).rename(tmp_path / "moved")
    assert "moved" not in validate(moved)  # locations are relative to the data's parent
    same_as_cold(moved)


def test_a_linked_data_folder_and_its_target(sample_copy: Path) -> None:
    link = sample_copy.parent / "link"
    link.symlink_to(sample_copy, target_is_directory=True)
    validate(sample_copy)
    edit(sample_copy, FIRST, replace("owner: tt", "owner: no-such-unit"))
    validate(sample_copy)
    assert "link/projects" in same_as_cold(link)
    edit(sample_copy, FIRST, replace("owner: no-such-unit", "owner: tt"))
    assert "no-such-unit" not in same_as_cold(link)
    assert "no-such-unit" not in same_as_cold(sample_copy)


def test_a_project_file_broken_and_mended(sample_copy: Path) -> None:
    validate(sample_copy)
    path = sample_copy / FIRST
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("owner: tt", "owner: [tt", 1), encoding="utf-8")
    assert "yaml.syntax" in same_as_cold(sample_copy)
    path.write_text(text, encoding="utf-8")
    assert "yaml.syntax" not in same_as_cold(sample_copy)


def test_loading_only_the_changed_files_leaves_the_collector_as_it_was(sample_copy: Path) -> None:
    import gc

    from xjj_cli.load.reader import load_changed
    from xjj_cli.load.scan import scan_data

    target = sample_copy / "projects" / "5g" / "5G-2026-004.yaml"
    target.write_text(target.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert gc.isenabled()
    changed = load_changed(scan_data(sample_copy))
    assert "projects/5g/5G-2026-004.yaml" in {rel.removeprefix("data/") for rel in changed}
    assert gc.isenabled()
