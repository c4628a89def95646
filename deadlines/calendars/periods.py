"""Legal periods and the due dates they give, per the Chinese rules on computing periods.

The choices are those of ``decisions.md``, each applied in exactly one place here:

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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from dateutil.relativedelta import relativedelta

from deadlines.calendars import layers as _calendars
from deadlines.calendars.layers import FIRST_YEAR, LAST_YEAR, Calendar, DayInfo, fmt
from deadlines.errors import OutOfRangeError, PeriodError, ProvisionalRefusedError

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
# Full-width digits (０-９) are common in Chinese text and read as 0-9, in periods and in dates
# alike; other scripts' digits (٣, ३, 𝟓) are refused: no one writes a legal period with them.
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def ascii_digits(text: str) -> str:
    """``text`` with full-width digits made ASCII (the one digit policy of periods and dates)."""
    return text.translate(_FULLWIDTH)


ACCEPTED = (
    "accepted: a whole number of working days, days, months or years, e.g. '20 working days', "
    "'20wd', '30 days', '30d', '3 months', '1 year', '20个工作日', '30日', '30天', '3个月', '1年'"
)


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
            raise PeriodError(f"period: expected text, got {text!r}; {ACCEPTED}")
        m = _PERIOD_RE.match(ascii_digits(text))
        unit = _WORD_UNIT.get(m.group(2).lower()) if m else None
        if m is None or unit is None:
            raise PeriodError(f"period {text!r} is not understood; {ACCEPTED}")
        number = m.group(1)
        if len(number) > 7:
            raise PeriodError(
                f"period '{number[:12]}…' is longer than any supported calendar; {ACCEPTED}"
            )
        n = int(number) if number.lstrip("+-").isascii() else _cn_number(number)
        if n is None:
            raise PeriodError(f"period {text!r}: {number!r} is not a number; {ACCEPTED}")
        if number.startswith("-"):
            raise PeriodError(
                f"period {text!r} is negative; give a positive length: the direction comes from "
                f"--from (after a trigger) or --before (before an expiry)"
            )
        if n == 0:
            raise PeriodError(f"period {text!r} is empty; the length must be at least 1")
        if n > 100_000:
            raise PeriodError(f"period {text!r} is longer than any supported calendar; {ACCEPTED}")
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


@dataclass(frozen=True)
class Deadline:
    """A computed date and how it was reached, step by step."""

    date: dt.date
    period: Period
    direction: Direction
    trigger: dt.date
    """The trigger date (``from``) or the expiry date (``before``)."""
    mode: Mode
    calendar: str
    calendar_version: str
    provisional: bool
    provisional_years: tuple[int, ...]
    raw_date: dt.date
    """The end before any roll (for aging, the threshold date)."""
    steps: tuple[str, ...]
    low_confidence_years: tuple[int, ...] = ()
    """Years it was computed over whose Ningxia data is graded low: answered, and marked."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "due": self.date.isoformat(),
            "weekday": self.date.strftime("%A"),
            "provisional": self.provisional,
            "provisional_years": list(self.provisional_years),
            "low_confidence": bool(self.low_confidence_years),
            "low_confidence_years": list(self.low_confidence_years),
            "period": str(self.period),
            "direction": self.direction,
            self.direction: self.trigger.isoformat(),
            "mode": self.mode,
            "calendar": self.calendar,
            "calendar_version": self.calendar_version,
            "steps": list(self.steps),
        }


def add_months(d: dt.date, months: int) -> dt.date:
    """``d`` moved by whole months, on d's day number clamped to the month's end (民法典 第202条).

    dateutil's relativedelta clamps exactly this way: 2024-01-31 + 1 month = 2024-02-29.
    """
    try:
        result: dt.date = d + relativedelta(months=months)
    except (ValueError, OverflowError):
        raise OutOfRangeError(
            f"{abs(months)} months {'after' if months > 0 else 'before'} {d.isoformat()} is outside "
            f"the supported range {FIRST_YEAR}-01-01 to {LAST_YEAR}-12-31"
        ) from None
    return result


def _runs(days: Iterable[DayInfo]) -> list[tuple[DayInfo, DayInfo]]:
    """Consecutive days with the same reason, as (first, last) pairs."""
    runs: list[tuple[DayInfo, DayInfo]] = []
    for info in days:
        if runs and runs[-1][1].reason == info.reason and (info.date - runs[-1][1].date).days == 1:
            runs[-1] = (runs[-1][0], info)
        else:
            runs.append((info, info))
    return runs


