"""What reading many forms against one repository finds once (issue 28): values made for a
repository and a key, kept while a ``with remembered.kept():`` block runs — the repository
does not change meanwhile — and made anew every time outside one."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Remembered(Generic[K, V]):
    """Values by (repository, key), kept while ``kept()`` is open (blocks nest: an inner one
    starts empty and the outer one's values come back after it)."""

    def __init__(self) -> None:
        self._made: dict[tuple[int, K], tuple[object, V]] | None = None

    @contextmanager
    def kept(self) -> Iterator[None]:
        outer, self._made = self._made, {}
        try:
            yield
        finally:
            self._made = outer

    @property
    def keeping(self) -> bool:
        return self._made is not None

    def get(self, repo: object, key: K, make: Callable[[], V]) -> V:
        """The value for ``repo`` and ``key``: remembered while kept, else made now."""
        if self._made is None:
            return make()
        made = self._made.get((id(repo), key))
        if made is None:  # the repository is kept with its value: its id is not reused meanwhile
            made = self._made[(id(repo), key)] = (repo, make())
        return made[1]
