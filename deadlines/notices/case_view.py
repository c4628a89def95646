"""What one case's views show, as plain data: the next open deadline (``deadlines next --json``),
the obligations, the timeline and the moves after a write (the web's case page and
``/api/cases/{id}``).

Kept in the library so the command line and the web answer from the same code: the working days
left, the days overdue and the status come from the calendar and :func:`status_on`, never from a
second copy in a view.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from deadlines.calendars.dates import weekday_name
from deadlines.calendars.layers import calendar
from deadlines.messages import DEFAULT_LANG, Lang
from deadlines.model import Obligation, open_on
from deadlines.notices.marks import low_confidence
from deadlines.rules.explain import obligation_steps, stale
from deadlines.store.database import (
    CLOSE_EVENT,
    LAST_CLOSING,
    Move,
    Store,
    StoredEvent,
    status_on,
)
from deadlines.store.schema import TERM_IDS

# The keys of each record, in order: the CSV header even when there is no record
# (docs/output.md lists them; tests check these against the records themselves).
NEXT_KEYS = (
    "case", "rule", "clause", "title_zh", "title_en", "kind", "unit", "due", "weekday",
    "calendar", "calendar_version", "working_days_left", "days_overdue", "status",
    "provisional", "low_confidence", "missing", "trigger", "trigger_date", "instance",
    "rule_version", "steps", "stale", "as_of",
)  # fmt: skip
MOVE_KEYS = (
    "change",
    "case",
    "rule",
    "instance",
    "old",
    "new",
    "old_provisional",
    "new_provisional",
)
CASE_LIST_KEYS = ("case", "kind", "unit", "status", "open", "overdue", "next_due")


def next_items(
    store: Store, case_id: str, day: dt.date, lang: Lang = DEFAULT_LANG
) -> list[dict[str, Any]]:
    """What the case must do, most urgent first: every open duty already past its date (the
    longest overdue first), then the soonest one still ahead (all of them if several share that
    date). Each is a :func:`next_payload`-shaped dict, steps in ``lang``; ``[]`` when nothing
    is open.

    Open as :func:`deadlines.model.open_on` says: a reminder only while its date is ahead, a duty
    only from the day of the event that starts it; a paused or completed one never."""
    store.get_case(case_id)
    if store.closed_on([case_id], day):
        return []  # a closed case has nothing left to do (until it is reopened)
    open_obs = [ob for ob in store.obligations(case_id) if open_on(ob, day)]
    past = sorted((ob for ob in open_obs if ob.due is not None and ob.due < day), key=_due_key)
    ahead = [ob for ob in open_obs if ob.due is not None and ob.due >= day]
    soonest = min((ob.due for ob in ahead if ob.due is not None), default=None)
    chosen = past + sorted((ob for ob in ahead if ob.due == soonest), key=_due_key)
    return [_payload(case_id, ob, day, lang) for ob in chosen]


def _due_key(ob: Obligation) -> tuple[dt.date, str, str]:
    assert ob.due is not None
    return (ob.due, ob.rule_id, ob.instance)


def next_payload(
    store: Store, case_id: str, day: dt.date, lang: Lang = DEFAULT_LANG
) -> dict[str, Any]:
    """The case's next open deadline on ``day`` with its steps; ``due`` is None when it has none.

    The steps are derived now, in ``lang``, with the status on ``day``; ``stale`` names what has
    changed since the date was computed (``rule``, ``calendar``, ``legacy``: inputs never
    recorded), empty when the date stands. An unknown case is a
    :class:`~deadlines.errors.StoreError`, not an empty answer."""
    store.get_case(case_id)
    ob = store.next_obligation(case_id, day)
    if ob is None or ob.due is None:
        return {
            "case": case_id,
            "rule": None,
            "clause": None,
            "due": None,
            "provisional": False,
            "low_confidence": False,
            "steps": [],
            "stale": [],
            "status": "none",
            "as_of": day.isoformat(),
        }
    return _payload(case_id, ob, day, lang)


def _payload(case_id: str, ob: Obligation, day: dt.date, lang: Lang) -> dict[str, Any]:
    assert ob.due is not None
    cal = calendar(ob.calendar)
    left = cal.count_workdays(day, ob.due) if ob.due > day else 0
    return {
        "case": case_id,
        "rule": ob.rule_id,
        "clause": ob.clause,
        "title_zh": ob.title_zh,
        "title_en": ob.title_en,
        "kind": ob.kind,
        "unit": ob.unit,
        "due": ob.due.isoformat(),
        "weekday": weekday_name(ob.due, lang),
        "calendar": ob.calendar,
        "calendar_version": ob.calendar_version,
        "working_days_left": left,
        "days_overdue": max(0, (day - ob.due).days),
        "status": status_on(ob, day),
        "provisional": ob.provisional,
        "low_confidence": low_confidence(ob),
        "missing": list(ob.missing),
        "trigger": ob.trigger,
        "trigger_date": ob.trigger_date.isoformat() if ob.trigger_date else None,
        "instance": ob.instance,
        "rule_version": ob.rule_version,
        "steps": list(obligation_steps(ob, lang, day)),
        "stale": [key.removeprefix("stale.") for key in stale(ob)],
        "as_of": day.isoformat(),
    }


def obligation_payload(ob: Obligation, day: dt.date, lang: Lang = DEFAULT_LANG) -> dict[str, Any]:
    """One duty as shown on ``day``: its status from :func:`status_on`, its steps (derived in
    ``lang``, as of ``day``) and what changed since it was computed (``stale``)."""
    return {
        "rule": ob.rule_id,
        "instance": ob.instance,
        "clause": ob.clause,
        "title_zh": ob.title_zh,
        "title_en": ob.title_en,
        "kind": ob.kind,
        "unit": ob.unit,
        "due": ob.due.isoformat() if ob.due else None,
        "provisional": ob.provisional,
        "low_confidence": low_confidence(ob),
        "missing": list(ob.missing),
        "status": status_on(ob, day),
        "completed_on": (
            ob.completed_on.isoformat() if ob.completed_on and ob.completed_on <= day else None
        ),
        "calendar": ob.calendar,
        "calendar_version": ob.calendar_version,
        "rule_version": ob.rule_version,
        "trigger": ob.trigger,
        "trigger_date": ob.trigger_date.isoformat() if ob.trigger_date else None,
        "steps": list(obligation_steps(ob, lang, day)),
        "stale": [key.removeprefix("stale.") for key in stale(ob)],
    }


def event_payload(se: StoredEvent) -> dict[str, Any]:
    e = se.event
    return {
        "id": e.id,
        "type": e.type,
        "on": e.on.isoformat(),
        "note": e.note,
        "data": dict(e.data),
        "recorded_at": se.recorded_at,
        "supersedes": se.supersedes,
        "superseded_by": se.superseded_by,
    }


def case_payload(
    store: Store, case_id: str, day: dt.date, lang: Lang = DEFAULT_LANG
) -> dict[str, Any]:
    """Everything ``deadlines case show`` and ``next`` tell of a case on ``day``: its head, the
    next deadline, every obligation with its status and steps, the timeline of events with
    corrections. ``units`` lists every unit responsible for it (the case's own, else its rules')."""
    case = store.get_case(case_id)
    obligations = store.obligations(case_id)
    units = sorted({u for u in (case.unit, *(ob.unit for ob in obligations)) if u})
    return {
        "case": case.id,
        "kind": case.kind,
        "unit": case.unit or (units[0] if units else None),
        "units": units,
        "facts": dict(case.facts),
        "as_of": day.isoformat(),
        "next": next_payload(store, case_id, day, lang),
        "obligations": [obligation_payload(ob, day, lang) for ob in obligations],
        "events": [event_payload(se) for se in store.stored_events(case_id)],
    }


def move_payload(m: Move) -> dict[str, Any]:
    """One obligation that appeared, moved or went away after a write (old -> new)."""
    return {
        "change": m.change,
        "case": m.case_id,
        "rule": m.rule_id,
        "instance": m.instance,
        "old": m.old_due.isoformat() if m.old_due else None,
        "new": m.new_due.isoformat() if m.new_due else None,
        "old_provisional": m.old_provisional,
        "new_provisional": m.new_provisional,
    }


# deadlines.model.open_on in SQL: dated, not paused, not completed by the day, a reminder only
# while its date is ahead, any other duty only once the event that starts it has happened.
# Read from the stored rows themselves (kinds and statuses by their fixed term ids): the
# obligations view would look up every text of every obligation of every case.
_PAUSED, _REMINDER, _AGING = TERM_IDS["paused"], TERM_IDS["reminder"], TERM_IDS["aging"]
_OPEN = (
    f"o.due IS NOT NULL AND o.status != {_PAUSED}"
    " AND (o.completed_on IS NULL OR o.completed_on > :day)"
    f" AND (CASE WHEN o.kind = {_REMINDER} THEN o.due >= :day"
    " ELSE o.trigger_date IS NULL OR o.trigger_date <= :day END)"
)
_LATE = (
    f"((o.kind = {_AGING} AND o.due <= :day)"
    f" OR (o.kind NOT IN ({_REMINDER}, {_AGING}) AND o.due < :day))"
)
_CASES = f"""
SELECT c.id, c.kind, c.unit,
  ({LAST_CLOSING.format(case="c.id")}),
  (SELECT COUNT(*) FROM obligation_rows o WHERE o.case_ref = c.ref AND {_OPEN}),
  (SELECT COUNT(*) FROM obligation_rows o WHERE o.case_ref = c.ref AND {_OPEN} AND {_LATE}),
  (SELECT MIN(o.due) FROM obligation_rows o WHERE o.case_ref = c.ref AND {_OPEN} AND o.due >= :day)
