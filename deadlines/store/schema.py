"""The store's schema: the migrations that build and upgrade it, one version at a time.

Each migration takes the store from version N-1 to N; a store is upgraded by running the missing
ones in order, in one transaction (``deadlines.store.database``). Never edit a published migration: add the
next one. The version table doubles as the mark that a file is a deadlines store.
"""

from __future__ import annotations

import sqlite3

APPLICATION_ID = 0x444C4E53  # "DLNS": marks the file as a deadlines store for `file` and for us
VERSION_TABLE = "deadlines_schema"

MIGRATIONS: dict[int, tuple[str, tuple[str, ...]]] = {
    1: (
        "cases, append-only events, materialised obligations",
        (
            """CREATE TABLE cases (
                id TEXT PRIMARY KEY,
                kind TEXT NOT NULL,
                unit TEXT,
                facts TEXT NOT NULL DEFAULT '{}',
                created_at TEXT NOT NULL)""",
            # seq is the rowid: events are never deleted, so it is the order of recording.
            """CREATE TABLE events (
                seq INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                case_id TEXT NOT NULL REFERENCES cases(id),
                type TEXT NOT NULL,
                on_date TEXT NOT NULL,
                recorded_at TEXT NOT NULL,
                note TEXT NOT NULL DEFAULT '',
                data TEXT NOT NULL DEFAULT '{}',
                supersedes TEXT REFERENCES events(id))""",
            "CREATE INDEX events_case ON events(case_id, seq)",
            "CREATE UNIQUE INDEX events_superseded_once ON events(supersedes)"
            " WHERE supersedes IS NOT NULL",
            """CREATE TRIGGER events_no_update BEFORE UPDATE ON events
               BEGIN SELECT RAISE(ABORT, 'events are append-only: add a correcting event'); END""",
            """CREATE TRIGGER events_no_delete BEFORE DELETE ON events
               BEGIN SELECT RAISE(ABORT, 'events are append-only: add a correcting event'); END""",
            """CREATE TABLE obligations (
                case_id TEXT NOT NULL REFERENCES cases(id),
                rule_id TEXT NOT NULL,
                instance TEXT NOT NULL,
                rule_version TEXT NOT NULL,
                clause TEXT NOT NULL,
                title_zh TEXT NOT NULL,
                title_en TEXT NOT NULL,
                unit TEXT NOT NULL,
                kind TEXT NOT NULL,
                trigger TEXT NOT NULL,
                trigger_date TEXT,
                due TEXT,
                provisional INTEGER NOT NULL,
                steps TEXT NOT NULL,
                calendar TEXT NOT NULL,
                calendar_version TEXT NOT NULL,
                status TEXT NOT NULL,
                completed_on TEXT,
                computed_at TEXT NOT NULL,
                PRIMARY KEY (case_id, rule_id, instance)) WITHOUT ROWID""",
            # The daily run reads only open obligations near today: a partial index on the due
            # date makes its cost that of its notices, not that of the store.
            "CREATE INDEX obligations_open_due ON obligations(due) WHERE completed_on IS NULL",
        ),
    ),
    2: (
        "notices emitted by `remind`, and the runs that emitted them",
        (
            """CREATE TABLE notices (
                id TEXT PRIMARY KEY,
                case_id TEXT NOT NULL,
                rule_id TEXT NOT NULL,
                instance TEXT NOT NULL,
                kind TEXT NOT NULL,
                due TEXT NOT NULL,
                first_emitted_at TEXT NOT NULL,
                first_as_of TEXT NOT NULL) WITHOUT ROWID""",
            # Replays of a past day read duties completed after it through this index; the daily
            # run refreshes recurring duties through the next one.
            "CREATE INDEX obligations_completed ON obligations(completed_on)"
            " WHERE completed_on IS NOT NULL",
            "CREATE INDEX obligations_recurring ON obligations(computed_at)"
            " WHERE kind = 'recurring'",
            """CREATE TABLE runs (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                as_of TEXT NOT NULL,
                ran_at TEXT NOT NULL,
                notices INTEGER NOT NULL,
                new_notices INTEGER NOT NULL)""",
        ),
    ),
    3: (
        "explanation steps interned: each distinct step text stored once",
        (
            # An explanation step depends on the rule, the dates and the calendar, not on the
            # case, so the same text recurs across thousands of obligations; obligations.steps
            # holds a JSON list of text ids (rows written before version 3 hold the texts).
            """CREATE TABLE texts (
                id INTEGER PRIMARY KEY,
                text TEXT NOT NULL UNIQUE)""",
        ),
    ),
    4: (
        "rule texts stored once per rule version; obligations in a rowid table",
        (
            # A rule version is a hash of the rule's content, so its clause and titles cannot
            # differ between obligations: store them once, not on each of millions of rows.
            """CREATE TABLE rule_texts (
                rule_id TEXT NOT NULL,
                rule_version TEXT NOT NULL,
                clause TEXT NOT NULL,
                title_zh TEXT NOT NULL,
                title_en TEXT NOT NULL,
                PRIMARY KEY (rule_id, rule_version)) WITHOUT ROWID""",
            """INSERT OR IGNORE INTO rule_texts
               SELECT rule_id, rule_version, clause, title_zh, title_en FROM obligations""",
            # Wide rows do not suit WITHOUT ROWID (SQLite's advice: under ~1/20 of a page); a
            # rowid table with a unique key inserts faster and keeps the file smaller.
            """CREATE TABLE obligations_v4 (
                case_id TEXT NOT NULL REFERENCES cases(id),
                rule_id TEXT NOT NULL,
                instance TEXT NOT NULL,
                rule_version TEXT NOT NULL,
                unit TEXT NOT NULL,
                kind TEXT NOT NULL,
                trigger TEXT NOT NULL,
                trigger_date TEXT,
                due TEXT,
                provisional INTEGER NOT NULL,
                steps TEXT NOT NULL,
                calendar TEXT NOT NULL,
                calendar_version TEXT NOT NULL,
                status TEXT NOT NULL,
                completed_on TEXT,
                computed_at TEXT NOT NULL,
                FOREIGN KEY (rule_id, rule_version) REFERENCES rule_texts(rule_id, rule_version))""",
            """INSERT INTO obligations_v4 SELECT case_id, rule_id, instance, rule_version, unit,
               kind, trigger, trigger_date, due, provisional, steps, calendar, calendar_version,
               status, completed_on, computed_at FROM obligations""",
            "DROP TABLE obligations",
            "ALTER TABLE obligations_v4 RENAME TO obligations",
            "CREATE UNIQUE INDEX obligations_key ON obligations(case_id, rule_id, instance)",
            "CREATE INDEX obligations_open_due ON obligations(due) WHERE completed_on IS NULL",
            "CREATE INDEX obligations_completed ON obligations(completed_on)"
            " WHERE completed_on IS NOT NULL",
            "CREATE INDEX obligations_recurring ON obligations(computed_at)"
            " WHERE kind = 'recurring'",
        ),
    ),
    5: (
        "the notice contract: notices and runs by run, due-date moves, the store's configuration",
        (
            # A notice records the run that emitted it: the last one emitted for an obligation
            # says which date its receivers were told (a moved date is announced from it).
            "ALTER TABLE notices ADD COLUMN run_seq INTEGER",
            "CREATE INDEX notices_key ON notices(case_id, rule_id, instance)",
            "ALTER TABLE runs ADD COLUMN run_id TEXT",
            # Every due date that moved, with why (an event, a correction, a recompute, a
            # renewal); the next sending run announces the ones it had told about, then settles.
            """CREATE TABLE date_moves (
                seq INTEGER PRIMARY KEY,
                case_id TEXT NOT NULL,
                rule_id TEXT NOT NULL,
                instance TEXT NOT NULL,
                old_due TEXT NOT NULL,
                new_due TEXT NOT NULL,
                reason TEXT NOT NULL,
                recorded_at TEXT NOT NULL,
                settled INTEGER NOT NULL DEFAULT 0)""",
            "CREATE INDEX date_moves_open ON date_moves(case_id, rule_id, instance)"
            " WHERE settled = 0",
            # What the store's dates were computed with (rule folders, calendar folder and their
            # content hashes): every command on the store uses these, not its own environment.
            """CREATE TABLE config (
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL) WITHOUT ROWID""",
        ),
    ),
    6: (
        "the outbox: each digest to each destination, pending until delivered",
        (
            # One row per message (a unit's digest to one destination). The destination is kept
            # as the units file writes it (${VAR} for a secret), so a retry can find it again and
            # no secret is ever stored.
            """CREATE TABLE outbox (
                seq INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                unit TEXT NOT NULL,
                destination TEXT NOT NULL,
                as_of TEXT NOT NULL,
                lang TEXT NOT NULL,
                title TEXT NOT NULL,
                body TEXT NOT NULL,
                created_at TEXT NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('pending', 'delivered')),
                attempts INTEGER NOT NULL DEFAULT 0,
                last_attempt_at TEXT,
                next_attempt_at TEXT,
                last_error TEXT,
                delivered_at TEXT)""",
            "CREATE INDEX outbox_pending ON outbox(next_attempt_at) WHERE state = 'pending'",
            # A notice goes to a destination in one message, ever: the key refuses a second.
            """CREATE TABLE outbox_notices (
                notice_id TEXT NOT NULL,
                destination TEXT NOT NULL,
                message_id TEXT NOT NULL REFERENCES outbox(id),
                PRIMARY KEY (notice_id, destination)) WITHOUT ROWID""",
            "CREATE INDEX outbox_notices_message ON outbox_notices(message_id)",
        ),
    ),
    7: (
        "obligations name the facts an undetermined one is missing",
        (
            # A rule the case's facts cannot decide still yields an obligation (status
            # undetermined, the earliest candidate date): comma-separated names of the facts
            # the case must state to decide it; '' for every other obligation.
            "ALTER TABLE obligations ADD COLUMN missing TEXT NOT NULL DEFAULT ''",
            # The daily list shows every undetermined one, whatever its date: read through this.
            "CREATE INDEX obligations_undetermined ON obligations(due)"
            " WHERE status = 'undetermined'",
        ),
    ),
    8: (
        "web accounts, their sessions, and who made each write",
        (
            # A clerk sees and records only the cases of their unit; a supervisor sees every unit
            # and records nothing; an admin manages accounts. Passwords are argon2 hashes.
            """CREATE TABLE users (
                name TEXT PRIMARY KEY,
                unit TEXT,
                role TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor', 'admin')),
                password_hash TEXT NOT NULL,
                created_at TEXT NOT NULL)""",
            # The cookie holds a random token; only its SHA-256 is stored, so a copy of the
            # store does not let anyone in. csrf is the token every form of the session carries.
            """CREATE TABLE sessions (
                token_hash TEXT PRIMARY KEY,
                username TEXT NOT NULL REFERENCES users(name),
                csrf TEXT NOT NULL,
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL) WITHOUT ROWID""",
            "CREATE INDEX sessions_expiry ON sessions(expires_at)",
            # Who made each write (an event recorded on the web, an account added), append-only.
            """CREATE TABLE writes (
                seq INTEGER PRIMARY KEY,
                at TEXT NOT NULL,
                username TEXT NOT NULL,
                action TEXT NOT NULL,
                case_id TEXT,
                event_id TEXT,
                detail TEXT NOT NULL DEFAULT '{}')""",
            "CREATE INDEX writes_case ON writes(case_id, seq) WHERE case_id IS NOT NULL",
            """CREATE TRIGGER writes_no_update BEFORE UPDATE ON writes
               BEGIN SELECT RAISE(ABORT, 'the write log is append-only'); END""",
            """CREATE TRIGGER writes_no_delete BEFORE DELETE ON writes
               BEGIN SELECT RAISE(ABORT, 'the write log is append-only'); END""",
        ),
    ),
    9: (
        "explanations derived when shown: obligations keep their inputs (basis), not their steps",
        (
            # A rule version's period and direction, once, for explaining its obligations even
            # after the rule has changed (NULL for rule versions stored before version 9).
            "ALTER TABLE rule_texts ADD COLUMN period TEXT",
            "ALTER TABLE rule_texts ADD COLUMN direction TEXT",
            # basis: what the date was computed from beyond the rule version, as a compact JSON
            # object ('' when nothing: deductions, extensions, chain, cap; see store.basis).
            # NULL for rows written before version 9: shown marked until recomputed.
            """CREATE TABLE obligations_v9 (
                case_id TEXT NOT NULL REFERENCES cases(id),
                rule_id TEXT NOT NULL,
                instance TEXT NOT NULL,
                rule_version TEXT NOT NULL,
                unit TEXT NOT NULL,
                kind TEXT NOT NULL,
                trigger TEXT NOT NULL,
                trigger_date TEXT,
                due TEXT,
                provisional INTEGER NOT NULL,
                basis TEXT,
                calendar TEXT NOT NULL,
                calendar_version TEXT NOT NULL,
                status TEXT NOT NULL,
                completed_on TEXT,
                computed_at TEXT NOT NULL,
                missing TEXT NOT NULL DEFAULT '',
                FOREIGN KEY (rule_id, rule_version) REFERENCES rule_texts(rule_id, rule_version))""",
            """INSERT INTO obligations_v9 SELECT case_id, rule_id, instance, rule_version, unit,
               kind, trigger, trigger_date, due, provisional, NULL, calendar, calendar_version,
               status, completed_on, computed_at, missing FROM obligations""",
            "DROP TABLE obligations",
            "ALTER TABLE obligations_v9 RENAME TO obligations",
            "CREATE UNIQUE INDEX obligations_key ON obligations(case_id, rule_id, instance)",
            "CREATE INDEX obligations_open_due ON obligations(due) WHERE completed_on IS NULL",
            "CREATE INDEX obligations_completed ON obligations(completed_on)"
            " WHERE completed_on IS NOT NULL",
            "CREATE INDEX obligations_recurring ON obligations(computed_at)"
            " WHERE kind = 'recurring'",
            "CREATE INDEX obligations_undetermined ON obligations(due)"
            " WHERE status = 'undetermined'",
            # The explanation steps are derived when shown; their interned texts go.
            "DROP TABLE texts",
        ),
    ),
    10: (
        "a narrow store: repeated texts interned, obligations keyed by integers",
        (
            # Every text that recurs across rows (units, triggers, event types, calendars and
            # their data versions, kinds, statuses, the time of an event's write batch) is stored once
            # here and referenced by id: at a million cases the repeats were half the file.
            # The kinds and statuses take fixed ids, which the partial indexes below name.
            """CREATE TABLE terms (
                id INTEGER PRIMARY KEY,
                text TEXT NOT NULL UNIQUE)""",
            """INSERT INTO terms (id, text) VALUES (1, 'deadline'), (2, 'reminder'),
               (3, 'aging'), (4, 'recurring'), (5, 'pending'), (6, 'due_today'),
               (7, 'met_on_time'), (8, 'met_late'), (9, 'overdue'), (10, 'paused'),
               (11, 'flagged'), (12, 'undetermined')""",
            # rule_texts with an integer id an obligation can name instead of two texts
            """CREATE TABLE rule_versions (
                id INTEGER PRIMARY KEY,
                rule_id TEXT NOT NULL,
                rule_version TEXT NOT NULL,
                clause TEXT NOT NULL,
                title_zh TEXT NOT NULL,
                title_en TEXT NOT NULL,
                period TEXT,
                direction TEXT,
                UNIQUE (rule_id, rule_version))""",
            """INSERT INTO rule_versions
               (rule_id, rule_version, clause, title_zh, title_en, period, direction)
               SELECT rule_id, rule_version, clause, title_zh, title_en, period, direction
               FROM rule_texts ORDER BY rule_id, rule_version""",
            # an obligation of a version never recorded reads as before: clause '?', the id
            """INSERT OR IGNORE INTO rule_versions (rule_id, rule_version, clause, title_zh,
               title_en) SELECT DISTINCT rule_id, rule_version, '?', rule_id, rule_id
               FROM obligations""",
            # A case gets a stable integer key (a bare rowid may change in a VACUUM).
            """CREATE TABLE cases_v10 (
                ref INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                kind TEXT NOT NULL,
                unit TEXT,
                facts TEXT NOT NULL DEFAULT '{}',
                created_at TEXT NOT NULL)""",
            """INSERT INTO cases_v10 (ref, id, kind, unit, facts, created_at)
               SELECT rowid, id, kind, unit, facts, created_at FROM cases ORDER BY rowid""",
            """INSERT OR IGNORE INTO terms (text)
               SELECT type FROM events UNION SELECT recorded_at FROM events
               UNION SELECT unit FROM obligations UNION SELECT kind FROM obligations
               UNION SELECT trigger FROM obligations UNION SELECT calendar FROM obligations
               UNION SELECT calendar_version FROM obligations UNION SELECT status FROM obligations""",
            """CREATE TABLE event_rows (
                seq INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                case_ref INTEGER NOT NULL REFERENCES cases_v10(ref),
                type INTEGER NOT NULL REFERENCES terms(id),
                on_date TEXT NOT NULL,
                recorded INTEGER NOT NULL REFERENCES terms(id),
                note TEXT NOT NULL DEFAULT '',
                data TEXT NOT NULL DEFAULT '{}',
                supersedes TEXT REFERENCES event_rows(id))""",
            """INSERT INTO event_rows SELECT e.seq, e.id, c.ref,
               (SELECT id FROM terms WHERE text = e.type), e.on_date,
               (SELECT id FROM terms WHERE text = e.recorded_at), e.note, e.data, e.supersedes
               FROM events e JOIN cases_v10 c ON c.id = e.case_id ORDER BY e.seq""",
            # Narrow rows: the natural key is the table's own order (no second copy in an
            # index). A case has one obligation per rule id and instance; rule names its version;
            # computed is when, in seconds since 1970 (the daily run finds recurring duties
            # computed before a day by it; read as China time, as china_now() wrote it).
            """CREATE TABLE obligation_rows (
                case_ref INTEGER NOT NULL REFERENCES cases_v10(ref),
                rule INTEGER NOT NULL REFERENCES rule_versions(id),
                instance TEXT NOT NULL,
                unit INTEGER NOT NULL REFERENCES terms(id),
                kind INTEGER NOT NULL REFERENCES terms(id),
                trigger INTEGER NOT NULL REFERENCES terms(id),
                trigger_date TEXT,
                due TEXT,
                provisional INTEGER NOT NULL,
                basis TEXT,
                calendar INTEGER NOT NULL REFERENCES terms(id),
                calendar_version INTEGER NOT NULL REFERENCES terms(id),
                status INTEGER NOT NULL REFERENCES terms(id),
                completed_on TEXT,
                computed INTEGER NOT NULL,
                missing TEXT NOT NULL DEFAULT '',
                PRIMARY KEY (case_ref, rule, instance)) WITHOUT ROWID""",
            """INSERT INTO obligation_rows SELECT c.ref, r.id, o.instance,
               (SELECT id FROM terms WHERE text = o.unit), (SELECT id FROM terms WHERE text = o.kind),
               (SELECT id FROM terms WHERE text = o.trigger), o.trigger_date, o.due,
               o.provisional, o.basis, (SELECT id FROM terms WHERE text = o.calendar),
               (SELECT id FROM terms WHERE text = o.calendar_version),
               (SELECT id FROM terms WHERE text = o.status), o.completed_on,
               COALESCE(CAST(strftime('%s', o.computed_at) AS INTEGER), 0), o.missing
               FROM obligations o JOIN cases_v10 c ON c.id = o.case_id
               JOIN rule_versions r ON r.rule_id = o.rule_id AND r.rule_version = o.rule_version
               ORDER BY 1, 2, 3""",
            "DROP TABLE obligations",
            "DROP TABLE events",
            "DROP TABLE rule_texts",
            "DROP TABLE cases",
            "ALTER TABLE cases_v10 RENAME TO cases",
            "CREATE INDEX events_case ON event_rows(case_ref, seq)",
            "CREATE UNIQUE INDEX events_superseded_once ON event_rows(supersedes)"
            " WHERE supersedes IS NOT NULL",
            """CREATE TRIGGER events_no_update BEFORE UPDATE ON event_rows
               BEGIN SELECT RAISE(ABORT, 'events are append-only: add a correcting event'); END""",
            """CREATE TRIGGER events_no_delete BEFORE DELETE ON event_rows
               BEGIN SELECT RAISE(ABORT, 'events are append-only: add a correcting event'); END""",
            "CREATE INDEX obligations_open_due ON obligation_rows(due) WHERE completed_on IS NULL",
            "CREATE INDEX obligations_completed ON obligation_rows(completed_on)"
            " WHERE completed_on IS NOT NULL",
            "CREATE INDEX obligations_recurring ON obligation_rows(computed) WHERE kind = 4",
            "CREATE INDEX obligations_undetermined ON obligation_rows(due) WHERE status = 12",
            # Readers see the rows as before, texts and all, through views of the old names
            # (inner joins: every reference is there, and the planner may start from any side);
            # the *_ref columns and computed let a query name what the partial indexes test.
            """CREATE VIEW events AS SELECT e.seq, e.id, c.id AS case_id, t.text AS type,
               e.on_date, w.text AS recorded_at, e.note, e.data, e.supersedes,
               e.case_ref AS case_ref
               FROM event_rows e JOIN cases c ON c.ref = e.case_ref
               JOIN terms t ON t.id = e.type JOIN terms w ON w.id = e.recorded""",
            """CREATE VIEW obligations AS SELECT c.id AS case_id, r.rule_id, o.instance,
               r.rule_version, u.text AS unit, k.text AS kind, t.text AS trigger,
               o.trigger_date, o.due, o.provisional, o.basis, cal.text AS calendar,
               cv.text AS calendar_version, s.text AS status, o.completed_on,
               strftime('%Y-%m-%dT%H:%M:%S+08:00', o.computed, 'unixepoch', '+8 hours')
               AS computed_at, o.missing, o.case_ref AS case_ref, o.rule AS rule_ref,
               o.kind AS kind_ref, o.status AS status_ref, o.computed AS computed
               FROM obligation_rows o JOIN cases c ON c.ref = o.case_ref
               JOIN rule_versions r ON r.id = o.rule JOIN terms u ON u.id = o.unit
               JOIN terms k ON k.id = o.kind JOIN terms t ON t.id = o.trigger
               JOIN terms cal ON cal.id = o.calendar
               JOIN terms cv ON cv.id = o.calendar_version
               JOIN terms s ON s.id = o.status""",
            # Events stay append-only through the view too.
            """CREATE TRIGGER events_view_no_update INSTEAD OF UPDATE ON events
               BEGIN SELECT RAISE(ABORT, 'events are append-only: add a correcting event'); END""",
            """CREATE TRIGGER events_view_no_delete INSTEAD OF DELETE ON events
               BEGIN SELECT RAISE(ABORT, 'events are append-only: add a correcting event'); END""",
        ),
    ),
    11: (
        "a duty that goes away is kept as a date move with no new date",
        (
            # A correction, re-import or recompute that takes an announced duty away is told
            # (kind cancelled, deadlines.notices.contract): its move is kept with new_due NULL.
            # SQLite cannot drop a NOT NULL: the table is rebuilt, its rows and seq kept.
            """CREATE TABLE date_moves_v11 (
                seq INTEGER PRIMARY KEY,
                case_id TEXT NOT NULL,
                rule_id TEXT NOT NULL,
                instance TEXT NOT NULL,
                old_due TEXT NOT NULL,
                new_due TEXT,
                reason TEXT NOT NULL,
                recorded_at TEXT NOT NULL,
                settled INTEGER NOT NULL DEFAULT 0)""",
            """INSERT INTO date_moves_v11 (seq, case_id, rule_id, instance, old_due, new_due,
               reason, recorded_at, settled) SELECT seq, case_id, rule_id, instance, old_due,
               new_due, reason, recorded_at, settled FROM date_moves ORDER BY seq""",
            "DROP TABLE date_moves",
            "ALTER TABLE date_moves_v11 RENAME TO date_moves",
            "CREATE INDEX date_moves_open ON date_moves(case_id, rule_id, instance)"
            " WHERE settled = 0",
        ),
    ),
    12: (
        "a duty that goes away keeps its unit and kind; announced cancellations are indexed",
        (
            # Its cancellation goes to the unit that was told of it (the obligation row is gone
            # by then); NULL on a move of a date, whose obligation still says.
            "ALTER TABLE date_moves ADD COLUMN unit TEXT",
            "ALTER TABLE date_moves ADD COLUMN duty TEXT",
            # A duty that comes back after its cancellation was sent gets its notices again:
            # their ids follow the cancellation, found through this index.
            "CREATE INDEX notices_cancelled ON notices(case_id, rule_id, instance)"
            " WHERE kind = 'cancelled'",
        ),
    ),
    13: (
        "a duty that goes away keeps its status, completion and trigger; a notice keeps its unit",
        (
            # A duty completed or paused when it went away is not cancelled; an undetermined one
            # whose family is decided (the same trigger and instance) is not either. NULL status:
            # a removal recorded before version 13, whose state is not known.
            "ALTER TABLE date_moves ADD COLUMN status TEXT",
            "ALTER TABLE date_moves ADD COLUMN completed_on TEXT",
            "ALTER TABLE date_moves ADD COLUMN trigger TEXT",
            # The unit a notice was sent to: a cancellation goes to the unit that was told, even
            # after the case changed unit. NULL: a notice recorded before version 13.
            "ALTER TABLE notices ADD COLUMN unit TEXT",
        ),
    ),
    14: (
        "an undetermined duty that goes away keeps its candidate rules",
        (
            # Only a candidate rule of its family decides it: another rule with the same trigger
            # (a duty with no condition beside a variant) is not its decision. A JSON list of
            # rule ids; NULL for any other duty, or one recorded before version 14.
            "ALTER TABLE date_moves ADD COLUMN candidates TEXT",
        ),
    ),
}
SCHEMA_VERSION = max(MIGRATIONS)

# The ids migration 10 gave the obligation kinds and statuses in the terms table; its partial
# indexes and the queries that must use them name these ids.
TERM_IDS = {
    "deadline": 1,
    "reminder": 2,
    "aging": 3,
    "recurring": 4,
    "pending": 5,
    "due_today": 6,
    "met_on_time": 7,
    "met_late": 8,
    "overdue": 9,
    "paused": 10,
    "flagged": 11,
    "undetermined": 12,
}


def schema_version(conn: sqlite3.Connection) -> int:
    row = conn.execute(f"SELECT MAX(version) FROM {VERSION_TABLE}").fetchone()
    return int(row[0] or 0)