def _span(first: DayInfo, last: DayInfo) -> str:
    return fmt(first.date) if first.date == last.date else f"{fmt(first.date)} – {fmt(last.date)}"


def _rest_block_text(cal: Calendar, start: dt.date, end: dt.date) -> str:
    """The rest days in [start, end] as 'span: reason; span: reason'."""
    return "; ".join(f"{_span(a, b)}: {a.reason}" for a, b in _runs(cal.days(start, end)))


def _explain_workdays(cal: Calendar, lo: dt.date, hi: dt.date, n: int) -> list[str]:
    """The days in (lo, hi] that were skipped or counted, for a working-day count."""
    steps: list[str] = []
    infos = list(cal.days(lo + dt.timedelta(days=1), hi))
    rest = [i for i in infos if not i.workday]
    named = [i for i in rest if i.kind != "weekend"]
    weekends = len(rest) - len(named)
    for a, b in _runs(named):
        steps.append(f"Not counted: {_span(a, b)}, {a.reason}.")
    if weekends:
        steps.append(f"Not counted: {weekends} plain weekend day{'s' * (weekends != 1)}.")
    makeup = [i for i in infos if i.kind == "makeup"]
    steps.append(
        f"{fmt(infos[0].date)} – {fmt(infos[-1].date)}: {len(infos)} calendar days, {len(rest)} not "
        f"counted, {len(infos) - len(rest)} working day{'s' * (len(infos) - len(rest) != 1)}."
    )
    for i in makeup:
        steps.append(f"Counted: {fmt(i.date)}, a {i.reason}: a working day like any other.")
    if n <= 60:
        counted = [i for i in infos if i.workday]
        listing = ", ".join(f"{i.date:%m-%d}{'*' if i.kind == 'makeup' else ''}" for i in counted)
        steps.append(
            f"Working days counted ({len(counted)}): {listing}"
            + (" (* make-up day)" if makeup else "")
            + "."
        )
    return steps


