"""The library's errors a user acts on most, in both languages (deadlines.errors.DeadlineError
made with ``key=``); the others still speak English (the issue note lists them)."""

from __future__ import annotations

from deadlines.messages import Table

MESSAGES: Table = {
    "err.did_you_mean": {"zh": "(是否想输入 {name!r}？)", "en": " (did you mean {name!r}?)"},
    "err.unknown_case": {
        "zh": "未知案件 {case!r}；请先用 `deadlines case add` 添加",
        "en": "unknown case {case!r}; add it with `deadlines case add`",
    },
    "err.case_exists": {
        "zh": "案件 {case!r} 已存在；用 `deadlines case show {case}` 查看，或换一个编号",
        "en": "case {case!r} already exists; see it with `deadlines case show {case}`, or use another id",
    },
    "err.no_store": {
        "zh": "{path} 处没有存储：请运行 `deadlines init`(或给出 --db / DEADLINES_DB)",
        "en": "no store at {path}: run `deadlines init` (or give --db / DEADLINES_DB)",
    },
    "err.unknown_rule": {
        "zh": "未知规则 {rule!r}{hint}；`deadlines rules list` 列出全部 {n} 条规则编号",
        "en": "unknown rule {rule!r}{hint}; `deadlines rules list` shows the {n} rule ids",
    },
    "err.unknown_case_kind": {
        "zh": "未知的案件类型 {kind!r}{hint}；可用：{accepted}",
        "en": "unknown case kind {kind!r}{hint}; accepted: {accepted}",
    },
    # a period's text (deadlines.calendars.periods.Period.parse)
    "err.period.accepted": {
        "zh": "可接受：整数个工作日、日、月或年，如 '20个工作日'、'30日'、'30天'、'3个月'、'1年'、"
        "'20wd'、'30d'",
        "en": "accepted: a whole number of working days, days, months or years, e.g. "
        "'20 working days', '20wd', '30 days', '30d', '3 months', '1 year' (or the same in "
        "Chinese)",
    },
    "err.period.not_text": {
        "zh": "期限应为文字，收到的是 {value!r}；{accepted}",
        "en": "period: expected text, got {value!r}; {accepted}",
    },
    "err.period.unknown": {
        "zh": "无法理解期限 {text!r}；{accepted}",
        "en": "period {text!r} is not understood; {accepted}",
    },
    "err.period.not_number": {
        "zh": "期限 {text!r} 中的 {number!r} 不是数字；{accepted}",
        "en": "period {text!r}: {number!r} is not a number; {accepted}",
    },
    "err.period.too_long": {
        "zh": "期限 {text!r} 超出任何日历所能计算的范围；{accepted}",
        "en": "period {text!r} is longer than any supported calendar; {accepted}",
    },
    "err.period.negative": {
        "zh": "期限 {text!r} 为负数；请给出正的长度：方向由 --from(起算日之后)或 --before"
        "(届满日之前)决定",
        "en": "period {text!r} is negative; give a positive length: the direction comes from "
        "--from (after a trigger) or --before (before an expiry)",
    },
    "err.period.empty": {
        "zh": "期限 {text!r} 长度为零；长度至少为 1",
        "en": "period {text!r} is empty; the length must be at least 1",
    },
}
