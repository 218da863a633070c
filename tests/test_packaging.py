"""The built wheel carries what an installed xjj needs: the templates and the sample district.

The wheel is built from the working tree as it is (uncommitted changes included): every file
git would commit — tracked or new, not ignored — is copied, symlinks kept as symlinks.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import ROOT, SAMPLE


def copy_working_tree(destination: Path) -> None:
    """Copy the files of the working tree that git would commit, as they are on disk now."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout.decode()
    for name in dict.fromkeys(n for n in listed.split("\0") if n):
        path, target = ROOT / name, destination / name
        if not path.is_symlink() and not path.exists():
            continue  # deleted in the working tree, not yet committed
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.is_symlink():
            os.symlink(os.readlink(path), target)
        else:
            shutil.copy2(path, target)


def test_the_wheel_contains_the_templates_and_the_sample(tmp_path: Path) -> None:
    source = tmp_path / "src"
    copy_working_tree(source)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path),
            ".",
        ],
        cwd=source,
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("xjj_cli-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"xjj_cli/templates/bulletin.md.j2", "xjj_cli/templates/bulletin.html.j2"} <= names
    assert "xjj_cli/templates/bulletin-reference.docx" in names  # the DOCX bulletin's look
    assert "xjj_cli/sample/data/district.yaml" in names
    assert "xjj_cli/sample/repo/validate.yml" in names
    assert "xjj_cli/sample/repo/publish.yml" in names  # init's publishing workflow (issue 27)
    assert "xjj_cli/sample/repo/gitlab-ci.yml" in names
    assert "xjj_cli/sample/repo/data-format.md" in names  # the reference init puts in docs/
    assert "xjj_cli/locale/zh_CN/LC_MESSAGES/xjj.po" in names  # the help and usage in Chinese
    sample = {n for n in names if n.startswith("xjj_cli/sample/data/")}
    expected = {
        f"xjj_cli/sample/data/{p.relative_to(ROOT / 'data').as_posix()}"
        for p in (SAMPLE).rglob("*")
        if p.is_file()
    }
    assert sample == expected
