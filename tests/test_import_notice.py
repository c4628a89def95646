"""`deadlines calendar import-notice`: notice texts in their published forms become year files.

The notice texts for 2008–2026 are test fixtures written here in the published form, their dates
generated from the library's data (chinese-calendar) and their wording varied year by year as real
notices vary (星期/周, full- and half-width punctuation, 至/—/-, 放假调休/放假, 与周末连休, 补休, a 元旦
block crossing the new year with and without years, 中秋 and 国庆 in one item, the document number,
the date at the end in Arabic or Chinese numerals). Parsing each must give exactly the library's
days. The 2026 text and the refusals below are written by hand.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import lunardate
import pytest
from chinese_calendar import constants as library
from click.testing import CliRunner

from deadlines.calendars import noticetext
from deadlines.calendars.library import library_data
from deadlines.cli import main
from deadlines.errors import CalendarDataError
from tests.test_cli_language import english_words, known_ids

# written against the English texts (the Chinese default is tested in test_cli_language.py)
pytestmark = pytest.mark.usefixtures("english")


ITEM = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}
ORDER = list(ITEM)
NUMERALS = "一二三四五六七八九十"
CN_DIGITS = "〇一二三四五六七八九"


def _arrangement(year: int) -> tuple[dict[dt.date, str], dict[dt.date, str]]:
    """The library's days of ``year``'s notice: a 元旦 in December belongs to the next notice."""

    def mine(d: dt.date, name: str) -> bool:
        if d.month == 12 and name == "New Year's Day":
            return d.year == year - 1
        return d.year == year

    rest = {d: n for d, n in library.holidays.items() if mine(d, n)}
    work = {d: n for d, n in library.workdays.items() if mine(d, n)}
    autumn = lunardate.LunarDate(year, 8, 15).to_solar_date()
    if "Mid-autumn Festival" not in rest.values() and autumn in rest:
        rest[autumn] = "Mid-autumn Festival"  # 2020: 中秋 on 10-01, inside the 国庆 block
    return rest, work


def _runs(days: list[dt.date]) -> list[list[dt.date]]:
    runs: list[list[dt.date]] = []
    for d in sorted(days):
        if runs and (d - runs[-1][-1]).days == 1:
            runs[-1].append(d)
        else:
            runs.append([d])
    return runs


class Style:
    """How one year's notice is worded."""

    def __init__(self, year: int) -> None:
        i = year - 2008
        self.year = year
        self.week = "星期" if i % 2 else "周"
        self.full = i % 3 != 0
        self.sep = ("至", "—", "-")[i % 3]
        self.with_years = i % 2 == 0
        self.chinese_date = i % 4 == 1

    def day(self, d: dt.date, prev: dt.date | None = None, note: bool = True) -> str:
        wd = f"({self.week}{'一二三四五六日'[d.weekday()]})" if note else ""
        if (d.year != self.year and self.with_years) or (prev and prev.year != d.year):
            return f"{d.year}年{d.month}月{d.day}日{wd}"
        if prev is not None and prev.month == d.month and self.year % 3 == 0:
            return f"{d.day}日{wd}"
        return f"{d.month}月{d.day}日{wd}"

    def punct(self, text: str) -> str:
        if not self.full:
            return text
        return text.translate(str.maketrans({"(": "（", ")": "）", ":": "：", ",": "，"}))


