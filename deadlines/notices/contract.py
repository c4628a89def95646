"""The notice contract: what is sent, when, under which id (decisions.md, "Notices").

Two calls make the contract; ``remind --new`` and any other sender (an outbox) share them:

* :func:`day_list` — for a store and a day, the day's full list of notices, each marked ``new``
  when its id was never recorded as emitted. Read-only. ``[n for n in day.notices if n.new]`` are
  the notices due to be sent.
* :func:`record` — inside the caller's write transaction, records a set of notices as emitted by
  one run (and settles the date moves it looked at).

:func:`send` puts them together for a sender that writes to stdout: it takes the store's write
lock (two senders queue), builds the list, hands the new notices to ``emit``, then records them
and commits. A crash between emitting and committing repeats the same ids on the next run (at
least once; receivers drop repeats by id); recording before emitting is not possible, so nothing
is lost. :func:`look` is the same list with nothing recorded: every list, replay and preview.

A notice's id is its meaning: ``case, rule, instance, kind, due date`` (a ``moved`` or
``cancelled`` notice also names the notice it follows, so a date that moves away and back is
announced each time; the notices of a duty that comes back after its cancellation name that
cancellation, so they are sent again). A correction, a re-import, a recompute or a new rule
version that does not move the date keeps it.

Each open obligation yields, once per kind, on the day that kind holds:

``reminder``   a reminder date (到期前N日) has come; it holds until the expiry it announces;
``due-soon``   the due date is within ``ahead`` working days (default 3) on the plan's calendar;
``due-today``  the due date is today;
``overdue``    the due date has passed (an aging flag 超N年 from its day);
``moved``      a due date that was announced has moved: old -> new, with the reason;
``cancelled``  a duty that was announced no longer falls due (a correction, a fact, a re-import
               or a rule change took it away): the date announced, with the reason, to the unit
               told; not for a duty done by then, nor of a closed case; an undetermined duty a
               fact decides is not cancelled, its decided duty is ``moved`` (if its date differs);
``undetermined`` a fact the rules need to choose the limit is missing (earliest candidate date).

A run after missed days sends each open duty in the kind that holds on the day of the run (an
overdue duty is sent ``overdue``, not the ``due-soon`` it missed): nothing open is left unsent.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Literal, NamedTuple, Protocol, cast, get_args

from deadlines.calendars.layers import calendar
from deadlines.errors import StoreError
from deadlines.model import NO_UNIT, Obligation, started_by
from deadlines.notices.marks import low_confidence
from deadlines.store.database import Store, china_now, china_today

Kind = Literal["reminder", "due-soon", "due-today", "overdue", "moved", "cancelled", "undetermined"]
KINDS: tuple[Kind, ...] = get_args(Kind)
# "Deadlines due today and in the next few working days": three working days ahead by default.
DEFAULT_AHEAD_WORKDAYS = 3
PLAN_CALENDAR = "cn-nx"
_ORDER: dict[str, int] = {
    k: i
    for i, k in enumerate(
        ("moved", "cancelled", "undetermined", "overdue", "due-today", "due-soon", "reminder")
    )
}


@dataclass(frozen=True)
class Notice:
    """One notice of the day's list, under its stable id (see the module's docstring)."""

    id: str
    kind: Kind
    case: str
    rule: str
    instance: str
    clause: str
    title_zh: str
    title_en: str
    unit: str
    due: dt.date
    provisional: bool
    # overdue: calendar days past the due date; due-soon: working days left; reminder: days to
    # expiry; moved: calendar days the date moved (later > 0); cancelled: 0
    days: int
    expiry: dt.date | None = None
    new: bool = False
    # the duty behind it: deadline, reminder, aging (an 超N年 flag: "overdue" from its day) ...
    duty: str = "deadline"
    # moved: the date announced before; cancelled: the date announced, also its ``due``
    old_due: dt.date | None = None
    reason: Mapping[str, str] | None = None  # moved, cancelled: why (Store.replace_obligations)
    # computed over a year whose Ningxia data is graded low: answered, and marked (decisions.md)
    low_confidence: bool = False
    missing: tuple[str, ...] = ()  # undetermined: the facts the case must state

    def as_json(self) -> dict[str, object]:
        # every field is flat (reason and missing are converted below): asdict's deep copy would
        # only cost time, ~5 ms of a remind of the sample store
        d = {f.name: getattr(self, f.name) for f in fields(self)}
        for key in ("due", "expiry", "old_due"):
            value = getattr(self, key)
            d[key] = value.isoformat() if value else None
        d["reason"] = dict(self.reason) if self.reason else None
        d["missing"] = list(self.missing)
        return d


@dataclass(frozen=True)
class RemindRun:
    """One day's list: a look (``recorded`` False) or a sending run."""

    as_of: dt.date
    notices: tuple[Notice, ...]
    recorded: bool
    ahead_until: dt.date
    units: tuple[str, ...] = field(default=())
    run_id: str = ""

    @property
    def new(self) -> tuple[Notice, ...]:
        return tuple(n for n in self.notices if n.new)


