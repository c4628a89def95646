"""Ctrl-C while a command runs its worker processes (review of issue 11): a terminal's Ctrl-C
reaches the whole process group, the workers as well as the command. Whenever it comes, the
command says one line (Aborted.), exits non-zero, leaves no process behind and the store as it
was. The moment is made certain, not guessed: tests/pause/sitecustomize.py stops a new worker
(or the import's forked check) at a known point of its start until the test lets it go.

Dates are not asserted here: only that nothing is written (the store's dump is compared)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from deadlines.store import importer
from deadlines.store.database import init_store

PAUSE = Path(__file__).parent / "pause"
SCRIPT = Path(sys.executable).parent / "deadlines"  # as a user runs it: workers import it again
BOUND = 90  # seconds any one step may take on a loaded machine

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/stat").exists() or not SCRIPT.exists(),
    reason="needs /proc and the installed deadlines command",
)


def loans(n: int) -> list[str]:
    out = []
    for i in range(n):
        out.append(json.dumps({"record": "case", "case": f"L{i:05d}", "kind": "loan"}))
        out.append(
            json.dumps(
                {
                    "record": "event",
                    "case": f"L{i:05d}",
                    "type": "loan.application-received",
                    "on": "2026-03-02",
                }
            )
        )
    return out


def dump(db: Path) -> list[str]:
    with closing(sqlite3.connect(db)) as conn:
        return list(conn.iterdump())


def group(pgid: int) -> list[int]:
    """The live (not zombie) processes of process group ``pgid``."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # gone meanwhile
        if int(fields[2]) == pgid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def interrupted(
    args: list[str], marks: Path, how: str, paused: int, after: float | None = None
) -> tuple[int, str]:
    """Run the command with DEADLINES_TEST_PAUSE=``how``; once ``paused`` processes wait at the
    pause, send SIGINT to its process group (as a terminal does), then let them go; or (``after``
    seconds) let them go, then send it. The exit code and stderr; asserts that no process of the
    group is left."""
    marks.mkdir()
    env = {
        **os.environ,
        "PYTHONPATH": str(PAUSE),
        "DEADLINES_TEST_PAUSE": how,
        "DEADLINES_TEST_MARKS": str(marks),
        "DEADLINES_LANG": "en",
    }
    proc = subprocess.Popen(
        [str(SCRIPT), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
    )
    try:
        end = time.monotonic() + BOUND
        while len(list(marks.glob("paused-*"))) < paused:
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < end, "the processes never paused"
            time.sleep(0.02)
        if after is not None:
            (marks / "go").touch()
            time.sleep(after)
        os.killpg(proc.pid, signal.SIGINT)
        (marks / "go").touch()
        _, err = proc.communicate(timeout=BOUND)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
    assert not list(marks.glob("interrupted-*")), err
    end = time.monotonic() + BOUND
    while group(proc.pid):  # the last worker may take a moment to go after the command
        assert time.monotonic() < end, f"left behind: {group(proc.pid)}"
        time.sleep(0.05)
    return proc.returncode, err


def loan_store(tmp_path: Path, n: int) -> Path:
    db = tmp_path / "t.db"
    src = tmp_path / "loans.jsonl"
    src.write_text("\n".join(loans(n)) + "\n", encoding="utf-8")
    store, _, _ = init_store(db)
    with store:
        importer.import_file(store, src)
    return db


def test_ctrl_c_while_recompute_workers_start(tmp_path: Path) -> None:
    """2,100 cases: two ranges, so two workers start; each is stopped before it runs any of the
    project's code, and the interrupt comes then. Every due date would move (10 working days
    instead of 20), so a half-written store would show."""
    db = loan_store(tmp_path, 2100)
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "local.toml").write_text(
        '[[override]]\nid = "credit.small-loan"\nperiod = "10 working days"\n', encoding="utf-8"
    )
    before = dump(db)
    args = ["recompute", "--rules", str(rules), "--jobs", "2", "--db", str(db)]
    code, err = interrupted(args, tmp_path / "marks", "spawn", paused=2)
    assert (code, err.strip().splitlines()) == (1, ["Aborted."])
    assert dump(db) == before