def notice_text(year: int) -> str:
    """A notice for ``year`` in the published form, generated from the library's days."""
    style = Style(year)
    rest, work = _arrangement(year)
    groups: list[list[list[dt.date]]] = []  # runs of rest days, merged when adjacent
    for run in _runs(list(rest)):
        groups.append([run])
    # one item per set of names: runs of the same holiday that are not adjacent join one item
    items: dict[tuple[str, ...], list[list[dt.date]]] = {}
    for (run,) in groups:
        names = tuple(sorted({rest[d] for d in run}, key=ORDER.index))
        key = next((k for k in items if set(k) & set(names)), names)
        items.setdefault(key, []).append(run)
    meta = library_data().notices[year]
    lines = [f"国务院办公厅关于{year}年部分节假日安排的通知", meta.document or "", ""]
    lines.append("各省、自治区、直辖市人民政府，国务院各部委、各直属机构：")
    lines.append(f"    经国务院批准，现将{year}年放假调休日期的具体安排通知如下。")
    for n, (names, runs) in enumerate(sorted(items.items(), key=lambda kv: kv[1][0][0])):
        head = "、".join(ITEM[x] for x in names)
        first, *later = runs
        worked = sorted(d for d, x in work.items() if x in names)
        verb = "放假调休" if worked else "放假"
        if len(first) == 1:
            body = f"{style.day(first[0])}{'放假' if later or worked else '放假,与周末连休'}"
            if not later and not worked and year % 2:
                body = f"{style.day(first[0], note=False)}放假1天"
        else:
            body = (
                f"{style.day(first[0])}{style.sep}{style.day(first[-1], first[0])}{verb},"
                f"共{len(first)}天"
            )
        for run in later:
            body += "," + "、".join(style.day(d) for d in run) + "补休"
        sentence = f"    {NUMERALS[n]}、{head}:{body}。"
        if worked:
            sentence += "、".join(style.day(d) for d in worked) + "上班。"
        if n == 0 and year % 4 == 0:
            sentence += "其中,1月1日为法定节假日。"
        lines.append(style.punct(sentence))
    lines.append("    节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作。")
    lines.append("                                        国务院办公厅")
    if meta.published:
        p = meta.published
        if style.chinese_date:
            digits = "".join(CN_DIGITS[int(c)] for c in str(p.year))
            lines.append(
                f"                                        {digits}年{_cn(p.month)}月{_cn(p.day)}日"
            )
        else:
            lines.append(f"                                        {p.year}年{p.month}月{p.day}日")
    return "\n".join(lines) + "\n"


def _cn(n: int) -> str:
    tens, ones = divmod(n, 10)
    return (
        ("" if tens < 2 else CN_DIGITS[tens])
        + ("十" if tens else "")
        + (CN_DIGITS[ones] if ones else "")
    )


@pytest.mark.parametrize("year", range(2008, 2027))
def test_each_years_notice_text_gives_exactly_the_librarys_days(year: int) -> None:
    text = notice_text(year)
    notice = noticetext.parse(text)
    assert (notice.year, notice.layer) == (year, "cn")
    assert notice.document == library_data().notices[year].document
    assert notice.published == library_data().notices[year].published
    rest, work, outside = noticetext.year_file_days(notice, lambda d: True)
    expected_rest, expected_work = _arrangement(year)
    assert set(rest) == {d for d in expected_rest if d.year == year}, text
    assert set(work) == {d for d in expected_work if d.year == year}, text
    assert set(outside) == {d for d in [*expected_rest, *expected_work] if d.year != year}
    for d, name in rest.items():
        assert ITEM[expected_rest[d]][:2] in name or "纪念日" in name, (d, name)


def test_the_wording_really_varies() -> None:
    texts = [notice_text(y) for y in range(2008, 2027)]
    for fragment in (
        "星期",
        "周六",
        "（",
        "(",
        "—",
        "-",
        "与周末连休",
        "补休",
        "其中",
        "〇",
        "2007年12月",
    ):
        assert any(fragment in t for t in texts), fragment
    assert any("中秋节、国庆节" in t for t in texts)


# The 2026 notice (国办发明电〔2025〕7号, 2025-11-04) as published, written by hand.
NOTICE_2026 = """国务院办公厅关于2026年部分节假日安排的通知
国办发明电〔2025〕7号

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
　　经国务院批准，现将2026年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
　　一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
　　二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
　　三、清明节：4月4日（周六）至6日（周一）放假，共3天。
　　四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
　　五、端午节：6月19日（周五）至21日（周日）放假，共3天。
　　六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
　　七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
　　节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。
国务院办公厅
2025年11月4日
"""


def test_the_2026_notice_as_published() -> None:
    notice = noticetext.parse(NOTICE_2026)
    assert notice.document == "国办发明电〔2025〕7号" and notice.published == dt.date(2025, 11, 4)
    rest, work, outside = noticetext.year_file_days(notice, lambda d: True)
    assert not outside
    assert sorted(work) == [
        dt.date(2026, 1, 4),
        dt.date(2026, 2, 14),
        dt.date(2026, 2, 28),
        dt.date(2026, 5, 9),
        dt.date(2026, 9, 20),
        dt.date(2026, 10, 10),
    ]
    assert len(rest) == 3 + 9 + 3 + 5 + 3 + 3 + 7
    assert rest[dt.date(2026, 2, 23)] == "春节 Spring Festival"


