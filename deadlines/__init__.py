"""deadlines: statutory deadlines and reminders on the Chinese working-day calendar.

>>> import datetime as dt, deadlines
>>> deadlines.due("20 working days", start=dt.date(2026, 2, 10), calendar="cn").date
datetime.date(2026, 3, 16)
"""

from deadlines.calendars import Calendar, DayInfo, YearInfo, calendar
from deadlines.engine import evaluate, load_rules
from deadlines.errors import (
    CalendarDataError,
    DeadlineError,
    InvalidDateError,
    OutOfRangeError,
    PeriodError,
    ProvisionalRefusedError,
    RuleError,
    StoreError,
    UnknownCalendarError,
)
from deadlines.importer import import_file
from deadlines.model import Case, Event, Obligation
from deadlines.notices import remind
from deadlines.periods import Deadline, Period, due
from deadlines.rules import Rule, RuleSet
from deadlines.store import Store, init_store, open_store

__all__ = [
    "Calendar",
    "CalendarDataError",
    "Case",
    "DayInfo",
    "Deadline",
    "DeadlineError",
    "Event",
    "InvalidDateError",
    "Obligation",
    "OutOfRangeError",
    "Period",
    "PeriodError",
    "ProvisionalRefusedError",
    "Rule",
    "RuleError",
    "RuleSet",
    "Store",
    "StoreError",
    "UnknownCalendarError",
    "YearInfo",
    "calendar",
    "due",
    "evaluate",
    "import_file",
    "init_store",
    "load_rules",
    "open_store",
    "remind",
]
