"""The command line: exit codes, formats, help texts and ``xjj init``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SAMPLE
from xjj_cli.cli import app
from xjj_cli.commands import COMMANDS as TABLE
from xjj_cli.diagnostics import Location, ProblemLog
from xjj_cli.render.validation import as_github, as_step_summary

runner = CliRunner()


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


def test_sample_district_is_valid() -> None:
    code, out, _ = invoke("--data", str(SAMPLE), "validate")
    assert code == 0, out
    assert "数据检查通过" in out


def test_validate_json_has_the_spec_shape() -> None:
    code, out, _ = invoke("--data", str(SAMPLE), "validate", "--format", "json")
    payload = json.loads(out)
    assert code == 0
    assert set(payload) == {"ok", "errors", "warnings", "acknowledged"}
    assert payload["ok"] is True
    for warning in payload["warnings"]:
        assert set(warning) == {"file", "line", "column", "code", "message", "id"}
        assert warning["file"].startswith("data/")


def test_missing_data_folder_is_a_chinese_error(tmp_path: Path) -> None:
    code, _, err = invoke("--data", str(tmp_path / "nowhere"), "validate")
    assert code == 2, err  # wrong usage, like an unknown --metric
    assert "数据目录" in err and "不存在" in err


def test_wrong_format_is_a_usage_error() -> None:
    code, _, _ = invoke("--data", str(SAMPLE), "validate", "--format", "xml")
    assert code == 2


def test_github_annotations_escape_data_and_properties() -> None:
    log = ProblemLog()
    log.error(Location("data/a,b:c.yaml", 3, 7), "value.invalid", field="x", raw="50%\r\n下一行")
    line = as_github(log).splitlines()[0]
    assert line.startswith(
        "::error file=data/a%2Cb%3Ac.yaml,line=3,col=7,title=xjj value.invalid::"
    )
    message = line.split("::", 2)[2]
    # a value's line break is shown as its escape (controls.visible), "%" escaped for GitHub
    assert "50%25\\r\\n下一行" in message
    assert "\r" not in line


def test_github_format_writes_the_full_list_to_the_step_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "data"
    (broken).mkdir()
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out, _ = invoke("--data", str(broken), "validate", "--format", "github")
    assert code == 1
    annotations = [line for line in out.splitlines() if line.startswith("::error")]
    assert len(annotations) == 3  # district.yaml, towns.csv and units.csv are missing
    table = summary.read_text(encoding="utf-8")
    assert table.count("`file.missing`") == 3


def test_step_summary_escapes_pipes() -> None:
    log = ProblemLog()
    log.error(Location("data/x.yaml"), "value.invalid", field="a", raw="a|b")
    assert "a\\|b" in as_step_summary(log)


def test_init_creates_a_valid_repository(tmp_path: Path) -> None:
    target = tmp_path / "新区数据"
    code, _, err = invoke("init", str(target))
    assert code == 0, err
    for name in (
        "README.md",
        ".github/workflows/validate.yml",
        ".pre-commit-config.yaml",
        ".gitignore",
    ):
        assert (target / name).is_file(), name
    assert "xjj --data data validate --format github" in (
        target / ".github/workflows/validate.yml"
    ).read_text(encoding="utf-8")
    code, out, _ = invoke("--data", str(target / "data"), "validate")
    assert code == 0, out
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".xjj-init-")]


def test_init_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "repo"
    target.mkdir()
    keep = target / "mine.txt"
    keep.write_text("office notes", encoding="utf-8")
    code, _, err = invoke("init", str(target))
    assert code == 1
    assert "不是空目录" in err
    assert keep.read_text(encoding="utf-8") == "office notes"
    assert sorted(p.name for p in target.iterdir()) == ["mine.txt"]


def test_init_into_an_existing_empty_folder(tmp_path: Path) -> None:
    target = tmp_path / "empty"
    target.mkdir()
    code, _, err = invoke("init", str(target))
    assert code == 0, err
    assert (target / "data" / "district.yaml").is_file()


COMMANDS = sorted(TABLE)  # every command, by name (the lazy table of xjj_cli.commands)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_chinese_help_with_an_example(command: str) -> None:
    code, out, _ = invoke(command, "--help")
    assert code == 0
    assert "示例：xjj" in out
    assert any("\u4e00" <= ch <= "\u9fff" for ch in out)


def test_help_and_validate_do_not_import_pandas_or_the_renderers() -> None:
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from xjj_cli.cli import app\n"
        f"CliRunner().invoke(app, ['--data', {str(SAMPLE)!r}, '--no-cache', 'validate'])\n"
        "CliRunner().invoke(app, ['--help'])\n"
        "print(' '.join(sorted(m for m in ('pandas', 'docx', 'jinja2', 'markdown_it') if m in sys.modules)))\n"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert loaded.stdout.strip() == ""


def test_init_makes_a_repository_others_can_read(tmp_path: Path) -> None:
    import os
    import stat

    target = tmp_path / "shared"
    mask = os.umask(0o022)
    try:
        code, _, err = invoke("init", str(target))
    finally:
        os.umask(mask)
    assert code == 0, err
    assert stat.S_IMODE(target.stat().st_mode) == 0o755


@pytest.mark.parametrize(
    ("args", "words"),
    [(["--bogus"], "没有选项"), (["init"], "缺少参数"), (["rank", "--month"], "需要一个值")],
)
def test_usage_errors_are_told_in_chinese(args: list[str], words: str) -> None:
    code, _, err = invoke(*args)
    assert code == 2
    assert "用法错误" in err and words in err


# --- where the data folder is (issue 9, reproduction 6) -------------------------------------


@pytest.fixture
def district(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A new repository made by ``xjj init``; its root. XJJ_DATA is not set."""
    monkeypatch.delenv("XJJ_DATA", raising=False)
    root = tmp_path / "repo"
    code, _, err = invoke("init", str(root))
    assert code == 0, err
    return root


