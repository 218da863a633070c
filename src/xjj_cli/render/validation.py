"""Render a validation report as text for people, JSON for machines, or GitHub annotations."""

from __future__ import annotations

import json
from collections import defaultdict
from io import StringIO
from pathlib import Path

from rich.console import Console
from rich.text import Text

from xjj_cli.chinese import clauses
from xjj_cli.controls import visible
from xjj_cli.diagnostics import Problem, ProblemLog
from xjj_cli.errors import OutputError
from xjj_cli.messages.errors import error_message, os_reason
from xjj_cli.messages.validation import validation_word
from xjj_cli.options import CheckFormat
from xjj_cli.repository import Census, Repository


def as_json(log: ProblemLog) -> str:
    """The stable JSON shape of SPEC §4: ``{"ok", "errors", "warnings"}``, each warning with
    its ``id``, and ``acknowledged``: how many warnings acknowledged.yaml set aside."""
    payload = {
        "ok": log.ok,
        "errors": [p.as_dict() for p in log.errors],
        "warnings": [p.as_dict(log.warning_id(p)) for p in log.warnings],
        "acknowledged": len(log.acknowledged),
    }
    text = json.dumps(payload, ensure_ascii=False, indent=2)
    # a file name that is not UTF-8 holds unpaired surrogates: written as JSON escapes
    # (\udcff), else the output is no UTF-8 (or no output at all, on a strict stream)
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def as_text(
    log: ProblemLog, census: Census | None, *, color: bool = False, width: int = 100
) -> str:
    """Problems grouped by file, then a one-line verdict, in Chinese."""
    out = StringIO()
    console = Console(
        file=out,
        force_terminal=color,
        no_color=not color,
        width=width,
        highlight=False,
        soft_wrap=not color,
    )
    by_file: dict[str, list[Problem]] = defaultdict(list)
    for problem in log.errors + log.warnings:
        by_file[problem.location.file].append(problem)
    for file in sorted(by_file):
        console.print(Text(visible(file), style="bold"))
        for problem in sorted(by_file[file], key=lambda p: p.sort_key):
            loc = problem.location
            style = "red" if problem.severity == "error" else "yellow"
            label = validation_word(problem.severity)
            line = Text(f"  {loc.line}:{loc.column}  ")
            line.append(label, style=style)
            line.append(f"  {problem.message}  ")
            line.append(f"[{_label(log, problem)}]", style="dim")
            console.print(line)
    if log.warnings:
        console.print(Text(acknowledge_hint(log), style="dim"))
    console.print(Text(verdict(log, census), style="bold green" if log.ok else "bold red"))
    return out.getvalue()


def acknowledge_hint(log: ProblemLog) -> str:
    """How to stop a reviewed warning from being repeated on every run."""
    file = f"{log.data_folder}/acknowledged.yaml" if log.data_folder else "acknowledged.yaml"
    return validation_word("acknowledge_hint", file=file)


def _label(log: ProblemLog, problem: Problem) -> str:
    """What stands in brackets after a message: an error's code, a warning's id (which
    begins with its code) to copy into acknowledged.yaml."""
    return log.warning_id(problem) if problem.severity == "warning" else problem.code


def _acknowledged(log: ProblemLog) -> str:
    count = len(log.acknowledged)
    return validation_word("acknowledged", count=count) if count else ""


def verdict(log: ProblemLog, census: Census | None) -> str:
    """The summary line: how many errors and warnings, or what the valid repository holds."""
    errors, warnings = len(log.errors), len(log.warnings)
    files = len({p.location.file for p in log.errors})
    acknowledged = _acknowledged(log)
    if errors:
        also = validation_word("also", note=acknowledged) if acknowledged else ""
        return validation_word("failed", errors=errors, files=files, warnings=warnings, also=also)
    notes = [validation_word("warnings", warnings=warnings)] if warnings else []
    notes += [acknowledged] if acknowledged else []
    head = validation_word("passed")
    if notes:
        head += validation_word("passed_notes", notes=clauses(notes))
    if census is None:
        return head
    months = census.months
    span = (
        validation_word("span", first=months[0], last=months[-1])
        if months
        else validation_word("no_months")
    )
    return validation_word(
        "census",
        head=head,
        towns=census.towns,
        units=census.units,
        domains=census.domains,
        projects=census.projects,
        tasks=census.tasks,
        span=span,
    )


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def as_github(log: ProblemLog) -> str:
    """One workflow command per problem, escaped as GitHub Actions requires."""
    lines = []
    for problem in log.errors + log.warnings:
        loc = problem.location
        props = ",".join(
            f"{key}={_escape_property(str(value))}"
            for key, value in (
                ("file", visible(loc.file)),
                ("line", loc.line),
                ("col", loc.column),
                ("title", f"xjj {problem.code}"),
            )
        )
        message = problem.message
        if problem.severity == "warning":
            message += f"  [{log.warning_id(problem)}]"
        lines.append(f"::{problem.severity} {props}::{_escape_data(message)}")
    lines.append(verdict(log, None))
    return "\n".join(lines) + "\n"


def as_step_summary(log: ProblemLog) -> str:
    """The full list as Markdown for ``$GITHUB_STEP_SUMMARY`` (Actions shows only ten annotations)."""
    rows = [validation_word("summary_title"), "", verdict(log, None), ""]
    problems = log.errors + log.warnings
    if problems:
        rows += [validation_word("summary_head"), "| --- | --- | --- | --- | --- | --- |"]
        for p in problems:
            loc = p.location
            kind = validation_word(p.severity)
            message = p.message.replace("|", "\\|").replace("\n", " ")
            rows.append(
                f"| {visible(loc.file)} | {loc.line} | {loc.column} | {kind} | `{_label(log, p)}` | {message} |"
            )
    return "\n".join(rows) + "\n"


def append_step_summary(path: Path, log: ProblemLog) -> None:
    """Append the Markdown list to the step summary file GitHub Actions gave us."""
    try:
        with path.open("a", encoding="utf-8") as handle:
            handle.write(as_step_summary(log))
    except OSError as exc:
        raise OutputError(
            error_message("output.step_summary", path=path, reason=os_reason(exc))
        ) from exc


def report(
    repo: Repository, output: CheckFormat, *, color: bool = False, step_summary: Path | None = None
) -> str:
    """What ``xjj validate`` prints in ``output``; with GitHub annotations, the full list is
    also appended to ``step_summary`` (Actions shows only ten annotations of a step)."""
    log = repo.log
    if output is CheckFormat.json:
        return as_json(log) + "\n"
    if output is CheckFormat.github:
        if step_summary is not None:
            append_step_summary(step_summary, log)
        return as_github(log)
    return as_text(log, repo.census(), color=color)
