"""`deadlines export ics`: the stored deadlines as a calendar feed, read back with icalendar.

The five loans of tests/test_delivery.py: received Mon 2026-03-02 .. Fri 03-06, 20 working days,
due Mon 03-30 .. Fri 04-03 (hand-worked there). 2026 is a low-confidence Ningxia regional year.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from test_delivery import BANK, db, invoke, ok

__all__ = ["db"]  # the store fixture


def feed(store: Path, *args: str) -> Calendar:
    result = invoke(store, "export", "ics", *args)
    assert result.exit_code == 0, result.output
    return Calendar.from_ical(result.stdout_bytes)


def events(cal: Calendar) -> dict[str, object]:
    return {str(e["summary"]): e for e in cal.walk("VEVENT")}


def test_one_event_per_deadline_with_stable_uids_and_chinese_intact(db: Path) -> None:
    first, second = feed(db), feed(db)
    evs = list(first.walk("VEVENT"))
    assert sorted(e.decoded("dtstart") for e in evs) == [
        dt.date(2026, 3, 30),
        dt.date(2026, 3, 31),
        dt.date(2026, 4, 1),
        dt.date(2026, 4, 2),
        dt.date(2026, 4, 3),
    ]
    assert [str(e["uid"]) for e in evs] == [str(e["uid"]) for e in second.walk("VEVENT")]
    assert len({str(e["uid"]) for e in evs}) == 5
    d0 = next(e for e in evs if e.decoded("dtstart") == dt.date(2026, 3, 30))
    assert str(d0["summary"]) == (
        "1000万元及以下授信和贷款流程时限（案件 D0） [宁夏地方假日数据可信度低]"
    )
    assert d0.decoded("dtend") == dt.date(2026, 3, 31)
    assert "依据条款：二.八.48" in str(d0["description"])
    assert "石嘴山银行" in str(d0["description"])
    assert str(d0["status"]) == "CONFIRMED"


def test_alarms_on_the_first_due_soon_day_and_on_the_day(db: Path) -> None:
    (d1,) = [e for e in feed(db, "--case", "D1").walk("VEVENT")]
    # due Tue 03-31; three working days before: Mon 03-30, Fri 03-27, Thu 03-26; 09:00 in China
    triggers = sorted(a.decoded("trigger") for a in d1.walk("VALARM"))
    assert triggers == [
        dt.datetime(2026, 3, 26, 1, 0, tzinfo=dt.UTC),
        dt.datetime(2026, 3, 31, 1, 0, tzinfo=dt.UTC),
    ]


def test_a_met_deadline_is_cancelled_under_the_same_uid_for_30_days(db: Path) -> None:
    def bank(day: str) -> dict[str, Any]:
        return {str(e["uid"]): e for e in feed(db, "--unit", BANK, "--as-of", day).walk("VEVENT")}

    before = bank("2026-03-27")
    assert len(before) == 3  # D0, D2, D4
    ok(db, "event", "add", "D0", "loan.decided", "--on", "2026-03-20")
    after = bank("2026-03-27")
    assert set(after) == set(before)
    status = sorted(str(e["status"]) for e in after.values())
    assert status == ["CANCELLED", "CONFIRMED", "CONFIRMED"]
    (done,) = [e for e in after.values() if str(e["status"]) == "CANCELLED"]
    assert done.decoded("dtstart") == dt.date(2026, 3, 30) and not done.walk("VALARM")
    assert done.decoded("sequence") == 1
    # met on 03-20: still in the feed 29 days later (04-18), gone from it after 30 (04-19)
    assert len(bank("2026-04-18")) == 3
    assert set(bank("2026-04-19")) == set(before) - {str(done["uid"])}
    # a case's own feed keeps every deadline it has
    assert len(list(feed(db, "--case", "D0").walk("VEVENT"))) == 1


@pytest.mark.usefixtures("english")
def test_output_file_and_unknown_filters(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "feed.ics"
    ok(db, "export", "ics", "--case", "D3", "--output", str(out))
    (ev,) = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert ev.decoded("dtstart") == dt.date(2026, 4, 2)
    result = invoke(db, "export", "ics", "--unit", "无此单位")
    assert result.exit_code == 1
    assert "no duties of unit '无此单位' in the store; units with duties:" in result.output
    result = invoke(db, "export", "ics", "--case", "NOPE")
    assert result.exit_code == 1 and "unknown case 'NOPE'" in result.output
    result = invoke(db, "export", "ics", "--output", str(tmp_path / "none" / "feed.ics"))
    assert (
        result.exit_code == 1
        and "the folder" in result.output
        and "does not exist" in result.output
    )


def test_export_errors_in_chinese(db: Path, tmp_path: Path) -> None:
    result = invoke(db, "export", "ics", "--unit", "无此单位")
    assert result.exit_code == 1 and "存储中没有责任单位 '无此单位' 的义务" in result.output
    result = invoke(db, "export", "ics", "--output", str(tmp_path / "none" / "feed.ics"))
    assert result.exit_code == 1 and "文件夹" in result.output and "不存在" in result.output
    assert len(result.output.splitlines()) == 1


def test_a_moved_date_raises_the_sequence_and_a_superseded_duty_is_cancelled(db: Path) -> None:
    ok(db, "remind", "--as-of", "2026-03-27", "--new")  # D0, D1, D2 announced (due soon)
    before = {str(e["uid"]): e for e in feed(db).walk("VEVENT")}
    # D1's trigger was not an application after all: its 20-working-day duty goes away
    ok(db, "event", "add", "D1", "loan.decided", "--on", "2026-03-09", "--supersedes", "D1#1")
    # D3's application came on Fri 03-06, not 03-05: 20 working days -> Fri 04-03
    ok(
        db,
        "event",
        "add",
        "D3",
        "loan.application-received",
        "--on",
        "2026-03-06",
        "--supersedes",
        "D3#1",
    )
    after = {str(e["uid"]): e for e in feed(db).walk("VEVENT")}
    assert set(after) == set(before)
    by_day = {e.decoded("dtstart"): e for e in after.values()}
    gone = by_day[dt.date(2026, 3, 31)]  # D1, at the date it was announced
    assert str(gone["status"]) == "CANCELLED" and gone.decoded("sequence") == 1
    assert "（案件 D1）" in str(gone["summary"]) and "不再适用" in str(gone["description"])
    moved = [e for e in after.values() if "（案件 D3）" in str(e["summary"])]
    assert [(e.decoded("dtstart"), e.decoded("sequence")) for e in moved] == [
        (dt.date(2026, 4, 3), 1)
    ]
    assert str(moved[0]["status"]) == "CONFIRMED"
    # never announced, never moved: sequence 0
    assert by_day[dt.date(2026, 3, 30)].decoded("sequence") == 0


def test_a_provisional_date_is_marked_and_tentative(db: Path) -> None:
    # accepted Thu 2026-10-15, 3 months: 2027-01-15 (Fri), a plain working day of a year with no
    # State Council notice yet: provisional
    ok(db, "case", "add", "B1", "--kind", "bankruptcy", "--fact", "track=no-asset")
    ok(db, "event", "add", "B1", "bankruptcy.accepted", "--on", "2026-10-15")
    evs = [e for e in feed(db, "--case", "B1").walk("VEVENT") if "简易破产" in str(e["summary"])]
    (ev,) = evs
    assert ev.decoded("dtstart") == dt.date(2027, 1, 15)
    assert "[暂定日期]" in str(ev["summary"]) and str(ev["status"]) == "TENTATIVE"
    # the 超3年 / 超5年 flags are counted without a calendar: no data mark
    flags = [
        e for e in feed(db, "--case", "B1").walk("VEVENT") if "简易破产" not in str(e["summary"])
    ]
    assert flags and all("[" not in str(e["summary"]) for e in flags)


def test_an_undetermined_date_is_marked_and_tentative(db: Path) -> None:
    # accepted Thu 2026-10-15 with no facts: whether the 3-month simple-case limit applies is not
    # known, so the feed carries its earliest candidate, 2027-01-15, marked and tentative
    ok(db, "case", "add", "B2", "--kind", "bankruptcy")
    ok(db, "event", "add", "B2", "bankruptcy.accepted", "--on", "2026-10-15")
    evs = [e for e in feed(db, "--case", "B2").walk("VEVENT") if "期限待定" in str(e["summary"])]
    (ev,) = evs
    assert ev.decoded("dtstart") == dt.date(2027, 1, 15)
    assert str(ev["status"]) == "TENTATIVE"
