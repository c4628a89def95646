"""The explanation steps of a computed date, in Chinese and English.

Rendered when an explanation is shown (``deadlines.calendars.explain``,
``deadlines.rules.explain``), never stored: a step depends on the language asked for and, for a
duty's status, on the day asked about. Each legal choice cites its article in both languages.
"""

from __future__ import annotations

from deadlines.messages import Table

MESSAGES: Table = {
    # -- dates and days ------------------------------------------------------------------------
    "date": {"zh": "{date}({weekday})", "en": "{date} ({weekday})"},
    "weekday.0": {"zh": "星期一", "en": "Mon"},
    "weekday.1": {"zh": "星期二", "en": "Tue"},
    "weekday.2": {"zh": "星期三", "en": "Wed"},
    "weekday.3": {"zh": "星期四", "en": "Thu"},
    "weekday.4": {"zh": "星期五", "en": "Fri"},
    "weekday.5": {"zh": "星期六", "en": "Sat"},
    "weekday.6": {"zh": "星期日", "en": "Sun"},
    # a weekday in JSON and CSV: the long name
    "weekday.long.0": {"zh": "星期一", "en": "Monday"},
    "weekday.long.1": {"zh": "星期二", "en": "Tuesday"},
    "weekday.long.2": {"zh": "星期三", "en": "Wednesday"},
    "weekday.long.3": {"zh": "星期四", "en": "Thursday"},
    "weekday.long.4": {"zh": "星期五", "en": "Friday"},
    "weekday.long.5": {"zh": "星期六", "en": "Saturday"},
    "weekday.long.6": {"zh": "星期日", "en": "Sunday"},
    "span": {"zh": "{first} – {last}", "en": "{first} – {last}"},
    "reason.workday": {"zh": "工作日", "en": "working day"},
    "reason.makeup": {"zh": "{name}调休上班日", "en": "make-up working day for {name}"},
    "reason.weekend": {"zh": "周末", "en": "weekend"},
    "reason.regional": {"zh": "宁夏地方假日：{name}", "en": "Ningxia regional holiday: {name}"},
    "reason.holiday": {"zh": "法定节假日：{name}", "en": "holiday: {name}"},
    "name.make_up": {
        "zh": "补假(补{holiday} {date}，适逢{on}；放假办法 第六条)",
        "en": "make-up rest day for {holiday} {date}, which fell on {on} (holiday regulations, art. 6)",
    },
    "name.weekend": {"zh": "周末", "en": "a weekend"},
    "count.days": {"zh": "{n} 日", "en": ("{n} day", "{n} days")},
    "count.calendar_days": {"zh": "{n} 个自然日", "en": ("{n} calendar day", "{n} calendar days")},
    "count.working_days": {"zh": "{n} 个工作日", "en": ("{n} working day", "{n} working days")},
    "period.words": {"zh": "{zh}", "en": "{en} ({zh})"},
    "period.years": {"zh": "{zh}(即 {months} 个月)", "en": "{en} ({zh}) = {months} months"},
    # -- working days (行政许可法 第82条) ---------------------------------------------------------
    "wd.trigger": {
        "zh": "起算日 {trigger}。{period}自起算日之后计算(行政许可法 第82条：以工作日计算，不含法定节假日；调休上班的周末计入)。",
        "en": "Trigger {trigger}. {period} counted strictly after it (Administrative Licensing Law art. 82: counted in working days, statutory holidays excluded; a make-up working weekend counts).",
    },
    "wd.trigger_rest": {
        "zh": "起算日本身是休息日({reason})；自其后的第一个工作日开始计算。",
        "en": "The trigger day is itself a rest day ({reason}); counting starts with the next working day.",
    },
    "wd.not_counted": {"zh": "不计入：{span}，{reason}。", "en": "Not counted: {span}, {reason}."},
    "wd.weekends": {
        "zh": "不计入：普通周末 {n} 日。",
        "en": ("Not counted: {n} plain weekend day.", "Not counted: {n} plain weekend days."),
    },
    "wd.summary": {
        "zh": "{span}：共 {calendar_days}，其中 {rest} 日不计入，计 {working_days}。",
        "en": "{span}: {calendar_days}, {rest} not counted, {working_days}.",
    },
    "wd.makeup": {
        "zh": "计入：{date}，{reason}，与其他工作日相同。",
        "en": "Counted: {date}, a {reason}: a working day like any other.",
    },
    "wd.listing": {
        "zh": "计入的工作日({n} 个)：{listing}{star}。",
        "en": "Working days counted ({n}): {listing}{star}.",
    },
    "wd.star": {"zh": "(* 为调休上班日)", "en": " (* make-up day)"},
    "wd.end": {
        "zh": "第 {n} 个工作日为 {date}；按工作日计算的期限止于工作日，无需顺延。",
        "en": "Working day {n} is {date}; a working-day count ends on a working day, so no roll.",
    },
    # -- days, months, years (民法典 第201–203条) -----------------------------------------------
    "day.trigger": {
        "zh": "起算日 {trigger}。开始的当日不计入，自 {next} 起算(民法典 第201条；民诉法 第85条)。",
        "en": "Trigger {trigger}. The trigger day is not counted; counting starts {next} (Civil Code art. 201; Civil Procedure Law art. 85).",
    },
    "day.end": {
        "zh": "{period}：第 {n} 日为 {raw}；期间内的休息日不扣除。",
        "en": "{period}: day {n} is {raw}; rest days inside a period are not deducted.",
    },
    "month.clamp": {
        "zh": "{period}：{month} 没有第 {day} 日，以该月最后一日 {raw} 为期间的最后一日(民法典 第202条；自原起算日计算)。",
        "en": "{period}: {month} has no day {day}, so the period ends on the month's last day, {raw} (Civil Code art. 202; counted from the original trigger).",
    },
    "month.end": {
        "zh": "{period}：到期月的对应日为 {raw}(民法典 第202条)。",
        "en": "{period}: the corresponding day is {raw} (Civil Code art. 202).",
    },
    "extended": {
        "zh": "延长 {period}：{old} → {new}。",
        "en": "Extended by {period}: {old} → {new}.",
    },
    "deducted": {
        "zh": "扣除 {span}：{days}，首尾两日均计入；届满日 {old} → {new}。",
        "en": "Deducted {span}: {days}, both ends counted; the end moves {old} → {new}.",
    },
    "aging": {
        "zh": "超{period}：界限日为 {raw}；“超过”不含本数(民法典 第1259条)，自 {end} 起标记。不因休息日顺延：这是状态，不是行为。",
        "en": "More than {period}: the threshold is {raw}; 'more than' excludes the number (Civil Code art. 1259), so the flag is on from {end}. No holiday roll: it is a status, not an act.",
    },
    "roll.none": {
        "zh": "{raw} 是{reason}：期间于当日届满，无需顺延。",
        "en": "{raw} is a {reason}: the period ends that day, no roll.",
    },
    "roll.forward": {
        "zh": "{raw} 是休息日。连续休息日：{block}。期间以休息日后的第一个工作日 {end} 为最后一日(民法典 第203条；民诉法 第85条)。",
        "en": "{raw} is a rest day. Rest block: {block}. The period ends on the first working day after it, {end} (Civil Code art. 203; Civil Procedure Law art. 85).",
    },
    # -- reminders: N before an expiry -------------------------------------------------------
    "before.head": {
        "zh": "届满日 {trigger}；届满前 {period}，届满日本身不计入。",
        "en": "Expiry {trigger}; {period} before it, the expiry day itself not counted.",
    },
    "before.wd_end": {
        "zh": "届满前第 {n} 个工作日为 {date}。",
        "en": "Working day {n} before the expiry is {date}.",
    },
    "before.raw": {
        "zh": "{trigger} 前 {period} 为 {raw}。",
        "en": "{period} before {trigger} is {raw}.",
    },
    "before.raw_clamped": {
        "zh": "{trigger} 前 {period} 为 {raw}(该月没有对应日，取该月最后一日，民法典 第202条)。",
        "en": "{period} before {trigger} is {raw} (clamped to the month's last day, Civil Code art. 202).",
    },
    "before.stay": {
        "zh": "{raw} 是{reason}：无需调整。",
        "en": "{raw} is a {reason}: no move needed.",
    },
    "before.moved": {
        "zh": "{raw} 是休息日。向前跨过的休息日：{block}。提醒提前到前一个工作日 {end}，使提前量不少于 {period}(倒算规则，见 docs/counting.md「Counting」一节；提醒不向后顺延)。",
        "en": "{raw} is a rest day. Rest days stepped back over: {block}. A reminder moves back to the previous working day, {end}, so that notice is never shorter than {period} (backward counting, docs/counting.md § Counting; do not roll a reminder forward).",
    },
    # -- the calendar's data -----------------------------------------------------------------
    "note.provisional": {
        "zh": "注意：{year} 年为暂定年份：国务院尚未发布放假通知，仅计周末、《放假办法》规定的固定节日及其补假(第六条：{bujia})，不含调休；通知发布后日期可能变化。",
        "en": "Note: {year} is provisional: no State Council notice yet, so it counts weekends, the fixed holidays of the national holiday regulations (2024) and the extra rest days they give when they fall on a rest day (art. 6: {bujia}), with no make-up working days; the date may move when the notice is published.",
    },
    "note.nx_unknown": {
        "zh": "注意：宁夏 {year} 年的地方假日(开斋节/古尔邦节)未知，未计入；如有地方假日，本日期会变化。",
        "en": "Note: Ningxia's regional holidays (Eid al-Fitr, Eid al-Adha) for {year} are unknown and not included; a regional day off would move this date.",
    },
    "note.nx_low": {
        "zh": "注意：宁夏 {year} 年的地方假日来自低可信度来源({source})；请以自治区通知核对。",
        "en": "Note: Ningxia's {year} regional days come from a low-confidence source ({source}); verify against the regional notice.",
    },
    "note.source": {
        "zh": "{year} 年节假日数据：{source}。",
        "en": "Holiday data for {year}: {source}.",
    },
    "calendar": {
        "zh": "日历 {name}，数据版本 {version}。",
        "en": "Calendar {name}, data version {version}.",
    },
    # -- a duty under a rule -----------------------------------------------------------------
    "rule.head": {
        "zh": "规则 {id}{ref}，条款 {clause}：{title}——“{quote}”；{trigger}{direction} {period}{instance}。",
        "en": "Rule {id}{ref}, clause {clause}: {title} — “{quote}”; {period} {direction} {trigger}{instance}.",
    },
    "rule.from": {"zh": "起", "en": "from"},
    "rule.before": {"zh": "前", "en": "before"},
    "chain.trigger": {
        "zh": "链式期限：{rule}({ref}，条款 {clause})于 {date} 完成后起算；以该完成日为起算日。",
        "en": "Chain: counts after {rule} ({ref}, clause {clause}) was complete on {date}; the trigger is that completion.",
    },
    "chain.gate": {
        "zh": "链式期限：{rule}({ref}，条款 {clause})于 {date} 完成后适用。",
        "en": "Chain: counts after {rule} ({ref}, clause {clause}) was complete on {date}.",
    },
    "renewed": {
        "zh": "续期：届满日由 {old} 改为 {new}(事件 {event}，更晚的 {trigger})；自新的届满日倒算，只有 {old} 之后的事件才算完成。",
        "en": "Renewed: expiry moved from {old} to {new} (a later {trigger}, event {event}); counted back from the new expiry, and only events after {old} complete it.",
    },
    "cap": {
        "zh": "同时受 {rule}({title})约束：自 {trigger} 起算，{cap_due} 到期。本规则得出 {own}；以较早者为准，{binding}：{due} 到期。",
        "en": "Also bound by {rule} ({title}): due {cap_due} counted from {trigger}. This rule gives {own}; the earlier binds, so {binding}: due {due}.",
    },
    "cap.binds": {"zh": "以该上限为准", "en": "the cap binds"},
    "cap.plan": {"zh": "以本规则日期为准", "en": "the plan's date binds"},
    "paused": {
        "zh": "中止：期限自 {date} 起停止计算，截至 {as_of} 尚未恢复；恢复前到期日逐日后移。",
        "en": "Paused: the limit stopped running on {date} and has not resumed as of {as_of}; the due date moves on each day until it resumes.",
    },
    "recurring.calendar": {
        "zh": "自然周期(每 {every})，自 {start} 起(起始事件 {trigger})。",
        "en": "Calendar periods of {every} from {start} (the start event {trigger}).",
    },
    "recurring.rolling": {
        "zh": "滚动周期(每 {every})，自 {start} 起(起始事件 {trigger})。",
        "en": "Rolling periods of {every} from {start} (the start event {trigger}).",
    },
    "recurring.period": {
        "zh": "周期 {label}：{span}；应于最后一日前完成。",
        "en": "Period {label}: {span}; due by its last day.",
    },
    "recurring.roll": {
        "zh": "{last} 是休息日({reason})；顺延至下一个工作日 {end}(民法典 第203条；规则 roll = forward)。",
        "en": "{last} is a rest day ({reason}); the duty moves to the next working day, {end} (Civil Code art. 203; rule roll = forward).",
    },
    # -- the status on the day asked about ---------------------------------------------------
    "status.met_on_time": {"zh": "{date} 完成：按时。", "en": "Completed {date}: on time."},
    "status.met_late": {
        "zh": "{date} 完成：逾期 {n} 日。",
        "en": ("Completed {date}: {n} day late.", "Completed {date}: {n} days late."),
    },
    "status.overdue": {
        "zh": "截至 {as_of} 未完成：已逾期 {n} 日。",
        "en": (
            "Not completed as of {as_of}: {n} day overdue.",
            "Not completed as of {as_of}: {n} days overdue.",
        ),
    },
    "status.due_today": {"zh": "今日到期({as_of})。", "en": "Due today ({as_of})."},
    "status.pending": {"zh": "截至 {as_of} 尚未到期。", "en": "Pending as of {as_of}."},
    "status.paused": {"zh": "截至 {as_of} 处于中止状态。", "en": "Paused as of {as_of}."},
    "status.flagged": {
        "zh": "已标记：截至 {as_of} 仍未了结，已超过界限。",
        "en": "Flagged: still open on {as_of}, past the threshold.",
    },
    "status.undetermined": {
        "zh": "未确定：案件未载明 {missing}，无法确定适用哪一期限(候选：{candidates})。为免遗漏，显示最早的日期 {due}；请用 `deadlines case fact {case} {given}` 补充该事实。",
        "en": "Undetermined: the case does not state {missing}, which decides whether this limit applies (candidates: {candidates}). The earliest date, {due}, is shown so that nothing is missed; give the fact with `deadlines case fact {case} {given}`.",
    },
    "undetermined.candidate": {"zh": "{rule} {due} 到期", "en": "{rule} due {due}"},
    # -- a stored date computed under what is no longer in force ------------------------------
    "stale.rule": {
        "zh": "注意：此日期按规则版本 {old} 计算，现行规则版本为 {new}；请运行 `deadlines recompute`(日期可能变化)。",
        "en": "Note: this date was computed under rule version {old}; the rule in force is version {new}: run `deadlines recompute` (the date may move).",
    },
    "stale.rule_gone": {
        "zh": "注意：规则 {rule} 已不再生效；请运行 `deadlines recompute`。",
        "en": "Note: rule {rule} is no longer in force; run `deadlines recompute`.",
    },
    "stale.calendar": {
        "zh": "注意：此日期按日历数据 {old} 计算，现行数据为 {new}；请运行 `deadlines recompute`(日期可能变化)。",
        "en": "Note: this date was computed with calendar data {old}; the data in force is {new}: run `deadlines recompute` (the date may move).",
    },
    "stale.legacy": {
        "zh": "注意：此日期在解释改为按需生成之前存储，计算依据未记录；请运行 `deadlines recompute` 以得到完整解释。",
        "en": "Note: this date was stored before explanations were derived on demand, without its inputs; run `deadlines recompute` for its full explanation.",
    },
    "next.left": {
        "zh": "剩余 {n} 个工作日",
        "en": ("{n} working day left", "{n} working days left"),
    },
    "next.overdue": {"zh": "已逾期 {n} 日", "en": ("{n} day overdue", "{n} days overdue")},
    "stale.mark": {"zh": "[依据已变更，待重算]", "en": "[basis changed: recompute]"},
}
