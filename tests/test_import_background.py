"""A big file is checked row by row in a second process while this one writes it (issue 11).

What a user sees must not change: the same one-line refusal (a row bad on its own, the first in
the file, wins over a fault the write meets between rows), nothing written on any refusal, the
same stored rows when the file is clean, and a clean error when the checking process dies.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from deadlines.errors import StoreError
from deadlines.store import background, importer
from deadlines.store.database import init_store

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
AS_OF = dt.date(2026, 11, 30)
NOW = "2026-11-30T09:00:00+08:00"
ACTIVE_COUNT = threading.active_count


def dump(db: Path) -> list[str]:
    """Every table's rows but the schema's own (its migrations' times)."""
    with sqlite3.connect(db) as conn:
        return [r for r in conn.iterdump() if not r.startswith('INSERT INTO "deadlines_schema"')]


def lines(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def loans(n: int) -> list[dict[str, str]]:
    """n loan cases, each received on Monday 2026-03-02."""
    out = []
    for i in range(n):
        out.append({"record": "case", "case": f"L{i}", "kind": "loan", "unit": "石嘴山银行"})
        out.append(
            {
                "record": "event",
                "case": f"L{i}",
                "type": "loan.application-received",
                "on": "2026-03-02",
            }
        )
    return out


def refusal(tmp_path: Path, src: Path, name: str, **kw: Any) -> tuple[str, list[str]]:
    """The error importing ``src`` into a new store ``name`` gives, and the store after it."""
    db = tmp_path / name
    store, _, _ = init_store(db)
    with store:
        before = dump(db)
        with pytest.raises(StoreError) as caught:
            importer.import_file(store, src, as_of=AS_OF, **kw)
    after = dump(db)
    assert after == before  # nothing written
    return str(caught.value), after


@pytest.fixture(autouse=True)
def forkable(monkeypatch: pytest.MonkeyPatch) -> None:
    """The check forks even though the tests' process runs threads (durable-rules' timers, once
    a test has evaluated a case), which makes the importer check first, here, instead."""
    monkeypatch.setattr(background.threading, "active_count", lambda: 1)


@pytest.fixture
def big(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file counts as big: checked whole, in the background."""
    monkeypatch.setattr(importer, "PRECHECK_BYTES", 0)


@pytest.fixture
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importer, "china_now", lambda: NOW)


@pytest.mark.usefixtures("big")
def test_a_bad_last_row_stops_the_write_at_the_checks_verdict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = lines(
        tmp_path / "big.jsonl", [*loans(600), {"record": "case", "case": "X", "kind": "lawsuit"}]
    )
    checks: list[background.BackgroundCheck] = []
    real_init = background.BackgroundCheck.__init__

    def init(self: background.BackgroundCheck, *args: Any) -> None:
        real_init(self, *args)
        checks.append(self)

    monkeypatch.setattr(background.BackgroundCheck, "__init__", init)
    chunks: list[int] = []
    real_apply = importer._apply

    def apply(*args: Any) -> None:
        checks[0].bad(wait=True)  # the check has finished before the first chunk is written
        chunks.append(len(args[1]))
        real_apply(*args)

    monkeypatch.setattr(importer, "_apply", apply)
    message, _ = refusal(tmp_path, src, "t.db", chunk_rows=100)
    assert message.startswith(f"{src}:1201: unknown case kind 'lawsuit'")
    assert "(nothing imported; fix the row or use --skip-bad)" in message
    assert chunks == [100]  # the write stopped at the first chunk's end, not at the file's


def test_the_background_check_says_what_the_check_before_the_write_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An event of an unknown case (line 3, found by the write) and a date that is no date on
    the last line (bad on its own, found by the check): the last line is reported, whether the
    check runs in the background, first in this process (no fork) or not at all (a small file
    reports the first fault the write meets)."""
    rows = [
        *loans(1),
        {
            "record": "event",
            "case": "NOPE",
            "type": "loan.application-received",
            "on": "2026-03-02",
        },
        *loans(300)[2:],
        {"record": "event", "case": "L7", "type": "loan.decided", "on": "2026-02-30"},
    ]
    src = lines(tmp_path / "f.jsonl", rows)
    last = len(rows)
    monkeypatch.setattr(importer, "PRECHECK_BYTES", 0)
    background_said, _ = refusal(tmp_path, src, "a.db", chunk_rows=50)
    assert background_said.startswith(f"{src}:{last}: ")
    assert "2026-02-30" in background_said
    monkeypatch.setattr(importer, "can_fork", lambda: False)
    first_said, _ = refusal(tmp_path, src, "b.db", chunk_rows=50)
    assert background_said == first_said
    monkeypatch.setattr(importer, "PRECHECK_BYTES", 10**9)
    small_said, _ = refusal(tmp_path, src, "c.db", chunk_rows=50)
    assert small_said.startswith(f"{src}:3: ") and "NOPE" in small_said


@pytest.mark.usefixtures("big")
def test_a_fault_between_rows_of_a_clean_file_is_the_writes(tmp_path: Path) -> None:
    rows = [
        *loans(200),
        {
            "record": "event",
            "case": "NOPE",
            "type": "loan.application-received",
            "on": "2026-03-02",
        },
    ]
    src = lines(tmp_path / "f.jsonl", rows)
    said, _ = refusal(tmp_path, src, "t.db", chunk_rows=50)
    assert said.startswith(f"{src}:{len(rows)}: ") and "NOPE" in said


@pytest.mark.usefixtures("big", "english")
def test_a_killed_check_is_a_clean_error_and_leaves_the_store_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = os.getpid()

    def die(*args: object) -> None:  # runs in the forked child only
        assert os.getpid() != parent, "the check ran in the test's own process"
        os.kill(os.getpid(), signal.SIGKILL)

    monkeypatch.setattr(importer, "_precheck", die)
    src = lines(tmp_path / "f.jsonl", loans(50))
    said, _ = refusal(tmp_path, src, "t.db", chunk_rows=20)
    assert said == (
        f"{src}: the process checking the file row by row stopped unexpectedly (exit code -9);"
        " nothing imported: run the import again"
    )


@pytest.mark.usefixtures("fixed_now")
@pytest.mark.parametrize("name", ["sample.jsonl", "sample.csv"])
def test_the_stored_rows_are_those_of_the_plain_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """Imported into a new store, then again (every row already there: nothing changes)."""
    results = []
    for size in (10**9, 0):  # the plain path, then the background check
        monkeypatch.setattr(importer, "PRECHECK_BYTES", size)
        db = tmp_path / f"s{size}.db"
        store, _, _ = init_store(db)
        with store:
            first = importer.import_file(store, SEEDS / name, as_of=AS_OF, chunk_rows=7)
            stored = dump(db)
            again = importer.import_file(store, SEEDS / name, as_of=AS_OF, chunk_rows=7)
        assert dump(db) == stored
        results.append((stored, first, again))
    assert results[0] == results[1]
    assert results[0][1].cases > 0 and results[0][2].unchanged > 0


@pytest.mark.usefixtures("big")
def test_with_other_threads_running_the_check_runs_first_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A process running other threads is not forked: the check runs before the write, which
    then writes nothing at all."""
    monkeypatch.setattr(threading, "active_count", ACTIVE_COUNT)  # the real thread count
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)
    other.start()
    try:
        assert not background.can_fork()
        applied: list[int] = []
        monkeypatch.setattr(importer, "_apply", lambda *a: applied.append(1))
        src = lines(
            tmp_path / "f.jsonl", [*loans(50), {"record": "case", "case": "X", "kind": "lawsuit"}]
        )
        said, _ = refusal(tmp_path, src, "t.db", chunk_rows=10)
        assert said.startswith(f"{src}:101: unknown case kind 'lawsuit'")
        assert applied == []
    finally:
        stop.set()
        other.join()


# A program of its own. Python 3.12+ warns (DeprecationWarning) when a process running other
# threads forks: shown always here (under -W error, os.fork swallows it), every other warning an
# error. The program records every fork it makes.
PROGRAM = """
import datetime as dt, os, sys, threading
from deadlines.store import importer
from deadlines.store.database import init_store

forks = []
os.register_at_fork(before=lambda: forks.append(1))
importer.PRECHECK_BYTES = 0  # checked whole, in a second process where that is safe
importer.china_now = lambda: sys.argv[3]
stop = threading.Event()
other = threading.Thread(target=stop.wait)
if sys.argv[4] == "thread":
    other.start()
store, _, _ = init_store(sys.argv[1])
with store:
    importer.import_file(store, sys.argv[2], as_of=dt.date(2026, 11, 30), chunk_rows=7)
stop.set()
print(len(forks))
"""


@pytest.mark.usefixtures("fixed_now")
@pytest.mark.parametrize(("thread", "forks"), [("thread", "0"), ("alone", "1")])
def test_a_program_running_a_thread_does_not_fork_and_stores_the_same(
    tmp_path: Path, thread: str, forks: str
) -> None:
    """With another thread running, import_file does not fork (no warning) and stores what the
    plain import stores; alone, it forks its check once."""
    plain = tmp_path / "plain.db"
    store, _, _ = init_store(plain)
    with store:
        importer.import_file(store, SEEDS / "sample.jsonl", as_of=AS_OF, chunk_rows=7)
    db = tmp_path / "t.db"
    args = [str(db), str(SEEDS / "sample.jsonl"), NOW, thread]
    done = subprocess.run(
        [sys.executable, "-W", "error", "-W", "always::DeprecationWarning", "-c", PROGRAM, *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stderr, done.stdout) == (0, "", f"{forks}\n")
    assert dump(db) == dump(plain)
