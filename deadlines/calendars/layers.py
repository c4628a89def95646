"""Working-day calendars: the national layer (``cn``) and the Ningxia layer (``cn-nx``).

A calendar answers, for every day from 2004-01-01 to the end of :data:`LAST_YEAR`, whether it is a
working day and why. Each year comes from exactly one source, checked in this order:

1. a year file ``calendars/cn/YYYY.toml`` written from the State Council notice (see
   ``calendars/README.md``): local data wins, so a year can be added before the library knows it;
2. the ``chinese-calendar`` package (2004–2026 in 1.11.0; a newer release that knows more years is
   picked up without a code change, since its range is probed, not hard-coded);
3. otherwise the year is *provisional* (docs/counting.md): weekends plus the statutory holidays that
   the 2024 放假办法 fixes for every year, with no 调休. Answers that use such a year say so, and a
   ``strict`` calendar refuses them.

``cn-nx`` adds the regional 开斋节/古尔邦节 days off and make-up working days from
``calendars/cn-nx/YYYY.toml``. A year with no regional file is *unknown*, not empty: answers that
depend on it say so (and ``strict`` refuses them).

Arithmetic uses a precomputed index: ``cum[i]`` is the number of working days in the first
``i + 1`` days of the range and ``pos[k]`` the day offset of the k-th working day, so adding or
counting working days is two list look-ups, never a day-by-day loop.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from itertools import accumulate
from pathlib import Path
from typing import Literal, NamedTuple

from deadlines import cache as user_cache
from deadlines.calendars import yearfiles as caldata
from deadlines.errors import (
    OutOfRangeError,
    Phrase,
    ProvisionalRefusedError,
    Said,
    UnknownCalendarError,
)

CALENDARS = ("cn", "cn-nx")
FIRST_YEAR = 2004
"""chinese-calendar's first year; nothing earlier is answered."""
LAST_YEAR = 2099
"""The last year a provisional calendar is computed for. lunar-python reaches far beyond, but the
tests cross-check its 春节/端午/中秋 dates against the independent ``lunardate`` tables, which end in
2099; past the checked range we refuse rather than guess."""

DayKind = Literal["workday", "makeup", "weekend", "holiday", "regional"]

_WEEKDAY = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def fmt(d: dt.date) -> str:
    """``2026-02-14 (Sat)``: every date in an explanation carries its weekday."""
    return f"{d.isoformat()} ({_WEEKDAY[d.weekday()]})"


@dataclass(frozen=True)
class DayInfo:
    """One day of a calendar and the reason for its status."""

    date: dt.date
    kind: DayKind
    name: str | None
    """Holiday name (``春节 Spring Festival``) for holidays, regional days and make-up days."""
    source: Said
    """Where the year's data comes from (a notice, the library, or the provisional rule)."""
    provisional: bool

    @property
    def workday(self) -> bool:
        return self.kind in ("workday", "makeup")


@dataclass(frozen=True)
class YearInfo:
    """Where one year of a calendar comes from, and how far to trust it."""

    year: int
    status: Literal["published", "provisional"]
    source: Said
    confidence: str
    """``official`` for a State Council notice, ``provisional`` for a computed year; for the
    Ningxia layer, the regional file's ``high``/``medium``/``low``, or ``unknown`` without one."""
    origin: Said = ""
    """Where the year's data was read: shipped with the package, a configured folder, the library
    (with its corrections), or computed (provisional)."""
    regional_source: Said | None = None
    regional_confidence: str | None = None
    regional_origin: Said | None = None


class _Year(NamedTuple):
    """One year's days, as indexed (a NamedTuple: cheaper to create at import than a dataclass)."""

    info: YearInfo
    rest: dict[dt.date, tuple[DayKind, str]]
    """Rest days that are not plain weekends, and weekend days inside a holiday block."""
    makeup: dict[dt.date, str]
    """Weekend days that are working days (调休)."""
    regional: frozenset[dt.date]
    """Days whose status comes from the Ningxia file rather than the national layer."""
    sources: dict[dt.date, Said]
    """Days decided by a notice other than the year's source (a change, a correction)."""