def notice_id(
    case: str, rule: str, instance: str, kind: str, due: dt.date, follows: str = ""
) -> str:
    """Stable: the same duty, kind and due date always give the same id; a moved date a new one."""
    parts = (case, rule, instance, kind, due.isoformat(), *((follows,) if follows else ()))
    return "n" + _sha1()("\x1f".join(parts).encode()).hexdigest()[:16]


def _sha1() -> Callable[[bytes], _Digest]:
    """SHA-1 from CPython's built-in module where it has one: the same digest as hashlib's,
    without loading OpenSSL (about 12M instructions, a tenth of a sending run's start-up).
    Imported only where a notice is made: next and case show make none."""
    try:
        from _sha1 import sha1  # type: ignore[import-not-found]
    except ImportError:  # an interpreter built without it: hashlib's (OpenSSL's)
        from hashlib import sha1
    return cast("Callable[[bytes], _Digest]", sha1)


class _Digest(Protocol):
    def hexdigest(self) -> str: ...


def window_end(as_of: dt.date, ahead: int = DEFAULT_AHEAD_WORKDAYS) -> dt.date:
    """The last day of "due in the next few working days" on the plan's calendar."""
    if ahead <= 0:
        return as_of
    return calendar(PLAN_CALENDAR).add_workdays(as_of, ahead)


def classify(ob: Obligation, as_of: dt.date, ahead_until: dt.date) -> Kind | None:
    """The kind of notice ``ob`` gives on ``as_of``, or None (nothing to say that day)."""
    due = ob.due
    done = ob.completed_on is not None and ob.completed_on <= as_of
    if due is None or done or ob.status == "paused":
        return None
    if ob.kind != "reminder" and ob.trigger_date is not None and ob.trigger_date > as_of:
        return None  # a replay of a past day: its trigger had not happened yet
    if ob.status == "undetermined":
        return "undetermined"  # every day until the fact is given, whatever the date
    if ob.kind == "reminder":
        # A reminder runs from its date until the expiry it announces.
        expiry = ob.trigger_date
        if due <= as_of and (expiry is None or expiry >= as_of):
            return "reminder"
        return None
    if ob.kind == "aging":
        # The flag is on from the day after trigger + N years; the engine gives that day as due.
        return "overdue" if due <= as_of else None
    if due < as_of:
        return "overdue"
    if due == as_of:
        return "due-today"
    if due <= ahead_until:
        return "due-soon"
    return None


def to_notice(ob: Obligation, kind: Kind, as_of: dt.date) -> Notice:
    assert ob.due is not None  # classify gives a kind only to a dated obligation
    if kind in ("overdue", "undetermined"):
        days = (as_of - ob.due).days  # undetermined: negative while the earliest date is ahead
    elif kind == "due-soon":
        days = calendar(ob.calendar).count_workdays(as_of, ob.due)
    elif kind == "reminder":
        days = (ob.trigger_date - as_of).days if ob.trigger_date else 0
    else:
        days = 0
    return Notice(
        id=notice_id(ob.case_id, ob.rule_id, ob.instance, kind, ob.due),
        kind=kind,
        case=ob.case_id,
        rule=ob.rule_id,
        instance=ob.instance,
        clause=ob.clause,
        title_zh=ob.title_zh,
        title_en=ob.title_en,
        unit=ob.unit,
        due=ob.due,
        provisional=ob.provisional,
        days=days,
        expiry=ob.trigger_date if ob.kind == "reminder" else None,
        duty=ob.kind,
        low_confidence=low_confidence(ob),
        missing=ob.missing,
    )


# --- moved dates and duties gone -----------------------------------------------------------
class _MoveCheck(NamedTuple):
    """A key with unsettled date moves: the notice it needs (if any) and the last move seen."""

    key: tuple[str, str, str]
    last_seq: int
    notice: Notice | None


