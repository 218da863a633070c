"""docs/data-format.md stays complete: every problem code of the catalogue is explained there,
with the severity the code really raises it at, and both READMEs link to it."""

from __future__ import annotations

import ast
import re

from conftest import ROOT
from xjj_cli.messages.validation import MESSAGES

DOC = ROOT / "docs" / "data-format.md"
SEVERITY = {"错误": "error", "警告": "warning"}
ROW = re.compile(r"^\| `([a-z0-9_]+\.[a-z0-9_]+)` \| (\S+) \| .+ \|$", re.MULTILINE)


def code_table() -> dict[str, str]:
    """The table "错误代码一览": code → error or warning."""
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## 错误代码一览", 1)[1].split("\n## ", 1)[0]
    rows = ROW.findall(section)
    table = {code: SEVERITY[level] for code, level in rows}
    assert len(table) == len(rows), "a code is listed twice"
    return table


def raised() -> dict[str, set[str]]:
    """Every ``log.error(where, "code", …)`` and ``log.warning(…)`` in the source: code → levels."""
    found: dict[str, set[str]] = {}
    for path in (ROOT / "src" / "xjj_cli").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("error", "warning")
                and len(node.args) >= 2
                and isinstance(node.args[1], ast.Constant)
                and isinstance(node.args[1].value, str)
                and node.args[1].value in MESSAGES
            ):
                found.setdefault(node.args[1].value, set()).add(node.func.attr)
    return found


def test_every_catalogue_code_is_in_the_table() -> None:
    table = code_table()
    assert sorted(set(MESSAGES) - set(table)) == [], "codes missing from docs/data-format.md"
    assert sorted(set(table) - set(MESSAGES)) == [], "codes in the document but not in xjj"


def test_every_code_has_the_severity_it_is_raised_at() -> None:
    table = code_table()
    levels = raised()
    assert levels, "no log.error/log.warning call found: the scan is broken"
    for code, found in sorted(levels.items()):
        assert table.get(code) in found, (
            f"{code}: raised as {found}, documented as {table.get(code)}"
        )


def test_the_severity_of_every_code_is_checked() -> None:
    # a code raised only through a variable would escape the severity check above
    assert sorted(set(MESSAGES) - set(raised())) == []


def test_both_readmes_link_to_the_data_format_reference() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "](docs/data-format.md)" in readme
    staff = (ROOT / "src" / "xjj_cli" / "sample" / "repo" / "README.md").read_text("utf-8")
    assert "](docs/data-format.md)" in staff
