"""The calendar layers, their data files, and the working-day index."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import chinese_calendar
import lunardate
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import deadlines
from deadlines.calendars import layers as calmod
from deadlines.calendars import library
from deadlines.calendars.explain import source_notes
from deadlines.calendars.layers import Calendar
from deadlines.cli import main
from deadlines.errors import CalendarDataError, OutOfRangeError, ProvisionalRefusedError, say

CN = deadlines.calendar("cn")
NX = deadlines.calendar("cn-nx")
ONE = dt.timedelta(days=1)


def _days(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]


# -- the national layer against the published data --------------------------------------------


# The library's known errors, by hand from the notices (cn-library.toml holds the same, sourced).
CORRECTED = {dt.date(2005, 12, 31): True}  # 国办发明电〔2005〕35号: "12月31日（星期六）上班"


def test_national_layer_equals_chinese_calendar_but_for_the_sourced_corrections() -> None:
    for day in _days(dt.date(2004, 1, 1), dt.date(2026, 12, 31)):
        expected = CORRECTED.get(day, chinese_calendar.is_workday(day))
        assert CN.is_workday(day) is expected, day


def test_one_day_from_2005_12_30_is_the_make_up_saturday() -> None:
    d = deadlines.due("1 day", start=dt.date(2005, 12, 30))
    assert d.date == dt.date(2005, 12, 31)
    assert "国办发明电〔2005〕35号" in say(CN.day_info(dt.date(2005, 12, 31)).source, "en")


@pytest.mark.parametrize(
    ("day", "document"),
    [
        ("2020-01-31", "国办发明电〔2020〕1号"),  # the 2020-01-26 extension of the Spring Festival
        ("2020-02-01", "国办发明电〔2020〕1号"),  # a Saturday first set as a working day
        ("2020-01-24", "国办发明电〔2019〕16号"),  # 除夕 2020, the year's own notice
        ("2007-12-31", "国办发明电〔2007〕52号"),  # 元旦 2008, begun in 2007
        ("2015-09-03", "国发明电〔2015〕1号"),
        ("2026-02-16", "国办发明电〔2025〕7号"),
    ],
)
def test_a_holiday_day_names_the_notice_that_decided_it(day: str, document: str) -> None:
    assert document in say(CN.day_info(dt.date.fromisoformat(day)).source, "en")


V = library.library_version()


@pytest.mark.parametrize(
    ("cal", "year", "zh", "en"),
    [
        (
            CN,
            2026,
            f"国办发明电〔2025〕7号(2025-11-04 发布)(数据取自 chinese-calendar {V})",
            f"国办发明电〔2025〕7号 of 2025-11-04 (via chinese-calendar {V})",
        ),
        (
            CN,
            2005,
            "国务院办公厅关于2005年部分节假日安排的通知(文号未找到)；国办发明电〔2005〕35号(用于 "
            f"2005-12 的元旦假日)(数据取自 chinese-calendar {V}，已更正：2005-12-31 依 "
            "国办发明电〔2005〕35号)",
            "国务院办公厅关于2005年部分节假日安排的通知 (document number not found); "
            f"国办发明电〔2005〕35号 for the New Year holiday days of 2005-12 (via chinese-calendar {V}, "
            "corrected: 2005-12-31 per 国办发明电〔2005〕35号)",
        ),
        (
            CN,
            2027,
            "暂定：周末 + 放假办法(2024)的固定节假日及其补假(第六条)，无调休(2027 年的国务院通知尚未发布)",
            "provisional: weekends, the fixed holidays of the national holiday regulations (2024) "
            "and their extra rest days (art. 6), no make-up working days (no State Council notice "
            "for 2027 yet)",
        ),
    ],
)
def test_a_years_source_is_said_in_either_language(
    cal: Calendar, year: int, zh: str, en: str
) -> None:
    source = cal.year_info(year).source
    assert (say(source, "zh"), say(source, "en")) == (zh, en)


def test_a_regional_files_document_is_said_in_either_language() -> None:
    """The file keeps the number, what relays it and how far it is checked; the words are the
    catalogue's (calendars/cn-nx/2026.toml, 2015.toml)."""
    low = NX.year_info(2026).regional_source
    assert low is not None
    assert say(low, "zh") == "宁政办发〔2025〕36号(未经核实，见于一份非官方的节假日表)"
    assert (
        say(low, "en") == "宁政办发〔2025〕36号 (unverified; cited by an unofficial holiday table)"
    )
    relayed = NX.year_info(2015).regional_source
    assert relayed is not None
    url = "http://m.zx.lc123.net/laws/2017-06-13/307175.html"
    assert say(relayed, "zh") == f"宁政办发〔2014〕233号(经盐池县 盐政办发〔2014〕119号转发)，{url}"
    assert say(relayed, "en") == f"宁政办发〔2014〕233号 (via 盐池县 盐政办发〔2014〕119号), {url}"


