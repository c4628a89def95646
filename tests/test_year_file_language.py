"""A broken holiday year file is refused in the run's language (issue 10): in Chinese, only the
file's keys, values, dates and path stay as they are."""

from __future__ import annotations

from pathlib import Path

import pytest

from deadlines.calendars.layers import Calendar
from deadlines.errors import CalendarDataError
from tests.test_calendars import FICTIONAL_2027
from tests.test_cli_language import english_words, known_ids


@pytest.mark.parametrize(
    ("text", "zh"),
    [
        ("year = 2027\ncalendar = 'cn'\n", "键 'confidence'：缺少，应为 official"),
        (
            FICTIONAL_2027.replace("year = 2027", "year = 2028"),
            "键 'year'：应为文件名所示的年份 2027，收到的是 2028",
        ),
        (
            FICTIONAL_2027.replace("2027-01-04", "2026-01-04"),
            "键 'rest[0].date'：应为 2027 年内不加引号的 TOML 日期，如 2027-10-01，"
            "收到的是 datetime.date(2026, 1, 4)",
        ),
        (
            FICTIONAL_2027.replace("2027-01-09", "2027-01-08"),
            "键 'workdays'：应为落在周六或周日的调休上班日，收到的是 '2027-01-08'",
        ),
        (
            FICTIONAL_2027.replace("document", "documnet"),
            "键 'documnet'：未知的键(是否想输入 'document'？)；可用：",
        ),
        (
            FICTIONAL_2027.replace('calendar = "cn"', 'calendar = "cn-nx"'),
            "键 'calendar'：应为 'cn'(文件所在的文件夹)，收到的是 'cn-nx'",
        ),
        (
            FICTIONAL_2027 + 'document_via = ""\n',
            "键 'document_via'：应为转发的文件，如 盐池县 盐政办发〔2014〕119号，收到的是 ''",
        ),
        (
            FICTIONAL_2027.replace("rest = [{", "rest = [{ day = 1, "),
            "键 'rest[0].day'：应为 date、name 之一，收到的是 'day'",
        ),
    ],
)
def test_a_broken_year_file_is_said_in_chinese(tmp_path: Path, text: str, zh: str) -> None:
    (tmp_path / "cn").mkdir()
    path = tmp_path / "cn" / "2027.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CalendarDataError) as err:
        Calendar("cn", tmp_path)
    said = err.value.in_lang("zh")
    assert said.startswith(f"{path}：{zh}"), said
    assert "\n" not in said
    # the keys of a year file are its own words, like ids; the date's repr is the file's value
    own = known_ids() | {"year", "calendar", "rest", "workdays", "date", "name", "TOML", "document"}
    own |= {
        "document_via",
        "urls",
        "confidence",
        "notes",
        "document_status",
        "published",
        "official",
    }
    own.add("datetime")  # a date of the wrong year is shown as Python writes it, in both languages
    assert list(english_words(said.removeprefix(str(path)), own)) == [], said
