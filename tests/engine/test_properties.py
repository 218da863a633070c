"""Invariants of the rules, checked on generated data (hypothesis)."""

from __future__ import annotations

import datetime as dt
import json
import random
import tempfile
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from builders import dataset, problem
from conftest import SAMPLE, copy_sample
from xjj_cli.engine.evaluate import MonthEvaluation
from xjj_cli.engine.results import Action, evidence_json
from xjj_cli.engine.rules.problem_overdue import breaches as problem_breaches
from xjj_cli.engine.towns import rank_metric
from xjj_cli.model import LedgerProblem, Rules
from xjj_cli.months import month_end
from xjj_cli.pipeline import evaluate
from xjj_cli.render import reports

towns = st.lists(
    st.tuples(st.integers(1, 60), st.integers(0, 80)),  # (target, completed)
    min_size=1,
    max_size=12,
)


def _frame(rows: list[tuple[int, int]]) -> pd.DataFrame:
    return pd.DataFrame(
        [(f"t{i:02d}", target, done) for i, (target, done) in enumerate(rows)],
        columns=["town", "target", "completed"],
    )


def _rank_metric(frame: pd.DataFrame) -> tuple[pd.DataFrame, Fraction]:
    return rank_metric(
        frame,
        bottom_n=3,
        bottom_ties="include",
        progress=Fraction(1, 2),
        yellow_lag=Fraction(1, 10),
    )


def _rank(rows: list[tuple[int, int]]) -> pd.DataFrame:
    ranked, _ = _rank_metric(_frame(rows))
    return ranked.set_index("town")


def _rank_of(rows: list[tuple[int, int]], index: int) -> int:
    return int(_rank(rows)["rank"][f"t{index:02d}"])


@given(towns)
def test_ranks_are_the_competition_ranks_of_the_rates(rows: list[tuple[int, int]]) -> None:
    ranked = _rank(rows)
    rates = {f"t{i:02d}": Fraction(done, target) for i, (target, done) in enumerate(rows)}
    for town, rate in rates.items():
        higher = sum(1 for other in rates.values() if other > rate)
        assert ranked.loc[town, "rank"] == 1 + higher
    assert ranked["rank"].min() == 1


@given(towns, st.data())
def test_raising_a_towns_completed_never_lowers_its_rank(
    rows: list[tuple[int, int]], data: st.DataObject
) -> None:
    index = data.draw(st.integers(0, len(rows) - 1))
    extra = data.draw(st.integers(1, 40))
    before = _rank_of(rows, index)
    raised = list(rows)
    raised[index] = (rows[index][0], rows[index][1] + extra)
    after = _rank_of(raised, index)
    assert after <= before


@given(towns, st.randoms(use_true_random=False))
def test_row_order_does_not_change_the_ranking(
    rows: list[tuple[int, int]], rnd: random.Random
) -> None:
    frame = _frame(rows)
    shuffled = frame.sample(frac=1, random_state=rnd.randint(0, 2**31 - 1))
    a, da = _rank_metric(frame)
    b, db = _rank_metric(shuffled)
    assert da == db
    pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True))


# --- the problems ledger (problem_overdue, SPEC §3.3; department ranking, §3.4) ---------------

MONTH = "2026-10"
MONTH_END = month_end(MONTH)
DAY_ONE = dt.date(2026, 1, 1)


@st.composite
def ledger_problems(draw: st.DrawFn, index: int = 0) -> LedgerProblem:
    """A valid ledger problem of 2026: raised ≤ deadline, raised ≤ resolved."""
    raised = DAY_ONE + dt.timedelta(days=draw(st.integers(0, 364)))
    deadline = raised + dt.timedelta(days=draw(st.integers(0, 200)))
    resolved = draw(st.none() | st.integers(0, 300).map(lambda d: raised + dt.timedelta(days=d)))
    return problem(
        id=f"WT-2026-{index:03d}",
        unit=draw(st.sampled_from(["dept", "firm"])),
        raised=raised,
        deadline=deadline,
        resolved=resolved,
    )


@st.composite
def ledgers(draw: st.DrawFn) -> list[LedgerProblem]:
    size = draw(st.integers(0, 12))
    return [draw(ledger_problems(i)) for i in range(size)]


def _ledger_results(problems: list[LedgerProblem], rules: Rules | None = None) -> str:
    ev = MonthEvaluation(dataset(problems=problems, rules=rules), MONTH)
    return json.dumps(
        [
            [
                (f.unit, f.action.key, [evidence_json(r.evidence) for r in f.reasons])
                for f in ev.findings
            ],
            [(r.unit, r.rank, r.items, r.on_schedule) for r in ev.departments],
        ],
        sort_keys=True,
    )


@given(ledgers(), st.randoms(use_true_random=False))
def test_the_ledgers_order_never_matters(problems: list[LedgerProblem], rnd: random.Random) -> None:
    shuffled = list(problems)
    rnd.shuffle(shuffled)
    assert _ledger_results(shuffled) == _ledger_results(problems)


