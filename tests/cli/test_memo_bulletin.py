"""Documents remembered by their data (memo.DocumentMemo): the bulletin's files written again
for the same data, day, build and request — byte for byte the files a fresh run writes,
through the same writer and its rules — and made anew for anything else."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from probes import imports_of
from xjj_cli.cli import app
from xjj_cli.commands import bulletin as bulletin_command
from xjj_cli.commands.core import Outcome

PROJECT = "projects/5g/5G-2026-001.yaml"
STEM = "2026-10-新基建月度通报"
DATE = ("--date", "2026-11-05")


@pytest.fixture(autouse=True)
def _without_office(no_office: None) -> None:
    """The memo's tests write md, html and docx (the PDF is tests/documents/test_pdf.py's)."""


def xjj(data: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--data", str(data), *args])
    return result.exit_code, result.stdout, result.stderr


def bulletin(data: Path, out: Path, *args: str) -> tuple[int, str, str]:
    return xjj(data, "bulletin", "--month", "2026-10", "--out", str(out), *DATE, *args)


def count_made(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The bulletins made anew (not written from the memo) from now on: their formats."""
    made: list[str] = []
    real = bulletin_command.bulletin_files

    def spy(*args: Any, **kwargs: Any) -> Outcome:
        made.append("+".join(args[2]))
        return real(*args, **kwargs)

    monkeypatch.setattr(bulletin_command, "bulletin_files", spy)
    return made


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def members(docx: bytes) -> dict[str, bytes]:
    """A DOCX package's members and their bytes (and their zip dates, which must not vary)."""
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        return {f"{i.filename} {i.date_time}": package.read(i.filename) for i in package.infolist()}