def test_each_library_year_names_its_notice() -> None:
    assert "国办发明电〔2020〕1号" in say(CN.year_info(2020).source, "en")
    assert "国办发明电〔2019〕16号" in say(CN.year_info(2020).source, "en")
    for year in range(2006, 2027):
        assert "号" in say(CN.year_info(year).source, "en"), year


@pytest.mark.parametrize(
    ("day", "workday", "name"),
    [
        ("2026-02-14", True, "春节"),  # make-up Saturday
        ("2026-02-28", True, "春节"),  # make-up Saturday
        ("2026-02-16", False, "春节"),
        ("2026-02-23", False, "春节"),
        ("2026-01-04", True, "元旦"),  # make-up Sunday
        ("2026-05-09", True, "劳动节"),
        ("2026-09-20", True, "国庆节"),
        ("2026-10-10", True, "国庆节"),
        ("2026-10-07", False, "国庆节"),
        ("2025-09-28", True, "国庆节"),
        ("2025-10-08", False, None),  # 国庆+中秋 block, 2025
        ("2025-10-11", True, "国庆节"),
    ],
)
def test_notice_days(day: str, workday: bool, name: str | None) -> None:
    info = CN.day_info(dt.date.fromisoformat(day))
    assert info.workday is workday
    if name:
        assert name in (info.name or "")


# -- the index against a day-by-day loop over the whole covered range ---------------------------


@pytest.mark.parametrize("cal", [CN, NX], ids=["cn", "cn-nx"])
def test_index_equals_day_by_day_loop(cal: Calendar) -> None:
    first = cal.first_day
    running = 0
    for day in _days(first + ONE, dt.date(2099, 12, 31)):
        running += cal.day_info(day).workday
        assert cal.count_workdays(first, day) == running, day


@pytest.mark.parametrize("cal", [CN, NX], ids=["cn", "cn-nx"])
def test_add_workdays_equals_stepping_day_by_day(cal: Calendar) -> None:
    for start in _days(dt.date(2025, 9, 1), dt.date(2027, 3, 1)):
        day, found = start, []
        while len(found) < 25:
            day += ONE
            if cal.day_info(day).workday:
                found.append(day)
        assert [cal.add_workdays(start, n) for n in (1, 5, 25)] == [found[0], found[4], found[24]]


workday_dates = st.dates(
    dt.date(2006, 1, 1), dt.date(2097, 1, 1)
)  # 500 working days from either end stay in range


@settings(max_examples=400, deadline=None)
@given(workday_dates, st.integers(1, 500))
def test_add_then_count_round_trips(start: dt.date, n: int) -> None:
    end = NX.add_workdays(start, n)
    assert end > start
    assert NX.is_workday(end)
    assert NX.count_workdays(start, end) == n
    back = NX.add_workdays(end, -n)
    assert back <= start
    assert NX.count_workdays(back, end) == n


@settings(max_examples=300, deadline=None)
@given(workday_dates)
def test_rolls_land_on_working_days_and_never_cross_one(day: dt.date) -> None:
    fwd, back = CN.roll_forward(day), CN.roll_back(day)
    assert CN.is_workday(fwd) and CN.is_workday(back)
    assert back <= day <= fwd
    assert CN.count_workdays(back, fwd) == (0 if CN.is_workday(day) else 1)


# -- provisional years ---------------------------------------------------------------------------


