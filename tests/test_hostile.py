"""Hostile and broken input: nothing crashes, nothing executes, nothing escapes, nothing is lost."""

from __future__ import annotations

import csv
import io
import json
import os
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SAMPLE
from xjj_cli.cli import app
from xjj_cli.errors import OutputError
from xjj_cli.output import write_atomic
from xjj_cli.render.tabular import neutralise
from xjj_cli.validate import validate_repository

runner = CliRunner()


def codes(data: Path) -> list[str]:
    return [p.code for p in validate_repository(data).log.errors]


# --- YAML -------------------------------------------------------------------------------------


def test_python_tags_are_errors_and_never_run(sample_copy: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    (sample_copy / "events" / "2026-10.yaml").write_text(
        f'cards: !!python/object/apply:os.system ["touch {marker}"]\n', encoding="utf-8"
    )
    assert "yaml.tag" in codes(sample_copy)
    assert not marker.exists()


def test_infinite_numbers_are_rejected(sample_copy: Path) -> None:
    project = sample_copy / "projects" / "5g" / "5G-2026-002.yaml"
    text = project.read_text(encoding="utf-8")
    project.write_text(text.replace("invested: ", "invested: .inf #", 1), encoding="utf-8")
    assert "yaml.nan" in codes(sample_copy)


# --- CSV --------------------------------------------------------------------------------------


def test_thousands_of_bad_rows_are_all_reported(sample_copy: Path) -> None:
    rows = ["town,metric,target,completed"] + [f"gh,5g.stations,{i}x,1" for i in range(3000)]
    (sample_copy / "towns" / "progress" / "2026-11.csv").write_text(
        "\n".join(rows) + "\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["--data", str(sample_copy), "validate", "--format", "json"])
    payload = json.loads(result.stdout)
    bad = [e for e in payload["errors"] if e["code"] == "csv.integer"]
    assert len(bad) == 3000
    assert [e["line"] for e in bad] == list(range(2, 3002))


# --- paths ------------------------------------------------------------------------------------


def test_a_link_leaving_the_data_folder_is_refused(sample_copy: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("cards: []\n", encoding="utf-8")
    (sample_copy / "events" / "2026-11.yaml").symlink_to(secret)
    errors = validate_repository(sample_copy).log.errors
    assert [(e.code, e.location.file) for e in errors] == [
        ("file.outside", "data/events/2026-11.yaml")
    ]


def test_data_pointing_at_a_file_is_a_clear_error(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "district.yaml"
    not_a_folder.write_text("x: 1\n", encoding="utf-8")
    result = runner.invoke(app, ["--data", str(not_a_folder), "validate"])
    assert result.exit_code == 2  # wrong usage, like every --data that names no data folder
    assert "不是文件夹" in result.stderr


def test_an_output_folder_that_cannot_be_written_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "occupied"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    result = runner.invoke(
        app, ["--data", str(SAMPLE), "bulletin", "-f", "md", "--out", str(blocker / "sub")]
    )
    assert result.exit_code == 1
    assert "无法" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert blocker.read_text(encoding="utf-8") == "a file where a folder should be"


# --- outputs ----------------------------------------------------------------------------------


@pytest.mark.parametrize("cell", ["=1+2", "+86 123", "-1", "@SUM(A1)", "\t=1", "\r=1"])
def test_spreadsheet_formulas_are_neutralised(cell: str) -> None:
    assert neutralise(cell) == "'" + cell
    assert neutralise(-1) == -1  # numbers stay numbers


def test_csv_output_neutralises_a_formula_in_a_record(sample_copy: Path) -> None:
    units = sample_copy / "units" / "units.csv"
    units.write_text(
        units.read_text(encoding="utf-8").replace("区住建局", "=HYPERLINK(1)"), encoding="utf-8"
    )
    result = runner.invoke(app, ["--data", str(sample_copy), "accountability", "--format", "csv"])
    assert result.exit_code == 0, result.output
    names = [row["name"] for row in csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff")))]
    assert "'=HYPERLINK(1)" in names and "=HYPERLINK(1)" not in names


def test_json_output_stays_valid_with_quotes_and_control_characters(sample_copy: Path) -> None:
    towns = sample_copy / "towns" / "towns.csv"
    towns.write_text(
        towns.read_text(encoding="utf-8").replace("长沟镇", '"长沟""镇\\\u2028"'), encoding="utf-8"
    )
    for command in (["rank"], ["accountability"], ["colors"], ["validate"]):
        result = runner.invoke(app, ["--data", str(sample_copy), *command, "--format", "json"])
        assert result.exit_code == 0, result.output
        json.loads(result.stdout)


# --- writes -----------------------------------------------------------------------------------


def test_an_interrupted_write_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "通报.md"
    target.write_text("旧版本", encoding="utf-8")

    def power_cut(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr("xjj_cli.output.os.fsync", power_cut)
    with pytest.raises(OutputError):
        write_atomic(target, "新版本".encode(), overwrite=True)
    assert target.read_text(encoding="utf-8") == "旧版本"
    assert [p.name for p in tmp_path.iterdir()] == ["通报.md"]


def test_concurrent_writers_leave_one_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "bulletin.md"
    payloads = [(str(i) * 200_000).encode() for i in range(8)]
    threads = [
        threading.Thread(target=write_atomic, args=(target, p), kwargs={"overwrite": True})
        for p in payloads
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert target.read_bytes() in payloads
    assert os.listdir(tmp_path) == ["bulletin.md"]


def test_without_force_an_existing_file_is_never_replaced(tmp_path: Path) -> None:
    target = tmp_path / "bulletin.md"
    target.write_text("办公室改过的", encoding="utf-8")
    with pytest.raises(OutputError):
        write_atomic(target, b"new")
    assert target.read_text(encoding="utf-8") == "办公室改过的"
    assert os.listdir(tmp_path) == ["bulletin.md"]


def test_bulletin_refuses_before_writing_any_format(tmp_path: Path) -> None:
    existing = tmp_path / "2026-10-新基建月度通报.docx"
    existing.write_bytes(b"edited by the office")
    args = ["--data", str(SAMPLE), "bulletin", "--out", str(tmp_path), "--date", "2026-11-05"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [existing.name]
    assert existing.read_bytes() == b"edited by the office"


def test_data_given_as_dot_keeps_reports_and_paths_beside_the_data_folder(
    sample_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(sample_copy)
    result = runner.invoke(app, ["--data", ".", "bulletin", "-f", "md", "--date", "2026-11-05"])
    assert result.exit_code == 0, result.output
    assert (sample_copy.parent / "reports" / "2026-10" / "2026-10-新基建月度通报.md").is_file()
    assert not (sample_copy / "reports").exists()
    payload = json.loads(runner.invoke(app, ["--data", ".", "validate", "--format", "json"]).stdout)
    assert all(w["file"].startswith("data/") for w in payload["warnings"])


def test_a_broken_district_template_is_a_chinese_error_naming_it(sample_copy: Path) -> None:
    (sample_copy.parent / "templates").mkdir()
    (sample_copy.parent / "templates" / "bulletin.md.j2").write_text(
        "# {{ b.title }\n", encoding="utf-8"
    )
    result = runner.invoke(
        app,
        [
            "--data",
            str(sample_copy),
            "bulletin",
            "-f",
            "md",
            "--out",
            str(sample_copy.parent / "o"),
        ],
    )
    assert result.exit_code == 1
    assert "通报模板" in result.stderr and "第 1 行" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_an_unwritable_step_summary_is_a_chinese_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "missing" / "summary.md"))
    result = runner.invoke(app, ["--data", str(SAMPLE), "validate", "--format", "github"])
    assert result.exit_code == 1
    assert "GITHUB_STEP_SUMMARY" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_without_hard_links_a_new_file_is_still_written_and_never_clobbers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(source: object, target: object) -> None:
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr("xjj_cli.output.os.link", no_links)
    target = tmp_path / "bulletin.md"
    write_atomic(target, b"first")
    assert target.read_bytes() == b"first"
    with pytest.raises(OutputError):
        write_atomic(target, b"second")
    assert target.read_bytes() == b"first"
    assert os.listdir(tmp_path) == ["bulletin.md"]
