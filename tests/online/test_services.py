"""online/services against a local server answering as each robot does: the request bodies,
DingTalk's signature, retries with backoff on network errors, timeouts and rate limits, a
non-zero errcode as a failure — and never a webhook key or secret in any text or log."""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import urllib.parse

import pytest

from online.robots import Answer, Robot, closed_port
from xjj_cli.errors import PushError
from xjj_cli.online.services import Poster, mask, signature, signed_url
from xjj_cli.online.services import Robot as Target

KEY = "wecom-key-7f3a9c21"
TOKEN = "ding-token-51be0d77"
SECRET = "SECdeadbeef0123456789"
BODY = {"msgtype": "markdown", "markdown": {"content": "**催报**\n- 安居街道"}}


@pytest.fixture
def waits() -> list[float]:
    return []


def poster(waits: list[float], said: list[str] | None = None, **kw: object) -> Poster:
    out = said if said is not None else []
    return Poster(sleep=waits.append, say=out.append, **kw)  # type: ignore[arg-type]


def wecom(robot: Robot) -> Target:
    return Target("wecom", robot.url(f"/cgi-bin/webhook/send?key={KEY}"))


def dingtalk(robot: Robot) -> Target:
    return Target("dingtalk", robot.url(f"/robot/send?access_token={TOKEN}"), SECRET)


def assert_no_secret(*texts: str) -> None:
    for text in texts:
        for secret in (KEY, TOKEN, SECRET):
            assert secret not in text


def test_wecom_success_posts_the_body_as_is(waits: list[float]) -> None:
    with Robot([Answer()]) as robot:
        post = poster(waits)
        post.post(wecom(robot), BODY)
    (got,) = robot.received
    assert got.path == "/cgi-bin/webhook/send"
    assert got.query == {"key": KEY}
    assert got.body == BODY
    assert post.attempts == ["wecom"] and waits == []


def test_dingtalk_is_signed_with_the_timestamp_and_the_secret(waits: list[float]) -> None:
    with Robot([Answer()]) as robot:
        post = poster(waits, clock=lambda: 1_767_225_600.123)
        post.post(dingtalk(robot), BODY)
    (got,) = robot.received
    assert got.query["access_token"] == TOKEN
    timestamp = got.query["timestamp"]
    assert timestamp == "1767225600123"
    expected = base64.b64encode(
        hmac.new(SECRET.encode(), f"{timestamp}\n{SECRET}".encode(), hashlib.sha256).digest()
    ).decode()
    assert got.query["sign"] == expected  # parse_qsl undid the URL encoding
    assert signature(int(timestamp), SECRET) == urllib.parse.quote_plus(expected)


def test_a_non_zero_errcode_fails_at_once_with_the_service_s_errmsg(waits: list[float]) -> None:
    answer = Answer({"errcode": 93000, "errmsg": f"invalid webhook url, key={KEY}"})
    with Robot([answer]) as robot:
        post = poster(waits)
        with pytest.raises(PushError) as raised:
            post.post(wecom(robot), BODY)
    text = str(raised.value)
    assert "企业微信推送失败：errcode 93000" in text and "invalid webhook url" in text
    assert_no_secret(text)
    assert post.attempts == ["wecom"] and waits == []


@pytest.mark.parametrize(("service", "errcode"), [("wecom", 45009), ("dingtalk", 130101)])
def test_the_rate_limit_is_retried_then_succeeds(
    waits: list[float], service: str, errcode: int
) -> None:
    limited = Answer({"errcode": errcode, "errmsg": "too many"})
    said: list[str] = []
    with Robot([limited, limited, Answer()]) as robot:
        post = poster(waits, said)
        post.post(wecom(robot) if service == "wecom" else dingtalk(robot), BODY)
    assert len(robot.received) == 3
    assert waits == [1.0, 2.0]  # exponential backoff
    assert all(f"errcode {errcode}" in line for line in said)
    if service == "dingtalk":  # each try signed anew
        assert all("sign" in r.query for r in robot.received)


def test_http_5xx_and_429_are_retried(waits: list[float]) -> None:
    with Robot([Answer(b"busy", 503), Answer(b"slow down", 429), Answer()]) as robot:
        post = poster(waits)
        post.post(wecom(robot), BODY)
    assert len(robot.received) == 3 and waits == [1.0, 2.0]


def test_http_4xx_fails_at_once(waits: list[float]) -> None:
    with Robot([Answer(b"nope", 404)]) as robot:
        post = poster(waits)
        with pytest.raises(PushError, match="HTTP 404"):
            post.post(wecom(robot), BODY)
    assert len(robot.received) == 1 and waits == []


def test_an_answer_that_is_not_json_fails(waits: list[float]) -> None:
    with Robot([Answer(b"<html>", 200)]) as robot, pytest.raises(PushError, match="不是 JSON"):
        poster(waits).post(wecom(robot), BODY)


def test_a_slow_answer_times_out_four_times_then_fails(waits: list[float]) -> None:
    said: list[str] = []
    with Robot([Answer(delay=2.0)]) as robot:
        post = poster(waits, said, timeout=0.2)
        with pytest.raises(PushError) as raised:
            post.post(dingtalk(robot), BODY)
    text = str(raised.value)
    assert text == "钉钉推送失败：已尝试4次仍未成功（0.2秒内无响应），请稍后再试。"
    assert post.attempts == ["dingtalk"] * 4 and waits == [1.0, 2.0, 4.0]
    assert len(said) == 3
    assert_no_secret(text, *said)


def test_a_closed_port_is_a_network_error_retried_then_failed(
    waits: list[float], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    url = f"http://127.0.0.1:{closed_port()}/cgi-bin/webhook/send?key={KEY}"
    said: list[str] = []
    post = poster(waits, said)
    with pytest.raises(PushError) as raised:
        post.post(Target("wecom", url), BODY)
    text = str(raised.value)
    assert text.startswith("企业微信推送失败：已尝试4次仍未成功（网络错误：")
    assert post.attempts == ["wecom"] * 4 and waits == [1.0, 2.0, 4.0]
    assert_no_secret(text, *said, caplog.text)


def test_no_log_record_carries_the_webhook(
    waits: list[float], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with Robot([Answer()]) as robot:
        poster(waits).post(dingtalk(robot), BODY)
        poster(waits).post(wecom(robot), BODY)
    assert_no_secret(caplog.text)


def test_mask_hides_keys_tokens_signs_and_given_secrets() -> None:
    url = signed_url(f"https://oapi.dingtalk.com/robot/send?access_token={TOKEN}", SECRET, 1)
    shown = mask(f"POST {url} failed; secret {SECRET}", [SECRET])
    assert shown == (
        "POST https://oapi.dingtalk.com/robot/send?access_token=***&timestamp=1&sign=*** "
        "failed; secret ***"
    )
    assert Target("wecom", f"https://x/send?key={KEY}").shown_url == "https://x/send?key=***"
