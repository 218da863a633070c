"""The project's error hierarchy: every failure a command can report to a user."""

from __future__ import annotations


class XjjError(Exception):
    """Base of every error xjj reports to a user; its text is Chinese and shown as is."""

    exit_code = 1


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

    exit_code = 2


class OutputError(XjjError):
    """A result could not be written where the user asked."""
