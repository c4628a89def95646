"""What one case's views show, as plain data: the next open deadline (``deadlines next --json``,
the web's case page and ``/api/cases/{id}``).

Kept in the library so the command line and the web answer from the same code: the working days
left, the days overdue and the status come from the calendar and :func:`status_on`, never from a
second copy in a view.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from deadlines.calendars.layers import calendar
from deadlines.notices.contract import low_confidence
from deadlines.store.database import Store, status_on


def next_payload(store: Store, case_id: str, day: dt.date) -> dict[str, Any]:
    """The case's next open deadline on ``day`` with its steps; ``due`` is None when it has none.

    An unknown case is a :class:`~deadlines.errors.StoreError`, not an empty answer."""
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
            "status": "none",
            "as_of": day.isoformat(),
        }
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
        "weekday": ob.due.strftime("%A"),
        "calendar": ob.calendar,
        "calendar_version": ob.calendar_version,
        "working_days_left": left,
        "days_overdue": max(0, (day - ob.due).days),
        "status": status_on(ob, day),
        "provisional": ob.provisional,
        "low_confidence": low_confidence(ob),
        "trigger": ob.trigger,
        "trigger_date": ob.trigger_date.isoformat() if ob.trigger_date else None,
        "rule_version": ob.rule_version,
        "steps": list(ob.steps),
        "as_of": day.isoformat(),
    }
