"""The bulletin's PDF: its DOCX laid out and exported by LibreOffice (headless), the way a
clerk's office prints it, on a computer that may not have the official fonts.

LibreOffice reads neither the DOCX font table's fallbacks (altName, panose) nor its
``autoSpaceDE``: alone it sets every missing Chinese font in one sans face, and puts a gap
between Chinese and digits. So the conversion runs with a throw-away profile whose font
replacement table (``registrymodifications.xcu``, Tools ▸ Options ▸ Fonts) maps each official
font that is not installed to the first installed face of ``chinese.FONT_FALLBACKS`` (a serif
for 小标宋 and 仿宋, a sans for 黑体, a Kai or a third face for 楷体), and in two steps: the
DOCX to LibreOffice's flat ODF, whose paragraphs then lose the Chinese–Latin spacing
(``text-autospace``), then to PDF with every page a printer prints, the blank ones it
inserts itself included.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from xml.sax.saxutils import escape

from xjj_cli.chinese import FONT_FALLBACKS
from xjj_cli.errors import OutputError
from xjj_cli.messages.cli import cli_message

OFFICE_PROGRAMS = ("soffice", "libreoffice")
"""LibreOffice's names on PATH (Debian's libreoffice-writer installs both)."""

PDF_EXPORT = 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}'
"""LibreOffice's PDF export keeping the blank pages it inserts (a section that starts on an
even page after an even page); by default it skips them, a printer does not."""

TIMEOUT = 300
"""Seconds each LibreOffice step may take (the sample bulletin takes 3)."""

_AUTOSPACE = 'style:text-autospace="ideograph-alpha"'


def office_program() -> str | None:
    """LibreOffice's program on PATH, or None."""
    for name in OFFICE_PROGRAMS:
        found = shutil.which(name)
        if found:
            return found
    return None


def installed_families() -> frozenset[str] | None:
    """The font families fontconfig knows (every name of each), or None without fontconfig
    (LibreOffice on Windows: its own substitution then applies)."""
    program = shutil.which("fc-list")
    if program is None:
        return None
    try:
        listed = subprocess.run(
            [program, ":", "family"], capture_output=True, text=True, timeout=60, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return frozenset(
        name.strip() for line in listed.splitlines() for name in line.split(",") if name.strip()
    )


def replacements(
    installed: Iterable[str], fallbacks: Mapping[str, tuple[str, ...]] = FONT_FALLBACKS
) -> dict[str, str]:
    """Each official font that is not installed, mapped to its first installed fallback
    (none: left to LibreOffice)."""
    have = set(installed)
    table: dict[str, str] = {}
    for font, faces in fallbacks.items():
        if font in have:
            continue
        face = next((face for face in faces if face in have), None)
        if face is not None:
            table[font] = face
    return table


def profile_settings(table: Mapping[str, str]) -> str:
    """A LibreOffice profile's ``registrymodifications.xcu`` with ``table`` as its font
    replacement table, applied always, on screen and in print."""

    def prop(name: str, value: str) -> str:
        return f'<prop oor:name="{name}" oor:op="fuse"><value>{escape(value)}</value></prop>'

    pairs = "".join(
        '<item oor:path="/org.openoffice.Office.Common/Font/Substitution/FontPairs">'
        f'<node oor:name="_{n}" oor:op="replace">'
        + prop("Always", "true")
        + prop("OnScreenOnly", "false")
        + prop("ReplaceFont", font)
        + prop("SubstituteFont", face)
        + "</node></item>\n"
        for n, (font, face) in enumerate(table.items())
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry"'
        ' xmlns:xs="http://www.w3.org/2001/XMLSchema"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
        '<item oor:path="/org.openoffice.Office.Common/Font/Substitution">'
        + prop("Replacement", "true" if table else "false")
        + "</item>\n"
        + pairs
        + "</oor:items>\n"
    )


def require_office() -> str:
    """LibreOffice's program, or ``OutputError`` saying what to install."""
    program = office_program()
    if program is None:
        raise OutputError(cli_message("pdf.no_office"))
    return program


def render_pdf(docx: bytes, program: str, *, timeout: float = TIMEOUT) -> bytes:
    """The PDF of the DOCX ``docx`` as LibreOffice (``program``) prints it, official fonts
    replaced by installed faces of their kind; ``OutputError`` when LibreOffice fails."""
    families = installed_families()
    table = replacements(families) if families is not None else {}
    with tempfile.TemporaryDirectory(prefix="xjj-pdf-") as work:
        folder = Path(work)
        (folder / "profile" / "user").mkdir(parents=True)
        (folder / "profile" / "user" / "registrymodifications.xcu").write_text(
            profile_settings(table), encoding="utf-8"
        )
        source = folder / "document.docx"
        source.write_bytes(docx)
        flat = _convert(program, folder, source, "fodt", timeout)
        flat.write_text(
            flat.read_text(encoding="utf-8").replace(_AUTOSPACE, 'style:text-autospace="none"'),
            encoding="utf-8",
        )
        return _convert(program, folder, flat, PDF_EXPORT, timeout).read_bytes()


def _convert(program: str, folder: Path, source: Path, target: str, timeout: float) -> Path:
    """``source`` converted by LibreOffice to ``target`` (a filter) in a folder of its own."""
    out = folder / target.partition(":")[0]
    command = [
        program,
        "--headless",
        "--norestore",
        f"-env:UserInstallation={(folder / 'profile').as_uri()}",
        "--convert-to",
        target,
        "--outdir",
        str(out),
        str(source),
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        raise OutputError(cli_message("pdf.timeout", seconds=round(timeout))) from exc
    except OSError as exc:
        raise OutputError(cli_message("pdf.failed", detail=str(exc))) from exc
    made = out / f"{source.stem}.{target.partition(':')[0]}"
    if done.returncode != 0 or not made.is_file():
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise OutputError(
            cli_message("pdf.failed", detail=detail[-1] if detail else f"exit {done.returncode}")
        )
    return made
