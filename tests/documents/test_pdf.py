"""`xjj bulletin --format pdf` (render/pdf.py): the DOCX laid out by LibreOffice on a computer
without the official fonts — a Chinese serif, a Chinese sans and a Kai (or third) face, digits
set beside the Chinese without gaps, 22 lines a page and 28 characters a line — and what
happens without LibreOffice or when it fails: a Chinese error, exit 1, no file written."""

from __future__ import annotations

import re
import stat
import subprocess
import tempfile
from functools import cache
from itertools import pairwise
from pathlib import Path
from xml.etree import ElementTree

import pytest
from typer.testing import CliRunner

from conftest import copy_sample
from realapps import docx_to_pdf, pdf_lines
from xjj_cli.cli import app
from xjj_cli.errors import OutputError
from xjj_cli.render import pdf

NAME = "2026-10-新基建月度通报"
ARGS = ["bulletin", "--month", "2026-10", "--date", "2026-11-05", "--number", "12"]
TOP, BOTTOM = 37 * 72 / 25.4, (297 - 35) * 72 / 25.4  # the type area, in points from the top
CHINESE_LINE = re.compile(r"[\u4e00-\u9fff，。、；：“”（）]+")


def run(data: Path, out: Path, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["--data", str(data), *ARGS, "--out", str(out), *extra])
    return result.exit_code, result.output


@cache
def made() -> Path:
    """The sample's bulletin made by `xjj bulletin --format pdf`."""
    root = Path(tempfile.mkdtemp())
    code, output = run(copy_sample(root), root / "out", "--format", "pdf")
    assert code == 0, output
    (path,) = (root / "out").iterdir()
    assert path.name == f"{NAME}.pdf"
    return path


def families(path: Path) -> set[str]:
    """The PDF's fonts (pdffonts), subset prefix and style dropped: NotoSerifCJKjp, UKaiCN…"""
    listed = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True, timeout=60
    ).stdout.splitlines()[2:]
    names = (line.split()[0].partition("+")[2] for line in listed)
    return {re.split(r"-(?:Regular|Bold|Book)", name)[0] for name in names}


def words(path: Path, page: int) -> list[tuple[float, float, float, str]]:
    """The words of one page (pdftotext -bbox): (top, left, right, text)."""
    xhtml = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    return [
        (float(top), float(left), float(right), text)
        for left, top, right, text in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
            xhtml,
        )
    ]


@pytest.mark.needs("soffice", "pdffonts")
def test_the_pdf_sets_the_official_fonts_in_three_free_faces() -> None:
    found = families(made())
    chinese = {name for name in found if "CJK" in name or "Kai" in name or "Ming" in name}
    assert any(name.startswith("NotoSerifCJK") for name in chinese), found  # 仿宋, 小标宋
    assert any(name.startswith("NotoSansCJK") for name in chinese), found  # 黑体
    assert len(chinese) >= 3, found  # 楷体: AR PL UKai CN where installed


