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
}
