"""``deadlines calendar import-notice``: next year's holiday notice in one command.

Reads the notice's text (:mod:`deadlines.calendars.noticetext`), writes the checked year file
into the configured calendar folder (or ``--output``), prints the year as month grids for review
and, given ``--db``, recomputes the store and reports every deadline that moved.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import click

from deadlines import messages
from deadlines.calendars import layers, noticetext, yearfiles
from deadlines.calendars.explain import holiday_name
from deadlines.calendars.layers import CALENDARS, FIRST_YEAR, LAST_YEAR, Calendar
from deadlines.cli.calendar_cmd import print_month, reason
from deadlines.cli.formats import Choice, Range, current_lang, dated
from deadlines.cli.store_common import print_moves
from deadlines.errors import CalendarDataError
from deadlines.store import config
from deadlines.store.database import open_store
from deadlines.textfiles import read_bounded


def _read(path: Path) -> str:
    data = read_bounded(path, "a notice text file", CalendarDataError)
    for encoding in ("utf-8-sig", "gb18030"):  # notices saved from Chinese sites are often GBK
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CalendarDataError(f"{path}: not a text file in UTF-8 or GB18030")


def _target(output: str | None, layer: str, year: int) -> Path:
    if output:
        return Path(output)
    folder = yearfiles.configured_dir()
    if folder is None:
        raise CalendarDataError(
            key="notice.no_folder", env=yearfiles.ENV_VAR, file=f"{layer}/{year}.toml"
        )
    yearfiles.check_folder(folder, f"${yearfiles.ENV_VAR}")
    return folder / layer / f"{year}.toml"


@click.command("import-notice")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--calendar",
    "calendar_name",
    type=Choice(CALENDARS),
    default=None,
)
@click.option(
    "--year",
    type=Range(FIRST_YEAR, LAST_YEAR),
    default=None,
)
@click.option("--dry-run", is_flag=True)
@click.option(
    "--output",
    type=click.Path(dir_okay=False),
    default=None,
)
@click.option(
    "--db",
    type=click.Path(dir_okay=False),
    default=None,
)
def import_notice(
    file: Path,
    calendar_name: str | None,
    year: int | None,
    dry_run: bool,
    output: str | None,
    db: str | None,
) -> None:
    """Read a holiday notice (State Council, or Ningxia with --calendar cn-nx) into a year file.

    FILE is the notice's text as published: numbered items such as
    '二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）上班。',
    the document number and the date at the end. Every statutory holiday must be present, each
    '共N天' must equal its block, make-up days must be weekends; anything ambiguous is refused with
    its line. The year is printed as month grids for review.
    """
    lang = current_lang()

    def t(key: str, **fields: object) -> str:
        return messages.text(key, lang, **fields)

    notice = noticetext.parse(_read(file), layer=calendar_name, year=year)
    if db and (dry_run or output):
        raise click.UsageError(messages.text("cli.db_writes", current_lang()))
    target = None if dry_run else _target(output, notice.layer, notice.year)
    national = layers.calendar("cn")
    rest, work, outside = noticetext.year_file_days(notice, lambda d: national.day_info(d).workday)
    text = noticetext.to_toml(notice, rest, work, file.name)
    with tempfile.TemporaryDirectory() as tmp:
        staged = Path(tmp, notice.layer, f"{notice.year}.toml")
        staged.parent.mkdir()
        staged.write_text(text, encoding="utf-8")
        yearfiles.load_year_file(staged, notice.layer)  # exactly what the calendar will read
        review = Calendar(notice.layer, Path(tmp))
        document = notice.document or t("notice.no_document")
        click.echo(
            t(
                "notice.head",
                document=document,
                layer=notice.layer,
                year=notice.year,
                rest=len(rest),
                work=len(work),
            )
        )
        for mon in range(1, 13):
            print_month(review, notice.year, mon)
    for day, name in sorted(outside.items()):
        now = national.day_info(day)
        said = {"day": dated(day, lang), "name": holiday_name(name, lang), "year": day.year}
        click.echo(t("notice.outside", **said, reason=reason(now, lang)))
    if target is None:
        click.echo(t("notice.dry_run"))
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".toml.partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, target)  # never a half-written year file
    click.echo(t("notice.wrote", path=target))
    if db is None:
        click.echo(t("notice.next"))
        return
    layers.reset_cache()  # the calendars are read again, with the new year
    # the store's calendar folder just changed: the recompute adopts it (deadlines.store.config)
    with open_store(db, check_config=False) as store:
        config.check_env(store.config, store.path)
        adopted = config.make(store.config.rules, store.config.calendars)
        moves = store.recompute(adopt=adopted)
    click.echo(t("notice.recomputed", n=len(moves)))
    print_moves(moves)
