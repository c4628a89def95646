"""Calendars and the legal arithmetic on them.

:mod:`.yearfiles` reads holiday year files; :mod:`.layers` builds the national and regional
calendars and their working-day index; :mod:`.periods` parses periods and computes due dates;
:mod:`.dates` writes and reads dates. The names below are imported on first use (PEP 562), so
that a command reading a calendar (``remind``) does not build the period classes.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from deadlines.calendars.layers import Calendar, DayInfo, YearInfo, calendar
    from deadlines.calendars.periods import Deadline, Period, due

_WHERE = {
    **dict.fromkeys(("Calendar", "DayInfo", "YearInfo", "calendar"), "layers"),
    **dict.fromkeys(("Deadline", "Period", "due"), "periods"),
}


def __getattr__(name: str) -> Any:
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module 'deadlines.calendars' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{where}"), name)
    globals()[name] = value
    return value


__all__ = ["Calendar", "DayInfo", "Deadline", "Period", "YearInfo", "calendar", "due"]