def _replace(old: str, new: str) -> str:
    assert old in NOTICE_2026
    return NOTICE_2026.replace(old, new)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (_replace("2月14日（周六）", "2月14日（周日）"), "line 7: '二、春节"),
        # quoted as published, full-width punctuation and all, so a clerk can find it in the file
        (_replace("2月14日（周六）", "2月14日（周日）"), "'二、春节：2月15日（"),
        (_replace("2月14日（周六）", "2月14日（周日）"), "2026-02-14 is a Saturday, not 周日"),
        (_replace("共9天", "共8天"), "says 共8天 but 2026-02-15 to 2026-02-23 is 9 days"),
        (
            _replace("　　五、端午节：6月19日（周五）至21日（周日）放假，共3天。\n", ""),
            "no item for 端午",
        ),
        (
            _replace("5月9日（周六）上班", "5月8日（周五）上班"),
            "make-up working day 2026-05-08 is a Friday",
        ),
        (_replace("三、清明节", "三、踏青节"), "unknown holiday '踏青节'"),
        (
            _replace("放假，共3天。\n　　四", "，共3天。\n　　四"),
            "gives a date without 放假, 补休 or 上班",
        ),
        (_replace("5月1日（周五）至5日", "5月1日（周五）、2日至5日"), "cannot read"),
        (_replace("9月20日（周日）", "2027年9月19日（周日）"), "2027-09-19 is outside 2026"),
        (_replace("国务院办公厅关于2026年", "国务院办公厅关于年"), "give --year"),
        (_replace("1月4日（周日）上班", "1月2日（周五）上班"), "is a Friday"),
        (
            _replace("10月10日（周六）上班", "10月3日（周六）上班"),
            "2026-10-03 is both a day off and worked",
        ),
    ],
)
def test_anything_ambiguous_is_refused_naming_the_line(text: str, message: str) -> None:
    with pytest.raises(CalendarDataError) as err:
        noticetext.parse(text)
    assert message in str(err.value)


def test_the_year_crossing_block_and_the_document_of_2008() -> None:
    notice = noticetext.parse(notice_text(2008))
    assert notice.document == "国办发明电〔2007〕52号"
    _, _, outside = noticetext.year_file_days(notice, lambda d: True)
    # 元旦 2008: 2007-12-30 to 2008-01-01 off, Saturday 2007-12-29 worked
    assert sorted(outside) == [dt.date(2007, 12, 29), dt.date(2007, 12, 30), dt.date(2007, 12, 31)]


# -- the command ---------------------------------------------------------------------------------


def _cli(args: list[str], env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, args, env=env or {})
    return result.exit_code, result.output


def test_dry_run_prints_the_year_and_writes_nothing(tmp_path: Path) -> None:
    src = tmp_path / "notice.txt"
    src.write_text(NOTICE_2026, encoding="utf-8")
    code, out = _cli(
        ["calendar", "import-notice", str(src), "--dry-run"], {"DEADLINES_CALENDARS": str(tmp_path)}
    )
    assert code == 0, out
    assert "国办发明电〔2025〕7号 (cn, 2026): 33 rest days, 6 make-up working days" in out
    assert "2026-02  calendar cn" in out and "14w  15h" in out
    assert "Dry run: nothing written." in out
    assert not (tmp_path / "cn").exists()


def test_a_notice_saved_as_gbk_is_read(tmp_path: Path) -> None:
    src = tmp_path / "notice.txt"
    src.write_bytes(NOTICE_2026.encode("gb18030"))
    code, out = _cli(["calendar", "import-notice", str(src), "--output", str(tmp_path / "x.toml")])
    assert code == 0, out
    assert 'document = "国办发明电〔2025〕7号"' in (tmp_path / "x.toml").read_text(encoding="utf-8")


def test_without_a_configured_folder_or_output_it_says_what_to_do(tmp_path: Path) -> None:
    src = tmp_path / "notice.txt"
    src.write_text(NOTICE_2026, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["calendar", "import-notice", str(src)], env={"DEADLINES_CALENDARS": ""}
    )
    assert result.exit_code == 1
    assert "no calendar folder is configured" in result.output


