"""Parameter types shared by the CLI commands (the output contract is :mod:`.output`)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import click

from deadlines.calendars.layers import CALENDARS, FIRST_YEAR, LAST_YEAR
from deadlines.calendars.periods import ascii_digits
from deadlines.cli import settings
from deadlines.cli.formats import Choice, current_lang
from deadlines.messages import text

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class DateType(click.ParamType[dt.date]):
    """An ISO date; an impossible one (2026-02-30) is a usage error naming what is accepted."""

    name = "DATE"

    def __init__(self, *, bounded: bool = False) -> None:
        self.bounded = bounded

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> dt.date:
        if isinstance(value, dt.date):
            return value
        raw = ascii_digits(str(value).strip())
        lang = current_lang()
        if not _ISO_DATE.fullmatch(raw):
            why = text("cli.bad_date.form", lang)
        else:
            try:
                day = dt.date.fromisoformat(raw)
            except ValueError:
                why = text("cli.bad_date.day", lang)
            else:
                if not self.bounded or FIRST_YEAR <= day.year <= LAST_YEAR:
                    return day
                said = text("cli.date_outside", lang, value=value, first=FIRST_YEAR, last=LAST_YEAR)
                self.fail(said, param, ctx)
        self.fail(text("cli.bad_date", lang, value=value, why=why), param, ctx)


DATE = DateType()
# A day to replay (--as-of): only days the calendars cover (year 9999 overflowed the recurring
# periods' arithmetic). Other dates get the library's own answer about the range.
BOUNDED_DATE = DateType(bounded=True)

calendar_option = click.option(
    "--calendar",
    "calendar_name",
    type=Choice(CALENDARS),
    default=lambda: settings.current().calendar,
)
