"""Finding the data folder the way git finds ``.git`` (xjj_cli.locate)."""

from __future__ import annotations

from pathlib import Path

import pytest

from xjj_cli.errors import UsageError
from xjj_cli.locate import DataFolder, locate_data_folder


def repository(root: Path) -> Path:
    """A repository root holding a data folder with its district.yaml; the data folder."""
    data = root / "data"
    (data / "towns").mkdir(parents=True)
    (data / "district.yaml").write_text("district: 测试区\n", encoding="utf-8")
    return data


def test_a_named_data_folder_is_used_as_it_is(tmp_path: Path) -> None:
    data = repository(tmp_path / "repo")
    assert locate_data_folder(data, tmp_path) == DataFolder(data, found=False)


def test_a_named_repository_root_means_its_data_folder(tmp_path: Path) -> None:
    data = repository(tmp_path / "repo")
    assert locate_data_folder(Path("repo"), tmp_path) == DataFolder(data, found=True)


def test_a_named_folder_without_district_yaml_is_used_so_validate_can_say_what_is_missing(
    tmp_path: Path,
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert locate_data_folder(empty, tmp_path) == DataFolder(empty, found=False)


@pytest.mark.parametrize("make_file", [False, True])
def test_a_named_folder_that_is_not_there_is_wrong_usage(tmp_path: Path, make_file: bool) -> None:
    named = tmp_path / "district.yaml"
    if make_file:
        named.write_text("x: 1\n", encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        locate_data_folder(named, tmp_path)
    assert caught.value.exit_code == 2
    assert str(named) in str(caught.value)


def test_without_a_name_dot_data_is_the_default(tmp_path: Path) -> None:
    data = repository(tmp_path)
    assert locate_data_folder(None, tmp_path) == DataFolder(data, found=False)


def test_inside_the_data_folder_it_is_found(tmp_path: Path) -> None:
    data = repository(tmp_path / "repo")
    assert locate_data_folder(None, data) == DataFolder(data, found=True)
    assert locate_data_folder(None, data / "towns") == DataFolder(data, found=True)


def test_below_the_repository_root_its_data_folder_is_found(tmp_path: Path) -> None:
    data = repository(tmp_path / "repo")
    docs = tmp_path / "repo" / "docs" / "notes"
    docs.mkdir(parents=True)
    assert locate_data_folder(None, docs) == DataFolder(data, found=True)


def test_nothing_found_is_wrong_usage_that_says_where_it_looked(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as caught:
        locate_data_folder(None, tmp_path)
    assert caught.value.exit_code == 2
    assert str(tmp_path) in str(caught.value) and "district.yaml" in str(caught.value)


def test_the_path_stays_as_the_user_sees_it(tmp_path: Path) -> None:
    data = repository(tmp_path / "repo")
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "repo")
    assert locate_data_folder(Path("link/./data/../data"), tmp_path).path == link / "data"
    assert data.exists()