class _Gone(NamedTuple):
    """A duty that went away, as it was then (date_moves, migrations 12 and 13)."""

    unit: str | None
    duty: str | None
    status: str | None  # None: recorded before version 13, its state unknown
    completed_on: str | None
    trigger: str | None
    candidates: str | None  # undetermined: its family's rules, JSON (None before version 14)


def _moves(store: Store, as_of: dt.date, units: Sequence[str]) -> list[_MoveCheck]:
    """Each obligation whose due date moved since the last sending run and whose last emitted
    notice announced another date gets one ``moved`` notice; each that went away after a notice
    was emitted for it, one ``cancelled``; the others need none."""
    rows = store.conn.execute(
        "SELECT case_id, rule_id, instance, MAX(seq), reason, new_due IS NULL, unit, duty,"
        " status, completed_on, trigger, candidates FROM date_moves WHERE settled = 0"
        " GROUP BY case_id, rule_id, instance"
    ).fetchall()
    out: list[_MoveCheck] = []
    for case_id, rule_id, instance, seq, reason, gone, *was in rows:
        key = (case_id, rule_id, instance)
        ob = store.obligation(*key)
        why = json.loads(reason)
        if ob is not None:
            notice, unit = _moved(store, ob, why), ob.unit
        elif gone:
            notice = _went_away(store, key, _Gone(*was), why, as_of)
            unit = notice.unit if notice is not None else was[0]
        else:  # gone, its removal not kept (a store before version 11): as before, no notice
            notice, unit = None, was[0]
        if units and unit not in units:
            continue  # another unit's: its own sending run settles it
        out.append(_MoveCheck(key, int(seq), notice))
    return out


class _Told(NamedTuple):
    """The last notice emitted for a duty."""

    id: str
    due: str
    kind: str
    unit: str | None  # None: recorded before version 13


def _last_told(store: Store, key: tuple[str, str, str]) -> _Told | None:
    row = store.conn.execute(
        "SELECT id, due, kind, unit FROM notices WHERE case_id = ? AND rule_id = ?"
        " AND instance = ? ORDER BY run_seq IS NULL, run_seq DESC, first_emitted_at DESC LIMIT 1",
        key,
    ).fetchone()
    return None if row is None else _Told(*row)


def _moved(
    store: Store,
    ob: Obligation,
    reason: Mapping[str, str],
    told: tuple[str, str, str] | None = None,
) -> Notice | None:
    """``ob``'s date moved from the one last announced for it (or, ``told``, for the undetermined
    duty of its family that it decides)."""
    if ob.due is None or ob.completed_on is not None or ob.status == "paused":
        return None
    last = _last_told(store, told or (ob.case_id, ob.rule_id, ob.instance))
    if last is None or last.due == ob.due.isoformat() or last.kind == "cancelled":
        # nobody was told another date; or told it is gone: its notices, back, are new
        return None
    old = dt.date.fromisoformat(last.due)
    base = to_notice(ob, "due-today", ob.due)  # the duty's fields; kind and id set below
    return replace(
        base,
        id=notice_id(ob.case_id, ob.rule_id, ob.instance, "moved", ob.due, follows=last.id),
        kind="moved",
        days=(ob.due - old).days,
        old_due=old,
        reason=reason,
    )


def _went_away(
    store: Store, key: tuple[str, str, str], gone: _Gone, reason: Mapping[str, str], day: dt.date
) -> Notice | None:
    """What a duty that went away needs told: nothing when it was done or its case is closed, or
    when its state then is unknown (a false cancellation is as bad as a lost one); for an
    undetermined duty that a fact decided, the decided duty's ``moved`` notice if its date is
    not the one announced, and nothing when an event now completes it; otherwise its
    cancellation (a paused duty's too: it was not done)."""
    if gone.status is None or gone.completed_on is not None:
        return None
    if store.closed_on([key[0]], day):
        return None
    if gone.status == "undetermined":
        if gone.candidates is None:
            return None  # recorded before version 14: whether a fact decided it is not known
        decided = _decided(store, key, gone)
        if decided is not None:
            return _moved(store, decided, reason, told=key)
        if _done(store, key, gone, day):
            return None
    return _cancelled(store, key, gone, reason)


def _done(store: Store, key: tuple[str, str, str], gone: _Gone, day: dt.date) -> bool:
    """Whether an effective event of the case now completes an undetermined duty that went away
    (one of its candidate rules, the same instance): the engine drops a family once done, so its
    going away is no cancellation. By the rules engine's own matching, on ``day`` or today,
    whichever is later (a replay of a past day must not cancel a duty done since)."""
    from deadlines.rules.engine import completes  # the rules load only where a duty went away

    case_id, _, instance = key
    if not store.has_case(case_id):
        return False
    rules = json.loads(gone.candidates or "[]")
    return completes(store.get_case(case_id), rules, instance, max(day, china_today()))


