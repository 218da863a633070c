"""Choices of the command line's options, kept free of heavy imports so ``--help`` is fast."""

from __future__ import annotations

from enum import StrEnum


class CheckFormat(StrEnum):
    """Output formats of ``validate``."""

    text = "text"
    json = "json"
    github = "github"


class ReportFormat(StrEnum):
    """Output formats of rank, colors and accountability (xlsx: a workbook written to --out)."""

    table = "table"
    csv = "csv"
    json = "json"
    md = "md"
    xlsx = "xlsx"


class StatusFormat(StrEnum):
    """Output formats of ``status`` (md: the tables in Markdown, for a CI run's summary)."""

    table = "table"
    json = "json"
    md = "md"


class HistoryFormat(StrEnum):
    """Output formats of ``history``."""

    table = "table"
    json = "json"


class RankedUnits(StrEnum):
    """What ``rank`` ranks."""

    towns = "towns"
    departments = "departments"


class BulletinFormat(StrEnum):
    """Output formats of ``bulletin``."""

    md = "md"
    html = "html"
    docx = "docx"
    pdf = "pdf"
    all = "all"
