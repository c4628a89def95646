"""deadlines: statutory deadlines and reminders on the Chinese working-day calendar.

>>> import datetime as dt, deadlines
>>> deadlines.due("20 working days", start=dt.date(2026, 2, 10), calendar="cn").date
datetime.date(2026, 3, 16)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from deadlines.lazy import exports

if TYPE_CHECKING:
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

# Where each public name lives: imported on first use (PEP 562), so that `import deadlines`
# (and every command, which imports deadlines.cli) does not load the store, the notices and the
# rules engine it does not need.
_WHERE = {
    **dict.fromkeys(
        ("Calendar", "DayInfo", "Deadline", "Period", "YearInfo", "calendar", "due"),
        "deadlines.calendars",
    ),
    **dict.fromkeys(
        (
            "CalendarDataError",
            "DeadlineError",
            "InvalidDateError",
            "OutOfRangeError",
            "PeriodError",
            "ProvisionalRefusedError",
            "RuleError",
            "StoreError",
            "UnknownCalendarError",
        ),
        "deadlines.errors",
    ),
    **dict.fromkeys(("Case", "Event", "Obligation"), "deadlines.model"),
    "remind": "deadlines.notices",
    **dict.fromkeys(("Rule", "RuleSet", "load_rules"), "deadlines.rules"),
    "evaluate": "deadlines.rules.engine",
    **dict.fromkeys(("Store", "import_file", "init_store", "open_store"), "deadlines.store"),
}


__getattr__ = exports(__name__, _WHERE)


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
