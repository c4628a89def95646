"""Texts of delivery: the digests sent to each unit, calendar events, and `deadlines send`."""

from __future__ import annotations

from deadlines.messages import Table

MESSAGES: Table = {
    "units.no_file": {
        "zh": "{path} 处没有单位文件：请写一个(见 README 的投递一节)，或用 --units FILE 指定",
        "en": "no units file at {path}: write one (see README, 'Delivery') or give --units FILE",
    },
    # The digest's subject (mail) or title (group chat): the unit, the day and its counts.
    "delivery.title": {
        "zh": "【期限提醒】{unit} {day}({weekday})：今日到期 {today} 件，逾期 {overdue} 件，提醒 {reminders} 件",
        "en": "[Deadlines] {unit} {day} ({weekday}): due today {today}, overdue {overdue}, reminders {reminders}",
    },
    "delivery.more": {
        "zh": "另有：即将到期 {soon} 件，期限变更 {moved} 件，期限取消 {cancelled} 件，期限待定 {undetermined} 件",
        "en": "Also: due soon {soon}, dates moved {moved}, cancelled {cancelled}, undetermined {undetermined}",
    },
    "delivery.kind.reminder": {"zh": "提醒", "en": "reminder"},
    "delivery.kind.due-soon": {"zh": "即将到期", "en": "due soon"},
    "delivery.kind.due-today": {"zh": "今日到期", "en": "due today"},
    "delivery.kind.overdue": {"zh": "逾期", "en": "OVERDUE"},
    "delivery.kind.moved": {"zh": "期限变更", "en": "date moved"},
    "delivery.kind.cancelled": {"zh": "期限取消", "en": "cancelled"},
    "delivery.kind.undetermined": {"zh": "期限待定", "en": "undetermined"},
    "delivery.case": {"zh": "案件 {case}", "en": "case {case}"},
    "delivery.left": {
        "zh": "剩余 {n} 个工作日",
        "en": ("{n} working day left", "{n} working days left"),
    },
    "delivery.today": {"zh": "今日到期", "en": "due today"},
    "delivery.overdue_days": {"zh": "已逾期 {n} 日", "en": ("{n} day overdue", "{n} days overdue")},
    "delivery.flagged_days": {
        "zh": "超期未结 {n} 日",
        "en": ("past the threshold for {n} day", "past the threshold for {n} days"),
    },
    "delivery.to_expiry": {
        "zh": "距届满 {n} 日(届满日 {expiry})",
        "en": ("{n} day to expiry ({expiry})", "{n} days to expiry ({expiry})"),
    },
    "delivery.moved_from": {"zh": "原定 {old}，{why}", "en": "was {old}: {why}"},
    "delivery.cancelled_from": {
        "zh": "原定 {old} 到期，已取消：{why}",
        "en": "was due {old}, no longer due: {why}",
    },
    "delivery.undetermined": {
        "zh": "缺少事实 {missing}，无法确定适用的期限；此为最早可能期限",
        "en": "the case does not state {missing}, which decides the limit; this is the earliest possible date",
    },
    "delivery.mark.provisional": {"zh": "[暂定日期]", "en": "[provisional date]"},
    "delivery.mark.low_confidence": {
        "zh": "[宁夏地方假日数据可信度低]",
        "en": "[low-confidence Ningxia holiday data]",
    },
    "delivery.mark.paused": {"zh": "[期限中止]", "en": "[paused]"},
    "delivery.mark.undetermined": {
        "zh": "[期限待定：缺少事实 {missing}，此为最早可能期限]",
        "en": "[undetermined: facts missing ({missing}); the earliest possible date]",
    },
    "delivery.why": {"zh": "计算依据：", "en": "How the date was reached:"},
    "delivery.attachment": {
        "zh": "附件 {name} 为本单位全部未结期限的日历文件，可导入 Outlook 或手机日历。",
        "en": "The attachment {name} holds all of the unit's open deadlines for Outlook or a phone calendar.",
    },
    # Calendar events
    "delivery.event.summary": {"zh": "{title}（案件 {case}）", "en": "{title} (case {case})"},
    "delivery.event.alarm": {"zh": "期限提醒：{summary}", "en": "Deadline: {summary}"},
    "delivery.event.clause": {"zh": "依据条款：{clause}", "en": "Clause: {clause}"},
    "delivery.event.unit": {"zh": "责任单位：{unit}", "en": "Responsible unit: {unit}"},
    "delivery.event.done": {"zh": "已于 {day} 完成", "en": "completed on {day}"},
    "delivery.event.gone": {
        "zh": "此期限已不再适用：事件更正或规则变更后不再产生",
        "en": "This deadline no longer applies: a corrected event or a rule change took it away",
    },
    "delivery.calendar.name": {"zh": "法定期限", "en": "Statutory deadlines"},
    # `deadlines send` and `deadlines outbox`
    "delivery.summary": {
        "zh": "发送完成：送达 {sent} 条消息，失败 {failed} 条，待发 {pending} 条，通知 {notices} 条",
        "en": "send: messages delivered: {sent}, failed: {failed}, pending: {pending}; notices delivered: {notices}",
    },
    "delivery.waiting_line": {
        "zh": "未送达：{n} 条消息此前发送失败，仍在等待重试(退避时间未到)；详见 deadlines outbox --failed",
        "en": (
            "not delivered: {n} message failed earlier and waits for its retry (backoff); see deadlines outbox --failed",
            "not delivered: {n} messages failed earlier and wait for their retry (backoff); see deadlines outbox --failed",
        ),
    },
    "delivery.failed_line": {
        "zh": "发送失败：{n} 条消息未送达({destinations})，将在下次运行时重试；详见 deadlines outbox --failed",
        "en": (
            "send failed: {n} message not delivered ({destinations}); retried on the next run; see deadlines outbox --failed",
            "send failed: {n} messages not delivered ({destinations}); retried on the next run; see deadlines outbox --failed",
        ),
    },
    "delivery.no_unit": {
        "zh": (
            "{n} 条通知无法发送：案件未指定责任单位，规则中的“市(略)”只是占位；"
            "这些通知在 deadlines remind 中列于【未指定责任单位】；请用 deadlines case unit ID 单位 指定"
        ),
        "en": (
            "{n} notice cannot be sent: its case has no unit and the rule names only a placeholder;"
            " deadlines remind lists it under 'no unit given'; give it one with deadlines case unit ID UNIT",
            "{n} notices cannot be sent: their cases have no unit and the rules name only a"
            " placeholder; deadlines remind lists them under 'no unit given'; give them one with"
            " deadlines case unit ID UNIT",
        ),
    },
    "delivery.unrouted": {
        "zh": "单位“{unit}”有 {n} 条通知但没有收件地址：请在单位文件 {path} 中为它设置 send_to",
        "en": (
            "unit {unit!r} has {n} notice but no destination: give it send_to in the units file {path}",
            "unit {unit!r} has {n} notices but no destination: give it send_to in the units file {path}",
        ),
    },
    "delivery.dry_run": {
        "zh": "(预演：不发送，也不记录任何内容)",
        "en": "(dry run: nothing is sent or recorded)",
    },
    "delivery.would_send": {
        "zh": "将发送给 {destination}：{title}（{n} 条通知）",
        "en": (
            "would send to {destination}: {title} ({n} notice)",
            "would send to {destination}: {title} ({n} notices)",
        ),
    },
    "delivery.would_retry": {
        "zh": "将重试 {destination}：{title}（第 {attempt} 次尝试）",
        "en": "would retry {destination}: {title} (attempt {attempt})",
    },
    "delivery.nothing": {"zh": "没有需要发送的通知。", "en": "Nothing to send."},
    "delivery.outbox.empty": {"zh": "发件箱为空。", "en": "The outbox is empty."},
    "delivery.state.pending": {"zh": "待发", "en": "pending"},
    "delivery.state.failed": {"zh": "失败待重试", "en": "failed, will retry"},
    "delivery.state.delivered": {"zh": "已送达", "en": "delivered"},
    # why a delivery failed, said in the run's language; the channel's own words (English) are
    # kept in the outbox's JSON (last_error) and shown with --lang en
    "delivery.why.refused": {
        "zh": "连接被拒绝(对方服务未运行，或地址、端口有误)",
        "en": "{raw}",
    },
    "delivery.why.timeout": {"zh": "连接超时(对方无应答)", "en": "{raw}"},
    "delivery.why.host": {"zh": "找不到主机(地址有误或网络不通)", "en": "{raw}"},
    "delivery.why.login": {"zh": "登录被拒(用户名或密码有误)", "en": "{raw}"},
    "delivery.why.http": {"zh": "对方拒收(HTTP {code})", "en": "{raw}"},
    "delivery.why.other": {
        "zh": "对方拒收；详情见 deadlines outbox --lang en",
        "en": "{raw}",
    },
    "units.not_toml": {
        "zh": "{path}：单位文件不是有效的 TOML({where})；格式见 README 的投递一节",
        "en": "{path}: cannot read the units file: {reason}",
    },
    "units.at.line": {"zh": "第 {line} 行第 {column} 列", "en": "line {line}, column {column}"},
    "units.at.end": {"zh": "文件末尾", "en": "at the end"},
    "units.at.deep": {"zh": "嵌套过深", "en": "nested too deeply"},
    "units.at.unknown": {"zh": "位置不明", "en": "place not given"},
    "units.unknown_top": {
        "zh": '{path}：未知的顶层键 {name!r}；可用：[units."单位名称"]',
        "en": '{path}: unknown top-level key {name!r}; accepted: [units."NAME"]',
    },
    "units.not_tables": {
        "zh": '{path}：units 须为表，如 [units."{example}"]',
        "en": '{path}: units must be tables, e.g. [units."{example}"]',
    },
    "units.unknown_key": {
        "zh": "{where}：未知的键 {name!r}；可用：send_to",
        "en": "{where}: unknown key {name!r}; accepted: send_to",
    },
    "units.send_to_list": {
        "zh": "{where}.send_to：须为 apprise 地址(字符串)的列表",
        "en": "{where}.send_to: must be a list of apprise URLs (strings)",
    },
    "units.not_url": {
        "zh": "{where}：{url!r} 不是 apprise 地址；例如 mailtos://user:${{SMTP_PASSWORD}}@host"
        "?to=clerk@example.org 或 wecombot://${{WECOM_ROBOT_KEY}}",
        "en": "{where}: {url!r} is not an apprise URL; e.g. mailtos://user:${{SMTP_PASSWORD}}@host"
        "?to=clerk@example.org or wecombot://${{WECOM_ROBOT_KEY}}",
    },
    "units.unknown_service": {
        "zh": "{where}：apprise 不认识 {url!r}；可用的服务见 apprise 的清单(mailto://、wecombot://、"
        "dingtalk://、feishu://、json://)",
        "en": "{where}: apprise does not understand {url!r}; see apprise's list of services "
        "(mailto://, wecombot://, dingtalk://, feishu://, json://)",
    },
    "units.password_in_url": {
        "zh": "{where}：地址中写出了密码；请写 ${{NAME}} 并设置环境变量 NAME(密钥从不存入文件或存储)",
        "en": "{where}: a password is written out in the URL; write ${{NAME}} and set the "
        "environment variable NAME instead (secrets are never kept in files or the store)",
    },
    "units.secret_in_query": {
        "zh": "{where}：地址中写出了 {name}=；请写 {name}=${{NAME}} 并设置环境变量 NAME",
        "en": "{where}: {name}= is written out in the URL; write {name}=${{NAME}} and set the "
        "environment variable NAME instead",
    },
    "units.unknown_unit": {
        "zh": "存储中没有责任单位 {unit!r} 的义务{hint}；存储中的单位：{listed}",
        "en": "no obligation of unit {unit!r} in the store{hint}; the store's units: {listed}",
    },
    "export.unknown_unit": {
        "zh": "存储中没有责任单位 {unit!r} 的义务{hint}；有义务的单位：{listed}",
        "en": "no duties of unit {unit!r} in the store{hint}; units with duties: {listed}",
    },
    "export.no_folder": {
        "zh": "无法写入 {path}：文件夹 {folder} 不存在；请给 --output 一个已有文件夹中的文件",
        "en": "cannot write {path}: the folder {folder} does not exist; give --output a file in an "
        "existing folder",
    },
    "export.cannot_write": {
        "zh": "无法写入 {path}：{reason}；请给 --output 一个可写文件夹中的文件",
        "en": "cannot write {path}: {reason}; give --output a file in a folder you can write to",
    },
}