@cache
def _shared(kind_name: tuple[DayKind, str]) -> tuple[DayKind, str]:
    """One object for equal (kind, name) pairs: all the days of a holiday share it, so that the
    calendar cache stores it once and reads it back once."""
    return kind_name


def default_calendars_dir() -> Path | None:
    """The configured folder over the shipped data: ``$DEADLINES_CALENDARS``, or None."""
    return caldata.configured_dir()


def _statutory_days(year: int) -> list[tuple[dt.date, str]]:
    """The 2024 放假办法's holiday-days of ``year`` (docs/counting.md, provisional calendar), one entry
    per statutory day: 中秋 on a 国庆 day is two entries on one date."""
    from lunar_python import Lunar, Solar

    def solar(lunar_month: int, lunar_day: int) -> dt.date:
        s = Lunar.fromYmd(year, lunar_month, lunar_day).getSolar()
        return dt.date(s.getYear(), s.getMonth(), s.getDay())

    spring = solar(1, 1)
    qm = Solar.fromYmd(year, 4, 15).getLunar().getJieQiTable()["清明"]
    days = [(dt.date(year, 1, 1), "元旦 New Year's Day")]
    for i, label in enumerate(("除夕", "初一", "初二", "初三"), start=-1):
        days.append((spring + dt.timedelta(days=i), f"春节 Spring Festival {label}"))
    days.append((dt.date(qm.getYear(), qm.getMonth(), qm.getDay()), "清明 Tomb-sweeping Day"))
    days += [(dt.date(year, 5, d), "劳动节 Labour Day") for d in (1, 2)]
    days.append((solar(5, 5), "端午 Dragon Boat Festival"))
    days.append((solar(8, 15), "中秋 Mid-autumn Festival"))
    days += [(dt.date(year, 10, d), "国庆节 National Day") for d in (1, 2, 3)]
    return sorted(days, key=lambda item: item[0])


def _lunar_holidays(year: int) -> dict[dt.date, str]:
    """The provisional rest days of ``year``: the statutory holiday-days, and their 补假.

    放假办法 第六条: a holiday-day that falls on a Saturday or Sunday, or on a day that is already
    another holiday (中秋 on a 国庆 day), gives one extra rest day, the first later weekday that is
    not already a rest day. Taken in date order, so each 补假 skips those already given.
    """
    statutory = _statutory_days(year)
    days: dict[dt.date, str] = {}
    owed: list[tuple[dt.date, str, str]] = []
    for day, name in statutory:
        if day in days:  # a second holiday on the same day: keep both names, owe a day
            owed.append((day, name, f"fell on {days[day].split(' ')[0]}"))
            days[day] = f"{days[day]} / {name}"
        else:
            days[day] = name
            if day.weekday() >= 5:
                owed.append((day, name, "fell on a weekend"))
    for day, name, why in owed:
        extra = day + dt.timedelta(days=1)
        while extra.weekday() >= 5 or extra in days:
            extra += dt.timedelta(days=1)
        days[extra] = f"补假 make-up rest day for {name} {fmt(day)}, which {why} (放假办法 第六条)"
    return days


_LIBRARY = ("chinese_calendar", "chinese-calendar")
_LUNAR = ("lunar_python", "lunar-python")
"""The (module, distribution) of the libraries behind the calendars, for their versions."""

_BUILT = (
    "_files",
    "_lib_years",
    "_base",
    "_years",
    "_kind",
    "_work",
    "_cum",
    "_pos",
    "_built_to",
    "_last_published",
    "data_version",
)
"""A calendar's state that follows from its data files alone (what the cache keeps): with its
data version, so that showing a stored date's calendar version hashes no file again."""
_MAX_CACHED_FILE = 1 << 20


