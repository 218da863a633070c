"""The bulletin grows by names, never by paragraphs (SPEC §5): a district of hundreds of towns
and projects (bench/generate.py) gets the same body — each group of 二 and 三 names at most
ten units and refers to its annex, an owner's red projects are named three at most, 四 names
at most ten units a list — short enough for a few pages."""

from __future__ import annotations

import datetime as dt
import re
import sys
from functools import cache
from pathlib import Path

import pytest

from conftest import ROOT
from documents.bulletin_checks import disagreeing_points, past_requests, plain, sentences
from xjj_cli.bulletin.build import build_bulletin
from xjj_cli.load.fingerprint import Fingerprint
from xjj_cli.pipeline import evaluate
from xjj_cli.render.bulletin import render_markdown, split_front_matter

sys.path.insert(0, str(ROOT / "bench"))
from generate import generate

ISSUED = dt.date(2026, 11, 5)


@cache
def body(root: Path) -> str:
    data = generate(root, towns=240, projects=2000, months=10, seed=3, problems=120)
    ev = evaluate(data, "2026-10")
    bulletin = build_bulletin(ev, Fingerprint("0" * 64), ISSUED)
    text = split_front_matter(render_markdown(bulletin, ev.data.rules))[1]
    return text.split('<div class="attachments">', 1)[0]


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> str:
    return body(tmp_path_factory.mktemp("large"))


def test_a_large_district_names_ten_a_group_and_refers_to_the_annexes(large: str) -> None:
    assert re.search(r"等\d{3,}个单位（详见附件1）完成率", large)  # 二's towns
    assert re.search(r"另有\d+(?:个单位|项)（详见附件[34]）", large)  # 二's owners or tasks
    assert re.search(r"等\d+个项目，均被列为红色", large)  # an owner's red projects
    assert re.search(r"对(?:[^、。]+、){9}[^、。]+等\d{3,}个单位（详见附件5）", large)  # 三
    # eleven names or more in a row (a name: a short piece between 、 without 等)
    for listing in re.findall(r"((?:[^、。；：，等]{1,20}、){10,}[^、。；：，]+)", plain(large)):
        pytest.fail(f"more than ten names in a row: {listing[:80]}…")


def test_a_large_district_keeps_the_body_short(large: str) -> None:
    # 28 characters a line (digits and Latin letters half), 22 lines a page
    lines = 0
    for paragraph in large.splitlines():
        text = re.sub(r"<[^>]+>|\\\\", "", paragraph).strip()
        if text:
            width = sum(0.5 if ord(c) < 128 else 1 for c in text)
            lines += int((width + 2) // 28) + 1
    assert lines <= 8 * 22 - 30, lines  # the 版头, the 附件说明 and the signature take the rest


def test_a_large_districts_figures_and_dates_hold(large: str) -> None:
    assert disagreeing_points(large) == []
    assert past_requests(large, ISSUED) == []
    assert max(len(s) for s in sentences(large)) < 1200
