"""The work chats' group robots (SPEC §9): each service's request bodies, DingTalk's
signature, posting with retries, and the masking that keeps webhook keys and secrets out of
every text xjj shows.

- WeCom (企业微信) group robot: ``{"msgtype": "markdown", "markdown": {"content": …}}``, the
  content at most 4096 bytes of UTF-8. Its Markdown cannot @mention by mobile number, so a
  message that mentions units is followed by a short ``text`` message carrying
  ``mentioned_mobile_list``.
- DingTalk (钉钉) custom robot: ``{"msgtype": "markdown", "markdown": {"title", "text"},
  "at": {"atMobiles": […], "isAtAll": false}}``, each mentioned number also written
  ``@138…`` in the text (DingTalk shows the mention there); the webhook signed with
  ``&timestamp=<ms>&sign=<url-encoded Base64 of HMAC-SHA256("timestamp\\nsecret", secret)>``.
  Its text is kept within 20000 bytes (the robot's documented message size).

Both answer ``{"errcode": 0, "errmsg": "ok"}``; another errcode is a failure, except their
rate limits (WeCom 45009, DingTalk 130101), which are retried like network errors,
timeouts, HTTP 429 and 5xx: at most ``TRIES`` tries, waiting 1, 2, 4 s between them.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import re
import time
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import httpx

from xjj_cli.errors import PushError
from xjj_cli.messages.online import push_word, service_name
from xjj_cli.online.compose import Line, Message
from xjj_cli.online.split import split_message

SERVICES = ("wecom", "dingtalk")
WEBHOOK_VARIABLES = {"wecom": "XJJ_WECOM_WEBHOOK", "dingtalk": "XJJ_DINGTALK_WEBHOOK"}
SECRET_VARIABLE = "XJJ_DINGTALK_SECRET"
LIMITS = {"wecom": 4096, "dingtalk": 20000}
"""Each service's largest message text, in bytes of UTF-8."""
RATE_LIMITED = {"wecom": {45009}, "dingtalk": {130101}}
"""The errcodes by which a service says "too many messages": retried."""
TIMEOUT = 10.0
"""Seconds to wait for a service's answer (read when a post is made: tests shorten it)."""
TRIES = 4
BACKOFF = 1.0
"""The first wait between tries in seconds; each next one doubles."""
SLEEP: Callable[[float], None] = time.sleep
"""How a retry waits (read when it waits: tests record the waits instead)."""

# httpx logs every request's URL (with the webhook's key) at INFO: never let it through.
for _name in ("httpx", "httpcore"):
    logging.getLogger(_name).setLevel(logging.WARNING)

_SECRET_PARAMETER = re.compile(r"(?i)\b(key|access_token|sign|secret)=[^&\s\"'<>]+")


def mask(text: str, secrets: Iterable[str] = ()) -> str:
    """``text`` with every secret replaced by ``***`` and the values of ``key=``,
    ``access_token=``, ``sign=`` and ``secret=`` masked, whatever wrote them (an address, an
    exception's message)."""
    for secret in sorted((s for s in secrets if s), key=len, reverse=True):
        text = text.replace(secret, "***")
    return _SECRET_PARAMETER.sub(r"\1=***", text)


def secrets_of(url: str, secret: str | None = None) -> tuple[str, ...]:
    """What must never be shown of a webhook: its query's values and the signing secret."""
    found = [v for _, v in urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query) if v]
    found.extend(urllib.parse.quote(v, safe="") for v in list(found))
    if secret:
        found.extend((secret, urllib.parse.quote(secret, safe="")))
    return tuple(s for s in found if len(s) >= 4)


def dump(body: dict[str, Any]) -> str:
    """A request body as posted (and as a dry run prints it): compact JSON, UTF-8 text."""
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


BREAK = {"wecom": "", "dingtalk": "  "}
"""What ends each line before its newline: DingTalk's Markdown joins lines not ended by two
spaces (a hard line break); WeCom's keeps every newline."""


def _text(lines: Iterable[Line], service: str) -> str:
    end = BREAK[service]
    if service == "dingtalk":  # @mentions written where DingTalk shows them
        return "\n".join(
            " ".join([line.text, *(push_word("mention", mobile=m) for m in line.mobiles)]) + end
            for line in lines
        )
    return "\n".join(line.text + end for line in lines)


def _parts(message: Message, service: str) -> list[str]:
    end = BREAK[service]
    return split_message(
        push_word("heading", title=message.title) + end,
        _text(message.lines, service),
        LIMITS[service],
        lambda index, total: push_word("part", title=message.title, index=index, total=total) + end,
    )


def wecom_bodies(message: Message) -> list[dict[str, Any]]:
    """The WeCom robot's requests for ``message``: its Markdown parts, then (when it names
    units with a mobile number) a text message that @mentions them."""
    bodies: list[dict[str, Any]] = [
        {"msgtype": "markdown", "markdown": {"content": part}} for part in _parts(message, "wecom")
    ]
    if message.mobiles:
        bodies.append(
            {
                "msgtype": "text",
                "text": {
                    "content": push_word("wecom_mentions"),
                    "mentioned_mobile_list": list(message.mobiles),
                },
            }
        )
    return bodies