@pytest.mark.parametrize("year", range(2027, 2100))
def test_provisional_lunar_holidays_agree_with_independent_tables(year: int) -> None:
    """lunar-python's dates against lunardate's tables and chinese-calendar's solar terms."""
    spring = lunardate.LunarDate(year, 1, 1).to_solar_date()
    dragon = lunardate.LunarDate(year, 5, 5).to_solar_date()
    autumn = lunardate.LunarDate(year, 8, 15).to_solar_date()
    (qingming,) = [
        d
        for d, name in chinese_calendar.get_solar_terms(dt.date(year, 4, 1), dt.date(year, 4, 10))
        if name == "清明"
    ]
    expected = {
        dt.date(year, 1, 1): "元旦",
        spring - ONE: "春节",
        spring: "春节",
        spring + ONE: "春节",
        spring + 2 * ONE: "春节",
        qingming: "清明",
        dt.date(year, 5, 1): "劳动节",
        dt.date(year, 5, 2): "劳动节",
        dragon: "端午",
        autumn: "中秋",
        dt.date(year, 10, 1): "国庆节",
        dt.date(year, 10, 2): "国庆节",
        dt.date(year, 10, 3): "国庆节",
    }
    rest = {
        i.date: i.name
        for i in CN.days(dt.date(year, 1, 1), dt.date(year, 12, 31))
        if i.kind == "holiday"
    }
    bujia = {d for d, name in rest.items() if "补假" in (name or "")}
    assert set(rest) - bujia == set(expected)
    assert all(d.weekday() < 5 for d in bujia)  # a 补假 day is always a weekday
    for day, name in expected.items():
        assert name in (rest[day] or ""), day
    assert all(
        not i.workday or i.kind == "workday"
        for i in CN.days(dt.date(year, 1, 1), dt.date(year, 12, 31))
    )
    assert CN.year_info(year).status == "provisional"


# 补假 (放假办法 第六条) of provisional years, worked by hand from the lunar dates and weekdays:
# each statutory day on a Saturday or Sunday, or on another holiday, gives the first later weekday
# that is not already a rest day.
BUJIA = {
    # 2027: 初一 2/6 Sat, 初二 2/7 Sun (2/8 初三 is a holiday); 5/1 Sat, 5/2 Sun; 10/2 Sat, 10/3 Sun
    2027: ["2027-02-09", "2027-02-10", "2027-05-03", "2027-05-04", "2027-10-04", "2027-10-05"],
    # 2028: 元旦 Sat; 端午 5/28 Sun; 10/1 Sun (10/2-3 holidays), 中秋 on 国庆 10/3
    2028: ["2028-01-03", "2028-05-29", "2028-10-04", "2028-10-05"],
    # 2029: 端午 6/16 Sat; 中秋 9/22 Sat
    2029: ["2029-06-18", "2029-09-24"],
    # 2030: 除夕 2/2 Sat, 初一 2/3 Sun (初二 2/4, 初三 2/5 are holidays)
    2030: ["2030-02-06", "2030-02-07"],
    # 2031: 初三 1/25 Sat; 清明 4/5 Sat; 中秋 on 国庆 10/1 (10/2-3 holidays, 10/4-5 weekend)
    2031: ["2031-01-27", "2031-04-07", "2031-10-06"],
    # 2032: 清明 4/4 Sun; 5/1 Sat, 5/2 Sun; 端午 6/12 Sat; 中秋 9/19 Sun; 10/2 Sat, 10/3 Sun
    2032: [
        "2032-04-05",
        "2032-05-03",
        "2032-05-04",
        "2032-06-14",
        "2032-09-20",
        "2032-10-04",
        "2032-10-05",
    ],
}


@pytest.mark.parametrize("year", sorted(BUJIA))
def test_provisional_years_rest_on_bujia_days(year: int) -> None:
    days = CN.days(dt.date(year, 1, 1), dt.date(year, 12, 31))
    bujia = sorted(i.date.isoformat() for i in days if "补假" in (i.name or ""))
    assert bujia == BUJIA[year]
    for day in BUJIA[year]:
        info = CN.day_info(dt.date.fromisoformat(day))
        assert not info.workday and info.provisional
        assert "第六条" in (
            info.name or ""
        )  # why: the holiday-day it makes up for, and the article


def test_a_provisional_explanation_names_each_bujia_day() -> None:
    d = deadlines.due("1 working day", start=dt.date(2027, 2, 5))
    assert d.date == dt.date(2027, 2, 11)
    text = " ".join(d.explain("en"))
    assert "2027-02-09 (Tue)" in text and "2027-02-10 (Wed)" in text
    assert "Spring Festival day 1 2027-02-06" in text and "初一" not in text
    zh = " ".join(d.steps)  # Chinese by default
    assert "2027-02-09(星期二)" in zh and "2027-02-10(星期三)" in zh


def test_out_of_range_is_a_clear_error() -> None:
    with pytest.raises(
        OutOfRangeError, match=r"2003-12-31 is outside the supported range 2004-01-01 to 2099-12-31"
    ):
        CN.is_workday(dt.date(2003, 12, 31))
    with pytest.raises(OutOfRangeError, match="2100-01-01"):
        CN.is_workday(dt.date(2100, 1, 1))
    with pytest.raises(OutOfRangeError, match="outside the supported range"):
        CN.add_workdays(dt.date(2004, 1, 5), -10)