def _cache_key(name: str, folder: Path | None) -> tuple[object, ...] | None:
    """Everything a calendar is built from: this code, chinese-calendar's version, and the path
    and full bytes of every year file it reads (the shipped ones, then ``folder``'s) and of the
    library corrections; None (do not cache) when a file is not a small regular file."""
    files = [caldata.shipped_dir() / caldata.LIBRARY_FILE]
    for root in (caldata.shipped_dir(), folder):
        if root is not None:
            files += [p for layer in ("cn", "cn-nx") for p in sorted((root / layer).glob("*.toml"))]
    contents: list[tuple[str, bytes]] = []
    try:
        for path in files:
            st = path.stat()
            if not stat.S_ISREG(st.st_mode) or st.st_size > _MAX_CACHED_FILE:
                return None
            contents.append((str(path), path.read_bytes()))
    except OSError:
        return None  # building says what is wrong with it
    return (
        user_cache.code_stamp(("calendars", "errors.py", "cache.py")),
        name,
        str(folder) if folder else None,
        folder.is_dir() if folder else None,
        user_cache.installed_version(*_LIBRARY),
        user_cache.installed_version(*_LUNAR),  # named in the data version
        tuple(contents),
    )


_generation = 0
"""Bumped by :func:`reset_cache`: a calendar built before is stale."""


