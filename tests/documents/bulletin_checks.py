"""What a director checks on every page of the 通报 (SPEC §5), as functions over its text —
the Markdown's or the text of the PDF LibreOffice prints — so that the Markdown tests and the
rendered-PDF tests check the same rules: figures agree, no request to a past date, no internal
code, the office named once."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from decimal import Decimal

from xjj_cli.engine.results import Action, UnitFinding

PERCENT = re.compile(r"(\d+(?:\.\d+)?)%")
POINTS = re.compile(r"(\d+(?:\.\d+)?)个百分点")
DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
VERDICT = re.compile(r"本月((?:通报|约谈|提请问责)\d+个(?:、(?:通报|约谈|提请问责)\d+个)*)单位。")


def plain(text: str) -> str:
    """Text as a reader reads it: Markdown escapes, tags and the PDF's layout spaces and line
    breaks gone (LibreOffice's lines break inside sentences)."""
    text = re.sub(r"<[^>]+>|\\", "", text)
    return re.sub(r"[ \t\u3000\n]+", "", text)


def sentences(text: str) -> list[str]:
    """The sentences and clauses between 。 and ；."""
    return [s for s in re.split(r"[。；]", plain(text)) if s]


def disagreeing_points(text: str) -> list[str]:
    """Each sentence with an "N个百分点" whose N is not the difference of the two
    percentages printed right before it in the sentence (86.6% and 83.3% → 3.3)."""
    bad = []
    for sentence in sentences(text):
        for found in POINTS.finditer(sentence):
            before = PERCENT.findall(sentence[: found.start()])
            if len(before) < 2 or abs(Decimal(before[-2]) - Decimal(before[-1])) != Decimal(
                found.group(1)
            ):
                bad.append(sentence)
    return bad


def past_requests(text: str, issued: dt.date) -> list[str]:
    """Each sentence asking for something by a date before ``issued``: "限期<date>" or
    "<date>前", and every "请抓紧" (a warning's words, which have no place in the 通报)."""
    bad = []
    for sentence in sentences(text):
        if "请抓紧" in sentence:
            bad.append(sentence)
        for found in DATE.finditer(sentence):
            asked = sentence[found.end() : found.end() + 1] == "前" or sentence[
                : found.start()
            ].endswith("限期")
            day = dt.date(*(int(part) for part in found.groups()))
            if asked and day < issued:
                bad.append(sentence)
    return bad


def roster_counts(findings: Iterable[UnitFinding]) -> dict[str, int]:
    """How many units the roster (``xjj accountability``) names for each action of the
    verdict."""
    actions = {"通报": Action.notify, "约谈": Action.interview, "提请问责": Action.accountability}
    listed = [f.action for f in findings]
    return {word: listed.count(action) for word, action in actions.items()}


def verdict_counts(text: str) -> dict[str, int]:
    """The verdict sentence's counts: {"通报": 5, "约谈": 7, "提请问责": 6}; empty without one."""
    found = VERDICT.search(plain(text))
    if found is None:
        return {}
    return {
        part.group(1): int(part.group(2))
        for part in re.finditer(r"(通报|约谈|提请问责)(\d+)个", found.group(1))
    }
