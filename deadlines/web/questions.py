"""The calendar questions of the pages and the API: ``deadlines due`` as a form, a month grid.

Both call the library (:func:`deadlines.calendars.periods.due`, :class:`Calendar.days`); a bad
field is a :class:`FieldError` in the command line's words.
"""

from __future__ import annotations

import calendar as stdlib_calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from deadlines.calendars.layers import CALENDARS, DayInfo, YearInfo, calendar
from deadlines.calendars.periods import Deadline, Period, due
from deadlines.errors import DeadlineError, PeriodError
from deadlines.web.common import FieldError, parse_date


def due_question(form: Mapping[str, str]) -> Deadline | None:
    """The answer to the form's fields (period, direction from|before, date, calendar, strict);
    None while the form is empty."""
    period_text = form.get("period", "").strip()
    if not period_text:
        return None
    try:
        period = Period.parse(period_text)
    except PeriodError as exc:
        raise FieldError("period", str(exc)) from None
    day = parse_date(form.get("date", ""), "date")
    name = form.get("calendar", "cn")
    if name not in CALENDARS:
        raise FieldError("calendar", f"unknown calendar {name!r}; accepted: {', '.join(CALENDARS)}")
    backwards = form.get("direction") == "before"
    try:
        return due(
            period,
            start=None if backwards else day,
            before=day if backwards else None,
            calendar=name,
            strict=form.get("strict") in ("1", "on", "true"),
        )
    except DeadlineError as exc:
        raise FieldError("", str(exc)) from None


@dataclass(frozen=True)
class Month:
    year: int
    month: int
    calendar: str
    weeks: tuple[tuple[DayInfo | None, ...], ...]
    info: YearInfo

    @property
    def marked(self) -> list[DayInfo]:
        """The days that are not plain working days or weekends, for the legend below the grid."""
        return [d for w in self.weeks for d in w if d and d.kind not in ("workday", "weekend")]

    def shift(self, months: int) -> str:
        n = self.year * 12 + self.month - 1 + months
        return f"{n // 12:04d}-{n % 12 + 1:02d}"


def month_grid(month: str, name: str) -> Month:
    """The month ``YYYY-MM`` of calendar ``name`` in weeks from Monday."""
    try:
        first = dt.date.fromisoformat(f"{month.strip()}-01")
    except ValueError:
        raise FieldError(
            "month", f"{month!r} is not a month; accepted: YYYY-MM, e.g. 2026-02"
        ) from None
    if name not in CALENDARS:
        raise FieldError("calendar", f"unknown calendar {name!r}; accepted: {', '.join(CALENDARS)}")
    last = first.replace(day=stdlib_calendar.monthrange(first.year, first.month)[1])
    try:
        cal = calendar(name)
        days: list[DayInfo | None] = [None] * first.weekday() + list(cal.days(first, last))
        info = cal.year_info(first.year)
    except DeadlineError as exc:
        raise FieldError("month", str(exc)) from None
    days += [None] * (-len(days) % 7)
    weeks = tuple(tuple(days[i : i + 7]) for i in range(0, len(days), 7))
    return Month(first.year, first.month, name, weeks, info)
