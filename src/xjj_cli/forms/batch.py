"""The month's workbooks made on every core when there are many (issue 28).

A province has some 1,860 forms; each is made by openpyxl alone, in pure Python, one core busy
while the others wait (and the disk waits on the fsync of each file). ``books_bytes`` hands
the books, in chunks, to a pool of processes and yields their bytes back in the books' order,
so the caller writes (and fsyncs) one file while the next ones are being made. A workbook's
bytes depend on its book, the office and the key only (``write.workbook_bytes``): made in this
process or in another, they are the same, and the files are written in the same order.

The workers are forked: they find the books in the memory they share with this process and
are sent only their numbers. A book is never pickled — its form is one of ``layout``'s forms,
which the writer tells apart by identity, and a pickled copy is another object. Where there is
no fork (Windows), the books are made in this process.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections.abc import Callable, Generator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

from xjj_cli.forms.signature import FormKey
from xjj_cli.forms.write import FormBook, Office, workbook_bytes

MIN_BOOKS = 200
"""The fewest books made in other processes: below, starting the pool (a fork and openpyxl's
first use in each worker) costs more than it saves; a district's forty forms take a second."""
CHUNK = 16
"""The books a worker makes per task: enough that sending them and their bytes is cheap, few
enough that the first files are written while the rest are made."""
CHUNK_ROWS = 256
"""The most rows (``rows_of``) a task of more than one book holds (issue 28: 16 books at a
time, the province's 13 owner forms of some 1,500 rows each went to one worker, in one task,
while the other had nothing left to make — a third of the command's time)."""
BOOK_ROWS = 13
"""What making a workbook costs whatever its rows, in rows: a town form of three rows takes
about as long as sixteen rows of an owner form."""
MAX_WORKERS = 8

T = TypeVar("T")


def workers_for(books: int) -> int:
    """How many processes make ``books`` workbooks: one (this one) for a district's few, else
    one per core this process may use (at most ``MAX_WORKERS``)."""
    if books < MIN_BOOKS or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_WORKERS))


def books_bytes(
    books: Sequence[FormBook], office: Office, key: FormKey | None
) -> Generator[bytes, None, None]:
    """Each book's workbook bytes (``workbook_bytes``), in the books' order."""
    workers = workers_for(len(books))
    if workers == 1:
        for book in books:
            yield workbook_bytes(book, office, key)
        return
    make = in_workers(lambda n: workbook_bytes(books[n], office, key), chunks(books), workers)
    with contextlib.closing(make) as made:  # a caller stopping early stops the workers now
        for group in made:
            yield from group


def in_workers(
    make: Callable[[int], T], groups: Sequence[range], workers: int
) -> Generator[list[T], None, None]:
    """``make(n)`` for every number of ``groups``, by ``workers`` forked processes, a group a
    task, yielded group by group in order. The workers find ``make`` (and all it refers to) in
    the memory they share with this process: only the numbers are sent, and the results
    pickled back. A caller that stops early (a write failed) stops the rest: nothing is made
    for nothing."""
    global _TASK
    _TASK = make  # before the pool forks its workers: they inherit it
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    try:
        tasks = [pool.submit(_run, group) for group in groups]
        for task in tasks:
            yield task.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        _TASK = None


_TASK: Callable[[int], Any] | None = None
"""What ``in_workers``'s workers make, for the forked workers to find."""


def _run(numbers: range) -> list[Any]:
    """In a worker: ``_TASK`` of each of ``numbers``, in order."""
    assert _TASK is not None  # set before the worker was forked
    return [_TASK(n) for n in numbers]


def chunks(books: Sequence[FormBook]) -> list[range]:
    """The books' numbers in runs, in order, each of at most ``CHUNK`` books and, unless it
    is one book, at most ``CHUNK_ROWS`` rows (``rows_of``): a large owner form is a task of its
    own, so the workers share the large forms instead of one of them making them all."""
    found: list[range] = []
    start, rows = 0, 0
    for index, book in enumerate(books):
        size = rows_of(book)
        if index > start and (index - start == CHUNK or rows + size > CHUNK_ROWS):
            found.append(range(start, index))
            start, rows = index, 0
        rows += size
    if start < len(books):
        found.append(range(start, len(books)))
    return found


def rows_of(book: FormBook) -> int:
    """The work of making ``book``, counted in rows: its rows, plus ``BOOK_ROWS`` for what
    every workbook costs whatever its rows."""
    return BOOK_ROWS + len(book.rows) + len(book.open_problems) + len(book.tasks)
