"""The ``chinese-calendar`` layer: the years it knows, the notices behind them, its known errors.

``chinese-calendar`` holds the State Council's holidays and make-up working days (2004–2026 in
1.11.0) but not which notice decided them, and it has at least one day wrong (2005-12-31, a
make-up working Saturday under 国办发明电〔2005〕35号 that it lacks). The shipped file
``cn-library.toml`` (``calendars/README.md``) names each year's notice, the later notices that
changed a year (the 2020-01-26 extension of the Spring Festival, 国办发明电〔2020〕1号), and every
correction, each with the notice that decides it and the notice's words. A year or day it does not
cover says "document not recorded" rather than guess.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from chinese_calendar import constants as cc_data

from deadlines.cache import installed_version
from deadlines.calendars.yearfiles import LIBRARY_FILE, shipped_dir
from deadlines.errors import CalendarDataError, Joined, Phrase, Said

_HOLIDAY_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


@dataclass(frozen=True)
class Notice:
    """A State Council notice: a year's arrangement, or a later change to one."""

    document: str | None
    title: str | None
    urls: tuple[str, ...]
    published: dt.date | None
    note: str | None
    days: frozenset[dt.date]
    """The days a change notice decides (empty for a year's arrangement)."""

    @property
    def name(self) -> Phrase | str:
        """``国办发明电〔2019〕16号``, or the title when the number is not known."""
        return self.document or Phrase("source.no_number", {"title": self.title})

    @cached_property
    def cite(self) -> Phrase | str:
        """The notice's name, the date it was published, and its note (a change's words); one
        object for all the days the notice decides, which the calendar cache then stores once."""
        cite = self.name
        if self.published:
            cite = Phrase("source.published", {"name": cite, "date": self.published.isoformat()})
        return Phrase("source.note", {"cite": cite, "note": self.note}) if self.note else cite


@dataclass(frozen=True)
class Correction:
    date: dt.date
    workday: bool
    name: str
    document: str
    quote: str


@dataclass(frozen=True)
class LibraryData:
    notices: dict[int, Notice]
    """Each year's arrangement, keyed by the year it arranges."""
    changes: tuple[Notice, ...]
    corrections: dict[dt.date, Correction]

    def day_notice(self, day: dt.date, holiday_en: str | None) -> Notice | None:
        """The notice that decided ``day``: a change naming it, else its holiday's arrangement.

        A 元旦 day in December belongs to the next year's notice (the 2008 notice rests on
        2007-12-30 and 31): the year's arrangement is the one that names the holiday.
        """
        for change in self.changes:
            if day in change.days:
                return change
        year = day.year + 1 if (day.month == 12 and holiday_en == "New Year's Day") else day.year
        return self.notices.get(year)

    def year_source(self, year: int) -> Phrase:
        """Every notice behind ``year`` of the library, for explanations and ``calendar years``."""
        parts = [self.notices[year].cite if year in self.notices else Phrase("source.not_recorded")]
        parts += [c.cite for c in self.changes if any(d.year == year for d in c.days)]
        nxt = self.notices.get(year + 1)
        december = [d for d, en in cc_data.holidays.items() if d.year == year and d.month == 12]
        december += [d for d, en in cc_data.workdays.items() if d.year == year and d.month == 12]
        fixed = [c for c in self.corrections.values() if c.date.year == year]
        if nxt and (december or fixed):
            parts.append(
                Phrase("source.new_year", {"document": nxt.document or nxt.title, "year": year})
            )
        said = {"notices": Joined(tuple(parts)), "version": library_version()}
        if not fixed:
            return Phrase("source.library", said)
        fixes = tuple(
            Phrase("source.fix", {"date": c.date.isoformat(), "document": c.document})
            for c in fixed
        )
        return Phrase("source.library_corrected", {**said, "fixes": Joined(fixes, "sep.comma")})


