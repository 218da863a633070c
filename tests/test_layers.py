"""The layers, written down and checked (pyproject.toml's ``[tool.importlinter]``,
docs/decisions.md "The layers"): the stages import downwards only, the documents' renderers read
their view models only (import-linter), and no module of xjj_cli imports itself back through
others (grimp, which import-linter is built on).

grimp reads every ``import`` of a module's source: at its top, inside a function (the lazy
imports that keep ``xjj --help`` fast) and under ``if TYPE_CHECKING:``. It cannot see an import
made by name at run time; the one xjj makes, the command table's ``importlib.import_module``,
is added to the graph here.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

import grimp
import pytest

from xjj_cli.commands import COMMANDS

ROOT = Path(__file__).resolve().parents[1]

LINT = (
    "import sys\n"
    "from importlinter.cli import lint_imports\n"
    "sys.exit(lint_imports(config_filename=sys.argv[1], no_cache=True, no_logo=True))\n"
)


def test_the_layers_contract_is_kept() -> None:
    """``lint-imports`` over xjj_cli with the contracts of pyproject.toml: a new import that
    climbs a stage, or a renderer that reads the engine, is a failing test."""
    result = subprocess.run(
        [sys.executable, "-c", LINT, str(ROOT / "pyproject.toml")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 2 kept, 0 broken." in result.stdout, result.stdout


def import_graph() -> grimp.ImportGraph:
    """xjj_cli's modules and the imports between them, with the command table's."""
    graph = grimp.build_graph("xjj_cli", cache_dir=None)
    for command in COMMANDS.values():  # commands.Command.load imports it by name
        graph.add_import(importer="xjj_cli.commands", imported=f"xjj_cli.commands.{command.module}")
    return graph


def find_cycle(graph: grimp.ImportGraph) -> list[str] | None:
    """An import cycle of the graph (its modules in order, the first one again at the end),
    or None when it has none."""
    done: set[str] = set()
    for start in sorted(graph.modules):
        if start in done:
            continue
        path = [start]
        on_path = {start}
        stack = [iter(sorted(graph.find_modules_directly_imported_by(start)))]
        while stack:
            following = next(stack[-1], None)
            if following is None:
                stack.pop()
                done.add(path[-1])
                on_path.discard(path.pop())
            elif following in on_path:
                return [*path[path.index(following) :], following]
            elif following not in done:
                path.append(following)
                on_path.add(following)
                stack.append(iter(sorted(graph.find_modules_directly_imported_by(following))))
    return None


def test_no_module_imports_itself_back() -> None:
    """No cycle between the modules of xjj_cli, through lazy and type-only imports too."""
    cycle = find_cycle(import_graph())
    assert cycle is None, " -> ".join(cycle or ())


def imports_in_functions() -> set[tuple[str, int]]:
    """Each import of xjj_cli made inside a function of xjj_cli: (its module, its line)."""
    source = ROOT / "src"
    found = set()
    for path in (source / "xjj_cli").rglob("*.py"):
        parts = path.relative_to(source).with_suffix("").parts
        module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.ImportFrom):
                    names = [node.module or ""]
                elif isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                else:
                    continue
                if any(name.split(".")[0] == "xjj_cli" for name in names):
                    found.add((module, node.lineno))
    return found


def test_the_graph_holds_the_lazy_and_the_command_tables_imports() -> None:
    """What the cycle check sees: every import made inside a function (the commands' cores
    import the stages when they run), and the table's import of every command's module."""
    graph = import_graph()
    seen = {
        (importer, detail["line_number"])
        for importer in graph.modules
        for imported in graph.find_modules_directly_imported_by(importer)
        for detail in graph.get_import_details(importer=importer, imported=imported)
    }
    lazy = imports_in_functions()
    assert len(lazy) > 50  # the commands' cores, the memo, the forms' writer …
    assert lazy <= seen, sorted(lazy - seen)
    assert {f"xjj_cli.commands.{c.module}" for c in COMMANDS.values()} <= set(
        graph.find_modules_directly_imported_by("xjj_cli.commands")
    )


@pytest.mark.parametrize(
    "guarded",
    [
        "def later():\n    from loopy import a\n",
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from loopy import a\n",
    ],
    ids=["in a function", "for types only"],
)
def test_a_cycle_through_a_lazy_or_type_only_import_is_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, guarded: str
) -> None:
    package = tmp_path / "loopy"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from loopy import b\n")
    (package / "b.py").write_text("from loopy import c\n")
    (package / "c.py").write_text(textwrap.dedent(guarded))
    (package / "d.py").write_text("from loopy import a\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    graph = grimp.build_graph("loopy", cache_dir=None)
    assert find_cycle(graph) == ["loopy.a", "loopy.b", "loopy.c", "loopy.a"]
    graph.remove_import(importer="loopy.c", imported="loopy.a")
    assert find_cycle(graph) is None


MAX_LINES = 600


def test_no_module_is_longer_than_its_job() -> None:
    """Issue 23: no module of ``src/`` over 600 lines; a longer one is split along its seams."""
    package = Path(__file__).resolve().parents[1] / "src" / "xjj_cli"
    long = {
        path.relative_to(package).as_posix(): lines
        for path in package.rglob("*.py")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}