class Calendar:
    """A working-day calendar over 2004-01-01 … :data:`LAST_YEAR`-12-31.

    Build one with :func:`calendar`. With ``strict=True`` every method refuses to answer from a
    provisional year or (``cn-nx``) a year with no regional data.
    """

    def __init__(self, name: str, calendars_dir: Path | None = None, strict: bool = False) -> None:
        if name not in CALENDARS:
            raise UnknownCalendarError(
                f"unknown calendar {name!r}; accepted: {', '.join(CALENDARS)}"
            )
        self.name = name
        self.strict = strict
        self._generation = _generation
        self.calendars_dir = calendars_dir
        key = _cache_key(name, calendars_dir)
        if key is None:
            self._build()
        else:
            self.__dict__.update(user_cache.cached(f"calendar-{name}", key, self._build))

    def _build(self) -> dict[str, object]:
        """Read the year files and index the published years; the state built (which the user's
        cache keeps, keyed by every file it was built from: :func:`_cache_key`)."""
        from deadlines.calendars import library  # its tables only when the cache misses

        self._files = caldata.load_all(self.calendars_dir)
        self._lib_years = library.library_years()
        self._base = dt.date(FIRST_YEAR, 1, 1).toordinal()
        self._years: dict[int, _Year] = {}
        self._kind: list[DayKind] = []
        self._work = bytearray()  # 1 for a working day
        self._cum: list[int] = []  # working days in the first i + 1 days
        self._pos: list[int] = []  # the ordinal of the k-th working day
        self._built_to = FIRST_YEAR - 1
        self._last_published = max(
            y for y in range(FIRST_YEAR, LAST_YEAR + 1) if self._published(y)
        )
        # Provisional years are built on first use: most commands never reach them.
        self._extend(self._last_published)
        return {name: getattr(self, name) for name in _BUILT}

    @cached_property
    def data_version(self) -> str:
        """The library versions and a hash of the data files this calendar reads."""
        import hashlib

        digest = hashlib.sha256((caldata.shipped_dir() / caldata.LIBRARY_FILE).read_bytes())
        for path in sorted(self._files.paths):
            if self.name == "cn-nx" or path.parent.name == "cn":
                digest.update(path.name.encode() + b"\0" + path.read_bytes())
        return (
            f"{self.name}@chinese-calendar-{user_cache.installed_version(*_LIBRARY)}"
            f"+files-{digest.hexdigest()[:10]}+lunar-python-{user_cache.installed_version(*_LUNAR)}"
        )

    # -- building ------------------------------------------------------------------------------

    def _published(self, year: int) -> bool:
        return year in self._files.national or year in self._lib_years

    def _year_data(self, year: int) -> _Year:
        from deadlines.calendars import library

        rest: dict[dt.date, tuple[DayKind, str]] = {}
        makeup: dict[dt.date, str] = {}
        sources: dict[dt.date, Said] = {}
        national = self._files.national.get(year)
        if national is not None:
            rest.update({d: ("holiday", n) for d, n in national.rest.items()})
            makeup.update(national.workdays)
            info = YearInfo(year, "published", national.source, national.confidence, national.where)
        elif year in self._lib_years:
            lib_rest, makeup, sources = library.library_year(year)
            rest.update({d: ("holiday", n) for d, n in lib_rest.items()})
            info = YearInfo(
                year,
                "published",
                library.library_data().year_source(year),
                "official",
                Phrase(
                    "origin.library",
                    {"version": library.library_version(), "file": caldata.LIBRARY_FILE},
                ),
            )
        else:
            rest.update({d: ("holiday", n) for d, n in _lunar_holidays(year).items()})
            info = YearInfo(
                year,
                "provisional",
                Phrase("source.provisional", {"year": year}),
                "provisional",
                Phrase("origin.provisional"),
            )
        regional = self._files.regional.get(year)
        if self.name == "cn-nx":
            if regional is None:
                info = YearInfo(
                    **{
                        **info.__dict__,
                        "regional_source": None,
                        "regional_confidence": "unknown",
                        "regional_origin": Phrase("origin.no_regional"),
                    }
                )
            else:
                for d, n in regional.rest.items():
                    rest[d] = ("regional", n)
                    makeup.pop(d, None)  # a regional day off wins over a national make-up day
                for d, n in regional.workdays.items():
                    rest.pop(d, None)
                    makeup[d] = n
                info = YearInfo(
                    **{
                        **info.__dict__,
                        "regional_source": regional.source,
                        "regional_confidence": regional.confidence,
                        "regional_origin": regional.where,
                    }
                )
        regional_days = (
            frozenset(regional.rest) | frozenset(regional.workdays)
            if (self.name == "cn-nx" and regional is not None)
            else frozenset()
        )
        rest = {d: _shared(kind_name) for d, kind_name in rest.items()}
        return _Year(info, rest, makeup, regional_days, sources)

    def _extend(self, to_year: int) -> None:
        """Extend the index, a whole year at a time, through ``to_year``.

        A year is built by offsets, not day by day: weekends from the first day's weekday, then
        the year's few rest and make-up days written over them (a make-up day wins).
        """
        total = self._cum[-1] if self._cum else 0
        for year in range(self._built_to + 1, to_year + 1):
            data = self._year_data(year)
            self._years[year] = data
            first = dt.date(year, 1, 1).toordinal()
            size = dt.date(year, 12, 31).toordinal() - first + 1
            weekday = dt.date(year, 1, 1).weekday()
            kinds: list[DayKind] = [
                "weekend" if (weekday + i) % 7 >= 5 else "workday" for i in range(size)
            ]
            for day, (kind, _) in data.rest.items():
                kinds[day.toordinal() - first] = kind
            for day in data.makeup:
                kinds[day.toordinal() - first] = "makeup"
            work = bytes(k in ("workday", "makeup") for k in kinds)
            self._kind += kinds
            self._work += work
            self._cum += list(accumulate(work, initial=total))[1:]
            self._pos += [first + i for i, w in enumerate(work) if w]
            total = self._cum[-1]
        self._built_to = max(self._built_to, to_year)

    @property
    def stale(self) -> bool:
        """True once :func:`reset_cache` was called after this calendar was built."""
        return self._generation != _generation

    # -- range and provenance ------------------------------------------------------------------

    @property
    def first_day(self) -> dt.date:
        return dt.date(FIRST_YEAR, 1, 1)

    @property
    def last_day(self) -> dt.date:
        return dt.date(LAST_YEAR, 12, 31)

    def _index(self, d: dt.date) -> int:
        i = d.toordinal() - self._base
        if i < 0 or d.year > LAST_YEAR:
            raise OutOfRangeError(
                key="err.range.date", date=d.isoformat(), first=FIRST_YEAR, last=LAST_YEAR
            )
        if d.year > self._built_to:
            self._extend(d.year)
        return i

    def ensure_supported(self, d: dt.date) -> None:
        """Raise :class:`OutOfRangeError`, naming ``d``, if no layer can answer for it."""
        self._index(d)

    def year_info(self, year: int) -> YearInfo:
        self._index(dt.date(year, 1, 1))
        return self._years[year].info

    def years(self) -> list[YearInfo]:
        """Every year with data behind it, plus the provisional years up to two years ahead (not
        every year built so far: the list is the same however far the calendar was used)."""
        last = min(self._last_published + 2, LAST_YEAR)
        if self._built_to < last:
            self._extend(last)
        return [self._years[y].info for y in sorted(self._years) if y <= last]

    def provisional_years(self, start: dt.date, end: dt.date) -> tuple[int, ...]:
        """The years of [start, end] (either order) with no published notice yet."""
        lo, hi = (start.year, end.year) if start <= end else (end.year, start.year)
        if hi <= self._last_published:
            return ()
        return tuple(y for y in range(lo, hi + 1) if self.year_info(y).status == "provisional")

    def check(self, start: dt.date, end: dt.date) -> None:
        """In strict mode, refuse if any day in [start, end] lies in an unannounced year."""
        if not self.strict:
            return
        for year in range(min(start, end).year, max(start, end).year + 1):
            info = self.year_info(year)
            if info.status == "provisional":
                published = [y for y in self._years if self._years[y].info.status == "published"]
                raise ProvisionalRefusedError(
                    key="strict.provisional",
                    year=year,
                    calendar=self.name,
                    first=min(published),
                    last=max(published),
                )
            if self.name == "cn-nx" and info.regional_confidence == "unknown":
                raise ProvisionalRefusedError(key="strict.nx_unknown", year=year)

    # -- days ----------------------------------------------------------------------------------

    def day_info(self, d: dt.date) -> DayInfo:
        kind = self._kind[self._index(d)]
        data = self._years[d.year]
        name: str | None = None
        if kind == "makeup":
            name = data.makeup[d]
        elif kind in ("holiday", "regional"):
            name = data.rest[d][1]
        source = data.sources.get(d, data.info.source)
        if d in data.regional:
            source = data.info.regional_source or source
        return DayInfo(d, kind, name, source, data.info.status == "provisional")

    def kinds(self, start: dt.date, end: dt.date) -> list[DayKind]:
        """The kind of every day in [start, end], in order (no DayInfo built: explanations of long
        counts look at the few named days only)."""
        if end < start:
            return []
        i, j = self._index(start), self._index(end)
        return self._kind[i : j + 1]

    def days(self, start: dt.date, end: dt.date) -> Iterator[DayInfo]:
        """Every day in [start, end], in order."""
        day = start
        while day <= end:
            yield self.day_info(day)
            day += dt.timedelta(days=1)

    def is_workday(self, d: dt.date) -> bool:
        i = self._index(d)
        self.check(d, d)
        return bool(self._work[i])

    # -- arithmetic ----------------------------------------------------------------------------

    def add_workdays(self, d: dt.date, n: int) -> dt.date:
        """The n-th working day strictly after ``d`` (n >= 1), or strictly before it (n <= -1).

        行政许可法 第82条: periods in working days exclude weekends and holidays; a make-up working
        weekend (调休) counts. ``d`` itself is never counted, whatever kind of day it is.
        """
        # The hot path: two list look-ups. Anything unusual (out of the built index, n == 0,
        # strict mode) takes the careful path below.
        i = d.toordinal() - self._base
        if 0 <= i < len(self._work) and not self.strict:
            k = self._cum[i] + n - 1 if n > 0 else self._cum[i] - self._work[i] + n
            if n and 0 <= k < len(self._pos):
                return dt.date.fromordinal(self._pos[k])
        return self._add_workdays_checked(d, n)

    def _add_workdays_checked(self, d: dt.date, n: int) -> dt.date:
        if n == 0:
            raise ValueError("add_workdays: n must be non-zero")
        i = self._index(d)
        k = self._cum[i] + n - 1 if n > 0 else self._cum[i] - self._work[i] + n
        while n > 0 and k >= len(self._pos) and self._built_to < LAST_YEAR:
            self._extend(self._built_to + 1)
        if k < 0 or k >= len(self._pos):
            raise OutOfRangeError(
                key=f"err.range.{'after' if n > 0 else 'before'}",
                n=abs(n),
                date=d.isoformat(),
                first=FIRST_YEAR,
                last=LAST_YEAR,
            )
        result = dt.date.fromordinal(self._pos[k])
        # d itself is not counted, so its year's data is not consulted
        self.check(d + dt.timedelta(days=1 if n > 0 else -1), result)
        return result

    def count_workdays(self, start: dt.date, end: dt.date) -> int:
        """Working days in the half-open interval (start, end]; negative if end < start."""
        i, j = start.toordinal() - self._base, end.toordinal() - self._base
        size = len(self._cum)
        if self.strict or not (0 <= i < size and 0 <= j < size):
            i, j = self._index(start), self._index(end)
            self.check(start, end)
        return self._cum[j] - self._cum[i]

    def roll_forward(self, d: dt.date) -> dt.date:
        """``d`` if it is a working day, else the first working day after it (民法典 第203条)."""
        return d if self.is_workday(d) else self.add_workdays(d, 1)

    def roll_back(self, d: dt.date) -> dt.date:
        """``d`` if it is a working day, else the last working day before it (reminders)."""
        return d if self.is_workday(d) else self.add_workdays(d, -1)

    def low_confidence_years(self, *days: dt.date | None) -> tuple[int, ...]:
        """The years from the earliest to the latest of ``days`` whose Ningxia data is graded low.

        A date computed over such a year is answered and marked wherever it is shown (decisions.md);
        always empty on ``cn``.
        """
        known = [d for d in days if d is not None]
        if self.name != "cn-nx" or not known:
            return ()
        years = range(min(known).year, max(known).year + 1)
        return tuple(y for y in years if self.year_info(y).regional_confidence == "low")


