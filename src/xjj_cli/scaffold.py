"""``xjj init``: a new data repository made from the built-in sample district."""

from __future__ import annotations

import os
import shutil
import tempfile
from importlib import resources
from pathlib import Path

from xjj_cli.errors import OutputError
from xjj_cli.messages import os_reason

# Files of the sample beside its data folder, and where each goes in a new repository
# (stored without leading dots so that packaging tools never drop them).
REPO_FILES = {
    "README.md": "README.md",
    "validate.yml": ".github/workflows/validate.yml",
    "gitignore": ".gitignore",
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
}
_SKIPPED = {".xjj-cache", "__pycache__"}


def create_repository(directory: Path) -> list[Path]:
    """Create ``directory`` as a data repository from the sample; never overwrite anything.

    The repository is assembled in a temporary folder beside ``directory`` and moved
    into place at the end, so an interrupted run leaves nothing half-written.
    """
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise OutputError(f"“{directory}”已存在且不是空目录；为避免覆盖已有文件，请换一个新目录")
    parent = directory.absolute().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".xjj-init-", dir=parent))
    except OSError as exc:
        raise OutputError(f"无法在“{parent}”中新建目录：{os_reason(exc)}") from exc
    try:
        sample = resources.files("xjj_cli").joinpath("sample")
        with resources.as_file(sample) as sample_dir:
            shutil.copytree(
                sample_dir / "data", staging / "data", ignore=shutil.ignore_patterns(*_SKIPPED)
            )
            for source, target in REPO_FILES.items():
                destination = staging / target
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(sample_dir / "repo" / source, destination)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(staging, 0o777 & ~umask)  # mkdtemp makes it private; the repository is not
        (staging / "templates").mkdir()
        (staging / "reports").mkdir()
        written = sorted(p.relative_to(staging) for p in staging.rglob("*") if p.is_file())
        if directory.exists():
            directory.rmdir()  # empty, checked above; replaced atomically below
        os.replace(staging, directory)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise OutputError(f"无法新建数据仓库“{directory}”：{os_reason(exc)}") from exc
    return [directory / p for p in written]
