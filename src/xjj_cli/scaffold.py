"""``xjj init``: a new data repository made from the built-in sample district."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from enum import Enum
from importlib import resources
from pathlib import Path

from xjj_cli import __version__
from xjj_cli.errors import OutputError, UsageError
from xjj_cli.messages.cli import init_message
from xjj_cli.messages.errors import os_reason

# Files of the sample beside its data folder, and where each goes in a new repository
# (stored without leading dots so that packaging tools never drop them).
REPO_FILES = {
    "README.md": "README.md",
    "validate.yml": ".github/workflows/validate.yml",
    "publish.yml": ".github/workflows/publish.yml",
    "gitlab-ci.yml": ".gitlab-ci.yml",
    "gitignore": ".gitignore",
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
    "data-format.md": "docs/data-format.md",
}
TEMPLATED = {"README.md", "validate.yml", "publish.yml", "gitlab-ci.yml"}
"""Files in which ``@XJJ_PIP_SPEC@`` is replaced by the pinned install source."""
PIN_MARK = "@XJJ_PIP_SPEC@"
WHEEL_FOLDER = ".github/xjj"
"""Where a wheel given to ``init --source`` is kept in the new repository (CI installs it)."""

# The sample's own README describes the fictional sample district, not the new repository.
_SKIPPED = {".xjj-cache", "__pycache__", "README.md"}

_NAME = r"xjj[-_.]cli"
_EXACT = re.compile(rf"^{_NAME}\s*===?\s*(?P<version>[0-9][0-9A-Za-z.!+\-]*)$", re.IGNORECASE)
_DIRECT = re.compile(r"^(?:(?P<name>[A-Za-z0-9._\-]+)\s*@\s*)?(?P<url>\S+)$")
_GIT_AT_COMMIT = re.compile(
    r"^git\+(?:https|ssh|file)://\S+@[0-9a-f]{40}(?:[0-9a-f]{24})?(?:#\S*)?$"
)
_HASHED_ARCHIVE = re.compile(r"^https://\S+\.(?:whl|tar\.gz|zip)#sha256=[0-9a-fA-F]{64}$")
_WHEEL_NAME = re.compile(r"^xjj_cli-[0-9][^-]*-.+\.whl$")
_SAFE = re.compile(r"[A-Za-z0-9._~:/?#@!&+,;=\- ]")
"""Characters a source may contain: nothing a shell, YAML or an Actions expression reads."""


@dataclass(frozen=True)
class InstallSource:
    """Where the new repository's CI installs xjj from: a pip requirement that is pinned."""

    requirement: str
    wheel: Path | None = None
    """A local wheel that ``init`` copies into the repository (``requirement`` names the copy)."""


def install_source(source: str | None) -> InstallSource:
    """The pinned install source for ``source``; this xjj's exact version when none is given.

    Pinned means that the same bytes are installed on every run: an exact version, a git
    commit, an archive with its SHA-256, or a wheel kept in the repository. Anything else
    (a bare name, a range, a branch or tag) is refused with :class:`UsageError`.
    """
    if source is None:
        return InstallSource(f"xjj-cli=={__version__}")
    text = source.strip()
    local = Path(text).expanduser()
    if local.is_file():
        if not _WHEEL_NAME.fullmatch(local.name):
            raise UsageError(init_message("not_a_wheel", source=source))
        pinned = InstallSource(f"./{WHEEL_FOLDER}/{local.name}", local)
    elif exact := _EXACT.fullmatch(text):
        pinned = InstallSource(f"xjj-cli=={exact['version']}")
    elif (direct := _DIRECT.fullmatch(text)) and (
        _GIT_AT_COMMIT.fullmatch(direct["url"]) or _HASHED_ARCHIVE.fullmatch(direct["url"])
    ):
        name = direct["name"]
        if name is not None and not re.fullmatch(_NAME, name, re.IGNORECASE):
            raise UsageError(init_message("not_xjj", source=source))
        pinned = InstallSource(f"xjj-cli @ {direct['url']}")
    else:
        raise UsageError(init_message("unpinned", source=source))
    for char in pinned.requirement:
        if not _SAFE.fullmatch(char):
            raise UsageError(init_message("characters", source=source, char=char))
    return pinned


@dataclass(frozen=True)
class NewRepository:
    """What ``xjj init`` wrote: every file, and the install source its workflow pins."""

    files: list[Path]
    requirement: str


