"""The national layer against two independent references, every day of 2004–2026.

python-holidays (``holidays.China``: holidays and make-up working days) and exchange_calendars
(``XSHG``, the Shanghai Stock Exchange's trading days) are test dependencies only, imported inside
the tests. Every day where a reference disagrees with ``cn`` is listed below by hand, each with the
notice that decides it: either ``cn`` corrects the library (``calendars/cn-library.toml``) and the
reference agrees with the correction, or the reference is wrong about the public calendar.
"""

from __future__ import annotations

import datetime as dt

import deadlines
from deadlines.errors import say

FIRST, LAST = dt.date(2004, 1, 1), dt.date(2026, 12, 31)
CN = deadlines.calendar("cn")

# Days where cn corrects chinese-calendar; python-holidays agrees with the correction.
CORRECTIONS = {
    dt.date(2005, 12, 31): ("workday", "国办发明电〔2005〕35号: 12月31日（星期六）上班"),
}

# Weekdays the exchange was closed that are working days of the public calendar: the exchange's
# own closures around the Spring Festival, not public holidays. The notice gives the holiday.
XSHG_CLOSED_ON_WORKING_DAYS = {
    dt.date(2004, 1, 19): "2004年部分节假日安排的通知: 春节 1月22日—28日",
    dt.date(2004, 1, 20): "2004年部分节假日安排的通知: 春节 1月22日—28日",
    dt.date(2004, 1, 21): "2004年部分节假日安排的通知: 春节 1月22日—28日",
    dt.date(2005, 2, 7): "2005年部分节假日安排的通知: 春节 2月9日—15日",
    dt.date(2005, 2, 8): "2005年部分节假日安排的通知: 春节 2月9日—15日",
    dt.date(2006, 1, 26): "国办发明电〔2005〕35号: 春节 1月29日—2月4日",
    dt.date(2006, 1, 27): "国办发明电〔2005〕35号: 春节 1月29日—2月4日",
    # 除夕 2024: the notice encourages employers to let staff rest, it gives no day off
    dt.date(2024, 2, 9): "国办发明电〔2023〕7号: 春节 2月10日至17日",
}


def _days() -> list[dt.date]:
    return [FIRST + dt.timedelta(days=i) for i in range((LAST - FIRST).days + 1)]


def test_every_day_agrees_with_python_holidays_but_for_the_listed_days() -> None:
    import holidays

    reference = holidays.China(years=range(FIRST.year, LAST.year + 1))
    disagreements = {d for d in _days() if reference.is_working_day(d) is not CN.is_workday(d)}
    assert disagreements == set()  # the one it had, 2005-12-31, is corrected in cn
    for day, (status, _notice) in CORRECTIONS.items():
        assert CN.is_workday(day) is (status == "workday")
        assert reference.is_working_day(day) is (status == "workday")


def test_every_weekday_agrees_with_the_shanghai_exchange_but_for_its_own_closures() -> None:
    import exchange_calendars

    xshg = exchange_calendars.get_calendar("XSHG", start=FIRST.isoformat(), end=LAST.isoformat())
    sessions = {ts.date() for ts in xshg.sessions}
    # The exchange never trades on a weekend, make-up working day or not: only weekdays compare.
    disagreements = {
        d for d in _days() if d.weekday() < 5 and (d in sessions) is not CN.is_workday(d)
    }
    assert disagreements == set(XSHG_CLOSED_ON_WORKING_DAYS)
    for day in XSHG_CLOSED_ON_WORKING_DAYS:
        assert CN.is_workday(day) and day not in sessions


def test_every_correction_is_needed_and_sourced() -> None:
    import chinese_calendar

    from deadlines.calendars.library import library_data

    fixes = library_data().corrections
    assert set(fixes) == set(CORRECTIONS)
    for day, fix in fixes.items():
        assert chinese_calendar.is_workday(day) is not fix.workday  # the library is wrong here
        assert fix.document in CORRECTIONS[day][1] and fix.quote in CORRECTIONS[day][1]
        assert fix.document in say(CN.day_info(day).source, "en")
