"""Recompute in worker processes: each takes ranges of case ids, reads and evaluates them on its own
connection and hands back only what differs (:class:`deadlines.store.bulk.Changes`); the calling
process, which holds the one write transaction, writes them, range by range in id order.

Why this gives exactly what one process gives: the writer takes the store's write lock (BEGIN
IMMEDIATE) before the first range is handed out, so nobody else commits until it is done, and a
worker's connection (WAL) sees the store as committed before the recompute began. The writer
changes only obligation rows, date moves, rule versions, terms and the config record — never a
case or an event — and a range's stored rows are read before the writer touches that range (the
ranges are disjoint). Every worker computes with the same rule and calendar folders (the adopted
ones, for ``recompute --rules / --calendars``) and the same day. The writer takes the results in
range order, so the moves come out in the same order as from one process.

A worker's error (a year file that cannot be read, say) is raised in the writer as it is, and a
worker that dies aborts the recompute; either way the transaction is rolled back.

Workers are started fresh (``spawn``), not forked from the process with the store open: they open
the store themselves, and SQLite's locks and connections do not survive a fork (the import's
forked workers, deadlines.store.importpool, never touch SQLite). So, as everywhere with ``spawn``, a script that calls
:meth:`Store.recompute` on a large store keeps its own work under ``if __name__ == "__main__":``
(each worker imports the script's main module again). Not ``forkserver``: its workers are not the
calling process's children, and the CPU they use would not be counted as its own.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import threading
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from deadlines.errors import StoreError
from deadlines.store import config
from deadlines.store.bulk import Changes
from deadlines.store.database import Store

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

K = TypeVar("K")
R = TypeVar("R")

MIN_CASES = 20_000
"""Below this many cases a recompute runs in the calling process: starting a worker (a fresh
interpreter that loads the rules and calendars) costs about as much CPU as evaluating a few
thousand cases."""
MAX_JOBS = 64


def available_cpus() -> int:
    """The CPUs this process may run on (its affinity mask, where the system has one)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1  # pragma: no cover - macOS, Windows


def jobs_for(requested: int | None, size: int, enough: int = MIN_CASES) -> int:
    """How many worker processes to use: ``requested`` (1: none, the calling process alone),
    else one per available CPU for work of ``size`` at least ``enough`` (by default a store of
    at least :data:`MIN_CASES` cases)."""
    if requested is not None:
        return requested
    return min(available_cpus(), MAX_JOBS) if size >= enough else 1


def changes(
    store: Store,
    ranges: Iterable[tuple[str, str]],
    day: dt.date,
    cfg: config.StoreConfig,
    jobs: int,
) -> Iterator[Changes]:
    """The changes of each range of case ids, in order, computed by ``jobs`` worker processes
    with the folders ``cfg`` as of ``day``. At most two ranges per worker are in flight, so
    memory stays flat however many ranges there are."""
    # imported here: the commands that only read the store (remind, next) load this module
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(
        jobs,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start,
        initargs=(str(store.path), cfg, store.busy_timeout, os.getpid()),
    )
    work = (((first, last), _range, (first, last, day)) for first, last in ranges)
    for _, done in in_order(pool, work, jobs, "store.worker_died"):
        yield done


def in_order(
    pool: ProcessPoolExecutor,
    work: Iterable[tuple[K, Callable[..., R], tuple[Any, ...]]],
    jobs: int,
    died: str,
) -> Generator[tuple[K, R], None, None]:
    """Each piece of ``work`` (a key, a function and its arguments) run in ``pool`` of ``jobs``
    workers, the results taken in the order given, each with its key. At most two pieces a
    worker are in flight, so memory stays flat however many there are. A worker that dies is
    the error ``died`` (a message key); the pool is shut down at the end, whatever ends it."""
    from concurrent.futures.process import BrokenProcessPool

    try:
        pending: deque[tuple[K, Future[R]]] = deque()
        for key, call, args in work:
            with interrupt_held():  # a submit may start a worker
                future = pool.submit(call, *args)
            pending.append((key, future))
            if len(pending) >= 2 * jobs:
                first, done = pending.popleft()
                yield first, done.result()
        while pending:
            first, done = pending.popleft()
            yield first, done.result()
    except BrokenProcessPool:
        raise StoreError(key=died) from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


@contextmanager
def interrupt_held() -> Iterator[None]:
    """Ctrl-C held back while workers are started, then let go. A terminal's Ctrl-C reaches the
    whole process group: a worker still importing, before its initializer ignores it, would die
    of it with a traceback. So this thread blocks SIGINT, and a worker, whose signal mask is
    inherited across fork and exec, is born with it blocked (as CPython starts its resource
    tracker); the writer records a Ctrl-C another of its threads takes meanwhile, and either
    kind is raised here, after the worker is started, not halfway through."""
    main = threading.current_thread() is threading.main_thread()
    held: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda n, _: held.append(n)) if main else None
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)  # a blocked Ctrl-C arrives here
        if main:
            signal.signal(signal.SIGINT, previous)
    if held:
        signal.raise_signal(signal.SIGINT)


def end_with(writer: int) -> None:
    """End this worker (of a pool) as soon as ``writer``, the process that started it, is gone.
    A writer killed outright (kill -9, the out-of-memory killer) cannot stop its workers, and
    they would wait for ever: for work (each holds the queue's writing end too, so it never
    closes) or for the result it is handing back to be read."""
    import time

    def watch() -> None:
        while os.getppid() == writer:
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, name="deadlines-writer-watch", daemon=True).start()


# --- in the worker ----------------------------------------------------------------------------
_store: Store | BaseException | None = None


def _start(path: str, cfg: config.StoreConfig, busy_timeout: float, writer: int) -> None:
    """A worker's set-up: the store's folders, a connection that cannot write. A failure is
    raised by the worker's first range, so that the writer reports it (a worker prints nothing).
    Ctrl-C is the writer's to handle (it stops the workers): a worker ignores it, and ends
    with the writer (``writer``: its process id)."""
    global _store
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    end_with(writer)
    try:
        config.apply(cfg)
        conn = sqlite3.connect(path, timeout=busy_timeout, isolation_level=None)
        conn.execute("PRAGMA query_only = ON")
        _store = Store(Path(path), conn)
    except Exception as exc:  # any failure is the writer's to report
        _store = exc


def _range(first: str, last: str, day: dt.date) -> Changes:
    store = _store
    if not isinstance(store, Store):
        raise store or RuntimeError("worker not started")
    store.conn.execute("BEGIN")  # one snapshot for the range's cases, events and stored rows
    try:
        return store.range_changes(first, last, day)
    finally:
        store.conn.execute("COMMIT")
