"""Calendar feeds: the stored deadlines as an RFC 5545 file, through the icalendar library.

One all-day event per dated duty of the chosen cases: the title is the rule's title and the case
(with the provisional, low-confidence and paused marks), the description its clause, responsible
unit and the explanation of the date. The UID is the duty's key (case, rule, instance), so a
calendar that imports the file again updates each event, also when its date moved, instead of
adding a second one. A duty already met is exported as cancelled, so a re-import takes it off the
calendar. An open duty has two alarms at 09:00 China time: on the first day it is "due soon" (the
daily notices' window, three working days before on the plan's calendar) and on the day itself.

icalendar (a well-kept RFC 5545 library) writes the escaping, folding and UTF-8 of the format; it
is imported here, only when a feed is written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from contextlib import suppress
from typing import Any

from deadlines.calendars.layers import calendar
from deadlines.errors import DeadlineError, OutOfRangeError
from deadlines.messages import Lang, text
from deadlines.model import Obligation
from deadlines.notices.contract import DEFAULT_AHEAD_WORKDAYS, PLAN_CALENDAR, low_confidence
from deadlines.store.database import CHINA, Store

PRODID = "-//deadlines//Statutory deadlines (Shizuishan 2023 plan)//ZH"
ALARM_HOUR = 9


def uid(ob: Obligation) -> str:
    """Stable: the same duty always has the same UID, whatever its date."""
    key = "\x1f".join(_key(ob))
    return f"{hashlib.sha256(key.encode()).hexdigest()[:32]}@deadlines"


def case_ids(store: Store, *, unit: str | None = None, case: str | None = None) -> list[str]:
    """The cases to export: one case, a unit's, or every case; an unknown one is an error."""
    if case is not None:
        store.get_case(case)  # unknown -> StoreError naming it
        if unit is not None and unit not in {ob.unit for ob in store.obligations(case)}:
            raise DeadlineError(f"case {case!r} has no duty of unit {unit!r}")
        return [case]
    if unit is None:
        return store.case_ids()
    rows = store.conn.execute(
        "SELECT DISTINCT case_id FROM obligations WHERE unit = ? ORDER BY case_id", (unit,)
    ).fetchall()
    if not rows:
        units = [r[0] for r in store.conn.execute("SELECT DISTINCT unit FROM obligations")]
        raise DeadlineError(
            f"no duties of unit {unit!r} in the store; units with duties: "
            + (", ".join(sorted(units)) or "none")
        )
    return [r[0] for r in rows]


