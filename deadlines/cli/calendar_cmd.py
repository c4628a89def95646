"""``deadlines calendar``: look at the calendar data behind every answer."""

from __future__ import annotations

import calendar as stdlib_calendar
import datetime as dt
import re

import click

from deadlines.calendars.layers import LAST_YEAR, Calendar, calendar
from deadlines.calendars.periods import ascii_digits
from deadlines.cli.common import DATE, calendar_option, print_json

_MARK = {"workday": " ", "makeup": "w", "weekend": ".", "holiday": "h", "regional": "r"}


class MonthType(click.ParamType[tuple[int, int]]):
    name = "YYYY-MM"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> tuple[int, int]:
        text = ascii_digits(str(value).strip())
        try:
            if not re.fullmatch(r"[0-9]{4}-[0-9]{2}", text):
                raise ValueError(text)
            first = dt.date.fromisoformat(f"{text}-01")
        except ValueError:
            self.fail(f"{value!r} is not a month; accepted: YYYY-MM, e.g. 2026-02", param, ctx)
        return first.year, first.month


@click.group("calendar")
def calendar_group() -> None:
    """Show the working-day calendar: a month, a day, the years covered."""


@calendar_group.command("month")
@click.argument("month", type=MonthType())
@calendar_option
def month_cmd(month: tuple[int, int], calendar_name: str) -> None:
    """A month grid marking rest days, make-up working days and holidays."""
    year, mon = month
    cal = calendar(calendar_name)
    print_month(cal, year, mon)
    info = cal.year_info(year)
    click.echo(f"  Source: {info.source}")
    if info.regional_confidence:
        click.echo(
            f"  Ningxia regional data: {info.regional_source or 'none'} (confidence: {info.regional_confidence})"
        )


def print_month(cal: Calendar, year: int, mon: int) -> None:
    """One month as a grid, then each day that is not a plain working day or weekend, and why."""
    days = list(
        cal.days(
            dt.date(year, mon, 1), dt.date(year, mon, stdlib_calendar.monthrange(year, mon)[1])
        )
    )
    info = cal.year_info(year)
    click.echo(
        f"{year}-{mon:02d}  calendar {cal.name}"
        + ("  PROVISIONAL" if info.status == "provisional" else "")
    )
    click.echo("  Mon  Tue  Wed  Thu  Fri  Sat  Sun")
    line = "     " * days[0].date.weekday()
    for d in days:
        line += f"{d.date.day:4d}{_MARK[d.kind]}"
        if d.date.weekday() == 6:
            click.echo(line.rstrip())
            line = ""
    if line:
        click.echo(line.rstrip())
    click.echo("  (.) weekend  (h) holiday  (r) Ningxia regional holiday  (w) make-up working day")
    for d in days:
        if d.kind not in ("workday", "weekend"):
            click.echo(f"  {d.date.isoformat()} {d.date:%a}  {d.reason}")


@calendar_group.command("day")
@click.argument("day", type=DATE)
@calendar_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def day_cmd(day: dt.date, calendar_name: str, as_json: bool) -> None:
    """Is DAY a working day, and why."""
    cal = calendar(calendar_name)
    d = cal.day_info(day)
    year = cal.year_info(day.year)
    if as_json:
        print_json(
            {
                "date": day.isoformat(),
                "weekday": f"{day:%A}",
                "workday": d.workday,
                "kind": d.kind,
                "name": d.name,
                "reason": d.reason,
                "source": d.source,
                "provisional": d.provisional,
                "calendar": calendar_name,
                "regional_confidence": year.regional_confidence,
            }
        )
        return
    status = "working day" if d.workday else "rest day"
    click.echo(
        f"{day.isoformat()} ({day:%A}): {status}"
        + ("" if d.kind == "workday" else f" — {d.reason}")
    )
    click.echo(f"  Source: {d.source}")
    for note in cal.describe_source([day.year]):
        click.echo(f"  Note: {note}.")


@calendar_group.command("years")
@calendar_option
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
def years_cmd(calendar_name: str, as_json: bool) -> None:
    """The years covered: source, confidence, provisional or published, and where each was read.

    Year files ship with the package; $DEADLINES_CALENDARS names a folder whose files add years or
    override shipped ones ("from: configured folder: PATH").
    """
    cal = calendar(calendar_name)
    years = cal.years()
    if as_json:
        print_json([y.__dict__ for y in years])
        return
    for y in years:
        line = f"{y.year}  {y.status:<11}  {y.confidence:<11}  {y.source}\n      from: {y.origin}"
        if calendar_name == "cn-nx":
            line += f"\n      Ningxia: {y.regional_confidence}" + (
                f" — {y.regional_source}\n      from: {y.regional_origin}"
                if y.regional_source
                else " — no regional file"
            )
        click.echo(line)
    click.echo(
        f"{years[-1].year + 1}–{LAST_YEAR}  provisional, computed when asked; after {LAST_YEAR} and "
        f"before {cal.first_day.year}: not supported"
    )