def _years(lo: dt.date, hi: dt.date) -> list[int]:
    return list(range(min(lo, hi).year, max(lo, hi).year + 1))


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
    """
    p = period if isinstance(period, Period) else Period.parse(period)
    if (start is None) == (before is None):
        raise PeriodError(
            "give exactly one of start (count forward) or before (count back from an expiry)"
        )
    cal = (
        calendar if isinstance(calendar, Calendar) else _calendars.calendar(calendar, strict=strict)
    )
    exts = [e if isinstance(e, Period) else Period.parse(e) for e in extensions]
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
    cal.ensure_supported(trigger)

    steps: list[str] = []
    if direction == "from":
        if p.unit == "workday":
            end = cal.add_workdays(trigger, p.n)
            raw = end
            steps.append(
                f"Trigger {fmt(trigger)}. {p} ({p.zh}) counted strictly after it "
                f"(行政许可法 第82条: 以工作日计算，不含法定节假日; a make-up working weekend counts)."
            )
            if not cal.day_info(trigger).workday:
                steps.append(
                    f"The trigger day is itself a rest day ({cal.day_info(trigger).reason}); counting starts with the next working day."
                )
            steps += _explain_workdays(cal, trigger, end, p.n)
            steps.append(
                f"Working day {p.n} is {fmt(end)}; a working-day count ends on a working day, so no roll."
            )
            examined: tuple[dt.date, dt.date] | None = (trigger + dt.timedelta(days=1), end)
        else:
            steps.append(
                f"Trigger {fmt(trigger)}. The trigger day is not counted; counting starts "
                f"{fmt(trigger + dt.timedelta(days=1))} (民法典 第201条; 民诉法 第85条)."
            )
            if p.unit == "day":
                raw = trigger + dt.timedelta(days=p.n)
                steps.append(
                    f"{p} ({p.zh}): day {p.n} is {fmt(raw)}; rest days inside a period are not deducted."
                )
            else:
                raw = add_months(trigger, p.months)
                what = f"{p} ({p.zh})" + (f" = {p.months} months" if p.unit == "year" else "")
                if raw.day != trigger.day:
                    steps.append(
                        f"{what}: {raw:%Y-%m} has no day {trigger.day}, so the period ends on the "
                        f"month's last day, {fmt(raw)} (民法典 第202条; counted from the original trigger)."
                    )
                else:
                    steps.append(f"{what}: the corresponding day is {fmt(raw)} (民法典 第202条).")
            for e in exts:
                new = (
                    add_months(raw, e.months)
                    if e.unit in ("month", "year")
                    else raw + dt.timedelta(days=e.n)
                )
                steps.append(f"Extended (延长) by {e}: {fmt(raw)} → {fmt(new)}.")
                raw = new
            for a, b in deductions:
                if b < a:
                    raise PeriodError(
                        f"deducted interval {a.isoformat()} – {b.isoformat()} ends before it starts"
                    )
                k = (b - a).days + 1
                new = raw + dt.timedelta(days=k)
                steps.append(
                    f"Deducted (扣除) {fmt(a)} – {fmt(b)}: {k} day{'s' * (k != 1)}, both ends counted; "
                    f"the end moves {fmt(raw)} → {fmt(new)}."
                )
                raw = new
            if mode == "aging":
                end = raw + dt.timedelta(days=1)
                steps.append(
                    f"超{p.zh}: the threshold is {fmt(raw)}; 超过 excludes the number (民法典 第1259条), "
                    f"so the flag is on from {fmt(end)}. No holiday roll: it is a status, not an act."
                )
                examined = None  # no calendar day is consulted
            else:
                end = cal.roll_forward(raw)
                info = cal.day_info(raw)
                if end == raw:
                    steps.append(
                        f"{fmt(raw)} is a {info.reason}: the period ends that day, no roll."
                    )
                else:
                    steps.append(
                        f"{fmt(raw)} is a rest day. Rest block: "
                        f"{_rest_block_text(cal, raw, end - dt.timedelta(days=1))}. The period ends on the "
                        f"first working day after it, {fmt(end)} (民法典 第203条; 民诉法 第85条)."
                    )
                examined = (raw, end)
    else:
        steps.append(
            f"Expiry {fmt(trigger)}; {p} ({p.zh}) before it, the expiry day itself not counted."
        )
        if p.unit == "workday":
            end = cal.add_workdays(trigger, -p.n)
            raw = end
            steps += _explain_workdays(
                cal, end - dt.timedelta(days=1), trigger - dt.timedelta(days=1), p.n
            )
            steps.append(f"Working day {p.n} before the expiry is {fmt(end)}.")
            examined = (end, trigger - dt.timedelta(days=1))  # the expiry day is not consulted
        else:
            raw = (
                trigger - dt.timedelta(days=p.n)
                if p.unit == "day"
                else add_months(trigger, -p.months)
            )
            clamp = p.unit != "day" and raw.day != trigger.day
            steps.append(
                f"{p} before {fmt(trigger)} is {fmt(raw)}"
                + (" (clamped to the month's last day, 民法典 第202条)" if clamp else "")
                + "."
            )
            try:
                end = cal.roll_back(raw)
            except ProvisionalRefusedError:
                raise  # --strict: the year itself is the cause, not the range
            except OutOfRangeError:
                raise OutOfRangeError(
                    f"the reminder date {raw.isoformat()} is a rest day and the working day before it "
                    f"is earlier than {FIRST_YEAR}-01-01, where the supported range starts"
                ) from None
            if end == raw:
                steps.append(f"{fmt(raw)} is a {cal.day_info(raw).reason}: no move needed.")
            else:
                steps.append(
                    f"{fmt(raw)} is a rest day. Rest days stepped back over: {_rest_block_text(cal, end + dt.timedelta(days=1), raw)}. "
                    f"A reminder moves back to the previous working day, {fmt(end)}, so that notice is never "
                    f"shorter than {p} (backward counting, decisions.md; do not roll a reminder forward)."
                )
            examined = (end, raw)

    years = _years(*examined) if examined else []
    if examined:
        cal.check(*examined)
    provisional_years = tuple(y for y in years if cal.year_info(y).status == "provisional")
    steps += [f"Note: {note}." for note in cal.describe_source(years)]
    # the notice behind each published year consulted (decisions.md: every answer explains itself)
    steps += [
        f"Holiday data for {y}: {cal.year_info(y).source}."
        for y in years
        if cal.year_info(y).status == "published"
    ]
    steps.append(f"Calendar {cal.name}, data version {cal.data_version}.")
    return Deadline(
        date=end,
        period=p,
        direction=direction,
        trigger=trigger,
        mode=mode,
        calendar=cal.name,
        calendar_version=cal.data_version,
        provisional=bool(provisional_years),
        provisional_years=provisional_years,
        raw_date=raw,
        steps=tuple(steps),
        # from the trigger (or expiry) to the date, as for a stored obligation; aging consults none
        low_confidence_years=cal.low_confidence_years(trigger, end) if examined else (),
    )
