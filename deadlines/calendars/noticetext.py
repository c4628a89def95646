"""Reading a holiday notice as published into a checked year file.

The State Council's annual notice (国务院办公厅关于YYYY年部分节假日安排的通知) and Ningxia's regional
notice list numbered items, one holiday each::

    二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。
    2月14日（周六）、2月28日（周六）上班。

with the variants real notices use over the years: 星期六 or 周六, full- or half-width punctuation,
"至" or a dash, "放假调休" or "放假", "与周末连休", a 补休 day ("4月7日（星期一）补休"), a 元旦 block
that crosses the new year ("2022年12月31日至2023年1月2日", or "12月30日至1月1日"), 中秋 and 国庆
in one item, the document number, and the date at the end. An older explanatory sentence
("其中……调至……") is read only for its 上班 clauses.

Everything read is checked: every statutory holiday present (national notices), each block's
"共N天" equal to its days, a weekday written beside a date equal to the date's weekday, make-up days
on a Saturday or Sunday, dates inside the year (but for a 元旦 block crossing it), no day both off
and worked. Anything that cannot be read one way only is refused with its line number and text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise

from deadlines.calendars.periods import ascii_digits, weekday_name
from deadlines.errors import CalendarDataError, Phrase, Texts

# Canonical holiday names, as the year files and chinese-calendar name them.
DISPLAY = {
    "元旦": "元旦 New Year's Day",
    "春节": "春节 Spring Festival",
    "清明": "清明 Tomb-sweeping Day",
    "劳动节": "劳动节 Labour Day",
    "端午": "端午 Dragon Boat Festival",
    "中秋": "中秋 Mid-autumn Festival",
    "国庆节": "国庆节 National Day",
    "开斋节": "开斋节 Eid al-Fitr",
    "古尔邦节": "古尔邦节 Eid al-Adha",
}
STATUTORY = ("元旦", "春节", "清明", "劳动节", "端午", "中秋", "国庆节")
REGIONAL = ("开斋节", "古尔邦节")
_ALIASES = {
    "元旦": "元旦",
    "春节": "春节",
    "清明": "清明",
    "清明节": "清明",
    "劳动节": "劳动节",
    "五一": "劳动节",
    "国际劳动节": "劳动节",
    "端午": "端午",
    "端午节": "端午",
    "中秋": "中秋",
    "中秋节": "中秋",
    "国庆": "国庆节",
    "国庆节": "国庆节",
    "十一": "国庆节",
    "开斋节": "开斋节",
    "肉孜节": "开斋节",
    "古尔邦节": "古尔邦节",
}
_HALF = str.maketrans(
    {
        "（": "(",
        "）": ")",
        "：": ":",
        "，": ",",
        "；": ";",
        "“": "",
        "”": "",
        '"': "",
        "—": "至",
        "－": "至",
        "–": "至",
        "～": "至",
        "~": "至",
        "［": "〔",
        "］": "〕",
        "　": " ",
    }
)
_ITEM = re.compile(
    r"^\s*[一二三四五六七八九十]+\s*[、.．]\s*(?P<names>[^:]{1,60}?)\s*:(?P<body>.*)$"
)
_DATE = re.compile(
    r"(?:(?P<y>\d{4})\s*年\s*)?(?:(?P<m>\d{1,2})\s*月\s*)?(?P<d>\d{1,2})\s*日"
    r"(?:\s*\((?P<note>[^)]*)\))?"
)
_WEEKDAY = re.compile(r"(?:星期|周)([一二三四五六日天])")
_WEEKDAYS = "一二三四五六日"
_DOCUMENT = re.compile(r"[\u4e00-\u9fff]{2,8}〔\s*(\d{4})\s*〕\s*\d+\s*号")
_TITLE_YEAR = re.compile(r"关于\s*(\d{4})\s*年")
_URL = re.compile(r"https?://[^\s\"'<>()（），,。]+")
_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "O": 0}
_CN_DATE = re.compile(
    r"([〇零○一二三四五六七八九]{4})年([十一二三四五六七八九]{1,3})月([十一二三四五六七八九]{1,3})日"
)
_RANGE = re.compile(r"\s*(?:至+|-)\s*")
_DAY = dt.timedelta(days=1)


class NoticeError(CalendarDataError):
    """A notice text that cannot be read one way only; the message names the line."""


@dataclass
class Item:
    """One numbered item of the notice: a holiday (or two in one block) and its days."""

    line: int
    text: str
    names: tuple[str, ...]
    rest: list[dt.date] = field(default_factory=list)
    workdays: list[dt.date] = field(default_factory=list)
    no_day_off: bool = False
    """The item says the festival needs no day off (it falls on a weekend: "正常休息")."""


@dataclass(frozen=True)
class ParsedNotice:
    year: int
    layer: str
    document: str | None
    published: dt.date | None
    urls: tuple[str, ...]
    items: tuple[Item, ...]

    def days(self) -> tuple[dict[dt.date, str], dict[dt.date, str]]:
        """(rest days, make-up working days) of all items, with holiday names, any year."""
        rest: dict[dt.date, str] = {}
        work: dict[dt.date, str] = {}
        for item in self.items:
            name = " / ".join(DISPLAY.get(n, n) for n in item.names)
            rest.update(dict.fromkeys(item.rest, name))
            work.update(dict.fromkeys(item.workdays, name))
        return rest, work


def _fail(line: int, text: str, key: str, **fields: object) -> NoticeError:
    """The line as published (at most 80 characters), then why it cannot be read one way only
    (``key``: a catalogue text of deadlines.messages.sources, with its fields)."""
    why = Phrase(f"notice.err.{key}", fields)
    return NoticeError(key="notice.err.line", line=line, text=text.strip()[:80], why=why)


def _weekday(day: dt.date) -> Texts:
    return Texts(weekday_name(day, "zh"), weekday_name(day, "en"))


def _cn_int(text: str) -> int:
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[ones] if ones else 0)
    return _CN_DIGIT[text]


def _published(line: str) -> dt.date | None:
    m = _CN_DATE.search(line)
    if m:
        year = int("".join(str(_CN_DIGIT[c]) for c in m.group(1)))
        return dt.date(year, _cn_int(m.group(2)), _cn_int(m.group(3)))
    m = re.fullmatch(r"\s*(\d{4})年(\d{1,2})月(\d{1,2})日\s*", line)
    return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def _clauses(sentence: str) -> list[str]:
    """``sentence`` split at commas and semicolons outside parentheses."""
    out, depth, cur = [], 0, ""
    for ch in sentence:
        depth += (ch == "(") - (ch == ")")
        if ch in ",;" and depth <= 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    return [*out, cur]


def _names(raw: str, line: int, text: str) -> tuple[str, ...]:
    names = []
    for part in re.split(r"[、和及与]", raw):
        part = part.strip()
        if part in _ALIASES:
            names.append(_ALIASES[part])
        elif part.endswith("纪念日"):
            names.append(part)  # a one-off day off by its own decision (2015's 抗战胜利70周年)
        else:
            accepted = ", ".join(sorted(set(_ALIASES)))
            raise _fail(
                line, text, "unknown_holiday", part=part, accepted=accepted, memorial="纪念日"
            )
    return tuple(names)


class _Dates:
    """Reads the dates of one item, carrying a missing year or month over from the previous date."""

    def __init__(self, year: int, item: Item) -> None:
        self.year, self.item = year, item
        self.last: dt.date | None = None

    def read(self, m: re.Match[str]) -> dt.date:
        item = self.item
        month = int(m["m"]) if m["m"] else (self.last.month if self.last else None)
        if month is None:
            raise _fail(item.line, item.text, "no_month", date=m[0])
        if m["y"]:
            year = int(m["y"])
        elif self.last is not None and not m["m"]:
            year = self.last.year
        elif month == 12 and "元旦" in item.names:
            year = self.year - 1  # a 元旦 block that begins in the old year
        else:
            year = self.year
        try:
            day = dt.date(year, month, int(m["d"]))
        except ValueError:
            raise _fail(item.line, item.text, "not_real", date=m[0]) from None
        weekday = _WEEKDAY.search(m["note"] or "")
        if weekday and _WEEKDAYS.index(weekday[1].replace("天", "日")) != day.weekday():
            raise _fail(
                item.line,
                item.text,
                "weekday",
                date=m[0],
                day=day.isoformat(),
                weekday=_weekday(day),
                said=weekday[0],
            )
        self.last = day
        return day


def _read_item(year: int, item: Item, body: str) -> None:
    dates = _Dates(year, item)
    for sentence in filter(str.strip, body.split("。")):
        # "其中……" explains a block, "鼓励……" encourages leave (除夕 2024): neither gives a day off
        explanatory = sentence.strip().startswith("其中") or "鼓励" in sentence
        total = re.search(r"共\s*(\d+)\s*天", sentence)
        block: list[dt.date] = []
        for clause in _clauses(sentence):
            found = list(_DATE.finditer(clause))
            if not found:
                continue
            if "上班" in clause:
                item.workdays += [dates.read(m) for m in found]
            elif ("放假" in clause or "补休" in clause) and not explanatory:
                days = [dates.read(m) for m in found]
                joins = [_RANGE.fullmatch(clause[a.end() : b.start()]) for a, b in pairwise(found)]
                if len(found) == 2 and joins[0]:
                    if days[1] < days[0]:
                        raise _fail(item.line, item.text, "backwards")
                    span = [days[0] + i * _DAY for i in range((days[1] - days[0]).days + 1)]
                    block += span
                    item.rest += span
                elif any(joins) or (len(found) > 2 and "至" in clause):
                    raise _fail(item.line, item.text, "ambiguous", clause=clause.strip())
                else:
                    item.rest += days
            elif "正常休息" in clause or "不另" in clause:
                for m in found:
                    dates.read(m)
                item.no_day_off = True
            elif not explanatory:
                raise _fail(
                    item.line,
                    item.text,
                    "no_verb",
                    clause=clause.strip(),
                    words=Texts("放假、补休或上班", "放假, 补休 or 上班"),
                )
        if total and block and int(total[1]) != len(block):
            raise _fail(
                item.line,
                item.text,
                "total",
                said=f"共{total[1]}天",
                first=block[0].isoformat(),
                last=block[-1].isoformat(),
                n=len(block),
            )


def parse(text: str, *, layer: str | None = None, year: int | None = None) -> ParsedNotice:
    """Read a notice's text; raise :class:`NoticeError` naming the first line that is ambiguous."""
    lines = ascii_digits(text.translate(_HALF)).splitlines()
    # Errors quote a line as published (full-width ：（）), not as normalised for reading; both
    # mappings are one character for one, so the lines pair up.
    published_lines = text.splitlines()
    documents = [m[0] for ln in lines for m in _DOCUMENT.finditer(ln)]
    titled = next((int(m[1]) for ln in lines[:5] if (m := _TITLE_YEAR.search(ln))), None)
    if year is not None and titled is not None and titled != year:
        raise NoticeError(key="notice.err.title_year", year=year, titled=titled)
    year = year or titled
    if year is None:
        raise NoticeError(key="notice.err.no_year", title="关于YYYY年…的通知")
    regional = bool(re.search(r"宁夏|宁政办", text))
    layer = layer or ("cn-nx" if regional else "cn")
    # A regional notice cites the national one (国办发明电…): its own number is the region's (宁…)
    own = [d for d in documents if d.startswith("宁") == (layer == "cn-nx")]
    document = own[0] if own else None
    items: list[Item] = []
    published = None
    for n, raw in enumerate(lines, 1):
        m = _ITEM.match(raw)
        if m and (_DATE.search(m["body"]) or re.search("放假|上班|休息", m["body"])):
            shown = published_lines[n - 1]
            item = Item(n, shown, _names(m["names"].strip(), n, shown))
            _read_item(year, item, m["body"])
            items.append(item)
            continue
        if (day := _published(raw)) is not None:
            published = day
        elif _DATE.search(raw) and re.search("放假|上班|补休", raw):
            raise _fail(n, published_lines[n - 1], "outside_item", example="一、元旦：…")
    if not items:
        raise NoticeError(key="notice.err.no_items", example="一、元旦：1月1日放假，共1天。")
    notice = ParsedNotice(
        year, layer, document, published, tuple(dict.fromkeys(_URL.findall(text))), tuple(items)
    )
    if not notice.document and (layer == "cn" or not notice.urls):
        if layer == "cn-nx" and documents and not regional:
            raise NoticeError(key="notice.err.national_as_regional", document=documents[0])
        raise NoticeError(
            key="notice.err.no_document",
            national="国办发明电〔YYYY〕N号",
            regional="宁政办发〔YYYY〕N号",
        )
    _check(notice)
    return notice


