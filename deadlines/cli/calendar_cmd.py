"""``deadlines calendar``: look at the calendar data behind every answer."""

from __future__ import annotations

import calendar as stdlib_calendar
import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import click

from deadlines.calendars.dates import ascii_digits, weekday_name
from deadlines.calendars.explain import holiday_name, source_notes
from deadlines.calendars.layers import LAST_YEAR, Calendar, DayInfo, YearInfo, calendar
from deadlines.cli.common import DATE, calendar_option
from deadlines.cli.formats import Output, current_lang, dated, output_options, table, width
from deadlines.errors import say
from deadlines.messages import Lang, text

_MARK = {"workday": " ", "makeup": "w", "weekend": ".", "holiday": "h", "regional": "r"}


class MonthType(click.ParamType[tuple[int, int]]):
    name = "YYYY-MM"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> tuple[int, int]:
        raw = ascii_digits(str(value).strip())
        try:
            if not re.fullmatch(r"[0-9]{4}-[0-9]{2}", raw):
                raise ValueError(raw)
            first = dt.date.fromisoformat(f"{raw}-01")
        except ValueError:
            self.fail(text("cli.bad_month", current_lang(), value=value), param, ctx)
        return first.year, first.month


def reason(d: DayInfo, lang: Lang) -> str:
    """Why the day is what it is, in ``lang``: 节假日：国庆节 / holiday: National Day."""
    return text(f"day.{d.kind}", lang, name=holiday_name(d.name or "", lang))


def day_record(d: DayInfo, calendar_name: str, year: YearInfo, lang: Lang) -> dict[str, Any]:
    """A day of the calendar commands' JSON: ``kind`` the code, the texts in ``lang``
    (docs/output.md)."""
    return {
        "date": d.date.isoformat(),
        "weekday": weekday_name(d.date, lang),
        "workday": d.workday,
        "kind": d.kind,
        "name": holiday_name(d.name, lang) if d.name else None,
        "reason": reason(d, lang),
        "source": say(d.source, lang),
        "provisional": d.provisional,
        "calendar": calendar_name,
        "regional_confidence": year.regional_confidence,
    }


def _confidence(value: str | None, lang: Lang) -> str:
    return text(f"confidence.{value}", lang) if value else "—"


@click.group("calendar")
def calendar_group() -> None:
    """Show the working-day calendar: a month, a day, the years covered."""


@calendar_group.command("month")
@click.argument("month", type=MonthType())
@calendar_option
@output_options
def month_cmd(month: tuple[int, int], calendar_name: str, out: Output) -> None:
    """A month grid marking rest days, make-up working days and holidays (data: one day a record)."""
    year, mon = month
    cal = calendar(calendar_name)
    days = _days(cal, year, mon)
    info = cal.year_info(year)
    records = [day_record(d, calendar_name, info, out.lang) for d in days]
    out.emit(records, lambda: [*_month_lines(days, info, cal.name, out), *_year_notes(info, out)])


def _days(cal: Calendar, year: int, mon: int) -> list[DayInfo]:
    last = stdlib_calendar.monthrange(year, mon)[1]
    return list(cal.days(dt.date(year, mon, 1), dt.date(year, mon, last)))


def month_lines(cal: Calendar, year: int, mon: int, out: Output) -> Iterator[str]:
    """One month as a grid, then each day that is not a plain working day or weekend, and why
    (``calendar import-notice`` shows a notice's year this way)."""
    return _month_lines(_days(cal, year, mon), cal.year_info(year), cal.name, out)


