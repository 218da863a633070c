"""``xjj init``: the new repository's workflow installs a pinned xjj, and its staff README
tells the truth about this repository and about how a month is filled in."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from xjj_cli import __version__
from xjj_cli.cli import app
from xjj_cli.validate import validate_repository

runner = CliRunner()
COMMIT = "0123456789abcdef0123456789abcdef01234567"
SHA256 = "ab" * 32


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


def init(target: Path, *options: str) -> Path:
    code, _, err = invoke("init", str(target), *options)
    assert code == 0, err
    return target


def install_step(repo: Path) -> dict[str, Any]:
    workflow = yaml.safe_load((repo / ".github/workflows/validate.yml").read_text("utf-8"))
    steps = workflow["jobs"]["validate"]["steps"]
    (step,) = [s for s in steps if "pip install" in s.get("run", "")]
    assert isinstance(step, dict)
    return step


# --- the workflow installs exactly what init was told (reproduction 8) -------------------------


def test_the_workflow_pins_this_xjj_version_by_default(tmp_path: Path) -> None:
    repo = init(tmp_path / "repo")
    step = install_step(repo)
    assert step["env"] == {"XJJ_PIP_SPEC": f"xjj-cli=={__version__}"}
    text = (repo / ".github/workflows/validate.yml").read_text("utf-8")
    assert "'xjj-cli'" not in text and "vars." not in text  # no unpinned default, no override
    # a failed install stops the job with a Chinese annotation, never falls back to a name
    assert re.search(r'if ! python -m pip install "\$XJJ_PIP_SPEC"; then', step["run"])
    assert "::error title=无法安装 xjj::" in step["run"]
    assert "exit 1" in step["run"]


@pytest.mark.parametrize(
    ("source", "pinned"),
    [
        ("xjj-cli==0.0.9", "xjj-cli==0.0.9"),
        ("xjj_cli == 1.2.3", "xjj-cli==1.2.3"),
        (
            f"git+https://git.example.cn/xjb/xjj.git@{COMMIT}",
            f"xjj-cli @ git+https://git.example.cn/xjb/xjj.git@{COMMIT}",
        ),
        (
            f"xjj-cli @ git+ssh://git@git.example.cn/xjb/xjj.git@{COMMIT}",
            f"xjj-cli @ git+ssh://git@git.example.cn/xjb/xjj.git@{COMMIT}",
        ),
        (
            f"https://pkg.example.cn/xjj_cli-0.1.0-py3-none-any.whl#sha256={SHA256}",
            f"xjj-cli @ https://pkg.example.cn/xjj_cli-0.1.0-py3-none-any.whl#sha256={SHA256}",
        ),
    ],
)
def test_a_pinned_source_is_written_exactly(tmp_path: Path, source: str, pinned: str) -> None:
    repo = init(tmp_path / "repo", "--source", source)
    assert install_step(repo)["env"] == {"XJJ_PIP_SPEC": pinned}
    assert f"`{pinned}`" in (repo / "README.md").read_text("utf-8")


def test_a_local_wheel_is_copied_into_the_repository_and_pinned(tmp_path: Path) -> None:
    wheel = tmp_path / "xjj_cli-0.1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("xjj_cli/__init__.py", "")
    repo = init(tmp_path / "repo", "--source", str(wheel))
    kept = repo / ".github/xjj" / wheel.name
    assert kept.read_bytes() == wheel.read_bytes()
    assert install_step(repo)["env"] == {"XJJ_PIP_SPEC": f"./.github/xjj/{wheel.name}"}


@pytest.mark.parametrize(
    "source",
    [
        "xjj-cli",
        "xjj-cli>=0.1",
        "xjj-cli==0.*",
        "xjj-cli~=0.1.0",
        "git+https://git.example.cn/xjb/xjj.git",
        "git+https://git.example.cn/xjb/xjj.git@main",
        "git+https://git.example.cn/xjb/xjj.git@v0.1.0",
        "https://pkg.example.cn/xjj_cli-0.1.0-py3-none-any.whl",
        "http://pkg.example.cn/xjj_cli-0.1.0-py3-none-any.whl#sha256=" + SHA256,
        "other-tool==1.0",
        f"evil @ git+https://git.example.cn/xjb/xjj.git@{COMMIT}",
        f"git+https://git.example.cn/x/${{{{ secrets.TOKEN }}}}.git@{COMMIT}",
    ],
)
def test_an_unpinned_source_is_refused(tmp_path: Path, source: str) -> None:
    target = tmp_path / "repo"
    code, _, err = invoke("init", str(target), "--source", source)
    assert code == 2, err
    assert "错误" in err and "Traceback" not in err
    assert not target.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".xjj-init-")]


def test_a_file_that_is_not_an_xjj_wheel_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "requirements.txt"
    other.write_text("xjj-cli\n", encoding="utf-8")
    code, _, err = invoke("init", str(tmp_path / "repo"), "--source", str(other))
    assert code == 2
    assert "wheel" in err


# --- the staff README (reproduction 7) -----------------------------------------------------


def test_the_staff_readme_describes_this_repository(tmp_path: Path) -> None:
    repo = init(tmp_path / "repo")
    readme = (repo / "README.md").read_text("utf-8")
    assert "@XJJ_PIP_SPEC@" not in readme
    assert f"`xjj-cli=={__version__}`" in readme  # the pin this repository's workflow uses
    # the sample's own description (a fictional district) is not carried into a new repository
    assert not (repo / "data" / "README.md").exists()
    assert "虚构示例区" in readme


def test_the_staff_readme_links_the_data_format_reference(tmp_path: Path) -> None:
    repo = init(tmp_path / "repo")
    readme = (repo / "README.md").read_text("utf-8")
    links = re.findall(r"\]\(([^)]+)\)", readme)
    assert "docs/data-format.md" in links
    for link in links:
        assert (repo / link).is_file(), link
    reference = (repo / "docs" / "data-format.md").read_text("utf-8")
    source = Path(__file__).resolve().parents[2] / "docs" / "data-format.md"
    assert reference == source.read_text("utf-8")


def test_the_staff_readme_describes_the_monthly_round_not_editing_files(tmp_path: Path) -> None:
    """Issue 26: the README told towns to edit CSV and owners to append YAML; it describes
    the round forms → import → status → the month's documents, in that order."""
    readme = (init(tmp_path / "repo") / "README.md").read_text("utf-8")
    round_ = readme[readme.index("## 每月怎样报送") :]
    steps = ["`xjj forms`", "`xjj import ", "`xjj status`", "`xjj bulletin`"]
    at = [round_.index(step) for step in steps]
    assert at == sorted(at), at
    for document in ("`xjj notices`", "`xjj board`", "`xjj warnings`", "--dry-run", "--amend"):
        assert document in round_, document
    assert "不用改 CSV 和 YAML 文件" in round_ and "git" in round_
    for old in ("CSV UTF-8", "`progress:` 末尾追加", "复制上月文件", "`completed` 留空"):
        assert old not in readme, old


