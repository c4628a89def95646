"""deadlines: statutory deadlines and reminders on the Chinese working-day calendar.

>>> import datetime as dt, deadlines
>>> deadlines.due("20 working days", start=dt.date(2026, 2, 10), calendar="cn").date
datetime.date(2026, 3, 16)
"""

from deadlines.calendars import Calendar, DayInfo, Deadline, Period, YearInfo, calendar, due
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
from deadlines.model import Case, Event, Obligation
from deadlines.notices import remind
from deadlines.rules import Rule, RuleSet, load_rules
from deadlines.rules.engine import evaluate
from deadlines.store import Store, import_file, init_store, open_store

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
