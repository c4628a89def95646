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
    id: str
    kind: str
    facts: Mapping[str, FactValue] = field(default_factory=dict)
    unit: str | None = None
    events: tuple[Event, ...] = ()


@dataclass(frozen=True)
class Obligation:
    """One duty of one case under one rule, with its computed date and explanation."""

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
    steps: tuple[str, ...]
    calendar: str
    calendar_version: str
    status: Status
    days_overdue: int = 0
    completed_on: dt.date | None = None
    # undetermined: the facts the case does not state that choose whether the rule applies
    missing: tuple[str, ...] = ()
