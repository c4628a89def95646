"""Loaded by every Python process a test starts with this folder on PYTHONPATH (tests/
test_interrupts.py): with DEADLINES_TEST_PAUSE set, a new process stops at a known point of its
start, says so by a file in DEADLINES_TEST_MARKS and waits there (at most a minute) until the test
creates the file ``go``. ``spawn``: a recompute worker as it starts to import the project (before
its initializer); ``fork``: the forked child of an import as it comes out of the fork."""

from __future__ import annotations

import os
import sys
import time
from typing import Any

_HOW = os.environ.get("DEADLINES_TEST_PAUSE", "")
_MARKS = os.environ.get("DEADLINES_TEST_MARKS", "")


def _pause() -> None:
    with open(os.path.join(_MARKS, f"paused-{os.getpid()}"), "w"):
        pass
    end = time.monotonic() + 60
    while not os.path.exists(os.path.join(_MARKS, "go")) and time.monotonic() < end:
        time.sleep(0.01)


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
