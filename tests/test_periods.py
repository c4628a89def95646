"""Period text, the legal choices of docs/counting.md, and the explanation of each answer."""

from __future__ import annotations

import datetime as dt

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

import deadlines
from deadlines.calendars.periods import Period, add_months
from deadlines.errors import OutOfRangeError, PeriodError, ProvisionalRefusedError

D = dt.date


@pytest.mark.parametrize(
    ("text", "n", "unit"),
    [
        ("20 working days", 20, "workday"),
        ("20wd", 20, "workday"),
        ("1 working day", 1, "workday"),
        ("30 days", 30, "day"),
        ("30d", 30, "day"),
        ("3 months", 3, "month"),
        ("1 year", 1, "year"),
        ("20个工作日", 20, "workday"),
        ("30日", 30, "day"),
        ("30天", 30, "day"),
        ("3个月", 3, "month"),
        ("1年", 1, "year"),
        ("三个月", 3, "month"),
        ("二十个工作日", 20, "workday"),
        ("  7 Days ", 7, "day"),
    ],
)
def test_accepted_period_text(text: str, n: int, unit: str) -> None:
    assert Period.parse(text) == Period(n, unit)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("abc", "period 'abc' is not understood; accepted:"),
        ("0 days", "period '0 days' is empty"),
        ("-3 days", "the direction comes from --from (after a trigger) or --before"),
        ("3 fortnights", "period '3 fortnights' is not understood"),
        ("20 wd days", "period '20 wd days' is not understood"),
        ("", "is not understood"),
    ],
)
def test_rejected_period_text(text: str, message: str) -> None:
    with pytest.raises(PeriodError, match=message.replace("(", r"\(").replace(")", r"\)")):
        Period.parse(text)


def test_period_round_trips_through_its_text() -> None:
    for text in ("1 working day", "20 working days", "1 day", "3 months", "5 years"):
        assert str(Period.parse(text)) == text


def test_deducted_interval_counts_both_ends_then_rolls() -> None:
    # 3 months from 2026-06-15 = 2026-09-15; 7/1-7/10 deducted = 10 days -> 9/25 (中秋 Fri);
    # the 中秋 block 9/25-27 ends on Sunday -> Monday 9/28.
    d = deadlines.due(
        "3 months", start=D(2026, 6, 15), deductions=[(D(2026, 7, 1), D(2026, 7, 10))]
    )
    assert d.date == D(2026, 9, 28)
    assert d.raw_date == D(2026, 9, 25)
    assert any("10 days, both ends counted" in s for s in d.explain("en"))
    assert any("10 日，首尾两日均计入" in s for s in d.steps)  # Chinese by default


def test_extension_is_added_before_the_roll() -> None:
    # 3 months from 2026-07-01 = 10/01 (raw, not rolled); + 1 month extension = 11/01 (Sun) -> 11/02.
    d = deadlines.due("3 months", start=D(2026, 7, 1), extensions=["1 month"])
    assert d.date == D(2026, 11, 2)


def test_single_day_deduction() -> None:
    # 30 days from 2026-03-01 = 3/31 (Tue); one deducted day -> 4/1 (Wed).
    d = deadlines.due("30 days", start=D(2026, 3, 1), deductions=[(D(2026, 3, 5), D(2026, 3, 5))])
    assert d.date == D(2026, 4, 1)


def test_explanation_names_the_days_a_clerk_checks_by_hand() -> None:
    d = deadlines.due("20 working days", start=D(2026, 2, 10))
    text = "\n".join(d.explain("en"))
    assert "2026-02-15 (Sun) – 2026-02-23 (Mon), holiday: Spring Festival" in text
    assert "2026-02-14 (Sat), a make-up working day for Spring Festival" in text
    assert "2026-02-28 (Sat), a make-up working day for Spring Festival" in text
    assert "Working day 20 is 2026-03-16 (Mon)" in text
    assert "data version cn@" in text
    zh = "\n".join(d.explain("zh"))
    assert "2026-02-15(星期日) – 2026-02-23(星期一)，法定节假日：春节" in zh
    assert "2026-02-14(星期六)，春节调休上班日" in zh
    assert "第 20 个工作日为 2026-03-16(星期一)" in zh