def create_repository(directory: Path, source: str | None = None) -> NewRepository:
    """Create ``directory`` as a data repository from the sample; never overwrite anything.

    Its CI workflow installs xjj from ``source`` (see :func:`install_source`), checked
    before anything is written. The repository is assembled in a temporary folder beside
    ``directory`` and moved into place at the end, so an interrupted run leaves nothing
    half-written.
    """
    install = install_source(source)
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise OutputError(init_message("not_empty", directory=directory))
    parent = directory.absolute().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".xjj-init-", dir=parent))
    except OSError as exc:
        raise OutputError(init_message("no_parent", parent=parent, reason=os_reason(exc))) from exc
    try:
        _fill(staging, install)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(staging, 0o777 & ~umask)  # mkdtemp makes it private; the repository is not
        written = sorted(p.relative_to(staging) for p in staging.rglob("*") if p.is_file())
        if directory.exists():
            directory.rmdir()  # empty, checked above; replaced atomically below
        os.replace(staging, directory)
    except OutputError:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise OutputError(
            init_message("not_written", directory=directory, reason=os_reason(exc))
        ) from exc
    return NewRepository([directory / p for p in written], install.requirement)


def _fill(staging: Path, install: InstallSource) -> None:
    """Write the sample's data, the repository files and the pinned wheel into ``staging``."""
    sample = resources.files("xjj_cli").joinpath("sample")
    with resources.as_file(sample) as sample_dir:
        shutil.copytree(
            sample_dir / "data", staging / "data", ignore=shutil.ignore_patterns(*_SKIPPED)
        )
        for source, target in REPO_FILES.items():
            destination = staging / target
            destination.parent.mkdir(parents=True, exist_ok=True)
            if source in TEMPLATED:
                text = (sample_dir / "repo" / source).read_text(encoding="utf-8")
                destination.write_text(_pin(text, install.requirement), encoding="utf-8")
            else:
                shutil.copyfile(sample_dir / "repo" / source, destination)
    if install.wheel is not None:
        try:
            wheel = install.wheel.read_bytes()
        except OSError as exc:
            reason = os_reason(exc)
            raise OutputError(
                init_message("unreadable_wheel", source=install.wheel, reason=reason)
            ) from exc
        (staging / WHEEL_FOLDER).mkdir(parents=True, exist_ok=True)
        (staging / WHEEL_FOLDER / install.wheel.name).write_bytes(wheel)
    (staging / "templates").mkdir()
    (staging / "reports").mkdir()


def _pin(text: str, requirement: str) -> str:
    """``text`` with the install source filled in: quoted inside a YAML line, plain elsewhere."""
    quoted = json.dumps(requirement, ensure_ascii=False)  # a JSON string is a YAML scalar
    return text.replace(f'"{PIN_MARK}"', quoted).replace(PIN_MARK, requirement)


class Git(Enum):
    """What :func:`init_git` did with a new repository."""

    INITIALISED = "initialised"
    """``git init`` made it a git repository of its own."""
    INSIDE = "inside"
    """It is inside an existing git work tree: left as it is (never a repository in one)."""
    NO_GIT = "no_git"
    """git is not installed (not on PATH)."""
    FAILED = "failed"
    """git was there but did not answer or failed; the repository itself is complete."""


_GIT_ENVIRONMENT = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY")
"""Variables that would point git at another repository than the new folder's."""


def init_git(directory: Path) -> tuple[Git, str]:
    """Make ``directory`` (a new repository, just written) a git repository when git is
    installed and it is not already inside a git work tree; with what git said (the
    enclosing work tree for ``INSIDE``, git's error for ``FAILED``)."""
    git = shutil.which("git")
    if git is None:
        return Git.NO_GIT, ""
    env = {k: v for k, v in os.environ.items() if k not in _GIT_ENVIRONMENT}
    env["LC_ALL"] = "C"  # git's own words, to tell "not a repository" from a failure

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [git, *args],
            cwd=directory,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    try:
        where = run("rev-parse", "--show-toplevel")
        if where.returncode == 0:
            return Git.INSIDE, where.stdout.strip() or str(directory.absolute().parent)
        if "not a git repository" not in where.stderr:
            return Git.FAILED, _last_line(where.stderr)
        done = run("init", "--quiet")
    except (OSError, subprocess.SubprocessError) as exc:
        return Git.FAILED, os_reason(exc) if isinstance(exc, OSError) else str(exc)
    if done.returncode != 0:
        return Git.FAILED, _last_line(done.stderr)
    return Git.INITIALISED, ""


def _last_line(text: str) -> str:
    """The last non-empty line of what a program said (git's reason comes last)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""
