"""The board (挂图作战图) as Chromium shows it: offline, filterable, switchable, and as wide
as a phone or a desk without scrolling sideways."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page, Request, Route

from conftest import copy_sample
from documents.test_board import HOSTILE, run, with_hostile_name
from realapps import chromium_browser, page_of, pdf_pages
from xjj_cli.pipeline import evaluate

pytestmark = pytest.mark.needs("chromium", "pdftotext")

DESK, PHONE = 1920, 390


@pytest.fixture(scope="module")
def board(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The sample's October board, one project named like an HTML tag: data and page."""
    data = with_hostile_name(copy_sample(tmp_path_factory.mktemp("board-browser")))
    target = data.parent / "board.html"
    code, _, err = run(data, "--month", "2026-10", "--out", str(target))
    assert code == 0, err
    return data, target


class Watch:
    """What the page did that it must not: console errors, dialogs, requests elsewhere."""

    def __init__(self, page: Page, allowed: str) -> None:
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.allowed = allowed
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("dialog", self._dialog)
        page.route("**/*", self._route)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            self.errors.append(message.text)

    def _dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, route: Route, request: Request) -> None:
        if request.url == self.allowed:
            route.continue_()
        else:
            self.requests.append(request.url)
            route.abort()


@pytest.fixture(scope="module")
def shared() -> Iterator[Browser]:
    """One Chromium for the module; each test opens its own fresh page (page_of)."""
    with chromium_browser() as chromium:
        yield chromium


@pytest.fixture
def opened(board: tuple[Path, Path], shared: Browser) -> Iterator[tuple[Page, Watch]]:
    with page_of(shared, DESK, 1080) as page:
        watch = Watch(page, board[1].as_uri())
        page.goto(board[1].as_uri())
        page.wait_for_load_state("load")
        yield page, watch


def test_the_page_loads_offline_without_errors_and_names_are_text(
    opened: tuple[Page, Watch],
) -> None:
    page, watch = opened
    page.wait_for_timeout(200)  # let an injected handler fire, were there one
    assert watch.errors == []
    assert watch.requests == []
    assert watch.dialogs == []
    assert page.locator(".card .name", has_text=HOSTILE).count() == 1


def test_every_red_project_is_visible(opened: tuple[Page, Watch], board: tuple[Path, Path]) -> None:
    page = opened[0]
    reds = [s for s in evaluate(board[0], "2026-10").statuses if s.color == "red"]
    assert reds
    for status in reds:
        assert page.locator(f'[id="p-{status.id}"]').is_visible()


def test_the_colour_filter_and_the_search_change_what_is_visible(
    opened: tuple[Page, Watch], board: tuple[Path, Path]
) -> None:
    page = opened[0]
    statuses = evaluate(board[0], "2026-10").statuses
    cards = page.locator(".card")
    assert cards.count() == len(statuses)
    page.select_option('select[data-filter="color"]', "red")
    reds = [s for s in statuses if s.color == "red"]
    assert page.locator(".card:visible").count() == len(reds)
    assert page.locator('.card[data-color="blue"]').first.is_hidden()
    page.select_option('select[data-filter="color"]', "")
    page.fill('input[data-filter="name"]', reds[0].name)
    assert page.locator(".card:visible").count() >= 1
    assert page.locator(f'[id="p-{reds[0].id}"]').is_visible()
    assert page.locator(".card:visible").count() < len(statuses)


def test_the_metric_switch_shows_one_metric_map_at_a_time(
    opened: tuple[Page, Watch], board: tuple[Path, Path]
) -> None:
    page = opened[0]
    metrics = [r.metric for r in evaluate(board[0], "2026-10").rankings]
    assert len(metrics) >= 2
    first, second = (page.locator(f'.map[data-metric="{m}"]') for m in metrics[:2])
    assert first.is_visible() and second.is_hidden()
    page.check(f'input[name="metric"][value="{metrics[1]}"]')
    assert first.is_hidden() and second.is_visible()
    assert "第1名" in second.inner_text()


@pytest.mark.parametrize("width", [PHONE, DESK])
def test_no_sideways_scrolling(board: tuple[Path, Path], width: int, shared: Browser) -> None:
    with page_of(shared, width, 900) as page:
        page.goto(board[1].as_uri())
        page.wait_for_load_state("load")
        scroll = page.evaluate("() => document.documentElement.scrollWidth")
        assert scroll <= width


