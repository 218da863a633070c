"""The board and the notices remembered by their data (memo.DocumentMemo), as the bulletin is
(tests/cli/test_memo_bulletin.py, whose helpers these share): written again for
the same data, map, templates, day and request — byte for byte the files a fresh run writes,
through the same writer and its rules — and made anew for anything else."""

from __future__ import annotations

import datetime as dt
import importlib
import shutil
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from cli.test_memo_bulletin import DATE, PROJECT, files, xjj
from conftest import ROOT
from probes import imports_of
from xjj_cli import paths
from xjj_cli.commands.core import Outcome


@dataclass(frozen=True)
class Document:
    """A document command as these tests run it."""

    command: str
    maker: str
    """The function of its command's module (``xjj_cli.commands.<command>``) that makes it
    anew."""
    target: str
    """What ``--out`` names below the folder the tests compare: a file, or the folder itself."""
    args: tuple[str, ...]
    template: str
    """A template it is rendered with."""
    variants: tuple[tuple[str, ...], ...]
    """Other requests (the last value of an option given twice is the one taken)."""

    @property
    def module(self) -> ModuleType:
        """The command's module, where ``maker`` is."""
        return importlib.import_module(f"xjj_cli.commands.{self.command}")

    def run(self, data: Path, folder: Path | None, *more: str) -> tuple[int, str, str]:
        """Run it for October into ``folder`` (None: the default place beside the data)."""
        out = () if folder is None else ("--out", str(folder / self.target))
        return xjj(data, self.command, "--month", "2026-10", *out, *self.args, *more)


BOARD = Document(
    "board", "board_file", "board.html", (), "board.html.j2", (("--draft",), ("-m", "2026-09"))
)
NOTICES = Document(
    "notices",
    "notices_files",
    "",
    (*DATE, "--number-from", "13"),
    "notice-foot.md.j2",
    (("--draft",), ("--date", "2026-11-06"), ("--number-from", "14"), ("-m", "2026-09")),
)
DOCUMENTS = pytest.mark.parametrize("doc", [BOARD, NOTICES], ids=["board", "notices"])


def count_made(monkeypatch: pytest.MonkeyPatch, doc: Document) -> list[str]:
    """The documents made anew (not written from the memo) from now on."""
    made: list[str] = []
    real = getattr(doc.module, doc.maker)

    def spy(*args: Any, **kwargs: Any) -> Outcome:
        made.append(doc.command)
        return real(*args, **kwargs)  # type: ignore[no-any-return]

    monkeypatch.setattr(doc.module, doc.maker, spy)
    return made


def fresh(
    monkeypatch: pytest.MonkeyPatch, doc: Document, data: Path, folder: Path, *more: str
) -> tuple[int, str, str]:
    """The document made anew, the memo off."""
    with monkeypatch.context() as patch:
        patch.setenv("XJJ_MEMO", "0")
        return doc.run(data, folder, *more)


@DOCUMENTS
def test_a_remembered_document_writes_the_files_a_fresh_run_writes(
    sample_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, doc: Document
) -> None:
    made_fresh = fresh(monkeypatch, doc, sample_copy, tmp_path / "fresh")
    assert made_fresh[0] == 0
    made = count_made(monkeypatch, doc)
    out = tmp_path / "out"
    first = doc.run(sample_copy, out)
    shutil.rmtree(out)
    again = doc.run(sample_copy, out)
    assert made == [doc.command]  # the second run was written from the memo
    assert first == again
    assert again[1] == made_fresh[1].replace(str(tmp_path / "fresh"), str(out))
    assert again[1].count("\n") == len(files(out)) >= 1
    assert again[2] == made_fresh[2]  # the same notices on stderr (催报, an estimated due date)
    assert files(out) == files(tmp_path / "fresh")


@DOCUMENTS
def test_the_default_place_is_beside_the_data_on_a_hit_too(
    sample_copy: Path, monkeypatch: pytest.MonkeyPatch, doc: Document
) -> None:
    made = count_made(monkeypatch, doc)
    first = doc.run(sample_copy, None)
    shutil.rmtree(sample_copy.parent / "reports")
    again = doc.run(sample_copy, None)
    assert made == [doc.command] and first == again
    written = again[1].splitlines()
    assert written and all(Path(p).is_file() for p in written)
    assert all(Path(p).is_relative_to(sample_copy.parent / "reports" / "2026-10") for p in written)


@DOCUMENTS
def test_a_hit_keeps_the_overwrite_rules(
    sample_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, doc: Document
) -> None:
    out = tmp_path / "out"
    doc.run(sample_copy, out)
    made = count_made(monkeypatch, doc)

    def only_mine() -> Path:
        found = sorted(p for p in out.iterdir())
        for other in found[1:]:
            other.unlink()
        found[0].write_text("我的文件", encoding="utf-8")
        return found[0]

    mine = only_mine()
    refused = doc.run(sample_copy, out)
    assert refused[0] == 1 and str(mine) in refused[2] and "--force" in refused[2]
    assert mine.read_text(encoding="utf-8") == "我的文件"  # never overwritten without --force
    assert [p.name for p in out.iterdir()] == [mine.name]  # and nothing else written
    forced = doc.run(sample_copy, out, "--force")
    assert made == [] and forced[0] == 0
    assert fresh(monkeypatch, doc, sample_copy, tmp_path / "anew")[0] == 0
    assert files(out) == files(tmp_path / "anew")
    only_mine()
    assert fresh(monkeypatch, doc, sample_copy, out)[1:] == refused[1:]  # a fresh run's refusal


