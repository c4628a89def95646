"""A store written at schema 9 (every text on every obligation and event row) upgrades in place to
the narrow rows of schema 10 and answers exactly as a store written at 10.

The sample cases are imported into a new store; its rows, as the views show them, are copied
into the tables of a version-9 store (the columns version 9 wrote), which is then opened (and
upgraded). Rows and the command line's answers must come out the same."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from deadlines.cli import main
from deadlines.store import import_file, init_store, open_store
from deadlines.store.database import SCHEMA_VERSION

SAMPLE = Path(__file__).resolve().parent.parent / "seeds" / "sample.jsonl"
CASES = "id, kind, unit, facts, created_at"
EVENTS = "seq, id, case_id, type, on_date, recorded_at, note, data, supersedes"
OBLIGATIONS = (
    "case_id, rule_id, instance, rule_version, unit, kind, trigger, trigger_date, due,"
    " provisional, basis, calendar, calendar_version, status, completed_on, computed_at, missing"
)
RULES = "rule_id, rule_version, clause, title_zh, title_en, period, direction"


def _read(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(path) as conn:
        return {
            "cases": conn.execute(f"SELECT {CASES} FROM cases ORDER BY id").fetchall(),
            "events": conn.execute(f"SELECT {EVENTS} FROM events ORDER BY seq").fetchall(),
            "obligations": conn.execute(
                f"SELECT {OBLIGATIONS} FROM obligations ORDER BY case_id, rule_id, instance"
            ).fetchall(),
        }


def _answers(path: Path) -> list[str]:
    runner = CliRunner()
    commands = [
        ["remind", "--as-of", "2026-06-15", "--format", "json"],
        ["remind", "--as-of", "2026-11-30", "--lang", "en"],
        ["next", "ZQ-2026-01", "--as-of", "2026-11-30", "--format", "json"],
        ["next", "XM-2026-031", "--as-of", "2026-02-02"],
        ["overdue", "--as-of", "2026-11-30", "--format", "json"],
        ["case", "list", "--as-of", "2026-03-02", "--format", "json"],
        ["case", "show", "ZQ-2026-01", "--as-of", "2026-11-30", "--format", "json"],
        ["case", "show", "XM-2026-031", "--as-of", "2026-11-30", "--lang", "en"],
    ]
    out = []
    for args in commands:
        result = runner.invoke(main, [*args, "--db", str(path)])
        assert result.exit_code == 0, (args, result.output)
        out.append(result.output)
    return out


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(a store written at the current schema, the same rows written as version 9 had them)."""
    folder = tmp_path_factory.mktemp("upgrade")
    new, old = folder / "new.db", folder / "v9.db"
    store, _, _ = init_store(new)
    with store:
        import_file(store, SAMPLE, as_of=dt.date(2026, 11, 30))
        # a corrected event, so that a superseded one and its successor are carried over too
        store.add_event(
            "ZQ-2026-01",
            "consultation.published",
            dt.date(2026, 11, 10),
            supersedes="ZQ-2026-01#1",
            as_of=dt.date(2026, 11, 30),
        )
    open_store(old, create=True, upgrade_to=9).close()
    with sqlite3.connect(old) as conn:
        conn.execute("ATTACH DATABASE ? AS n", (str(new),))
        conn.execute(f"INSERT INTO cases SELECT {CASES} FROM n.cases ORDER BY ref")
        conn.execute(f"INSERT INTO events SELECT {EVENTS} FROM n.events ORDER BY seq")
        conn.execute(f"INSERT INTO rule_texts SELECT {RULES} FROM n.rule_versions")
        conn.execute(
            f"INSERT INTO obligations ({OBLIGATIONS}) SELECT {OBLIGATIONS} FROM n.obligations"
        )
    conn.close()
    return new, old


def test_a_version_9_store_upgrades_to_the_same_rows(stores: tuple[Path, Path]) -> None:
    new, old = stores
    before = _read(old)
    assert len(before["obligations"]) > 900 and len(before["events"]) > 1400
    assert any(row[-1] is not None for row in before["events"])  # the correction
    assert any(row[5] == "recurring" for row in before["obligations"])
    assert any(row[13] == "undetermined" for row in before["obligations"])
    with open_store(old) as store:
        assert store.schema_version() == SCHEMA_VERSION
        kinds = dict(store.conn.execute("SELECT name, type FROM sqlite_master"))
        # the old wide rows' pages went back to the disk, not kept as free pages
        assert store.conn.execute("PRAGMA freelist_count").fetchone() == (0,)
    assert kinds["obligations"] == kinds["events"] == "view"
    assert "rule_texts" not in kinds
    assert _read(old) == before == _read(new)


def test_a_version_9_store_upgraded_gives_the_same_answers(stores: tuple[Path, Path]) -> None:
    new, old = stores
    open_store(old).close()
    assert _answers(old) == _answers(new)


def test_events_stay_append_only_after_the_upgrade(stores: tuple[Path, Path]) -> None:
    _, old = stores
    with open_store(old) as store:
        for sql in ("UPDATE event_rows SET note = 'x'", "DELETE FROM event_rows"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                store.conn.execute(sql)