def test_strict_refuses_unannounced_years() -> None:
    strict = deadlines.calendar("cn", strict=True)
    assert strict.add_workdays(dt.date(2026, 12, 1), 5) == dt.date(2026, 12, 8)
    with pytest.raises(ProvisionalRefusedError, match="2027 has no published State Council"):
        strict.add_workdays(dt.date(2026, 12, 28), 5)
    with pytest.raises(
        ProvisionalRefusedError, match="Ningxia's regional holidays for 2018 are unknown"
    ):
        deadlines.calendar("cn-nx", strict=True).is_workday(dt.date(2018, 6, 15))


def test_unknown_calendar_names_the_accepted_ones() -> None:
    with pytest.raises(
        deadlines.UnknownCalendarError, match="unknown calendar 'cn-xj'; accepted: cn, cn-nx"
    ):
        deadlines.calendar("cn-xj")


# -- the Ningxia layer ----------------------------------------------------------------------------

# Every regional day off in docs/ningxia-holidays.md, written out by hand.
NINGXIA_REST = [
    "2015-07-20",
    "2015-07-21",
    "2015-07-22",
    "2015-09-23",
    "2015-09-24",
    "2015-09-25",
    "2016-07-06",
    "2016-07-07",
    "2016-07-08",
    "2016-09-12",
    "2016-09-13",
    "2016-09-14",
    "2017-06-26",
    "2017-06-27",
    "2017-06-28",
    "2017-08-30",
    "2017-08-31",
    "2017-09-01",
    "2019-06-05",
    "2019-06-06",
    "2019-08-12",
    "2019-08-13",
    "2020-05-25",
    "2020-05-26",
    "2020-07-30",
    "2020-07-31",
    "2021-05-13",
    "2021-05-14",
    "2021-07-19",
    "2021-07-20",
    "2022-07-11",
    "2022-07-12",
    "2023-06-29",
    "2023-06-30",
    "2024-04-10",
    "2024-04-11",
    "2024-06-17",
    "2024-06-18",
    "2025-03-31",
    "2025-04-01",
    "2025-06-06",
    "2026-05-27",
    "2026-05-28",
]
NINGXIA_MAKEUP = [
    "2015-07-25",
    "2015-09-20",
    "2016-07-03",
    "2016-09-10",
    "2017-07-01",
    "2017-08-27",
]


def test_ningxia_layer_has_every_known_regional_day() -> None:
    for s in NINGXIA_REST:
        day = dt.date.fromisoformat(s)
        assert not NX.is_workday(day), s
        assert CN.is_workday(day), s  # all of them are weekdays on the national calendar
    for s in NINGXIA_MAKEUP:
        day = dt.date.fromisoformat(s)
        assert NX.is_workday(day) and not CN.is_workday(day), s


def test_ningxia_differs_from_national_only_on_those_days() -> None:
    known = {dt.date.fromisoformat(s) for s in NINGXIA_REST + NINGXIA_MAKEUP}
    for day in _days(dt.date(2004, 1, 1), dt.date(2028, 12, 31)):
        if day not in known:
            assert NX.is_workday(day) is CN.is_workday(day), day


def test_ningxia_confidence_and_unknown_years() -> None:
    assert NX.year_info(2020).regional_confidence == "high"
    assert NX.year_info(2026).regional_confidence == "low"
    assert NX.year_info(2018).regional_confidence == "unknown"
    assert NX.year_info(2027).regional_confidence == "unknown"
    notes = " ".join(source_notes(NX, [2018, 2026, 2027], "en"))
    assert "2018 are unknown" in notes and "2026 regional days come from a low-confidence" in notes
    assert "2027 is provisional" in notes
    notes = " ".join(source_notes(NX, [2018, 2026, 2027], "zh"))
    assert "宁夏 2018 年的地方假日(开斋节/古尔邦节)未知" in notes
    assert (
        "宁夏 2026 年的地方假日来自低可信度来源(宁政办发〔2025〕36号(未经核实，见于一份非官方的节假日表))"
        in notes
    )
    assert "2027 年为暂定年份" in notes


# -- data files -----------------------------------------------------------------------------------

FICTIONAL_2027 = """
year = 2027
calendar = "cn"
document = "TEST FIXTURE — not a real notice"
confidence = "official"
rest = [{ date = 2027-01-04, name = "测试假日 test holiday" }]
workdays = [{ date = 2027-01-09, name = "测试调休 test make-up" }]
"""