@given(ledgers(), st.data())
def test_ledger_data_after_the_month_never_matters(
    problems: list[LedgerProblem], data: st.DataObject
) -> None:
    """Problems raised after the month's end, and resolved dates after it (whatever they
    are), change nothing at the month."""
    kept = [p for p in problems if p.raised <= MONTH_END]
    seen = [
        p.model_copy(update={"resolved": None})
        if p.resolved is not None and p.resolved > MONTH_END
        else p
        for p in kept
    ]
    later = [
        p.model_copy(
            update={"resolved": MONTH_END + dt.timedelta(days=data.draw(st.integers(1, 400)))}
        )
        if p.resolved is None or p.resolved > MONTH_END
        else p
        for p in kept
    ]
    assert _ledger_results(problems) == _ledger_results(seen) == _ledger_results(later)


@given(ledger_problems(), st.integers(1, 200), st.integers(0, 60))
def test_the_action_is_monotone_in_days_overdue(
    one: LedgerProblem, earlier: int, interview_days: int
) -> None:
    """Moving an open problem's deadline earlier (more days overdue) never lowers its action,
    and the action is 约谈 exactly when it is open and overdue more than the rule's days."""
    rules = Rules(problem_interview_days=interview_days)

    def action(p: LedgerProblem) -> int:
        breaches = problem_breaches([p], MONTH, rules)
        return max((b.action for b in breaches), default=0)

    sooner = one.model_copy(
        update={
            "deadline": one.deadline - dt.timedelta(days=earlier),
            "raised": min(one.raised, one.deadline - dt.timedelta(days=earlier)),
        }
    )
    if one.resolved is None or one.resolved > MONTH_END:
        assert action(sooner) >= action(one)
    for p in (one, sooner):
        still_open = p.raised <= MONTH_END and (p.resolved is None or p.resolved > MONTH_END)
        overdue = (MONTH_END - p.deadline).days
        assert (action(p) == Action.interview) == (still_open and overdue > interview_days)
        assert action(p) != Action.accountability


# --- whole repository ----------------------------------------------------------------------


def _results(data_dir: Path, month: str) -> str:
    ev = evaluate(data_dir, month)
    return json.dumps(
        [
            reports.ranking_json(ev.rankings),
            reports.colors_json(ev.month, ev.statuses),
            reports.accountability_json(ev.month, ev.findings),
            reports.department_json(ev.month, ev.departments),
        ],
        ensure_ascii=False,
        sort_keys=True,
    )


@pytest.fixture(scope="module")
def baseline() -> Callable[[str], str]:
    """The sample's results for a month, computed once per test session by the code under
    test. (Not a module-level cache: under ``make mutate`` a cache filled in the parent
    process by the unmutated code would be compared with a mutant's results — a false kill.)"""
    computed: dict[str, str] = {}

    def results(month: str) -> str:
        if month not in computed:
            computed[month] = _results(SAMPLE, month)
        return computed[month]

    return results


def _shuffle_lists(value: object, rnd: random.Random) -> object:
    if isinstance(value, dict):
        return {k: _shuffle_lists(v, rnd) for k, v in value.items()}
    if isinstance(value, list):
        items = [_shuffle_lists(v, rnd) for v in value]
        rnd.shuffle(items)
        return items
    return value


def _rewrite_yaml(path: Path, change: Callable[[Any], object]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(
        yaml.safe_dump(change(data), allow_unicode=True, sort_keys=False), encoding="utf-8"
    )


@settings(max_examples=5, deadline=None)
@given(st.randoms(use_true_random=False))
def test_shuffling_rows_and_lists_changes_nothing(
    baseline: Callable[[str], str], rnd: random.Random
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = copy_sample(Path(tmp))  # a fresh copy for each example
        for csv_file in data.rglob("*.csv"):
            header, *rows = csv_file.read_text(encoding="utf-8").splitlines()
            rnd.shuffle(rows)
            csv_file.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
        for yaml_file in [
            *data.glob("projects/*/*.yaml"),
            *data.glob("tasks/*.yaml"),
            *data.glob("events/*.yaml"),
            *data.glob("problems/*.yaml"),
        ]:
            _rewrite_yaml(yaml_file, lambda d: _shuffle_lists(d, rnd))
        assert _results(data, "2026-10") == baseline("2026-10")


@settings(max_examples=6, deadline=None)
@given(st.sampled_from([f"2026-{m:02d}" for m in range(2, 10)]))
def test_a_months_result_does_not_depend_on_later_months(
    baseline: Callable[[str], str], month: str
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = copy_sample(Path(tmp))  # a fresh copy for each example
        for later in [*data.glob("towns/progress/*.csv"), *data.glob("events/*.yaml")]:
            if later.stem > month:
                later.unlink()

        def cut(project: dict[str, Any]) -> dict[str, Any]:
            entries: list[dict[str, object]] = project.get("progress") or []
            project["progress"] = [e for e in entries if str(e["month"]) <= month]
            return project

        for project_file in data.glob("projects/*/*.yaml"):
            _rewrite_yaml(project_file, cut)
        end = month_end(month)

        def known(ledger: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
            kept = [dict(p) for p in ledger or [] if p["raised"] <= end]
            for p in kept:
                if p.get("resolved") is not None and p["resolved"] > end:
                    p["resolved"] = None
            return kept

        for ledger_file in data.glob("problems/*.yaml"):
            _rewrite_yaml(ledger_file, known)
        assert _results(data, month) == baseline(month)
