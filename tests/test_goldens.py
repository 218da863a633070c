"""Every output format of the sample district's 2026-10, character for character.

The real command line runs on a copy of the sample (``data/`` and ``templates/``) and its
output is compared with ``tests/golden/2026-10/``: ``rank`` (every ranked metric, and
``--units departments``), ``colors``, ``accountability``, ``warnings`` and ``problems`` as
table (the plain text printed to a pipe), CSV, JSON and Markdown; ``status`` and ``history`` (a town and a
department) as table and JSON; the 催报 they print on stderr; the bulletin as Markdown, the
whole HTML file and the DOCX's text (``bulletin.docx.txt``, see :func:`docx_text`); and the
board's text as a reader sees it, every card drawn and every unit page in its section
(``board.txt``, see :func:`html_text` and ``documents.board_page.drawn``).

Deterministic by construction: the month and the issue date are fixed, and the copy lies
outside any git work tree, so the bulletin's fingerprint is the SHA-256 of the data files
(the same on every checkout) rather than the commit the tests happen to run at.

After an intended change, ``XJJ_UPDATE_GOLDEN=1 make test`` rewrites the files; review the
diff — every changed line is a change a user sees.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from typer.testing import CliRunner, Result

from conftest import copy_sample
from documents.board_page import drawn
from xjj_cli.cli import app
from xjj_cli.load.fingerprint import fingerprint
from xjj_cli.render.pdf import office_program

Golden = Callable[[str, str], None]

MONTH = "2026-10"
ISSUED = "2026-11-05"
BULLETIN_STEM = f"{MONTH}-新基建月度通报"

REPORTS = {
    "rank": ["rank"],
    "rank-departments": ["rank", "--units", "departments"],
    "colors": ["colors"],
    "accountability": ["accountability"],
    "warnings": ["warnings"],
    "problems": ["problems"],
}
FORMATS = {"table": "txt", "csv": "csv", "json": "json", "md": "md"}
SHORT_FORMATS = {"table": "txt", "json": "json"}
"""Of ``status`` and ``history``, which print a table or JSON."""
HISTORIES = {"cg": "长沟镇", "qzj": "区住建局"}

runner = CliRunner()


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample's data folder, copied with its templates outside any git work tree."""
    data = copy_sample(tmp_path_factory.mktemp("golden-sample"), templates=True)
    assert fingerprint(data).commit is None, "the copy must not be in a git work tree"
    return data


@pytest.fixture(scope="module")
def xjj(sample: Path) -> Callable[..., Result]:
    """Run the command line on the sample (the cache in the copy is shared by every run)."""

    @cache
    def run(*args: str) -> Result:
        result = runner.invoke(app, ["--data", str(sample), *args, "--month", MONTH])
        assert result.exit_code == 0, result.output
        return result

    return run