def _check(notice: ParsedNotice) -> None:
    seen: dict[dt.date, Item] = {}
    named = {n for item in notice.items for n in item.names}
    wanted = STATUTORY if notice.layer == "cn" else REGIONAL
    missing = [n for n in wanted if n not in named]
    if missing:
        raise NoticeError(
            key="notice.err.missing",
            missing=Texts("、".join(missing), ", ".join(missing)),
            layer=notice.layer,
            wanted=Texts("、".join(wanted), ", ".join(wanted)),
        )
    for item in notice.items:
        if notice.layer == "cn" and any(n in REGIONAL for n in item.names):
            raise _fail(item.line, item.text, "regional_in_national")
        for day in item.rest + item.workdays:
            crossing = "元旦" in item.names and day.year == notice.year - 1 and day.month == 12
            if day.year != notice.year and not crossing:
                raise _fail(
                    item.line, item.text, "outside_year", day=day.isoformat(), year=notice.year
                )
        for day in item.workdays:
            if day.weekday() < 5:
                raise _fail(
                    item.line,
                    item.text,
                    "weekday_workday",
                    day=day.isoformat(),
                    weekday=_weekday(day),
                    work="上班",
                )
        for day in item.rest:
            if day in seen and seen[day] is not item:
                raise _fail(
                    item.line, item.text, "twice", day=day.isoformat(), other=seen[day].line
                )
            seen[day] = item
    worked = {d: i for i in notice.items for d in i.workdays}
    for day, item in worked.items():
        if day in seen:
            raise _fail(item.line, item.text, "rest_and_work", day=day.isoformat())


