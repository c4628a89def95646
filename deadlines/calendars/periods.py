"""Legal periods and the due dates they give, per the Chinese rules on computing periods.

The choices are those of ``docs/counting.md``, each applied in exactly one place here:

- 工作日 (working days): the N-th working day strictly after the trigger (行政许可法 第82条); a
  make-up working weekend counts, a rest weekday does not; no roll is needed.
- 日/月/年 (days, months, years): the trigger day is not counted (民法典 第201条, 民诉法 第85条);
  months and years land on the trigger's day number, clamped to the month's last day, always
  computed from the original trigger (民法典 第202条; years are 12·n months); extensions (延长) are
  added, then deducted intervals (扣除) counted inclusive of both ends; then a last day that is a
  rest day moves to the first working day after the whole rest block (民法典 第203条).
- Reminders "N before" an expiry: expiry − N (the expiry day not counted); a rest day moves the
  reminder to the previous working day, so notice is never shorter than N.
- Aging flags (超N年): threshold = trigger + N years (clamped); the flag is on from the next day
  (超过 excludes the number, 民法典 第1259条); no roll: it is a status, not an act.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from deadlines.calendars import layers as _calendars
from deadlines.calendars.dates import ascii_digits as ascii_digits  # where callers read it
from deadlines.calendars.dates import weekday as weekday
from deadlines.calendars.dates import weekday_name as weekday_name
from deadlines.calendars.layers import FIRST_YEAR, LAST_YEAR, Calendar
from deadlines.errors import OutOfRangeError, PeriodError, Phrase, ProvisionalRefusedError
from deadlines.messages import DEFAULT_LANG, Lang

Unit = Literal["workday", "day", "month", "year"]
Direction = Literal["from", "before"]
Mode = Literal["deadline", "aging"]

_UNIT_WORDS: dict[Unit, tuple[str, ...]] = {
    "workday": (
        "working days",
        "working day",
        "workdays",
        "workday",
        "business days",
        "business day",
        "wd",
        "个工作日",
        "工作日",
    ),
    "day": ("calendar days", "calendar day", "days", "day", "d", "日", "天"),
    "month": ("months", "month", "mo", "个月", "月"),
    "year": ("years", "year", "yrs", "yr", "y", "年"),
}
_WORD_UNIT = {w: u for u, words in _UNIT_WORDS.items() for w in words}
_CN_DIGITS = {
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_PERIOD_RE = re.compile(r"^\s*([+-]?[0-9]+|[零一二两三四五六七八九十百]+)\s*(.*?)\s*$")


ACCEPTED = Phrase("err.period.accepted")


def _cn_number(text: str) -> int | None:
    """一 … 九百九十九 (十二, 二十, 一百二十, 一百零五): legal periods written in Chinese numerals."""
    total, rest = 0, text
    for unit, scale in (("百", 100), ("十", 10)):
        if unit in rest:
            head, _, rest = rest.partition(unit)
            if head == "" and scale == 10 and total == 0:
                digit: int | None = 1  # 十二 = 12
            else:
                digit = _CN_DIGITS.get(head)
            if digit is None or digit == 0:
                return None
            total += digit * scale
    rest = rest.removeprefix("零") if total else rest
    if rest:
        digit = _CN_DIGITS.get(rest)
        if digit is None or len(rest) != 1:
            return None
        total += digit
    return total or None


@dataclass(frozen=True)
class Period:
    """A legal period: a positive whole number of one unit. Its direction comes from the use."""

    n: int
    unit: Unit

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read ``20 working days``, ``20wd``, ``30 days``, ``3个月``, ``1年`` …"""
        if not isinstance(text, str):
            raise PeriodError(key="err.period.not_text", value=text, accepted=ACCEPTED)
        m = _PERIOD_RE.match(ascii_digits(text))
        unit = _WORD_UNIT.get(m.group(2).lower()) if m else None
        if m is None or unit is None:
            raise PeriodError(key="err.period.unknown", text=text, accepted=ACCEPTED)
        number = m.group(1)
        if len(number) > 7:
            raise PeriodError(key="err.period.too_long", text=f"{number[:12]}…", accepted=ACCEPTED)
        n = int(number) if number.lstrip("+-").isascii() else _cn_number(number)
        if n is None:
            raise PeriodError(
                key="err.period.not_number", text=text, number=number, accepted=ACCEPTED
            )
        if number.startswith("-"):
            raise PeriodError(key="err.period.negative", text=text)
        if n == 0:
            raise PeriodError(key="err.period.empty", text=text)
        if n > 100_000:
            raise PeriodError(key="err.period.too_long", text=text, accepted=ACCEPTED)
        return cls(n, unit)

    def __str__(self) -> str:
        word = {"workday": "working day", "day": "day", "month": "month", "year": "year"}[self.unit]
        return f"{self.n} {word}{'' if self.n == 1 else 's'}"

    @property
    def zh(self) -> str:
        return f"{self.n}{ {'workday': '个工作日', 'day': '日', 'month': '个月', 'year': '年'}[self.unit] }"

    @property
    def months(self) -> int:
        """The period in months (years are 12·n months); only for month and year periods."""
        return self.n * 12 if self.unit == "year" else self.n


