"""A local HTTP server that answers as the WeCom and DingTalk group robots do (SPEC §9), on
127.0.0.1 at a port of the system's choosing, in a thread: each request is recorded (its path,
its query and its JSON body) and answered with the next scripted answer (the last one repeats)."""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

OK = {"errcode": 0, "errmsg": "ok"}


@dataclass(frozen=True)
class Answer:
    """What the robot answers: an HTTP status and a body (JSON unless bytes), after ``delay``
    seconds (a slow answer: longer than the client's timeout)."""

    body: dict[str, Any] | bytes = field(default_factory=lambda: dict(OK))
    status: int = 200
    delay: float = 0.0


@dataclass(frozen=True)
class Received:
    """A request the robot received."""

    path: str
    query: dict[str, str]
    body: dict[str, Any]
    raw: bytes


class Robot:
    """The fake robot: ``url(path)`` to post to, ``received`` what came."""

    def __init__(self, answers: list[Answer]) -> None:
        self.answers = list(answers) or [Answer()]
        self.received: list[Received] = []
        self.lock = threading.Lock()
        robot = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                split = urllib.parse.urlsplit(self.path)
                with robot.lock:
                    robot.received.append(
                        Received(
                            split.path,
                            dict(urllib.parse.parse_qsl(split.query)),
                            json.loads(raw.decode("utf-8")),
                            raw,
                        )
                    )
                    index = len(robot.received) - 1
                    answer = robot.answers[min(index, len(robot.answers) - 1)]
                if answer.delay:
                    time.sleep(answer.delay)
                body = (
                    answer.body
                    if isinstance(answer.body, bytes)
                    else json.dumps(answer.body).encode()
                )
                try:
                    self.send_response(answer.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:  # the client gave up waiting (a timeout)
                    pass

            def log_message(self, format: str, *args: Any) -> None:
                pass  # no access log on the test's stderr

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return int(self.server.server_address[1])

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __enter__(self) -> Robot:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def closed_port() -> int:
    """A port on 127.0.0.1 nobody listens on: bound by the system, then released."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


def serving(answers: list[Answer]) -> Iterator[Robot]:
    """A fixture's body: the robot running for one test."""
    with Robot(answers) as robot:
        yield robot