@pytest.fixture(scope="module")
def bulletin(xjj: Callable[..., Result], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder the bulletin command wrote its files to (the PDF too where LibreOffice is)."""
    out = tmp_path_factory.mktemp("golden-bulletin")
    result = xjj("bulletin", "--out", str(out), "--date", ISSUED)
    made = ("md", "html", "docx", "pdf") if office_program() else ("md", "html", "docx")
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"{BULLETIN_STEM}.{ext}" for ext in made
    ), result.output
    return out


@pytest.mark.parametrize("output", FORMATS)
@pytest.mark.parametrize("report", REPORTS)
def test_report_matches_its_golden_file(
    report: str, output: str, xjj: Callable[..., Result], golden: Golden
) -> None:
    result = xjj(*REPORTS[report], "--format", output)
    golden(f"{MONTH}/{report}.{FORMATS[output]}", result.stdout_bytes.decode("utf-8"))


@pytest.mark.parametrize("output", SHORT_FORMATS)
def test_status_matches_its_golden_file(
    output: str, xjj: Callable[..., Result], golden: Golden
) -> None:
    result = xjj("status", "--format", output)
    golden(f"{MONTH}/status.{SHORT_FORMATS[output]}", result.stdout_bytes.decode("utf-8"))


@pytest.mark.parametrize("output", SHORT_FORMATS)
@pytest.mark.parametrize("unit", HISTORIES)
def test_history_matches_its_golden_file(
    unit: str, output: str, sample: Path, golden: Golden
) -> None:
    result = runner.invoke(app, ["--data", str(sample), "history", unit, "--format", output])
    assert result.exit_code == 0, result.output
    text = result.stdout_bytes.decode("utf-8")
    golden(f"{MONTH}/history-{unit}.{SHORT_FORMATS[output]}", text)


def test_board_text_matches_its_golden_file(
    xjj: Callable[..., Result], tmp_path_factory: pytest.TempPathFactory, golden: Golden
) -> None:
    """The board as a reader sees it once its script drew every card and unit page
    (documents.board_page.drawn): its text, block by block."""
    out = tmp_path_factory.mktemp("golden-board") / "board.html"
    xjj("board", "--out", str(out))
    golden(f"{MONTH}/board.txt", html_text(drawn(out.read_text(encoding="utf-8"))))


def test_every_command_says_the_same_reminders_on_stderr(
    xjj: Callable[..., Result], bulletin: Path, golden: Golden
) -> None:
    golden(f"{MONTH}/stderr.txt", xjj("colors").stderr)
    for name, args in REPORTS.items():
        if name == "problems":  # the ledger's view does not wait for the month's figures
            assert xjj(*args).stderr == "", xjj(*args).stderr
            continue
        for output in FORMATS:
            assert xjj(*args, "--format", output).stderr == xjj("colors").stderr, args
    assert xjj("bulletin", "--out", str(bulletin), "--date", ISSUED).stderr == xjj("colors").stderr


@pytest.mark.parametrize("ext", ["md", "html"])
def test_bulletin_file_matches_its_golden_file(ext: str, bulletin: Path, golden: Golden) -> None:
    text = (bulletin / f"{BULLETIN_STEM}.{ext}").read_bytes().decode("utf-8")
    golden(f"{MONTH}/bulletin.{ext}", text)


def test_bulletin_docx_text_matches_its_golden_file(bulletin: Path, golden: Golden) -> None:
    golden(
        f"{MONTH}/bulletin.docx.txt", docx_text((bulletin / f"{BULLETIN_STEM}.docx").read_bytes())
    )


CORE_PROPERTIES = (
    "title",
    "subject",
    "author",
    "last_modified_by",
    "category",
    "keywords",
    "comments",
    "content_status",
    "identifier",
    "language",
    "version",
    "revision",
    "created",
    "modified",
    "last_printed",
)
HEADERS_FOOTERS = (
    "first_page_header",
    "header",
    "even_page_header",
    "first_page_footer",
    "footer",
    "even_page_footer",
)


def docx_text(data: bytes) -> str:
    """What a reader of the DOCX sees, as text: the core properties, each section's headers
    and footers (those it defines itself), then the body's paragraphs and tables in order
    (one line a paragraph, one ``| a | b |`` line a table row, line breaks in a cell as ⏎)."""
    document = Document(io.BytesIO(data))
    lines = ["== core properties"]
    properties = document.core_properties
    lines += [f"{name}: {getattr(properties, name)}" for name in CORE_PROPERTIES]
    odd_even = document.settings.odd_and_even_pages_header_footer
    for number, section in enumerate(document.sections, 1):
        lines.append(
            f"== section {number}: different first page "
            f"{section.different_first_page_header_footer}, odd and even pages {odd_even}"
        )
        for name in HEADERS_FOOTERS:
            part = getattr(section, name)
            if not part.is_linked_to_previous:
                lines.append(f"-- {name}")
                lines += _blocks(part.iter_inner_content())
    lines.append("== body")
    lines += _blocks(document.iter_inner_content())
    return "\n".join(lines) + "\n"


class _Text(HTMLParser):
    """The text of an HTML page, a line per block element, without its script and style."""

    BLOCKS = frozenset(
        [
            "p",
            "div",
            "li",
            "tr",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "section",
            "article",
            "header",
            "footer",
            "table",
            "caption",
            "details",
            "summary",
            "title",
            "figcaption",
            "dt",
            "dd",
        ]
    )

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = [""]
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.hidden += 1
        elif tag in self.BLOCKS:
            self.lines.append("")
        elif tag in ("td", "th"):
            self.lines[-1] += " | "

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.hidden -= 1
        elif tag in self.BLOCKS:
            self.lines.append("")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.lines[-1] += " ".join(data.split()) if data.strip() else ""


def html_text(page: str) -> str:
    """The text of ``page`` as ``_Text`` reads it: non-empty lines, white space folded."""
    parser = _Text()
    parser.feed(page)
    return "\n".join(line.strip() for line in parser.lines if line.strip()) + "\n"


def _blocks(blocks: Iterator[Paragraph | Table]) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            lines.append(block.text)
            for box in block._p.iter(qn("w:txbxContent")):  # a text box: the 版记
                lines.append("-- text box")
                inner = (
                    Paragraph(child, block) if child.tag == qn("w:p") else Table(child, block)
                    for child in box
                    if child.tag in (qn("w:p"), qn("w:tbl"))
                )
                lines += _blocks(inner)
                lines.append("-- end of text box")
        else:
            lines.append("-- table")
            for row in block.rows:
                cells = (cell.text.replace("\n", "⏎") for cell in row.cells)
                lines.append("| " + " | ".join(cells) + " |")
            lines.append("-- end of table")
    return lines