def test_a_refused_notice_is_one_line_and_writes_nothing(tmp_path: Path) -> None:
    src = tmp_path / "notice.txt"
    src.write_text(_replace("共9天", "共8天"), encoding="utf-8")
    code, out = _cli(
        ["calendar", "import-notice", str(src)], {"DEADLINES_CALENDARS": str(tmp_path)}
    )
    assert code == 1 and out.startswith("Error: line 7:") and len(out.strip().splitlines()) == 1
    assert not (tmp_path / "cn").exists()


# A notice for 2027 does not exist yet: this one is a TEST FIXTURE with made-up arrangements (its
# "document number" is not a real one), used only to show the provisional-to-official step.
FIXTURE_2027 = """国务院办公厅关于2027年部分节假日安排的通知（测试用文本，并非真实通知）
测试用〔2026〕1号
一、元旦：1月1日（星期五）至3日（星期日）放假，共3天。
二、春节：2月5日（星期五）至11日（星期四）放假调休，共7天。1月30日（星期六）、2月20日（星期六）上班。
三、清明节：4月5日（星期一）放假，与周末连休。
四、劳动节：5月1日（星期六）至5日（星期三）放假调休，共5天。4月25日（星期日）上班。
五、端午节：6月9日（星期三）放假1天。
六、中秋节：9月15日（星期三）放假1天。
七、国庆节：10月1日（星期五）至7日（星期四）放假调休，共7天。9月26日（星期日）上班。
"""


