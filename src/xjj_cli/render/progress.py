"""A progress bar on stderr for loads that take more than about a second."""

from __future__ import annotations

import time
from typing import Any

SHOW_AFTER_SECONDS = 1.0


class LoadProgress:
    """Called with (files done, files in all); shows a bar only once loading is slow."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.bar: Any = None
        self.task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if time.monotonic() - self.started < SHOW_AFTER_SECONDS or done >= total:
                return
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )

            from xjj_cli.messages.validation import validation_word

            self.bar = Progress(
                TextColumn(validation_word("progress")),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn(validation_word("remaining")),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self.bar.start()
            self.task = self.bar.add_task("load", total=total)
        self.bar.update(self.task, completed=done, total=total)
        if done >= total:
            self.close()  # loading is over: the result must not print under a live bar

    def close(self) -> None:
        """Remove the bar, if it was shown."""
        if self.bar is not None:
            self.bar.stop()
            self.bar = None
