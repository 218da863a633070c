"""The optional signature of a fill-in form: an HMAC-SHA256 with a key kept outside the data.

The hidden sheet's checksum is a plain SHA-256 that anyone can recompute after changing a
form. When the office sets up a key — the environment variable ``XJJ_FORM_KEY``, or the file
``$XDG_CONFIG_HOME/xjj/form-key`` (``~/.config/xjj/form-key``) — ``xjj forms`` signs the
hidden sheet's fields and every prefilled cell, and ``xjj import`` refuses a form whose
signature is missing or wrong. The key is never read from the data folder (a key file there
is refused: it would travel with the repository) and never shown in any message.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from xjj_cli.errors import DataError
from xjj_cli.forms import layout
from xjj_cli.messages.forms import form_key_message
from xjj_cli.regular import NotRegularError, TooLargeError, read_regular

KEY_VARIABLE = "XJJ_FORM_KEY"
"""The environment variable that holds the key (it wins over the file)."""
KEY_FILE = Path("xjj", "form-key")
"""The key file, under the user's configuration folder."""
MIN_KEY_CHARS = 16
"""The shortest key accepted (characters, surrounding white space left out)."""
MAX_KEY_BYTES = 4096
"""The largest key file read."""
TAG = "xjj-form-signature-1"
"""What the signed text starts with, so the MAC of a form is never the MAC of anything else."""
_SIGNATURE_HEX = 64


@dataclass(frozen=True)
class FormKey:
    """The key that signs forms, and where it was found (said in messages; the key never)."""

    secret: bytes = field(repr=False)
    source: str


def key_path(environ: Mapping[str, str]) -> Path | None:
    """The user's key file: under ``XDG_CONFIG_HOME`` when it is an absolute path, else under
    ``~/.config``; None when there is no home folder either."""
    base = environ.get("XDG_CONFIG_HOME", "")
    if base and Path(base).is_absolute():
        return Path(base) / KEY_FILE
    try:
        return Path.home() / ".config" / KEY_FILE
    except RuntimeError:  # no HOME and no entry in the password database
        return None


def key_place() -> str:
    """The user's key file as a message names it."""
    path = key_path(os.environ)
    return str(path) if path is not None else str(Path("~", ".config", KEY_FILE))


def form_key(data_dir: Path, environ: Mapping[str, str] | None = None) -> FormKey | None:
    """The key set up on this machine, or None: ``XJJ_FORM_KEY`` when set and not empty, else
    the user's key file when it exists. A key too short, a file that is not a regular file,
    too big, not text, or inside the data's repository is an error (the key never shown)."""
    env = os.environ if environ is None else environ
    text = env.get(KEY_VARIABLE, "")
    if text.strip():
        return _key(text, form_key_message("env", variable=KEY_VARIABLE))
    path = key_path(env)
    if path is None:
        return None
    try:
        path.stat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise DataError(_unreadable(path, exc)) from exc
    _outside_repository(path, data_dir)
    return _key(_read_key_file(path), form_key_message("file", path=path))


def _read_key_file(path: Path) -> str:
    """The key file's text; opened without blocking and checked to be a regular file before
    it is read (a FIFO would block, a device would never end)."""
    try:
        data, _ = read_regular(path, MAX_KEY_BYTES)
    except NotRegularError as exc:
        kind = "kind.folder" if exc.kind == "folder" else "kind.special"
        message = form_key_message(kind)
        raise DataError(form_key_message("not_file", path=path, kind=message)) from exc
    except TooLargeError as exc:
        raise DataError(form_key_message("too_big", path=path, limit=MAX_KEY_BYTES)) from exc
    except OSError as exc:
        raise DataError(_unreadable(path, exc)) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(form_key_message("not_text", path=path)) from exc


def _outside_repository(path: Path, data_dir: Path) -> None:
    """Refuse a key file in the data folder, or in the git repository that holds it."""
    where = path.resolve()
    data = data_dir.resolve()
    for folder in (data, data.parent):
        if folder == data.parent and not (folder / ".git").exists():
            continue
        if where.is_relative_to(folder):
            default = Path("~", ".config", KEY_FILE)
            raise DataError(
                form_key_message(
                    "in_repository",
                    path=path,
                    repository=folder,
                    default=default,
                    variable=KEY_VARIABLE,
                )
            )


def _unreadable(path: Path, exc: OSError) -> str:
    return form_key_message("unreadable", path=path, reason=exc.strerror or type(exc).__name__)


def _key(text: str, source: str) -> FormKey:
    secret = text.strip()
    if len(secret) < MIN_KEY_CHARS:
        raise DataError(form_key_message("short", source=source, minimum=MIN_KEY_CHARS))
    return FormKey(secret.encode("utf-8"), source)


def signed_text(
    meta: Mapping[str, str], keys: Iterable[str], cells: Iterable[tuple[str, str, object]]
) -> bytes:
    """What a form's signature covers: the hidden sheet's fields ``keys`` (every one but the
    signature) and every prefilled cell ``(sheet, ref, value)``, as the checksum sees it."""
    listed = {
        "tag": TAG,
        "meta": [[key, meta.get(key, "")] for key in keys],
        "cells": [[sheet, ref, layout.cell_text(value)] for sheet, ref, value in cells],
    }
    return json.dumps(listed, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def sign(key: FormKey, text: bytes) -> str:
    """The HMAC-SHA256 of ``text`` in hex."""
    return hmac.new(key.secret, text, hashlib.sha256).hexdigest()


def verify(key: FormKey, text: bytes, signature: str) -> bool:
    """Whether ``signature`` is the HMAC of ``text`` (compared in constant time)."""
    if len(signature) != _SIGNATURE_HEX:
        return False
    return hmac.compare_digest(sign(key, text).encode("ascii"), signature.encode("utf-8"))