def _decided(store: Store, key: tuple[str, str, str], gone: _Gone) -> Obligation | None:
    """The duty that took the place of an undetermined one: another candidate rule of its family
    (the same trigger and instance, engine._undetermined), the earliest if the facts still leave
    several. A rule outside the family with the same trigger is not its decision."""
    case_id, rule_id, instance = key
    family = set(json.loads(gone.candidates or "[]")) - {rule_id}
    return next(
        (
            ob
            for ob in store.obligations(case_id)
            if ob.rule_id in family and ob.instance == instance and ob.trigger == gone.trigger
        ),
        None,
    )


def _cancelled(
    store: Store, key: tuple[str, str, str], gone: _Gone, reason: Mapping[str, str]
) -> Notice | None:
    """The notice that a duty gone away no longer falls due, at the date last announced, to the
    unit that was told; None when nothing was announced (nobody to tell) or its cancellation
    already was."""
    last = _last_told(store, key)
    if last is None or last.kind == "cancelled":
        return None
    announced = dt.date.fromisoformat(last.due)
    clause, title_zh, title_en = rule_texts(store, key[1])
    unit = last.unit if last.unit is not None else gone.unit
    return Notice(
        id=notice_id(*key, "cancelled", announced, follows=last.id),
        kind="cancelled",
        case=key[0],
        rule=key[1],
        instance=key[2],
        clause=clause,
        title_zh=title_zh,
        title_en=title_en,
        unit=NO_UNIT if unit is None else unit,
        due=announced,
        provisional=False,
        days=0,
        duty=gone.duty or "deadline",
        old_due=announced,
        reason=reason,
    )


def rule_texts(store: Store, rule_id: str) -> tuple[str, str, str]:
    """A rule's clause and titles as the store last recorded them (its duty may be gone, its rule
    withdrawn): ``?`` and the id when it never recorded any."""
    row = store.conn.execute(
        "SELECT clause, title_zh, title_en FROM rule_versions WHERE rule_id = ?"
        " ORDER BY id DESC LIMIT 1",
        (rule_id,),
    ).fetchone()
    return (row[0], row[1], row[2]) if row else ("?", rule_id, rule_id)


def _cancellations(store: Store, cases: Sequence[str]) -> dict[tuple[str, str, str], str]:
    """Each duty of ``cases`` whose cancellation was emitted: the id of its last cancellation."""
    out: dict[tuple[str, str, str], str] = {}
    for start in range(0, len(cases), 500):
        chunk = list(cases[start : start + 500])
        marks = ",".join("?" * len(chunk))
        for case_id, rule_id, instance, nid in store.conn.execute(
            "SELECT case_id, rule_id, instance, id FROM notices"
            f" WHERE kind = 'cancelled' AND case_id IN ({marks})"
            " ORDER BY run_seq IS NULL DESC, run_seq, first_emitted_at",
            chunk,
        ):
            out[(case_id, rule_id, instance)] = nid  # the last one wins
    return out


def _after_cancellation(store: Store, notices: list[Notice]) -> list[Notice]:
    """A duty that comes back after its cancellation was sent is new again: its notices' ids
    name that cancellation (the same duty, kind and date told before it have the plain id)."""
    cancelled = _cancellations(store, sorted({n.case for n in notices}))
    if not cancelled:
        return notices
    out = []
    for n in notices:
        follows = cancelled.get((n.case, n.rule, n.instance))
        if follows is not None:
            n = replace(n, id=notice_id(n.case, n.rule, n.instance, n.kind, n.due, follows))
        out.append(n)
    return out


# --- the day's list, looking and sending ----------------------------------------------------
def _emitted(store: Store, ids: Sequence[str]) -> set[str]:
    seen: set[str] = set()
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        marks = ",".join("?" * len(chunk))
        seen.update(
            r[0] for r in store.conn.execute(f"SELECT id FROM notices WHERE id IN ({marks})", chunk)
        )
    return seen


def _legacy_id(n: Notice) -> str:
    """The id a store before the contract gave a due-soon notice (its kind was then ``due``):
    sent under that id, it is not sent again."""
    return notice_id(n.case, n.rule, n.instance, "due", n.due)