def period_in(p: Period, lang: Lang) -> str:
    """``20个工作日`` / ``20 working days``."""
    return p.zh if lang == "zh" else str(p)


@dataclass(frozen=True)
class Deadline:
    """A computed date and the inputs it was computed from.

    The explanation is not stored: :meth:`explain` derives it from these inputs when it is read,
    in the language asked for (``deadlines.calendars.explain``). ``steps`` is the explanation in
    the default language.
    """

    date: dt.date
    period: Period
    direction: Direction
    trigger: dt.date
    """The trigger date (``from``) or the expiry date (``before``)."""
    mode: Mode
    provisional: bool
    provisional_years: tuple[int, ...]
    raw_date: dt.date
    """The end before any roll (for aging, the threshold date)."""
    deductions: tuple[tuple[dt.date, dt.date], ...]
    extensions: tuple[Period, ...]
    cal: Calendar = field(compare=False, repr=False)

    @property
    def calendar(self) -> str:
        return self.cal.name

    @property
    def calendar_version(self) -> str:
        return self.cal.data_version

    @property
    def low_confidence_years(self) -> tuple[int, ...]:
        """Years it was computed over whose Ningxia data is graded low: answered, and marked.
        From the trigger (or expiry) to the date, as for a stored obligation; aging consults none."""
        if self.mode == "aging":
            return ()
        return self.cal.low_confidence_years(self.trigger, self.date)

    def explain(self, lang: Lang = DEFAULT_LANG) -> tuple[str, ...]:
        """The steps that reach :attr:`date`, in ``lang``: a clerk can check it by hand."""
        from deadlines.calendars.explain import deadline_steps

        return deadline_steps(self, lang)

    @property
    def steps(self) -> tuple[str, ...]:
        return self.explain()

    def to_dict(self, lang: Lang = DEFAULT_LANG) -> dict[str, Any]:
        return {
            "due": self.date.isoformat(),
            "weekday": weekday_name(self.date, lang),
            "provisional": self.provisional,
            "provisional_years": list(self.provisional_years),
            "low_confidence": bool(self.low_confidence_years),
            "low_confidence_years": list(self.low_confidence_years),
            "period": period_in(self.period, lang),
            "direction": self.direction,
            self.direction: self.trigger.isoformat(),
            "mode": self.mode,
            "calendar": self.calendar,
            "calendar_version": self.calendar_version,
            "steps": list(self.explain(lang)),
        }


def add_months(d: dt.date, months: int) -> dt.date:
    """``d`` moved by whole months, on d's day number clamped to the month's end (民法典 第202条).

    2024-01-31 + 1 month = 2024-02-29, as dateutil's relativedelta clamps (a test checks the two
    agree); the standard library's month lengths do it without dateutil's ~9 ms import.
    """
    from calendar import monthrange

    year, month0 = divmod(d.year * 12 + d.month - 1 + months, 12)
    try:
        result = dt.date(year, month0 + 1, min(d.day, monthrange(year, month0 + 1)[1]))
    except (ValueError, OverflowError):
        raise OutOfRangeError(
            f"{abs(months)} months {'after' if months > 0 else 'before'} {d.isoformat()} is outside "
            f"the supported range {FIRST_YEAR}-01-01 to {LAST_YEAR}-12-31"
        ) from None
    return result


def _years(lo: dt.date, hi: dt.date) -> range:
    return range(min(lo, hi).year, max(lo, hi).year + 1)


_parsed: dict[str, Period] = {}


def parse_period(text: str) -> Period:
    """:meth:`Period.parse`, remembered per text (a few hundred distinct texts at most)."""
    p = _parsed.get(text) if isinstance(text, str) else None
    if p is None:
        p = Period.parse(text)
        if len(_parsed) < 1024:
            _parsed[text] = p
    return p


