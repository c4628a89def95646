"""The calendar questions of the pages and the API: ``deadlines due`` as a form, a month grid.

Both call the library (:func:`deadlines.calendars.periods.due`, :class:`Calendar.days`); a bad
field is a :class:`FieldError` in the command line's words.
"""

from __future__ import annotations

import calendar as stdlib_calendar
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from deadlines.calendars.layers import CALENDARS, DayInfo, YearInfo, calendar
from deadlines.calendars.periods import Period, due
from deadlines.errors import DeadlineError, PeriodError, RuleError
from deadlines.messages import Lang, text
from deadlines.rules.model import Rule
from deadlines.web.common import FieldError, parse_date
from deadlines.web.record import rules as load_rules


@dataclass(frozen=True)
class DueAnswer:
    """One answer of the due form: the date, its marks and steps; ``rule`` when a rule answered
    (``label``: a recurring rule's period), ``record`` the JSON the command line prints for it."""

    date: dt.date
    provisional: bool
    low_confidence: bool
    steps: tuple[str, ...]
    record: dict[str, Any]
    rule: Rule | None = None
    label: str | None = None


def due_question(
    form: Mapping[str, str], lang: Lang, default_calendar: str = "cn-nx"
) -> list[DueAnswer]:
    """``deadlines due PERIOD|RULE --from|--before DATE``: the answers to the form's fields
    (period, direction from|before, date, calendar, strict); none while the form is empty. A
    period answers once; a rule id, REF code or title words answer once per matching rule, on
    the rule's own calendar unless one is chosen. A bare period is counted on ``default_calendar``
    (the server's configured calendar, as for ``deadlines due``: the plan's cn-nx by default)."""
    words = form.get("period", "").strip()
    if not words:
        return []
    day = parse_date(form.get("date", ""), "date", lang)
    name = form.get("calendar", "")
    if name and name not in CALENDARS:
        said = text("web.unknown_calendar", lang, name=name, names=", ".join(CALENDARS))
        raise FieldError("calendar", said)
    before = day if form.get("direction") == "before" else None
    start = None if before else day
    strict = form.get("strict") in ("1", "on", "true")
    try:
        try:
            period = Period.parse(words)
        except PeriodError as exc:
            if re.match(r"^\s*[+-]?\d", words):  # a period that is wrong, not a rule's name
                raise FieldError("period", exc.in_lang(lang)) from None
            return _by_rules(words, exc.in_lang(lang), start, before, name or None, strict, lang)
        d = due(
            period, start=start, before=before, calendar=name or default_calendar, strict=strict
        )
    except FieldError:
        raise
    except DeadlineError as exc:
        raise FieldError("", exc.in_lang(lang)) from None
    record = d.to_dict(lang)
    return [DueAnswer(d.date, d.provisional, bool(d.low_confidence_years), d.explain(lang), record)]


def _by_rules(
    words: str,
    why: str,
    start: dt.date | None,
    before: dt.date | None,
    calendar_name: str | None,
    strict: bool,
    lang: Lang,
) -> list[DueAnswer]:
    from deadlines.rules.answers import answers_for, matching_rules

    try:
        rules = load_rules()
        found = matching_rules(rules, words, {})
        if not found:
            raise FieldError("period", text("err.no_rule", lang, why=why))
        answers = answers_for(
            rules,
            found,
            start=start,
            before=before,
            calendar_name=calendar_name,
            strict=strict,
            periods=1,
        )
    except RuleError as exc:
        raise FieldError("period", exc.in_lang(lang)) from None
    return [
        DueAnswer(
            a.due,
            a.provisional,
            bool(a.low_confidence_years),
            a.deadline.explain(lang) if a.deadline else (),
            a.record(lang, start, before),
            a.rule,
            a.instance.get("label"),
        )
        for a in answers
    ]


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


def month_grid(month: str, name: str, lang: Lang) -> Month:
    """The month ``YYYY-MM`` of calendar ``name`` in weeks from Monday (a refusal in ``lang``)."""
    try:
        first = dt.date.fromisoformat(f"{month.strip()}-01")
    except ValueError:
        raise FieldError("month", text("cli.bad_month", lang, value=month)) from None
    if name not in CALENDARS:
        said = text("web.unknown_calendar", lang, name=name, names=", ".join(CALENDARS))
        raise FieldError("calendar", said)
    last = first.replace(day=stdlib_calendar.monthrange(first.year, first.month)[1])
    try:
        cal = calendar(name)
        days: list[DayInfo | None] = [None] * first.weekday() + list(cal.days(first, last))
        info = cal.year_info(first.year)
    except DeadlineError as exc:
        raise FieldError("month", exc.in_lang(lang)) from None
    days += [None] * (-len(days) % 7)
    weeks = tuple(tuple(days[i : i + 7]) for i in range(0, len(days), 7))
    return Month(first.year, first.month, name, weeks, info)