@pytest.mark.needs("soffice", "pdftotext")
def test_the_pdf_sets_digits_beside_the_chinese() -> None:
    text = subprocess.run(
        ["pdftotext", str(made()), "-"], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    assert "2026年11月5日" in text  # the date under the signature
    assert date_gaps(made()) == []  # one word: no room between digits and 年, 月, 日
    assert "1至10月完成投资19.32亿元" in text


@pytest.mark.needs("soffice", "pdftotext")
def test_the_pdf_keeps_22_lines_a_page_and_28_characters_a_line() -> None:
    pages = pdf_lines(made())
    lengths: list[int] = []
    for page in pages:
        body = [(top, text) for top, height, text in page if height >= 18 and top >= TOP - 2]
        assert len({round(top) for top, _ in body if top < BOTTOM}) <= 22
        # (a closing mark may stand after the 28th character, as Word and WPS set it too)
        lengths += [
            len(text.rstrip("，。、；：）”")) for _, text in body if CHINESE_LINE.fullmatch(text)
        ]
    assert max(lengths) == 28
    assert lengths.count(28) > lengths.count(27)  # a full line holds 28, not 27


@pytest.mark.needs("soffice", "pdftotext")
def test_libreoffice_opening_the_docx_pads_no_digits_to_grid_cells(tmp_path: Path) -> None:
    """A clerk opening the DOCX in LibreOffice: at most LibreOffice's own Chinese–Latin gap
    (a fifth of a character) beside digits, not the rest of a 16 pt grid cell."""
    code, output = run(copy_sample(tmp_path), tmp_path / "out", "--format", "docx")
    assert code == 0, output
    laid_out = docx_to_pdf(tmp_path / "out" / f"{NAME}.docx", tmp_path)
    assert max(date_gaps(laid_out)) < 4.5


def date_gaps(path: Path) -> list[float]:
    """The gaps between the words of the line that is only the date under the signature
    (3号, on the grid), in points: pdftotext splits words where there is room."""
    for page in range(len(pdf_lines(path)), 0, -1):
        lines: dict[float, list[tuple[float, float, float, str]]] = {}
        for word in words(path, page):
            lines.setdefault(word[0], []).append(word)
        for line in lines.values():
            line.sort(key=lambda word: word[1])
            if "".join(word[3] for word in line) == "2026年11月5日":
                return [b[1] - a[2] for a, b in pairwise(line)]
    raise AssertionError(f"no dated signature in {path}")


def test_pdf_without_libreoffice_is_a_chinese_error_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = copy_sample(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    code, output = run(data, tmp_path / "out", "--format", "pdf")
    assert code == 1
    assert "需要 LibreOffice" in output and "libreoffice-writer" in output
    assert "Traceback" not in output
    assert not (tmp_path / "out").exists()


def test_all_without_libreoffice_writes_the_three_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = copy_sample(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    code, output = run(data, tmp_path / "out")
    assert code == 0, output
    written = sorted(path.name for path in (tmp_path / "out").iterdir())
    assert written == [f"{NAME}.{fmt}" for fmt in ("docx", "html", "md")]


def fake_office(folder: Path, script: str) -> Path:
    """A program named soffice in ``folder`` running ``script`` (sh)."""
    folder.mkdir(parents=True, exist_ok=True)
    program = folder / "soffice"
    program.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    return program


@pytest.mark.parametrize(
    ("script", "said"),
    [
        ("echo 'Error: source file could not be loaded' >&2; exit 1", "could not be loaded"),
        ("exit 0", "exit 0"),  # no file made
    ],
)
def test_a_failing_libreoffice_is_a_chinese_error_and_no_file_of_the_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script: str, said: str
) -> None:
    data = copy_sample(tmp_path)
    fake_office(tmp_path / "bin", script)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:/usr/bin:/bin")
    code, output = run(data, tmp_path / "out", "--format", "all")
    assert code == 1
    assert "LibreOffice 未能把通报转换为 PDF" in output and said in output
    assert "Traceback" not in output
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_libreoffice_that_hangs_is_stopped(tmp_path: Path) -> None:
    program = fake_office(tmp_path, "sleep 30")
    with pytest.raises(OutputError, match="超过 1 秒仍未完成"):
        pdf.render_pdf(b"not read", str(program), timeout=1)


def test_the_first_installed_face_of_each_kind_stands_in() -> None:
    installed = {"Noto Serif CJK SC", "Noto Sans CJK SC", "WenQuanYi Zen Hei", "宋体"}
    table = pdf.replacements(installed)
    assert table == {
        "方正小标宋简体": "宋体",  # Windows' 宋体 before a free face
        "仿宋_GB2312": "Noto Serif CJK SC",
        "黑体": "Noto Sans CJK SC",
        "楷体_GB2312": "WenQuanYi Zen Hei",  # no Kai: a third face
    }  # 宋体 itself is installed: not replaced
    with_kai = pdf.replacements({*installed, "AR PL UKai CN", "仿宋"})
    assert with_kai["楷体_GB2312"] == "AR PL UKai CN"
    assert with_kai["仿宋_GB2312"] == "仿宋"  # Windows' own 仿宋 before a free face
    assert pdf.replacements(set()) == {}


def test_the_profile_carries_the_replacement_table() -> None:
    xml = pdf.profile_settings({"仿宋_GB2312": "Noto Serif CJK SC", "A&B": "C<D"})
    root = ElementTree.fromstring(xml)
    values = [value.text for value in root.iter("value")]
    pair = ["true", "false"]  # Always, OnScreenOnly
    expected = ["true", *pair, "仿宋_GB2312", "Noto Serif CJK SC", *pair, "A&B", "C<D"]
    assert values == expected
