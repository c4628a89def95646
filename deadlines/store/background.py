"""A check of a whole file run in a second process while this one writes it.

The import of a big file reads it twice: once to refuse it at its first row that is bad on its
own before anything is committed, once to write it. On two cores the check need not cost wall
time: :class:`BackgroundCheck` forks, runs the check in the child and hands its verdict back
through a pipe. The parent asks for the verdict between chunks (a bad row stops the write at
once) and waits for it before it commits or before it reports a fault of its own.

Forked, not spawned: the child checks with exactly the rules, calendars and settings the parent
loaded (a store's own rule folders included), without importing them again. The child never
touches the store's connection (SQLite's locks belong to the parent) and leaves with
``os._exit``. Where a process cannot fork safely (no fork, or other threads running), the check
runs first, in this process, as it did before.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from deadlines.errors import DeadlineError, StoreError

_CLEAN, _PENDING = "clean", "pending"


def can_fork() -> bool:
    """Fork is there, and safe: this process runs no other thread (a lock another thread held
    at the fork would never be released in the child)."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


class BackgroundCheck:
    """``check()`` run in a forked child: it raises a :class:`DeadlineError` for a bad file, or
    returns. ``path``: the file as messages name it, for a child that died without a verdict."""

    def __init__(self, check: Callable[[], None], path: str) -> None:
        self.path = path
        self._verdict: DeadlineError | str = _PENDING
        reader, writer = multiprocessing.get_context("fork").Pipe(duplex=False)
        self._reader = reader
        self._process = multiprocessing.get_context("fork").Process(
            target=_run, args=(check, writer), name="deadlines-import-check", daemon=True
        )
        # Ctrl-C held back while forking: the child is born with SIGINT blocked (a signal mask
        # is inherited), so it cannot be interrupted in the fork's own Python code (tracebacks
        # "Exception ignored in ..."); it never unblocks it, the parent's stop() ends it
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            self._process.start()
        finally:
            writer.close()  # the child's end: EOF here once the child is gone
            try:
                signal.pthread_sigmask(signal.SIG_SETMASK, mask)  # a Ctrl-C held back: raised here
            except KeyboardInterrupt:
                if self._process.pid is not None:  # started
                    self.stop()
                raise

    def bad(self, *, wait: bool = False) -> DeadlineError | None:
        """The check's refusal, or None: the file is clean, or (``wait`` False) the check has
        not finished yet. A child that died without a verdict is a clean one-line error."""
        if self._verdict == _PENDING:
            if not wait and not self._reader.poll(0):
                return None
            self._verdict = self._receive()
        return None if isinstance(self._verdict, str) else self._verdict

    def _receive(self) -> DeadlineError | str:
        try:
            message: tuple[Any, ...] = self._reader.recv()
        except (EOFError, OSError):
            self._process.join()
            return StoreError(
                key="rec.import.check_died", path=self.path, code=self._process.exitcode
            )
        if message[0] == _CLEAN:
            return _CLEAN
        _, key, fields, text = message
        return StoreError(key=key, **fields) if key else StoreError(text)

    def stop(self) -> None:
        """End the child (if it still runs: the write failed first) and reap it."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._reader.close()


def _run(check: Callable[[], None], writer: Connection) -> None:
    try:
        check()
    except DeadlineError as exc:
        writer.send(("bad", exc.key, exc.fields, str(exc)))
    except BaseException:  # a fault of the check itself: the parent says the check died
        os._exit(70)
    else:
        writer.send((_CLEAN,))
    writer.close()