def test_a_national_year_file_is_used(tmp_path: Path) -> None:
    (tmp_path / "cn").mkdir()
    (tmp_path / "cn" / "2027.toml").write_text(FICTIONAL_2027, encoding="utf-8")
    cal = deadlines.calendar("cn", calendars_dir=tmp_path)
    assert cal.year_info(2027).status == "published"
    assert not cal.is_workday(dt.date(2027, 1, 4))  # a Monday, rest per the file
    assert cal.is_workday(dt.date(2027, 1, 9))  # a Saturday, working per the file
    d = deadlines.due("1 day", start=dt.date(2027, 1, 3), calendar=cal)
    assert d.date == dt.date(2027, 1, 5)
    assert not d.provisional
    assert cal.data_version != CN.data_version


def test_a_newer_chinese_calendar_is_used_without_code_change(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    holidays = dict(library.cc_data.holidays)
    holidays[dt.date(2027, 2, 8)] = "Spring Festival"
    monkeypatch.setattr(library.cc_data, "holidays", holidays)
    cal = Calendar("cn", tmp_path)
    assert cal.year_info(2027).status == "published"
    assert not cal.is_workday(dt.date(2027, 2, 8))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("year = 2027\ncalendar = 'cn'\n", "key 'confidence': expected official, got None"),
        (
            FICTIONAL_2027.replace("year = 2027", "year = 2028"),
            "key 'year': expected the file's own year 2027, got 2028",
        ),
        (
            FICTIONAL_2027.replace("2027-01-04", "2026-01-04"),
            "key 'rest[0].date': expected a bare TOML date in 2027",
        ),
        (
            FICTIONAL_2027.replace("2027-01-09", "2027-01-08"),
            "key 'workdays': expected make-up working days on a Saturday or Sunday",
        ),
        (
            FICTIONAL_2027.replace("document", "documnet"),
            "key 'documnet': unknown key (did you mean 'document'?)",
        ),
        (
            FICTIONAL_2027.replace('calendar = "cn"', 'calendar = "cn-nx"'),
            "key 'calendar': expected 'cn', the folder the file is in",
        ),
        ("year = 2027 = x", "not a valid TOML file"),
        (
            FICTIONAL_2027 + 'document_status = "unverified"\n',
            "key 'document_status': expected unverified-unofficial, got 'unverified'",
        ),
        (
            FICTIONAL_2027 + 'document_via = ""\n',
            "key 'document_via': expected the relaying document",
        ),
    ],
)
def test_a_broken_year_file_names_its_path_and_key(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "cn").mkdir()
    path = tmp_path / "cn" / "2027.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CalendarDataError) as err:
        Calendar("cn", tmp_path)
    assert str(path) in str(err.value)
    assert message in str(err.value)


def test_shipped_files_hold_only_weekend_make_up_days_and_have_sources() -> None:
    files = calmod.caldata.load_all(None)
    assert sorted(files.regional) == [
        2015,
        2016,
        2017,
        2019,
        2020,
        2021,
        2022,
        2023,
        2024,
        2025,
        2026,
    ]
    assert not files.national  # no 2027 notice exists: nobody invents one
    for year_file in files.regional.values():
        assert year_file.source
        assert all(d.weekday() >= 5 for d in year_file.workdays)


def test_an_explanation_names_the_notices_behind_the_years_it_consulted() -> None:
    # 2020: 春节 01-24..02-02 after the extension (01-31, Sat 02-01 and 02-02 added); 5 working
    # days from Wed 01-22 are 01-23, 02-03, 02-04, 02-05, 02-06
    d = deadlines.due("5 working days", start=dt.date(2020, 1, 22))
    assert d.date == dt.date(2020, 2, 6)
    source = next(s for s in d.explain("en") if s.startswith("Holiday data for 2020:"))
    assert "国办发明电〔2019〕16号" in source and "国办发明电〔2020〕1号 of 2020-01-26" in source


def test_a_year_file_that_is_not_toml_is_refused_in_the_runs_language(tmp_path: Path) -> None:
    (tmp_path / "cn").mkdir()
    path = tmp_path / "cn" / "2027.toml"
    path.write_text("year = 2027 = x\n", encoding="utf-8")
    env = {"DEADLINES_CALENDARS": str(tmp_path)}
    for lang, said in (
        ("zh", f"错误：{path}：不是有效的 TOML 文件："),
        ("en", f"Error: {path}: not a valid TOML file: "),
    ):
        result = CliRunner().invoke(
            main, ["calendar", "day", "2027-01-04", "--lang", lang], env=env
        )
        assert result.exit_code == 1 and result.stderr.startswith(said), result.stderr
        assert result.stderr.count("\n") == 1
