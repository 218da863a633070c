"""The example rule registered beside the nine of SPEC §3.3 (docs/adding-a-rule.md): the
engine's registry takes a tenth rule without a change to ``engine/evaluate.py``, the wording
table and the catalogue take its words, and each reader says it — the accountability list,
附件3's lines, a unit's summary. docs/adding-a-rule.md shows these files as they are."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import build_repository
from example_rule.rule import ID, RULE, TownStalledEvidence
from example_rule.texts import TEXTS
from example_rule.words import TownStalledWords
from rule_cases import run_rule_case
from xjj_cli.engine.evaluate import MonthEvaluation
from xjj_cli.engine.results import Action, Evidence, RuleId
from xjj_cli.engine.rules import RULES
from xjj_cli.engine.rules.base import Rule
from xjj_cli.messages import rules as messages
from xjj_cli.pipeline import evaluate
from xjj_cli.render.reports import accountability_json
from xjj_cli.wording.findings import evidence_text, rule_words, summary
from xjj_cli.wording.rules import WORDING

HERE = Path(__file__).parent
DOC = HERE.parents[1] / "docs" / "adding-a-rule.md"
TABLES = ("RULE_WORDS", "FINDINGS", "EVIDENCE", "SUMMARY", "PHRASES", "WARNINGS", "WARNING_KINDS")


@pytest.fixture
def registered(monkeypatch: pytest.MonkeyPatch) -> tuple[Rule, ...]:
    """The example's words entered in copies of the catalogue's tables and of the wording
    table (gone after the test), and a copy of the registry with the example rule last."""
    for name in TABLES:
        monkeypatch.setattr(messages, name, dict(getattr(messages, name)))
    messages.add_rule_texts(ID, TEXTS)
    stalled: type[Evidence] = TownStalledEvidence
    monkeypatch.setitem(WORDING, stalled, TownStalledWords())
    return (*RULES, RULE)


def _evaluation(tmp_path: Path, registered: tuple[Rule, ...]) -> MonthEvaluation:
    data = build_repository(HERE / "scenario", tmp_path / "repo")
    loaded = evaluate(data, "2026-10")
    return MonthEvaluation(loaded.data, loaded.month, registered=registered)


def test_the_example_rule_on_its_scenario(tmp_path: Path, registered: tuple[Rule, ...]) -> None:
    run_rule_case(HERE / "scenario", tmp_path / "repo", registered)


def test_the_registry_runs_it_and_lists_it_after_the_nine(
    tmp_path: Path, registered: tuple[Rule, ...]
) -> None:
    ev = _evaluation(tmp_path, registered)
    [cg] = [f for f in ev.findings if f.unit == "cg"]
    assert [b.rule for b in cg.reasons if b.action == Action.remind][-1] == ID
    units = accountability_json(ev.month, ev.findings)["units"]
    [reason] = [r for u in units if u["unit"] == "cg" for r in u["reasons"] if r["rule"] == ID]
    assert reason == {
        "rule": "town_stalled",
        "action": "remind",
        "detail": "充电桩：10月累计完成10，与上月持平，年度目标20",
        "metric": "charging.piles",
        "completed": 10,
        "target": 20,
    }


def test_every_reader_says_it(tmp_path: Path, registered: tuple[Rule, ...]) -> None:
    ev = _evaluation(tmp_path, registered)
    [breach] = [b for b in ev.breaches if b.rule == ID and b.unit == "cg"]
    assert rule_words(breach) == "指标本月零增长"
    assert evidence_text(breach) == "指标本月零增长（充电桩，10月）：累计完成10，年度目标20"
    [only] = [f for f in ev.findings if f.unit == "eslp"]
    assert ID in {b.rule for b in only.reasons}
    alone = type(only)("eslp", "二十里铺街道", "街道", Action.remind, (breach,))
    assert summary(alone) == "二十里铺街道充电桩本月零增长。"


def test_unregistered_it_is_not_run(tmp_path: Path) -> None:
    ev = _evaluation(tmp_path, RULES)
    assert ID not in {b.rule for b in ev.breaches}
    assert {b.rule for b in ev.breaches} <= set(RuleId)


def test_the_guide_shows_the_example_as_it_is() -> None:
    """docs/adding-a-rule.md gives each file of the example as a new file's diff."""
    text = DOC.read_text(encoding="utf-8")
    shown = dict(
        re.findall(r"\+\+\+ b/(tests/example_rule/\S+)\n@@[^\n]*@@\n((?:\+[^\n]*\n)+)", text)
    )
    for name in ("rule.py", "words.py", "texts.py", "scenario/expect.yaml"):
        path = f"tests/example_rule/{name}"
        assert path in shown, f"docs/adding-a-rule.md does not show {path}"
        lines = [line[1:] for line in shown[path].splitlines()]
        assert lines == (HERE / name).read_text(encoding="utf-8").splitlines(), path
