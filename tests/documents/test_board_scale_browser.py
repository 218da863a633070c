"""The board of a large district (bench/generate.py: 240 towns, 2,000 projects) in Chromium:
a small file whose cards are drawn as the reader scrolls or filters (SPEC §7), and which
without JavaScript still lists the red and yellow projects and every unit."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from conftest import ROOT
from documents.board_page import board_data, cards
from documents.test_board import run
from realapps import chromium_browser, page_of
from xjj_cli.engine.evaluate import MonthEvaluation
from xjj_cli.pipeline import evaluate

sys.path.insert(0, str(ROOT / "bench"))
from generate import generate

pytestmark = pytest.mark.needs("chromium")

PROJECTS = 2000
BYTES_PER_PROJECT = 500
"""The file's bound: each project's card and its share of the unit pages, maps and lists
(the cards as HTML took some 1,250 bytes each; packed, a province's take some 235)."""


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> tuple[MonthEvaluation, Path]:
    root = tmp_path_factory.mktemp("large-board")
    data = generate(root, towns=240, projects=PROJECTS, months=10, seed=3, problems=120)
    target = root / "board.html"
    code, _, err = run(data, "--month", "2026-10", "--out", str(target))
    assert code == 0, err
    return evaluate(data, "2026-10"), target


@pytest.fixture(scope="module")
def shared() -> Iterator[Browser]:
    with chromium_browser() as chromium:
        yield chromium


@pytest.fixture
def opened(large: tuple[MonthEvaluation, Path], shared: Browser) -> Iterator[Page]:
    with page_of(shared, 1920, 1080) as page:
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(large[1].as_uri())
        page.wait_for_load_state("load")
        yield page
        assert errors == []


def test_the_file_grows_by_a_few_hundred_bytes_a_project(
    large: tuple[MonthEvaluation, Path],
) -> None:
    assert len(large[0].statuses) == PROJECTS
    assert large[1].stat().st_size < BYTES_PER_PROJECT * PROJECTS


def test_the_data_holds_every_card_once(large: tuple[MonthEvaluation, Path]) -> None:
    html = large[1].read_text(encoding="utf-8")
    drawn = cards(html)
    assert len(drawn) == PROJECTS == len(board_data(html)["c"])
    ids = {s.id for s in large[0].statuses}
    assert {card.split('id="p-')[1].split('"')[0] for card in drawn} == ids


def test_the_first_screenful_is_drawn_and_scrolling_draws_more(opened: Page) -> None:
    page = opened
    first = page.locator(".card").count()
    assert 0 < first < PROJECTS
    page.locator("#more").scroll_into_view_if_needed()
    page.wait_for_function(f"() => document.querySelectorAll('.card').length > {first}")
    assert page.locator(".card").count() <= PROJECTS


def test_scrolling_the_page_to_the_unit_pages_draws_no_more_cards(opened: Page) -> None:
    """The cards scroll in a box of their own: a reader scrolling the page down to the unit
    pages passes them, instead of drawing chunk after chunk of a province's 20,000 projects
    that push the unit pages away as they come closer."""
    page = opened
    first = page.locator(".card").count()
    heading = page.locator("#units > h2")
    page.evaluate("() => document.querySelector('#units > h2').scrollIntoView()")
    page.wait_for_timeout(300)
    assert page.locator(".card").count() == first
    box = heading.bounding_box()
    assert box is not None and -1 < box["y"] < 1080


def test_a_new_choice_shows_its_first_cards(opened: Page) -> None:
    page = opened
    page.evaluate("() => { document.getElementById('card-box').scrollTop = 2000; }")
    assert page.evaluate("() => document.getElementById('card-box').scrollTop") > 0
    page.select_option('select[data-filter="color"]', "blue")
    assert page.evaluate("() => document.getElementById('card-box').scrollTop") == 0


def test_the_search_finds_a_project_beyond_the_first_screenful(
    opened: Page, large: tuple[MonthEvaluation, Path]
) -> None:
    page = opened
    drawn = set(page.locator(".card").evaluate_all("cards => cards.map(c => c.id)"))
    last = next(
        s
        for s in reversed(large[0].statuses)
        if f"p-{s.id}" not in drawn and sum(t.name == s.name for t in large[0].statuses) == 1
    )
    page.fill('input[data-filter="name"]', last.name)
    card = page.locator(f'[id="p-{last.id}"]')
    card.wait_for()
    assert card.is_visible()
    assert page.locator(".card").count() == 1
    assert page.locator("#shown-count").inner_text() == f"显示 1 / {PROJECTS} 个"


@pytest.mark.parametrize("color", ["red", "blue"])
def test_the_colour_and_town_filters_draw_only_their_projects(
    opened: Page, large: tuple[MonthEvaluation, Path], color: str
) -> None:
    page, ev = opened, large[0]
    page.select_option('select[data-filter="color"]', color)
    wanted = [s for s in ev.statuses if s.color == color]
    assert wanted
    assert page.locator("#shown-count").inner_text() == f"显示 {len(wanted)} / {PROJECTS} 个"
    colors = page.locator(".card").evaluate_all("cards => cards.map(c => c.dataset.color)")
    assert colors and set(colors) == {color}
    town = ev.data.projects[0].towns[0]
    page.select_option('select[data-filter="towns"]', town)
    both = [
        s
        for s, p in zip(ev.statuses, ev.data.projects, strict=True)
        if s.color == color and town in p.towns
    ]
    assert page.locator("#shown-count").inner_text() == f"显示 {len(both)} / {PROJECTS} 个"
    drawn = page.locator(".card").evaluate_all("cards => cards.map(c => c.id)")
    assert set(drawn) <= {f"p-{s.id}" for s in both}
    assert (len(drawn) > 0) == bool(both)


def test_a_units_page_is_drawn_when_opened(
    opened: Page, large: tuple[MonthEvaluation, Path]
) -> None:
    page = opened
    code = next(c for c, u in large[0].data.units.items() if u.is_town)
    section = page.locator(f'[id="unit-{code}"]')
    assert section.locator("table.months").count() == 0
    section.locator("summary").click()
    # the page is drawn on the "toggle" event, which the browser fires after the click returns
    expect(section.locator("table.months")).to_be_visible()
    expect(section.locator("tr[data-act]")).to_have_count(10)


def test_without_javascript_the_red_and_yellow_projects_and_every_unit_are_listed(
    large: tuple[MonthEvaluation, Path], shared: Browser
) -> None:
    ev = large[0]
    nojs = shared.new_page(viewport={"width": 1920, "height": 1080}, java_script_enabled=False)
    try:
        nojs.goto(large[1].as_uri())
        alerts = [s for s in ev.statuses if s.color in ("red", "yellow")]
        assert alerts and nojs.locator("#alerts > li").count() == len(alerts)
        assert nojs.locator("#alerts > li").last.is_visible()
        units = nojs.locator("details.unit").evaluate_all("ds => ds.map(d => d.id)")
        towns = [f"unit-{c}" for c, u in ev.data.units.items() if u.is_town]
        assert units[: len(towns)] == towns
        assert nojs.locator("details.unit summary").last.is_visible()
        assert nojs.locator(".card").count() == 0 and nojs.locator(".nojs").is_visible()
    finally:
        nojs.context.close()
