"""The command line's words: headers, labels, statuses, kind names, errors a user can act on."""

from __future__ import annotations

from deadlines.messages import Table

MESSAGES: Table = {
    # --- shared -----------------------------------------------------------------------------
    "cli.dated": {"zh": "{date}({weekday})", "en": "{date} ({weekday})"},
    "cli.error": {"zh": "错误：{message}", "en": "Error: {message}"},
    "cli.see_help": {"zh": "（参见 '{command} --help'）", "en": "(see '{command} --help')"},
    "cli.version": {"zh": "{prog}，版本 {version}", "en": "{prog}, version {version}"},
    "cli.password": {"zh": "密码", "en": "Password"},
    "cli.prompt_suffix": {"zh": "：", "en": ": "},
    "cli.aborted": {"zh": "已中止。", "en": "Aborted."},
    "cli.too_deep": {
        "zh": "输入嵌套过深，无法读取",
        "en": "the input is nested too deeply to read",
    },
    "cli.cannot_use": {
        "zh": "无法使用{name}：{reason}；请检查路径",
        "en": "cannot use{name}: {reason}; check the path",
    },
    "cli.out_of_memory": {
        "zh": "内存不足：输入过大",
        "en": "out of memory; the input is too large",
    },
    "cli.aborted_saved": {
        "zh": "已中止：此前的更改已保存到存储，只是输出没有显示完整。",
        "en": "Aborted: the changes made before were saved to the store; only the output is cut short.",
    },
    "cli.bom_needs_csv": {"zh": "--bom 只用于 --format csv", "en": "--bom goes with --format csv"},
    "cli.sep": {"zh": "；", "en": "; "},
    "cli.no_file": {"zh": "文件 {file!r} 不存在", "en": "file {file!r} does not exist"},
    "cli.bad_choice": {
        "zh": "{value!r} 不在可选值之内：{choices}",
        "en": "{value!r} is not one of {choices}",
    },
    "cli.missing.option": {"zh": "缺少选项 {param}", "en": "Missing option {param}"},
    "cli.missing.argument": {"zh": "缺少参数 {param}", "en": "Missing argument {param}"},
    "cli.missing.parameter": {"zh": "缺少 {param}", "en": "Missing parameter {param}"},
    "cli.choose_from": {"zh": "可选：{choices}", "en": "accepted: {choices}"},
    "cli.bad_int": {
        "zh": "{value!r} 不可用；应为 {low} 到 {high} 之间的整数",
        "en": "{value!r} is not accepted; give a whole number from {low} to {high}",
    },
    "cli.none": {"zh": "无", "en": "none"},
    "cli.provisional": {"zh": "[暂定]", "en": "[provisional]"},
    "cli.undetermined": {
        "zh": "[期限待定：缺少事实 {missing}，此为最早可能期限]",
        "en": "[UNDETERMINED: the case does not state {missing}; this is the earliest possible date]",
    },
    "cli.low_confidence": {
        "zh": "[宁夏地方假日数据可信度低]",
        "en": "[low-confidence Ningxia holiday data]",
    },
    "cli.provisional_upper": {"zh": "暂定日期", "en": "PROVISIONAL"},
    "cli.always": {"zh": "总是适用", "en": "always"},
    "cli.not_set": {"zh": "(未设定)", "en": "(not set)"},
    "cli.off": {"zh": "[未配置前停用]", "en": "[off until configured]"},
    "cli.no_unit": {"zh": "(未指定单位)", "en": "(no unit given)"},
    "cli.bad_date": {
        "zh": "{value!r} 不是有效日期（{why}）；应为 YYYY-MM-DD(半角或全角数字)，例如 2026-02-14",
        "en": "{value!r} is not a real date ({why}); accepted: YYYY-MM-DD in ASCII or full-width digits, e.g. 2026-02-14",
    },
    "cli.date_outside": {
        "zh": "{value!r} 不在日历范围之内；可接受：{first}-01-01 至 {last}-12-31",
        "en": "{value!r} is outside the calendars; accepted: {first}-01-01 to {last}-12-31",
    },
    "cli.bad_fact": {
        "zh": "{value!r}：应为 NAME=VALUE，如 manufacturing=true",
        "en": "{value!r}: expected NAME=VALUE, e.g. manufacturing=true",
    },
    "cli.db_writes": {
        "zh": "--db 在写入配置的目录后重算存储；请去掉 --dry-run / --output",
        "en": "--db recomputes after writing into the configured folder; drop --dry-run/--output",
    },
    "cli.bad_date.form": {"zh": "格式不是 YYYY-MM-DD", "en": "not in the form YYYY-MM-DD"},
    "cli.bad_date.day": {"zh": "日期不存在", "en": "no such day"},
    "cli.bad_month": {
        "zh": "{value!r} 不是月份；应为 YYYY-MM，例如 2026-02",
        "en": "{value!r} is not a month; accepted: YYYY-MM, e.g. 2026-02",
    },
    # --- column headers ---------------------------------------------------------------------
    "head.id": {"zh": "编号", "en": "ID"},
    "head.ref": {"zh": "代码", "en": "REF"},
    "head.clause": {"zh": "条款", "en": "CLAUSE"},
    "head.period": {"zh": "期限", "en": "PERIOD"},
    "head.direction": {"zh": "方向", "en": "DIR"},
    "head.title": {"zh": "名称", "en": "TITLE"},
    "head.rules": {"zh": "规则数", "en": "RULES"},
    "head.rule": {"zh": "规则", "en": "RULE"},
    "head.condition": {"zh": "适用条件", "en": "APPLIES WHEN"},
    "head.due": {"zh": "到期日", "en": "DUE"},
    "head.case": {"zh": "案件", "en": "CASE"},
    "head.kind": {"zh": "类型", "en": "KIND"},
    "head.unit": {"zh": "责任单位", "en": "UNIT"},
    "head.status": {"zh": "状态", "en": "STATUS"},
    "head.next_due": {"zh": "最近期限", "en": "NEXT DUE"},
    "head.open": {"zh": "未完成", "en": "OPEN"},
    "head.overdue": {"zh": "逾期", "en": "OVERDUE"},
    "head.year": {"zh": "年份", "en": "YEAR"},
    "head.data": {"zh": "数据", "en": "DATA"},
    "head.confidence": {"zh": "可信度", "en": "CONFIDENCE"},
    "head.source": {"zh": "来源", "en": "SOURCE"},
    "head.regional": {"zh": "宁夏地方数据", "en": "NINGXIA"},
    "head.name": {"zh": "名称", "en": "NAME"},
    "head.facts": {"zh": "读取的事实", "en": "FACTS READ"},
    "head.events": {"zh": "事件类型", "en": "EVENT TYPES"},
    "head.role": {"zh": "作用", "en": "ROLE"},
    "head.key": {"zh": "设置", "en": "SETTING"},
    "head.value": {"zh": "值", "en": "VALUE"},
    "head.from": {"zh": "来自", "en": "FROM"},
    "head.period_label": {"zh": "周期", "en": "PERIOD"},
    "head.when": {"zh": "日期", "en": "WHEN"},
    "head.what": {"zh": "说明", "en": "WHAT"},
    # --- rule kinds and directions ----------------------------------------------------------
    "rule_kind.deadline": {"zh": "期限", "en": "deadline"},
    "rule_kind.reminder": {"zh": "提醒", "en": "reminder"},
    "rule_kind.aging": {"zh": "超期标记", "en": "aging flag"},
    "rule_kind.recurring": {"zh": "定期", "en": "recurring"},
    "direction.from": {"zh": "起算", "en": "from"},
    "direction.before": {"zh": "届满前", "en": "before"},
    # --- obligation statuses ----------------------------------------------------------------
    "ob_status.pending": {"zh": "未到期", "en": "pending"},
    "ob_status.due_today": {"zh": "今日到期", "en": "due today"},
    "ob_status.met_on_time": {"zh": "按期完成", "en": "met on time"},
    "ob_status.met_late": {"zh": "逾期完成", "en": "met late"},
    "ob_status.overdue": {"zh": "已逾期", "en": "OVERDUE"},
    "ob_status.paused": {"zh": "暂停计算", "en": "paused"},
    "ob_status.flagged": {"zh": "已超期限", "en": "flagged"},
    "ob_status.undetermined": {
        "zh": "期限待定(缺少事实)",
        "en": "UNDETERMINED (a fact is missing)",
    },
    "ob_status.removed": {"zh": "—", "en": "—"},
    "ob_status.none": {"zh": "无", "en": "none"},
    "case_status.open": {"zh": "办理中", "en": "open"},
    "case_status.closed": {"zh": "已结案", "en": "closed"},
    "case_status.overdue": {"zh": "有逾期", "en": "overdue"},
    # --- how far away -----------------------------------------------------------------------
    "left.today": {"zh": "今日到期", "en": "due today"},
    "left.flagged": {
        "zh": "超期未结 {n} 日",
        "en": ("past the threshold for {n} day", "past the threshold for {n} days"),
    },
    # --- due ----------------------------------------------------------------------------------
    "due.heading.from": {
        "zh": "{period}，自 {day} 起算，日历 {calendar}",
        "en": "{period} from {day} on calendar {calendar}",
    },
    "due.heading.before": {
        "zh": "{period}，届满日 {day} 之前，日历 {calendar}",
        "en": "{period} before {day} on calendar {calendar}",
    },
    "due.rule_heading": {
        "zh": "规则 {rule}，条款 {clause}：{title}；起算事件 {trigger}，日历 {calendar}",
        "en": "Rule {rule}, clause {clause}: {title}; started by {trigger}, on calendar {calendar}",
    },
    "due.capped": {
        "zh": "；另受 {cap} 约束(自其本身的起算事件计算)，以较早者为准",
        "en": "; also bound by {cap}, counted from its own trigger: the earlier binds",
    },
    "due.recurring": {
        "zh": "周期 {label}({first} 至 {last})到期日",
        "en": "period {label} ({first} – {last}) due",
    },
    "due.several": {
        "zh": "“{words}”对应 {n} 条规则：",
        "en": ("{n} rule matches {words!r}:", "{n} rules match {words!r}:"),
    },
    "cond.and": {"zh": " 且 ", "en": " and "},
    "cond.op.in": {"zh": "属于", "en": "in"},
    "cond.op.not_in": {"zh": "不属于", "en": "not in"},
    "cond.or": {"zh": " 或 ", "en": " or "},
    "cond.default": {"zh": "{cond}(未给出时取 {default})", "en": "{cond} (default {default})"},
    # --- errors a user can act on -------------------------------------------------------------
    "err.periods_not_recurring": {
        "zh": "--periods 只用于周期性义务(每月、每半年等)；{what} 不是周期性的",
        "en": "--periods is for recurring duties (monthly, half-yearly, ...); {what} does not recur",
    },
    "err.from_or_before": {
        "zh": "请给出 --from DATE 或 --before DATE 之一",
        "en": "give exactly one of --from DATE or --before DATE",
    },
    "err.no_rule": {
        "zh": "{why}；也可以是规则编号、代码(如 L51b)或规则名称中的词(见 deadlines rules list)",
        "en": "{why}; or a rule id, a REF code (L51b) or words of a rule's title (deadlines rules list)",
    },
    "err.rule_off": {
        "zh": "规则 {rule!r} 在配置前停用：{why}",
        "en": "rule {rule!r} is off until configured: {why}",
    },
    "err.rule_needs_before": {
        "zh": "规则 {rule!r} 自届满日向前计算：请给出 --before DATE",
        "en": "rule {rule!r} counts back from an expiry: give --before DATE",
    },
    "err.rule_needs_from": {
        "zh": "规则 {rule!r} 自起算事件({trigger})计算：请给出 --from DATE",
        "en": "rule {rule!r} counts from its trigger ({trigger}): give --from DATE",
    },
    "err.rule_no_every": {
        "zh": "规则 {rule!r} 是定期义务，但未设定频率",
        "en": "rule {rule!r} is a recurring duty whose frequency is not set",
    },
    "err.strict_recurring": {
        "zh": "strict：规则 {rule!r} 的到期日在 {year} 年，该年尚无公布的放假通知",
        "en": "strict: rule {rule!r} falls due in {year}, a year with no published holiday notice",
    },
    "err.note_not_rule": {
        "zh": "{ref}({clause})是规划中的一条说明，不是规则：“{said}”",
        "en": "{ref} ({clause}) is a note of the plan, not a rule: {said}",
    },
    "err.rule_not_for_facts": {
        "zh": "规则 {rule!r} 不适用于所给事实：它要求 {when}",
        "en": "rule {rule!r} does not apply to the facts given: it needs {when}",
    },
    "err.facts_rule_out": {
        "zh": "“{words}”匹配的规则都不适用于所给事实：{why}",
        "en": "the facts given rule out every rule {words!r} matches: {why}",
    },
    "err.rule_needs_facts": {
        "zh": "{rule} 还需要事实 {facts}(它要求 {when})",
        "en": "{rule} also needs the fact(s) {facts} (it requires {when})",
    },
    "err.rule_fails": {
        "zh": "{rule} 要求 {when}，所给事实不符",
        "en": "{rule} requires {when}, which the facts given do not meet",
    },
    "err.fact_not_read": {
        "zh": "匹配的规则({rules})不读取事实 {name!r}{hint}；它们读取：{read}",
        "en": "no rule matched ({rules}) reads the fact {name!r}{hint}; they read: {read}",
    },
    # --- calendar -----------------------------------------------------------------------------
    "weekday.short.0": {"zh": "一", "en": "Mon"},
    "weekday.short.1": {"zh": "二", "en": "Tue"},
    "weekday.short.2": {"zh": "三", "en": "Wed"},
    "weekday.short.3": {"zh": "四", "en": "Thu"},
    "weekday.short.4": {"zh": "五", "en": "Fri"},
    "weekday.short.5": {"zh": "六", "en": "Sat"},
    "weekday.short.6": {"zh": "日", "en": "Sun"},
    "day.workday": {"zh": "工作日", "en": "working day"},
    "day.weekend": {"zh": "周末", "en": "weekend"},
    "day.makeup": {"zh": "调休上班：{name}", "en": "make-up working day for {name}"},
    "day.regional": {"zh": "宁夏地方节日：{name}", "en": "Ningxia regional holiday: {name}"},
    "day.holiday": {"zh": "节假日：{name}", "en": "holiday: {name}"},
    "confidence.official": {"zh": "官方", "en": "official"},
    "confidence.provisional": {"zh": "暂定", "en": "provisional"},
    "confidence.high": {"zh": "高", "en": "high"},
    "confidence.medium": {"zh": "中", "en": "medium"},
    "confidence.low": {"zh": "低", "en": "low"},
    "confidence.unknown": {"zh": "未知", "en": "unknown"},
    "year_status.published": {"zh": "已公布", "en": "published"},
    "year_status.provisional": {"zh": "暂定", "en": "provisional"},
    "calendar.month_title": {
        "zh": "{month}  日历 {calendar}",
        "en": "{month}  calendar {calendar}",
    },
    "calendar.legend": {
        "zh": "(.) 周末  (h) 节假日  (r) 宁夏地方节日  (w) 调休上班",
        "en": "(.) weekend  (h) holiday  (r) Ningxia regional holiday  (w) make-up working day",
    },
    "calendar.status": {
        "zh": "全国数据：{status}(可信度：{confidence})",
        "en": "National data: {status} (confidence: {confidence})",
    },
    "calendar.regional": {
        "zh": "宁夏地方数据可信度：{confidence}",
        "en": "Ningxia regional data: confidence {confidence}",
    },
    "calendar.source": {"zh": "数据来源：{source}", "en": "Source: {source}"},
    "calendar.regional_source": {
        "zh": "宁夏地方数据来源：{source}",
        "en": "Ningxia regional data: {source}",
    },
    "calendar.sources": {"zh": "来源：", "en": "Sources:"},
    "calendar.source_line": {
        "zh": "  {year}  {source}；读取自：{origin}",
        "en": "  {year}  {source} (from: {origin})",
    },
    "calendar.regional_line": {
        "zh": "        宁夏：{source}；读取自：{origin}",
        "en": "        Ningxia: {source} (from: {origin})",
    },
    "calendar.workday": {"zh": "工作日", "en": "working day"},
    "calendar.restday": {"zh": "休息日", "en": "rest day"},
    "calendar.day": {"zh": "{day}：{status}{why}", "en": "{day}: {status}{why}"},
    "calendar.beyond": {
        "zh": "{after}–{last} 年：暂定，按需计算；{last} 年之后及 {first} 年之前：不支持",
        "en": "{after}–{last}: provisional, computed when asked; after {last} and before {first}: not supported",
    },
    # --- rules --------------------------------------------------------------------------------
    "cli.label": {"zh": "{label}：", "en": "{label}:"},
    "every.month": {"zh": "每月", "en": "monthly"},
    "every.quarter": {"zh": "每季度", "en": "quarterly"},
    "every.half-year": {"zh": "每半年", "en": "half-yearly"},
    "every.year": {"zh": "每年", "en": "yearly"},
    "rules.note": {
        "zh": "非规则：{ref}({clause})— {why}",
        "en": "Not a rule: {ref} ({clause}) — {why}",
    },
    "rules.after": {"zh": "(在 {rule} 之后)", "en": " (after {rule})"},
    "rules.every": {
        "zh": "{every}，{anchor}，{roll}",
        "en": "{every}, anchor {anchor}, roll {roll}",
    },
    "rules.anchor.calendar": {"zh": "按自然周期", "en": "calendar"},
    "rules.anchor.rolling": {"zh": "自起算事件按月滚动计算", "en": "rolling"},
    "rules.roll.forward": {"zh": "期末遇休息日顺延至下一个工作日", "en": "forward"},
    "rules.roll.none": {"zh": "期末不顺延", "en": "none"},
    "rules.cap": {"zh": "{cap}(以较早的日期为准)", "en": "{cap} (the earlier date binds)"},
    "rules.per": {"zh": "按事件数据 {per!r} 各计一项", "en": "one per event data {per!r}"},
    "rules.pausable": {
        "zh": "法院暂停/恢复事件的期间予以扣除",
        "en": "court pause/resume events are deducted",
    },
    "rules.no_emit": {
        "zh": "本身不产生期限：它约束另一条规则",
        "en": "nothing of its own: it caps another rule",
    },
    "rules.unit_placeholder": {
        "zh": "{unit}（规划中的占位，非实际单位：请在添加案件时指定其责任单位）",
        "en": "{unit} (a placeholder in the plan, not a real unit: give each case case add --unit)",
    },
    "rules.clause": {"zh": "{clause}：“{quote}”", "en": "{clause}: “{quote}”"},
    "rules.label.clause": {"zh": "条款", "en": "clause"},
    "rules.label.unit": {"zh": "责任单位", "en": "unit"},
    "rules.label.case_kind": {"zh": "案件类型", "en": "case kind"},
    "rules.label.kind": {"zh": "规则类型", "en": "kind"},
    "rules.label.trigger": {"zh": "起算事件", "en": "trigger"},
    "rules.label.period": {"zh": "期限", "en": "period"},
    "rules.label.completed_by": {"zh": "完成事件", "en": "completed by"},
    "rules.label.calendar": {"zh": "日历", "en": "calendar"},
    "rules.label.when": {"zh": "适用条件", "en": "applies when"},
    "rules.label.every": {"zh": "频率", "en": "every"},
    "rules.label.cap": {"zh": "另受约束", "en": "also bound by"},
    "rules.label.per": {"zh": "计数单位", "en": "one per"},
    "rules.label.pausable": {"zh": "可扣除", "en": "pausable"},
    "rules.label.extended_by": {"zh": "延长事件", "en": "extended by"},
    "rules.label.emits": {"zh": "产生", "en": "emits"},
    "rules.label.default": {"zh": "默认", "en": "default"},
    "rules.label.source": {"zh": "来源", "en": "source"},
    "rules.label.version": {"zh": "版本", "en": "version"},
    "rules.label.defined_at": {"zh": "定义于", "en": "defined at"},
    "rules.label.example": {"zh": "示例", "en": "example"},
    "rules.example.no_every": {"zh": "无：未设定频率", "en": "none: the frequency is not set"},
    "rules.example.recurring": {
        "zh": "周期 {label}({first} 至 {last})到期日 {due}",
        "en": "the period {label} ({first} – {last}) is due {due}",
    },
    "rules.example.before": {
        "zh": "届满日 {day} → 提醒日 {due}",
        "en": "expiry {day} → remind on {due}",
    },
    "rules.example.from": {"zh": "自 {day} → 到期日 {due}", "en": "from {day} → due {due}"},
    "rules.example.aging": {
        "zh": "自 {day} → 自 {due} 起标记",
        "en": "from {day} → flagged from {due}",
    },
    "rules.check_failed": {
        "zh": "规则文件有 {n} 处问题(见上)；修正后再运行 deadlines rules check",
        "en": (
            "{n} problem in the rule files (listed above); fix it and run `deadlines rules check` again",
            "{n} problems in the rule files (listed above); fix them and run `deadlines rules check` again",
        ),
    },
    "rules.python_matched": {
        "zh": "匹配器：案件类型 {kind!r} 有 {n} 条规则，超过 durable-rules 的上限({most})；改由纯 Python 匹配器匹配",
        "en": "matcher: case kind {kind!r} has {n} rules, more than durable-rules holds ({most}); it is matched by the pure-Python matcher",
    },
    "rules.check_ok": {
        "zh": "通过：{rules} 条规则，{notes} 条说明，版本 {version}",
        "en": "ok: {rules} rules, {notes} notes, version {version}",
    },
    # --- the store's commands -----------------------------------------------------------------
    "init.created": {
        "zh": "已创建存储 {path}(结构版本 {after})",
        "en": "created store {path} (schema version {after})",
    },
    "init.upgraded": {
        "zh": "已将存储 {path} 从结构版本 {before} 升级到 {after}",
        "en": "upgraded store {path} from schema version {before} to {after}",
    },
    "init.current": {
        "zh": "存储 {path} 已是最新(结构版本 {after})",
        "en": "store {path} is up to date (schema version {after})",
    },
    "store.config": {
        "zh": "规则：{rules}；日历：{calendars}",
        "en": "rules: {rules}; calendars: {calendars}",
    },
    "progress.import": {"zh": "导入中", "en": "importing"},
    "progress.recompute": {"zh": "重新计算中", "en": "recomputing"},
    "store.plan_rules_only": {"zh": "仅规划自带规则", "en": "the plan's rules only"},
    "store.shipped_calendars": {"zh": "仅随包节假日数据", "en": "the shipped holiday data only"},
    "recompute.not_recorded": {"zh": "(预览：未记录)", "en": "(preview: not recorded)"},
    "case.added": {"zh": "已添加案件 {case}({kind})", "en": "added case {case} ({kind})"},
    "case.closed": {
        "zh": "案件 {case} 已于 {on} 结案(事件 {event})",
        "en": "case {case} closed on {on} (event {event})",
    },
    "case.reopened": {
        "zh": "案件 {case} 已于 {on} 恢复办理(事件 {event})",
        "en": "case {case} reopened on {on} (event {event})",
    },
    "case.facts_set": {"zh": "案件 {case}：{facts}", "en": "case {case}: {facts}"},
    "case.unit_set": {"zh": "案件 {case}：责任单位 {unit}", "en": "case {case}: unit {unit}"},
    "case.list_empty": {"zh": "没有符合条件的案件。", "en": "No cases match."},
    "show.head": {
        "zh": "案件 {case} · 类型 {kind} · 责任单位 {unit} · {status}",
        "en": "case {case} · kind {kind} · unit {unit} · {status}",
    },
    "show.facts": {"zh": "事实：{facts}", "en": "facts: {facts}"},
    "show.events": {"zh": "事件：", "en": "events:"},
    "show.superseded": {"zh": " [已被 {id} 更正]", "en": " [superseded by {id}]"},
    "show.corrects": {"zh": "(更正 {id})", "en": " (corrects {id})"},
    "show.recorded": {"zh": "记录于 {at}", "en": "recorded {at}"},
    "show.obligations": {"zh": "义务(状态截至 {day})：", "en": "obligations (status on {day}):"},
    "show.obligation": {
        "zh": "期限 {due} · {status}{done} · 日历 {calendar} · 规则版本 {version}",
        "en": "due {due} · {status}{done} · calendar {calendar} · rule version {version}",
    },
    "event.recorded": {
        "zh": "已记录 {event}：{type}，{on}",
        "en": "recorded {event}: {type} on {on}",
    },
    "event.supersedes": {"zh": "(更正 {id})", "en": " (supersedes {id})"},
    "change.added": {"zh": "新增", "en": "added"},
    "change.removed": {"zh": "移除", "en": "removed"},
    "change.moved": {"zh": "改期", "en": "moved"},
    "change.finalised": {"zh": "确定", "en": "finalised"},
    "import.stdin": {"zh": "标准输入", "en": "standard input"},
    "import.done": {
        "zh": "已导入 {cases} 个案件、{events} 个事件；存储中的义务增加 {obligations} 项",
        "en": "imported {cases} cases, {events} events; {obligations} more obligations in the store",
    },
    "import.done_fewer": {
        "zh": "已导入 {cases} 个案件、{events} 个事件；存储中的义务减少 {obligations} 项",
        "en": "imported {cases} cases, {events} events; {obligations} fewer obligations in the store",
    },
    "import.unchanged": {
        "zh": "{n} 行已在存储中",
        "en": ("{n} row already in the store", "{n} rows already in the store"),
    },
    "import.skipped_n": {
        "zh": "跳过 {n} 个错误行",
        "en": ("{n} bad row skipped", "{n} bad rows skipped"),
    },
    "import.skipped": {"zh": "已跳过 {problem}", "en": "skipped {problem}"},
    "next.none": {"zh": "{case}：没有未完成的期限", "en": "{case}: no open deadline"},
    "next.title": {
        "zh": "{case} 截至 {day} 待办 {n} 项(最紧急的在前)：",
        "en": (
            "{case} on {day}: {n} to act on (most urgent first):",
            "{case} on {day}: {n} to act on (most urgent first):",
        ),
    },
    "next.item": {
        "zh": "{due}  {near}(日历 {calendar})",
        "en": "{due}  {near} (calendar {calendar})",
    },
    "recompute.done": {
        "zh": "已重新计算 {cases} 个案件：{n} 处变化",
        "en": ("recomputed {cases} cases: {n} change", "recomputed {cases} cases: {n} changes"),
    },
    "recompute.preview": {
        "zh": "预览 {day} 的重新计算(不写入)：{cases} 个案件，{n} 处变化",
        "en": (
            "preview as of {day}, nothing written: {cases} cases, {n} change",
            "preview as of {day}, nothing written: {cases} cases, {n} changes",
        ),
    },
    "delivery.attempts": {"zh": "已尝试 {n} 次", "en": ("{n} attempt", "{n} attempts")},
    "check.ok": {
        "zh": "通过：存储 {path} 完好({cases} 个案件，{events} 个事件，{obligations} 项义务)",
        "en": "ok: store {path} is whole ({cases} cases, {events} events, {obligations} obligations)",
    },
    # what `deadlines check` finds (one line each)
    "check.not_sqlite": {
        "zh": "{path} 不是 SQLite 文件(开头的字节不是 SQLite 文件头)",
        "en": "{path} is not an SQLite file (its first bytes are not the SQLite header)",
    },
    "check.unreadable": {
        "zh": "SQLite 无法读取该文件(SQLite 原文：{reason})",
        "en": "SQLite cannot read the file: {reason}",
    },
    "check.integrity": {
        "zh": "SQLite 完整性检查发现损坏(SQLite 原文：{said})",
        "en": "SQLite integrity_check: {said}",
    },
    "check.foreign_key": {
        "zh": "表 {table} 的第 {row} 行引用了 {parent} 中不存在的行",
        "en": "row {row} of table {table} refers to a missing row of {parent}",
    },
    "check.inv": {"zh": "{what}：{name}", "en": "{what}: {name}"},
    "check.inv.event_date": {
        "zh": "事件的日期不是真实日期",
        "en": "event dated with something that is not a real date",
    },
    "check.inv.event_other_case": {
        "zh": "事件更正了另一案件的事件",
        "en": "event correcting an event of another case",
    },
    "check.inv.event_missing": {
        "zh": "事件更正了不存在的事件",
        "en": "event correcting an event that does not exist",
    },
    "check.inv.case_facts": {
        "zh": "案件事实不是 JSON 对象",
        "en": "case facts that are not a JSON object",
    },
    "check.inv.event_data": {
        "zh": "事件数据不是 JSON 对象",
        "en": "event data that is not a JSON object",
    },
    "check.inv.case_events": {
        "zh": "案件的事件数超过上限",
        "en": "case with more events than a case may hold",
    },
    "check.inv.ob_case": {
        "zh": "义务所属的案件不存在",
        "en": "obligation of a case that does not exist",
    },
    "check.inv.ob_due": {
        "zh": "义务的期限日期不是真实日期",
        "en": "obligation with a due date that is not a real date",
    },
    "check.inv.ob_basis": {
        "zh": "义务记录的计算依据(basis)不是 JSON 对象",
        "en": "obligation whose recorded inputs (basis) are not a JSON object",
    },
    "check.bad_text": {
        "zh": "{table} 表中 {row!r} 行含有控制字符或非 UTF-8 字节",
        "en": "{table} row {row!r} holds control characters or bytes that are not UTF-8",
    },
    "check.failed": {
        "zh": "存储 {path}：{n} 处问题(见上)；请从备份恢复(README：备份与恢复)",
        "en": (
            "store {path}: {n} problem (listed above); restore it from a backup (README: Backup and restore)",
            "store {path}: {n} problems (listed above); restore it from a backup (README: Backup and restore)",
        ),
    },
    "backup.done": {
        "zh": "已将 {path} 备份到 {dest}({pages} 页)",
        "en": "backed up {path} to {dest} ({pages} pages)",
    },
    # --- kinds, events, config ----------------------------------------------------------------
    "events.future": {"zh": "(可预先登记)", "en": "(may be dated ahead)"},
    "role.none": {"zh": "—", "en": "—"},
    "role.pause": {"zh": "暂停计算", "en": "pause"},
    "role.resume": {"zh": "恢复计算", "en": "resume"},
    "role.extension": {"zh": "延长期限", "en": "extension"},
    "err.unknown_kind": {
        "zh": "未知的案件类型 {kind!r}；可用：{accepted}",
        "en": "unknown case kind {kind!r}; accepted: {accepted}",
    },
    "config.err.missing": {
        "zh": "配置文件 {file!r} 不存在；请给出一个 TOML 文件",
        "en": "configuration file {file!r} does not exist; give a TOML file",
    },
    "config.err.rules": {
        "zh": "{where}：rules：应为目录列表，实为 {value!r}",
        "en": "{where}: rules: expected a list of folders, got {value!r}",
    },
    "config.err.ahead": {
        "zh": "{where}：ahead：应为 0 到 30 个工作日，实为 {value!r}",
        "en": "{where}: ahead: expected working days 0 to 30, got {value!r}",
    },
    "config.err.value": {
        "zh": "{where}：{key_name}：不接受 {value!r}；可用：{allowed}",
        "en": "{where}: {key_name}: {value!r} is not accepted; accepted: {allowed}",
    },
    "config.err.a_path": {"zh": "一个路径", "en": "a path"},
    "config.err.toml": {
        "zh": "{path}：不是可读的 TOML 文件({why})",
        "en": "{path}: not a readable TOML file ({why})",
    },
    "config.err.key": {
        "zh": "{path}：未知的设置 {name!r}{hint}；可用：{accepted}",
        "en": "{path}: unknown key {name!r}{hint}; accepted: {accepted}",
    },
    "config.no_file": {
        "zh": "未找到配置文件 {name}(工作目录与用户配置目录)：使用环境变量与默认值",
        "en": "no {name} (working folder, user's config folder): environment and defaults",
    },
    "config.store": {
        "zh": "存储 {path} 记录的目录(该存储上的每个命令都按此计算)：",
        "en": "store {path} records (every command on it computes with these):",
    },
    "config.file": {"zh": "配置文件：{path}", "en": "configuration file: {path}"},
    "config.default": {"zh": "默认值", "en": "default"},
    "config.what.store": {"zh": "案件存储(SQLite 文件)", "en": "the case store (SQLite file)"},
    "config.what.rules": {"zh": "另加的规则目录", "en": "extra rule folders"},
    "config.what.calendars": {"zh": "节假日数据目录", "en": "holiday data folder"},
    "config.what.lang": {"zh": "输出语言(zh 或 en)", "en": "output language (zh or en)"},
    "config.what.calendar": {"zh": "默认日历(cn 或 cn-nx)", "en": "default calendar (cn or cn-nx)"},
    "config.what.ahead": {"zh": "即将到期的提前工作日数", "en": "due-soon window, working days"},
}
