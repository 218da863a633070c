"""The command line speaks Chinese: help and usage errors, from the gettext catalogue.

typer vendors click; the words of both come from ``xjj_cli/locale/zh_CN/LC_MESSAGES/xjj.po``
(see xjj_cli.i18n), whatever the computer's locale.
"""

from __future__ import annotations

import gettext
import io
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import cast

import pytest
import typer
from typer.testing import CliRunner

from conftest import SAMPLE
from xjj_cli import i18n
from xjj_cli.cli import app

XJJ = Path(sys.executable).with_name("xjj")  # the installed console script
ENGLISH = (
    "Usage:",
    "Options:",
    "Arguments:",
    "Commands:",
    "Error:",
    "default:",
    "env var",
    "required]",
    "Show this message",
    "No such option",
    "No such command",
    "Missing argument",
    "Missing option",
    "Invalid value",
    "is not one of",
    "Value error",
    "Did you mean",
    "Possible options",
    "requires an argument",
    "unexpected extra",
    "[OPTIONS]",
    "COMMAND [ARGS]",
    "<path>",
    "<str>",
)
COMMANDS = [
    "validate",
    "rank",
    "colors",
    "accountability",
    "bulletin",
    "notices",
    "warnings",
    "board",
    "status",
    "problems",
    "forms",
    "import",
    "history",
    "init",
]
USAGE_ERRORS = [
    ["--bogus"],
    ["ranc"],
    ["rank", "--metrc", "x"],
    ["rank", "--month"],
    ["rank", "--format", "pdf"],
    ["rank", "--format", "xlsx"],
    ["rank", "--units", "cities"],
    ["rank", "--quiet=yes"],
    ["rank", "surplus"],
    ["init"],
    ["init", "a", "b"],
    ["validate", "--format", "xml"],
    ["bulletin", "--date"],
    ["problems", "--open", "--overdue"],
    ["problems", "--format", "xlsx"],
]


def english_in(text: str) -> list[str]:
    return [word for word in ENGLISH if word in text]


@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)])
def test_help_is_all_chinese(command: list[str]) -> None:
    result = CliRunner().invoke(app, [*command, "--help"])
    assert result.exit_code == 0, result.output
    assert english_in(result.stdout) == [], result.stdout
    assert result.stdout.startswith(f"用法：xjj {' '.join(command)}".rstrip() + " ")
    assert "选项:" in result.stdout


def test_help_shows_defaults_and_the_environment_variable_in_chinese() -> None:
    out = CliRunner().invoke(app, ["rank", "--help"]).stdout
    assert "[默认：table]" in out
    assert "[环境变量：XJJ_DATA]" in out
    assert "显示本帮助后退出。" in out


def test_plain_xjj_shows_the_help() -> None:
    result = CliRunner().invoke(app, [])
    assert result.stdout.startswith("用法：xjj [选项] 命令 [参数]...")
    assert "命令:" in result.stdout and "rank" in result.stdout


@pytest.mark.parametrize("args", USAGE_ERRORS)
def test_usage_errors_are_chinese_and_exit_2(args: list[str]) -> None:
    result = CliRunner().invoke(app, ["--data", str(SAMPLE), *args])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("用法错误："), result.stderr
    assert english_in(result.stderr) == [], result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["ranc"], "没有命令“ranc”。是否想用 rank？"),
        (["rank", "--metrc", "x"], "没有选项 --metrc（是否想用：--metric）"),
        (
            ["rank", "--format", "pdf"],
            "--format/-f 的值无效：“pdf”不是以下之一：table、csv、json、md、xlsx",
        ),
        (["rank", "--quiet=yes"], "选项 --quiet 不接受值。"),
        (["rank", "--month"], "选项 --month 需要一个值。"),
        (["rank", "surplus"], "多余的参数：surplus"),
        (["init"], "缺少参数 目录。"),
    ],
)
def test_usage_errors_say_what_is_wrong(args: list[str], words: str) -> None:
    result = CliRunner().invoke(app, args)
    assert words in result.stderr, result.stderr


