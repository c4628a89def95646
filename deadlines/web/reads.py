"""What an account may read: the library's answers, narrowed to the account's unit.

A clerk reads only their unit (its list, its overdue duties, its cases: another unit's case is
"not found", never "forbidden", so a URL does not even tell that it exists); a supervisor or an
admin reads every unit.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from deadlines.messages import DEFAULT_LANG, Lang
from deadlines.notices import daily as nt
from deadlines.notices.case_view import case_payload
from deadlines.notices.contract import RemindRun, look
from deadlines.store.database import Store
from deadlines.web.accounts import User

SEARCH_LIMIT = 50


class NotVisible(LookupError):
    """No such case, or not one this account may see: the same answer for both."""


def visible_case(
    store: Store, user: User, case_id: str, day: dt.date, lang: Lang = DEFAULT_LANG
) -> dict[str, Any]:
    """The case as ``case show`` tells it, steps in ``lang``; another unit's case is not there."""
    if not store.has_case(case_id):
        raise NotVisible(case_id)
    payload = case_payload(store, case_id, day, lang)
    if not user.sees(payload["units"]):
        raise NotVisible(case_id)
    return payload


def todays_list(store: Store, user: User, day: dt.date) -> RemindRun:
    """``deadlines remind --as-of DAY`` for the account's unit (every unit for a supervisor): a
    look, which records nothing. (The unit comes from the account, so remind's check that a typed
    unit exists does not apply: a new unit's clerk sees an empty list.)"""
    return look(store, day, units=user.units)


def overdue_groups(
    store: Store, user: User, day: dt.date, by: Literal["unit", "rule"]
) -> list[nt.OverdueGroup]:
    """``deadlines overdue --by BY`` narrowed to the account's unit."""
    groups = nt.overdue(store, day, by=by)
    if not user.units:
        return groups
    narrowed = [
        nt.OverdueGroup(g.key, tuple(n for n in g.notices if n.unit in user.units)) for g in groups
    ]
    kept = [g for g in narrowed if g.count]
    kept.sort(key=lambda g: (-g.count, g.key))
    return kept


def search_cases(store: Store, user: User, prefix: str) -> list[tuple[str, str, str | None]]:
    """Cases whose id starts with ``prefix`` (id, kind, unit), the account's unit only for a
    clerk; a range on the primary key, so it costs the same on a million cases."""
    sql = "SELECT id, kind, unit FROM cases WHERE id >= ? AND id < ?"
    args: list[object] = [prefix, prefix + "\U0010ffff"]
    if user.units:
        sql += " AND unit = ?"
        args.append(user.units[0])
    sql += " ORDER BY id LIMIT ?"
    args.append(SEARCH_LIMIT)
    return [(r[0], r[1], r[2]) for r in store.conn.execute(sql, args)]
