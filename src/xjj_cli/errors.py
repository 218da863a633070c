"""The project's error hierarchy: every failure a command can report to a user."""

from __future__ import annotations

EXIT_OK = 0
"""The command did what was asked (``validate``: the data has no error)."""
EXIT_DATA = 1
"""The data is invalid, a result could not be written, or xjj failed unexpectedly."""
EXIT_USAGE = 2
"""The command line was used wrongly (an unknown option, a bad month or data folder)."""
EXIT_INTERRUPTED = 130
"""The user pressed Ctrl-C (128 + SIGINT, as shells report it)."""


class XjjError(Exception):
    """Base of every error xjj reports to a user; its text is Chinese and shown as is."""

    exit_code = EXIT_DATA


class DataError(XjjError):
    """The data repository is invalid or missing; commands refuse to work on it."""


class InvalidDataError(DataError):
    """The data has errors; reporting commands refuse to run on it until they are fixed."""


class MonthNotReportableError(DataError):
    """A reporting command was asked for a month that is not reportable (SPEC §3.5): no
    town figures, or towns that have not submitted; ``--draft`` renders it as a draft."""


class TemplateError(XjjError):
    """A bulletin template (usually a district's own copy) cannot be rendered."""


class UsageError(XjjError):
    """The command line was used wrongly (bad option value, bad month)."""

    exit_code = EXIT_USAGE


class OutputError(XjjError):
    """A result could not be written where the user asked."""


class PushError(XjjError):
    """A message could not be delivered to a work chat's group robot (``xjj push``): the
    service answered with an error, or did not answer after every retry."""
