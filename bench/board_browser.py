"""The board as a reader opens it: headless Chromium driven by Playwright (the dev venv's),
Debian's /usr/bin/chromium (scripts/system-tools.sh installs it), offline, as the tests launch
it (tests/realapps.py).

Two figures, each from opening the file (navigation start):

- first paint: Chromium's own ``first-contentful-paint`` entry of the page's performance
  timeline (``first-paint`` where no contentful one is recorded), in seconds;
- search answered: the reader types a project's name into the search box
  (``input[data-filter="name"]``) as soon as it is shown, and the figure is the time until that
  project's card (``.card``) is displayed and the cards are filtered (at most
  ``FILTERED`` displayed) — a project far beyond the first screenful (the last one generated).

The selectors are the board's contract with its browser tests (tests/documents/
test_board_browser.py). The pure helpers (``first_paint_seconds``, ``median_seconds``) are
tested in tests/test_bench_browser.py.
"""

from __future__ import annotations

import shutil
import statistics
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CHROMIUM_FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)
"""As tests/realapps.py: Chromium offline."""

SEARCH = 'input[data-filter="name"]'
FILTERED = 10
"""At most this many cards displayed once the search has answered (the name is unique)."""
TIMEOUT_MS = 180_000
"""How long a step may take before the page is given up (the board of issue 28 took 85 s)."""
WIDTH, HEIGHT = 1920, 1080

_ENTRIES = (
    "() => performance.getEntriesByType('paint').map(e => ({name: e.name, startTime: e.startTime}))"
)
_ANSWERED = """([query, most]) => {
  const shown = Array.from(document.querySelectorAll('.card')).filter(
    c => c.checkVisibility ? c.checkVisibility() : c.offsetParent !== null);
  return shown.length > 0 && shown.length <= most && shown.some(c => c.textContent.includes(query));
}"""
_ON_FIRST_SCREEN = """(query) => Array.from(document.querySelectorAll('.card')).some(c => {
  if (!c.textContent.includes(query)) { return false; }
  const r = c.getBoundingClientRect();
  return r.height > 0 && r.top < innerHeight && r.bottom > 0;
})"""


def first_paint_seconds(entries: Sequence[Mapping[str, Any]]) -> float | None:
    """Seconds from navigation start to the first contentful paint in the page's ``paint``
    performance entries (``first-paint`` if Chromium recorded no contentful one), or None."""
    times = {str(e.get("name")): float(e.get("startTime", 0)) for e in entries}
    for name in ("first-contentful-paint", "first-paint"):
        if name in times:
            return times[name] / 1000
    return None


def median_seconds(values: Sequence[float | None]) -> float | None:
    """The median of the runs, or None if any run did not get there."""
    if not values or any(v is None for v in values):
        return None
    return statistics.median(v for v in values if v is not None)


@dataclass(frozen=True)
class Opened:
    """One opening of the board: the figures of ``browser.py``'s docstring, in seconds."""

    first_paint: float | None
    box_shown: float | None
    answered: float | None
    """None: not within ``TIMEOUT_MS`` (the run is given up, the bench goes on)."""
    on_first_screen: bool
    """Whether the searched project's card was on the first screen before typing (it must not
    be, or the search proves nothing)."""


def missing() -> str | None:
    """Why the board cannot be opened here (Playwright or Chromium missing), or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright missing (the dev venv has it: `make bench` installs it)"
    if shutil.which("chromium") is None:
        return "Chromium missing (`make system-tools` installs it)"
    return None


def open_board(page_path: Path, query: str, runs: int) -> list[Opened]:
    """Open the board ``runs`` times, each in a fresh page of one Chromium, and search for
    ``query`` as soon as the search box is shown."""
    from playwright.sync_api import TimeoutError as Late
    from playwright.sync_api import sync_playwright

    found = []
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=shutil.which("chromium"), args=list(CHROMIUM_FLAGS)
        )
        try:
            for _ in range(runs):
                page = chromium.new_page(viewport={"width": WIDTH, "height": HEIGHT})
                page.set_default_timeout(TIMEOUT_MS)
                shown: float | None = None
                before = False
                try:
                    start = time.perf_counter()
                    page.goto(page_path.as_uri(), wait_until="commit")
                    box = page.locator(SEARCH).first
                    box.wait_for(state="visible")
                    shown = time.perf_counter() - start
                    before = bool(page.evaluate(_ON_FIRST_SCREEN, query))
                    box.fill(query)
                    page.wait_for_function(_ANSWERED, arg=[query, FILTERED], polling=20)
                    answered = time.perf_counter() - start
                    page.wait_for_load_state("load")
                    paint = first_paint_seconds(page.evaluate(_ENTRIES))
                    found.append(Opened(paint, shown, answered, before))
                except Late:
                    found.append(Opened(None, shown, None, before))
                finally:
                    page.context.close()
        finally:
            chromium.close()
    return found
