"""deadlines: statutory deadlines and reminders on the Chinese working-day calendar.

>>> import datetime as dt, deadlines
>>> deadlines.due("20 working days", start=dt.date(2026, 2, 10), calendar="cn").date
datetime.date(2026, 3, 16)
"""

from deadlines.calendars import Calendar, DayInfo, YearInfo, calendar
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
from deadlines.periods import Deadline, Period, due

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
    "RuleError",
    "StoreError",
    "UnknownCalendarError",
    "YearInfo",
    "calendar",
    "due",
]
