"""``xjj board``: the battle map as one self-contained HTML file (SPEC §7), checked as text.

The page as Chromium shows it is checked in tests/documents/test_board_browser.py.
"""

from __future__ import annotations

import json
import re
from html import escape as html_escape
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import copy_sample
from documents.board_page import board_data, drawn
from xjj_cli.cli import app
from xjj_cli.engine.overview import domain_progress
from xjj_cli.load.svgmap import scan_map
from xjj_cli.messages.formats import one_decimal, percent_points, printed_gap
from xjj_cli.messages.rules import ACTION_LABELS
from xjj_cli.model import DOMAIN_ORDER
from xjj_cli.pipeline import evaluate

HOSTILE = "<img src=x onerror=alert(1)>"
HOSTILE_FILE = "projects/5g/5G-2026-001.yaml"


def with_hostile_name(data: Path) -> Path:
    """The sample's copy ``data`` with one project named like an HTML tag with a script."""
    path = data / HOSTILE_FILE
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^name: .*$", f'name: "{HOSTILE}"', text, count=1, flags=re.M)
    path.write_text(text, encoding="utf-8")
    return data


def run(data: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--data", str(data), "board", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def sent(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The sample's October board as written, with one project named like an HTML tag."""
    data = with_hostile_name(copy_sample(tmp_path_factory.mktemp("board")))
    code, out, err = run(data, "--month", "2026-10")
    assert code == 0, err
    path = data.parent / "reports" / "2026-10" / "2026-10-挂图作战图.html"
    assert out.strip().endswith(str(path))
    return data, path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def page(sent: tuple[Path, str]) -> tuple[Path, str]:
    """That board as its script draws it: every card, every unit page (board_page.drawn)."""
    return sent[0], drawn(sent[1])


def test_every_red_and_yellow_project_is_on_top_with_its_colour_word(
    page: tuple[Path, str],
) -> None:
    data, html = page
    ev = evaluate(data, "2026-10")
    alerts = html.split('id="alerts"')[1].split("</ol>")[0]
    for status in ev.statuses:
        if status.color in ("red", "yellow"):
            assert f'id="p-{status.id}"' in html
            word = "红色" if status.color == "red" else "黄色"
            name = status.name.replace("<", "&lt;").replace(">", "&gt;")
            assert re.search(rf"{word}</span> {re.escape(name)}（", alerts), status.name
    reds = [s for s in ev.statuses if s.color == "red"]
    assert reds and f'<li class="c-red" data-count="red">红色 {len(reds)}个</li>' in html


def test_a_project_named_like_a_tag_is_text(page: tuple[Path, str], sent: tuple[Path, str]) -> None:
    html = page[1]
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<img" not in html
    assert "onerror" not in html.replace("&lt;img src=x onerror=alert(1)&gt;", "")
    # in the data block the name is escaped HTML, and no "<" of it can end the block
    block = json.dumps(board_data(sent[1]), ensure_ascii=False)
    assert "&lt;img src=x onerror=alert(1)&gt;" in block
    raw = sent[1].split('id="board-data">')[1].split("</script>")[0]
    assert "<" not in raw and ">" not in raw and "&" not in raw


def test_the_page_refers_to_nothing_outside_it(page: tuple[Path, str]) -> None:
    html = page[1].replace("&lt;img src=x onerror=alert(1)&gt;", "")
    # links within the page, to a unit's section or to the warnings
    html = re.sub(r'href="#(?:unit-[\w-]+|warnings)"', "", html)
    assert re.findall(r"\b(?:src|href|action|srcset)\s*=", html) == []
    assert "url(" not in html and "@import" not in html
    assert "default-src 'none'" in html  # the browser refuses any request the page might make


def test_without_javascript_the_alerts_maps_and_every_unit_show_and_the_filters_are_hidden(
    sent: tuple[Path, str],
) -> None:
    data, html = sent
    ev = evaluate(data, "2026-10")
    assert "<article" not in html  # the cards are drawn by the script, from the data block
    assert '<form class="filters" hidden>' in html
    assert '<fieldset class="switch" hidden>' in html
    alerts = html.split('id="alerts"')[1].split("</ol>")[0]
    assert alerts.count("<li ") == sum(s.color in ("red", "yellow") for s in ev.statuses)
    units = re.findall(r'<details class="unit" id="unit-([\w-]+)">', html)
    assert units and set(units) >= {c for c, u in ev.data.units.items() if u.is_town}
    for ranking in ev.rankings:  # every metric's map is in the page, each town with its rank
        section = html.split(f'data-metric="{ranking.metric}"')[1].split('<div class="map')[0]
        for row in ranking.rows:
            assert f'data-town="{row.town}"' in section
            assert f"第{row.rank}名" in section


def test_every_card_is_drawn_once_in_the_boards_order(page: tuple[Path, str]) -> None:
    data, html = page
    ev = evaluate(data, "2026-10")
    found = re.findall(r'<article class="card b-\w+" id="p-([\w-]+)"', html)
    assert sorted(found) == sorted(s.id for s in ev.statuses)
    colors = {s.id: s.color or "not_started" for s in ev.statuses}
    order = ["red", "yellow", "blue", "not_started"]
    assert [order.index(colors[i]) for i in found] == sorted(order.index(colors[i]) for i in found)


def test_each_card_shows_its_milestones_as_they_stood_at_the_month_end(
    page: tuple[Path, str],
) -> None:
    data, html = page
    ev = evaluate(data, "2026-10")
    late = 0
    for status in ev.statuses:
        card = html.split(f'id="p-{status.id}"')[1].split("</article>")[0]
        for milestone in status.overdue_milestones:
            late += 1
            assert f"{milestone.name}：" in card and f"逾期{milestone.days}天" in card
    assert late and html.count('<li class="late">') == late


def test_each_domain_stands_against_its_projects_plan_as_in_the_bulletin(
    page: tuple[Path, str],
) -> None:
    data, html = page
    table = html.split('id="domains"')[1].split("</table>")[0]
    rows = re.findall(r'<tr data-domain="(\w+)"><td>([^<]+)</td>\s*<td>(\d+)个', table)
    ev = evaluate(data, "2026-10")
    with_projects = [d for d in DOMAIN_ORDER if any(s.domain == d for s in ev.statuses)]
    assert [r[0] for r in rows] == with_projects and len(rows) == 7
    result = CliRunner().invoke(
        app, ["--data", str(data), "bulletin", "--month", "2026-10", "--format", "md", "--force"]
    )
    assert result.exit_code == 0, result.stderr
    bulletin = Path(result.stdout.strip().splitlines()[-1]).read_text("utf-8")
    for code, name, total in rows:
        progress = domain_progress(ev.statuses, code)
        assert int(total) == len(progress.statuses)
        assert progress.average is not None and progress.planned is not None
        # the same figures as the bulletin's 附件1: average progress and its plan
        average, planned = percent_points(progress.average), percent_points(progress.planned)
        assert re.search(rf"\| {re.escape(name)} \|.*\| {average} \| {planned} \|", bulletin), name
        # the gap between the printed figures (SPEC §5)
        gap = printed_gap(progress.average, progress.planned)
        row = table.split(f'data-domain="{code}"')[1].split("</tr>")[0]
        below = f"低于计划进度（{planned}）{one_decimal(-gap)}个百分点"
        assert (below in row) == (gap < 0), row


def test_the_department_ranking_is_on_the_board(page: tuple[Path, str]) -> None:
    data, html = page
    rows = evaluate(data, "2026-10").departments
    section = html.split('id="departments"')[1].split("</section>")[0]
    assert rows
    for row in rows:
        name = f'<a href="#unit-{row.unit}">{row.name}</a>'
        assert f"<tr><td>{row.rank}</td><td>{name}</td><td>{row.items}</td>" in section


def test_an_existing_board_is_kept_unless_forced(sample_copy: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.html"
    target.write_text("old", encoding="utf-8")
    code, _, err = run(sample_copy, "--month", "2026-10", "--out", str(target))
    assert code == 1 and "已存在" in err
    assert target.read_text(encoding="utf-8") == "old"
    code, _out, err = run(sample_copy, "--month", "2026-10", "--out", str(target), "--force")
    assert code == 0, err
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_a_month_that_is_not_reportable_is_refused_unless_draft(sample_copy: Path) -> None:
    code, _, err = run(sample_copy, "--month", "2026-11")
    assert code == 1 and "2026年10月" in err
    assert not (sample_copy.parent / "reports").exists()
    code, _out, err = run(sample_copy, "--month", "2026-11", "--draft")
    assert code == 0, err
    path = sample_copy.parent / "reports" / "2026-11" / "2026-11-挂图作战图-征求意见稿.html"
    html = path.read_text(encoding="utf-8")
    assert '<p class="draft" id="draft">征求意见稿' in html
    assert "<title>【征求意见稿】" in html


def write_map(data: Path, body: str) -> None:
    (data / "map").mkdir(exist_ok=True)
    (data / "map" / "towns.svg").write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 100">{body}</svg>',
        encoding="utf-8",
    )


def test_the_district_map_is_drawn_with_each_town_in_its_colour(sample_copy: Path) -> None:
    ev = evaluate(sample_copy, "2026-10")
    towns = [c for c, u in ev.data.units.items() if u.is_town]
    shapes = "".join(
        f'<rect data-town="{code}" x="{20 * i}" y="0" width="18" height="18"/>'
        for i, code in enumerate(towns)
    )
    write_map(sample_copy, shapes + "<text x='0' y='90'>&lt;b&gt;任城区</text>")
    code, _, err = run(sample_copy, "--month", "2026-10")
    assert code == 0, err
    html = (sample_copy.parent / "reports" / "2026-10" / "2026-10-挂图作战图.html").read_text(
        "utf-8"
    )
    fills = {"blue": "#0070C0", "yellow": "#FFFF00", "red": "#C00000"}
    for ranking in ev.rankings:
        section = html.split(f'data-metric="{ranking.metric}"')[1].split('<div class="tiles">')[0]
        assert section.count("<svg") == 1
        for row in ranking.rows:
            shape = re.search(
                rf'<rect data-town="{row.town}"[^>]*>\s*<title>([^<]*)</title>', section
            )
            assert shape, row.town
            assert f'fill="{fills[row.color]}"' in shape.group(0)
            assert f"第{row.rank}名" in shape.group(1) and row.name in shape.group(1)
        assert "&lt;b&gt;任城区" in section


def test_a_map_with_a_script_is_refused_and_no_board_written(sample_copy: Path) -> None:
    write_map(sample_copy, '<rect data-town="gh" onmouseover="alert(1)"/>')
    code, _, err = run(sample_copy, "--month", "2026-10")
    assert code == 1
    assert "map/towns.svg" in err and "map.unsafe" in err
    assert not (sample_copy.parent / "reports").exists()


@pytest.mark.parametrize(
    ("svg", "what"),
    [
        ('<?xml-stylesheet href="http://x/s.css"?><svg/>', "<?xml-stylesheet?>"),
        ("<svg><style>@import 'http://x/s.css';</style></svg>", "<style>"),
        ("<svg><style>rect { fill: url( 'http://x/f' ) }</style></svg>", "<style>"),
        ('<svg><a href="javascript:alert(1)"><rect/></a></svg>', 'href="javascript:alert(1)"'),
        ('<svg><set attributeName="href" to="javascript:alert(1)"/></svg>', "<set>"),
        ('<svg><rect ONLOAD="alert(1)"/></svg>', 'ONLOAD="alert(1)"'),
        ("<svg><SCRIPT/></svg>", "<SCRIPT>"),
    ],
)
def test_the_map_scan_refuses_every_way_out(svg: str, what: str) -> None:
    found = scan_map(svg.encode())
    assert [f.kind for f in found.findings] == ["unsafe"]
    assert found.findings[0].what.startswith(what)


def test_the_map_scan_lets_fragments_and_plain_shapes_pass() -> None:
    svg = '<svg><defs><linearGradient id="g"/></defs><rect fill="url(#g)" data-town="gh"/>'
    found = scan_map((svg + '<use href="#g"/></svg>').encode())
    assert found.safe and [t.what for t in found.towns] == ["gh"]


def test_the_sample_board_stays_small_enough_to_send_in_a_chat(page: tuple[Path, str]) -> None:
    assert len(page[1].encode("utf-8")) < 1_500_000


def unit_section(html: str, code: str) -> str:
    found = re.search(rf'<details class="unit" id="unit-{code}">(.*?)</details>', html, re.S)
    assert found is not None, code
    return found.group(1)


@pytest.mark.parametrize("code", ["cg", "qzj"])
def test_each_unit_has_a_section_with_the_actions_of_its_history(
    page: tuple[Path, str], code: str
) -> None:
    data, html = page
    result = CliRunner().invoke(app, ["--data", str(data), "history", code, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    history = json.loads(result.stdout)
    assert history["months"][-1]["month"] == "2026-10"
    section = unit_section(html, code)
    assert history["name"] in section
    actions = re.findall(r'<tr data-act="(\w*)">', section)
    assert actions == [m["action"] or "" for m in history["months"]]
    assert any(m["action"] for m in history["months"])
    for m in history["months"]:
        if m["action"]:
            assert ACTION_LABELS[m["action"]] in section
    for problem in history["open_problems"]:
        assert problem["id"] in section


def test_towns_come_first_and_unit_names_link_to_their_sections(page: tuple[Path, str]) -> None:
    html = page[1]
    ev = evaluate(page[0], "2026-10")
    order = re.findall(r'<details class="unit" id="unit-([\w-]+)">', html)
    towns = [c for c, u in ev.data.units.items() if u.is_town]
    assert order[: len(towns)] == towns
    assert all(row.unit in order for row in ev.departments)
    tiles = re.findall(r'data-town="([\w-]+)"[^>]*>\s*<b><a href="#unit-([\w-]+)">', html)
    assert tiles and all(town == target for town, target in tiles)
    assert '<td><a href="#unit-qzj">' in html  # the department ranking
    assert re.search(r'责任单位：<a href="#unit-[\w-]+">', html)  # a card's owner
    for target in set(re.findall(r'href="#unit-([\w-]+)"', html)):
        assert target in order


def warnings_json(data: Path, month: str = "2026-10") -> list[dict[str, Any]]:
    result = CliRunner().invoke(
        app, ["--data", str(data), "warnings", "--month", month, "--format", "json"]
    )
    assert result.exit_code == 0, result.stderr
    units: list[dict[str, Any]] = json.loads(result.stdout)["units"]
    return units


def test_the_board_lists_every_warning_of_the_month_most_urgent_first(
    page: tuple[Path, str],
) -> None:
    data, html = page
    listed = html.split('id="warning-list">')[1].split("</ol>")[0]
    items = re.findall(r'<li data-warning="(\w+)" data-unit="([\w-]+)">(.*?)</li>', listed)
    urgent = evaluate(data, "2026-10").warnings  # most urgent first
    assert [(kind, code) for kind, code, _ in items] == [(str(w.warning), w.unit) for w in urgent]
    found = {
        (u["unit"], w["warning"], w["detail"]) for u in warnings_json(data) for w in u["warnings"]
    }
    assert len(found) == len(items)
    for kind, code, item in items:
        assert "预警</span>" in item  # its kind in words, not only a colour
        assert any(
            html_escape(detail, quote=False) in item
            for c, k, detail in found
            if (c, k) == (code, kind)
        )
    assert f"预警（{len(items)}条）" in html
    overview = html.split('id="overview"')[1].split("</section>")[0]
    assert f'<a href="#warnings">本月预警{len(items)}条' in overview


@pytest.mark.parametrize("code", ["tk", "gdgs", "cg"])
def test_a_units_page_shows_its_own_warnings_of_the_month(
    page: tuple[Path, str], code: str
) -> None:
    data, html = page
    section = unit_section(html, code)
    own = [w for u in warnings_json(data) if u["unit"] == code for w in u["warnings"]]
    assert re.findall(r'<li data-warning="(\w+)">', section) == [w["warning"] for w in own]
    for w in own:
        assert html_escape(w["detail"], quote=False) in section
    assert ("2026年10月预警" in section) == bool(own)


def test_a_warned_units_name_is_text_on_the_board(sample_copy: Path) -> None:
    towns = sample_copy / "towns" / "towns.csv"
    text = towns.read_text(encoding="utf-8")
    towns.write_text(text.replace("唐口街道", "唐口<b>街道</b>"), encoding="utf-8")
    code, _, err = run(sample_copy, "--month", "2026-10")
    assert code == 0, err
    html = (sample_copy.parent / "reports" / "2026-10" / "2026-10-挂图作战图.html").read_text(
        "utf-8"
    )
    listed = html.split('id="warning-list">')[1].split("</ol>")[0]
    assert "唐口&lt;b&gt;街道&lt;/b&gt;" in listed and "<b>街道" not in html
