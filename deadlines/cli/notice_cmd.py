"""``deadlines calendar import-notice``: next year's holiday notice in one command.

Reads the notice's text (:mod:`deadlines.calendars.noticetext`), writes the checked year file
into the configured calendar folder (or ``--output``), prints the year as month grids for review
and, given ``--db``, recomputes the store and reports every deadline that moved.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import click

from deadlines.calendars import layers, noticetext, yearfiles
from deadlines.calendars.explain import holiday_name
from deadlines.calendars.layers import CALENDARS, FIRST_YEAR, LAST_YEAR, Calendar
from deadlines.cli.calendar_cmd import month_lines, reason
from deadlines.cli.formats import Choice, Output, Range, dated, output_options
from deadlines.cli.store_common import move_lines
from deadlines.errors import CalendarDataError, DeadlineError
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
    raise CalendarDataError(key="notice.not_text", path=str(path))


def _target(output: str | None, layer: str, year: int) -> Path:
    if output:
        path = Path(output)
        if not path.parent.is_dir():  # a mistyped folder is refused, not created
            raise DeadlineError(key="export.no_folder", path=output, folder=str(path.parent))
        return path
    folder = yearfiles.configured_dir()
    if folder is None:
        raise CalendarDataError(
            key="notice.no_folder", env=yearfiles.ENV_VAR, file=f"{layer}/{year}.toml"
        )
    yearfiles.check_folder(folder, f"${yearfiles.ENV_VAR}")
    return folder / layer / f"{year}.toml"


def _adopting(db: str) -> config.StoreConfig:
    """What the store will compute with once the year file is in the calendar folder: its rule
    folders and the configured calendar folder. Checked before anything is written."""
    folder = yearfiles.configured_dir()  # before the store is open (it then names its own)
    with open_store(db, check_config=False) as store:
        target = config.make(store.config.rules, str(folder) if folder else None)
        config.check_env(target, store.path)
    return target


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
@output_options
def import_notice(
    file: Path,
    calendar_name: str | None,
    year: int | None,
    dry_run: bool,
    output: str | None,
    db: str | None,
    out: Output,
) -> None:
    """Read a holiday notice (State Council, or Ningxia with --calendar cn-nx) into a year file.

    FILE is the notice's text as published: numbered items such as
    '二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）上班。',
    the document number and the date at the end. Every statutory holiday must be present, each
    '共N天' must equal its block, make-up days must be weekends; anything ambiguous is refused with
    its line. The year is printed as month grids for review.
    """
    notice = noticetext.parse(_read(file), layer=calendar_name, year=year)
    if db and (dry_run or output):
        raise click.UsageError(out.t("cli.db_writes"))
    target = None if dry_run else _target(output, notice.layer, notice.year)
    if db is not None:
        _adopting(db)  # a store that cannot adopt the folder is refused before the file is written
    national = layers.calendar("cn")
    rest, work, outside = noticetext.year_file_days(notice, lambda d: national.day_info(d).workday)
    text = noticetext.to_toml(notice, rest, work, file.name)
    record: dict[str, Any] = {
        "document": notice.document,
        "layer": notice.layer,
        "year": notice.year,
        "rest": [d.isoformat() for d in sorted(rest)],
        "work": [d.isoformat() for d in sorted(work)],
        "outside": [d.isoformat() for d in sorted(outside)],
        "written": None,
        "moves": None,
    }
    lines = _review(notice, text, rest, work, outside, national, out)
    if target is not None:
        target.parent.mkdir(
            exist_ok=True
        )  # the layer's folder (cn/, cn-nx/) in the calendar folder
        partial = target.with_suffix(".toml.partial")
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, target)  # never a half-written year file
        record["written"] = str(target)
        lines.append(out.t("notice.wrote", path=target))
    if target is None:
        lines.append(out.t("notice.dry_run"))
    elif db is None and not output:
        lines.append(out.t("notice.next"))
    elif db is not None:
        layers.reset_cache()  # the calendars are read again, with the new year
        adopted = _adopting(db)  # now with the new file's hash
        with open_store(db, check_config=False) as store:
            moves = store.recompute(adopt=adopted)
        from deadlines.notices.case_view import move_payload

        record["moves"] = [move_payload(m) for m in moves]
        lines.append(out.t("notice.recomputed", n=len(moves)))
        lines.extend(move_lines(moves, out))
    out.emit([record], lambda: lines, document=record)


def _review(
    notice: noticetext.ParsedNotice,
    text: str,
    rest: Any,
    work: Any,
    outside: Any,
    national: Calendar,
    out: Output,
) -> list[str]:
    """The year as it will be read (the staged file through the calendar's own reader), as
    month grids for review, and the days the notice gives outside its year."""
    lines: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        staged = Path(tmp, notice.layer, f"{notice.year}.toml")
        staged.parent.mkdir()
        staged.write_text(text, encoding="utf-8")
        yearfiles.load_year_file(staged, notice.layer)  # exactly what the calendar will read
        if out.format != "text":
            return lines
        review = Calendar(notice.layer, Path(tmp))
        document = notice.document or out.t("notice.no_document")
        said = {"layer": notice.layer, "year": notice.year, "rest": len(rest), "work": len(work)}
        lines.append(out.t("notice.head", document=document, **said))
        for mon in range(1, 13):
            lines.extend(month_lines(review, notice.year, mon, out))
    for day, name in sorted(outside.items()):
        now = national.day_info(day)
        fields = {"day": dated(day, out.lang), "name": holiday_name(name, out.lang)}
        lines.append(out.t("notice.outside", **fields, year=day.year, reason=reason(now, out.lang)))
    return lines