def test_importing_a_notice_turns_provisional_dates_official_and_reports_the_moves(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "calendars"
    folder.mkdir()
    env = {"DEADLINES_CALENDARS": str(folder)}
    db = str(tmp_path / "t.db")
    for args in (
        ["init"],
        ["case", "add", "X2", "--kind", "licence"],
        # expiry Wed 2027-03-31: 60 days before is Sat 01-30, provisional -> back to Fri 01-29;
        # 30 days before is Mon 03-01
        ["event", "add", "X2", "licence.expires", "--on", "2027-03-31"],
    ):
        assert _cli([*args, "--db", db], env)[0] == 0
    nxt = json.loads(_cli(["next", "X2", "--json", "--as-of", "2027-01-04", "--db", db], env)[1])[0]
    assert (nxt["due"], nxt["provisional"]) == ("2027-01-29", True)
    src = tmp_path / "notice.txt"
    src.write_text(FIXTURE_2027, encoding="utf-8")
    code, out = _cli(["calendar", "import-notice", str(src), "--db", db], env)
    assert code == 0, out
    written = folder / "cn" / "2027.toml"
    assert f"Wrote {written}." in out
    # the fixture makes Sat 2027-01-30 a working day: the 60-day reminder stays on it
    assert "licence.remind-60" in out and "2027-01-29 -> 2027-01-30" in out
    assert "recomputed: 2 changes" in out  # 03-01 stays, no longer provisional
    nxt = json.loads(_cli(["next", "X2", "--json", "--as-of", "2027-01-04", "--db", db], env)[1])[0]
    assert (nxt["due"], nxt["provisional"]) == ("2027-01-30", False)
    code, out = _cli(["calendar", "years"], env)
    assert f"from: configured folder: {written}" in out


# -- Ningxia's regional notice: the national items repeated, then 开斋节 and 古尔邦节 ----------------


def ningxia_text(year: int, regional: str, merged: str | None = None) -> str:
    """Ningxia's notice for ``year``: the national items (generated as above), then ``regional``."""
    text = notice_text(year).replace("国务院办公厅关于", "宁夏回族自治区人民政府办公厅关于", 1)
    text += "来源：https://example.org/ningxia-notice (test fixture)\n"
    if merged:
        text = text.replace(f"、{merged}", f"、{merged}、开斋节", 1)
    end = text.index("    节假日期间")
    return text[:end] + regional + text[end:]


@pytest.mark.parametrize(
    ("year", "regional", "merged", "expected"),
    [
        # 2021 (high): 开斋节 05-13..14 (Thu-Fri), 古尔邦节 07-19..20 (Mon-Tue)
        (
            2021,
            "    八、开斋节：5月13日（星期四）至14日（星期五）放假，共2天。\n"
            "    九、古尔邦节：7月19日（星期一）至20日（星期二）放假，共2天。\n",
            None,
            ["2021-05-13", "2021-05-14", "2021-07-19", "2021-07-20"],
        ),
        # 2022: 开斋节 merged into the national 劳动节 block (no regional day), 古尔邦节 07-11..12
        (
            2022,
            "    八、古尔邦节:7月11日(周一)至12日(周二)放假,共2天。\n",
            "劳动节",
            ["2022-07-11", "2022-07-12"],
        ),
        # 2023: 开斋节 04-22 is a Saturday, 正常休息; 古尔邦节 06-29..30 (Thu-Fri)
        (
            2023,
            "    八、开斋节：4月22日（星期六）正常休息。\n"
            "    九、古尔邦节：6月29日（星期四）至30日（星期五）放假，共2天。\n",
            None,
            ["2023-06-29", "2023-06-30"],
        ),
    ],
)
def test_a_ningxia_notice_gives_only_the_regional_days(
    year: int, regional: str, merged: str | None, expected: list[str]
) -> None:
    from deadlines.calendars import layers

    notice = noticetext.parse(ningxia_text(year, regional, merged))
    assert notice.layer == "cn-nx"
    # the national number it repeats is not the regional notice's own
    assert notice.document is None and notice.urls == ("https://example.org/ningxia-notice",)
    national = layers.calendar("cn")
    rest, work, _ = noticetext.year_file_days(notice, national.is_workday)
    assert sorted(d.isoformat() for d in rest) == expected
    assert not work
    shipped = layers.calendar("cn-nx")
    assert all(shipped.day_info(d).kind == "regional" for d in rest)


def test_a_ningxia_notice_without_its_festivals_or_source_is_refused() -> None:
    with pytest.raises(CalendarDataError, match="no item for 开斋节, 古尔邦节"):
        noticetext.parse(ningxia_text(2021, ""))
    festivals = "    八、开斋节：5月13日至14日放假。\n    九、古尔邦节：7月19日至20日放假。\n"
    unsourced = ningxia_text(2021, festivals).replace(
        "来源：https://example.org/ningxia-notice", ""
    )
    with pytest.raises(CalendarDataError, match="document number was not found"):
        noticetext.parse(unsourced)
    numbered = unsourced.replace("国办发明电〔2020〕27号", "宁政办发〔2020〕99号 (test fixture)", 1)
    assert noticetext.parse(numbered).document == "宁政办发〔2020〕99号"


def test_year_from_the_option_when_the_title_has_none_and_a_contradiction_is_refused() -> None:
    untitled = NOTICE_2026.replace(
        "国务院办公厅关于2026年部分节假日安排的通知", "部分节假日安排的通知"
    )
    assert noticetext.parse(untitled, year=2026).year == 2026
    with pytest.raises(CalendarDataError, match="--year 2027 but the notice's title is for 2026"):
        noticetext.parse(NOTICE_2026, year=2027)


def test_a_ningxia_notice_through_the_command_writes_the_regional_file(tmp_path: Path) -> None:
    festivals = (
        "    八、开斋节：5月13日（星期四）至14日（星期五）放假，共2天。\n"
        "    九、古尔邦节：7月19日（星期一）至20日（星期二）放假，共2天。\n"
    )
    src = tmp_path / "nx.txt"
    src.write_text(ningxia_text(2021, festivals), encoding="utf-8")
    out_file = tmp_path / "2021.toml"
    code, out = _cli(
        ["calendar", "import-notice", str(src), "--calendar", "cn-nx", "--output", str(out_file)]
    )
    assert code == 0, out
    assert "2021-05  calendar cn-nx" in out and "13r  14r" in out
    written = out_file.read_text(encoding="utf-8")
    assert 'calendar = "cn-nx"' in written and 'confidence = "medium"' in written
    assert written.count("{ date = ") == 4  # 05-13, 05-14, 07-19, 07-20: the regional days only


def test_the_dry_run_speaks_chinese_by_default(tmp_path: Path) -> None:
    src = tmp_path / "notice.txt"
    src.write_text(NOTICE_2026, encoding="utf-8")
    args = ["calendar", "import-notice", str(src), "--dry-run", "--lang", "zh"]
    code, out = _cli(args, {"DEADLINES_CALENDARS": str(tmp_path)})
    assert code == 0, out
    assert "国办发明电〔2025〕7号(cn，2026 年)：休息日 33 天，调休上班日 6 天" in out
    assert out.rstrip().endswith("试运行：未写入任何内容。"), out
    assert list(english_words(out, known_ids())) == [], out


def test_a_store_made_before_the_folder_adopts_it_in_one_command(tmp_path: Path) -> None:
    """The README's flow: a store made with the shipped data, then next year's notice into a
    calendar folder with --db. The store adopts the folder (its dates move as above) instead of
    refusing after the file is written."""
    db = str(tmp_path / "t.db")
    for args in (
        ["init"],
        ["case", "add", "X2", "--kind", "licence"],
        ["event", "add", "X2", "licence.expires", "--on", "2027-03-31"],
    ):
        assert _cli([*args, "--db", db])[0] == 0
    folder = tmp_path / "calendars"
    folder.mkdir()
    src = tmp_path / "notice.txt"
    src.write_text(FIXTURE_2027, encoding="utf-8")
    env = {"DEADLINES_CALENDARS": str(folder)}
    code, out = _cli(["calendar", "import-notice", str(src), "--db", db, "--json"], env)
    assert code == 0, out
    record = json.loads(out)
    assert record["written"] == str(folder / "cn" / "2027.toml")
    assert ["2027-01-29", "2027-01-30"] in [[m["old"], m["new"]] for m in record["moves"]]
    assert (record["document"], record["layer"], record["year"]) == (
        "测试用〔2026〕1号",
        "cn",
        2027,
    )
    assert "2027-01-30" in record["work"] and "2027-02-05" in record["rest"]
    docs = (Path(__file__).parent.parent / "docs" / "output.md").read_text(encoding="utf-8")
    assert f"- `deadlines calendar import-notice`: {', '.join(record)} — " in docs
    # the store now computes with the folder, with or without the variable set
    nxt = json.loads(_cli(["next", "X2", "--json", "--as-of", "2027-01-04", "--db", db])[1])[0]
    assert (nxt["due"], nxt["provisional"]) == ("2027-01-30", False)


def test_a_store_that_cannot_adopt_is_refused_before_the_file_is_written(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    assert _cli(["init", "--db", db])[0] == 0
    folder = tmp_path / "calendars"
    folder.mkdir()
    src = tmp_path / "notice.txt"
    src.write_text(FIXTURE_2027, encoding="utf-8")
    env = {"DEADLINES_CALENDARS": str(folder), "DEADLINES_RULES": str(tmp_path)}
    code, out = _cli(["calendar", "import-notice", str(src), "--db", db], env)
    assert code == 1 and len(out.strip().splitlines()) == 1, out
    assert not (folder / "cn").exists()


def test_output_into_a_missing_folder_is_refused_and_creates_nothing(tmp_path: Path) -> None:
    src = tmp_path / "notice.txt"
    src.write_text(NOTICE_2026, encoding="utf-8")
    target = tmp_path / "nowhere" / "2026.toml"
    code, out = _cli(["calendar", "import-notice", str(src), "--output", str(target)])
    assert code == 1 and "does not exist" in out and len(out.strip().splitlines()) == 1
    assert not target.parent.exists()


@pytest.mark.parametrize(
    ("old", "new", "chinese"),
    [
        ("共9天", "共8天", "写明共8天，但 2026-02-15 至 2026-02-23 是 9 天"),
        ("2月14日（周六）", "2月13日（周五）", "调休上班日 2026-02-13 是星期五；上班的日子应是周末"),
        ("2月14日（周六）", "2月14日（周日）", "2026-02-14 是星期六，不是周日"),
    ],
)  # fmt: skip
def test_a_refused_notice_is_said_in_chinese(
    tmp_path: Path, old: str, new: str, chinese: str
) -> None:
    src = tmp_path / "notice.txt"
    src.write_text(_replace(old, new), encoding="utf-8")
    args = ["calendar", "import-notice", str(src), "--dry-run", "--lang", "zh"]
    code, out = _cli(args)
    assert code == 1 and out.startswith("错误：第 ") and len(out.strip().splitlines()) == 1, out
    assert chinese in out, out
