"""The value objects shared by the rules engine, the store and the notices.

Frozen dataclasses, never dicts passed around (style.md, habit 5). The store builds a
:class:`Case` with its *effective* events (corrections already applied: an event that
supersedes another replaces it), the engine turns it into :class:`Obligation` objects.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

FactValue = str | int | float | bool
MAX_NUMBER = 10**15
"""Numbers anywhere (facts, rule values) are finite and within ±MAX_NUMBER (amounts in yuan, exact
in a float): inf, nan and 1e400 would match nothing sensibly and break durable-rules."""

REDACTED = "(略)"
"""How the plan writes a unit whose name it redacts (市(略)〔法院〕, rules/enforcement.toml): a
placeholder, not a unit anyone can be reached at."""
NO_UNIT = ""
"""The unit of an obligation whose rule names only a placeholder and whose case names no unit: its
notices are listed as 未指定责任单位 / no unit given and never routed to the placeholder."""
NO_UNIT_NAME = "未指定责任单位"
"""NO_UNIT where units are named side by side (``send --json``'s ``unrouted``), as the lists head
it; the same in every language, as a unit's own name is."""


def is_placeholder(unit: str) -> bool:
    """Whether a rule's unit is one the plan redacted."""
    return REDACTED in unit


ObligationKind = Literal["deadline", "reminder", "aging", "recurring"]
"""deadline: act within a period of a trigger; reminder: N days before an expiry;
aging: a flag that turns on the day after trigger + N years; recurring: a duty per month/half-year."""

Status = Literal[
    "pending",
    "due_today",
    "met_on_time",
    "met_late",
    "overdue",
    "paused",
    "flagged",
    "undetermined",
]


@dataclass(frozen=True)
class Event:
    """Something that happened to a case on a date (China time)."""

    type: str
    on: dt.date
    note: str = ""
    id: str | None = None
    # Free-form data an event type may need, e.g. {"period": "1 month"} for an extension,
    # {"asset": "A-2"} to tell apart several seizures in one case.
    data: Mapping[str, str] = field(default_factory=dict)
    # A correction's first corrected event (the head of its chain of --supersedes): the duty it
    # starts keeps its identity, and so its notices' ids, when only the event is corrected.
    origin: str | None = None


@dataclass(frozen=True)
class Case:
    """A case: its kind, facts, responsible unit and events."""

    id: str
    kind: str
    facts: Mapping[str, FactValue] = field(default_factory=dict)
    unit: str | None = None
    events: tuple[Event, ...] = ()


@dataclass(frozen=True)
class Basis:
    """What an obligation's date was computed from, beside its rule, trigger and calendar.

    Enough to derive the explanation again when it is shown, in the language asked for and as of
    the day asked about (``deadlines.rules.explain``); the store keeps this, never the steps.
    """

    period: str = ""
    """The rule version's period (``20 working days``); a recurring rule's interval."""
    direction: Literal["from", "before"] = "from"
    deductions: tuple[tuple[dt.date, dt.date], ...] = ()
    """Intervals not counted (扣除: court pauses), both ends included."""
    extensions: tuple[str, ...] = ()
    """Periods added before the roll (延长)."""
    chain: tuple[str, dt.date] | None = None
    """The rule this one counts after (or is gated by) and the day that rule was complete."""
    gate: bool = False
    """The chain only opens this rule, which has its own trigger event."""
    renewed: tuple[dt.date, str] | None = None
    """A renewal: the previous expiry and the id of the later expiry event counted from."""
    cap: tuple[str, dt.date, dt.date] | None = None
    """A capping rule, its trigger and its due date: the earlier of the two dates binds."""
    paused: bool = False
    """A pause is still open: the last deduction runs to the day of computation."""
    span: tuple[dt.date, dt.date] | None = None
    """A recurring duty's period, first and last day."""
    anchor: str = ""
    """A recurring rule's anchor: ``calendar`` months or ``rolling`` periods."""
    candidates: tuple[tuple[str, dt.date], ...] = ()
    """An undetermined duty's candidate rules and their dates (the earliest is its date)."""


@dataclass(frozen=True)
class Obligation:
    """One duty of one case under one rule, with its computed date and what it was computed from.

    ``basis`` is None for a duty stored before explanations were derived (schema version 9): it
    is shown marked until recomputed.
    """

    case_id: str
    rule_id: str
    rule_version: str
    clause: str
    title_zh: str
    title_en: str
    unit: str
    kind: ObligationKind
    # Tells apart several obligations of one rule in one case (per seizure, per month, ...);
    # (case_id, rule_id, instance) is the obligation's stable key.
    instance: str
    trigger: str
    trigger_date: dt.date | None
    due: dt.date | None
    provisional: bool
    basis: Basis | None
    calendar: str
    calendar_version: str
    status: Status
    days_overdue: int = 0
    completed_on: dt.date | None = None
    # undetermined: the facts the case does not state that choose whether the rule applies
    missing: tuple[str, ...] = ()


def started_by(ob: Obligation, day: dt.date) -> bool:
    """Whether the event that starts ``ob`` had happened by ``day``: a replay of an earlier day
    does not show the duty. A reminder counts back from an expiry known in advance: always."""
    return ob.kind == "reminder" or ob.trigger_date is None or ob.trigger_date <= day


def open_on(ob: Obligation, day: dt.date) -> bool:
    """Whether ``ob`` is a dated duty still to act on, on ``day``: started by then (a replay of a
    day before the event that starts it does not show it; a reminder, counted back from an expiry
    known in advance, only while its date is still ahead), not paused, not completed by then."""
    if ob.due is None or ob.status == "paused":
        return False
    if ob.completed_on is not None and ob.completed_on <= day:
        return False
    if ob.kind == "reminder":
        return ob.due >= day
    return started_by(ob, day)


def status_on(ob: Obligation, as_of: dt.date) -> Status:
    """The obligation's status on ``as_of`` (the stored one is as of its computation)."""
    if ob.completed_on is not None and ob.completed_on <= as_of:
        if ob.due is None:
            return ob.status
        return "met_on_time" if ob.completed_on <= ob.due else "met_late"
    if ob.due is None or ob.status in ("paused", "undetermined"):
        return ob.status
    if ob.kind == "aging":
        return "flagged" if as_of >= ob.due else "pending"
    if as_of == ob.due:
        return "due_today"
    return "overdue" if as_of > ob.due else "pending"
