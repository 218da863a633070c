"""Second look at the warm ``xjj validate`` of issue 15: changes the first tests did not try.
Each says exactly what a cold ``--no-cache`` run says."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from validate.test_incremental import validate

SAMPLE = Path(__file__).resolve().parents[2] / "data"
FIRST = "projects/5g/5G-2026-001.yaml"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "repo" / "data"
    shutil.copytree(SAMPLE, target)
    return target


def edit(data: Path, rel: str, old: str, new: str) -> None:
    path = data / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def same_as_cold(data: Path) -> str:
    warm = validate(data)
    assert warm == validate(data, "--no-cache")
    assert validate(data) == warm
    return warm


def test_a_future_acknowledgement_is_warned_once_after_a_project_changed(data: Path) -> None:
    edit(data, "acknowledged.yaml", "date: 2026-07-08", "date: 2099-07-08")
    assert "2099" in same_as_cold(data)  # the segments are kept
    edit(data, FIRST, "year: 1860", "year: 1861")  # a project file alone: checked alone
    warm = same_as_cold(data)
    assert warm.count("2099年7月8日") == validate(data, "--no-cache").count("2099年7月8日")


def test_an_acknowledged_warning_of_a_changed_project(data: Path) -> None:
    edit(data, FIRST, "total: 1860", "total: 1700")  # 1800 invested in two months: warnings
    warm = same_as_cold(data)
    assert "project.invested_over" in warm
    ack = data / "acknowledged.yaml"
    warning = f"project.invested_over:{FIRST}:2026-09,1800"
    assert warning in warm
    ack.write_text(
        ack.read_text(encoding="utf-8")
        + f"- warning: {warning}\n  by: 王明\n  date: 2026-10-08\n  reason: 核实\n",
        encoding="utf-8",
    )
    assert "2026-09,1800" not in same_as_cold(data).split("acknowledged")[0]
    edit(data, FIRST, "invested: 1800\n    note: 第一", "invested: 1801\n    note: 第一")
    assert "acknowledged.stale" in same_as_cold(data)  # the acknowledgement no longer matches
    edit(data, FIRST, "invested: 1801", "invested: 1800")
    assert "acknowledged.stale" not in same_as_cold(data)


def test_a_project_file_turned_into_a_folder_and_back(data: Path) -> None:
    validate(data)
    path = data / FIRST
    text = path.read_text(encoding="utf-8")
    path.unlink()
    path.mkdir()
    same_as_cold(data)
    path.rmdir()
    path.write_text(text, encoding="utf-8")
    same_as_cold(data)


def test_two_project_files_swap_contents(data: Path) -> None:
    validate(data)
    other = data / "projects/5g/5G-2026-002.yaml"
    first = data / FIRST
    a, b = first.read_text(encoding="utf-8"), other.read_text(encoding="utf-8")
    first.write_text(b, encoding="utf-8")
    other.write_text(a, encoding="utf-8")
    same_as_cold(data)


def test_a_project_file_renamed(data: Path) -> None:
    validate(data)
    (data / FIRST).rename(data / "projects/5g/5G-2026-001.yml")
    same_as_cold(data)


def test_a_new_file_in_a_new_sub_sub_folder(data: Path) -> None:
    validate(data)
    deep = data / "projects" / "5g" / "more" / "deeper"
    deep.mkdir(parents=True)
    (deep / "5G-2026-777.yaml").write_text(
        (data / FIRST).read_text(encoding="utf-8").replace("5G-2026-001", "5G-2026-777"),
        encoding="utf-8",
    )
    same_as_cold(data)


def test_a_folder_renamed_and_a_folder_replaced_by_a_file(data: Path) -> None:
    validate(data)
    (data / "projects" / "5g").rename(data / "projects" / "5h")
    same_as_cold(data)
    shutil.rmtree(data / "events")
    (data / "events").write_text("not a folder\n", encoding="utf-8")
    same_as_cold(data)


def test_the_data_folder_moved_with_its_cache(data: Path, tmp_path: Path) -> None:
    validate(data)
    moved = tmp_path / "moved" / "data"
    (data.parent).rename(tmp_path / "moved")
    assert "moved" not in validate(moved)  # locations are relative to the data's parent
    same_as_cold(moved)


def test_a_linked_data_folder_and_its_target(data: Path) -> None:
    link = data.parent / "link"
    link.symlink_to(data, target_is_directory=True)
    validate(data)
    edit(data, FIRST, "owner: tt", "owner: no-such-unit")
    validate(data)
    assert "link/projects" in same_as_cold(link)
    edit(data, FIRST, "owner: no-such-unit", "owner: tt")
    assert "no-such-unit" not in same_as_cold(link)
    assert "no-such-unit" not in same_as_cold(data)


def test_a_project_file_broken_and_mended(data: Path) -> None:
    validate(data)
    path = data / FIRST
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("owner: tt", "owner: [tt", 1), encoding="utf-8")
    assert "yaml.syntax" in same_as_cold(data)
    path.write_text(text, encoding="utf-8")
    assert "yaml.syntax" not in same_as_cold(data)


def test_loading_only_the_changed_files_leaves_the_collector_as_it_was(data: Path) -> None:
    import gc

    from xjj_cli.load.reader import load_changed
    from xjj_cli.load.scan import scan_data

    target = data / "projects" / "5g" / "5G-2026-004.yaml"
    target.write_text(target.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert gc.isenabled()
    changed = load_changed(scan_data(data))
    assert "projects/5g/5G-2026-004.yaml" in {rel.removeprefix("data/") for rel in changed}
    assert gc.isenabled()