def _day(
    store: Store, as_of: dt.date, units: Sequence[str], ahead: int
) -> tuple[list[Notice], dt.date, list[_MoveCheck]]:
    until = window_end(as_of, ahead)
    out: list[Notice] = []
    obligations = store.open_on(as_of, until)
    closed = store.closed_on((ob.case_id for ob in obligations), as_of)
    for ob in obligations:
        if (units and ob.unit not in units) or not started_by(ob, as_of) or ob.case_id in closed:
            continue
        kind = classify(ob, as_of, until)
        if kind is not None:
            out.append(to_notice(ob, kind, as_of))
    # (by the plain ids: a duty back after its cancellation is new whatever was sent before)
    legacy = {n.id: _legacy_id(n) for n in out if n.kind == "due-soon"}
    out = _after_cancellation(store, out)
    checks = _moves(store, as_of, units)
    out.extend(c.notice for c in checks if c.notice is not None)
    seen = _emitted(store, [n.id for n in out] + list(legacy.values()))
    out = [replace(n, new=n.id not in seen and legacy.get(n.id) not in seen) for n in out]
    out.sort(key=lambda n: (n.unit, _ORDER[n.kind], n.due, n.case, n.rule, n.instance))
    return out, until, checks


def day_list(
    store: Store,
    as_of: dt.date,
    *,
    units: Sequence[str] = (),
    ahead: int = DEFAULT_AHEAD_WORKDAYS,
) -> RemindRun:
    """The day's full list, sorted by unit, kind, due date and case; read only."""
    notices, until, _ = _day(store, as_of, units, ahead)
    return RemindRun(as_of, tuple(notices), False, until, tuple(units))


def record(
    store: Store, run: RemindRun, settle: Sequence[tuple[tuple[str, str, str], int]] = ()
) -> None:
    """Record ``run.new`` as emitted by ``run`` (inside the caller's write transaction), and mark
    the date moves in ``settle`` ((key, up to seq)) as dealt with."""
    now = china_now()
    cur = store.conn.execute(
        "INSERT INTO runs (as_of, ran_at, notices, new_notices, run_id) VALUES (?, ?, ?, ?, ?)",
        (run.as_of.isoformat(), now, len(run.notices), len(run.new), run.run_id),
    )
    store.conn.executemany(
        "INSERT OR IGNORE INTO notices (id, case_id, rule_id, instance, kind, due,"
        " first_emitted_at, first_as_of, run_seq, unit) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                n.id,
                n.case,
                n.rule,
                n.instance,
                n.kind,
                n.due.isoformat(),
                now,
                run.as_of.isoformat(),
                cur.lastrowid,
                n.unit,
            )
            for n in run.new
        ],
    )
    store.conn.executemany(
        "UPDATE date_moves SET settled = 1 WHERE case_id = ? AND rule_id = ? AND instance = ?"
        " AND seq <= ? AND settled = 0",
        [(*key, seq) for key, seq in settle],
    )


def look(
    store: Store,
    as_of: dt.date | None = None,
    *,
    units: Sequence[str] = (),
    ahead: int = DEFAULT_AHEAD_WORKDAYS,
) -> RemindRun:
    """The day's full list; nothing is kept (a new month's recurring duty is computed for the
    look and rolled back with it)."""
    day = as_of or china_today()
    with store.transaction(rollback=True):
        store.refresh_recurring(max(day, china_today()))
        run = day_list(store, day, units=units, ahead=ahead)
    return replace(run, run_id=uuid.uuid4().hex)


def send(
    store: Store,
    as_of: dt.date | None = None,
    *,
    emit: Callable[[RemindRun], None],
    units: Sequence[str] = (),
    ahead: int = DEFAULT_AHEAD_WORKDAYS,
) -> RemindRun:
    """A sending run: under the write lock, the day's list goes to ``emit`` (which sends
    ``run.new``), then the new notices are recorded and the transaction commits."""
    today = china_today()
    day = as_of or today
    if day > today:
        raise StoreError(
            f"--as-of {day.isoformat()} is after today in China ({today.isoformat()}): a sending "
            "run records what it sends, so it cannot send a future day's notices; look without --new"
        )
    with store.transaction():
        store.refresh_recurring(day)
        notices, until, checks = _day(store, day, units, ahead)
        run = RemindRun(day, tuple(notices), True, until, tuple(units), uuid.uuid4().hex)
        emit(run)
        record(store, run, [(c.key, c.last_seq) for c in checks])
    return run
