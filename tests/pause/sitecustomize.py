"""Loaded by every Python process a test starts with this folder on PYTHONPATH (tests/
test_interrupts.py): with DEADLINES_TEST_PAUSE set, a new process stops at a known point of its
start, says so by a file in DEADLINES_TEST_MARKS and waits there (at most a minute) until the test
creates the file ``go``; interrupted there, it leaves the file ``interrupted-PID``. ``spawn``: a
recompute worker as it starts to import the project (before its initializer); ``fork``: the
forked child of an import as it comes out of the fork."""

from __future__ import annotations

import os
import signal
import sys
import time
from typing import Any

_HOW = os.environ.get("DEADLINES_TEST_PAUSE", "")
_MARKS = os.environ.get("DEADLINES_TEST_MARKS", "")


def _pause() -> None:
    _mark("paused")
    # SIGTERM waits for the pause's end: an interrupted process writes its mark before the
    # parent can end it (the import's check is ended by the parent as soon as it is interrupted)
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    try:
        end = time.monotonic() + 60
        while not os.path.exists(os.path.join(_MARKS, "go")) and time.monotonic() < end:
            time.sleep(0.01)
    except KeyboardInterrupt:
        _mark("interrupted")
        raise
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)


def _mark(what: str) -> None:
    with open(os.path.join(_MARKS, f"{what}-{os.getpid()}"), "w"):
        pass


class _AtFirstImport:
    """On sys.meta_path: pauses once, as the package ``deadlines`` is first looked for."""

    @classmethod
    def find_spec(cls, name: str, *args: Any) -> None:
        if name == "deadlines":
            sys.meta_path.remove(cls)  # type: ignore[arg-type]
            _pause()


if _HOW == "spawn" and "--multiprocessing-fork" in sys.argv:
    sys.meta_path.insert(0, _AtFirstImport)  # type: ignore[arg-type]
elif _HOW == "fork":
    os.register_at_fork(after_in_child=_pause)
