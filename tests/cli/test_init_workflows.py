"""``xjj init``'s publishing workflows (SPEC §9 "Published from CI", issue 27 points 1 and 3).

The GitHub Actions workflow (.github/workflows/publish.yml) and the GitLab file beside it
(.gitlab-ci.yml) run ``xjj status``, ``xjj board`` and the bulletin on every push to main
(official when the month is reportable, a draft otherwise), keep reports/ as the run's
artifact with the status table on the run's summary page, pin every action and the xjj
install, and carry Pages and the 催报 schedule only as comments that say what they expose.
Their shell scripts are run for real on a new repository, with the environment a runner gives.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from conftest import pending_november
from xjj_cli import __version__
from xjj_cli.cli import app

runner = CliRunner()
COMMIT = "0123456789abcdef0123456789abcdef01234567"
GITHUB = ".github/workflows/publish.yml"
GITLAB = ".gitlab-ci.yml"
PUSH = "xjj --data data push --what status --send --working-days 1-5 --to wecom --to dingtalk"
SECRETS = ("XJJ_WECOM_WEBHOOK", "XJJ_DINGTALK_WEBHOOK", "XJJ_DINGTALK_SECRET")
PUBLIC = "任何知道网址的人都能打开"
"""The plain warning that a Pages site makes the board public."""

_PINNED = re.compile(r"^[\w.-]+/[\w.-]+(?:/[\w./-]+)?@(?:v\d+(?:\.\d+){0,2}|[0-9a-f]{40})$")
"""An action pinned by a version tag (v4, v4.1.0) or a full commit, never a branch."""
_COMMENTED_CODE = re.compile(r"(?m)^(\s*)# (?=\s*[A-Za-z0-9_\"$.-])")
"""An opt-in line of code, commented out: its Chinese explanations start with Chinese."""


def init(target: Path, *options: str) -> Path:
    result = runner.invoke(app, ["init", str(target), *options])
    assert result.exit_code == 0, result.output
    return target


def text(repo: Path, name: str) -> str:
    return (repo / name).read_text(encoding="utf-8")


def parsed(source: str) -> dict[Any, Any]:
    loaded = yaml.safe_load(source)
    assert isinstance(loaded, dict)
    return loaded


def enabled(source: str) -> str:
    """The file as the office has it after uncommenting the opt-in code, as its comments say."""
    return _COMMENTED_CODE.sub(r"\1", source)


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    """``on:`` (which YAML 1.1, like PyYAML, reads as the key ``True``)."""
    found = workflow.get("on", workflow.get(True))
    assert isinstance(found, dict)
    return found


def uses_of(workflow: dict[Any, Any]) -> list[str]:
    return [s["uses"] for job in workflow["jobs"].values() for s in job["steps"] if "uses" in s]


def is_install(step: dict[str, Any]) -> bool:
    return "XJJ_PIP_SPEC" in step.get("env", {})


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository as ``xjj init`` writes it (read only; tests that run scripts make their own)."""
    return init(tmp_path_factory.mktemp("init") / "repo")


# --- GitHub Actions: what the parsed workflow says ----------------------------------------------


def test_the_workflow_runs_on_every_push_to_main_and_by_hand(repo: Path) -> None:
    workflow = parsed(text(repo, GITHUB))
    assert triggers(workflow) == {"push": {"branches": ["main"]}, "workflow_dispatch": None}
    assert list(workflow["jobs"]) == ["publish"]
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["defaults"] == {"run": {"shell": "bash"}}