def test_explanation_of_clamp_roll_and_provisional_year() -> None:
    clamp = "\n".join(deadlines.due("1 month", start=D(2025, 1, 31)).explain("en"))
    assert "2025-02 has no day 31" in clamp and "Civil Code art. 202" in clamp
    assert "民法典 第202条" in "\n".join(deadlines.due("1 month", start=D(2025, 1, 31)).steps)
    roll = "\n".join(deadlines.due("30 days", start=D(2026, 9, 1)).explain("en"))
    assert "2026-10-01 (Thu) – 2026-10-07 (Wed): holiday: National Day" in roll
    assert "2026-10-08 (Thu)" in roll and "Civil Code art. 203" in roll
    prov = deadlines.due("3 months", start=D(2026, 10, 15))
    assert prov.provisional and prov.provisional_years == (2027,)
    assert any("2027 is provisional" in s for s in prov.explain("en"))
    # decisions.md: the explanation names each 补假 day (2027: 初一/初二 on the weekend -> 2/9,
    # 2/10; 5/1-2 on the weekend -> 5/3, 5/4; 10/2-3 on the weekend -> 10/4, 10/5)
    assert any(
        "art. 6: 2027-02-09 (Tue), 2027-02-10 (Wed), 2027-05-03 (Mon), 2027-05-04 (Tue), "
        "2027-10-04 (Mon), 2027-10-05 (Tue))" in s
        for s in prov.explain("en")
    )
    assert any("2027 年为暂定年份" in s for s in prov.steps)


def test_reminder_explanation_says_it_moved_back() -> None:
    d = deadlines.due("60 days", before=D(2026, 10, 8))
    assert any(
        "moves back to the previous working day, 2026-08-07 (Fri)" in s for s in d.explain("en")
    )


def test_ningxia_answers_flag_low_confidence_regional_data() -> None:
    d = deadlines.due("3 days", start=D(2026, 5, 24), calendar="cn-nx")
    text = "\n".join(d.explain("en"))
    assert "Ningxia regional holiday: Eid al-Adha" in text
    assert "low-confidence source" in text


def test_strict_refuses_and_names_the_covered_range() -> None:
    with pytest.raises(ProvisionalRefusedError, match="covers 2004–2026"):
        deadlines.due("3 months", start=D(2026, 10, 15), strict=True)
    assert deadlines.due("3 months", start=D(2026, 6, 30), strict=True).date == D(2026, 9, 30)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"start": D(2026, 1, 1), "before": D(2026, 3, 1)}, "exactly one of start"),
        ({}, "exactly one of start"),
        ({"before": D(2026, 3, 1), "mode": "aging"}, "aging flag"),
        (
            {"start": D(2026, 1, 1), "deductions": [(D(2026, 2, 2), D(2026, 2, 1))]},
            "ends before it starts",
        ),
    ],
)
def test_bad_arguments(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(PeriodError, match=message):
        deadlines.due("30 days", **kwargs)  # type: ignore[arg-type]


# -- regressions found in review ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "kwargs"),
    [
        ("99999 months", {"start": D(2026, 1, 1)}),
        ("8000 years", {"start": D(2026, 1, 1)}),
        ("2026 years", {"before": D(2026, 6, 1)}),
    ],
)
def test_periods_past_the_calendar_are_range_errors(period: str, kwargs: dict[str, D]) -> None:
    with pytest.raises(deadlines.OutOfRangeError, match="outside the supported range"):
        deadlines.due(period, **kwargs)  # type: ignore[arg-type]


def test_a_number_of_thousands_of_digits_is_a_period_error() -> None:
    with pytest.raises(PeriodError, match="longer than any supported calendar"):
        Period.parse("1" * 5000 + " days")


def test_the_expiry_day_of_a_working_day_reminder_is_not_consulted() -> None:
    # 1 working day before 2027-01-01 is 2026-12-31 (Thu); only 2026 data is used.
    d = deadlines.due("1 wd", before=D(2027, 1, 1), strict=True)
    assert d.date == D(2026, 12, 31)
    assert not d.provisional


def test_reminder_that_would_fall_before_2004_says_why() -> None:
    # 1 day before 2004-01-02 is 2004-01-01, 元旦; the working day before it is in 2003.
    with pytest.raises(deadlines.OutOfRangeError, match="reminder date 2004-01-01 is a rest day"):
        deadlines.due("1 day", before=D(2004, 1, 2))


@pytest.mark.parametrize(
    ("text", "n"), [("一百二十日", 120), ("一百八十天", 180), ("一百零五日", 105), ("十五日", 15)]
)
def test_chinese_numerals_past_one_hundred(text: str, n: int) -> None:
    assert Period.parse(text).n == n


@given(
    st.dates(min_value=dt.date(2004, 1, 1), max_value=dt.date(2099, 12, 31)),
    st.integers(min_value=-1300, max_value=1300),
)
def test_add_months_clamps_as_relativedelta_does(d: dt.date, months: int) -> None:
    """add_months does without dateutil (its import is a tenth of a command's start): the same
    day as relativedelta, month ends clamped (2024-01-31 + 1 month = 2024-02-29)."""
    assert add_months(d, months) == d + relativedelta(months=months)


def test_add_months_clamps_to_the_month_end() -> None:
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2023, 1, 31), 1) == dt.date(2023, 2, 28)
    assert add_months(dt.date(2026, 3, 31), -1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 10, 15), 12) == dt.date(2027, 10, 15)
    with pytest.raises(OutOfRangeError):
        add_months(dt.date(2026, 1, 1), 12 * 8000)