def english_locale() -> dict[str, str]:
    """The environment of an office PC set to English."""
    env = {**os.environ, "LANG": "en_US.UTF-8", "LANGUAGE": "en", "LC_ALL": "C.UTF-8"}
    env.pop("XJJ_DATA", None)
    return env


@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)], ids=str)
def test_the_installed_commands_help_speaks_chinese_whatever_the_locale(
    command: list[str],
) -> None:
    """The console script as an office runs it, in an English locale (one command a test,
    so that they run side by side)."""
    assert XJJ.is_file(), XJJ
    run = subprocess.run(
        [XJJ, *command, "--help"], capture_output=True, text=True, env=english_locale()
    )
    assert run.returncode == 0, run.stderr
    assert english_in(run.stdout) == [], run.stdout


def test_the_installed_command_speaks_chinese_whatever_the_locale() -> None:
    """The console script's errors as an office sees them, in an English locale."""
    assert XJJ.is_file(), XJJ
    env = english_locale()
    for args in (["--data", str(SAMPLE), "rank", "--format", "xlsx"], ["ranc"], ["init"]):
        run = subprocess.run([XJJ, *args], capture_output=True, text=True, env=env)
        assert run.returncode == 2, run.stderr
        assert run.stderr.startswith("用法错误："), run.stderr
        assert english_in(run.stderr) == [], run.stderr
    for args, code in (
        (["--data", "/nowhere/at/all", "validate"], 2),
        (["--data", str(SAMPLE), "rank", "--metric", "bogus"], 2),
        (["--data", str(SAMPLE), "rank", "-q", "--no-cache", "--format", "json"], 0),
    ):
        run = subprocess.run([XJJ, *args], capture_output=True, text=True, env=env)
        assert run.returncode == code, run.stderr


# --- the catalogue ------------------------------------------------------------------------------


def typer_source() -> str:
    root = Path(typer.__file__).parent
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.py")))


def as_pattern(msgid: str) -> str:
    """A msgid as a pattern of the library's source: a placeholder matches any placeholder."""
    return r"\{[^{}]*\}".join(re.escape(part) for part in re.split(r"\{[^{}]*\}", msgid))


def test_every_msgid_is_the_librarys_own_text() -> None:
    """A typer upgrade that rewords a string fails here, not silently in English."""
    source = typer_source()
    entries = i18n.read_po(i18n.catalogue_text())
    missing = [m for m in entries if m and not re.search(as_pattern(m), source)]
    assert missing == []


def test_every_word_typer_looks_up_is_in_the_catalogue() -> None:
    core = (Path(typer.__file__).parent / "core.py").read_text(encoding="utf-8")
    looked_up = set(re.findall(r'\b_\("((?:[^"\\]|\\.)*)"\)', core))
    assert looked_up, "typer.core no longer uses gettext: see xjj_cli.i18n"
    assert looked_up - set(i18n.read_po(i18n.catalogue_text())) == set()


def test_the_catalogue_is_a_real_gettext_catalogue() -> None:
    header = "Language: zh_CN\\nContent-Type: text/plain; charset=UTF-8\\n"
    po = f'msgid ""\nmsgstr "{header}"\n\nmsgid "a\\"b"\nmsgstr ""\n"甲"\n"乙"\n'
    entries = i18n.read_po(po)
    assert entries[""].startswith("Language: zh_CN\n")
    assert entries['a"b'] == "甲乙"
    translations = gettext.GNUTranslations(io.BytesIO(i18n.compile_mo(entries)))
    assert translations.gettext('a"b') == "甲乙"
    assert translations.gettext("unknown") == "unknown"
    assert translations.info()["language"] == "zh_CN"


def test_the_shipped_catalogue_translates_every_entry() -> None:
    entries = i18n.read_po(i18n.catalogue_text())
    assert all(entries.values()), [m for m, t in entries.items() if not t]
    assert i18n.catalogue().gettext("Options") == "选项"


def test_typer_looks_its_words_up_in_the_catalogue() -> None:
    import typer.core

    i18n.install()
    # typer.core's ``_`` is its gettext, a private name its stubs do not export.
    lookup = cast(Callable[[str], str], vars(typer.core)["_"])
    assert lookup("Options") == "选项"
    assert lookup("default: {default}").format(default="x") == "默认：x"