@cache
def _cached(name: str, calendars_dir: Path | None, strict: bool) -> Calendar:
    return Calendar(name, calendars_dir, strict)


_by_name: dict[tuple[str, bool, str | None], Calendar] = {}
"""Calendars looked up by name alone, per (name, strict, $DEADLINES_CALENDARS): the second
look-up is one dict look-up, with no path resolved and no file touched."""


def reset_cache() -> None:
    """Forget the calendars built so far: the next :func:`calendar` reads the year files again
    (after ``calendar import-notice`` wrote one), and a holder of an older one sees it is stale."""
    global _generation
    _generation += 1
    _cached.cache_clear()
    _by_name.clear()


def calendar(
    name: str = "cn", *, strict: bool = False, calendars_dir: Path | str | None = None
) -> Calendar:
    """The calendar called ``name`` (``cn`` or ``cn-nx``), built once per process and folder.

    ``calendars_dir`` defaults to :func:`default_calendars_dir`.
    """
    key = (name, strict, os.environ.get(caldata.ENV_VAR))
    if calendars_dir is None:
        found = _by_name.get(key)
        if found is not None:
            return found
    if name not in CALENDARS:
        raise UnknownCalendarError(f"unknown calendar {name!r}; accepted: {', '.join(CALENDARS)}")
    if calendars_dir is not None:
        folder: Path | None = Path(calendars_dir)
    else:
        folder = default_calendars_dir()
        if folder is not None:
            caldata.check_folder(folder, f"${caldata.ENV_VAR}")
    cal = _cached(name, folder.resolve() if folder else None, strict)
    if calendars_dir is None:
        _by_name[key] = cal
    return cal


__all__ = [
    "CALENDARS",
    "FIRST_YEAR",
    "LAST_YEAR",
    "Calendar",
    "DayInfo",
    "YearInfo",
    "calendar",
    "fmt",
]
