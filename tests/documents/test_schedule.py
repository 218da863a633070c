"""notices.schedule: which time and place each 约谈 has (SPEC §6)."""

from __future__ import annotations

import datetime as dt

import pytest

from xjj_cli.errors import UsageError
from xjj_cli.model import Interviews
from xjj_cli.notices.schedule import Meeting, given_meeting, meeting_for

FILE = Interviews.model_validate(
    {
        "at": "2026-11-12 15:00",
        "place": "区政府3号楼302会议室",
        "units": {"cg": {"at": "2026-11-12 09:00", "place": "长沟镇政府会议室"}},
    }
)
ALL = Meeting(dt.datetime(2026, 11, 12, 15, 0), "区政府3号楼302会议室")
OWN = Meeting(dt.datetime(2026, 11, 12, 9, 0), "长沟镇政府会议室")
GIVEN = Meeting(dt.datetime(2026, 11, 20, 10, 30), "区政府1号会议室")


def test_the_command_line_wins_over_the_file_for_every_unit() -> None:
    assert meeting_for("cg", FILE, GIVEN) == GIVEN
    assert meeting_for("ly", FILE, GIVEN) == GIVEN
    assert meeting_for("ly", None, GIVEN) == GIVEN


def test_a_unit_s_own_entry_wins_over_the_file_s_time_for_all() -> None:
    assert meeting_for("cg", FILE, None) == OWN
    assert meeting_for("ly", FILE, None) == ALL


def test_without_a_time_for_all_only_units_with_an_entry_have_one() -> None:
    units_only = FILE.model_copy(update={"at": None, "place": None})
    assert meeting_for("cg", units_only, None) == OWN
    assert meeting_for("ly", units_only, None) is None
    assert meeting_for("ly", None, None) is None


def test_given_meeting_parses_at_and_place_together() -> None:
    assert given_meeting(None, None) is None
    assert given_meeting(" 2026-11-20 10:30 ", "区政府1号会议室") == GIVEN
    with pytest.raises(UsageError, match="--place"):
        given_meeting("2026-11-20 10:30", None)
    with pytest.raises(UsageError, match="--at"):
        given_meeting(None, "区政府1号会议室")
    with pytest.raises(UsageError, match="YYYY-MM-DD HH:MM"):
        given_meeting("2026-11-20", "区政府1号会议室")
