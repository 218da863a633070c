"""Issue 22, finding 6: a named pipe, a socket or a device where a data file is expected is
named for what it is at its file — validate never waits on it, with or without the cache."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from xjj_cli.regular import NotRegularError, TooLargeError, read_regular


def validate(data: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """``xjj validate`` in a child process: a command that waits on a pipe fails the test by
    its time-out instead of hanging the run."""
    return subprocess.run(
        [sys.executable, "-m", "xjj_cli", "--data", str(data), "validate", *extra],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("cache", [(), ("--no-cache",)])
@pytest.mark.parametrize(
    "rel", ["events/2026-11.yaml", "towns/progress/2026-11.csv", "map/towns.svg"]
)
def test_a_named_pipe_among_the_data_is_an_error_at_its_file(
    sample_copy: Path, rel: str, cache: tuple[str, ...]
) -> None:
    validate(sample_copy)  # a warm cache first, as after an earlier run
    (sample_copy / rel).unlink(missing_ok=True)
    os.mkfifo(sample_copy / rel)
    ran = validate(sample_copy, *cache)
    assert ran.returncode == 1, ran.stdout + ran.stderr
    assert f"data/{rel}" in ran.stdout
    assert "命名管道（FIFO），不是普通文件" in ran.stdout
    assert "Traceback" not in ran.stderr


def test_a_socket_among_the_data_is_an_error_at_its_file(sample_copy: Path) -> None:
    path = sample_copy / "events" / "2026-11.yaml"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        ran = validate(sample_copy, "--no-cache")
    assert ran.returncode == 1, ran.stdout + ran.stderr
    assert "data/events/2026-11.yaml" in ran.stdout
    assert "套接字（socket），不是普通文件" in ran.stdout


def test_read_regular_names_what_it_refuses(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    with pytest.raises(NotRegularError) as refused:
        read_regular(pipe)
    assert refused.value.kind == "fifo"
    with pytest.raises(NotRegularError) as refused:
        read_regular(tmp_path)
    assert refused.value.kind == "folder"
    with pytest.raises(NotRegularError) as refused:
        read_regular("/dev/zero")  # a device that never ends
    assert refused.value.kind == "device"
    big = tmp_path / "big"
    big.write_bytes(b"x" * 11)
    with pytest.raises(TooLargeError):
        read_regular(big, 10)
    assert read_regular(big, 11)[0] == b"x" * 11
    link = tmp_path / "link"
    link.symlink_to(big)
    assert read_regular(link)[0] == b"x" * 11
    with pytest.raises(OSError):
        read_regular(link, follow=False)