def extended_end(raw: dt.date, e: Period) -> dt.date:
    """``raw`` plus an extension (延长): whole months from ``raw``, or days."""
    return (
        add_months(raw, e.months) if e.unit in ("month", "year") else raw + dt.timedelta(days=e.n)
    )


def raw_end(p: Period, trigger: dt.date, direction: Direction) -> dt.date:
    """The period's last day before any roll, extension or deduction (day/month/year units)."""
    if p.unit == "day":
        return trigger + dt.timedelta(days=p.n if direction == "from" else -p.n)
    return add_months(trigger, p.months if direction == "from" else -p.months)


def due(
    period: Period | str,
    *,
    start: dt.date | None = None,
    before: dt.date | None = None,
    calendar: str | Calendar = "cn",
    strict: bool = False,
    mode: Mode = "deadline",
    deductions: Sequence[tuple[dt.date, dt.date]] = (),
    extensions: Sequence[Period | str] = (),
) -> Deadline:
    """The due date of ``period`` counted from ``start`` or back from ``before``.

    ``mode="aging"`` gives the day an 超N年 flag turns on. ``deductions`` are inclusive intervals
    not counted in a court time limit (扣除), ``extensions`` periods added to it (延长); both only
    for forward day/month/year periods. Raises a :class:`~deadlines.errors.DeadlineError` subclass
    on bad input; in ``strict`` mode also when the answer needs a year with no published notice.
    The date is computed here; its explanation only when it is read (:meth:`Deadline.explain`).
    """
    p = period if isinstance(period, Period) else parse_period(period)
    if (start is None) == (before is None):
        raise PeriodError(
            "give exactly one of start (count forward) or before (count back from an expiry)"
        )
    cal = (
        calendar if isinstance(calendar, Calendar) else _calendars.calendar(calendar, strict=strict)
    )
    exts = tuple(e if isinstance(e, Period) else parse_period(e) for e in extensions)
    direction: Direction
    if start is not None:
        direction, trigger = "from", start
    elif before is not None:
        direction, trigger = "before", before
    if mode == "aging" and (direction == "before" or p.unit not in ("month", "year")):
        raise PeriodError(
            f"an aging flag (超N年) counts months or years forward from a trigger, got {p} {direction}"
        )
    if (deductions or exts) and (direction == "before" or p.unit == "workday" or mode == "aging"):
        raise PeriodError(
            "deductions and extensions apply only to forward day, month or year time limits"
        )
    for e in exts:
        if e.unit == "workday":
            raise PeriodError(f"extension {e}: extensions are in days, months or years")
    for a, b in deductions:
        if b < a:
            raise PeriodError(
                f"deducted interval {a.isoformat()} – {b.isoformat()} ends before it starts"
            )
    cal.ensure_supported(trigger)

    examined: tuple[dt.date, dt.date] | None
    if p.unit == "workday":
        if direction == "from":
            end = raw = cal.add_workdays(trigger, p.n)
            examined = (trigger + dt.timedelta(days=1), end)
        else:
            end = raw = cal.add_workdays(trigger, -p.n)
            examined = (end, trigger - dt.timedelta(days=1))  # the expiry day is not consulted
    elif direction == "from":
        raw = raw_end(p, trigger, direction)
        for e in exts:
            raw = extended_end(raw, e)
        for a, b in deductions:
            raw += dt.timedelta(days=(b - a).days + 1)
        if mode == "aging":
            end, examined = raw + dt.timedelta(days=1), None  # no calendar day is consulted
        else:
            end = cal.roll_forward(raw)
            examined = (raw, end)
    else:
        raw = raw_end(p, trigger, direction)
        try:
            end = cal.roll_back(raw)
        except ProvisionalRefusedError:
            raise  # --strict: the year itself is the cause, not the range
        except OutOfRangeError:
            raise OutOfRangeError(
                key="err.range.reminder", date=raw.isoformat(), first=FIRST_YEAR
            ) from None
        examined = (end, raw)

    provisional_years: tuple[int, ...] = ()
    if examined:
        cal.check(*examined)
        provisional_years = cal.provisional_years(*examined)
    return Deadline(
        date=end,
        period=p,
        direction=direction,
        trigger=trigger,
        mode=mode,
        provisional=bool(provisional_years),
        provisional_years=provisional_years,
        raw_date=raw,
        deductions=tuple(deductions),
        extensions=exts,
        cal=cal,
    )