def test_a_month_run_the_way_the_staff_readme_says_is_reportable(tmp_path: Path) -> None:
    """Forms for the month being collected, every town's form filled in (above last month),
    imported: the month is reportable and its bulletin can be made."""
    from openpyxl import load_workbook

    from xjj_cli.forms import layout

    repo = init(tmp_path / "repo")
    data = str(repo / "data")
    code, _, err = invoke("--data", data, "forms")
    assert code == 0, err
    blanks = sorted((repo / "reports" / "2026-11" / "forms").glob("*-月度数据.xlsx"))
    towns = {r["code"] for r in _rows(repo / "data/towns/towns.csv")}
    assert len(blanks) == len(towns)
    for path in blanks:  # what each town sends back
        book = load_workbook(path)
        sheet = book[layout.TOWN.sheet]
        for row in range(2, sheet.max_row + 1):
            sheet[f"F{row}"] = int(sheet[f"E{row}"].value) + 1
        book.save(path)
    code, out, err = invoke("--data", data, "import", *map(str, blanks))
    assert code == 0, err + out
    checked = validate_repository(repo / "data")
    assert checked.log.errors == [], [p.as_dict() for p in checked.log.errors]
    assert not [w for w in checked.log.warnings if w.code == "progress.not_submitted"]
    assert "2026-11" in checked.reportable_months
    code, out, err = invoke("--data", data, "status", "--month", "2026-11")
    assert code == 0, err


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text("utf-8-sig"))))


# --- git init (issue 26 finding 4) ----------------------------------------------------------


def _git(*args: str, cwd: Path) -> str:
    import subprocess

    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_init_makes_the_new_repository_a_git_repository(tmp_path: Path) -> None:
    code, _, err = invoke("init", str(tmp_path / "repo"))
    assert code == 0, err
    repo = tmp_path / "repo"
    assert (repo / ".git").is_dir()
    assert _git("rev-parse", "--show-toplevel", cwd=repo) == str(repo.resolve())
    assert "已运行 git init" in err and "git add . && git commit" in err
    # nothing committed: the office reviews the files first
    assert "README.md" in _git("status", "--porcelain", "--untracked-files=all", cwd=repo)


def test_init_inside_an_existing_repository_makes_no_repository_in_it(tmp_path: Path) -> None:
    outer = tmp_path / "outer"
    outer.mkdir()
    _git("init", "--quiet", cwd=outer)
    before = sorted(p.name for p in (outer / ".git").iterdir())
    code, _, err = invoke("init", str(outer / "districts" / "repo"))
    assert code == 0, err
    repo = outer / "districts" / "repo"
    assert (repo / "README.md").is_file()
    assert not (repo / ".git").exists()
    assert not (outer / "districts" / ".git").exists()
    assert sorted(p.name for p in (outer / ".git").iterdir()) == before
    assert f"位于已有的 git 仓库“{outer.resolve()}”之中，未再运行 git init" in err


def test_init_without_git_says_how_to_do_it_later(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("xjj_cli.scaffold.shutil.which", lambda name: None)
    code, _, err = invoke("init", str(tmp_path / "repo"))
    assert code == 0, err
    assert (tmp_path / "repo" / "README.md").is_file()
    assert not (tmp_path / "repo" / ".git").exists()
    assert "未找到 git，没有运行 git init" in err
    assert f"cd {tmp_path / 'repo'} && git init" in err


def test_a_git_that_fails_leaves_the_repository_written_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "git"
    fake.write_text("#!/bin/sh\necho 'fatal: cannot lock the config file' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    code, _, err = invoke("init", str(tmp_path / "repo"))
    assert code == 0, err
    assert (tmp_path / "repo" / "README.md").is_file()
    assert not (tmp_path / "repo" / ".git").exists()
    assert "git init 未能完成（fatal: cannot lock the config file）" in err
