"""A recompute in worker processes (deadlines.store.parallel) stores and reports exactly what one
process does; a preview writes nothing; a failing or dying worker leaves the store as it was.

Dates are hand-worked (2026: no holiday in March). Loans received Mon 03-02 .. Fri 03-06:
20 working days (the plan's credit.small-loan) after them are Mon 03-30, Tue 03-31, Wed 04-01,
Thu 04-02, Fri 04-03; 10 working days are Mon 03-16, Tue 03-17, Wed 03-18, Thu 03-19, Fri 03-20.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from contextlib import suppress
from pathlib import Path

import pytest

from deadlines.errors import DeadlineError, StoreError
from deadlines.store import config
from deadlines.store.database import Move, init_store, open_store

RECEIVED = ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06"]
PLAN = dict(
    zip(
        RECEIVED,
        ["2026-03-30", "2026-03-31", "2026-04-01", "2026-04-02", "2026-04-03"],
        strict=True,
    )
)
TEN = dict(
    zip(
        RECEIVED,
        ["2026-03-16", "2026-03-17", "2026-03-18", "2026-03-19", "2026-03-20"],
        strict=True,
    )
)
RULE = "credit.small-loan"
AS_OF = dt.date(2026, 3, 6)  # every loan received, none due yet
CLI = [sys.executable, "-c", "from deadlines.cli import main; main()"]


def build(path: Path, n: int) -> list[tuple[str, str]]:
    """A store of ``n`` loans (L00, L01, ...) received on the five days in turn."""
    cases = [(f"L{i:02d}", RECEIVED[i % 5]) for i in range(n)]
    store, _, _ = init_store(path)
    with store:
        for cid, on in cases:
            store.add_case(
                cid, "loan", {"lender": "local-legal-person-bank", "amount_yuan": 5_000_000}, "银行"
            )
            store.add_event(cid, "loan.application-received", dt.date.fromisoformat(on))
    return cases


def folder(tmp_path: Path, name: str, text: str) -> tuple[str, ...]:
    d = tmp_path / name
    d.mkdir()
    (d / "local.toml").write_text(f'[[override]]\nid = "{RULE}"\n{text}\n', encoding="utf-8")
    return (str(d),)


def recompute(db: Path, rules: tuple[str, ...], **kw: object) -> list[Move]:
    with open_store(db, check_config=False) as store:
        return store.recompute(AS_OF, adopt=config.make(rules, None), chunk=2, **kw)  # type: ignore[arg-type]


def said(moves: list[Move]) -> list[tuple[str, str, str | None, str | None]]:
    return [
        (
            m.change,
            m.case_id,
            m.old_due and m.old_due.isoformat(),
            m.new_due and m.new_due.isoformat(),
        )
        for m in moves
    ]


def rows(db: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """The stored obligations and date moves, but for the times they were written."""
    with sqlite3.connect(db) as conn:
        obligations = conn.execute(
            "SELECT case_id, rule_id, instance, rule_version, unit, kind, trigger, trigger_date,"
            " due, provisional, basis, calendar, calendar_version, status, completed_on, missing"
            " FROM obligations ORDER BY case_id, rule_id, instance"
        ).fetchall()
        moves = conn.execute(
            "SELECT seq, case_id, rule_id, instance, old_due, new_due, reason, settled"
            " FROM date_moves ORDER BY seq"
        ).fetchall()
    return obligations, moves


def snapshot(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return list(conn.iterdump())


def test_workers_store_and_report_exactly_what_one_process_does(tmp_path: Path) -> None:
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    cases = build(one, 7)  # four ranges of two cases
    shutil.copy(one, two)
    ten = folder(tmp_path, "ten", 'period = "10 working days"')
    off = folder(tmp_path, "off", "enabled = false")
    steps = [
        (ten, [("moved", c, PLAN[on], TEN[on]) for c, on in cases]),
        (off, [("removed", c, TEN[on], None) for c, on in cases]),
        ((), [("added", c, None, PLAN[on]) for c, on in cases]),
    ]
    for rules, expected in steps:
        serial = recompute(one, rules, jobs=1)
        parallel = recompute(two, rules, jobs=2)
        assert said(serial) == expected
        assert parallel == serial
        assert rows(two) == rows(one)
    assert len(rows(one)[1]) == 14  # seven moved dates, seven duties gone


def test_a_parallel_preview_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    cases = build(db, 5)
    before = snapshot(db)
    ten = folder(tmp_path, "ten", 'period = "10 working days"')
    moves = recompute(db, ten, jobs=2, preview=True)
    assert said(moves) == [("moved", c, PLAN[on], TEN[on]) for c, on in cases]
    assert snapshot(db) == before


def test_a_worker_error_is_the_one_process_error_and_nothing_is_written(tmp_path: Path) -> None:
    """A year file that cannot be read is found by the worker that first needs 2026: the writer
    raises the same error as a recompute in one process, and the store is as it was."""
    db = tmp_path / "t.db"
    build(db, 5)
    bad = tmp_path / "calendars"
    (bad / "cn").mkdir(parents=True)
    (bad / "cn" / "2026.toml").write_text("year = 2026\nnot toml\n", encoding="utf-8")
    before = snapshot(db)
    errors = []
    for jobs in (1, 2):
        with open_store(db, check_config=False) as store, pytest.raises(DeadlineError) as caught:
            store.recompute(AS_OF, adopt=config.make((), str(bad)), chunk=2, jobs=jobs)
        errors.append((type(caught.value), caught.value.in_lang("zh"), str(caught.value)))
        assert snapshot(db) == before
    assert errors[0] == errors[1]
    assert "2026.toml" in errors[1][2]
    done = subprocess.run(
        [
            *CLI,
            "recompute",
            "--calendars",
            str(bad),
            "--jobs",
            "2",
            "--db",
            str(db),
            "--lang",
            "en",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.splitlines() == [f"Error: {errors[1][2]}"]  # one line, no traceback
    assert snapshot(db) == before


def test_a_worker_that_dies_aborts_the_recompute_and_nothing_is_written(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    build(db, 30)
    before = snapshot(db)
    ten = folder(tmp_path, "ten", 'period = "10 working days"')

    def kill_workers(n: int) -> None:
        for child in multiprocessing.active_children():
            with suppress(ProcessLookupError):  # gone since it was listed (done, or killed)
                os.kill(child.pid or 0, signal.SIGKILL)

    with open_store(db, check_config=False) as store, pytest.raises(StoreError) as caught:
        store.recompute(AS_OF, adopt=config.make(ten, None), chunk=1, jobs=2, progress=kill_workers)
    assert "worker process" in str(caught.value) and "nothing was written" in str(caught.value)
    assert snapshot(db) == before


def test_a_small_store_is_recomputed_without_worker_processes(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    build(db, 3)
    seen: list[list[multiprocessing.Process]] = []
    with open_store(db) as store:
        store.recompute(
            AS_OF, chunk=1, progress=lambda n: seen.append(multiprocessing.active_children())
        )
    assert seen == [[], [], []]