def library_version() -> str:
    """chinese-calendar's installed version (read without importing it: a calendar from the
    user's cache needs the version for its key, not the library's tables)."""
    return installed_version("chinese_calendar", "chinese-calendar")


def library_years() -> range:
    """The years chinese-calendar knows, probed so that a newer release needs no code change."""
    years = {d.year for d in cc_data.holidays}
    return range(min(years), max(years) + 1)


def holiday_name(en: str) -> str:
    """``春节 Spring Festival`` for the library's English name."""
    return f"{_HOLIDAY_ZH.get(en, en)} {en}"


def _fail(path: Path, key: str, expected: str, got: object) -> CalendarDataError:
    return CalendarDataError(f"{path}: key {key!r}: expected {expected}, got {got!r}")


def _notice(path: Path, where: str, raw: dict[str, Any]) -> Notice:
    allowed = {"arranges", "document", "title", "urls", "published", "note", "days"}
    for key in raw:
        if key not in allowed:
            raise _fail(path, f"{where}.{key}", f"one of {', '.join(sorted(allowed))}", key)
    document, title = raw.get("document"), raw.get("title")
    if not (isinstance(document, str) or isinstance(title, str)):
        raise _fail(path, where, "a document number or a title", raw)
    days = raw.get("days", [])
    if not isinstance(days, list) or not all(isinstance(d, dt.date) for d in days):
        raise _fail(path, f"{where}.days", "a list of dates", days)
    return Notice(
        document,
        title,
        tuple(raw.get("urls", [])),
        raw.get("published"),
        raw.get("note"),
        frozenset(days),
    )


def load_library_data(path: Path) -> LibraryData:
    """Read and validate ``cn-library.toml``; raise :class:`CalendarDataError` naming the key."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise CalendarDataError(f"{path}: cannot be read as TOML: {exc}") from None
    notices: dict[int, Notice] = {}
    for i, item in enumerate(raw.get("notice", [])):
        year = item.get("arranges")
        if not isinstance(year, int) or year in notices:
            raise _fail(path, f"notice[{i}].arranges", "a year, each once", year)
        notices[year] = _notice(path, f"notice[{i}]", item)
    changes = tuple(_notice(path, f"change[{i}]", c) for i, c in enumerate(raw.get("change", [])))
    corrections: dict[dt.date, Correction] = {}
    for i, item in enumerate(raw.get("correction", [])):
        try:
            fix = Correction(**item)
        except TypeError:
            raise _fail(
                path, f"correction[{i}]", "date, workday, name, document and quote", item
            ) from None
        if not isinstance(fix.date, dt.date) or (fix.workday and fix.date.weekday() < 5):
            raise _fail(
                path, f"correction[{i}].date", "a date (a workday only on a weekend)", fix.date
            )
        corrections[fix.date] = fix
    return LibraryData(notices, changes, corrections)


@cache
def library_data() -> LibraryData:
    """The shipped notices and corrections (read once per process)."""
    return load_library_data(shipped_dir() / LIBRARY_FILE)


def library_year(
    year: int,
) -> tuple[dict[dt.date, str], dict[dt.date, str], dict[dt.date, Said]]:
    """(rest days, make-up working days, day sources) of one library year, corrections applied."""
    data = library_data()
    rest: dict[dt.date, str] = {}
    makeup: dict[dt.date, str] = {}
    sources: dict[dt.date, Said] = {}
    for table, target in ((cc_data.holidays, rest), (cc_data.workdays, makeup)):
        for d, en in table.items():
            if d.year == year:
                target[d] = holiday_name(en)
                notice = data.day_notice(d, en)
                if notice is not None:
                    sources[d] = notice.cite
    for d, fix in data.corrections.items():
        if d.year == year:
            rest.pop(d, None)
            makeup.pop(d, None)
            (makeup if fix.workday else rest)[d] = fix.name
            sources[d] = Phrase(
                "source.corrects",
                {"document": fix.document, "quote": fix.quote, "version": library_version()},
            )
    return rest, makeup, sources
