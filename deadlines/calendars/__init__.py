"""Calendars and the legal arithmetic on them.

:mod:`.yearfiles` reads holiday year files; :mod:`.layers` builds the national and regional
calendars and their working-day index; :mod:`.periods` parses periods and computes due dates;
:mod:`.dates` writes and reads dates. The names below are imported on first use (PEP 562), so
that a command reading a calendar (``remind``) does not build the period classes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from deadlines.lazy import exports

if TYPE_CHECKING:
    from deadlines.calendars.layers import Calendar, DayInfo, YearInfo, calendar
    from deadlines.calendars.periods import Deadline, Period, due

_WHERE = {
    **dict.fromkeys(("Calendar", "DayInfo", "YearInfo", "calendar"), "deadlines.calendars.layers"),
    **dict.fromkeys(("Deadline", "Period", "due"), "deadlines.calendars.periods"),
}


__getattr__ = exports(__name__, _WHERE)


__all__ = ["Calendar", "DayInfo", "Deadline", "Period", "YearInfo", "calendar", "due"]
