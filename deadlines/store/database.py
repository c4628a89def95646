"""The case store: one SQLite file holding cases, their events and their computed obligations.

Events are append-only (a trigger refuses UPDATE and DELETE): a correction is a new event that
*supersedes* an old one, so history is never lost. Obligations are materialised from the effective
events by the rules engine (``deadlines.evaluate``) and recomputed whenever a case's events change;
chained rules (item 62: seizure -> ascertained -> pricing) move together because the whole case is
re-evaluated. :meth:`Store.recompute` re-evaluates every case after a rule or calendar change and
reports each due date that moved.

Dates are ISO strings in the file; "today" is the date in China (Asia/Shanghai), whatever the
server's zone (docs/counting.md, "Today" and the end of a day).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import sqlite3
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from contextlib import closing, contextmanager, suppress
from itertools import count, repeat
from pathlib import Path
from typing import Any, NamedTuple

from deadlines.errors import Phrase, StoreError
from deadlines.model import NO_UNIT, Case, Event, FactValue, Obligation, is_placeholder, open_on
from deadlines.model import status_on as status_on  # where callers have read it from
from deadlines.store import basis as _basis
from deadlines.store import bulk, config
from deadlines.store.bulk import Move as Move  # where callers have read it from
from deadlines.store.schema import (
    APPLICATION_ID,
    MIGRATIONS,
    SCHEMA_VERSION,
    TERM_IDS,
    VERSION_TABLE,
    schema_version,
)

# China time (Asia/Shanghai) as the fixed UTC+8 it has been since 1991, when China last observed
# daylight saving time: the same "today" and the same instants as the tz database for every date
# the calendars know (2004 on), without importing zoneinfo and reading its data at each command.
CHINA = dt.timezone(dt.timedelta(hours=8), "CST")
DEFAULT_DB = "deadlines.db"
DEFAULT_BUSY_TIMEOUT = 5.0

Evaluator = Callable[[Case, dt.date], Sequence[Obligation]]


def china_today() -> dt.date:
    """Today's date in China (Asia/Shanghai), whatever the server's time zone."""
    return dt.datetime.now(CHINA).date()


def china_now() -> str:
    return dt.datetime.now(CHINA).isoformat(timespec="seconds")


def default_path(path: str | os.PathLike[str] | None = None) -> Path:
    """``--db PATH``, else ``$DEADLINES_DB``, else ``./deadlines.db``."""
    if path:
        return Path(path)
    return Path(os.environ.get("DEADLINES_DB") or DEFAULT_DB)


class StoredEvent(NamedTuple):
    """An event as recorded, with what the store knows about it (for timelines). A NamedTuple:
    every store command imports this module, and a frozen dataclass costs ten times as much to
    create (~4M instructions on Python 3.11)."""

    event: Event
    case_id: str
    recorded_at: str
    supersedes: str | None
    superseded_by: str | None


MAX_BUSY_TIMEOUT = 3600.0


def busy_timeout_setting() -> float:
    """Seconds to wait for a locked store: ``$DEADLINES_BUSY_TIMEOUT``, else 5."""
    text = os.environ.get("DEADLINES_BUSY_TIMEOUT", "")
    try:
        return check_busy_timeout(float(text) if text else DEFAULT_BUSY_TIMEOUT)
    except (ValueError, StoreError):
        raise StoreError(key="store.busy_env", text=text, max=MAX_BUSY_TIMEOUT) from None


def check_busy_timeout(seconds: float) -> float:
    if not 0 <= seconds <= MAX_BUSY_TIMEOUT:  # also refuses nan
        raise StoreError(key="store.busy_range", seconds=seconds, max=MAX_BUSY_TIMEOUT)
    return seconds


SQLITE_HEADER = b"SQLite format 3\x00"


def store_error(exc: sqlite3.Error, path: Path | str, doing: str = "") -> StoreError:
    """What an SQLite failure means for the user, and what to do: full disk, read-only file or
    folder, a damaged file, not an SQLite file, a lock. ``doing`` names the operation (a key of
    ``store.doing.*`` in the catalogue)."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    said = Phrase("store.said", {"msg": str(exc), "code": name or "?"})
    at = (
        Phrase("store.at_doing", {"path": str(path), "doing": Phrase(f"store.doing.{doing}")})
        if doing
        else Phrase("store.at", {"path": str(path)})
    )
    if name == "SQLITE_FULL":
        return StoreError(key="store.full", at=at, said=said)
    if name.startswith("SQLITE_READONLY"):
        return StoreError(key="store.readonly", at=at, said=said)
    if name.startswith("SQLITE_BUSY") or name.startswith("SQLITE_LOCKED"):
        return StoreError(key="store.busy", at=at, said=said)
    if name.startswith("SQLITE_CORRUPT") or name == "SQLITE_NOTADB":
        if name == "SQLITE_NOTADB" and not _has_sqlite_header(Path(path)):
            return StoreError(key="store.not_sqlite", path=str(path))
        return StoreError(key="store.damaged", at=at, said=said, path=str(path))
    if name.startswith("SQLITE_CANTOPEN"):
        advice = _access_advice(Path(path))
        return StoreError(key="store.cantopen", path=str(path), said=said, advice=advice)
    if name.startswith("SQLITE_IOERR"):
        return StoreError(key="store.ioerr", at=at, said=said)
    return StoreError(key="store.failed", at=at, said=said)


