"""What is wrong in a holiday year file (deadlines.calendars.yearfiles), one line each.

Keys, values, dates and file paths stay as the file has them, in both languages."""

from __future__ import annotations

from deadlines.messages import Table

MESSAGES: Table = {
    "sep.or": {"zh": " 或 ", "en": " or "},
    "err.year_file.key": {
        "zh": "{path}：键 {name!r}：应为{expected}，收到的是 {got!r}",
        "en": "{path}: key {name!r}: expected {expected}, got {got!r}",
    },
    "err.year_file.missing": {
        "zh": "{path}：键 {name!r}：缺少，应为{expected}",
        "en": "{path}: key {name!r}: expected {expected}, got None",
    },
    "err.year_file.unknown_key": {
        "zh": "{path}：键 {name!r}：未知的键{dym}；可用：{accepted}",
        "en": "{path}: key {name!r}: unknown key{dym}; accepted: {accepted}",
    },
    # what a key expects ({expected} above)
    "year_file.expect.days": {
        "zh": "由 {example} 表组成的列表",
        "en": "a list of {example} tables",
    },
    "year_file.expect.day": {"zh": "形如 {example} 的表", "en": "a table like {example}"},
    "year_file.expect.one_of": {"zh": " {accepted} 之一", "en": "one of {accepted}"},
    "year_file.expect.date": {
        "zh": " {year} 年内不加引号的 TOML 日期，如 {year}-10-01",
        "en": "a bare TOML date in {year}, like {year}-10-01",
    },
    "year_file.expect.name": {"zh": "非空的节假日名称", "en": "a non-empty holiday name"},
    "year_file.expect.once": {"zh": "每个日期只出现一次", "en": "each date once"},
    "year_file.expect.year": {
        "zh": "文件名所示的年份 {year}",
        "en": "the file's own year {year}",
    },
    "year_file.expect.calendar": {
        "zh": " {layer!r}(文件所在的文件夹)",
        "en": "{layer!r}, the folder the file is in",
    },
    "year_file.expect.values": {"zh": " {values}", "en": "{values}"},
    "year_file.expect.document": {
        "zh": "通知的文号，如 {example}",
        "en": "the notice's document number, e.g. {example}",
    },
    "year_file.expect.urls": {"zh": "来源网址的列表", "en": "a list of source URLs"},
    "year_file.expect.source": {
        "zh": "文号，或在 'urls' 中至少给出一个网址",
        "en": "a document number or at least one URL in 'urls'",
    },
    "year_file.expect.text": {"zh": "文字", "en": "a string"},
    "year_file.expect.not_rest": {
        "zh": "不在 'rest' 中的日期",
        "en": "no date that is also in 'rest'",
    },
    "year_file.expect.weekend": {
        "zh": "落在周六或周日的调休上班日",
        "en": "make-up working days on a Saturday or Sunday",
    },
    "year_file.expect.rest": {
        "zh": "通知中的放假日期(全国的年份总会有)",
        "en": "the notice's holiday days (a national year has some)",
    },
    "year_file.expect.via": {
        "zh": "转发的文件，如 {example}",
        "en": "the relaying document, e.g. {example}",
    },
}
