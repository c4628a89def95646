"""The clerk's web pages (``deadlines serve``): navigation, forms, column heads, marks, refusals.

Errors of the library itself (a refused event, a bad period) are shown in the command line's own
words and are not repeated here.
"""

from __future__ import annotations

from deadlines.messages import Table

MESSAGES: Table = {
    "web.app": {"zh": "期限提醒", "en": "Deadlines"},
    "web.logout": {"zh": "退出", "en": "Log out"},
    "web.show": {"zh": "查看", "en": "Show"},
    "web.as_of": {"zh": "日期", "en": "Day"},
    "web.count": {"zh": "{n} 条", "en": ("{n} item", "{n} items")},
    "web.calendar": {"zh": "日历", "en": "calendar"},
    # navigation
    "web.nav.today": {"zh": "今日提醒", "en": "Today"},
    "web.nav.cases": {"zh": "案件查询", "en": "Cases"},
    "web.nav.due": {"zh": "期限计算", "en": "When is it due"},
    "web.nav.calendar": {"zh": "工作日历", "en": "Calendar"},
    "web.nav.overdue": {"zh": "逾期统计", "en": "Overdue"},
    # roles
    "web.role.clerk": {"zh": "经办人", "en": "clerk"},
    "web.role.supervisor": {"zh": "督查人员", "en": "supervisor"},
    "web.role.admin": {"zh": "管理员", "en": "admin"},
    # logging in
    "web.login.title": {"zh": "登录", "en": "Log in"},
    "web.login.username": {"zh": "用户名", "en": "User name"},
    "web.login.password": {"zh": "密码", "en": "Password"},
    "web.login.submit": {"zh": "登录", "en": "Log in"},
    "web.login.failed": {"zh": "用户名或密码错误。", "en": "Wrong user name or password."},
    "web.login.limited": {
        "zh": "登录失败次数过多，请五分钟后再试。",
        "en": "Too many failed logins; try again in five minutes.",
    },
    # refusals
    "web.error.csrf": {
        "zh": "表单已过期或来源不明，请刷新页面后重试。",
        "en": "The form has expired or did not come from this site; reload the page and try again.",
    },
    "web.error.login": {"zh": "请先登录。", "en": "Log in first."},
    "web.error.not_found": {"zh": "没有这个案件。", "en": "No such case."},
    "web.error.no_duties": {"zh": "该单位没有期限。", "en": "The unit has no deadlines."},
    "web.error.ics_unit": {
        "zh": "请用 ?unit= 指定责任单位。",
        "en": "Name the responsible unit with ?unit=.",
    },
    "web.ics": {"zh": "下载日历(.ics)", "en": "Download calendar (.ics)"},
    "web.error.read_only": {
        "zh": "您的账号只能查看，不能登记事件。",
        "en": "Your account may read but not record events.",
    },
    # column heads
    "web.col.kind": {"zh": "类别", "en": "Kind"},
    "web.col.due": {"zh": "期限", "en": "Due"},
    "web.col.case": {"zh": "案件", "en": "Case"},
    "web.col.case_kind": {"zh": "案件类型", "en": "Case kind"},
    "web.col.duty": {"zh": "事项", "en": "Duty"},
    "web.col.days": {"zh": "时限", "en": "Time"},
    "web.col.unit": {"zh": "责任单位", "en": "Unit"},
    "web.no_unit": {"zh": "未指定责任单位", "en": "no unit given"},
    "web.col.rule": {"zh": "规则", "en": "Rule"},
    "web.col.count": {"zh": "件数", "en": "Count"},
    "web.col.status": {"zh": "状态", "en": "Status"},
    "web.col.event": {"zh": "事件编号", "en": "Event"},
    "web.col.on": {"zh": "日期", "en": "On"},
    "web.col.type": {"zh": "事件类型", "en": "Type"},
    "web.col.note": {"zh": "备注", "en": "Note"},
    "web.col.recorded": {"zh": "登记时间", "en": "Recorded"},
    # notices and days
    "web.notice.overdue": {"zh": "逾期", "en": "OVERDUE"},
    "web.notice.due-today": {"zh": "今日到期", "en": "DUE TODAY"},
    "web.notice.due-soon": {"zh": "即将到期", "en": "due soon"},
    "web.notice.reminder": {"zh": "提醒", "en": "reminder"},
    "web.notice.moved": {"zh": "期限变更", "en": "MOVED"},
    "web.notice.cancelled": {"zh": "期限取消", "en": "CANCELLED"},
    "web.notice.undetermined": {"zh": "期限待定", "en": "undetermined"},
    "web.days.overdue": {"zh": "已逾期 {n} 日", "en": ("{n} day overdue", "{n} days overdue")},
    "web.days.due-soon": {
        "zh": "剩余 {n} 个工作日",
        "en": ("{n} working day left", "{n} working days left"),
    },
    "web.days.due-today": {"zh": "今日到期", "en": "due today"},
    "web.days.moved": {
        "zh": "由 {old} 改为 {due}：{why}",
        "en": "moved from {old} to {due}: {why}",
    },
    "web.days.cancelled": {
        "zh": "原定 {old} 到期，已取消：{why}",
        "en": "was due {old}, no longer due: {why}",
    },
    "web.days.undetermined": {
        "zh": "缺少选择期限所需的事实；最早可能的日期",
        "en": "a fact that chooses the limit is missing; the earliest possible date",
    },
    "web.days.reminder": {
        "zh": "距届满 {n} 日(届满日 {expiry})",
        "en": ("{n} day to expiry ({expiry})", "{n} days to expiry ({expiry})"),
    },
    "web.days.flagged": {
        "zh": "超期未结 {n} 日",
        "en": ("past the threshold for {n} day", "past the threshold for {n} days"),
    },
    # marks
    "web.mark.provisional": {"zh": "暂定日期", "en": "provisional"},
    "web.mark.provisional.help": {
        "zh": "该年度放假安排尚未公布，按法定节假日推算",
        "en": "the year's holiday notice is not out yet; computed from the statutory holidays",
    },
    "web.mark.low_confidence": {
        "zh": "宁夏地方假日数据可信度低",
        "en": "low-confidence regional data",
    },
    "web.mark.undetermined": {
        "zh": "期限待定：缺少事实 {facts}，按最早可能日期",
        "en": "undetermined: missing {facts}; the earliest possible date",
    },
    # today
    "web.today.title": {
        "zh": "{day} {weekday} 期限提醒：共 {n} 条",
        "en": ("{day} {weekday}: {n} notice", "{day} {weekday}: {n} notices"),
    },
    "web.today.empty": {"zh": "今日无提醒。", "en": "No notices today."},
    # search and case
    "web.search.title": {"zh": "案件查询", "en": "Find a case"},
    "web.search.label": {"zh": "案号(或其开头)", "en": "Case id (or its beginning)"},
    "web.search.submit": {"zh": "查询", "en": "Search"},
    "web.search.none": {"zh": "没有以“{q}”开头的案件。", "en": "No case id starts with '{q}'."},
    "web.search.more": {
        "zh": "只显示前 {n} 件，请输入更长的案号。",
        "en": "First {n} shown; type more of the id.",
    },
    "web.case.head": {"zh": "案件 {id}", "en": "Case {id}"},
    "web.case.facts": {"zh": "事实", "en": "Facts"},
    "web.case.next": {"zh": "下一期限(截至 {day})", "en": "Next deadline (on {day})"},
    "web.case.no_next": {"zh": "没有未完成的期限。", "en": "No open deadline."},
    "web.case.why": {"zh": "计算过程", "en": "Why this date"},
    "web.case.obligations": {"zh": "全部义务", "en": "Every obligation"},
    "web.case.none": {"zh": "无", "en": "none"},
    "web.case.timeline": {"zh": "事件记录", "en": "Timeline"},
    "web.case.corrects": {"zh": "(更正 {id})", "en": "(corrects {id})"},
    "web.case.superseded": {"zh": "[已被 {id} 更正]", "en": "[superseded by {id}]"},
    "web.status.pending": {"zh": "未到期", "en": "pending"},
    "web.status.due_today": {"zh": "今日到期", "en": "due today"},
    "web.status.met_on_time": {"zh": "按期完成", "en": "met on time"},
    "web.status.met_late": {"zh": "逾期完成", "en": "met late"},
    "web.status.overdue": {"zh": "已逾期", "en": "OVERDUE"},
    "web.status.paused": {"zh": "暂停计算", "en": "paused"},
    "web.status.flagged": {"zh": "已超期限", "en": "flagged"},
    "web.status.removed": {"zh": "—", "en": "—"},
    "web.status.undetermined": {
        "zh": "期限待定(缺少事实)",
        "en": "undetermined (a fact is missing)",
    },
    # recording an event
    "web.record.title": {"zh": "登记事件", "en": "Record an event"},
    "web.record.type": {"zh": "事件类型", "en": "Event type"},
    "web.record.on": {"zh": "发生日期", "en": "On"},
    "web.record.note": {"zh": "备注", "en": "Note"},
    "web.record.supersedes": {"zh": "更正此前事件", "en": "Corrects event"},
    "web.record.submit": {"zh": "登记", "en": "Record"},
    "web.record.done": {"zh": "已登记事件 {id}。", "en": "Recorded event {id}."},
    "web.record.nothing_moved": {"zh": "没有期限变化。", "en": "No deadline moved."},
    "web.move.added": {"zh": "新增", "en": "added"},
    "web.move.moved": {"zh": "变更", "en": "moved"},
    "web.move.removed": {"zh": "取消", "en": "removed"},
    "web.move.finalised": {"zh": "确定", "en": "finalised"},
    # when is it due
    "web.due.title": {"zh": "期限计算", "en": "When is it due?"},
    "web.due.period": {"zh": "期间或规则", "en": "Period or rule"},
    "web.due.period.help": {
        "zh": "如 20个工作日、30日、3个月、1年；或规则编号、代码(L51b)、规则名称中的词",
        "en": "e.g. 20 working days, 30 days, 3 months, 1 year; or a rule id, REF code or title words",
    },
    "web.due.direction": {"zh": "起算", "en": "Counted"},
    "web.due.from": {"zh": "自此日起算", "en": "from this day"},
    "web.due.before": {"zh": "自届满日倒推(提醒)", "en": "back from this expiry (reminder)"},
    "web.due.date": {"zh": "日期", "en": "Date"},
    "web.due.strict": {
        "zh": "严格：不采用尚未公布的年度",
        "en": "Strict: refuse years with no published notice",
    },
    "web.due.submit": {"zh": "计算", "en": "Compute"},
    # calendar
    "web.calendar.default": {
        "zh": "规则自己的日历(期间：默认日历，本计划为宁夏 cn-nx)",
        "en": "the rule's own (a period: the default, this plan's Ningxia cn-nx)",
    },
    "web.calendar.cn": {"zh": "全国(cn)", "en": "national (cn)"},
    "web.calendar.cn-nx": {"zh": "宁夏(cn-nx)", "en": "Ningxia (cn-nx)"},
    "web.calendar.provisional": {
        "zh": "{year} 年放假安排尚未公布：暂定",
        "en": "{year}: no holiday notice yet, provisional",
    },
    "web.calendar.legend": {
        "zh": "红：法定节假日　粉：宁夏地区假日　绿：调休上班日　灰：周末",
        "en": "red: holiday · pink: Ningxia regional day off · green: make-up working day · grey: weekend",
    },
    "web.calendar.source": {"zh": "数据来源", "en": "Source"},
    "web.calendar.regional": {"zh": "宁夏地区数据", "en": "Ningxia regional data"},
    "web.day.holiday": {"zh": "节假日", "en": "holiday"},
    "web.day.regional": {"zh": "地区假日", "en": "regional"},
    "web.day.makeup": {"zh": "调休上班", "en": "make-up day"},
    "web.day.workday": {"zh": "工作日", "en": "working day"},
    "web.day.weekend": {"zh": "周末", "en": "weekend"},
    # overdue
    "web.overdue.title": {
        "zh": "截至 {day} 逾期事项：共 {n} 条",
        "en": ("Overdue on {day}: {n} in all", "Overdue on {day}: {n} in all"),
    },
    "web.overdue.by": {"zh": "分组", "en": "Grouped by"},
    # weekdays, Monday first
    "web.weekday.0": {"zh": "星期一", "en": "Mon"},
    "web.weekday.1": {"zh": "星期二", "en": "Tue"},
    "web.weekday.2": {"zh": "星期三", "en": "Wed"},
    "web.weekday.3": {"zh": "星期四", "en": "Thu"},
    "web.weekday.4": {"zh": "星期五", "en": "Fri"},
    "web.weekday.5": {"zh": "星期六", "en": "Sat"},
    "web.weekday.6": {"zh": "星期日", "en": "Sun"},
    # --- the JSON API's own refusals, and dates read from a form or query ------------------
    "web.bad_date": {
        "zh": "{value!r} 不是真实存在的日期；应为 YYYY-MM-DD，例如 2026-02-14",
        "en": "{value!r} is not a real date ({why}); accepted: YYYY-MM-DD, e.g. 2026-02-14",
    },
    "web.unknown_calendar": {
        "zh": "未知日历 {name!r}；可用：{names}",
        "en": "unknown calendar {name!r}; accepted: {names}",
    },
    "api.login_first": {
        "zh": '请先登录：POST /api/login，正文为 {{"username": …, "password": …}}',
        "en": 'log in first: POST /api/login with {{"username": …, "password": …}}',
    },
    "api.content_type": {
        "zh": "请以 JSON 发送正文，并带上 Content-Type: application/json",
        "en": "send the body as JSON with Content-Type: application/json",
    },
    "api.not_json": {"zh": "正文不是 JSON", "en": "the body is not JSON ({msg})"},
    "api.not_object": {"zh": "正文必须是 JSON 对象", "en": "the body must be a JSON object"},
    "api.too_many_logins": {
        "zh": "登录失败次数过多；请 {wait} 秒后再试",
        "en": "too many failed logins; try again in {wait} s",
    },
    "api.wrong_login": {"zh": "用户名或密码错误", "en": "wrong user name or password"},
    "api.no_case": {"zh": "没有案件 {case!r}", "en": "no case {case!r}"},
    "api.may_not_record": {
        "zh": "{role} {name} 无权登记事件",
        "en": "{role} {name} may not record events",
    },
    "api.give_period": {
        "zh": "请给出 period 和 date(以及 direction=from|before、calendar、strict)",
        "en": "give period and date (and direction=from|before, calendar, strict)",
    },
    "api.data_object": {
        "zh": "data 必须是由文字值组成的对象",
        "en": "data must be an object of text values",
    },
}
