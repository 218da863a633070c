"""Acknowledged warnings: set aside the warnings the office recorded as checked."""

from __future__ import annotations

from xjj_cli.messages.validation import did_you_mean
from xjj_cli.repository import Repository


def apply_acknowledgements(repo: Repository) -> None:
    """Set aside the warnings acknowledged in ``acknowledged.yaml`` (counted, not shown);
    an acknowledgement that matches no warning of this run is itself a warning (stale)."""
    if not repo.acknowledged:
        return
    matched = repo.log.acknowledge({ack.record.warning for ack in repo.acknowledged})
    current = [repo.log.warning_id(p) for p in repo.log.warnings]
    for ack in repo.acknowledged:
        warning = ack.record.warning
        if warning not in matched:
            # suggest only a warning of the same code and file: the figures may have changed
            same = [w for w in current if _code_and_file(w) == _code_and_file(warning)]
            repo.log.warning(
                ack.at("warning"),
                "acknowledged.stale",
                about=warning,
                warning=warning,
                suggestion=did_you_mean(warning, same),
            )


def _code_and_file(warning_id: str) -> str:
    return ":".join(warning_id.split(":", 2)[:2])