def to_toml(
    notice: ParsedNotice, rest: dict[dt.date, str], work: dict[dt.date, str], source: str
) -> str:
    """The year file (``calendars/README.md``) for ``notice``, its days restricted to its year."""
    confidence = "official" if notice.layer == "cn" else ("high" if notice.document else "medium")
    lines = [
        f"# Written by `deadlines calendar import-notice` from {source}.",
        f"year = {notice.year}",
        f'calendar = "{notice.layer}"',
    ]
    if notice.document:
        lines.append(f'document = "{notice.document}"')
    if notice.urls:
        lines.append("urls = [" + ", ".join(f'"{u}"' for u in notice.urls) + "]")
    if notice.published:
        lines.append(f"published = {notice.published.isoformat()}")
    lines.append(f'confidence = "{confidence}"')
    lines.append(f'notes = "imported from the notice text ({source})"')
    for key, days in (("rest", rest), ("workdays", work)):
        lines.append(f"{key} = [")
        lines += [f'  {{ date = {d.isoformat()}, name = "{n}" }},' for d, n in sorted(days.items())]
        lines.append("]")
    return "\n".join(lines) + "\n"


def year_file_days(
    notice: ParsedNotice, national_workday: Callable[[dt.date], bool]
) -> tuple[dict[dt.date, str], dict[dt.date, str], dict[dt.date, str]]:
    """(rest, make-up working days) for the notice's year file, and the days outside its year.

    A national file holds every day of its notice in its year. A Ningxia file holds only what the
    region adds: the 开斋节/古尔邦节 items' days that are national working days (a festival merged
    into a national block, as in 2022, adds nothing) and their make-up days that the national
    layer does not already have (``national_workday`` answers for the national layer); its national
    items repeat the State Council notice and are not copied. The days of a 元旦 block that fall
    in the old year's December belong to that year's data and are returned apart, for review.
    """
    rest, work = notice.days()
    if notice.layer == "cn-nx":
        regional = [i for i in notice.items if any(n in REGIONAL for n in i.names)]
        rest = {
            d: n for i in regional for d, n in rest.items() if d in i.rest and national_workday(d)
        }
        work = {
            d: n
            for i in regional
            for d, n in work.items()
            if d in i.workdays and not national_workday(d)
        }
    outside = {d: n for d, n in {**rest, **work}.items() if d.year != notice.year}
    rest = {d: n for d, n in rest.items() if d.year == notice.year}
    work = {d: n for d, n in work.items() if d.year == notice.year}
    return rest, work, outside