def dingtalk_bodies(message: Message) -> list[dict[str, Any]]:
    """The DingTalk robot's requests for ``message``: its Markdown parts, each @mentioning
    the mobile numbers written in it."""
    parts = _parts(message, "dingtalk")
    bodies = []
    for index, text in enumerate(parts, start=1):
        title = message.title
        if len(parts) > 1:
            title = push_word("part_plain", title=title, index=index, total=len(parts))
        mentioned = [m for m in message.mobiles if push_word("mention", mobile=m) in text]
        bodies.append(
            {
                "msgtype": "markdown",
                "markdown": {"title": title, "text": text},
                "at": {"atMobiles": mentioned, "isAtAll": False},
            }
        )
    return bodies


BODIES: dict[str, Callable[[Message], list[dict[str, Any]]]] = {
    "wecom": wecom_bodies,
    "dingtalk": dingtalk_bodies,
}


def signature(timestamp: int, secret: str) -> str:
    """DingTalk's ``sign``: Base64 of HMAC-SHA256 of "timestamp\\nsecret" keyed by the
    secret, URL-encoded."""
    digest = hmac.new(
        secret.encode("utf-8"), f"{timestamp}\n{secret}".encode(), hashlib.sha256
    ).digest()
    return urllib.parse.quote_plus(base64.b64encode(digest).decode("ascii"))


def signed_url(url: str, secret: str, timestamp: int) -> str:
    """The DingTalk webhook with ``timestamp`` (ms) and its ``sign`` appended."""
    joiner = "&" if urllib.parse.urlsplit(url).query else "?"
    return f"{url}{joiner}timestamp={timestamp}&sign={signature(timestamp, secret)}"


@dataclass(frozen=True)
class Robot:
    """A group robot to post to: its service, webhook and (DingTalk) signing secret."""

    service: str
    url: str
    secret: str | None = None

    @property
    def secrets(self) -> tuple[str, ...]:
        return (self.url, *secrets_of(self.url, self.secret))

    @property
    def shown_url(self) -> str:
        """The webhook as xjj may show it: its key masked."""
        return mask(self.url, secrets_of(self.url, self.secret))


class _Retry(Exception):
    """A try that failed in a way worth trying again; its reason for people."""


@dataclass
class Poster:
    """Posts request bodies to robots, retrying what may pass on a later try. ``timeout``,
    ``sleep`` and ``clock`` (seconds since the epoch) are injectable for tests (None: the
    module's ``TIMEOUT`` and ``SLEEP``, read at the time); ``say`` tells of retries."""

    timeout: float | None = None
    tries: int = TRIES
    backoff: float = BACKOFF
    sleep: Callable[[float], None] | None = None
    clock: Callable[[], float] = time.time
    say: Callable[[str], None] = lambda _: None
    attempts: list[str] = field(default_factory=list)
    """The service of every try made (for tests: the retries' count)."""

    def post(self, robot: Robot, body: dict[str, Any]) -> None:
        """Post ``body``; raise ``PushError`` (masked text) when the service refuses it or
        never answers within the tries."""
        name = service_name(robot.service)
        reason = ""
        for attempt in range(1, self.tries + 1):
            self.attempts.append(robot.service)
            try:
                self._once(robot, body)
                return
            except _Retry as retry:
                reason = mask(str(retry), robot.secrets)
            if attempt < self.tries:
                delay = self.backoff * 2 ** (attempt - 1)
                self.say(
                    push_word(
                        "retry", service=name, attempt=attempt, reason=reason, delay=f"{delay:g}"
                    )
                )
                (self.sleep or SLEEP)(delay)
        raise PushError(push_word("failed_tries", service=name, tries=self.tries, reason=reason))

    def _once(self, robot: Robot, body: dict[str, Any]) -> None:
        name = service_name(robot.service)
        url = robot.url
        if robot.service == "dingtalk" and robot.secret:
            url = signed_url(url, robot.secret, int(self.clock() * 1000))
        timeout = self.timeout or TIMEOUT
        try:
            with httpx.Client(timeout=timeout, follow_redirects=False) as client:
                response = client.post(
                    url,
                    content=dump(body).encode("utf-8"),
                    headers={"Content-Type": "application/json; charset=utf-8"},
                )
        except httpx.TimeoutException as exc:
            raise _Retry(push_word("reason_timeout", seconds=f"{timeout:g}")) from exc
        except (httpx.TransportError, httpx.InvalidURL) as exc:
            detail = mask(str(exc) or type(exc).__name__, robot.secrets)
            raise _Retry(push_word("reason_network", detail=detail)) from exc
        status = response.status_code
        if status == 429 or status >= 500:
            raise _Retry(push_word("reason_http", status=status))
        if status >= 400:
            raise PushError(push_word("failed_http", service=name, status=status))
        try:
            answer = response.json()
        except ValueError:
            answer = None
        if not isinstance(answer, dict):
            raise PushError(push_word("failed_answer", service=name, status=status))
        errcode = answer.get("errcode", 0)
        if errcode in RATE_LIMITED[robot.service]:
            raise _Retry(push_word("reason_limited", errcode=errcode))
        if errcode != 0:
            errmsg = mask(str(answer.get("errmsg", "")), robot.secrets)
            raise PushError(
                push_word("failed_errcode", service=name, errcode=errcode, errmsg=errmsg)
            )
