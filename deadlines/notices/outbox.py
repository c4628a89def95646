"""The outbox: every message a sending run owes, kept in the store until it is delivered.

A message is one unit's digest to one destination. Its life:

``pending``    recorded, in the same transaction that records its notices as emitted;
``delivered``  the destination accepted it (marked in a transaction of its own, right after).

A failed attempt leaves the message pending with ``attempts``, ``last_error`` and the time before
which no run tries again (:func:`backoff`); ``failed`` below means "pending after a failed
attempt". Nothing is ever deleted: the outbox is also the record of what was sent to whom.

Each (notice, destination) pair belongs to one message, ever (the table's key), so a destination
is never sent a notice twice once the message carrying it is delivered; a crash between
delivering and marking repeats the *same* message (same id, same text) on the next run, which a
receiver drops by its Message-ID or its notice ids.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from deadlines.store.database import CHINA, Store

State = Literal["pending", "delivered"]
Which = Literal["all", "pending", "failed"]
# A failed destination is tried again after 5 minutes, then 10, 20 ... at most 6 hours apart: a
# cron job every few minutes does not hammer a server that is down, and a daily job always retries.
FIRST_RETRY = dt.timedelta(minutes=5)
LONGEST_WAIT = dt.timedelta(hours=6)
ID_DOMAIN = "deadlines"


# A message's record (Message.as_json) keys in order: the CSV header even when there is none.
MESSAGE_KEYS = (
    "id", "unit", "destination", "as_of", "title", "notices", "state", "attempts",
    "created_at", "last_attempt_at", "next_attempt_at", "last_error", "delivered_at",
)  # fmt: skip


@dataclass(frozen=True)
class Message:
    id: str
    unit: str
    destination: str
    as_of: dt.date
    lang: str
    title: str
    body: str
    notices: tuple[str, ...]
    state: State
    attempts: int
    created_at: str
    last_attempt_at: str | None = None
    next_attempt_at: str | None = None
    last_error: str | None = None
    delivered_at: str | None = None

    @property
    def failed(self) -> bool:
        return self.state == "pending" and self.attempts > 0

    @property
    def message_id(self) -> str:
        """The RFC 5322 Message-ID: the same for every attempt at this message."""
        return f"<{self.id}>"

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "unit": self.unit,
            "destination": self.destination,
            "as_of": self.as_of.isoformat(),
            "title": self.title,
            "notices": list(self.notices),
            "state": "failed" if self.failed else self.state,
            "attempts": self.attempts,
            "created_at": self.created_at,
            "last_attempt_at": self.last_attempt_at,
            "next_attempt_at": self.next_attempt_at,
            "last_error": self.last_error,
            "delivered_at": self.delivered_at,
        }


def now_in_china() -> dt.datetime:
    return dt.datetime.now(CHINA).replace(microsecond=0)


def _stamp(t: dt.datetime) -> str:
    return t.astimezone(CHINA).isoformat(timespec="seconds")


def message_key(destination: str, as_of: dt.date, notice_ids: Sequence[str]) -> str:
    """Stable: the same notices to the same destination give the same id (a re-run after a crash
    before the commit rebuilds the same message)."""
    digest = hashlib.sha256("\x1f".join((destination, *sorted(notice_ids))).encode()).hexdigest()
    return f"{as_of:%Y%m%d}.{digest[:24]}@{ID_DOMAIN}"


def backoff(attempts: int) -> dt.timedelta:
    """The wait after the ``attempts``-th failed attempt: 5 min, doubling, at most 6 h."""
    return min(FIRST_RETRY * (1 << max(attempts - 1, 0)), LONGEST_WAIT)


def already_queued(conn: sqlite3.Connection, destination: str, ids: Sequence[str]) -> set[str]:
    """Which of ``ids`` already belong to a message to ``destination``."""
    found: set[str] = set()
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        marks = ",".join("?" * len(chunk))
        found.update(
            r[0]
            for r in conn.execute(
                "SELECT notice_id FROM outbox_notices WHERE destination = ?"
                f" AND notice_id IN ({marks})",
                (destination, *chunk),
            )
        )
    return found


def enqueue(conn: sqlite3.Connection, message: Message) -> None:
    """Record ``message`` as pending, inside the caller's transaction."""
    conn.execute(
        "INSERT INTO outbox (id, unit, destination, as_of, lang, title, body, created_at, state)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending')",
        (
            message.id,
            message.unit,
            message.destination,
            message.as_of.isoformat(),
            message.lang,
            message.title,
            message.body,
            message.created_at,
        ),
    )
    conn.executemany(
        "INSERT INTO outbox_notices (notice_id, destination, message_id) VALUES (?, ?, ?)",
        [(n, message.destination, message.id) for n in message.notices],
    )