def test_data_naming_the_repository_root_uses_its_data_folder(district: Path) -> None:
    code, out, err = invoke("--data", str(district), "validate", "--format", "json")
    assert code == 0, err
    assert json.loads(out)["ok"] is True
    assert f"使用数据目录：{district / 'data'}" in err
    _, same, _ = invoke("--data", str(district / "data"), "validate", "--format", "json")
    assert out == same


def test_inside_the_data_folder_no_data_option_is_needed(
    district: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(district / "data" / "towns")
    code, out, err = invoke("validate")
    assert code == 0, out + err
    assert "数据检查通过" in out
    assert f"使用数据目录：{district / 'data'}" in err


def test_the_default_data_folder_is_used_without_a_note(
    district: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(district)
    code, _, err = invoke("validate")
    assert code == 0
    assert "使用数据目录" not in err


def test_reports_go_beside_the_found_data_folder(
    district: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(district / "data")
    code, out, err = invoke("bulletin", "--format", "md")
    assert code == 0, err
    (written,) = [Path(line) for line in out.splitlines()]
    assert written.parent.parent == district / "reports"


def test_no_data_folder_anywhere_is_wrong_usage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("XJJ_DATA", raising=False)
    monkeypatch.chdir(tmp_path)
    code, _, err = invoke("rank")
    assert code == 2
    assert "找不到数据目录" in err


def test_init_needs_no_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = invoke("--data", "nowhere", "init", "new")
    assert code == 0, err
    assert (tmp_path / "new" / "data" / "district.yaml").is_file()


# --- the options of xjj itself, before or after the command (issue 9, reproduction 9) -------


@pytest.mark.parametrize(
    "args",
    [
        ["rank", "-q", "--format", "json"],
        ["rank", "--no-cache", "--format", "json"],
        ["rank", "--quiet", "--no-cache", "--format", "json"],
    ],
)
def test_global_options_after_the_command(args: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XJJ_DATA", str(SAMPLE))
    code, out, err = invoke(*args)
    assert code == 0, err
    assert json.loads(out)


def test_data_after_the_command(district: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = district.parent / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    code, out, err = invoke("validate", "--data", str(district / "data"))
    assert code == 0, err
    assert "数据检查通过" in out


def test_data_after_the_command_wins_over_data_before_it(district: Path) -> None:
    code, _, err = invoke(
        "--data", str(district.parent / "nowhere"), "validate", "--data", str(district)
    )
    assert code == 0, err


def test_the_environment_does_not_override_data_given_before_the_command(
    district: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XJJ_DATA", str(district.parent / "nowhere"))
    code, _, err = invoke("--data", str(district), "validate")
    assert code == 0, err


def test_no_cache_after_the_command_reads_every_file_again(district: Path) -> None:
    code, _, err = invoke("validate", "--data", str(district), "--no-cache")
    assert code == 0, err
    assert not (district / ".xjj-cache").exists()
    code, _, err = invoke("validate", "--data", str(district))
    assert code == 0, err
    assert (district / ".xjj-cache").exists()


# --- exit codes and dates (issue 9, reproduction 9) --------------------------------------


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--data", "/nowhere/at/all", "rank"], "不存在"),
        (["--data", str(SAMPLE), "rank", "--metric", "bogus"], "没有参与排名的指标"),
        (
            ["--data", str(SAMPLE), "rank", "--units", "departments", "--metric", "5g.stations"],
            "--units departments",
        ),
        (["--data", str(SAMPLE), "rank", "--format", "pdf"], "不是以下之一"),
    ],
)
def test_wrong_usage_exits_with_2(args: list[str], words: str) -> None:
    code, _, err = invoke(*args)
    assert code == 2, err
    assert words in err


@pytest.mark.parametrize(
    ("day", "words"),
    [
        ("2026-02-30", "2026年2月没有30日"),
        ("2026-13-01", "不存在"),
        ("2026/02/03", "格式不对"),
        ("20261105", "格式不对"),
    ],
)
def test_a_bad_date_says_what_is_wrong(day: str, words: str, tmp_path: Path) -> None:
    code, _, err = invoke("--data", str(SAMPLE), "bulletin", "--date", day, "--out", str(tmp_path))
    assert code == 2, err
    assert words in err
    assert ("格式" in err) == (words == "格式不对")