@DOCUMENTS
def test_another_request_is_made_anew(
    sample_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, doc: Document
) -> None:
    out = tmp_path / "out"
    doc.run(sample_copy, out)
    made = count_made(monkeypatch, doc)
    for variant in doc.variants:
        assert doc.run(sample_copy, out, "--force", *variant)[0] == 0
    assert doc.run(sample_copy, tmp_path / "elsewhere")[0] == 0
    assert made == [doc.command] * (len(doc.variants) + 1)


@DOCUMENTS
def test_another_day_is_made_anew(
    sample_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, doc: Document
) -> None:
    doc.run(sample_copy, tmp_path / "out")
    made = count_made(monkeypatch, doc)
    tomorrow = dt.date.today() + dt.timedelta(days=1)

    class Tomorrow(dt.date):
        @classmethod
        def today(cls) -> Tomorrow:
            return cls(tomorrow.year, tomorrow.month, tomorrow.day)

    monkeypatch.setattr(dt, "date", Tomorrow)  # the day memo.py keys by
    assert doc.run(sample_copy, tmp_path / "out", "--force")[0] == 0
    assert made == [doc.command]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@DOCUMENTS
@pytest.mark.parametrize("change", ["data", "note", "map", "template"])
def test_changed_data_notes_map_or_templates_are_made_anew(
    sample_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, doc: Document, change: str
) -> None:
    out = tmp_path / "out"
    doc.run(sample_copy, out)
    made = count_made(monkeypatch, doc)
    if change == "data":
        edit(sample_copy / PROJECT, "name: ", "name: 新")
    elif change == "note":
        edit(sample_copy / "README.md", "\n", "\n新的说明\n")
    elif change == "map":
        edit(sample_copy / "map" / "towns.svg", 'stroke-width="3"', 'stroke-width="4"')
    else:  # a district's own template beside the data
        (sample_copy.parent / "templates").mkdir()
        template = sample_copy.parent / "templates" / doc.template
        shutil.copy(ROOT / "src/xjj_cli/templates" / doc.template, template)
        edit(template, "\n", "\n本地模板\n")
    changed = doc.run(sample_copy, out, "--force")
    again = doc.run(sample_copy, out, "--force")
    assert made == [doc.command] and changed == again
    kept = files(out)
    assert doc.run(sample_copy, tmp_path / "anew", "--no-cache")[0] == 0
    assert kept == files(tmp_path / "anew")


@DOCUMENTS
def test_an_edited_builtin_template_is_made_anew(
    sample_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, doc: Document
) -> None:
    builtin = tmp_path / "builtin"
    shutil.copytree(paths.BUILTIN_TEMPLATES, builtin)
    monkeypatch.setattr(paths, "BUILTIN_TEMPLATES", builtin)  # the folder the key reads
    out = tmp_path / "out"
    doc.run(sample_copy, out)
    made = count_made(monkeypatch, doc)
    doc.run(sample_copy, out, "--force")
    assert made == []
    edit(builtin / doc.template, "\n", "\n新版模板\n")
    doc.run(sample_copy, out, "--force")
    assert made == [doc.command]


@DOCUMENTS
def test_a_document_is_not_kept_when_its_data_changed_while_it_was_made(
    sample_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, doc: Document
) -> None:
    real = getattr(doc.module, doc.maker)

    def edit_while_making(*args: Any, **kwargs: Any) -> Outcome:
        outcome: Outcome = real(*args, **kwargs)
        edit(sample_copy / PROJECT, "name: ", "name: 改")
        return outcome

    monkeypatch.setattr(doc.module, doc.maker, edit_while_making)
    doc.run(sample_copy, tmp_path / "out")
    monkeypatch.setattr(doc.module, doc.maker, real)
    made = count_made(monkeypatch, doc)
    doc.run(sample_copy, tmp_path / "out", "--force")
    assert made == [doc.command]


@DOCUMENTS
@pytest.mark.parametrize(
    ("env", "option"), [("0", ()), ("", ("--no-cache",))], ids=["XJJ_MEMO=0", "--no-cache"]
)
def test_the_memo_can_be_turned_off(
    sample_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    doc: Document,
    env: str,
    option: tuple[str],
) -> None:
    monkeypatch.setenv("XJJ_MEMO", env)
    made = count_made(monkeypatch, doc)
    out = ("--out", str(tmp_path / doc.target))
    for _ in range(2):
        code, _, _ = xjj(sample_copy, *option, doc.command, *out, *doc.args, "--force")
        assert code == 0
    assert made == [doc.command] * 2


@DOCUMENTS
def test_a_remembered_document_imports_no_engine(
    sample_copy: Path, tmp_path: Path, doc: Document
) -> None:
    assert doc.run(sample_copy, tmp_path / "out")[0] == 0
    target = str(tmp_path / "out" / doc.target)
    args = [
        "--data",
        str(sample_copy),
        doc.command,
        "-m",
        "2026-10",
        "-o",
        target,
        *doc.args,
        "--force",
    ]
    heavy = ("pandas", "xjj_cli.engine.evaluate", "xjj_cli.commands.core", "docx", "markdown_it")
    probed = imports_of(args, (*heavy, "jinja2", "openpyxl"))
    assert probed.exit_code == 0 and probed.stdout.strip(), probed.stdout
    assert probed.imported == []
