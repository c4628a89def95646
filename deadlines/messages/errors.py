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
    # the supported range of the calendars (deadlines.calendars.layers, periods)
    "err.range.date": {
        "zh": "日期 {date} 超出支持范围 {first}-01-01 至 {last}-12-31(国务院公布的数据始于 {first} "
        "年；暂定年份止于农历表经过交叉核对的年份)",
        "en": "date {date} is outside the supported range {first}-01-01 to {last}-12-31 (published "
        "State Council data starts in {first}; provisional years end where the lunar tables are "
        "cross-checked)",
    },
    "err.range.after": {
        "zh": "{date} 之后 {n} 个工作日超出支持范围 {first}-01-01 至 {last}-12-31",
        "en": (
            "{n} working day after {date} falls outside the supported range {first}-01-01 to "
            "{last}-12-31",
            "{n} working days after {date} falls outside the supported range {first}-01-01 to "
            "{last}-12-31",
        ),
    },
    "err.range.before": {
        "zh": "{date} 之前 {n} 个工作日超出支持范围 {first}-01-01 至 {last}-12-31",
        "en": (
            "{n} working day before {date} falls outside the supported range {first}-01-01 to "
            "{last}-12-31",
            "{n} working days before {date} falls outside the supported range {first}-01-01 to "
            "{last}-12-31",
        ),
    },
    "err.range.reminder": {
        "zh": "提醒日 {date} 是休息日，而它之前的工作日早于支持范围的起点 {first}-01-01",
        "en": "the reminder date {date} is a rest day and the working day before it is earlier "
        "than {first}-01-01, where the supported range starts",
    },
    # folders named by the configuration or the environment
    "err.folder.calendar": {"zh": "日历文件夹", "en": "calendar folder"},
    "err.folder.calendars_not_dir": {
        "zh": "{what} {folder!r} 不是文件夹；请给出存放 cn/YYYY.toml 和/或 cn-nx/YYYY.toml 年度文件"
        "的文件夹(calendars/README.md)，或取消设置以使用随附的数据",
        "en": "{what} {folder!r} is not a folder; give a folder holding cn/YYYY.toml and/or "
        "cn-nx/YYYY.toml year files (calendars/README.md), or unset it to use the shipped data",
    },
    "err.folder.rules_missing": {
        "zh": "规则文件夹 {folder!r} 不存在；请给出存放 *.toml 规则文件的文件夹",
        "en": "rules directory {folder!r} does not exist; give a folder of *.toml files",
    },
    "err.folder.store_rules_missing": {
        "zh": "规则文件夹 {folder} 不存在；请给出存放 *.toml 规则文件的文件夹",
        "en": "rules folder {folder} does not exist; give a folder of *.toml files",
    },
    "err.folder.store_calendars_missing": {
        "zh": "日历文件夹 {folder} 不存在；请给出存放 cn/YYYY.toml 和/或 cn-nx/YYYY.toml 年度文件的"
        "文件夹(calendars/README.md)",
        "en": "calendar folder {folder} does not exist; give a folder holding cn/YYYY.toml and/or "
        "cn-nx/YYYY.toml year files (calendars/README.md)",
    },
    # rule files (deadlines.rules.files): a problem of rules check, one line each
    "err.rules.more": {"zh": "(另有 {n} 处问题)", "en": " (and {n} more)"},
    "err.rules.toml": {
        "zh": "{path}:{line}: TOML 格式无效：{msg}",
        "en": "{path}:{line}: invalid TOML: {msg}",
    },
    "err.rules.too_deep": {
        "zh": "{path}:1: TOML 格式无效：数组或表嵌套过深；规则文件只需几层",
        "en": "{path}:1: invalid TOML: arrays or tables nested too deeply; a rule file needs a few "
        "levels",
    },
    "err.rules.rule_id": {
        "zh": "{where}: 规则: id: 应为以点连接的词，如 '{example}'，收到的是 {got}",
        "en": "{where}: rule: id: expected words joined by dots, e.g. '{example}', got {got}",
    },
    "err.rules.event_id": {
        "zh": "{where}: 事件: id: 应为以点连接的词，如 '{example}'，收到的是 {got}",
        "en": "{where}: event: id: expected words joined by dots, e.g. '{example}', got {got}",
    },
    # a holiday year file (deadlines.calendars.yearfiles); the parser's own words stay English
    "err.year_file.toml": {
        "zh": "{path}：不是有效的 TOML 文件：{msg}",
        "en": "{path}: not a valid TOML file: {msg}",
    },
}
