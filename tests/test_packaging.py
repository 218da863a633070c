"""The built wheel carries what an installed xjj needs: the templates and the sample district."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_wheel_contains_the_templates_and_the_sample(tmp_path: Path) -> None:
    source = tmp_path / "src"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(source)], check=True)
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
    assert "xjj_cli/sample/data/district.yaml" in names
    assert "xjj_cli/sample/repo/validate.yml" in names
    assert "xjj_cli/locale/zh_CN/LC_MESSAGES/xjj.po" in names  # the help and usage in Chinese
    sample = {n for n in names if n.startswith("xjj_cli/sample/data/")}
    expected = {
        f"xjj_cli/sample/data/{p.relative_to(ROOT / 'data').as_posix()}"
        for p in (ROOT / "data").rglob("*")
        if p.is_file()
    }
    assert sample == expected
