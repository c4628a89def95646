"""A large import file cut into ranges of whole lines, each prepared by a forked worker process.

The writer (the process that holds the import's one transaction) cuts the file at line ends into
ranges of about :data:`RANGE_BYTES`, numbering each range's first line, and hands the ranges to
worker processes; it takes their results back in file order, so what it writes, and the first
fault it meets, come in the same order as from one process. At most two ranges a worker are in
flight, so memory stays flat however large the file is.

Workers are forked, not spawned: they prepare rows with the writer's settings (a store's own rule
folders included) and whatever it loaded before the first range was handed out (the importer reads
the rules then, so that no worker reads them again, each at its own time), and they never touch
SQLite (the writer's connection, open at the fork, is SQLite's to use in the writer
only: its locks do not survive a fork). They get Ctrl-C blocked from birth and ignore it: the
writer handles it and stops them. A worker that dies aborts the import (the transaction is rolled
back); a writer killed outright takes its workers with it.

A cut is made where a new case begins if one does within a few lines (a CSV case row, where the
header names ``record`` first), so that a case and its events tend to fall in one range. A CSV
field may span lines inside quotes: a range whose last record ended inside an open quote was cut
in the middle of a record, which the worker reports (the writer then reads the rest of the file
itself).
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, NamedTuple

from deadlines.store.background import can_fork
from deadlines.store.parallel import end_with, in_order, jobs_for

if TYPE_CHECKING:
    pass

RANGE_BYTES = 4 * 1024 * 1024
"""About how much of the file one worker prepares at a time (some 10,000 cases of the bench)."""
MIN_BYTES = 8 * 1024 * 1024
"""Below this a file is imported in the writer alone: forking and handing rows back would cost
more than it saves."""
_LOOK_AHEAD = 64 * 1024  # how far past a cut to look for the start of a new case
_BLOCK = 1024 * 1024


class Range(NamedTuple):
    """Bytes ``start`` to ``end`` of the file (whole lines), whose first line is ``line``."""

    start: int
    end: int
    line: int


def workers_for(path: Path, requested: int | None = None) -> int:
    """How many worker processes to prepare ``path`` with: ``requested`` (1: none, the calling
    process alone), else one per CPU for a file of :data:`MIN_BYTES` or more, if there are two;
    none (0) where this process cannot fork safely."""
    jobs = jobs_for(requested, path.stat().st_size, MIN_BYTES)
    return jobs if jobs > 1 and can_fork() else 0


def ranges(
    path: Path, start: int, line: int, size: int, case_rows: bool = False
) -> Iterator[Range]:
    """The file from byte ``start`` (line ``line``) to its end as it is now, in ranges of whole
    lines of about ``size`` bytes; ``case_rows`` (a CSV file whose rows begin with the record
    type): a cut moves ahead to a line that begins a case row (``case,``) when one begins within
    :data:`_LOOK_AHEAD` bytes. Lines are counted as the import reads them: a lone CR ends one
    too."""
    total = path.stat().st_size
    with path.open("rb") as f:
        pos = start
        while pos < total:
            end = total
            if pos + size < total:
                f.seek(pos + size)
                end = min(total, pos + size + len(f.readline()))  # the rest of the line
                if case_rows and end < total:
                    end = _case_start(f, end)
            f.seek(pos)
            yield Range(pos, end, line)
            line += _count_lines(f, end - pos)
            pos = end


def _case_start(f: BinaryIO, end: int) -> int:
    """``end``, or the start of a case row within :data:`_LOOK_AHEAD` bytes after it."""
    at = end
    while at - end < _LOOK_AHEAD:
        line = f.readline()
        if not line:
            break
        if line.startswith(b"case,"):
            return at
        at += len(line)
    return end


def _count_lines(f: BinaryIO, n: int) -> int:
    """The line ends in the next ``n`` bytes: LF, CRLF, or a lone CR."""
    count = 0
    cr = False  # the last block ended with a CR
    while n > 0:
        block = f.read(min(n, _BLOCK))
        if not block:
            break
        count += block.count(b"\n") + block.count(b"\r") - block.count(b"\r\n")
        if cr and block.startswith(b"\n"):
            count -= 1  # a CRLF cut between two blocks
        cr = block.endswith(b"\r")
        n -= len(block)
    return count


def prepared(
    parts: Iterator[Range],
    prepare: Callable[[Range], bytes],
    jobs: int,
    setup: Callable[[], None],
) -> Generator[tuple[Range, bytes], None, None]:
    """Each range with what ``prepare`` made of it in a forked worker, in file order. ``setup``
    runs in each worker first (after Ctrl-C is ignored there)."""
    # imported here: only a large import forks workers
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # what is alive now (rules, calendars, the catalogue) is frozen before the fork: the
    # collector neither walks it again nor writes to it, which would copy its pages per worker
    frozen = gc.get_freeze_count()
    gc.freeze()
    pool = ProcessPoolExecutor(
        jobs,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_start,
        initargs=(setup, os.getpid()),
    )
    try:
        work = ((part, prepare, (part,)) for part in parts)
        yield from in_order(pool, work, jobs, "rec.import.worker_died")
    finally:
        if not frozen:  # a process that froze nothing itself gets its collector back as it was
            gc.unfreeze()


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector paused: a range's hundred thousand rows, alive together,
    would otherwise be walked again and again as they are made (a fifth of a worker's time).
    What they leave is freed by reference counting as they go; the collector runs again after."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _start(setup: Callable[[], None], writer: int) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    end_with(writer)
    setup()
