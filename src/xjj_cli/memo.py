"""Reports remembered by the data they were made from (issue 15: the warm start).

xjj is reproducible: the same data, the same xjj and the same request give the same report.
So a month's report — what it printed on stdout and on stderr — is kept in the data folder's
cache under the digest of everything it was made from: every data file's content
(``Scan.content_key``: one ``stat`` per file, reading only the files the cache cannot vouch
for), the day (validation depends on it), the folder, and the request. A later identical
request prints it again without loading a record, or even importing the engine. The cache
folder is per xjj build (``load.cache``), so another xjj never reuses it. Without the cache
(``--no-cache``), or when a file cannot be vouched for, the report is made anew;
``XJJ_MEMO=0`` leaves the rest of the cache on and only this off (``make bench`` measures
with it what a report costs to make).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from xjj_cli.load.reader import LoadOptions, Scan, scan_data


@dataclass(frozen=True)
class Printed:
    """What a report printed: its result (stdout) and its notices (stderr)."""

    text: str
    notices: str


@dataclass
class ReportMemo:
    """One request's place in the cache: what it printed before, and where to keep it."""

    data_dir: Path
    options: LoadOptions | None
    extra: tuple[str, ...]
    scan: Scan | None = None
    key: str | None = None

    @classmethod
    def open(
        cls, data_dir: Path, options: LoadOptions | None, request: tuple[str, ...]
    ) -> ReportMemo:
        """The memo of ``request`` (its first item names the report) on ``data_dir``'s data."""
        extra = (dt.date.today().isoformat(), str(data_dir.resolve()), *request)
        memo = cls(data_dir, options, extra)
        if (options is None or options.use_cache) and os.environ.get("XJJ_MEMO") != "0":
            memo.scan = scan_data(data_dir, options)
            memo.key = memo.scan.content_key(*extra)
        return memo

    @property
    def _name(self) -> str:
        return f"report-{self.extra[2]}"

    def recall(self) -> Printed | None:
        """What the same request printed on the same data, if it was kept."""
        if self.scan is None or self.key is None:
            return None
        kept = self.scan.cache.checked(self.key, self._name)
        return kept if isinstance(kept, Printed) else None

    def keep(self, printed: Printed) -> None:
        """Keep what the request printed — only for data unchanged while it was made: after
        the run every file must be vouched for by the cache (its content what the run loaded:
        a file edited since has a new time stamp and is not, so the key is None) and, when
        the data was known before the run, be the same as then. A file edited while the
        report was made never labels a report made from other data."""
        if self.scan is None:
            return
        after = scan_data(self.data_dir, self.options)
        key = after.content_key(*self.extra)
        if key is None or self.key not in (None, key):
            return
        after.cache.keep_checked(key, printed, self._name)