def _has_sqlite_header(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(16) == SQLITE_HEADER
    except OSError:
        return False


def _access_advice(path: Path) -> Phrase:
    folder = path.parent if str(path.parent) else Path(".")
    if path.exists() and not os.access(path, os.R_OK):
        return Phrase("store.advice.unreadable")
    if not folder.is_dir():
        return Phrase("store.advice.no_folder", {"folder": str(folder)})
    if not os.access(folder, os.W_OK | os.X_OK):
        return Phrase("store.advice.readonly_folder", {"folder": str(folder)})
    return Phrase("store.advice.check")


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d is not None else None


def _date(s: str | None) -> dt.date | None:
    return dt.date.fromisoformat(s) if s else None


def _locked(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def default_evaluator(case: Case, as_of: dt.date) -> Sequence[Obligation]:
    """The rules engine of issue 3 (the plan's rules plus $DEADLINES_RULES), imported when first
    needed so that the store opens without loading the rules."""
    try:
        from deadlines.rules.engine import evaluate
    except ImportError as exc:  # pragma: no cover - the engine ships with the package
        raise StoreError(f"the rules engine cannot be loaded: {exc}") from None
    return evaluate(case, as_of)


class Store:
    """An open deadlines store. Use :func:`open_store` or :func:`init_store` to get one."""

    # Write transactions committed in this process, by any store: a command interrupted after
    # one (while printing what it did) must not say that nothing happened.
    commits = 0

    def __init__(
        self,
        path: Path,
        conn: sqlite3.Connection,
        *,
        evaluator: Evaluator | None = None,
        busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
    ) -> None:
        self.path = path
        self.conn = conn
        self.evaluator: Evaluator = evaluator or default_evaluator
        self.busy_timeout = busy_timeout
        # (rule id, version) -> clause, title_zh, title_en, period, direction
        self._rule_texts: dict[tuple[str, str], tuple[str, str, str, str | None, str | None]] = {}
        self._rule_ids: dict[tuple[str, str], int] = {}  # (rule id, version) -> rule_versions.id
        self._rule_of: dict[int, tuple[str, str]] = {}  # the reverse
        self._terms: dict[str, int] = {}  # text -> terms.id, of texts read or written
        self._texts: dict[int, str] = {}  # terms.id -> text, of event types read
        self.config = config.StoreConfig()

    # --- plumbing ---------------------------------------------------------------------------
    def close(self) -> None:
        self.conn.close()
        config.apply(None)  # the process's rules and calendars are the environment's again

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: object, exc: object, tb: object) -> None:
        self.close()
        if isinstance(exc, sqlite3.Error) and not isinstance(exc, sqlite3.IntegrityError):
            # a read that met a damaged page, a full disk during a checkpoint ...
            raise store_error(exc, self.path, "reading") from None

    @contextmanager
    def transaction(self, *, rollback: bool = False) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken at once (BEGIN IMMEDIATE) so that two writers queue on the
        busy timeout instead of failing half-way; everything in it lands, or nothing does."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if _locked(exc):
                raise StoreError(
                    key="store.locked_waited", path=str(self.path), seconds=self.busy_timeout
                ) from None
            raise store_error(exc, self.path, "starting a write") from None
        try:
            yield self.conn
        except sqlite3.IntegrityError:
            self._rollback()
            raise
        except sqlite3.Error as exc:
            # A full disk or an I/O error may have rolled the transaction back already: the
            # real error is reported, not "cannot rollback - no transaction is active".
            self._rollback()
            raise store_error(exc, self.path, "writing") from None
        except BaseException:
            self._rollback()
            raise
        else:
            if rollback:  # a preview: work done, nothing kept
                self._rollback()
                return
            try:
                self.conn.execute("COMMIT")
            except sqlite3.Error as exc:
                self._rollback()
                raise store_error(exc, self.path, "commit") from None
            Store.commits += 1

    def _rollback(self) -> None:
        """Undo the open transaction, if SQLite has not already done so, and forget the rule
        versions recorded inside it; a failing rollback never hides the error that caused it."""
        self._forget_rule_texts()
        if self.conn.in_transaction:
            with suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")

    def schema_version(self) -> int:
        return schema_version(self.conn)

    # --- rule texts: clause, titles, period, stored once per rule version ------------------
    def _forget_rule_texts(self) -> None:
        """Rule versions and terms recorded inside a rolled-back transaction are not in the
        store."""
        self._rule_texts.clear()
        self._rule_ids.clear()
        self._rule_of.clear()
        self._terms.clear()
        self._texts.clear()

    def _term(self, text: str) -> int:
        """The id of ``text`` in the terms table, recorded if new (inside the caller's
        transaction): a text repeated across rows is stored once."""
        known = self._terms.get(text)
        if known is not None:
            return known
        found = self._term_id(text)
        if found is not None:
            return found
        (new,) = self.conn.execute(
            "INSERT INTO terms (text) VALUES (?) RETURNING id", (text,)
        ).fetchone()
        self._keep(text, new)
        return int(new)

    def _term_id(self, text: str) -> int | None:
        """The id of ``text`` in the terms table, None if it is not recorded (a reader's look-up:
        nothing is written)."""
        known = self._terms.get(text)
        if known is not None:
            return known
        row = self.conn.execute("SELECT id FROM terms WHERE text = ?", (text,)).fetchone()
        if row is None:
            return None
        self._keep(text, row[0])
        return int(row[0])

    def _keep(self, text: str, term_id: int) -> None:
        if len(self._terms) >= _TERMS_KEPT:  # a long-lived process: each write's time is a term
            self._terms.clear()
        self._terms[text] = term_id

    def _term_text(self, term_id: int) -> str:
        """The text of a term id (event types: a few, kept)."""
        known = self._texts.get(term_id)
        if known is None:
            (known,) = self.conn.execute(
                "SELECT text FROM terms WHERE id = ?", (term_id,)
            ).fetchone()
            if len(self._texts) >= _TERMS_KEPT:
                self._texts.clear()
            self._texts[term_id] = known
        return known

    def _store_rule_texts(self, texts: Mapping[tuple[str, str], bulk.RuleTexts]) -> None:
        """Record the clause, titles and period of each rule version not yet stored."""
        known = self._rule_texts
        if not known:
            self._load_rule_texts()
        for key, row in texts.items():
            if key not in known:
                # a version stored before schema 9 gets its period now
                self.conn.execute(
                    "INSERT INTO rule_versions"
                    " (rule_id, rule_version, clause, title_zh, title_en, period, direction)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (rule_id, rule_version)"
                    " DO UPDATE SET period = excluded.period, direction = excluded.direction"
                    " WHERE period IS NULL",
                    (*key, *row),
                )
                (rule,) = self.conn.execute(
                    "SELECT id FROM rule_versions WHERE rule_id = ? AND rule_version = ?", key
                ).fetchone()
                self._rule_ids[key] = rule
                self._rule_of[rule] = key
                known[key] = row

    def _load_rule_texts(self) -> None:
        for r in self.conn.execute(
            "SELECT rule_id, rule_version, clause, title_zh, title_en, period, direction, id"
            " FROM rule_versions"
        ):
            self._rule_texts[r[0], r[1]] = (r[2], r[3], r[4], r[5], r[6])
            self._rule_ids[r[0], r[1]] = r[7]
            self._rule_of[r[7]] = (r[0], r[1])

    def _rule_text(
        self, rule_id: str, version: str
    ) -> tuple[str, str, str, str | None, str | None]:
        key = (rule_id, version)
        if key not in self._rule_texts:
            self._load_rule_texts()
        return self._rule_texts.get(key, ("?", rule_id, rule_id, None, None))

    # --- cases and events -------------------------------------------------------------------
    def has_case(self, case_id: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM cases WHERE id = ?", (case_id,)).fetchone()
        return row is not None

    def closed_on(self, case_ids: Iterable[str], day: dt.date) -> set[str]:
        """Those of ``case_ids`` closed on ``day``: their latest close or reopen event dated up to
        ``day`` (a corrected one not counted) is a close. Read per case through its events index,
        so the daily list pays for the cases it shows, not for the store."""
        query = LAST_CLOSING.format(case=":case")
        return {
            cid
            for cid in set(case_ids)
            if self.conn.execute(query, {"case": cid, "day": day.isoformat()}).fetchone()
            == (CLOSE_EVENT,)
        }

    def case_ids(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT id FROM cases ORDER BY id")]

    def insert_cases(self, rows: Iterable[tuple[str, str, str | None, str, str]]) -> None:
        """(id, kind, unit, facts-json, created_at) rows, inside the caller's transaction."""
        self.conn.executemany(
            "INSERT INTO cases (id, kind, unit, facts, created_at) VALUES (?, ?, ?, ?, ?)", rows
        )

    def insert_events(
        self, rows: Iterable[tuple[str, str, str, str, str, str, str, str | None]]
    ) -> None:
        """(id, case_id, type, on, recorded_at, note, data-json, supersedes) rows."""
        term = self._term
        self.conn.executemany(
            "INSERT INTO event_rows (id, case_ref, type, on_date, recorded, note, data,"
            " supersedes) VALUES (?, (SELECT ref FROM cases WHERE id = ?), ?, ?, ?, ?, ?, ?)",
            ((r[0], r[1], term(r[2]), r[3], term(r[4]), r[5], r[6], r[7]) for r in rows),
        )

    def next_event_id(self, case_id: str) -> str:
        (n,) = self.conn.execute(
            "SELECT COUNT(*) FROM events WHERE case_id = ?", (case_id,)
        ).fetchone()
        return f"{case_id}#{n + 1}"

    def stored_events(self, case_id: str) -> list[StoredEvent]:
        rows = self.conn.execute(
            "SELECT e.id, e.type, e.on_date, e.note, e.data, e.recorded_at, e.supersedes,"
            " (SELECT s.id FROM events s WHERE s.supersedes = e.id)"
            " FROM events e WHERE e.case_id = ? ORDER BY e.seq",
            (case_id,),
        ).fetchall()
        return [
            StoredEvent(
                event=Event(
                    type=r[1],
                    on=dt.date.fromisoformat(r[2]),
                    note=r[3],
                    id=r[0],
                    data=json.loads(r[4]),
                ),
                case_id=case_id,
                recorded_at=r[5],
                supersedes=r[6],
                superseded_by=r[7],
            )
            for r in rows
        ]

    def load_cases(self, case_ids: Sequence[str]) -> list[Case]:
        """The cases with their *effective* events (superseded ones left out), in date order."""
        out: list[Case] = []
        for start in range(0, len(case_ids), 500):
            chunk = list(case_ids[start : start + 500])
            where = f"c.id IN ({','.join('?' * len(chunk))})"
            cases, _ = bulk.read_cases(self.conn, where, chunk, self._term_text)
            found = {c.id: c for c in cases}
            for cid in chunk:
                if cid not in found:
                    raise StoreError(key="err.unknown_case", case=cid)
                out.append(found[cid])
        return out

    def get_case(self, case_id: str) -> Case:
        return self.load_cases([case_id])[0]

    # --- the commands' operations: each one transaction, validated first -------------------
    def add_case(
        self,
        case_id: str,
        kind: str,
        facts: Mapping[str, FactValue] | None = None,
        unit: str | None = None,
    ) -> None:
        from deadlines.store.checks import catalogue, check_case_input  # recording only

        check_case_input(case_id, facts or {}, unit)
        catalogue().check_kind(kind)
        catalogue().check_facts(kind, facts or {})
        with self.transaction():
            if self.has_case(case_id):
                raise StoreError(key="err.case_exists", case=case_id)
            self.insert_cases([(case_id, kind, unit or None, facts_json(facts or {}), china_now())])

    def set_facts(self, case_id: str, facts: Mapping[str, FactValue]) -> list[Move]:
        """Give or change facts of a case (one transaction) and re-evaluate it; returns every
        obligation that appeared, moved or went away (an undetermined one is decided)."""
        from deadlines.store.checks import catalogue, check_facts_input

        with self.transaction():
            row = self.conn.execute(
                "SELECT kind, facts FROM cases WHERE id = ?", (case_id,)
            ).fetchone()
            if row is None:
                raise StoreError(key="err.unknown_case", case=case_id)
            check_facts_input(facts)
            catalogue().check_facts(row[0], facts)
            merged = {**json.loads(row[1]), **facts}
            check_facts_input(merged)  # the count of the case's facts together
            self.conn.execute(
                "UPDATE cases SET facts = ? WHERE id = ?", (facts_json(merged), case_id)
            )
            said = ", ".join(f"{k}={v}" for k, v in facts.items())
            return self.refresh([case_id], reason={"cause": "facts", "facts": said})

    def set_unit(self, case_id: str, unit: str) -> list[Move]:
        """Give case ``case_id`` its responsible unit (one transaction): its duties and notices
        are that unit's from now on (a case recorded without one has them listed as no unit
        given, and a sending run cannot route them). Dates do not move."""
        from deadlines.store.checks import MAX_UNIT, check_case_id, check_text, what_text

        check_case_id(case_id)
        check_text(what_text("unit"), unit, MAX_UNIT)  # an empty or blank unit is refused
        with self.transaction():
            if not self.has_case(case_id):
                raise StoreError(key="err.unknown_case", case=case_id)
            self.conn.execute("UPDATE cases SET unit = ? WHERE id = ?", (unit, case_id))
            return self.refresh([case_id], reason={"cause": "unit", "unit": unit})

    def add_event(
        self,
        case_id: str,
        etype: str,
        on: dt.date,
        *,
        note: str = "",
        data: Mapping[str, str] | None = None,
        supersedes: str | None = None,
        as_of: dt.date | None = None,
        by: str | None = None,
    ) -> tuple[str, list[Move]]:
        """Record an event, re-evaluate the case (its chains move with it) and return the new
        event's id and every obligation that appeared, moved or went away. ``by`` (a web
        account) is written to the write log in the same transaction."""
        from deadlines.store.checks import (
            catalogue,
            check_case_events,
            check_case_size,
            check_event_input,
        )

        with self.transaction():
            row = self.conn.execute("SELECT kind FROM cases WHERE id = ?", (case_id,)).fetchone()
            if row is None:
                raise StoreError(key="err.unknown_case", case=case_id)
            et = catalogue().check_event(row[0], etype)
            check_event_input(et, on, china_today(), note=note, data=data, supersedes=supersedes)
            if supersedes is not None:
                self.check_supersedes(case_id, supersedes)
            event_id = self.next_event_id(case_id)
            check_case_size(case_id, int(event_id.rsplit("#", 1)[1]))
            self.insert_events(
                [
                    (
                        event_id,
                        case_id,
                        etype,
                        on.isoformat(),
                        china_now(),
                        note,
                        json.dumps(dict(data or {}), ensure_ascii=False),
                        supersedes,
                    )
                ]
            )
            case = self.get_case(case_id)
            check_case_events(case, new_ids=(event_id,))
            reason = {"cause": "event", "event": event_id, "type": etype, "on": on.isoformat()}
            if supersedes is not None:
                (was,) = self.conn.execute(
                    "SELECT on_date FROM events WHERE id = ?", (supersedes,)
                ).fetchone()
                reason.update(cause="correction", corrects=supersedes, was=was)
            elif et.future:
                earlier = [e.on for e in case.events if e.type == etype and e.id != event_id]
                if earlier:  # a later expiry: a renewal (checks._check_renewals)
                    reason.update(cause="renewal", was=max(earlier).isoformat())
            moves = self.refresh([case_id], as_of, reason)
            if by is not None:
                detail = {"type": etype, "on": on.isoformat(), "supersedes": supersedes}
                self.log_write(by, "event.add", case_id, event_id, detail)
        return event_id, moves

    def log_write(
        self,
        by: str,
        action: str,
        case_id: str | None = None,
        event_id: str | None = None,
        detail: Mapping[str, object] | None = None,
    ) -> None:
        """Record who made a write, inside the caller's transaction (the log is append-only)."""
        self.conn.execute(
            "INSERT INTO writes (at, username, action, case_id, event_id, detail)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                china_now(),
                by,
                action,
                case_id,
                event_id,
                json.dumps(dict(detail or {}), ensure_ascii=False),
            ),
        )

    def check_supersedes(self, case_id: str, old_id: str) -> None:
        row = self.conn.execute(
            "SELECT case_id, (SELECT id FROM events s WHERE s.supersedes = e.id)"
            " FROM events e WHERE e.id = ?",
            (old_id,),
        ).fetchone()
        if row is None or row[0] != case_id:
            raise StoreError(key="rec.supersede.not_of_case", old=old_id, case=case_id)
        if row[1] is not None:
            raise StoreError(key="rec.supersede.already", old=old_id, by=row[1])

    # --- obligations ------------------------------------------------------------------------
    def evaluates_by_rules(self) -> bool:
        """Whether obligations come from the rules engine (not an evaluator of a caller's own):
        only then may another process compute them for this store."""
        return self.evaluator is default_evaluator

    def evaluate(self, cases: Sequence[Case], as_of: dt.date) -> list[Obligation]:
        results: Iterable[Sequence[Obligation]]
        if self.evaluates_by_rules():  # the engine: one batch, not a call per case
            from deadlines.rules.engine import evaluate_many

            results = evaluate_many(cases, as_of)
        else:
            results = (self.evaluator(case, as_of) for case in cases)
        out: list[Obligation] = []
        for case, obligations in zip(cases, results, strict=True):
            for ob in obligations:
                # The case's own responsible unit (a county court, a district bureau) wins over
                # the rule's generic one: reminders are grouped by who must act.
                if case.unit and ob.unit != case.unit:
                    ob = _with_unit(ob, case.unit)
                elif not case.unit and is_placeholder(ob.unit):
                    ob = _with_unit(ob, NO_UNIT)  # never routed to a unit nobody configures
                out.append(ob)
        return out

    def replace_obligations(
        self,
        case_ids: Sequence[str],
        obligations: Sequence[Obligation],
        computed_at: str,
        *,
        fresh: bool = False,
        reason: Mapping[str, str] | None = None,
        unannounced: bool = False,
    ) -> list[Move]:
        """Swap the stored obligations of ``case_ids`` for ``obligations`` (inside the caller's
        transaction) and return every change of due date or provisional mark. ``fresh``: the
        cases were just created and have none yet (a bulk import): nothing to compare.
        ``unannounced``: they were created in this transaction (by an earlier chunk of an
        import), so no date of theirs was ever announced: none is kept as moved.

        Each due date that moved is kept in ``date_moves`` with ``reason`` (what changed: an
        event, a correction, an import, a recompute; ``{"cause": "recompute"}`` by default), so
        that a sending run can announce the move (kind ``moved``, deadlines.notices.contract).
        An obligation that comes out as stored (but for its time) is left as it is, unless it is
        recurring: the daily run refreshes those by the time they were computed."""
        refs = {cid: ref for cid, (_, ref) in self.known_cases(case_ids).items()}
        stored: dict[tuple[str, str, str], bulk.Row] = {}
        if not fresh:
            for start in range(0, len(case_ids), 500):
                chunk = list(case_ids[start : start + 500])
                where = f"c.id IN ({','.join('?' * len(chunk))})"
                stored.update(self._stored_rows(where, chunk))
        if fresh:
            changes = bulk.Changes(len(refs))
            changes.rows = [bulk.logical_row(refs[ob.case_id], ob) for ob in obligations]
            changes.texts = {(ob.rule_id, ob.rule_version): bulk.texts_of(ob) for ob in obligations}
        else:
            changes = bulk.compare(refs, obligations, stored, self._rule_ids, self._term_id)
            if unannounced:
                changes.moves = []
        self.write_changes(changes, computed_at, reason)
        return changes.moves

    def known_cases(self, case_ids: Sequence[str]) -> dict[str, tuple[str, int]]:
        """The kind and integer key (ref) of each of ``case_ids`` that the store holds."""
        out: dict[str, tuple[str, int]] = {}
        for start in range(0, len(case_ids), 500):
            chunk = list(case_ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(
                f"SELECT id, kind, ref FROM cases WHERE id IN ({marks})", chunk
            )
            out.update((r[0], (r[1], r[2])) for r in rows)
        return out

    def next_case_ref(self) -> int:
        """The ref the next case stored gets (SQLite's own choice: one past the largest)."""
        (ref,) = self.conn.execute("SELECT COALESCE(MAX(ref), 0) + 1 FROM cases").fetchone()
        return int(ref)

    def write_changes(
        self, changes: bulk.Changes, computed_at: str, reason: Mapping[str, str] | None = None
    ) -> None:
        """Apply ``changes`` (inside the caller's transaction): record the moves with ``reason``
        and the new rule versions, delete the rows that went away or changed, write the rows."""
        self._record_moves(changes.moves, reason or {"cause": "recompute"}, computed_at)
        self._store_rule_texts(changes.texts)
        self.conn.executemany(
            "DELETE FROM obligation_rows WHERE case_ref = ? AND rule = ? AND instance = ?",
            changes.deletes,
        )
        computed = _seconds(computed_at)
        self.conn.executemany(
            _INSERT_OBLIGATION, (self._physical(row, computed) for row in changes.rows)
        )

    def insert_new_cases(
        self,
        cases: Sequence[Sequence[Any]],
        events: Sequence[Sequence[Any]],
        obligations: Sequence[Sequence[Any]],
        texts: Mapping[tuple[str, str], bulk.RuleTexts],
        now: str,
    ) -> None:
        """New cases with their events and obligations, inside the caller's transaction, given
        column by column (a range of a big import, prepared by a worker): so that the rows are
        put together and their texts swapped for term ids in C, not value by value here.

        ``cases``: ids, kinds, units, facts (JSON); ``events``: ids, the index of each one's case
        among ``cases``, types, days, notes, data (JSON), supersedes; ``obligations``: the columns
        of :data:`bulk.Row` with the case's index for its ref; ``texts``: those of their rule
        versions. Every row was recorded and computed at ``now``."""
        ids, kinds, units, facts = cases
        first = self.next_case_ref()
        self.conn.executemany(
            "INSERT INTO cases (ref, id, kind, unit, facts, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            zip(count(first), ids, kinds, units, facts, repeat(now)),
        )
        eids, at, types, days, notes, data, supersedes = events
        term = self._term_ids(types, (now,))
        self.conn.executemany(
            "INSERT INTO event_rows (id, case_ref, type, on_date, recorded, note, data,"
            " supersedes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            zip(
                eids,
                map(first.__add__, at),
                map(term.__getitem__, types),
                days,
                repeat(term[now]),
                notes,
                data,
                supersedes,
            ),
        )
        self._store_rule_texts(texts)
        (at, rule_ids, instances, versions, units, kinds, triggers, *dates) = obligations
        (trigger_dates, dues, provisional, bases, calendars, versions_of, statuses) = dates[:7]
        completed, missing = dates[7:]
        term = self._term_ids(units, kinds, triggers, calendars, versions_of, statuses)
        text = term.__getitem__
        self.conn.executemany(
            _INSERT_OBLIGATION,
            zip(
                map(first.__add__, at),
                map(self._rule_ids.__getitem__, zip(rule_ids, versions, strict=True)),
                instances,
                map(text, units),
                map(text, kinds),
                map(text, triggers),
                trigger_dates,
                dues,
                provisional,
                bases,
                map(text, calendars),
                map(text, versions_of),
                map(text, statuses),
                completed,
                missing,
                repeat(_seconds(now)),
            ),
        )

    def _term_ids(self, *columns: Iterable[str]) -> dict[str, int]:
        """The term id of every text in ``columns``, each recorded if new."""
        return {t: self._term(t) for t in set().union(*columns)}

    def _physical(self, row: bulk.Row, computed: int) -> tuple[Any, ...]:
        """A :data:`bulk.Row` as obligation_rows holds it, texts recorded as terms."""
        return (*bulk.physical(row, self._rule_ids[row[1], row[3]], self._term), computed)

    def _record_moves(self, moves: Sequence[Move], reason: Mapping[str, str], at: str) -> None:
        text = json.dumps(dict(reason), ensure_ascii=False, sort_keys=True)
        rows = [
            (m.case_id, m.rule_id, m.instance, _iso(m.old_due), _iso(m.new_due), text, at)
            + (self._gone(m) if m.new_due is None else (None,) * 6)
            for m in moves
            # a date that moved, or a duty that went away (new_due NULL: cancelled if announced)
            if m.old_due is not None and m.old_due != m.new_due
        ]
        if rows:
            self.conn.executemany(
                "INSERT INTO date_moves (case_id, rule_id, instance, old_due, new_due, reason,"
                " recorded_at, unit, duty, status, completed_on, trigger, candidates)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )

    def _gone(self, m: Move) -> tuple[str | None, ...]:
        """The unit, kind, status, completion day, trigger and (undetermined) candidate rules of
        a duty about to go away (read before its row is deleted): whether and to whom its
        cancellation is sent."""
        row = self.conn.execute(
            "SELECT unit, kind, status, completed_on, trigger, basis FROM obligations"
            " WHERE case_id = ? AND rule_id = ? AND instance = ?",
            (m.case_id, m.rule_id, m.instance),
        ).fetchone()
        if row is None:
            return (None,) * 6
        basis = _basis.load(row[5], None, None)
        rules = [rule for rule, _ in basis.candidates] if basis is not None else []
        return (*row[:5], json.dumps(rules) if rules else None)

    def refresh(
        self,
        case_ids: Sequence[str],
        as_of: dt.date | None = None,
        reason: Mapping[str, str] | None = None,
    ) -> list[Move]:
        """Re-evaluate ``case_ids`` and store their obligations, inside the caller's transaction."""
        cases = self.load_cases(case_ids)
        obligations = self.evaluate(cases, as_of or china_today())
        return self.replace_obligations(case_ids, obligations, china_now(), reason=reason)

    def recompute(
        self,
        as_of: dt.date | None = None,
        *,
        chunk: int = 2000,
        progress: Callable[[int], None] | None = None,
        preview: bool = False,
        adopt: config.StoreConfig | None = None,
        jobs: int | None = None,
    ) -> list[Move]:
        """Re-evaluate every case (after a rule or calendar change) in one transaction and report
        every due date that moved, every provisional date made final, and obligations that
        appeared or went away. ``preview``: report only, write nothing (the transaction is
        rolled back). ``adopt``: compute with these rule and calendar folders and record them as
        the store's (deadlines.store.config). ``jobs``: how many worker processes evaluate the
        cases (deadlines.store.parallel; 1: this process alone; None: one per CPU for a large
        store); the result is the same."""
        moves: list[Move] = []
        day = as_of or china_today()  # one day for the whole run, even one across midnight
        try:
            with self.transaction(rollback=preview):
                if adopt is not None:
                    config.apply(adopt)
                    config.write(self.conn, adopt)
                with closing(self._range_changes(chunk, day, adopt or self.config, jobs)) as all_:
                    for changes in all_:
                        self.write_changes(changes, china_now())
                        moves.extend(changes.moves)
                        if progress is not None:
                            progress(changes.cases)
            if adopt is not None and not preview:
                self.config = adopt
        finally:
            config.apply(self.config)
        return moves

    def _range_changes(
        self, chunk: int, day: dt.date, cfg: config.StoreConfig, jobs: int | None
    ) -> Generator[bulk.Changes, None, None]:
        """The changes of every range of ``chunk`` cases, in id order: from worker processes if
        that pays (only the rules engine's own evaluator can be run in them, and only on a
        file), else computed here."""
        from deadlines.store import parallel

        ranges = self.case_ranges(chunk)
        if self.evaluates_by_rules() and self.path.is_file():
            if jobs is None:
                (cases,) = self.conn.execute("SELECT COUNT(*) FROM cases").fetchone()
                jobs = parallel.jobs_for(None, cases)
            if jobs > 1:
                yield from parallel.changes(self, ranges, day, cfg, jobs)
                return
        for first, last in ranges:
            yield self.range_changes(first, last, day)

    def case_ranges(self, size: int) -> Iterator[tuple[str, str]]:
        """The case ids in ranges of ``size`` (first and last id): a keyset over the id index,
        so that memory stays flat in the number of cases, as a million ids held at once would
        not."""
        after = ""
        while True:
            first, last = self.conn.execute(
                "SELECT min(id), max(id) FROM (SELECT id FROM cases WHERE id > ? ORDER BY id"
                " LIMIT ?)",
                (after, size),
            ).fetchone()
            if first is None:
                return
            yield first, last
            after = last

    def range_changes(self, first: str, last: str, day: dt.date) -> bulk.Changes:
        """Re-evaluate the cases with ids from ``first`` to ``last`` as of ``day`` and compare
        their obligations with the stored ones; reads only (a worker process may do it)."""
        where = "c.id BETWEEN ? AND ?"
        cases, refs = bulk.read_cases(self.conn, where, (first, last), self._term_text)
        obligations = self.evaluate(cases, day)
        stored = self._stored_rows(where, (first, last))
        return bulk.compare(refs, obligations, stored, self._rule_ids, self._term_id)

    def _stored_rows(
        self, where: str, params: Sequence[Any]
    ) -> dict[tuple[str, str, str], bulk.Row]:
        if not self._rule_texts:
            self._load_rule_texts()
        try:
            return bulk.stored_rows(self.conn, where, params, self._rule_of)
        except KeyError:  # a rule version another process recorded since they were read
            self._load_rule_texts()
            return bulk.stored_rows(self.conn, where, params, self._rule_of)

    def obligations(self, case_id: str) -> list[Obligation]:
        rows = self.conn.execute(
            f"SELECT {_OB_COLUMNS} FROM obligations WHERE case_id = ?"
            " ORDER BY due IS NULL, due, rule_id, instance",
            (case_id,),
        ).fetchall()
        return [self._ob_from_row(r) for r in rows]

    def obligation(self, case_id: str, rule_id: str, instance: str) -> Obligation | None:
        """One obligation by its key (without its explanation steps), or None."""
        row = self.conn.execute(
            f"SELECT {_OB_COLUMNS} FROM obligations"
            " WHERE case_id = ? AND rule_id = ? AND instance = ?",
            (case_id, rule_id, instance),
        ).fetchone()
        return None if row is None else self._ob_from_row(row)

    def next_obligation(self, case_id: str, as_of: dt.date) -> Obligation | None:
        """The case's most pressing open duty on ``as_of``: the earliest open dated obligation,
        overdue ones included; a reminder only while it is still ahead."""
        return next((ob for ob in self.obligations(case_id) if open_on(ob, as_of)), None)

    def open_on(self, as_of: dt.date, until: dt.date) -> list[Obligation]:
        """Obligations still open on ``as_of`` with a due date up to ``until``, and undetermined
        ones whatever their date.

        Open on a day: not completed, or completed only later (a replay of a past day sees the
        duty as it stood then). Both parts read a partial index, so the cost is that of the
        window, not of the store.
        """
        rows = self.conn.execute(
            f"SELECT {_OB_COLUMNS} FROM obligations WHERE completed_on IS NULL AND due <= ?",
            (until.isoformat(),),
        ).fetchall()
        rows += self.conn.execute(
            f"SELECT {_OB_COLUMNS} FROM obligations"
            " WHERE completed_on IS NOT NULL AND completed_on > ? AND due <= ?",
            (as_of.isoformat(), until.isoformat()),
        ).fetchall()
        # undetermined ones (a fact missing) are listed every day, whatever their date
        rows += self.conn.execute(
            f"SELECT {_OB_COLUMNS} FROM obligations"
            f" WHERE status_ref = {_UNDETERMINED} AND due > ? AND completed_on IS NULL",
            (until.isoformat(),),
        ).fetchall()
        return [self._ob_from_row(r) for r in rows]

    def refresh_recurring(self, as_of: dt.date) -> int:
        """Re-evaluate the cases with recurring duties (每月, 每半年) last computed before
        ``as_of``, so that a new month's duty exists on its first day; inside the caller's
        transaction. Returns how many cases were refreshed."""
        # no DISTINCT: SQLite would scan the whole table for it instead of using the index
        rows = self.conn.execute(
            f"SELECT case_id FROM obligations WHERE kind_ref = {_RECURRING} AND computed < ?",
            (int(dt.datetime.combine(as_of, dt.time(), CHINA).timestamp()),),
        )
        ids = list(dict.fromkeys(r[0] for r in rows))
        if ids:
            self.refresh(ids, as_of)
        return len(ids)

    def _ob_from_row(self, r: Sequence[Any]) -> Obligation:
        clause, title_zh, title_en, period, direction = self._rule_text(r[1], r[3])
        return Obligation(
            case_id=r[0],
            rule_id=r[1],
            instance=r[2],
            rule_version=r[3],
            clause=clause,
            title_zh=title_zh,
            title_en=title_en,
            unit=r[4],
            kind=r[5],
            trigger=r[6],
            trigger_date=_date(r[7]),
            due=_date(r[8]),
            provisional=bool(r[9]),
            basis=_basis.load(r[10], period, direction),
            calendar=r[11],
            calendar_version=r[12],
            status=r[13],
            completed_on=_date(r[14]),
            missing=tuple(r[15].split(",")) if r[15] else (),
        )

    def counts(self) -> dict[str, int]:
        return {
            t: int(self.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0])
            for t in ("cases", "events", "obligations")
        }


CLOSE_EVENT = "case.closed"  # `deadlines case close`: the case's duties end
REOPEN_EVENT = "case.reopened"
# The latest close or reopen event of case ``{case}`` dated up to ``:day`` (a corrected one not
# counted): a close means the case is closed that day. One text for every query that asks.
LAST_CLOSING = f"""SELECT t.text FROM event_rows e JOIN terms t ON t.id = e.type
  WHERE e.case_ref = (SELECT ref FROM cases WHERE id = {{case}})
    AND t.text IN ('{CLOSE_EVENT}', '{REOPEN_EVENT}') AND e.on_date <= :day
    AND NOT EXISTS (SELECT 1 FROM event_rows s WHERE s.supersedes = e.id)
  ORDER BY e.on_date DESC, e.seq DESC LIMIT 1"""

_RECURRING = TERM_IDS["recurring"]
_UNDETERMINED = TERM_IDS["undetermined"]
# Terms a process keeps in memory before it forgets them (and reads them again).
_TERMS_KEPT = 10_000

_OB_COLUMNS = (
    "case_id, rule_id, instance, rule_version, unit, kind, trigger, trigger_date, due,"
    " provisional, basis, calendar, calendar_version, status, completed_on, missing"
)


def _with_unit(ob: Obligation, unit: str) -> Obligation:
    """``ob`` for another unit: a copy with the one field set (``dataclasses.replace`` runs the
    20-field constructor again, 4x the time, for each duty of a case without a unit)."""
    new = copy.copy(ob)
    object.__setattr__(new, "unit", unit)
    return new


# --- opening, creating, migrating ---------------------------------------------------------------
def _connect(path: Path, busy_timeout: float) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(path, timeout=busy_timeout, isolation_level=None)
    except sqlite3.Error as exc:
        raise store_error(exc, path, "opening") from None
    return conn


def _inspect(conn: sqlite3.Connection, path: Path) -> int | None:
    """The schema version of the file, None for an empty database; refuses anything else: a file
    that is not SQLite, an SQLite file of another program, a damaged or unreadable store."""
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise store_error(exc, path, "reading") from None
    if not tables and app_id == 0:
        return None
    if VERSION_TABLE not in tables or app_id not in (0, APPLICATION_ID):
        raise StoreError(key="store.foreign", path=str(path), table=VERSION_TABLE)
    try:
        version = checked_version(conn, path)
        if path.stat().st_size <= QUICK_CHECK_BYTES:
            problem = " ".join(str(conn.execute("PRAGMA quick_check(1)").fetchone()[0]).split())
            if problem != "ok":
                raise StoreError(key="store.quick_check", path=str(path), problem=problem)
    except sqlite3.DatabaseError as exc:
        raise store_error(exc, path, "reading") from None
    return version


# Stores up to this size get SQLite's quick_check each time they are opened (a few ms); larger
# ones get the cheap checks only, and `deadlines check` on demand.
QUICK_CHECK_BYTES = 16 * 1024 * 1024


def checked_version(conn: sqlite3.Connection, path: Path) -> int:
    """The schema version, after checking that the version table reads 1..N with the known
    descriptions: a damaged table must not pass for a newer schema."""
    rows = conn.execute(f"SELECT version, description FROM {VERSION_TABLE} ORDER BY 1").fetchall()
    ours = [(v, d) for v, d in rows if not isinstance(v, int) or v <= SCHEMA_VERSION]
    newer = [v for v, _ in rows if isinstance(v, int) and v > SCHEMA_VERSION]
    expected = [(v, MIGRATIONS[v][0]) for v in range(1, len(ours) + 1)]
    if ours != expected or (newer and len(ours) != SCHEMA_VERSION):
        versions = [v for v, _ in rows]
        raise StoreError(key="store.bad_versions", path=str(path), versions=versions[:6])
    return max(newer, default=len(ours))


def _pragmas(conn: sqlite3.Connection, path: Path) -> None:
    try:
        mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
    except sqlite3.OperationalError as exc:
        if _locked(exc):
            raise StoreError(key="store.locked", path=str(path)) from None
        raise store_error(exc, path, "opening") from None
    if str(mode).lower() != "wal" and str(path) != ":memory:":
        raise StoreError(key="store.no_wal", path=str(path), mode=mode)
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA synchronous=NORMAL")
    # 64 MiB of page cache: bulk imports keep their index pages hot; bounded, so memory stays
    # flat in the size of the store.
    conn.execute("PRAGMA cache_size=-65536")


_CONFIG_VERSION = 5  # the migration that made the config table
_NARROW_VERSION = 10  # the migration that rebuilt cases, events and obligations narrow


def _compact(conn: sqlite3.Connection) -> None:
    """Give the pages of the tables a migration rebuilt back to the disk (VACUUM): a store
    upgraded to narrow rows would otherwise keep its old size as free pages. Not done if it
    cannot be (another process writing, no room for the copy): the store works as it is,
    and later rows reuse the free pages."""
    with suppress(sqlite3.OperationalError):
        conn.execute("VACUUM")


def _configure(store: Store, path: Path, setup: config.StoreConfig | None, check: bool) -> None:
    stored = config.read(store.conn)
    if stored is None:  # a new store, or one from before the record: it adopts this one
        stored = setup or config.from_environment()
        with store.transaction():
            config.write(store.conn, stored)
    elif setup is not None and setup != stored:
        raise StoreError(
            key="config.already",
            path=str(path),
            rules=stored.rules_text(),
            calendars=stored.calendars_text(),
        )
    if check:
        config.check(stored, path)
    store.config = stored
    config.apply(stored)


def _migrate(store: Store, target: int) -> None:
    """Run the missing migrations up to ``target`` in one transaction."""
    with store.transaction() as conn:
        # Re-read under the write lock: another process may have upgraded meanwhile.
        has_table = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (VERSION_TABLE,)
        ).fetchone()
        if not has_table:
            conn.execute(
                f"CREATE TABLE {VERSION_TABLE} (version INTEGER PRIMARY KEY,"
                " description TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        current = schema_version(conn)
        for version in range(current + 1, target + 1):
            description, statements = MIGRATIONS[version]
            for sql in statements:
                conn.execute(sql)
            conn.execute(
                f"INSERT INTO {VERSION_TABLE} (version, description, applied_at) VALUES (?, ?, ?)",
                (version, description, china_now()),
            )


def open_store(
    path: str | os.PathLike[str] | None = None,
    *,
    create: bool = False,
    evaluator: Evaluator | None = None,
    busy_timeout: float | None = None,
    upgrade_to: int | None = None,
    setup: config.StoreConfig | None = None,
    check_config: bool = True,
) -> Store:
    """Open the store at ``path`` (``--db``, ``$DEADLINES_DB`` or ``./deadlines.db``).

    An older schema is upgraded in place; a newer one, or a file that is not a deadlines store, is
    refused. Without ``create`` a missing store is an error that says to run ``deadlines init``.

    The store's rule and calendar folders (:mod:`deadlines.store.config`) become the process's
    until it is closed; ``setup`` records them in a store that has none (a new one), and
    ``check_config=False`` skips comparing them with the environment (a recompute adopting new
    ones).
    """
    p = default_path(path)
    busy_timeout = (
        busy_timeout_setting() if busy_timeout is None else check_busy_timeout(busy_timeout)
    )
    if not create and not p.exists():
        raise StoreError(key="err.no_store", path=str(p))
    if p.is_dir():
        raise StoreError(key="store.directory", path=str(p))
    conn = _connect(p, busy_timeout)
    try:
        version = _inspect(conn, p)
        if version is None and not create:
            raise StoreError(key="store.empty", path=str(p))
        if version is not None and version > SCHEMA_VERSION:
            raise StoreError(key="store.newer", path=str(p), version=version, ours=SCHEMA_VERSION)
        _pragmas(conn, p)
        store = Store(p, conn, evaluator=evaluator, busy_timeout=busy_timeout)
        # upgrade_to lets a test build an older store and check that it is upgraded.
        target = SCHEMA_VERSION if upgrade_to is None else upgrade_to
        if (version or 0) < target:
            _migrate(store, target)
            if 0 < (version or 0) < _NARROW_VERSION <= target:
                _compact(conn)
        if target >= _CONFIG_VERSION:
            _configure(store, p, setup, check_config)
        return store
    except BaseException:
        conn.close()
        raise


def init_store(path: str | os.PathLike[str] | None = None, **kwargs: Any) -> tuple[Store, int, int]:
    """Create or upgrade the store; returns it with the schema versions before and after."""
    p = default_path(path)
    before = 0
    if p.exists() and p.is_file() and p.stat().st_size > 0:
        conn = _connect(p, busy_timeout_setting())
        try:
            before = _inspect(conn, p) or 0
        finally:
            conn.close()
    store = open_store(p, create=True, **kwargs)
    return store, before, store.schema_version()


def _seconds(at: str) -> int:
    """A time china_now() wrote, in seconds since 1970 (obligation_rows.computed)."""
    return int(dt.datetime.fromisoformat(at).timestamp())


_INSERT_OBLIGATION = (
    "INSERT INTO obligation_rows (case_ref, rule, instance, unit, kind, trigger, trigger_date,"
    " due, provisional, basis, calendar, calendar_version, status, completed_on, missing,"
    " computed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def facts_json(facts: Mapping[str, FactValue]) -> str:
    return json.dumps(dict(sorted(facts.items())), ensure_ascii=False)