def export(
    store: Store,
    *,
    unit: str | None = None,
    case: str | None = None,
    lang: Lang = "zh",
    now: dt.datetime | None = None,
) -> bytes:
    """The feed of the chosen duties (a unit's, a case's, or all) as iCalendar bytes (UTF-8)."""
    from icalendar import Calendar

    stamp = (now or dt.datetime.now(CHINA)).astimezone(dt.UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", text("delivery.calendar.name", lang) + (f" · {unit}" if unit else ""))
    cal.add("x-wr-timezone", "Asia/Shanghai")
    moves = _move_counts(store)
    for cid in case_ids(store, unit=unit, case=case):
        obligations = store.obligations(cid)
        for ob in obligations:
            if ob.due is not None and (unit is None or ob.unit == unit):
                cal.add_component(event(ob, lang, stamp, moves.get(_key(ob), 0)))
        for ob in superseded(store, cid, {_key(ob) for ob in obligations}):
            if unit is None or ob.unit == unit:
                cal.add_component(event(ob, lang, stamp, moves.get(_key(ob), 0), gone=True))
    data: bytes = cal.to_ical()
    return data


def _key(ob: Obligation) -> tuple[str, str, str]:
    return (ob.case_id, ob.rule_id, ob.instance)


def _move_counts(store: Store) -> dict[tuple[str, str, str], int]:
    """How often each duty's date moved: its events' SEQUENCE, so a calendar takes the update."""
    rows = store.conn.execute(
        "SELECT case_id, rule_id, instance, COUNT(*) FROM date_moves GROUP BY 1, 2, 3"
    )
    return {(r[0], r[1], r[2]): int(r[3]) for r in rows}


def superseded(store: Store, case_id: str, present: set[tuple[str, str, str]]) -> list[Obligation]:
    """Duties of the case that were announced (a notice was sent) and no longer exist: a
    correction or a rule change took them away. Each at the date last announced."""
    last: dict[tuple[str, str, str], str] = {}
    for rule_id, instance, due in store.conn.execute(
        "SELECT rule_id, instance, due FROM notices WHERE case_id = ?"
        " ORDER BY run_seq IS NULL, run_seq, first_emitted_at",
        (case_id,),
    ):
        last[(case_id, rule_id, instance)] = due
    row = store.conn.execute("SELECT unit FROM cases WHERE id = ?", (case_id,)).fetchone()
    out = []
    for key, due in last.items():
        if key in present:
            continue
        texts = store.conn.execute(
            "SELECT clause, title_zh, title_en FROM rule_texts WHERE rule_id = ? LIMIT 1",
            (key[1],),
        ).fetchone() or ("?", key[1], key[1])
        out.append(
            Obligation(
                case_id=case_id,
                rule_id=key[1],
                rule_version="",
                clause=texts[0],
                title_zh=texts[1],
                title_en=texts[2],
                unit=(row[0] if row else None) or "",
                kind="deadline",
                instance=key[2],
                trigger="",
                trigger_date=None,
                due=dt.date.fromisoformat(due),
                provisional=False,
                steps=(),
                calendar=PLAN_CALENDAR,
                calendar_version="",
                status="pending",
            )
        )
    return out


def _summary(ob: Obligation, lang: Lang) -> str:
    assert ob.due is not None
    title = ob.title_zh if lang == "zh" else ob.title_en
    parts = [text("delivery.event.summary", lang, title=title, case=ob.case_id)]
    if ob.provisional:
        parts.append(text("delivery.mark.provisional", lang))
    if low_confidence(ob):
        parts.append(text("delivery.mark.low_confidence", lang))
    if ob.status == "paused" and ob.completed_on is None:
        parts.append(text("delivery.mark.paused", lang))
    return " ".join(parts)


def _description(ob: Obligation, lang: Lang, gone: bool = False) -> str:
    lines = [text("delivery.event.clause", lang, clause=ob.clause)]
    if ob.unit:
        lines.append(text("delivery.event.unit", lang, unit=ob.unit))
    if gone:
        lines.append(text("delivery.event.gone", lang))
    if ob.completed_on is not None:
        lines.append(text("delivery.event.done", lang, day=ob.completed_on.isoformat()))
    if ob.steps:
        lines.append(text("delivery.why", lang))
    lines.extend(f"{i}. {s}" for i, s in enumerate(ob.steps, 1))
    return "\n".join(lines)


def alarm_days(ob: Obligation) -> list[dt.date]:
    """The first day of the "due soon" window (deadlines only) and the day itself."""
    assert ob.due is not None
    days = [ob.due]
    if ob.kind in ("deadline", "recurring"):
        # a due date at the start of the supported range has the day's alarm only
        with suppress(OutOfRangeError):
            days.insert(0, calendar(PLAN_CALENDAR).add_workdays(ob.due, -DEFAULT_AHEAD_WORKDAYS))
    return days


def event(
    ob: Obligation, lang: Lang, stamp: dt.datetime, sequence: int = 0, *, gone: bool = False
) -> Any:
    """The duty's event; ``gone``: a duty that no longer exists (exported cancelled)."""
    from icalendar import Alarm, Event

    assert ob.due is not None
    summary = _summary(ob, lang)
    ended = gone or ob.completed_on is not None
    ev = Event()
    ev.add("uid", uid(ob))
    ev.add("dtstamp", stamp)
    ev.add("summary", summary)
    ev.add("dtstart", ob.due)
    ev.add("dtend", ob.due + dt.timedelta(days=1))
    ev.add("transp", "TRANSPARENT")
    ev.add("description", _description(ob, lang, gone))
    if ob.unit:
        ev.add("categories", [ob.unit])
    # a calendar takes an update only with a higher SEQUENCE: each move, and the end, raise it
    ev.add("sequence", sequence + int(ended))
    if ended:
        ev.add("status", "CANCELLED")
        return ev
    ev.add("status", "TENTATIVE" if ob.provisional or ob.status == "paused" else "CONFIRMED")
    for day in alarm_days(ob):
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", text("delivery.event.alarm", lang, summary=summary))
        at = dt.datetime.combine(day, dt.time(ALARM_HOUR), CHINA).astimezone(dt.UTC)
        alarm.add("trigger", at, parameters={"VALUE": "DATE-TIME"})
        ev.add_component(alarm)
    return ev
