"""The problems ``rules check`` finds in a rule file (deadlines.rules.files), one line each.

Keys, ids, values and file paths stay as the file has them, in both languages."""

from __future__ import annotations

from deadlines.messages import Table

MESSAGES: Table = {
    # what a problem is about
    "err.rules.label.case_kind": {"zh": "案件类型 {id!r}", "en": "case kind {id!r}"},
    "err.rules.label.event": {"zh": "事件 {id!r}", "en": "event {id!r}"},
    "err.rules.label.note": {"zh": "说明 {ref!r}", "en": "note {ref!r}"},
    # the file and its tables
    "err.rules.unknown_table": {
        "zh": "{path}:{line}: 未知的表 {name!r}{dym}；规则文件可有 [[rule]]、[[note]]、"
        "[[override]]、[[event]]、[[case_kind]]",
        "en": "{path}:{line}: unknown table {name!r}{dym}; a rule file has [[rule]], [[note]], "
        "[[override]], [[event]], [[case_kind]]",
    },
    "err.rules.not_array": {
        "zh": "{path}:1: {name!r} 应为表数组：请写作 [[{name}]]",
        "en": "{path}:1: {name!r} must be an array of tables: write [[{name}]]",
    },
    "err.rules.duplicate_rule": {
        "zh": "{where}: 规则 {rid!r}: id 重复(首次定义于 {first})；要修改规则请用 [[override]]",
        "en": "{where}: rule {rid!r}: duplicate id (first defined at {first}); use [[override]] "
        "to change a rule",
    },
    "err.rules.override_rule": {
        "zh": "{where}: override: 未知规则 {rid!r}{dym}",
        "en": "{where}: override: unknown rule {rid!r}{dym}",
    },
    "err.rules.override_key": {
        "zh": "{where}: 对 {rid!r} 的 override: 未知的键 {key!r}{dym}",
        "en": "{where}: override of {rid!r}: unknown key {key!r}{dym}",
    },
    # case kinds, events and notes ({label}: one of err.rules.label.*)
    "err.rules.text": {
        "zh": "{where}: {label}: {key}: 应为文字，收到的是 {got!r}",
        "en": "{where}: {label}: {key}: expected text, got {got!r}",
    },
    "err.rules.text_missing": {
        "zh": "{where}: {label}: {key}: 缺少(应为文字)",
        "en": "{where}: {label}: {key}: expected text, got None",
    },
    "err.rules.case_kind_id": {
        "zh": "{where}: 案件类型: id: 应为文字，收到的是 {got!r}",
        "en": "{where}: case kind: id: expected text, got {got!r}",
    },
    "err.rules.duplicate": {
        "zh": "{where}: {label}: id 重复",
        "en": "{where}: {label}: duplicate id",
    },
    "err.rules.unknown_key": {
        "zh": "{where}: {label}: 未知的键 {key!r}{dym}",
        "en": "{where}: {label}: unknown key {key!r}{dym}",
    },
    "err.rules.case_kinds_list": {
        "zh": "{where}: {label}: case_kinds: 应为列表",
        "en": "{where}: {label}: case_kinds: expected a list",
    },
    "err.rules.case_kinds_unknown": {
        "zh": "{where}: {label}: case_kinds: 未知案件类型 {ck!r}{dym}",
        "en": "{where}: {label}: case_kinds: unknown case kind {ck!r}{dym}",
    },
    "err.rules.role": {
        "zh": "{where}: {label}: role: 应为 'pause'、'resume'、'extension' 之一，收到的是 {got!r}",
        "en": "{where}: {label}: role: expected one of pause, resume, extension, got {got!r}",
    },
    "err.rules.future": {
        "zh": "{where}: {label}: future: 应为 true 或 false",
        "en": "{where}: {label}: future: expected true or false",
    },
    "err.rules.data": {
        "zh": "{where}: {label}: data: 应为表",
        "en": "{where}: {label}: data: expected a table",
    },
    # a rule: "<where>: rule <id>: <key>: <what is wrong>"
    "err.rules.rule_key": {
        "zh": "{where}: 规则 {rid!r}: {key}: {msg}",
        "en": "{where}: rule {rid!r}: {key}: {msg}",
    },
    "err.rules.missing": {"zh": "缺少(必填)", "en": "missing (required)"},
    "err.rules.missing_for": {
        "zh": "缺少(kind 为 '{kind}' 的规则必填)",
        "en": "missing (required for a {kind})",
    },
    "err.rules.missing_trigger": {
        "zh": "缺少(请给出 trigger 或 after)",
        "en": "missing (give trigger or after)",
    },
    "err.rules.replaced": {
        "zh": "已由 {zh} 和 {en} 取代：请给出两种语言的文字",
        "en": "replaced by {zh} and {en}: give the text in both languages",
    },
    "err.rules.unknown_rule_key": {"zh": "未知的键{dym}", "en": "unknown key{dym}"},
    "err.rules.expected_text": {
        "zh": "应为文字，收到的是 {got!r}",
        "en": "expected text, got {got!r}",
    },
    "err.rules.clause": {
        "zh": "应为“部分.节.项”的形式，如 {a!r} 或 {b!r}，收到的是 {got!r}",
        "en": "expected part.section.item, e.g. {a!r} or {b!r}, got {got!r}",
    },
    "err.rules.bool": {
        "zh": "应为 true 或 false，收到的是 {got!r}",
        "en": "expected true or false, got {got!r}",
    },
    "err.rules.one_of": {
        "zh": "应为 {accepted} 之一，收到的是 {got!r}{dym}",
        "en": "expected one of {accepted}, got {got!r}{dym}",
    },
    "err.rules.either": {
        "zh": "应为 {a!r} 或 {b!r}，收到的是 {got!r}",
        "en": "expected {a!r} or {b!r}, got {got!r}",
    },
    "err.rules.unknown_case_kind": {
        "zh": "未知案件类型 {ck!r}{dym}",
        "en": "unknown case kind {ck!r}{dym}",
    },
    "err.rules.unknown_calendar": {
        "zh": "未知日历 {cal!r}；可用：{accepted}{dym}",
        "en": "unknown calendar {cal!r}; accepted: {accepted}{dym}",
    },
    "err.rules.reminder_before": {
        "zh": "提醒从届满日往前倒数：direction = 'before'",
        "en": "a reminder counts back from an expiry: direction = 'before'",
    },
    "err.rules.only_reminder_before": {
        "zh": "只有提醒(kind 为 'reminder')往前倒数('before')；kind 为 '{kind}' 的规则往后数('from')",
        "en": "only a reminder counts back ('before'); a {kind} counts 'from'",
    },
    "err.rules.recurring_period": {
        "zh": "周期性规则(kind 为 'recurring')用 every('month'、'quarter'、'half-year'、'year')，不用 period",
        "en": "a recurring rule has 'every' (month, quarter, half-year, year), not a period",
    },
    "err.rules.recurring_every": {
        "zh": "缺少：周期性规则(kind 为 'recurring')需要 every = 'month' | 'quarter' | 'half-year' | 'year'",
        "en": "missing: a recurring rule needs every = month | quarter | half-year | year",
    },
    "err.rules.only_recurring_every": {
        "zh": "只有周期性规则(kind 为 'recurring')有 every；kind 为 '{kind}' 的规则用 period",
        "en": "only a recurring rule has 'every'; a {kind} has a period",
    },
    "err.rules.period": {
        "zh": "应为期间，如 '20 working days'，收到的是 {got!r}",
        "en": "expected e.g. '20 working days', got {got!r}",
    },
    "err.rules.aging_period": {
        "zh": "超期标记({flag})以年或月计，收到的是 {got!r}",
        "en": "an aging flag ({flag}) is in years or months, got {got!r}",
    },
    "err.rules.event_list": {
        "zh": "应为事件类型的列表，收到的是 {got!r}",
        "en": "expected a list of event types, got {got!r}",
    },
    "err.rules.unknown_event": {"zh": "未知事件 {e!r}{dym}", "en": "unknown event {e!r}{dym}"},
    "err.rules.event_case_kind": {
        "zh": "事件 {e!r} 不属于案件类型 {ck!r}",
        "en": "event {e!r} does not belong to case kind {ck!r}",
    },
    "err.rules.event_role": {
        "zh": "事件 {e!r} 的 role 不是 {role!r}(而是 {has!r})",
        "en": "event {e!r} is not an {role} event (its role is {has!r})",
    },
    "err.rules.no_events": {"zh": "应至少有一个事件类型", "en": "expected at least one event type"},
    "err.rules.no_pause": {
        "zh": "案件类型 {ck!r} 在事件目录中没有 role 为 'pause' 和 'resume' 的事件",
        "en": "case kind {ck!r} has no pause and resume events in the catalogue",
    },
    "err.rules.deductions": {
        "zh": "扣除和延长只适用于以日、月或年计的期限(kind 为 'deadline')",
        "en": "deductions and extensions apply only to day, month or year deadlines",
    },
    "err.rules.fact_name": {
        "zh": "事实名 {fact!r}：只能用小写字母、数字和 _",
        "en": "fact name {fact!r}: use lower-case letters, digits and _",
    },
    "err.rules.rule_ref": {
        "zh": "应为规则 id，收到的是 {got!r}",
        "en": "expected a rule id, got {got!r}",
    },
    "err.rules.prose_pair": {
        "zh": "缺少：已给出 {given}，因此 {missing} 也必须给出",
        "en": "missing: {given} is given, so {missing} is required too",
    },
    "err.rules.text_list": {
        "zh": "应为文字的列表，收到的是 {got!r}",
        "en": "expected a list of texts, got {got!r}",
    },
    "err.rules.sources_count": {
        "zh": "有 {n_en} 条来源，但 sources_zh 有 {n_zh} 条：两种语言应列出相同的来源，顺序相同",
        "en": "{n_en} sources, but sources_zh has {n_zh}: the same sources in both languages, in "
        "the same order",
    },
    # links between rules (after, cap)
    "err.rules.unknown_rule": {"zh": "未知规则 {ref!r}{dym}", "en": "unknown rule {ref!r}{dym}"},
    "err.rules.other_case_kind": {
        "zh": "规则 {ref!r} 属于案件类型 {theirs!r}，而不是 {ours!r}",
        "en": "rule {ref!r} is for case kind {theirs!r}, not {ours!r}",
    },
    "err.rules.cap_not_deadline": {
        "zh": "规则 {ref!r} 不是期限(kind 为 'deadline')",
        "en": "rule {ref!r} is not a deadline",
    },
    "err.rules.chain_cycle": {"zh": "链接成环：{cycle}", "en": "chain cycle {cycle}"},
    "err.rules.chain_long": {
        "zh": "{where}: 规则 {rid!r}: after/cap 链接成的链超过 {max} 条规则；最多允许 {max} 条"
        "(是否有链接写错了？)",
        "en": "{where}: rule {rid!r}: chain of after/cap links longer than {max} rules; accepted: "
        "at most {max} (is a link wrong?)",
    },
    # a rule's condition (when = ...): "<key path>: <what is wrong>"
    "err.rules.when": {
        "zh": "{where}: 规则 {rid!r}: {msg}",
        "en": "{where}: rule {rid!r}: {msg}",
    },
    "err.when.too_deep": {
        "zh": "{at}: 条件嵌套超过 {max} 层",
        "en": "{at}: conditions nested deeper than {max} levels",
    },
    "err.when.node": {
        "zh": "{at}: 应为含 'all'、'any' 或 'fact' 的表，收到的是 {got!r}",
        "en": "{at}: expected a table with 'all', 'any' or 'fact', got {got!r}",
    },
    "err.when.all_or_any": {
        "zh": "{at}: 一个节点只能有 'all' 或 'any' 其中之一，收到的是 {keys}",
        "en": "{at}: a node has exactly one of 'all' or 'any', got {keys}",
    },
    "err.when.items": {
        "zh": "{at}: 应为非空的条件列表",
        "en": "{at}: expected a non-empty list of conditions",
    },
    "err.when.unknown_key": {
        "zh": "{at}: 未知的键 {name!r}；一项判断有 fact、op、value、default",
        "en": "{at}: unknown key {name!r}; a test has fact, op, value, default",
    },
    "err.when.missing": {
        "zh": "{at}: 缺少 {name!r}(一项判断由 fact、op、value 组成)",
        "en": "{at}: missing {name!r} (a test is fact, op, value)",
    },
    "err.when.fact": {
        "zh": "{at}: 应为事实名，收到的是 {got!r}",
        "en": "{at}: expected a fact name, got {got!r}",
    },
    "err.when.op": {
        "zh": "{at}: 应为 {accepted} 之一，收到的是 {got!r}",
        "en": "{at}: expected one of {accepted}, got {got!r}",
    },
    "err.when.list": {
        "zh": "{at}: '{op}' 需要非空的值列表，收到的是 {got!r}",
        "en": "{at}: '{op}' needs a non-empty list of values, got {got!r}",
    },
    "err.when.scalar": {
        "zh": "{at}: 应为字符串、数字或布尔值，收到的是 {got!r}",
        "en": "{at}: expected a string, number or boolean, got {got!r}",
    },
    "err.when.numbers": {
        "zh": "{at}: '{op}' 比较的是数字，收到的是 {got!r}",
        "en": "{at}: '{op}' compares numbers, got {got!r}",
    },
    # a number in a condition or a case's fact (deadlines.rules.conditions.number_problem)
    "err.number.not_finite": {
        "zh": "{value!r} 不是有限的数",
        "en": "{value!r} is not a finite number",
    },
    "err.number.out_of_range": {"zh": "{value!r} 超出范围", "en": "{value!r} is out of range"},
    "err.when.number": {
        "zh": "{at}: {problem}；可用：-{max} 到 {max} 之间的数",
        "en": "{at}: {problem}; accepted: numbers from -{max} to {max}",
    },
    "err.number.fact": {
        "zh": "事实 {name}={problem}；可用：-{max} 到 {max} 之间的数",
        "en": "fact {name}={problem}; accepted: numbers from -{max} to {max}",
    },
}
