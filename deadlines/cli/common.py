"""Parameter types and options shared by the CLI commands (the output contract is :mod:`.output`):
dates, --calendar, and the --rules and --fact that ``due`` shares with ``rules`` and ``kinds``."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import click

from deadlines.calendars.dates import ascii_digits
from deadlines.calendars.layers import CALENDARS, FIRST_YEAR, LAST_YEAR
from deadlines.cli import settings
from deadlines.cli.formats import Choice, current_lang
from deadlines.messages import text

if TYPE_CHECKING:
    from deadlines.model import FactValue

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

rules_option = click.option(
    "--rules",
    "rule_dirs",
    multiple=True,
    type=click.Path(exists=True, file_okay=True, dir_okay=True),
)


def parse_facts(items: Sequence[str]) -> dict[str, FactValue]:
    """``k=v`` pairs: true/false become booleans, numbers numbers, anything else text (the
    store's reading and checks: finite numbers, names and texts within the limits)."""
    from deadlines.store.checks import check_facts_input
    from deadlines.store.rows import parse_value

    facts: dict[str, FactValue] = {}
    for item in items:
        key, sep, raw = item.partition("=")
        if not sep or not key.strip():
            said = text("cli.bad_fact", current_lang(), value=item)
            raise click.BadParameter(said, param_hint="--fact")
        facts[key.strip()] = parse_value(raw.strip())
    check_facts_input(facts)
    return facts
