"""The store's mechanics, independent of the rules: schema and migrations, refusals, append-only
events, corrections, locking, and the notices' bookkeeping. A tiny fake evaluator stands in for
the rules engine here; the end-to-end tests (test_cli_store_*.py) use the real one."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from pathlib import Path

import pytest

from deadlines.errors import StoreError
from deadlines.model import Basis, Case, Obligation
from deadlines.notices import daily as nt
from deadlines.notices.contract import notice_id
from deadlines.rules.explain import obligation_steps, stale
from deadlines.store.database import SCHEMA_VERSION, init_store, open_store


def fake_evaluator(case: Case, as_of: dt.date) -> Sequence[Obligation]:
    """One deadline 10 calendar days after each filing, met by a later 'decided' event."""
    out = []
    done = [e.on for e in case.events if e.type == "loan.decided"]
    for e in case.events:
        if e.type == "loan.application-received":
            due = e.on + dt.timedelta(days=10)
            out.append(
                Obligation(
                    case_id=case.id,
                    rule_id="fake.rule",
                    rule_version="v1",
                    clause="二.八.48",
                    title_zh="假规则",
                    title_en="fake rule",
                    unit="单位甲",
                    kind="deadline",
                    instance="",
                    trigger=e.type,
                    trigger_date=e.on,
                    due=due,
                    provisional=False,
                    basis=Basis(period="10 days"),
                    calendar="cn-nx",
                    calendar_version="test",
                    status="pending",
                    completed_on=done[0] if done else None,
                )
            )
    return out


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "s.db"
    store, before, after = init_store(path, evaluator=fake_evaluator)
    store.close()
    assert (before, after) == (0, SCHEMA_VERSION)
    return path


def test_wal_and_version(db: Path) -> None:
    with open_store(db) as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.schema_version() == SCHEMA_VERSION


def test_older_store_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    open_store(path, create=True, upgrade_to=1).close()
    with sqlite3.connect(path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert "cases" in tables and "notices" not in tables
    store, before, after = init_store(path)
    store.close()
    assert (before, after) == (1, SCHEMA_VERSION)
    with open_store(path) as store:
        assert store.conn.execute("SELECT COUNT(*) FROM notices").fetchone()[0] == 0


def test_newer_store_is_refused(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute(
            "INSERT INTO deadlines_schema VALUES (?, 'from the future', '2030-01-01')",
            (SCHEMA_VERSION + 1,),
        )
    with pytest.raises(StoreError, match="newer than this program"):
        open_store(db)


def test_not_a_store_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_text("hello, not sqlite " * 100)
    with pytest.raises(StoreError, match="not a deadlines store"):
        open_store(junk)
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    with pytest.raises(StoreError, match="not a deadlines store"):
        open_store(other)
    with pytest.raises(StoreError, match="deadlines init"):
        open_store(tmp_path / "missing.db")


def test_events_are_append_only(db: Path) -> None:
    with open_store(db, evaluator=fake_evaluator) as store:
        store.add_case("L1", "loan", {"amount_yuan": 5_000_000}, "单位乙")
        store.add_event("L1", "loan.application-received", dt.date(2026, 3, 2))
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            store.conn.execute("UPDATE events SET on_date = '2026-03-03'")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            store.conn.execute("DELETE FROM events")
        for sql in ("UPDATE event_rows SET on_date = '2026-03-03'", "DELETE FROM event_rows"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                store.conn.execute(sql)


def test_correction_supersedes_and_moves(db: Path) -> None:
    with open_store(db, evaluator=fake_evaluator) as store:
        store.add_case("L1", "loan", {}, "单位乙")
        eid, moves = store.add_event("L1", "loan.application-received", dt.date(2026, 3, 2))
        assert [m.change for m in moves] == ["added"]
        _, moves = store.add_event(
            "L1", "loan.application-received", dt.date(2026, 3, 5), supersedes=eid
        )
        assert [(m.change, m.old_due, m.new_due) for m in moves] == [
            ("moved", dt.date(2026, 3, 12), dt.date(2026, 3, 15))
        ]
        history = store.stored_events("L1")
        assert [e.superseded_by for e in history] == ["L1#2", None]
        with pytest.raises(StoreError, match="already superseded"):
            store.add_event("L1", "loan.application-received", dt.date(2026, 3, 6), supersedes=eid)


def test_recompute_rewrites_only_obligations_that_changed(db: Path) -> None:
    old = "2000-01-01T00:00:00+08:00"
    with open_store(db, evaluator=fake_evaluator) as store:
        store.add_case("L1", "loan", {}, "单位乙")
        store.add_case("L2", "loan", {}, "单位乙")
        eid, _ = store.add_event("L1", "loan.application-received", dt.date(2026, 3, 2))
        store.add_event("L2", "loan.application-received", dt.date(2026, 3, 2))
        store.conn.execute("UPDATE obligation_rows SET computed = unixepoch(?)", (old,))
        assert store.recompute(dt.date(2026, 3, 20)) == []
        store.add_event("L1", "loan.application-received", dt.date(2026, 3, 5), supersedes=eid)
        rows = store.conn.execute(
            "SELECT case_id, due, computed_at = ? FROM obligations ORDER BY case_id", (old,)
        ).fetchall()
    # L1's filing moved to 5 March: due 10 calendar days later; L2's row was left as it was
    assert rows == [("L1", "2026-03-15", 0), ("L2", "2026-03-12", 1)]


def test_bad_inputs_leave_store_unchanged(db: Path) -> None:
    with open_store(db, evaluator=fake_evaluator) as store:
        store.add_case("L1", "loan", {}, None)
        store.add_event("L1", "loan.application-received", dt.date(2026, 3, 2))
        before = store.counts()
        cases = [
            (("L2", "loan.application-received", dt.date(2026, 3, 2)), "unknown case"),
            (("L1", "loan.decide", dt.date(2026, 3, 2)), "did you mean 'loan.decided'"),
            (("L1", "enforcement.filed", dt.date(2026, 3, 2)), "does not apply"),
            (("L1", "loan.decided", dt.date(2026, 3, 1)), "before the case's trigger"),
            (("L1", "loan.decided", dt.date(2099, 3, 1)), "in the future"),
            (("L1", "loan.application-received", dt.date(2026, 3, 9)), "--supersedes"),
        ]
        for args, message in cases:
            with pytest.raises(StoreError, match=message):
                store.add_event(*args)
            assert store.counts() == before
        with pytest.raises(StoreError, match="unknown case kind 'lone'"):
            store.add_case("L9", "lone")
        with pytest.raises(StoreError, match="already exists"):
            store.add_case("L1", "loan")
        assert store.counts() == before


def test_locked_store_gives_a_clear_error(db: Path) -> None:
    blocker = sqlite3.connect(db, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        with open_store(db, busy_timeout=0.2) as store, pytest.raises(StoreError, match="locked"):
            store.add_case("L1", "loan")
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()


def test_notice_ids_recorded_once(db: Path) -> None:
    with open_store(db, evaluator=fake_evaluator) as store:
        store.add_case("L1", "loan", {}, "单位乙")
        store.add_event("L1", "loan.application-received", dt.date(2026, 3, 2))
        # due 2026-03-12 (Thu); on 03-10 it is due within three working days
        looked = nt.remind(store, dt.date(2026, 3, 10))
        assert [(n.kind, n.new) for n in looked.notices] == [("due-soon", True)]
        assert not looked.recorded
        first = nt.remind(store, dt.date(2026, 3, 10), send_new=True)
        assert [(n.kind, n.new) for n in first.notices] == [("due-soon", True)]
        again = nt.remind(store, dt.date(2026, 3, 10), send_new=True)
        assert [(n.kind, n.new) for n in again.notices] == [("due-soon", False)]
        assert again.notices[0].id == first.notices[0].id == looked.notices[0].id
        late = nt.remind(store, dt.date(2026, 3, 16), send_new=True)
        assert [(n.kind, n.new, n.days) for n in late.notices] == [("overdue", True, 4)]
        # a future day can be looked at, not sent
        preview = nt.remind(store, dt.date.today() + dt.timedelta(days=30))
        assert not preview.recorded
        with pytest.raises(StoreError, match="after today"):
            nt.remind(store, dt.date.today() + dt.timedelta(days=30), send_new=True)


def test_crash_in_import_loses_and_doubles_nothing(db: Path, tmp_path: Path) -> None:
    from deadlines.store.importer import import_file

    src = tmp_path / "cases.csv"
    src.write_text(
        "record,case,kind,unit,facts,type,on\n"
        + "".join(
            f"case,L{i},loan,,,,\nevent,L{i},,,,loan.application-received,2026-03-0{i}\n"
            for i in range(1, 6)
        ),
        encoding="utf-8",
    )
    calls = 0

    def crashing(case: Case, as_of: dt.date) -> Sequence[Obligation]:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise RuntimeError("power cut")
        return fake_evaluator(case, as_of)

    with open_store(db, evaluator=crashing) as store:
        with pytest.raises(RuntimeError, match="power cut"):
            import_file(store, src)
        assert store.counts() == {"cases": 0, "events": 0, "obligations": 0}
    with open_store(db, evaluator=fake_evaluator) as store:
        report = import_file(store, src)
        assert (report.cases, report.events, report.obligations) == (5, 5, 5)


def test_crash_in_remind_records_nothing(db: Path) -> None:
    with open_store(db, evaluator=fake_evaluator) as store:
        store.add_case("L1", "loan", {}, "单位乙")
        store.add_event("L1", "loan.application-received", dt.date(2026, 3, 2))

        def broken_pipe(run: nt.RemindRun) -> None:
            raise BrokenPipeError("the mail job died while reading")

        with pytest.raises(BrokenPipeError):
            nt.remind(store, dt.date(2026, 3, 16), emit=broken_pipe, send_new=True)
        # nothing was recorded: the next run emits the same notice, same id, as new
        run = nt.remind(store, dt.date(2026, 3, 16), send_new=True)
        assert [(n.kind, n.new) for n in run.notices] == [("overdue", True)]
        assert store.conn.execute("SELECT COUNT(*) FROM runs").fetchone()[0] == 1


def test_today_is_china_whatever_the_server_zone() -> None:
    import os
    import subprocess
    import sys
    from datetime import datetime
    from zoneinfo import ZoneInfo

    root = Path(__file__).resolve().parent.parent
    for tz in ("Pacific/Honolulu", "Pacific/Kiritimati", "UTC"):
        out = subprocess.run(
            [
                sys.executable,
                "-c",
                "from deadlines.store.database import china_today; print(china_today())",
            ],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "TZ": tz, "PYTHONPATH": str(root)},
        ).stdout.strip()
        assert out == datetime.now(ZoneInfo("Asia/Shanghai")).date().isoformat()


def test_china_time_is_the_tz_database_shanghai_for_every_date_since_1992() -> None:
    """CHINA is a fixed UTC+8 (no zoneinfo to import at each command): the tz database's
    Asia/Shanghai has had no daylight saving time since 1991, so both give the same wall time and
    date at every instant after, the day boundary (16:00 UTC) included; in 1991's summer they
    differ, which is where a fixed offset stops being right."""
    from datetime import UTC, datetime, timedelta
    from zoneinfo import ZoneInfo

    from deadlines.store.database import CHINA

    shanghai = ZoneInfo("Asia/Shanghai")
    for year in range(1992, 2101):
        for month in range(1, 13):
            for at in (
                datetime(year, month, 1, 15, 59, 59, tzinfo=UTC),
                datetime(year, month, 1, 16, tzinfo=UTC),
            ):
                ours, theirs = at.astimezone(CHINA), at.astimezone(shanghai)
                assert ours.replace(tzinfo=None) == theirs.replace(tzinfo=None), at
                assert ours.utcoffset() == theirs.utcoffset() == timedelta(hours=8)
    summer_1991 = datetime(1991, 7, 1, 16, tzinfo=UTC)
    assert summer_1991.astimezone(shanghai).utcoffset() == timedelta(hours=9)


def test_daily_run_reads_only_through_indexes(db: Path) -> None:
    """remind must cost what its notices cost: no statement it runs may scan a whole table."""
    with open_store(db, evaluator=fake_evaluator) as store:
        store.add_case("L1", "loan", {}, "单位乙")
        store.add_event("L1", "loan.application-received", dt.date(2026, 3, 2))
        seen: list[str] = []
        store.conn.set_trace_callback(seen.append)
        nt.remind(store, dt.date(2026, 3, 10), send_new=True)
        nt.remind(store, dt.date(2026, 3, 10))
        nt.overdue(store, dt.date(2026, 3, 16))
        store.conn.set_trace_callback(None)
        selects = [s for s in seen if s.lstrip().upper().startswith("SELECT")]
        assert selects
        # the date moves not yet settled are read through their partial index: their cost is
        # the moves since the last sending run, not the store's history
        # (and rule_versions holds one row per rule version: the rule set's size, not the store's)
        bounded = {"SCAN date_moves USING INDEX date_moves_open", "SCAN rule_versions"}
        for sql in selects:
            plan = store.conn.execute("EXPLAIN QUERY PLAN " + sql).fetchall()
            scans = [p[3] for p in plan if p[3].startswith("SCAN") and p[3] not in bounded]
            assert not scans, (sql, scans)


def test_upgrade_keeps_obligations_written_by_an_older_version(tmp_path: Path) -> None:
    """A version-3 store (clause and titles on every row, steps as plain texts) upgrades in place:
    the same obligation reads back, its stored steps gone; having no recorded inputs, it is
    marked until a recompute, which records them and explains the date."""
    path = tmp_path / "v3.db"
    open_store(path, create=True, upgrade_to=3).close()
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO cases VALUES ('L1', 'loan', NULL,"
            """ '{"amount_yuan": 1, "lender": "local-legal-person-bank"}', '2026-03-01')"""
        )
        conn.execute(
            "INSERT INTO events VALUES (1, 'L1#1', 'L1', 'loan.application-received',"
            " '2026-03-02', '2026-03-02', '', '{}', NULL)"
        )
        conn.execute(
            "INSERT INTO obligations VALUES ('L1', 'credit.small-loan', '', 'sha256:abc',"
            " '二.八.48', '授信时限', 'loan limit', '石嘴山银行', 'deadline',"
            " 'loan.application-received', '2026-03-02', '2026-03-30', 0,"
            " '[\"step one\", \"step two\"]', 'cn-nx', 'v', 'pending', NULL, 'x')"
        )
    with open_store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
        columns = {r[1] for r in store.conn.execute("PRAGMA table_info(obligations)")}
        (ob,) = store.obligations("L1")
    assert "texts" not in tables and "steps" not in columns
    assert (ob.clause, ob.title_zh, ob.due, ob.basis) == (
        "二.八.48",
        "授信时限",
        dt.date(2026, 3, 30),
        None,
    )
    assert {"rule", "calendar", "legacy"} <= {k.removeprefix("stale.") for k in stale(ob)}
    steps = obligation_steps(ob, "en", dt.date(2026, 3, 10))
    assert any("stored before explanations were derived" in s for s in steps)
    assert steps[-1] == "Pending as of 2026-03-10 (Tue)."
    with open_store(path) as store:
        store.recompute(dt.date(2026, 3, 10))
        (ob,) = store.obligations("L1")
    assert ob.basis is not None and stale(ob) == []
    assert obligation_steps(ob, "en", dt.date(2026, 3, 10))[-1] == "Pending as of 2026-03-10 (Tue)."


def test_a_version_4_store_keeps_what_it_sent_and_announces_a_move(tmp_path: Path) -> None:
    """Notices sent before version 5 (no run recorded with them) still count as sent, and a date
    they announced that moves gets one `moved` notice."""
    path = tmp_path / "v4.db"
    open_store(path, create=True, upgrade_to=4).close()
    # what a version-4 program left: a loan received 03-02, due 03-12 (the fake rule: 10 days),
    # and the overdue notice its remind recorded on 03-13
    overdue_id = notice_id("L1", "fake.rule", "", "overdue", dt.date(2026, 3, 12))
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO cases VALUES ('L1', 'loan', '单位乙', '{}', '2026-03-02')")
        conn.execute(
            "INSERT INTO events (id, case_id, type, on_date, recorded_at) VALUES"
            " ('L1#1', 'L1', 'loan.application-received', '2026-03-02', '2026-03-02')"
        )
        conn.execute("INSERT INTO rule_texts VALUES ('fake.rule', 'v1', '二.八.48', '假', 'f')")
        conn.execute(
            "INSERT INTO obligations VALUES ('L1', 'fake.rule', '', 'v1', '单位甲', 'deadline',"
            " 'loan.application-received', '2026-03-02', '2026-03-12', 0, '[]', 'cn-nx', 't',"
            " 'pending', NULL, '2026-03-02')"
        )
        conn.execute(
            "INSERT INTO notices VALUES (?, 'L1', 'fake.rule', '', 'overdue', '2026-03-12',"
            " '2026-03-13T07:00:00+08:00', '2026-03-13')",
            (overdue_id,),
        )
    with open_store(path, evaluator=fake_evaluator) as store:
        assert store.schema_version() == SCHEMA_VERSION
        run = nt.remind(store, dt.date(2026, 3, 16), send_new=True)
        assert [(n.id, n.new) for n in run.notices] == [(overdue_id, False)]
        # received in fact 03-04: due 03-14
        store.add_event("L1", "loan.application-received", dt.date(2026, 3, 4), supersedes="L1#1")
        run = nt.remind(store, dt.date(2026, 3, 16), send_new=True)
        assert [(n.kind, n.old_due, n.due) for n in run.new] == [
            ("moved", dt.date(2026, 3, 12), dt.date(2026, 3, 14)),
            ("overdue", None, dt.date(2026, 3, 14)),
        ]
        assert nt.remind(store, dt.date(2026, 3, 16), send_new=True).new == ()


def test_a_due_notice_sent_before_the_contract_is_not_sent_again_as_due_soon(db: Path) -> None:
    """Before the notice contract a 'due soon' notice had the kind 'due' (so another id): a store
    that sent it does not send it again after the upgrade; its due-today is new."""
    with open_store(db, evaluator=fake_evaluator) as store:
        store.add_case("L1", "loan", {}, "单位乙")
        store.add_event("L1", "loan.application-received", dt.date(2026, 3, 2))
        # due Thu 03-12 (fake rule: 10 days); on Tue 03-10 it was sent as kind 'due'
        old = notice_id("L1", "fake.rule", "", "due", dt.date(2026, 3, 12))
        store.conn.execute(
            "INSERT INTO notices (id, case_id, rule_id, instance, kind, due, first_emitted_at,"
            " first_as_of) VALUES (?, 'L1', 'fake.rule', '', 'due', '2026-03-12',"
            " '2026-03-10T07:00:00+08:00', '2026-03-10')",
            (old,),
        )
        run = nt.remind(store, dt.date(2026, 3, 11), send_new=True)
        assert [(n.kind, n.new) for n in run.notices] == [("due-soon", False)]
        run = nt.remind(store, dt.date(2026, 3, 12), send_new=True)
        assert [(n.kind, n.new) for n in run.notices] == [("due-today", True)]


def test_a_version_10_store_keeps_its_moves_and_then_records_a_duty_that_goes_away(
    tmp_path: Path,
) -> None:
    """Before version 11 a date move needed a new date; a store written then keeps its moves
    (seq, settled) and, upgraded, records a duty that goes away with no new date, and (version
    12) the unit and kind it had."""
    path = tmp_path / "v10.db"
    open_store(path, create=True, upgrade_to=10).close()
    move = (
        "INSERT INTO date_moves (seq, case_id, rule_id, instance, old_due, new_due, reason,"
        " recorded_at, settled) VALUES (7, 'L0', 'fake.rule', '', '2026-03-12', {}, '{{}}',"
        " '2026-03-02T09:00:00+08:00', 1)"
    )
    with sqlite3.connect(path) as conn:
        conn.execute(move.format("'2026-03-15'"))
        with pytest.raises(sqlite3.IntegrityError, match="NOT NULL"):
            conn.execute(move.format("NULL").replace("(7,", "(8,"))
    conn.close()
    with open_store(path, evaluator=fake_evaluator) as store:
        assert store.schema_version() == SCHEMA_VERSION
        kept = store.conn.execute("SELECT * FROM date_moves").fetchall()
        at = "2026-03-02T09:00:00+08:00"
        assert kept == [
            (7, "L0", "fake.rule", "", "2026-03-12", "2026-03-15", "{}", at, 1, *(None,) * 6)
        ]
        store.add_case("L1", "loan", {}, "单位乙")
        store.add_case("L2", "loan", {}, None)
        # fake rule: 10 days. L1 received 03-05 (due 03-15), L2 03-09 (due 03-19)
        store.add_event("L1", "loan.application-received", dt.date(2026, 3, 5))
        store.add_event("L2", "loan.application-received", dt.date(2026, 3, 9))
    # the rule is withdrawn: a recompute takes both duties away, each kept with no new date,
    # and with the unit and kind it had (L1's own unit wins over the rule's 单位甲), and (version
    # 13) its status, completion and trigger: both still ahead on 03-10, open
    with open_store(path, evaluator=lambda case, day: []) as store:
        store.recompute(dt.date(2026, 3, 10))
        after = store.conn.execute(
            "SELECT case_id, old_due, new_due, reason, settled, unit, duty, status, completed_on,"
            " trigger FROM date_moves WHERE seq > 7 ORDER BY case_id"
        ).fetchall()
    recompute, received = '{"cause": "recompute"}', "loan.application-received"
    assert after == [
        ("L1", "2026-03-15", None, recompute, 0, "单位乙", "deadline", "pending", None, received),
        ("L2", "2026-03-19", None, recompute, 0, "单位甲", "deadline", "pending", None, received),
    ]


def test_a_cancellation_lost_in_a_crash_is_sent_again_under_its_id(db: Path) -> None:
    """At least once, never twice: a sending run that dies after emitting a `cancelled` notice
    records nothing, the next emits the same id, and the one after emits nothing. The run reads
    only through indexes."""
    with open_store(db, evaluator=fake_evaluator) as store:
        store.add_case("L1", "loan", {}, "单位乙")
        store.add_event("L1", "loan.application-received", dt.date(2026, 3, 2))
        # due Thu 03-12 (fake rule: 10 days): overdue sent on Fri 03-13
        (overdue,) = nt.remind(store, dt.date(2026, 3, 13), send_new=True).new
    with open_store(db, evaluator=lambda case, day: []) as store:  # the rule is withdrawn
        store.recompute(dt.date(2026, 3, 16))

        def broken_pipe(run: nt.RemindRun) -> None:
            raise BrokenPipeError("the mail job died while reading")

        with pytest.raises(BrokenPipeError):
            nt.remind(store, dt.date(2026, 3, 16), emit=broken_pipe, send_new=True)
        seen: list[str] = []
        store.conn.set_trace_callback(seen.append)
        (gone,) = nt.remind(store, dt.date(2026, 3, 16), send_new=True).new
        store.conn.set_trace_callback(None)
        assert (gone.kind, gone.due, gone.old_due, gone.unit, gone.reason) == (
            "cancelled",
            dt.date(2026, 3, 12),
            dt.date(2026, 3, 12),
            "单位乙",
            {"cause": "recompute"},
        )
        assert (gone.clause, gone.title_zh) == ("二.八.48", "假规则")
        follows = notice_id("L1", "fake.rule", "", "cancelled", gone.due, follows=overdue.id)
        assert gone.id == follows
        assert nt.remind(store, dt.date(2026, 3, 16), send_new=True).new == ()
        assert nt.remind(store, dt.date(2026, 3, 17), send_new=True).new == ()
        for sql in (s for s in seen if s.lstrip().upper().startswith("SELECT")):
            plan = store.conn.execute("EXPLAIN QUERY PLAN " + sql).fetchall()
            scans = [p[3] for p in plan if p[3].startswith("SCAN")]
            assert scans in ([], ["SCAN date_moves USING INDEX date_moves_open"]), (sql, scans)


def test_a_version_12_removal_of_unknown_state_is_settled_without_a_notice(tmp_path: Path) -> None:
    """Before version 13 a duty that went away was kept without its state: it may have been done
    (or undetermined, and decided by a fact). Upgraded, no cancellation is sent for it (it could
    be false), and the move is settled."""
    path = tmp_path / "v12.db"
    open_store(path, create=True, upgrade_to=12).close()
    at = "2026-03-10T09:00:00+08:00"
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO notices (id, case_id, rule_id, instance, kind, due, first_emitted_at,"
            " first_as_of, run_seq) VALUES ('n1', 'L0', 'fake.rule', '', 'due-soon',"
            " '2026-03-12', ?, '2026-03-10', 1)",
            (at,),
        )
        conn.execute(
            "INSERT INTO date_moves (case_id, rule_id, instance, old_due, new_due, reason,"
            " recorded_at, unit, duty) VALUES ('L0', 'fake.rule', '', '2026-03-12', NULL,"
            " '{\"cause\": \"recompute\"}', ?, '单位乙', 'deadline')",
            (at,),
        )
    conn.close()
    with open_store(path, evaluator=fake_evaluator) as store:
        assert store.conn.execute("SELECT unit FROM notices").fetchall() == [(None,)]
        assert nt.remind(store, dt.date(2026, 3, 11), send_new=True).new == ()
        assert store.conn.execute("SELECT settled FROM date_moves").fetchall() == [(1,)]


def test_a_notice_recorded_before_version_13_has_its_cancellation_sent_to_the_duty_s_unit(
    db: Path,
) -> None:
    """A notice recorded before version 13 does not say its unit: the cancellation goes to the
    unit the duty had when it went away (after version 13, the unit the notice went to)."""
    with open_store(db, evaluator=fake_evaluator) as store:
        store.add_case("L1", "loan", {}, "单位乙")
        store.add_event("L1", "loan.application-received", dt.date(2026, 3, 2))
        # due Thu 03-12 (fake rule: 10 days): overdue sent on Fri 03-13, to 单位乙
        (overdue,) = nt.remind(store, dt.date(2026, 3, 13), send_new=True).new
        assert overdue.unit == "单位乙"
        assert store.conn.execute("SELECT unit FROM notices").fetchall() == [("单位乙",)]
        with store.transaction():
            store.conn.execute("UPDATE notices SET unit = NULL")  # as version 12 recorded it
        store.set_unit("L1", "单位丙")
    with open_store(db, evaluator=lambda case, day: []) as store:  # the rule is withdrawn
        store.recompute(dt.date(2026, 3, 16))
        (gone,) = nt.remind(store, dt.date(2026, 3, 16), send_new=True).new
    assert (gone.kind, gone.due, gone.unit) == ("cancelled", dt.date(2026, 3, 12), "单位丙")
