"""Refusals a clerk meets when recording (case add, case fact, event add, import, the web's
event form): the store's checks (deadlines.store.checks) in both languages. The English texts
are the ones these errors always said; scripts and tests match them."""

from __future__ import annotations

from deadlines.messages import Table

_ACCEPTED_EN = "printable text without control characters, tabs, line breaks or escape codes"
_ACCEPTED_ZH = "不含控制字符、制表符、换行符或转义码的可打印文字"

MESSAGES: Table = {
    # --- what a text is (the subject of a text-policy refusal) ------------------------------
    "rec.what.case_id": {"zh": "案件编号", "en": "case id"},
    "rec.what.unit": {"zh": "责任单位", "en": "unit"},
    "rec.what.note": {"zh": "备注", "en": "note"},
    "rec.what.user_name": {"zh": "用户名", "en": "user name"},
    "rec.what.fact_name": {"zh": "事实名", "en": "fact name"},
    "rec.what.fact": {"zh": "事实 {name}", "en": "fact {name}"},
    "rec.what.data_key": {"zh": "数据项名", "en": "data key"},
    "rec.what.data": {"zh": "数据项 {name}", "en": "data {name}"},
    "rec.what.event_id": {"zh": "事件编号", "en": "event id"},
    "rec.what.superseded_id": {"zh": "被更正的事件编号", "en": "event id to supersede"},
    # --- the store's text policy ------------------------------------------------------------
    "rec.shown_long": {
        "zh": "{head}…(共 {count} 个字符)",
        "en": "{head}… ({count} characters)",
    },
    "rec.text.not_text": {
        "zh": f"{{what}} {{value}} 不是文字；可接受：{_ACCEPTED_ZH}",
        "en": f"{{what}} {{value}} is not text; accepted: {_ACCEPTED_EN}",
    },
    "rec.text.empty": {
        "zh": f"{{what}}为空；可接受：{_ACCEPTED_ZH}，1 至 {{limit}} 个字符",
        "en": f"{{what}} is empty; accepted: {_ACCEPTED_EN}, 1 to {{limit}} characters",
    },
    "rec.text.too_long": {
        "zh": "{what} {value} 过长；最多可接受 {limit} 个字符",
        "en": "{what} {value} is too long; accepted: at most {limit} characters",
    },
    "rec.text.refused_char": {
        "zh": f"{{what}} {{value}} 含有{{char}}；可接受：{_ACCEPTED_ZH}",
        "en": f"{{what}} {{value}} contains {{char}}; accepted: {_ACCEPTED_EN}",
    },
    "rec.text.spaces": {
        "zh": "{what} {value} 首尾有空格；请删去",
        "en": "{what} {value} has leading or trailing spaces; remove them",
    },
    "rec.char.newline": {"zh": "换行符", "en": "a line break"},
    "rec.char.return": {"zh": "回车符", "en": "a carriage return"},
    "rec.char.tab": {"zh": "制表符", "en": "a tab"},
    "rec.char.nul": {"zh": "空字符(NUL)", "en": "a NUL character"},
    "rec.char.escape": {"zh": "转义码(ESC)", "en": "an escape code (ESC)"},
    "rec.char.other": {"zh": "字符 U+{code}", "en": "the character U+{code}"},
    "rec.char.not_utf8": {"zh": "非 UTF-8 的字节", "en": "a byte that is not UTF-8"},
    # --- event dates ------------------------------------------------------------------------
    "rec.event.future": {
        "zh": "事件 {event} 的日期 {on} 在未来(中国今天是 {today})；请在事件发生后再登记",
        "en": "event {event} dated {on} is in the future (today in China is {today}); record "
        "it when it has happened",
    },
    "rec.event.too_early": {
        "zh": "事件 {event} 的日期 {on} 早于日历起始日 {first}-01-01；请检查年份",
        "en": "event {event} dated {on} is before {first}-01-01, where the calendars start; "
        "check the year",
    },
    "rec.event.too_far": {
        "zh": "事件 {event} 的日期 {on} 超过 {years} 年之后(最晚可接受：{limit})；请检查年份",
        "en": "event {event} dated {on} is more than {years} years ahead (latest accepted: "
        "{limit}); check the year",
    },
    "rec.event.before_trigger": {
        "zh": "事件 {event} 的日期 {on} 早于本案的触发事件 {trigger}({start})；请检查日期",
        "en": "event {event} dated {on} is before the case's trigger {trigger} on {start}; "
        "check the dates",
    },
    # --- event types ------------------------------------------------------------------------
    "rec.event.unknown_type": {
        "zh": "未知事件类型 {etype!r}{hint}；{kind} 类案件可用：{accepted}",
        "en": "unknown event type {etype!r}{hint}; accepted for {a_kind} case: {accepted}",
    },
    "rec.event.wrong_kind": {
        "zh": "事件类型 {etype!r} 不适用于 {kind} 类案件；可用：{accepted}",
        "en": "event type {etype!r} does not apply to {a_kind} case; accepted: {accepted}",
    },
    # --- facts ------------------------------------------------------------------------------
    "rec.family.true/false": {"zh": "真假值", "en": "true/false"},
    "rec.family.a number": {"zh": "数字", "en": "a number"},
    "rec.family.text": {"zh": "文字", "en": "text"},
    "rec.family.either": {"zh": "{a}或{b}", "en": "{a} or {b}"},
    "rec.fact.not_read": {
        "zh": "{kind} 类案件的规则不读取事实 {name!r}(是否想输入 {close!r}？)；规则读取的事实："
        "{read}",
        "en": "fact {name!r} is not read by the rules of {a_kind} case (did you mean "
        "{close!r}?); the rules read: {read}",
    },
    "rec.fact.wrong_family": {
        "zh": "事实 {name}={value!r} 是{family}，但 {kind} 类案件的规则把它作为{want}比较；"
        "例如 {name}={example}",
        "en": "fact {name}={value!r} is {family}, but the rules of {a_kind} case compare it "
        "as {want}; e.g. {name}={example}",
    },
    "rec.fact.not_a_choice": {
        "zh": "事实 {name}={value!r} 不是 {kind} 类案件的规则所知的任何值{hint}；可用：{accepted}",
        "en": "fact {name}={value!r} is none of the values the rules of {a_kind} case "
        "know{hint}; accepted: {accepted}",
    },
    "rec.fact.near_miss": {
        "zh": "事实 {name}={value!r} 与 {kind} 类案件的规则所检验的 {close!r} 只差一处，"
        "将不匹配任何规则；请给出 {name}={close} 或明显不同的值",
        "en": "fact {name}={value!r} is one slip away from {close!r}, which the rules of "
        "{a_kind} case test for, and would match none of them; give {name}={close} or a "
        "clearly different value",
    },
    "rec.text.not_a_name": {
        "zh": "{what} {value} 不是名称；可接受：字母、数字、'_'、'.' 和 '-'，以字母开头，"
        "例如 amount_yuan",
        "en": "{what} {value} is not a name; accepted: letters, digits, '_', '.' and '-', "
        "starting with a letter, e.g. amount_yuan",
    },
    "rec.case_id_hash": {
        "zh": f"案件编号 {{value}} 含有事件编号所用的 '#'；可接受：{_ACCEPTED_ZH}，不含 '#'，"
        "最多 {limit} 个字符",
        "en": f"case id {{value}} contains '#', which event ids use; accepted: {_ACCEPTED_EN}, "
        "without '#', at most {limit} characters",
    },
    "rec.too_many_facts": {
        "zh": "给出了 {n} 项事实；每个案件最多可接受 {limit} 项",
        "en": "{n} facts given; accepted: at most {limit} per case",
    },
    "rec.too_many_data": {
        "zh": "给出了 {n} 个数据项；最多可接受 {limit} 个",
        "en": "{n} data items given; accepted: at most {limit}",
    },
    "rec.data.unknown": {
        "zh": "事件 {event} 不接受数据项 {key_!r}{hint}；可用：{accepted}",
        "en": "event {event} takes no data {key_!r}{hint}; accepted: {accepted}",
    },
    "rec.data.none": {"zh": "无", "en": "none"},
    "rec.data.form_unknown": {
        "zh": "事件类型 {event} 不接受数据项 {key_!r}；可用：{accepted}",
        "en": "event type {event} takes no data {key_!r}; accepted: {accepted}",
    },
    "rec.data.not_length": {
        "zh": "{event} 的数据 period={value} 不是期间长度；可接受：例如 '10 days'、'1 month'",
        "en": "data period={value} of {event} is not a length; accepted: e.g. '10 days', '1 month'",
    },
    "rec.data.not_label": {
        "zh": "{event} 的数据 period={value} 不是期间标记；可接受：YYYY-MM、YYYY-Qn、YYYY-Hn "
        "或 YYYY，例如 2026-03",
        "en": "data period={value} of {event} is not a period label; accepted: YYYY-MM, "
        "YYYY-Qn, YYYY-Hn or YYYY, e.g. 2026-03",
    },
    "rec.data.needs_period": {
        "zh": "事件 {event} 需要数据 period，即准予延长的期间；例如 --data period='10 days'",
        "en": "event {event} needs data period, the length granted; e.g. --data period='10 days'",
    },
    "rec.case.too_big": {
        "zh": "案件 {case} 将有 {n} 个事件；每个案件最多可接受 {limit} 个(请把事项拆成几个案件)",
        "en": "case {case} would hold {n} events; accepted: at most {limit} per case (split "
        "the matter into several cases)",
    },
    "rec.case.renewal_not_later": {
        "zh": "案件 {case} 已有 {etype}，日期 {on}(事件 {old})；续期必须晚于它。若要更正该日期，"
        "请用 --supersedes {old} 添加新事件",
        "en": "case {case} already has {etype} on {on} (event {old}); a renewal must be "
        "later. To correct that date, add the new one with --supersedes {old}",
    },
    "rec.case.not_closed": {
        "zh": "案件 {case} 于 {on} 未结案，无需恢复",
        "en": "case {case} is not closed on {on}: there is nothing to reopen",
    },
    "rec.case.already_closed": {
        "zh": "案件 {case} 已于 {closed} 结案(事件 {old})；若要更正结案日期，请用 deadlines event"
        " add {case} case.closed --on 日期 --supersedes {old}",
        "en": "case {case} was already closed on {closed} (event {old}); to correct the date: deadlines"
        " event add {case} case.closed --on DATE --supersedes {old}",
    },
    "rec.case.second_opening": {
        "zh": "案件 {case} 已有 {etype}，日期 {on}(事件 {old})；若要更正，请用 --supersedes "
        "{old} 添加新事件",
        "en": "case {case} already has {etype} on {on} (event {old}); to correct it, add "
        "the new one with --supersedes {old}",
    },
    "rec.supersede.not_of_case": {
        "zh": "事件 {old!r} 不是案件 {case!r} 的事件；用 `deadlines case show {case}` 查看其"
        "事件编号",
        "en": "event {old!r} is not an event of case {case!r}; see its ids with "
        "`deadlines case show {case}`",
    },
    "rec.supersede.already": {
        "zh": "事件 {old!r} 已被 {by!r} 更正；请更正那一个",
        "en": "event {old!r} is already superseded by {by!r}; supersede that one",
    },
    # --- command-line pairs and imported rows ------------------------------------------------
    "rec.pair.fact": {"zh": "事实", "en": "fact"},
    "rec.pair.data": {"zh": "数据项", "en": "data"},
    "rec.pair.bad": {
        "zh": "{what} {text!r} 格式不对；应为 键=值，例如 amount_yuan=8000000",
        "en": "bad {what} {text!r}; expected key=value, e.g. amount_yuan=8000000",
    },
    "rec.import.worker_died": {
        "zh": "导入的一个工作进程意外退出(被终止或内存不足)；存储未作任何更改。请重试，"
        "或用 --jobs 1 只在本进程中导入",
        "en": "a worker process of the import ended unexpectedly (killed, or out of memory); "
        "nothing was written to the store. Try again, or use --jobs 1 to import in this "
        "process alone",
    },
    "rec.import.refused": {
        "zh": "{where}：{problem}(未导入任何内容；请修正该行，或使用 --skip-bad)",
        "en": "{where}: {problem} (nothing imported; fix the row or use --skip-bad)",
    },
    "rec.import.case_refused": {
        "zh": "{where}：案件 {case}：{problem}(未导入任何内容；请修正该行，或使用 --skip-bad)",
        "en": "{where}: case {case}: {problem} (nothing imported; fix the row or use --skip-bad)",
    },
    "rec.import.skipped_row": {"zh": "{where}：{problem}", "en": "{where}: {problem}"},
    "rec.import.skipped_case": {
        "zh": "{where}：案件 {case}：{problem}",
        "en": "{where}: case {case}: {problem}",
    },
    "rec.import.case_twice": {
        "zh": "案件 {case!r} 在本文件中出现了两次",
        "en": "case {case!r} appears twice in this file",
    },
    "rec.import.case_first": {
        "zh": "未知案件 {case!r}；案件行必须写在其事件行之前",
        "en": "unknown case {case!r}; a case row must come before its events",
    },
    "rec.import.id_taken": {
        "zh": "事件编号 {id!r} 已被占用(或含有 '#')；请留空",
        "en": "event id {id!r} is taken (or contains '#'); leave it out",
    },
    "rec.import.not_current": {
        "zh": "要更正的事件 {old!r} 不是案件 {case} 的现行事件",
        "en": "event {old!r} to supersede is not a current event of case {case}",
    },
    "rec.row.record": {
        "zh": "record：应为 'case' 或 'event'，实际是 {got!r}",
        "en": "record: expected 'case' or 'event', got {got!r}",
    },
    "rec.row.no_case": {"zh": "case：缺失", "en": "case: missing"},
    "rec.row.no_kind": {"zh": "kind：案件行缺少案件类型", "en": "kind: missing for a case row"},
    "rec.row.no_type": {"zh": "type：事件行缺少事件类型", "en": "type: missing for an event row"},
    "rec.row.not_iso": {
        "zh": "on：应为 ISO 日期 YYYY-MM-DD，实际是 {got!r}",
        "en": "on: expected an ISO date YYYY-MM-DD, got {got!r}",
    },
    "rec.row.not_real": {
        "zh": "on：{got!r} 不是真实存在的日期",
        "en": "on: {got!r} is not a real date",
    },
    # --- reading an import file -------------------------------------------------------------
    "rec.json.dict": {"zh": "对象", "en": "dict"},
    "rec.json.list": {"zh": "数组", "en": "list"},
    "rec.parse.json": {
        "zh": "不是 JSON 对象(第 {col} 个字符处无法解析)",
        "en": "not a JSON object ({msg})",
    },
    "rec.parse.json_value": {
        "zh": "不是 JSON 对象(含有无法读取的数值，如位数过多的整数)",
        "en": "not a JSON object ({msg})",
    },
    "rec.parse.json_deep": {
        "zh": "JSON 嵌套过深；可接受：不嵌套的 facts 和 data 对象",
        "en": "JSON nested too deeply; accepted: flat facts and data objects",
    },
    "rec.parse.not_number": {
        "zh": "{name} 不是数字；可接受：有限的数字",
        "en": "{name} is not a number; accepted: finite numbers",
    },
    "rec.parse.line_not_object": {
        "zh": "每行应为一个 JSON 对象",
        "en": "expected a JSON object per line",
    },
    "rec.parse.events_list": {"zh": "events：应为列表", "en": "events: expected a list"},
    "rec.parse.events_objects": {
        "zh": "events：应为由对象组成的列表",
        "en": "events: expected a list of objects",
    },
    "rec.parse.line_too_long": {
        "zh": "该行超过 {limit:,} 个字符，未读取即跳过；可接受：每行至多 {limit:,} 个字符"
        "(事件多的案件，请把事件写在各自的行上)",
        "en": "line longer than {limit:,} characters, skipped unread; accepted: lines up to "
        "{limit:,} characters (put a long case's events on lines of their own)",
    },
    "rec.parse.csv_row": {
        "zh": "不是有效的 CSV 行；可接受：每个字段至多 {limit:,} 个字符，引号在同一条记录内闭合",
        "en": "not a CSV row ({msg}); accepted: fields up to {limit:,} characters, quotes "
        "closed on the same record",
    },
    "rec.parse.csv_header": {
        "zh": "CSV 表头至少要有这两列：record, case",
        "en": "CSV header must name at least: record, case",
    },
    "rec.parse.csv_fields": {
        "zh": "字段数({n})多于表头的列数({header})",
        "en": "more fields than the header names",
    },
    "rec.parse.field_json": {
        "zh": "{what}：不是 JSON 对象(第 {col} 个字符处无法解析)",
        "en": "{what}: not a JSON object ({msg})",
    },
    "rec.parse.field_not_object": {
        "zh": "{what}：应为 JSON 对象",
        "en": "{what}: expected a JSON object",
    },
    "rec.parse.field_pairs": {
        "zh": "{what}：应为 k=v;k=v 或 JSON 对象，实际是 {got!r}",
        "en": "{what}: expected k=v;k=v or a JSON object, got {got!r}",
    },
    "rec.parse.not_text": {
        "zh": "{what}：应为文字，实际是 JSON {got}",
        "en": "{what}: expected text, got a JSON {got}",
    },
    "rec.parse.not_scalar": {
        "zh": "{what}：应为文字、数字或 true/false，实际是 {got}",
        "en": "{what}: expected text, a number or true/false, got {got}",
    },
    "rec.import.no_file": {
        "zh": "没有可导入的文件 {path}；请给出 CSV 或 JSON Lines 文件",
        "en": "no file {path} to import; give a CSV or JSON-lines file",
    },
    "rec.import.integrity": {
        "zh": "{path}：与存储中已有的记录冲突(未导入任何内容)",
        "en": "{path}: {msg} (nothing imported)",
    },
    "rec.import.check_died": {
        "zh": "{path}：逐行检查文件的进程意外中止(退出码 {code})，未导入任何内容；请重新导入",
        "en": "{path}: the process checking the file row by row stopped unexpectedly (exit code"
        " {code}); nothing imported: run the import again",
    },
    "rec.import.not_utf8": {
        "zh": "{path}：不是 UTF-8 文本；请另存为 UTF-8",
        "en": "{path}: not UTF-8 text ({msg}); save it as UTF-8",
    },
    "rec.import.gbk": {
        "zh": "{path}：不是 UTF-8 文本；它可按 GBK/GB18030 读出，即中文 Windows 上 Excel 保存"
        "普通“CSV”所用的编码：请另存为“CSV UTF-8”，再导入另存的文件",
        "en": "{path}: not UTF-8 text; it reads as GBK/GB18030, the encoding Excel uses for "
        'plain "CSV" on Chinese Windows: save it again as "CSV UTF-8" and import that file',
    },
    "rec.import.case_differs": {
        "zh": "案件 {case!r} 已存在，但类型、责任单位或事实不同；请用 --supersedes 更正该案件的"
        "事件，或使用新的案件编号",
        "en": "case {case!r} already exists with another kind, unit or facts; correct a case's "
        "events with --supersedes, or use a new case id",
    },
}