_COLUMNS = (
    "id, unit, destination, as_of, lang, title, body, state, attempts, created_at,"
    " last_attempt_at, next_attempt_at, last_error, delivered_at"
)


def _messages(conn: sqlite3.Connection, where: str, args: Sequence[object]) -> list[Message]:
    rows = conn.execute(f"SELECT {_COLUMNS} FROM outbox WHERE {where} ORDER BY seq", args)
    out = []
    for r in rows.fetchall():
        ids = tuple(
            x[0]
            for x in conn.execute(
                "SELECT notice_id FROM outbox_notices WHERE message_id = ? ORDER BY notice_id",
                (r[0],),
            )
        )
        out.append(
            Message(
                id=r[0],
                unit=r[1],
                destination=r[2],
                as_of=dt.date.fromisoformat(r[3]),
                lang=r[4],
                title=r[5],
                body=r[6],
                notices=ids,
                state=r[7],
                attempts=r[8],
                created_at=r[9],
                last_attempt_at=r[10],
                next_attempt_at=r[11],
                last_error=r[12],
                delivered_at=r[13],
            )
        )
    return out


def _unit_filter(units: Sequence[str]) -> tuple[str, list[object]]:
    if not units:
        return "", []
    return f" AND unit IN ({','.join('?' * len(units))})", list(units)


def due(conn: sqlite3.Connection, now: dt.datetime, units: Sequence[str] = ()) -> list[Message]:
    """Pending messages whose wait (if any) is over, oldest first."""
    extra, args = _unit_filter(units)
    return _messages(
        conn,
        "state = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)" + extra,
        [_stamp(now), *args],
    )


def listing(conn: sqlite3.Connection, which: Which = "all") -> list[Message]:
    where = {
        "all": "1",
        "pending": "state = 'pending'",
        "failed": "state = 'pending' AND attempts > 0",
    }[which]
    return _messages(conn, where, [])


def count_pending(conn: sqlite3.Connection, units: Sequence[str] = ()) -> int:
    extra, args = _unit_filter(units)
    row = conn.execute(f"SELECT COUNT(*) FROM outbox WHERE state = 'pending'{extra}", args)
    return int(row.fetchone()[0])


def mark_delivered(store: Store, message: Message, now: dt.datetime) -> None:
    with store.transaction() as conn:
        conn.execute(
            "UPDATE outbox SET state = 'delivered', delivered_at = ?, last_attempt_at = ?,"
            " attempts = attempts + 1, next_attempt_at = NULL WHERE id = ?",
            (_stamp(now), _stamp(now), message.id),
        )


def mark_failed(store: Store, message: Message, error: str, now: dt.datetime) -> None:
    attempts = message.attempts + 1
    with store.transaction() as conn:
        conn.execute(
            "UPDATE outbox SET attempts = ?, last_attempt_at = ?, next_attempt_at = ?,"
            " last_error = ? WHERE id = ? AND state = 'pending'",
            (attempts, _stamp(now), _stamp(now + backoff(attempts)), error, message.id),
        )