@pytest.mark.parametrize("after", [0.0, 0.3])
def test_ctrl_c_while_recompute_workers_run(tmp_path: Path, after: float) -> None:
    """Later: the workers started and computing, the writer writing (nothing moves, so the store
    is the same whether the recompute was aborted or, on a fast machine, done first)."""
    db = loan_store(tmp_path, 2100)
    before = dump(db)
    args = ["recompute", "--jobs", "2", "--db", str(db)]
    code, err = interrupted(args, tmp_path / "marks", "spawn", paused=2, after=after)
    saved = (
        "Aborted: the changes made before were saved to the store; only the output is cut short."
    )
    # aborted while computing, or while printing after the commit, or done first
    assert (code, err.strip().splitlines()) in ((1, ["Aborted."]), (1, [saved]), (0, []))
    assert dump(db) == before


def test_a_recompute_killed_outright_leaves_no_worker_behind(tmp_path: Path) -> None:
    """kill -9 (or the out-of-memory killer) of the recompute as its two workers start: they
    end too (and the resource tracker after them), instead of waiting for ranges for ever."""
    db = loan_store(tmp_path, 2100)
    marks = tmp_path / "marks"
    marks.mkdir()
    env = {**os.environ, "PYTHONPATH": str(PAUSE), "DEADLINES_TEST_MARKS": str(marks)}
    proc = subprocess.Popen(
        [str(SCRIPT), "recompute", "--jobs", "2", "--db", str(db)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**env, "DEADLINES_TEST_PAUSE": "spawn"},
        start_new_session=True,
    )
    try:
        end = time.monotonic() + BOUND
        while len(list(marks.glob("paused-*"))) < 2:
            assert proc.poll() is None and time.monotonic() < end, "the workers never paused"
            time.sleep(0.02)
        proc.kill()
        assert proc.wait(timeout=BOUND) == -signal.SIGKILL
        (marks / "go").touch()
        end = time.monotonic() + BOUND
        while left := group(proc.pid):
            assert time.monotonic() < end, f"left behind: {left}"
            time.sleep(0.05)
    finally:
        for pid in group(proc.pid):
            os.kill(pid, signal.SIGKILL)


def test_ctrl_c_as_the_import_forks(tmp_path: Path) -> None:
    """A file of 8 MiB or more is prepared by forked workers (or, where one CPU is all there is,
    checked in a forked child); the interrupt comes as a child comes out of the fork. The file is
    blank lines only: the writer, which waits for the paused children, is then surely reading or
    waiting (not in the rules engine, where durable-rules logs an interrupt that hits its own
    callback, a separate matter)."""
    src = tmp_path / "big.jsonl"
    src.write_text(("\n" + " " * 1_000_000) * 9 + "\n", encoding="utf-8")
    assert src.stat().st_size > importer.PRECHECK_BYTES
    db = tmp_path / "t.db"
    init_store(db)[0].close()
    before = dump(db)
    code, err = interrupted(["import", str(src), "--db", str(db)], tmp_path / "m", "fork", 1)
    assert (code, err.strip().splitlines()) == (1, ["Aborted."])
    assert dump(db) == before


def test_ctrl_c_after_the_command_is_done_is_not_a_traceback(tmp_path: Path) -> None:
    """A Ctrl-C in the interpreter's teardown, when the command has said its last word (here from
    an exit handler, where multiprocessing joins its helpers): the run succeeded and says so,
    exit 0 and its output, no "Exception ignored ... KeyboardInterrupt" traceback, no death by
    the signal. 20 working days strictly after Tue 2026-02-10: 2/11-2/13 (3), Sat 2/14 worked
    (4), 春节 2/15-2/23 off, 2/24-2/27 (8), Sat 2/28 worked (9), 3/2-3/6 (14), 3/9-3/13 (19),
    Mon 3/16 (20)."""
    late = tmp_path / "late"
    late.mkdir()
    (late / "sitecustomize.py").write_text(
        "import atexit, os, signal, time\n"
        "def _late():\n"
        "    os.kill(os.getpid(), signal.SIGINT)\n"
        "    time.sleep(0.2)\n"
        "atexit.register(_late)\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": str(late), "DEADLINES_LANG": "en"}
    args = [str(SCRIPT), "due", "20wd", "--from", "2026-02-10", "--format", "json"]
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=BOUND)
    assert (done.returncode, done.stderr) == (0, "")
    assert json.loads(done.stdout)["due"] == "2026-03-16"