def _month_lines(days: list[DayInfo], info: YearInfo, name: str, out: Output) -> Iterator[str]:
    first = days[0].date
    yield out.t("calendar.month_title", month=f"{first:%Y-%m}", calendar=name) + (
        f"  {out.t('cli.provisional_upper')}" if info.status == "provisional" else ""
    )
    names = [out.t(f"weekday.short.{i}") for i in range(7)]
    yield "".join(" " * (5 - width(n)) + n for n in names)
    line = "     " * first.weekday()
    for d in days:
        line += f"{d.date.day:4d}{_MARK[d.kind]}"
        if d.date.weekday() == 6:
            yield line.rstrip()
            line = ""
    if line:
        yield line.rstrip()
    yield "  " + out.t("calendar.legend")
    for d in days:
        if d.kind not in ("workday", "weekend"):
            yield f"  {dated(d.date, out.lang)}  {reason(d, out.lang)}"


def _year_notes(info: YearInfo, out: Output) -> Iterator[str]:
    """The year's status and confidence, and where its data comes from."""
    status = out.t(f"year_status.{info.status}")
    yield "  " + out.t(
        "calendar.status", status=status, confidence=_confidence(info.confidence, out.lang)
    )
    if info.regional_confidence:
        yield "  " + out.t(
            "calendar.regional", confidence=_confidence(info.regional_confidence, out.lang)
        )
    yield "  " + out.t("calendar.source", source=say(info.source, out.lang))
    if info.regional_source:
        yield "  " + out.t("calendar.regional_source", source=say(info.regional_source, out.lang))


@calendar_group.command("day")
@click.argument("day", type=DATE)
@calendar_option
@output_options
def day_cmd(day: dt.date, calendar_name: str, out: Output) -> None:
    """Is DAY a working day, and why."""
    cal = calendar(calendar_name)
    d = cal.day_info(day)
    year = cal.year_info(day.year)
    record = day_record(d, calendar_name, year, out.lang)

    def lines() -> Iterator[str]:
        status = out.t("calendar.workday" if d.workday else "calendar.restday")
        why = "" if d.kind == "workday" else f" — {reason(d, out.lang)}"
        yield out.t("calendar.day", day=dated(day, out.lang), status=status, why=why)
        yield from _year_notes(year, out)
        for note in source_notes(cal, [day.year], out.lang):
            yield f"  {note}"

    out.emit([record], lines, document=record)


@calendar_group.command("years")
@calendar_option
@output_options
def years_cmd(calendar_name: str, out: Output) -> None:
    """The years covered: source, confidence, provisional or published, and where each was read.

    Year files ship with the package; $DEADLINES_CALENDARS (or calendars in deadlines.toml) names
    a folder whose files add years or override shipped ones (each year's source and where it was
    read are listed).
    """
    cal = calendar(calendar_name)
    years = cal.years()
    records = [_year_record(y, out.lang) for y in years]

    def lines() -> Iterator[str]:
        keys = ["year", "data", "confidence"]
        if calendar_name == "cn-nx":
            keys.append("regional")

        rows = []
        for y in years:
            row = [
                str(y.year),
                out.t(f"year_status.{y.status}"),
                _confidence(y.confidence, out.lang),
            ]
            if calendar_name == "cn-nx":
                row.append(_confidence(y.regional_confidence, out.lang))

            rows.append(row)
        yield from table([out.t(f"head.{k}") for k in keys], rows)
        yield out.t(
            "calendar.beyond", after=years[-1].year + 1, last=LAST_YEAR, first=cal.first_day.year
        )
        yield out.t("calendar.sources")
        for r in (_year_record(y, out.lang) for y in years):
            yield out.t("calendar.source_line", **r)
            if r["regional_source"]:
                yield out.t(
                    "calendar.regional_line",
                    source=r["regional_source"],
                    origin=r["regional_origin"],
                )

    out.emit(records, lines)


def _year_record(y: YearInfo, lang: Lang) -> dict[str, Any]:
    """A year of ``calendar years``, its sources and origins said in ``lang`` (docs/output.md)."""
    said = ("source", "origin", "regional_source", "regional_origin")
    record = dict(y.__dict__)
    record.update({k: say(record[k], lang) if record[k] is not None else None for k in said})
    return record
