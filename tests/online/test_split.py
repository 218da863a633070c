"""online/split: messages cut to a service's byte limit between lines, never inside one
(a single line longer than the limit, cut at characters, is the last resort)."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xjj_cli.online.compose import Line, Message
from xjj_cli.online.services import LIMITS, dingtalk_bodies, wecom_bodies
from xjj_cli.online.split import size, split_message, split_text


def test_whole_lines_fill_each_part_up_to_the_limit() -> None:
    text = "一二三\n四五六\n七八九\n"  # 10 bytes a line
    parts = split_text(text, 20)
    assert parts == ["一二三\n四五六\n", "七八九\n"]
    assert split_text(text, 30) == [text]
    assert split_text(text, 19) == ["一二三\n", "四五六\n", "七八九\n"]


def test_a_line_longer_than_the_limit_is_cut_at_characters_only() -> None:
    text = "短\n" + "长" * 10 + "\n尾"
    parts = split_text(text, 8)
    assert "".join(parts) == text
    assert all(size(p) <= 8 for p in parts)
    assert parts[0] == "短\n"  # the whole line before it stays whole
    assert parts[1] == "长长"  # 6 bytes: a third character would make 9
    for p in parts:  # never half a character
        p.encode("utf-8").decode("utf-8")


@given(
    st.lists(st.text(alphabet="ab中文，@ 1", min_size=0, max_size=30), max_size=40),
    st.integers(min_value=4, max_value=120),
)
def test_parts_are_within_the_limit_and_put_back_are_the_text(lines: list[str], limit: int) -> None:
    text = "\n".join(lines)
    parts = split_text(text, limit)
    assert "".join(parts) == text
    assert all(size(p) <= limit for p in parts)
    # a line that fits is never cut: it is found whole in one part
    for line in text.splitlines(keepends=True):
        if size(line) <= limit:
            assert any(line in p for p in parts)


def _message(count: int) -> Message:
    return Message(
        "2026年11月数据报送催办",
        tuple(
            Line(
                f"- **第{i}个单位**：镇街月度数据、项目进度（XM-{i:04d} 某某工程）",
                ("13800138000",),
            )
            for i in range(count)
        ),
    )


@pytest.mark.parametrize("service", ["wecom", "dingtalk"])
def test_a_long_message_is_split_at_the_service_s_limit_each_part_titled(service: str) -> None:
    message = _message(600 if service == "dingtalk" else 120)
    bodies = (wecom_bodies if service == "wecom" else dingtalk_bodies)(message)
    markdown = [b for b in bodies if b["msgtype"] == "markdown"]
    texts = [b["markdown"]["content" if service == "wecom" else "text"] for b in markdown]
    total = len(texts)
    assert total > 1
    limit = LIMITS[service]
    assert all(size(t) <= limit for t in texts)
    end = "  " if service == "dingtalk" else ""  # DingTalk's hard line break
    heads = [t.split("\n", 1)[0] for t in texts]
    assert heads == [f"**2026年11月数据报送催办（{i}/{total}）**{end}" for i in range(1, total + 1)]
    body = "".join(t.split("\n", 1)[1] for t in texts)
    lines = body.split("\n")
    assert len(lines) == (120 if service == "wecom" else 600)
    for i, line in enumerate(lines):  # every line whole, in order
        assert line.startswith(f"- **第{i}个单位**") and line.endswith(
            f"）{end}" if service == "wecom" else f"@13800138000{end}"
        )
    # the parts are as full as whole lines allow: the next line would not have fitted
    for text, following in itertools.pairwise(texts):
        assert size(text) + size(following.split("\n", 2)[1]) + 1 > limit
    if service == "dingtalk":
        assert [b["markdown"]["title"] for b in markdown] == [
            f"2026年11月数据报送催办（{i}/{total}）" for i in range(1, total + 1)
        ]
        assert all(b["at"] == {"atMobiles": ["13800138000"], "isAtAll": False} for b in markdown)


def test_a_message_that_fits_is_one_part_under_its_own_heading() -> None:
    bodies = wecom_bodies(_message(3))
    assert [b["msgtype"] for b in bodies] == ["markdown", "text"]
    content = bodies[0]["markdown"]["content"]
    assert content.startswith("**2026年11月数据报送催办**\n- **第0个单位**")
    assert "@" not in content  # WeCom's Markdown cannot mention: the text message does
    assert bodies[1]["text"]["mentioned_mobile_list"] == ["13800138000"]


def test_split_message_rounds_the_parts_count_when_it_gains_a_digit() -> None:
    body = "\n".join("x" * 9 for _ in range(200))
    parts = split_message("H", body, 40, lambda i, n: f"H({i}/{n})")
    assert len(parts) >= 10
    assert all(size(p) <= 40 for p in parts)
    assert parts[-1].startswith(f"H({len(parts)}/{len(parts)})\n")
    assert "".join(p.split("\n", 1)[1] for p in parts) == body