FROM cases c
WHERE (:case IS NULL OR c.id = :case) AND (:unit IS NULL OR c.unit = :unit)
  AND (:kind IS NULL OR c.kind = :kind)
ORDER BY c.id
"""


def case_rows(
    store: Store,
    day: dt.date,
    *,
    case_id: str | None = None,
    unit: str | None = None,
    kind: str | None = None,
    status: str | None = None,
) -> list[dict[str, Any]]:
    """The cases as ``case list`` shows them on ``day``: {case, kind, unit, status, open, overdue,
    next_due}. ``status`` is ``closed`` when the latest close/reopen event up to ``day`` closed
    it, else ``overdue`` when an open duty is past its date, else ``open``. The ``status`` filter
    ``open`` keeps every case not closed (overdue ones too)."""
    params = {
        "day": day.isoformat(),
        "case": case_id,
        "unit": unit,
        "kind": kind,
    }
    rows = []
    for cid, ckind, cunit, last, n_open, n_late, next_due in store.conn.execute(_CASES, params):
        state = "closed" if last == CLOSE_EVENT else "overdue" if n_late else "open"
        if status == "open" and state == "closed":
            continue
        if status in ("closed", "overdue") and state != status:
            continue
        rows.append(
            {
                "case": cid,
                "kind": ckind,
                "unit": cunit,
                "status": state,
                "open": n_open,
                "overdue": n_late,
                "next_due": next_due,
            }
        )
    return rows
