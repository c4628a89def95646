"""Parameter types shared by the CLI commands (the output contract is :mod:`.output`)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import click

from deadlines.calendars.layers import CALENDARS
from deadlines.calendars.periods import ascii_digits
from deadlines.cli import settings
from deadlines.cli.formats import Choice, current_lang
from deadlines.messages import text

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class DateType(click.ParamType[dt.date]):
    """An ISO date; an impossible one (2026-02-30) is a usage error naming what is accepted."""

    name = "DATE"

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
                return dt.date.fromisoformat(raw)
            except ValueError:
                why = text("cli.bad_date.day", lang)
        self.fail(text("cli.bad_date", lang, value=value, why=why), param, ctx)


DATE = DateType()

calendar_option = click.option(
    "--calendar",
    "calendar_name",
    type=Choice(CALENDARS),
    default=lambda: settings.current().calendar,
    help="cn: national; cn-nx (default; calendar in deadlines.toml): national plus Ningxia's "
    "regional holidays.",
)
