"""Is the store whole? ``deadlines check``: SQLite's own integrity check plus the program's
invariants; and ``deadlines backup``: a consistent copy through SQLite's online backup.

Opening a store runs the cheap checks only (the schema version table, and SQLite's quick_check
on a small file: ``database._inspect``); this reads everything, so it is run on demand, or
weekly from cron.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from deadlines.errors import StoreError
from deadlines.messages import Lang, text
from deadlines.store.checks import MAX_CASE_EVENTS
from deadlines.store.database import (
    SQLITE_HEADER,
    Store,
    checked_version,
    default_path,
    store_error,
)

# What the store's text checks refuse, as stored data would show it (written before them, or by
# hand): controls, format characters, surrogates, line separators.
_BAD_TEXT = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_ISO_DAY = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
# date(x, '+0 days') normalises an impossible day (2026-02-30 -> 2026-03-02); date(x) does not.

# (what is wrong: a key under check.inv., a query returning one row per offending item, its first
# column naming it)
INVARIANTS: tuple[tuple[str, str], ...] = (
    (
        "event_date",  # event dated with something that is not a real date
        f"SELECT id FROM events WHERE on_date NOT GLOB '{_ISO_DAY}' OR date(on_date, '+0 days') IS NOT on_date",
    ),
    (
        "event_other_case",  # event correcting an event of another case
        "SELECT e.id FROM events e JOIN events o ON o.id = e.supersedes WHERE o.case_id <> e.case_id",
    ),
    (
        "event_missing",  # event correcting an event that does not exist
        "SELECT e.id FROM events e WHERE e.supersedes IS NOT NULL"
        " AND NOT EXISTS (SELECT 1 FROM events o WHERE o.id = e.supersedes)",
    ),
    (
        "case_facts",  # case facts that are not a JSON object
        "SELECT id FROM cases WHERE NOT json_valid(facts) OR json_type(facts) <> 'object'",
    ),
    (
        "event_data",  # event data that is not a JSON object
        "SELECT id FROM events WHERE NOT json_valid(data) OR json_type(data) <> 'object'",
    ),
    (
        "case_events",  # case with more events than a case may hold
        f"SELECT case_id FROM events GROUP BY case_id HAVING COUNT(*) > {MAX_CASE_EVENTS}",
    ),
    (
        "ob_case",  # obligation of a case that does not exist
        "SELECT case_id || ' ' || rule_id FROM obligations o"
        " WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = o.case_id)",
    ),
    (
        "ob_due",  # obligation with a due date that is not a real date
        "SELECT case_id || ' ' || rule_id FROM obligations WHERE due IS NOT NULL"
        f" AND (due NOT GLOB '{_ISO_DAY}' OR date(due, '+0 days') IS NOT due)",
    ),
    (
        "ob_basis",  # obligation whose recorded inputs (basis) are not a JSON object
        "SELECT case_id || ' ' || rule_id FROM obligations WHERE basis IS NOT NULL"
        " AND basis <> '' AND (NOT json_valid(basis) OR json_type(basis) <> 'object')",
    ),
)


def check_store(
    path: str | os.PathLike[str] | None = None, limit: int = 20, lang: Lang = "en"
) -> list[str]:
    """Every problem found in the store at ``path`` (at most ``limit`` of each kind), said in
    ``lang``; [] when the file is whole and every invariant holds. Reads only; never repairs."""
    p = default_path(path)
    if not p.is_file():
        raise StoreError(key="store.no_file", path=str(p))
    with p.open("rb") as f:
        if f.read(16) != SQLITE_HEADER:
            return [text("check.not_sqlite", lang, path=str(p))]
    try:
        conn = sqlite3.connect(p, isolation_level=None)
    except sqlite3.Error as exc:
        raise store_error(exc, p, "opening") from None
    try:
        return list(_problems(conn, p, limit, lang))
    except sqlite3.DatabaseError as exc:
        return [text("check.unreadable", lang, reason=exc)]
    finally:
        conn.close()


def _problems(conn: sqlite3.Connection, path: Path, limit: int, lang: Lang) -> Iterator[str]:
    rows = conn.execute(f"PRAGMA integrity_check({limit})").fetchall()
    if [r[0] for r in rows] != ["ok"]:  # SQLite's own words: English only
        said = (" ".join(str(r[0]).split()) for r in rows)
        yield from (text("check.integrity", lang, said=s) for s in said)
        return  # the rest would read damaged pages
    for r in conn.execute("PRAGMA foreign_key_check").fetchmany(limit):
        yield text("check.foreign_key", lang, table=r[0], row=r[1], parent=r[2])
    try:
        checked_version(conn, path)
    except StoreError as exc:
        yield exc.in_lang(lang)
        return
    for what, sql in INVARIANTS:
        for (name,) in conn.execute(sql).fetchmany(limit):
            yield text("check.inv", lang, what=text(f"check.inv.{what}", lang), name=name)
    for table, columns in (("cases", "id, unit"), ("events", "id, note, data")):
        found = 0
        for row in conn.execute(f"SELECT {columns} FROM {table}"):
            if any(isinstance(v, str) and _BAD_TEXT.search(v) for v in row):
                yield text("check.bad_text", lang, table=table, row=row[0])
                found += 1
                if found >= limit:
                    break


def backup(store: Store, dest: str | os.PathLike[str]) -> int:
    """Copy the open store to ``dest`` through SQLite's online backup (a consistent snapshot,
    even while other processes write; a file copy under WAL may miss the -wal file's pages).
    Refuses an existing ``dest``. Returns the number of pages copied."""
    target = Path(dest)
    if target.exists():
        raise StoreError(key="store.backup_exists", path=str(target))
    try:
        out = sqlite3.connect(target)
    except sqlite3.Error as exc:
        raise store_error(exc, target, "creating the backup") from None
    try:
        store.conn.backup(out)
        pages = int(out.execute("PRAGMA page_count").fetchone()[0])
    except sqlite3.Error as exc:
        out.close()
        target.unlink(missing_ok=True)
        raise store_error(exc, target, "writing the backup") from None
    out.close()
    return pages
