"""Values found once while many forms are read against one repository (forms/remembered.py)."""

from __future__ import annotations

from xjj_cli.forms.remembered import Remembered


class Repo:
    pass


def test_made_once_per_repository_and_key_only_while_kept() -> None:
    made: list[tuple[str, int]] = []
    remembered: Remembered[int, str] = Remembered()

    def make(name: str, key: int) -> str:
        made.append((name, key))
        return f"{name}{key}"

    one, two = Repo(), Repo()
    assert remembered.get(one, 1, lambda: make("one", 1)) == "one1"
    assert remembered.get(one, 1, lambda: make("one", 1)) == "one1"
    assert len(made) == 2 and not remembered.keeping  # outside a block: made every time
    made.clear()
    with remembered.kept():
        assert remembered.keeping
        for _ in range(3):
            assert remembered.get(one, 1, lambda: make("one", 1)) == "one1"
            assert remembered.get(one, 2, lambda: make("one", 2)) == "one2"
            assert remembered.get(two, 1, lambda: make("two", 1)) == "two1"
        with remembered.kept():  # an inner block starts empty
            assert remembered.get(one, 1, lambda: make("inner", 1)) == "inner1"
        assert remembered.get(one, 1, lambda: make("one", 1)) == "one1"  # the outer's again
    assert made == [("one", 1), ("one", 2), ("two", 1), ("inner", 1)]
    assert not remembered.keeping