def test_a_remembered_bulletin_writes_the_files_a_fresh_run_writes(
    sample_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = bulletin(sample_copy, tmp_path / "fresh", "--draft")
    assert fresh[0] == 0
    made = count_made(monkeypatch)
    first = bulletin(sample_copy, tmp_path / "out", "--draft")
    shutil.rmtree(tmp_path / "out")
    again = bulletin(sample_copy, tmp_path / "out", "--draft")
    assert made == ["md+html+docx"]  # the second run was written from the memo
    assert first == again
    assert again[1].splitlines() == [
        str(tmp_path / "out" / f"{STEM}-征求意见稿.{fmt}") for fmt in ("md", "html", "docx")
    ]
    assert fresh[2] == again[2]  # the same notices on stderr (催报)
    written, made_fresh = files(tmp_path / "out"), files(tmp_path / "fresh")
    assert written == made_fresh
    docx = f"{STEM}-征求意见稿.docx"
    assert members(written[docx]) == members(made_fresh[docx])


def test_the_default_folder_is_beside_the_data_on_a_hit_too(
    sample_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = count_made(monkeypatch)
    first = xjj(sample_copy, "bulletin", *DATE, "--format", "md")
    shutil.rmtree(sample_copy.parent / "reports")
    again = xjj(sample_copy, "bulletin", *DATE, "--format", "md")
    assert made == ["md"] and first == again
    assert (sample_copy.parent / "reports" / "2026-10" / f"{STEM}.md").is_file()


def test_a_hit_keeps_the_overwrite_rules(
    sample_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    bulletin(sample_copy, out)
    made = count_made(monkeypatch)
    for fmt in ("md", "docx"):
        (out / f"{STEM}.{fmt}").unlink()
    mine = out / f"{STEM}.html"
    mine.write_text("我的文件", encoding="utf-8")
    refused = bulletin(sample_copy, out)
    assert refused[0] == 1 and str(mine) in refused[2] and "--force" in refused[2]
    assert mine.read_text(encoding="utf-8") == "我的文件"  # never overwritten without --force
    assert [p.name for p in out.iterdir()] == [mine.name]  # and nothing else written
    forced = bulletin(sample_copy, out, "--force")
    assert made == [] and forced[0] == 0
    assert mine.read_bytes() != "我的文件".encode()
    monkeypatch.setenv("XJJ_MEMO", "0")
    assert bulletin(sample_copy, tmp_path / "anew")[0] == 0
    assert files(out) == files(tmp_path / "anew")
    for fmt in ("md", "docx"):
        (out / f"{STEM}.{fmt}").unlink()
    mine.write_text("我的文件", encoding="utf-8")
    assert bulletin(sample_copy, out)[1:] == refused[1:]  # the same refusal as a fresh run's


def test_another_request_is_made_anew(
    sample_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    bulletin(sample_copy, out)
    made = count_made(monkeypatch)
    bulletin(sample_copy, out, "--force", "--format", "md")
    bulletin(sample_copy, out, "--force", "--draft")
    bulletin(sample_copy, out, "--force", "--number", "12")
    xjj(
        sample_copy,
        "bulletin",
        "--month",
        "2026-10",
        "--out",
        str(out),
        "--force",
        "--date",
        "2026-11-06",
    )
    xjj(sample_copy, "bulletin", "--month", "2026-09", "--out", str(out), *DATE)
    bulletin(sample_copy, tmp_path / "elsewhere")
    assert made == ["md", *["md+html+docx"] * 5]


def test_another_day_is_made_anew(
    sample_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bulletin(sample_copy, tmp_path / "out")
    made = count_made(monkeypatch)
    tomorrow = dt.date.today() + dt.timedelta(days=1)

    class Tomorrow(dt.date):
        @classmethod
        def today(cls) -> Tomorrow:
            return cls(tomorrow.year, tomorrow.month, tomorrow.day)

    monkeypatch.setattr(dt, "date", Tomorrow)  # the day memo.py keys by
    assert bulletin(sample_copy, tmp_path / "out", "--force")[0] == 0
    assert made == ["md+html+docx"]


@pytest.mark.parametrize(
    "change",
    [PROJECT, "README.md", "../templates/bulletin.md.j2"],
    ids=["data", "a note in the data folder", "a template"],
)
def test_changed_data_notes_or_templates_are_made_anew(
    sample_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    out = tmp_path / "out"
    bulletin(sample_copy, out)
    made = count_made(monkeypatch)
    path = sample_copy / change
    if path.exists():
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("name: ", "name: 新", 1) + "\n", encoding="utf-8")
    else:
        path.parent.mkdir()
        shutil.copy(ROOT / "src/xjj_cli/templates/bulletin.md.j2", path)
        path.write_text(path.read_text(encoding="utf-8") + "\n本地模板\n", encoding="utf-8")
    changed = bulletin(sample_copy, out, "--force")
    again = bulletin(sample_copy, out, "--force")
    assert made == ["md+html+docx"] and changed == again
    kept = files(out)
    assert bulletin(sample_copy, tmp_path / "anew", "--no-cache")[0] == 0
    assert kept == files(tmp_path / "anew")


def test_a_bulletin_is_not_kept_when_its_data_changed_while_it_was_made(
    sample_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = sample_copy / PROJECT
    real = bulletin_command.bulletin_files

    def edit_while_making(*args: Any, **kwargs: Any) -> Outcome:
        outcome = real(*args, **kwargs)
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("name: ", "name: 改", 1), encoding="utf-8")
        return outcome

    monkeypatch.setattr(bulletin_command, "bulletin_files", edit_while_making)
    bulletin(sample_copy, tmp_path / "out")
    monkeypatch.setattr(bulletin_command, "bulletin_files", real)
    made = count_made(monkeypatch)
    bulletin(sample_copy, tmp_path / "out", "--force")
    assert made == ["md+html+docx"]


@pytest.mark.parametrize(
    ("env", "option"), [("0", ()), ("", ("--no-cache",))], ids=["XJJ_MEMO=0", "--no-cache"]
)
def test_the_memo_can_be_turned_off(
    sample_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, env: str, option: tuple[str]
) -> None:
    monkeypatch.setenv("XJJ_MEMO", env)
    made = count_made(monkeypatch)
    for _ in range(2):
        code, _, _ = xjj(sample_copy, *option, "bulletin", "--out", str(tmp_path), *DATE, "--force")
        assert code == 0
    assert len(made) == 2


def test_a_remembered_bulletin_imports_no_engine(sample_copy: Path, tmp_path: Path) -> None:
    # md, html and docx named one by one: the child process sees this computer's LibreOffice
    formats = ("--format", "md")
    assert bulletin(sample_copy, tmp_path / "out", *formats)[0] == 0
    args = [
        "--data",
        str(sample_copy),
        "bulletin",
        "--month",
        "2026-10",
        "--out",
        str(tmp_path / "out"),
        *formats,
    ]
    probed = imports_of(
        [*args, *DATE, "--force"],
        ("pandas", "xjj_cli.engine.evaluate", "xjj_cli.commands.core", "docx", "markdown_it"),
    )
    assert probed.exit_code == 0 and probed.stdout.count("通报") == 1, probed.stdout
    assert probed.imported == []


def test_a_new_commit_of_the_data_is_made_anew(
    sample_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def git(*args: str) -> None:
        identity = ("-c", "user.name=办公室", "-c", "user.email=xjj@example.org")
        subprocess.run(
            ["git", *identity, *args], cwd=sample_copy.parent, check=True, capture_output=True
        )

    git("init", "-q")
    git("add", "data")
    git("commit", "-q", "-m", "数据")
    out = tmp_path / "out"
    bulletin(sample_copy, out)
    made = count_made(monkeypatch)
    bulletin(sample_copy, out, "--force")
    assert made == []  # the same commit: remembered
    git("commit", "-q", "--allow-empty", "-m", "另一个版本")
    bulletin(sample_copy, out, "--force")
    assert made == ["md+html+docx"]  # the fingerprint names the commit: made anew
    monkeypatch.setenv("XJJ_MEMO", "0")
    assert bulletin(sample_copy, tmp_path / "anew")[0] == 0
    assert files(out) == files(tmp_path / "anew")
