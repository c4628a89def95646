"""Parameter types and output helpers shared by the CLI commands."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import click

from deadlines.calendars.layers import CALENDARS
from deadlines.calendars.periods import ascii_digits

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class DateType(click.ParamType[dt.date]):
    """An ISO date; an impossible one (2026-02-30) is a usage error naming what is accepted."""

    name = "DATE"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> dt.date:
        if isinstance(value, dt.date):
            return value
        text = ascii_digits(str(value).strip())
        try:
            if not _ISO_DATE.fullmatch(text):
                raise ValueError("not in the form YYYY-MM-DD")
            return dt.date.fromisoformat(text)
        except ValueError as exc:
            self.fail(
                f"{value!r} is not a real date ({exc}); accepted: YYYY-MM-DD in ASCII or "
                "full-width digits, e.g. 2026-02-14",
                param,
                ctx,
            )


DATE = DateType()

calendar_option = click.option(
    "--calendar",
    "calendar_name",
    type=click.Choice(CALENDARS),
    default="cn",
    show_default=True,
    help="cn: national; cn-nx: national plus Ningxia's regional holidays.",
)


def print_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))
