"""The explanation of a computed date, derived from its inputs when it is read.

:func:`deadline_steps` walks the same legal arithmetic as :func:`deadlines.calendars.periods.due`
(the article behind each choice is named in the step that applies it), listing each day skipped
and why, make-up working days counted, the clamp and the roll, and the calendar's data version.
Nothing here is stored: the same inputs give the same steps, in the language asked for
(``deadlines.messages.steps``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from functools import cache
from typing import TYPE_CHECKING

from deadlines.calendars.layers import Calendar, DayInfo
from deadlines.calendars.periods import Period, extended_end, raw_end
from deadlines.errors import say
from deadlines.messages import Lang, text

if TYPE_CHECKING:
    from deadlines.calendars.periods import Deadline

ONE = dt.timedelta(days=1)


@cache
def _date_form(lang: Lang) -> tuple[str, tuple[str, ...]]:
    return text("date", lang), tuple(text(f"weekday.{i}", lang) for i in range(7))


def fmt_date(d: dt.date, lang: Lang) -> str:
    """``2026-02-14 (Sat)`` / ``2026-02-14(星期六)``: every date in an explanation has its weekday."""
    form, weekdays = _date_form(lang)
    return form.format(date=d.isoformat(), weekday=weekdays[d.weekday()])


_ENGLISH_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*")  # "Year's", "Mid-Autumn"
# the name the provisional calendar gives a 补假 day (deadlines.calendars.layers)
_MAKE_UP = re.compile(
    r"补假 make-up rest day for (?P<holiday>.+?) (?P<date>\d{4}-\d{2}-\d{2}) \(\w+\), "
    r"which fell on (?P<on>.+?) \((?P<law>放假办法 第六条)\)"
)


_CJK = re.compile(r"[\u3400-\u9fff]")
# the provisional calendar's labels of the Spring Festival days (deadlines.calendars.layers)
_LABEL_EN = {"除夕": "Eve", "初一": "day 1", "初二": "day 2", "初三": "day 3"}


@cache
def holiday_name(name: str, lang: Lang) -> str:
    """A holiday's name in ``lang`` only: the data's ``春节 Spring Festival 初一`` is ``春节 初一`` in
    Chinese and ``Spring Festival day 1`` in English; a 补假 day's says which holiday-day it makes
    up for and why. A name the data gives in one language only is said as it is."""
    if m := _MAKE_UP.fullmatch(name):  # a 补假 day names the holiday-day it makes up for
        weekend = m["on"] == "a weekend"
        fields = {
            "holiday": holiday_name(m["holiday"], lang),
            "date": m["date"],
            "on": text("name.weekend", lang) if weekend else _one_name(m["on"], lang),
        }
        return text("name.make_up", lang, **fields)
    if lang == "zh":
        words = [w for w in name.split(" ") if not _ENGLISH_WORD.fullmatch(w)]
        return " ".join(words) or name
    return " / ".join(_english(part) for part in name.split(" / "))


def _english(name: str) -> str:
    """``Spring Festival day 1`` for ``春节 Spring Festival 初一``; a Chinese-only name as it is."""
    words = name.split(" ")
    if not any(_ENGLISH_WORD.fullmatch(w) for w in words):
        return _one_name(name, "en")
    return " ".join(_LABEL_EN.get(w, w) for w in words if w in _LABEL_EN or not _CJK.search(w))


def _one_name(zh: str, lang: Lang) -> str:
    """A holiday named in Chinese alone (``中秋``), in ``lang`` when it is a known holiday."""
    from deadlines.calendars.noticetext import DISPLAY

    return holiday_name(DISPLAY[zh], lang) if zh in DISPLAY and lang == "en" else zh


def reason(info: DayInfo, lang: Lang) -> str:
    """Why a day is (not) a working day: weekend, a named holiday, a regional day, a 调休 day."""
    if info.kind in ("workday", "weekend"):
        return text(f"reason.{info.kind}", lang)
    return text(f"reason.{info.kind}", lang, name=holiday_name(info.name or "", lang))


def period_words(p: Period, lang: Lang) -> str:
    if p.unit == "year":
        return text("period.years", lang, en=str(p), zh=p.zh, months=p.months)
    return text("period.words", lang, en=str(p), zh=p.zh)


def _runs(days: Iterable[DayInfo]) -> list[tuple[DayInfo, DayInfo]]:
    """Consecutive days with the same reason, as (first, last) pairs."""
    runs: list[tuple[DayInfo, DayInfo]] = []
    for info in days:
        last = runs[-1][1] if runs else None
        same = last is not None and (last.kind, last.name) == (info.kind, info.name)
        if last is not None and same and (info.date - last.date).days == 1:
            runs[-1] = (runs[-1][0], info)
        else:
            runs.append((info, info))
    return runs


def span(a: dt.date, b: dt.date, lang: Lang) -> str:
    if a == b:
        return fmt_date(a, lang)
    return text("span", lang, first=fmt_date(a, lang), last=fmt_date(b, lang))


def rest_block(cal: Calendar, start: dt.date, end: dt.date, lang: Lang) -> str:
    """The rest days in [start, end] as 'span: reason; span: reason'."""
    sep = "；" if lang == "zh" else "; "
    return sep.join(
        f"{span(a.date, b.date, lang)}{'：' if lang == 'zh' else ': '}{reason(a, lang)}"
        for a, b in _runs(cal.days(start, end))
    )


def _workday_steps(cal: Calendar, lo: dt.date, hi: dt.date, n: int, lang: Lang) -> list[str]:
    """The days in (lo, hi] that were skipped or counted, for a working-day count."""
    steps: list[str] = []
    first = lo + ONE
    kinds = cal.kinds(first, hi)
    rest = sum(1 for k in kinds if k not in ("workday", "makeup"))
    weekends = kinds.count("weekend")

    def infos(wanted: tuple[str, ...]) -> list[DayInfo]:
        return [
            cal.day_info(first + dt.timedelta(days=i)) for i, k in enumerate(kinds) if k in wanted
        ]

    for a, b in _runs(infos(("holiday", "regional"))):
        steps.append(
            text("wd.not_counted", lang, span=span(a.date, b.date, lang), reason=reason(a, lang))
        )
    if weekends:
        steps.append(text("wd.weekends", lang, n=weekends))
    makeup = infos(("makeup",))
    worked = len(kinds) - rest
    steps.append(
        text(
            "wd.summary",
            lang,
            span=span(first, hi, lang),
            calendar_days=text("count.calendar_days", lang, n=len(kinds)),
            rest=rest,
            working_days=text("count.working_days", lang, n=worked),
        )
    )
    for info in makeup:
        steps.append(
            text("wd.makeup", lang, date=fmt_date(info.date, lang), reason=reason(info, lang))
        )
    if n <= 60:
        counted = []
        for i, k in enumerate(kinds):
            if k in ("workday", "makeup"):
                d = first + dt.timedelta(days=i)
                counted.append(f"{d.month:02d}-{d.day:02d}{'*' if k == 'makeup' else ''}")
        star = text("wd.star", lang) if makeup else ""
        steps.append(text("wd.listing", lang, n=worked, listing=", ".join(counted), star=star))
    return steps


def _forward_steps(d: Deadline, cal: Calendar, lang: Lang) -> list[str]:
    p, trigger = d.period, d.trigger

    def f(day: dt.date) -> str:
        return fmt_date(day, lang)

    words = period_words(p, lang)
    if p.unit == "workday":
        steps = [text("wd.trigger", lang, trigger=f(trigger), period=words)]
        info = cal.day_info(trigger)
        if not info.workday:
            steps.append(text("wd.trigger_rest", lang, reason=reason(info, lang)))
        steps += _workday_steps(cal, trigger, d.date, p.n, lang)
        steps.append(text("wd.end", lang, n=p.n, date=f(d.date)))
        return steps
    steps = [text("day.trigger", lang, trigger=f(trigger), next=f(trigger + ONE))]
    raw = raw_end(p, trigger, "from")
    if p.unit == "day":
        steps.append(text("day.end", lang, period=words, n=p.n, raw=f(raw)))
    elif raw.day != trigger.day:
        month = f"{raw:%Y-%m}"
        steps.append(
            text("month.clamp", lang, period=words, month=month, day=trigger.day, raw=f(raw))
        )
    else:
        steps.append(text("month.end", lang, period=words, raw=f(raw)))
    for e in d.extensions:
        new = extended_end(raw, e)
        steps.append(text("extended", lang, period=period_words(e, lang), old=f(raw), new=f(new)))
        raw = new
    for a, b in d.deductions:
        k = (b - a).days + 1
        new = raw + dt.timedelta(days=k)
        days = text("count.days", lang, n=k)
        steps.append(
            text("deducted", lang, span=span(a, b, lang), days=days, old=f(raw), new=f(new))
        )
        raw = new
    if d.mode == "aging":
        words = p.zh if lang == "zh" else words
        steps.append(text("aging", lang, period=words, raw=f(raw), end=f(d.date)))
    elif d.date == raw:
        steps.append(text("roll.none", lang, raw=f(raw), reason=reason(cal.day_info(raw), lang)))
    else:
        block = rest_block(cal, raw, d.date - ONE, lang)
        steps.append(text("roll.forward", lang, raw=f(raw), block=block, end=f(d.date)))
    return steps


def _backward_steps(d: Deadline, cal: Calendar, lang: Lang) -> list[str]:
    p, expiry = d.period, d.trigger

    def f(day: dt.date) -> str:
        return fmt_date(day, lang)

    words = period_words(p, lang)
    steps = [text("before.head", lang, trigger=f(expiry), period=words)]
    if p.unit == "workday":
        steps += _workday_steps(cal, d.date - ONE, expiry - ONE, p.n, lang)
        steps.append(text("before.wd_end", lang, n=p.n, date=f(d.date)))
        return steps
    raw = d.raw_date
    clamped = p.unit != "day" and raw.day != expiry.day
    key = "before.raw_clamped" if clamped else "before.raw"
    steps.append(text(key, lang, period=words, trigger=f(expiry), raw=f(raw)))
    if d.date == raw:
        steps.append(text("before.stay", lang, raw=f(raw), reason=reason(cal.day_info(raw), lang)))
    else:
        block = rest_block(cal, d.date + ONE, raw, lang)
        steps.append(
            text("before.moved", lang, raw=f(raw), block=block, end=f(d.date), period=words)
        )
    return steps


def source_notes(cal: Calendar, years: Sequence[int], lang: Lang) -> list[str]:
    """One note per year a reader should know about: provisional, or weak regional data."""
    notes = []
    for year in years:
        info = cal.year_info(year)
        if info.status == "provisional":
            first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
            bujia = [i.date for i in cal.days(first, last) if "补假" in (i.name or "")]
            days = ", ".join(fmt_date(d, lang) for d in bujia) or "—"
            notes.append(text("note.provisional", lang, year=year, bujia=days))
        if cal.name == "cn-nx":
            if info.regional_confidence == "unknown":
                notes.append(text("note.nx_unknown", lang, year=year))
            elif info.regional_confidence == "low":
                source = say(info.regional_source or "", lang)
                notes.append(text("note.nx_low", lang, year=year, source=source))
    return notes


def calendar_step(cal: Calendar, lang: Lang) -> str:
    return text("calendar", lang, name=cal.name, version=cal.data_version)


def deadline_steps(d: Deadline, lang: Lang) -> tuple[str, ...]:
    """Every step from the trigger (or expiry) to ``d.date``, in ``lang``."""
    cal = d.cal
    steps = (_forward_steps if d.direction == "from" else _backward_steps)(d, cal, lang)
    if d.mode == "aging":
        years: Sequence[int] = ()
    elif d.period.unit == "workday" and d.direction == "from":
        years = range((d.trigger + ONE).year, d.date.year + 1)
    elif d.period.unit == "workday":
        years = range(d.date.year, (d.trigger - ONE).year + 1)
    elif d.direction == "from":
        years = range(d.raw_date.year, d.date.year + 1)
    else:
        years = range(d.date.year, d.raw_date.year + 1)
    steps += source_notes(cal, years, lang)
    # the notice behind each published year consulted (decisions.md: every answer explains itself)
    for year in years:
        info = cal.year_info(year)
        if info.status == "published":
            steps.append(text("note.source", lang, year=year, source=say(info.source, lang)))
    steps.append(calendar_step(cal, lang))
    return tuple(steps)
