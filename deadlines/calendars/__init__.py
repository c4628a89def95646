"""Calendars and the legal arithmetic on them.

:mod:`.yearfiles` reads holiday year files; :mod:`.layers` builds the national and regional
calendars and their working-day index; :mod:`.periods` parses periods and computes due dates.
"""

from deadlines.calendars.layers import Calendar, DayInfo, YearInfo, calendar
from deadlines.calendars.periods import Deadline, Period, due

__all__ = ["Calendar", "DayInfo", "Deadline", "Period", "YearInfo", "calendar", "due"]
