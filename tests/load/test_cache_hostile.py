"""The cache is not trusted (issue 22, findings 6 and 7): a cache file changed by a faulty disk
or put there by someone else — a flipped bit, a huge pickle frame, a pickle that runs code, a
FIFO, a folder or a symbolic link where a file should be, a read-only folder — is ignored and
its content made again: the run says what ``--no-cache`` says, with its exit code, never
crashes, never waits and never runs what the file holds."""

from __future__ import annotations

import os
import pickle
import shutil
import struct
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from xjj_cli.cli import app
from xjj_cli.load import cache as cache_module

XJJ = Path(sys.executable).with_name("xjj")
ACCOUNTABILITY = ("accountability", "--format", "json")
VALIDATE = ("validate",)
MAGIC = b"xjj-cache-1\n"
"""How a cache file starts (``cache.MAGIC``)."""


@pytest.fixture
def data(sample_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the sample, with a cache key of its own (in the test's folder)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    monkeypatch.setattr(cache_module, "_keys", [], raising=False)
    return sample_copy


Outcome = tuple[int, str, str]


def xjj(data: Path, *args: str) -> Outcome:
    """Exit code, stdout and stderr of an in-process run; never a traceback."""
    result = CliRunner().invoke(app, ["--data", str(data), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


def run_xjj(data: Path, *args: str, timeout: float = 60) -> Outcome:
    """The same in a process of its own (a run that waits forever fails at ``timeout``)."""
    done = subprocess.run(
        [str(XJJ), "--data", str(data), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "COLUMNS": "200"},
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, done.stdout, done.stderr


def cache_folder(data: Path) -> Path:
    """The one folder of this xjj build under the repository's ``.xjj-cache``."""
    folders = [p for p in (data.parent / ".xjj-cache").iterdir() if p.is_dir()]
    assert len(folders) == 1, folders
    return folders[0]


def warm(data: Path) -> None:
    """Runs that fill the cache: every file's shard, the manifest and its listing, the kept
    checks, and the remembered report (kept by the second run on a filled cache)."""
    for args in (ACCOUNTABILITY, ACCOUNTABILITY, VALIDATE, VALIDATE):
        xjj(data, *args)


KINDS = {
    # kind: (the file, where in it a bit is flipped (fractions of its length), the command)
    "shard": ("shard-*.pickle", (0.0, "date", 0.3, 0.5, 0.7, 0.9, 0.999), ACCOUNTABILITY),
    "manifest": ("manifest.pickle", (0.0, 0.01, 0.1, 0.25, 0.4), VALIDATE),
    "listing": ("manifest.pickle", (0.55, 0.7, 0.85, 0.95, 0.999), VALIDATE),  # its second half
    "remembered report": (
        "report-accountability.pickle",
        (0.0, 0.2, 0.5, 0.8, 0.999),
        ACCOUNTABILITY,
    ),
    "kept checks": ("checks.pickle", (0.0, 0.3, 0.6, 0.9, 0.999), VALIDATE),
}


def the_file(folder: Path, pattern: str) -> Path:
    """The largest file of ``pattern`` (a shard holding many files' records)."""
    found = sorted(folder.glob(pattern), key=lambda p: (-p.stat().st_size, p.name))
    assert found, pattern
    return found[0]


DUE = b"C\x04\x07\xea\x08\x1f"
"""How the date 2026-08-31 is pickled (year, month, day), the deadline of the sample's city task
SJ-2026-03, overdue 61 days in 2026-10: a flipped bit in its day makes it another valid date."""


def flip(path: Path, at: float | str) -> bytes:
    """Flip one bit of ``path`` at ``at`` of its length (or in the day of its first date);
    the new bytes."""
    data = bytearray(path.read_bytes())
    if at == "date":
        index = data.index(DUE, data.index(b"SJ-2026-03")) + len(DUE) - 1
        data[index] ^= 0b10  # 2026-08-29
    else:
        assert isinstance(at, float)
        index = min(int(len(data) * at), len(data) - 1)
        data[index] ^= 1 << (index % 8)
    path.write_bytes(bytes(data))
    return bytes(data)


def restore(saved: Path, folder: Path) -> None:
    """Put the cache back as it was saved (time stamps too: nothing looks racily clean)."""
    shutil.rmtree(folder)
    shutil.copytree(saved, folder)


@pytest.mark.parametrize("kind", KINDS)
def test_a_flipped_bit_in_any_cache_file_changes_no_result(
    kind: str, data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pattern, places, command = KINDS[kind]
    if kind == "shard":
        monkeypatch.setenv("XJJ_MEMO", "0")  # the report from the records, not remembered
    expected = xjj(data, *command, "--no-cache")
    warm(data)
    folder = cache_folder(data)
    saved = tmp_path / "saved"
    shutil.copytree(folder, saved)
    assert xjj(data, *command) == expected
    for at in places:
        restore(saved, folder)
        path = the_file(folder, pattern)
        flipped = flip(path, at)
        assert xjj(data, *command) == expected, f"{kind}: bit flipped at {at}"
        # ignored, and made again: the file is gone (a shard) or holds the good content again
        assert not path.exists() or path.read_bytes() != flipped, f"{kind} kept at {at}"
        assert xjj(data, *command) == expected, f"{kind}: the run after, at {at}"


HUGE_FRAME = b"\x80\x05\x95" + struct.pack("<Q", 1 << 62) + b"\x8c\x01a\x94."
"""A pickle whose first frame says it holds 4 EiB."""


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(HUGE_FRAME, id="huge frame"),
        pytest.param(MAGIC + bytes(32) + HUGE_FRAME, id="huge frame, our header"),
        pytest.param(b"\x80\x05\x8e" + struct.pack("<Q", 1 << 62), id="huge bytes"),
    ],
)
def test_a_huge_declared_length_is_ignored_without_memory_error(
    content: bytes, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XJJ_MEMO", "0")
    expected = {args: xjj(data, *args, "--no-cache") for args in (VALIDATE, ACCOUNTABILITY)}
    warm(data)
    folder = cache_folder(data)
    for path in [*folder.glob("*.pickle")]:
        path.write_bytes(content)
    for args, outcome in expected.items():
        assert xjj(data, *args) == outcome


def test_a_cache_file_larger_than_any_the_cache_writes_is_not_read(data: Path) -> None:
    expected = xjj(data, *VALIDATE, "--no-cache")
    warm(data)
    manifest = cache_folder(data) / "manifest.pickle"
    with manifest.open("r+b") as stream:  # sparse: 2 GiB that take no room
        stream.truncate((1 << 30) + 1)  # cache.MAX_BYTES + 1
    assert xjj(data, *VALIDATE) == expected
    assert cache_module.MAX_BYTES == 1 << 30


class _Planted:
    """A pickle that runs a shell command when it is loaded."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.system, (f"touch {self.marker}",)


def plant(folder: Path, payload: bytes) -> None:
    """``payload`` in place of every file of the cache."""
    for path in folder.glob("*.pickle"):
        path.write_bytes(payload)


def tagged(path: Path, payload: bytes) -> bytes:
    """``payload`` as the cache writes it at ``path``, tagged with this user's key — as if the
    key had been stolen."""
    key = cache_module.cache_key()
    assert key is not None
    assert cache_module.MAGIC == MAGIC
    return MAGIC + cache_module._tag(key, cache_module._label(path), payload) + payload


@pytest.mark.parametrize("header", ["bare", "our header, wrong key", "our header, stolen key"])
def test_a_planted_pickle_never_runs(
    header: str, data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XJJ_MEMO", "0")
    marker = tmp_path / "ran"
    expected = {args: xjj(data, *args, "--no-cache") for args in (VALIDATE, ACCOUNTABILITY)}
    warm(data)
    folder = cache_folder(data)
    payload = pickle.dumps(_Planted(marker), protocol=pickle.HIGHEST_PROTOCOL)
    for path in folder.glob("*.pickle"):
        if header == "bare":
            path.write_bytes(payload)
        elif header == "our header, wrong key":
            path.write_bytes(MAGIC + bytes(range(32)) + payload)
        else:
            path.write_bytes(tagged(path, payload))
    for args, outcome in expected.items():
        assert xjj(data, *args) == outcome
    assert not marker.exists()


@pytest.mark.parametrize(
    ("module", "name"),
    [
        ("os", "system"),
        ("posix", "system"),
        ("builtins", "eval"),
        ("builtins", "getattr"),
        ("subprocess", "Popen"),
        ("xjj_cli.output", "write_atomic"),  # a function of xjj's own
        ("xjj_cli.model", "BaseModel"),  # a class a record module imports, not its own
        ("xjj_cli.load.cache", "Cache.open"),  # a method, by a dotted name
        ("xjj_cli.repository", "Path"),
    ],
)
def test_even_a_tagged_cache_file_names_only_the_records_classes(
    module: str, name: str, data: Path
) -> None:
    xjj(data, *VALIDATE)
    path = cache_folder(data) / "checks.pickle"
    payload = b"\x80\x04c" + f"{module}\n{name}\n".encode() + b"."
    path.write_bytes(tagged(path, payload))
    assert cache_module._read(path) is None


def test_what_the_cache_writes_it_reads_back(data: Path) -> None:
    for args in (
        ACCOUNTABILITY,
        ACCOUNTABILITY,
        VALIDATE,
        VALIDATE,
        ("warnings",),
        ("warnings",),
        ("colors",),
        ("colors",),
    ):
        xjj(data, *args)
    files = sorted(cache_folder(data).glob("*.pickle"))
    assert {p.name for p in files} >= {"manifest.pickle", "checks.pickle", "figures.pickle"}
    assert [p.name for p in files if cache_module._read(p) is None] == []


# --- special files (finding 6): never waited on, never followed -------------------------------


@pytest.fixture
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Subprocesses keep their key in the test's folder too."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))


@pytest.mark.parametrize(
    ("pattern", "command"),
    [
        ("manifest.pickle", VALIDATE),
        ("checks.pickle", VALIDATE),
        ("report-accountability.pickle", ACCOUNTABILITY),
        ("shard-*.pickle", ACCOUNTABILITY),
    ],
)
def test_a_fifo_in_place_of_a_cache_file_is_ignored_without_waiting(
    pattern: str, command: tuple[str, ...], data: Path, isolated_env: None
) -> None:
    expected = run_xjj(data, *command, "--no-cache")
    for args in (ACCOUNTABILITY, ACCOUNTABILITY, VALIDATE, VALIDATE):
        run_xjj(data, *args)
    path = the_file(cache_folder(data), pattern)
    path.unlink()
    os.mkfifo(path)
    env_memo = {"XJJ_MEMO": "0"} if pattern.startswith("shard") else {}
    with pytest.MonkeyPatch.context() as patch:
        for name, value in env_memo.items():
            patch.setenv(name, value)
        assert run_xjj(data, *command, timeout=30) == expected


def test_the_cache_key_as_a_fifo_means_no_cache_and_no_wait(
    data: Path, tmp_path: Path, isolated_env: None
) -> None:
    expected = run_xjj(data, *VALIDATE, "--no-cache")
    key = tmp_path / "user-cache" / "xjj" / "cache-key"
    key.parent.mkdir(parents=True)
    os.mkfifo(key)
    assert run_xjj(data, *VALIDATE, timeout=30) == expected
    assert run_xjj(data, *VALIDATE, timeout=30) == expected


@pytest.mark.parametrize("name", ["manifest.pickle", "checks.pickle"])
def test_a_folder_in_place_of_a_cache_file_is_ignored(name: str, data: Path) -> None:
    expected = xjj(data, *VALIDATE, "--no-cache")
    warm(data)
    path = cache_folder(data) / name
    path.unlink()
    path.mkdir()
    assert xjj(data, *VALIDATE) == expected


def test_a_link_out_of_the_cache_is_never_followed(data: Path, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    expected = xjj(data, *VALIDATE, "--no-cache")
    warm(data)
    folder = cache_folder(data)
    outside = tmp_path / "elsewhere.pickle"
    # even tagged for the name the link has: a link is not a cache file
    outside.write_bytes(tagged(folder / "manifest.pickle", pickle.dumps(_Planted(marker))))
    for name in ("manifest.pickle", "checks.pickle"):
        (folder / name).unlink()
        (folder / name).symlink_to(outside)
    assert xjj(data, *VALIDATE) == expected
    assert not marker.exists()


def test_a_cache_folder_that_is_a_link_out_of_the_repository_is_not_used(
    data: Path, tmp_path: Path
) -> None:
    expected = xjj(data, *VALIDATE, "--no-cache")
    outside = tmp_path / "outside"
    outside.mkdir()
    (data.parent / ".xjj-cache").symlink_to(outside)
    assert xjj(data, *VALIDATE) == expected
    assert xjj(data, *VALIDATE) == expected
    assert list(outside.iterdir()) == []


def test_the_cache_never_writes_through_a_planted_link(data: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    base = data.parent / ".xjj-cache"
    base.mkdir()
    (base / ".gitignore").symlink_to(victim)  # dangling: it would be created through the link
    expected = xjj(data, *VALIDATE, "--no-cache")
    assert xjj(data, *VALIDATE) == expected
    assert not victim.exists()


# --- a read-only cache --------------------------------------------------------------------------


@pytest.fixture
def read_only() -> Iterator[list[Path]]:
    """Folders made read-only for the test: by permissions, and for root (whom permissions
    do not stop) by the immutable attribute where the file system has it; made writable after."""
    folders: list[Path] = []
    yield folders
    for folder in folders:
        subprocess.run(["chattr", "-i", str(folder)], capture_output=True, check=False)
        folder.chmod(0o755)


def make_read_only(folder: Path, read_only: list[Path]) -> None:
    read_only.append(folder)
    folder.chmod(0o555)
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("chattr"):
        subprocess.run(["chattr", "+i", str(folder)], capture_output=True, check=False)


def test_a_read_only_cache_folder_changes_nothing_and_says_nothing(
    data: Path, read_only: list[Path]
) -> None:
    warm(data)
    folder = cache_folder(data)
    make_read_only(folder, read_only)
    make_read_only(folder.parent, read_only)
    events = data / "events" / "2026-10.yaml"
    events.write_text(
        events.read_text(encoding="utf-8").replace("color: red", "color: yellow"), encoding="utf-8"
    )
    for args in (VALIDATE, ACCOUNTABILITY, VALIDATE, ACCOUNTABILITY):
        assert xjj(data, *args) == xjj(data, *args, "--no-cache")


SCAN = """
import sys
from pathlib import Path
from xjj_cli.load.scan import scan_data
from xjj_cli.memo import document_inputs
scan = scan_data(Path(sys.argv[1]))
document_inputs(scan)
print(scan.content_key() is None)
"""


def test_the_warm_path_never_waits_on_a_fifo_among_the_data(data: Path, isolated_env: None) -> None:
    """The scan hashes the town map and files the cache cannot vouch for, and a document's key
    every other file of the data folder: a FIFO there is not read (the loader and the checks
    say what it is)."""
    run_xjj(data, *VALIDATE)
    for name in ("map/towns.svg", "README.md"):
        (data / name).unlink()
        os.mkfifo(data / name)
    done = subprocess.run(
        [sys.executable, "-c", SCAN, str(data)], capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "True\n"  # no digest for the map: nothing is remembered for it