def test_the_workflow_runs_status_board_and_the_bulletin_official_or_draft(repo: Path) -> None:
    steps = parsed(text(repo, GITHUB))["jobs"]["publish"]["steps"]
    scripts = "\n".join(s["run"] for s in steps if "run" in s and not is_install(s))
    assert "xjj --data data status --format json" in scripts  # the month guard, read as data
    assert 'json.load(sys.stdin)["reportable"]' in scripts
    assert '--format md > "reports/$month/$month-报送情况.md"' in scripts
    assert '>> "$GITHUB_STEP_SUMMARY"' in scripts
    assert 'xjj --data data board --month "$MONTH" ${DRAFT:+--draft}' in scripts
    assert 'xjj --data data bulletin --month "$MONTH" ${DRAFT:+--draft}' in scripts
    assert "${{" not in scripts  # step outputs reach scripts through env, never spliced in


def test_reports_are_the_run_s_artifact_by_a_pinned_action_visible_to_members(repo: Path) -> None:
    source = text(repo, GITHUB)
    steps = parsed(source)["jobs"]["publish"]["steps"]
    (upload,) = [s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert _PINNED.fullmatch(upload["uses"])
    assert upload["with"] == {"name": "reports", "path": "reports/", "if-no-files-found": "error"}
    assert steps[-1] is upload  # after everything that writes reports/
    assert "产物只有能访问本仓库的人（私有仓库的成员）能在本次运行的页面下载" in source
    assert "公开仓库的产物任何人都能下载" in source  # says when it is not members only


def test_every_action_of_every_workflow_is_pinned_even_the_opt_in_ones(repo: Path) -> None:
    for name in (GITHUB, ".github/workflows/validate.yml"):
        for source in (text(repo, name), enabled(text(repo, name))):
            for uses in uses_of(parsed(source)):
                assert _PINNED.fullmatch(uses), f"{name}: {uses}"
    assert not _PINNED.fullmatch("actions/upload-artifact@main")
    assert _PINNED.fullmatch(f"actions/upload-artifact@{COMMIT}")


def test_every_job_installs_the_source_init_was_given(tmp_path: Path) -> None:
    source = f"git+https://git.example.cn/xjb/xjj.git@{COMMIT}"
    repo = init(tmp_path / "repo", "--source", source)
    pinned = {"XJJ_PIP_SPEC": f"xjj-cli @ {source}"}
    for workflow in (parsed(text(repo, GITHUB)), parsed(enabled(text(repo, GITHUB)))):
        for job in workflow["jobs"].values():
            if "steps" in job and any("pip install" in s.get("run", "") for s in job["steps"]):
                (install,) = [s for s in job["steps"] if is_install(s)]
                assert install["env"] == pinned
                assert 'if ! python -m pip install "$XJJ_PIP_SPEC"; then' in install["run"]
    assert parsed(text(repo, GITLAB))["variables"] == pinned
    assert "@XJJ_PIP_SPEC@" not in text(repo, GITHUB) + text(repo, GITLAB)


def test_by_default_every_job_installs_this_xjj_version(repo: Path) -> None:
    pinned = {"XJJ_PIP_SPEC": f"xjj-cli=={__version__}"}
    steps = parsed(enabled(text(repo, GITHUB)))["jobs"]["remind"]["steps"]
    (install,) = [s for s in steps if is_install(s)]
    assert install["env"] == pinned
    assert parsed(text(repo, GITLAB))["variables"] == pinned


def test_pages_and_the_schedule_are_only_comments_with_the_public_warning(repo: Path) -> None:
    source = text(repo, GITHUB)
    workflow = parsed(source)
    assert "schedule" not in triggers(workflow)
    assert set(workflow["jobs"]) == {"publish"}
    assert not [u for u in uses_of(workflow) if "pages" in u]
    assert "secrets." not in yaml.safe_dump(workflow, allow_unicode=True)
    assert "# schedule:" in source and "# pages:" in source and "# remind:" in source
    assert PUBLIC in source and "即使本仓库是私有的" in source
    assert "# 警告：" in source


def test_uncommented_the_opt_in_parts_make_pages_and_the_9_o_clock_schedule(repo: Path) -> None:
    workflow = parsed(enabled(text(repo, GITHUB)))
    assert triggers(workflow)["schedule"] == [{"cron": "0 1 1-15 * *"}]  # 9:00 in Beijing
    jobs = workflow["jobs"]
    assert set(jobs) == {"publish", "pages", "remind"}
    assert jobs["publish"]["if"] == "github.event_name != 'schedule'"
    publish = [s.get("uses", "") for s in jobs["publish"]["steps"]]
    assert publish[-1].startswith("actions/upload-pages-artifact@")
    assert jobs["pages"]["needs"] == "publish"
    assert jobs["pages"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert [s["uses"].split("@")[0] for s in jobs["pages"]["steps"]] == ["actions/deploy-pages"]
    remind = jobs["remind"]
    assert remind["if"] == "github.event_name == 'schedule'"
    (push,) = [s for s in remind["steps"] if "xjj" in s.get("run", "") and not is_install(s)]
    assert push["run"].strip() == PUSH
    assert push["env"] == {name: f"${{{{ secrets.{name} }}}}" for name in SECRETS}


# --- GitLab CI ------------------------------------------------------------------------------------


def gitlab_jobs(pipeline: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in pipeline.items() if not k.startswith(".") and k != "variables"}


def test_the_gitlab_file_has_the_same_jobs_and_keeps_reports_for_members(repo: Path) -> None:
    source = text(repo, GITLAB)
    pipeline = parsed(source)
    jobs = gitlab_jobs(pipeline)
    assert set(jobs) == {"validate", "publish"}
    install = "\n".join(pipeline[".xjj"]["before_script"])
    assert 'if ! python -m pip install "$XJJ_PIP_SPEC"; then' in install and "exit 1" in install
    assert all(job["extends"] == ".xjj" for job in jobs.values())  # the pinned install
    publish = jobs["publish"]
    push = '$CI_PIPELINE_SOURCE == "push" && $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH'
    assert {"if": push} in publish["rules"]
    assert not [r for r in publish["rules"] if "schedule" in r["if"]]
    script = "\n".join(publish["script"])
    assert "xjj --data data status --format json" in script
    assert 'xjj --data data board --month "$month" ${draft:+--draft}' in script
    assert 'xjj --data data bulletin --month "$month" ${draft:+--draft}' in script
    assert publish["artifacts"] == {
        "name": "reports",
        "paths": ["reports/"],
        "expire_in": "90 days",
        "access": "developer",
    }
    assert jobs["validate"]["script"] == ["xjj --data data validate"]


def test_gitlab_pages_and_the_schedule_are_only_comments_until_uncommented(repo: Path) -> None:
    source = text(repo, GITLAB)
    assert "pages" not in parsed(source) and "remind" not in parsed(source)
    assert PUBLIC in source and "即使本项目是私有的" in source
    assert 'rules: if: $CI_PIPELINE_SOURCE == "schedule"' in source  # documented
    assert "Asia/Shanghai" in source and "0 9 1-15 * *" in source
    jobs = gitlab_jobs(parsed(enabled(source)))
    assert set(jobs) == {"validate", "publish", "pages", "remind"}
    assert jobs["pages"]["artifacts"] == {"paths": ["public"]}
    assert jobs["pages"]["needs"] == ["publish"]
    assert jobs["remind"]["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "schedule"'}]
    assert jobs["remind"]["script"] == [PUSH]
    for name in SECRETS:
        assert name in source


# --- the scripts, run for real --------------------------------------------------------------------


def runner_path(tmp_path: Path) -> str:
    """A PATH with what a runner has after the install step: python, xjj and core tools (not
    LibreOffice, which GitHub's and the python image lack: md, html and docx, no PDF)."""
    folder = tmp_path / "runner-bin"
    folder.mkdir()
    xjj = Path(sys.executable).parent / "xjj"
    assert xjj.is_file()
    (folder / "xjj").symlink_to(xjj)
    (folder / "python").symlink_to(sys.executable)
    for tool in ("mkdir", "cat", "cp", "sh", "bash"):
        found = shutil.which(tool)
        assert found is not None, tool
        (folder / tool).symlink_to(found)
    return str(folder)


def base_env(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir()
    return {"PATH": runner_path(tmp_path), "HOME": str(home), "LANG": "C.UTF-8", "CI": "true"}


def outputs(file: Path) -> dict[str, str]:
    lines = file.read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines)


_EXPRESSION = re.compile(r"\$\{\{\s*steps\.([\w-]+)\.outputs\.([\w-]+)\s*\}\}")


def run_github_job(repo: Path, job: dict[str, Any], tmp_path: Path) -> tuple[str, dict[str, str]]:
    """Run the job's ``run:`` steps (but the install: xjj is already on PATH) as Actions does:
    ``bash -eo pipefail`` in the checkout, each step's env with its ``steps.*.outputs``
    filled in; the summary page's Markdown and the status step's outputs."""
    runner_env = base_env(tmp_path)
    summary = tmp_path / "summary.md"
    summary.touch()
    step_outputs: dict[str, dict[str, str]] = {}
    for number, step in enumerate(job["steps"]):
        if "run" not in step or is_install(step):
            continue
        output = tmp_path / f"output-{number}"
        output.touch()
        env = {
            **runner_env,
            "GITHUB_ACTIONS": "true",
            "GITHUB_STEP_SUMMARY": str(summary),
            "GITHUB_OUTPUT": str(output),
            "RUNNER_TEMP": str(tmp_path),
        }
        for key, value in step.get("env", {}).items():
            env[key] = _EXPRESSION.sub(lambda m: step_outputs[m[1]][m[2]], str(value))
            assert "${{" not in env[key], value
        script = tmp_path / f"step-{number}.sh"
        script.write_text(step["run"], encoding="utf-8")
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, f"{step.get('name')}: {done.stdout}\n{done.stderr}"
        if "id" in step:
            step_outputs[step["id"]] = outputs(output)
    return summary.read_text(encoding="utf-8"), step_outputs.get("month", {})


def files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def test_on_a_reportable_month_the_run_makes_the_official_board_and_bulletin(
    tmp_path: Path,
) -> None:
    repo = init(tmp_path / "repo")
    job = parsed(text(repo, GITHUB))["jobs"]["publish"]
    summary, said = run_github_job(repo, job, tmp_path)
    assert said == {"month": "2026-10", "draft": ""}
    assert summary.startswith("2026年10月镇街数据已报齐（16个镇街），可以出正式报告。\n")
    assert "### 2026年10月镇街月度数据报送情况" in summary
    assert "| 镇街 | 类型 | 报送 |\n| --- | --- | --- |\n| 古槐街道 | 街道 | 已报送 |" in summary
    assert "| 协力气体 |" in summary  # the 催报 list: its project has not reported
    assert files(repo / "reports") == {"2026-10"}  # what the artifact step uploads
    assert files(repo / "reports" / "2026-10") == {
        "2026-10-报送情况.md",
        "2026-10-挂图作战图.html",
        "2026-10-新基建月度通报.md",
        "2026-10-新基建月度通报.html",
        "2026-10-新基建月度通报.docx",
    }
    kept = (repo / "reports" / "2026-10" / "2026-10-报送情况.md").read_text(encoding="utf-8")
    assert kept == summary


def test_on_a_month_not_reportable_the_run_makes_drafts_and_pages_gets_the_board(
    tmp_path: Path,
) -> None:
    """November half in: every document is a 征求意见稿, nothing is refused; with the opt-in
    Pages steps uncommented, the site's page is that draft board."""
    repo = init(tmp_path / "repo")
    pending_november(repo / "data")
    job = parsed(enabled(text(repo, GITHUB)))["jobs"]["publish"]
    summary, said = run_github_job(repo, job, tmp_path)
    assert said == {"month": "2026-11", "draft": "yes"}
    assert summary.startswith("2026年11月镇街数据尚未报齐：2个镇街未报送（李营街道、长沟镇）")
    assert "| 李营街道 | 街道 | 未报送 |" in summary
    made = files(repo / "reports" / "2026-11")
    assert made == {
        "2026-11-报送情况.md",
        "2026-11-挂图作战图-征求意见稿.html",
        "2026-11-新基建月度通报-征求意见稿.md",
        "2026-11-新基建月度通报-征求意见稿.html",
        "2026-11-新基建月度通报-征求意见稿.docx",
    }
    board = repo / "reports" / "2026-11" / "2026-11-挂图作战图-征求意见稿.html"
    assert (repo / "site" / "index.html").read_bytes() == board.read_bytes()


def run_gitlab_job(repo: Path, job: dict[str, Any], env: dict[str, str]) -> str:
    """Run the job's ``script`` (not the install, xjj is on PATH) as GitLab does, in one shell
    with ``-e`` — plain ``sh``: no bash arrays or pipefail needed; what it printed."""
    script = repo.parent / "job.sh"
    script.write_text("\n".join(job["script"]), encoding="utf-8")
    done = subprocess.run(
        ["sh", "-e", str(script)], cwd=repo, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_the_gitlab_scripts_run_the_same_way(tmp_path: Path) -> None:
    """On a month being collected: drafts, the status in the job's log; and the opt-in Pages
    job, uncommented, publishes that draft board."""
    repo = init(tmp_path / "repo")
    pending_november(repo / "data")
    jobs = gitlab_jobs(parsed(enabled(text(repo, GITLAB))))
    env = {**base_env(tmp_path), "GITLAB_CI": "true", "CI_PIPELINE_SOURCE": "push"}
    log = run_gitlab_job(repo, jobs["publish"], env)
    assert log.startswith("2026年11月镇街数据尚未报齐")  # the status tables in the job's log
    assert "| 李营街道 | 街道 | 未报送 |" in log
    assert files(repo / "reports" / "2026-11") == {
        "2026-11-报送情况.md",
        "2026-11-挂图作战图-征求意见稿.html",
        "2026-11-新基建月度通报-征求意见稿.md",
        "2026-11-新基建月度通报-征求意见稿.html",
        "2026-11-新基建月度通报-征求意见稿.docx",
    }
    assert os.listdir(repo / "reports") == ["2026-11"]
    run_gitlab_job(repo, jobs["pages"], env)
    board = repo / "reports" / "2026-11" / "2026-11-挂图作战图-征求意见稿.html"
    assert (repo / "public" / "index.html").read_bytes() == board.read_bytes()


# --- the set-up, in both READMEs ------------------------------------------------------------------


def five_steps(readme: str) -> list[str]:
    """The numbered steps of the section "在线调度" (up to the next section)."""
    section = readme[readme.index("## 在线调度") :]
    end = section.find("\n## ")
    return re.findall(r"(?m)^\d\. \*\*(.+?)\*\*", section if end == -1 else section[:end])


@pytest.mark.parametrize("which", ["staff", "project"])
def test_the_readme_sets_it_up_in_five_steps(repo: Path, which: str) -> None:
    root = Path(__file__).resolve().parents[2]
    readme = text(repo, "README.md") if which == "staff" else text(root, "README.md")
    steps = five_steps(readme)
    assert len(steps) == 5, steps
    assert "机器人" in steps[0] and "Webhook" in steps[0]
    assert "机密变量" in steps[1] and "定时催报" in steps[2]
    assert "Pages" in steps[3] or "网站" in steps[3]
    assert "第一次" in steps[4]
    section = readme[readme.index("## 在线调度") :]
    for name in SECRETS:
        assert f"`{name}`" in section
    assert "任何知道网址的人" in section and "即使仓库是私有的" in section