def test_without_javascript_the_alerts_every_map_and_every_unit_show(
    board: tuple[Path, Path], shared: Browser
) -> None:
    nojs = shared.new_page(viewport={"width": DESK, "height": 1080}, java_script_enabled=False)
    try:
        watch = Watch(nojs, board[1].as_uri())
        nojs.goto(board[1].as_uri())
        ev = evaluate(board[0], "2026-10")
        alerts = [s for s in ev.statuses if s.color in ("red", "yellow")]
        assert nojs.locator("#alerts > li:visible").count() == len(alerts)
        assert nojs.locator(".map:visible").count() == nojs.locator(".map").count() > 1
        towns = [c for c, u in ev.data.units.items() if u.is_town]
        for code in towns:
            assert nojs.locator(f'[id="unit-{code}"] summary').is_visible()
        assert nojs.locator(".nojs").is_visible()
        assert nojs.locator(".filters").is_hidden()
        assert watch.requests == [] and watch.errors == []
    finally:
        nojs.context.close()


def test_with_javascript_the_no_script_note_is_hidden(opened: tuple[Page, Watch]) -> None:
    assert opened[0].locator(".nojs").is_hidden()


def test_on_a3_landscape_the_overview_and_every_map_are_the_first_page(
    board: tuple[Path, Path], tmp_path: Path, shared: Browser
) -> None:
    pdf = tmp_path / "board.pdf"
    with page_of(shared, DESK, 1080) as page:
        page.goto(board[1].as_uri())
        page.pdf(path=str(pdf), format="A3", landscape=True, print_background=True)
    pages = [re.sub(r"\s+", "", text) for text in pdf_pages(pdf)]
    first, ev = pages[0], evaluate(board[0], "2026-10")
    cards = f"项目（{len(ev.statuses)}个）"
    assert "本月总览" in first and "红黄项目" in first and cards not in first
    assert "区直部门和企业履职排名" in first
    assert all(row.name in first for row in ev.departments)
    for ranking in ev.rankings:
        assert f"{ranking.metric_name}（全区" in first
    assert any(cards in text for text in pages[1:])
    assert any(f"预警（{len(ev.warnings)}条）" in text for text in pages)  # the list is printed


def test_the_overview_links_to_every_warning_of_the_month(
    opened: tuple[Page, Watch], board: tuple[Path, Path]
) -> None:
    page = opened[0]
    warnings = evaluate(board[0], "2026-10").warnings
    items = page.locator("#warning-list > li")
    assert warnings and items.count() == len(warnings)
    page.locator('#overview a[href="#warnings"]').click()
    assert page.evaluate("() => location.hash") == "#warnings"
    assert items.first.is_visible() and items.last.is_visible()


def test_a_tile_link_opens_its_units_section(opened: tuple[Page, Watch]) -> None:
    page, watch = opened
    section = page.locator("#unit-cg")
    assert section.get_attribute("open") is None
    page.locator('.map.shown .tile[data-town="cg"] a').click()
    page.wait_for_function("() => document.getElementById('unit-cg').open")
    assert section.locator("table.months").is_visible()
    assert section.locator("tr[data-act]").count() > 1
    assert watch.errors == [] and watch.requests == []


def test_open_unit_sections_do_not_scroll_sideways_on_a_phone(
    board: tuple[Path, Path], shared: Browser
) -> None:
    with page_of(shared, PHONE, 900) as page:
        page.goto(board[1].as_uri())
        page.wait_for_load_state("load")
        page.evaluate("() => document.querySelectorAll('details.unit').forEach(d => d.open = true)")
        assert page.locator("#unit-qzj table.months").is_visible()
        assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE


def test_printing_shows_every_units_months(
    board: tuple[Path, Path], tmp_path: Path, shared: Browser
) -> None:
    pdf = tmp_path / "board.pdf"
    with page_of(shared, DESK, 1080) as page:
        page.goto(board[1].as_uri())
        page.emulate_media(media="print")
        page.pdf(path=str(pdf), format="A3", landscape=True, print_background=True)
    text = re.sub(r"\s+", "", "".join(pdf_pages(pdf)))
    assert "各单位逐月情况" in text
    assert text.count("排名/得分") == len(re.findall(r'id="unit-', board[1].read_text("utf-8")))
