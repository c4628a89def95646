"""Every ``--help`` text: each command's help, each option's, the root's epilog.

Keys (read by :mod:`deadlines.cli.clicklang`): ``help:PATH`` is the help of the command at PATH
(``deadlines``, ``deadlines calendar month``), whose first paragraph is the line its group lists
it by; ``help:PATH --option`` an option of that command; ``help:--option`` an option's text shared
by every command that has no text of its own for it; ``help:PATH #epilog`` what follows the
options. Read only when help is shown (or a word completed), never on an ordinary run.
"""

from __future__ import annotations

from deadlines.messages import Table

MESSAGES: Table = {
    # --- the program ----------------------------------------------------------------------------
    "help:deadlines": {
        "zh": "石嘴山市(宁夏)2023 年营商环境方案的法定期限与提醒。\n\n"
        "到期日按全国工作日日历(cn)或加上宁夏地方假日(cn-nx，方案所用)计算，每个答案都说明如何"
        "得出。输出默认为中文，--lang en(或 deadlines.toml 中的 lang)改为英文；供程序读取请用 "
        "--format json|jsonl|csv。",
        "en": "Statutory deadlines and reminders for the Shizuishan (Ningxia) 2023 plan.\n\n"
        "Due dates are computed on the national working-day calendar (cn) or with Ningxia's "
        "regional holidays (cn-nx, the plan's own); every answer explains how it was reached. "
        "Output is Chinese unless --lang en (or lang in deadlines.toml); --format "
        "json|jsonl|csv for programs.",
    },
    "help:deadlines #epilog": {
        "zh": "某个命令的帮助：deadlines COMMAND -h。文档：README.md 与 docs/ 目录(计数规则、时限、"
        "宁夏假日、输出的键)。",
        "en": "A command's help: deadlines COMMAND -h. Documents: README.md and the docs/ folder "
        "(counting rules, time limits, Ningxia's holidays, the output's keys).",
    },
    "help:deadlines --config": {
        "zh": "配置文件(默认：$DEADLINES_CONFIG、./deadlines.toml，再到用户配置目录)；"
        "见 'deadlines config'。",
        "en": "The configuration file (default: $DEADLINES_CONFIG, ./deadlines.toml, then the "
        "user's config folder); see 'deadlines config'.",
    },
    # --- options many commands share ------------------------------------------------------------
    "help:--help": {"zh": "显示此帮助并退出。", "en": "Show this message and exit."},
    "help:--version": {"zh": "显示版本并退出。", "en": "Show the version and exit."},
    "help:--lang": {
        "zh": "输出、帮助和错误信息的语言：zh(默认)或 en，写在命令前后均可；也可用 deadlines.toml "
        "中的 lang 或 $DEADLINES_LANG。",
        "en": "Language of the output, help and errors: zh (default) or en, before or after the "
        "command; also lang in deadlines.toml or $DEADLINES_LANG.",
    },
    "help:--format": {
        "zh": "text 供人阅读；json、jsonl(每行一条记录)或 csv 供程序读取。",
        "en": "text for people; json, jsonl (one record a line) or csv for programs.",
    },
    "help:--json": {"zh": "即 --format json。", "en": "Short for --format json."},
    "help:--bom": {
        "zh": "与 --format csv 连用：文件开头加 UTF-8 字节顺序标记(供 Excel 识别编码)。",
        "en": "With --format csv: start with a UTF-8 byte-order mark (for Excel).",
    },
    "help:--db": {
        "zh": "存储文件(默认：$DEADLINES_DB，否则为 deadlines.toml 中的 store，否则为 "
        "./deadlines.db)。",
        "en": "The store file (default: $DEADLINES_DB, else store in deadlines.toml, else "
        "./deadlines.db).",
    },
    "help:--as-of": {
        "zh": "按此日重放，而不是中国的今天(Asia/Shanghai)。",
        "en": "Replay this day instead of today in China (Asia/Shanghai).",
    },
    "help:--calendar": {
        "zh": "cn：全国；cn-nx(默认，或 deadlines.toml 中的 calendar)：全国加宁夏地方假日。",
        "en": "cn: national; cn-nx (default; calendar in deadlines.toml): national plus "
        "Ningxia's regional holidays.",
    },
    "help:--rules": {
        "zh": "另加的规则目录(或文件)，可重复；也可用 $DEADLINES_RULES。",
        "en": "A folder (or file) of extra rule files; repeatable. Also: $DEADLINES_RULES.",
    },
    # --- due ------------------------------------------------------------------------------------
    "help:deadlines due": {
        "zh": "PERIOD 从 --from 的起算日算起、或在 --before 的届满日之前，何时到期？\n\n"
        "PERIOD 例如 '20个工作日'、'30日'、'30天'、'3个月'、'1年'，或 '20wd'、'30d'。"
        "工作日跳过周末和节假日，调休上班的周末计入；日、月、年期限不计起算当日，最后一日为休息日的"
        "顺延至其后第一个工作日；--before 的提醒日遇休息日提前到前一个工作日。\n\n"
        "PERIOD 也可以是规则编号('credit.small-loan')、代码('L51b')或规则名称中的词"
        "('留抵退税')：每条匹配的规则按各自的期限、日历和适用条件作答(--fact 只保留适用的规则)；"
        "定期义务给出 --from 当日或之后的下一期的到期日(--periods N：之后 N 期)。",
        "en": "When is PERIOD due, counted --from a trigger or --before an expiry?\n\n"
        "PERIOD is e.g. '20 working days', '20wd', '30 days', '30d', '3 months', '1 year' (or "
        "the same in Chinese). Working days skip weekends and holidays and count make-up working "
        "weekends; day, month and year periods exclude the trigger day and roll a last day that "
        "is a rest day to the next working day; --before moves a reminder back to the previous "
        "working day.\n\n"
        "It may instead be a rule id ('credit.small-loan'), a REF code ('L51b') or words of rule "
        "titles: each rule that matches answers with its own period, calendar and condition "
        "(--fact keeps only the rules that apply); a recurring duty answers the due date of its "
        "next period on or after --from (--periods N: the next N).",
    },
    "help:deadlines due --from": {
        "zh": "从此起算日向后计算。",
        "en": "Count forward from this trigger date.",
    },
    "help:deadlines due --before": {
        "zh": "从此届满日向前倒算(提醒)。",
        "en": "Count back from this expiry date (reminders).",
    },
    "help:deadlines due --strict": {
        "zh": "遇到尚未公布假日安排的年份时拒绝作答，而不给暂定答案。",
        "en": "Refuse instead of answering from an unannounced year.",
    },
    "help:deadlines due --fact": {
        "zh": "NAME=VALUE：只保留适用于有此事实的案件的规则(可重复)。",
        "en": "NAME=VALUE: only the rules that apply to a case with this fact (repeatable).",
    },
    "help:deadlines due --periods": {
        "zh": "定期规则：给出之后多少期(其他期限不接受此选项)。",
        "en": "A recurring rule: how many of its next periods to answer (refused for anything else).",
    },
    # --- calendar -------------------------------------------------------------------------------
    "help:deadlines calendar": {
        "zh": "查看工作日日历：某月、某日、所覆盖的年份；导入节假日通知。",
        "en": "Show the working-day calendar: a month, a day, the years covered; import a "
        "holiday notice.",
    },
    "help:deadlines calendar month": {
        "zh": "某月的日历网格，标出休息日、调休上班日和节假日。",
        "en": "A month grid marking rest days, make-up working days and holidays.",
    },
    "help:deadlines calendar day": {
        "zh": "DAY 是否为工作日，以及原因。",
        "en": "Is DAY a working day, and why.",
    },
    "help:deadlines calendar years": {
        "zh": "所覆盖的年份：数据状态(暂定或已公布)与可信度。\n\n"
        "年份文件随包提供；$DEADLINES_CALENDARS(或 deadlines.toml 中的 calendars)指定的目录中的"
        "文件可增加年份或覆盖随包的年份(--lang en 显示每年的来源及读取位置)。",
        "en": "The years covered: their data (provisional or published) and its confidence.\n\n"
        "Year files ship with the package; $DEADLINES_CALENDARS (or calendars in "
        "deadlines.toml) names a folder whose files add years or override shipped ones "
        "(--lang en shows each year's source and where it was read).",
    },
    "help:deadlines calendar import-notice": {
        "zh": "把节假日通知(国务院的；--calendar cn-nx 为宁夏的)读成年份文件。\n\n"
        "FILE 为通知原文：编号条目，如 '二、春节：2月15日（农历腊月二十八、周日）至23日"
        "（农历正月初七、周一）放假调休，共9天。2月14日（周六）上班。'，文末为文号和日期。"
        "每个法定节日都必须出现，每个“共N天”必须等于其放假天数，调休上班日必须是周末；"
        "任何有歧义之处都会被拒绝并指出所在行。该年按月打印成日历网格以供核对。",
        "en": "Read a holiday notice (the State Council's, or Ningxia's with --calendar cn-nx) "
        "into a year file.\n\n"
        "FILE is the notice's text as published: its numbered items (a holiday's days off, "
        "their total and the make-up working days), then the document number and the date. "
        "Every statutory holiday must be present, each item's total must equal its days off, "
        "make-up days must be weekends; anything ambiguous is refused with its line. The year "
        "is printed as month grids for review.",
    },
    "help:deadlines calendar import-notice --calendar": {
        "zh": "cn：国务院通知；cn-nx：宁夏地方通知。默认：由文本判断。",
        "en": "cn: a State Council notice; cn-nx: Ningxia's regional notice. Default: from the "
        "text.",
    },
    "help:deadlines calendar import-notice --year": {
        "zh": "通知所安排的年份(标题中没有写明时)。",
        "en": "The year the notice arranges, when its title does not say.",
    },
    "help:deadlines calendar import-notice --dry-run": {
        "zh": "只检查并显示该年，不写入。",
        "en": "Check and show the year; write nothing.",
    },
    "help:deadlines calendar import-notice --output": {
        "zh": "把年份文件写到此处，而不是 $DEADLINES_CALENDARS/LAYER/YEAR.toml。",
        "en": "Write the year file here instead of $DEADLINES_CALENDARS/LAYER/YEAR.toml.",
    },
    "help:deadlines calendar import-notice --db": {
        "zh": "写入配置的目录后，重算此存储并报告每个变动的日期。",
        "en": "After writing into the configured folder, recompute this store and report every "
        "moved date.",
    },
    # --- rules, kinds, events -------------------------------------------------------------------
    "help:deadlines rules": {
        "zh": "方案的时限规则：列出全部、查看一条、检查规则文件。",
        "en": "The plan's time limits as rules: list them, show one, check rule files.",
    },
    "help:deadlines rules list": {
        "zh": "全部规则：编号、代码、条款、期限、方向和名称；其后是不构成规则的条目。",
        "en": "Every rule: id, REF code, clause, period, direction and title; then the items "
        "that are not rules.",
    },
    "help:deadlines rules show": {
        "zh": "一条规则的全部内容：条款及原文、起算事件、期限、默认值、来源、示例日期。\n\n"
        "ID|REF 为规则编号(如 credit.small-loan)或其代码(如 L48)。",
        "en": "One rule in full: clause and quote, trigger, period, defaults, sources, an "
        "example date.\n\nID|REF is a rule id (credit.small-loan) or its REF code (L48).",
    },
    "help:deadlines rules show --example": {
        "zh": "示例所用的起算日(或届满日)。",
        "en": "The trigger (or expiry) date of the worked example.",
    },
    "help:deadlines rules check": {
        "zh": "校验方案规则及 PATHS(规则文件或目录)，列出每个问题。\n\n"
        "全部加载成功时退出码为 0；否则每个问题一行(文件:行: 规则 'id': 键: ……)，退出码为 1。",
        "en": "Validate the plan's rules plus PATHS (rule files or folders); list every "
        "problem.\n\nExit 0 when everything loads; otherwise one line per problem "
        "(file:line: rule 'id': key: ...) and exit 1.",
    },
    "help:deadlines kinds": {
        "zh": "案件类型：编号、名称、其规则读取的事实(case add --fact)及规则数。",
        "en": "The case kinds: id, name, the facts their rules read (case add --fact) and their "
        "rules.",
    },
    "help:deadlines events": {
        "zh": "可记录的事件类型(给出 KIND 时只列该类案件的)：编号、名称、作用(中止、恢复、延长)、"
        "能否记未来的日期，以及所带的数据。",
        "en": "The event types that can be recorded (of KIND's cases only, if given): id, name, "
        "role (pause, resume, extension), whether it may be dated ahead, and the data it "
        "carries.",
    },
    # --- the store: init, case, event, import ---------------------------------------------------
    "help:deadlines init": {
        "zh": "创建存储，或把旧的存储升级到本程序的结构。\n\n"
        "规则目录和日历目录(默认：$DEADLINES_RULES 和 $DEADLINES_CALENDARS，否则为方案自带的规则"
        "和随包的节假日数据)记录在存储中：此后对它的每个命令都用它们计算，可用 "
        "'deadlines recompute --rules / --calendars' 更改。",
        "en": "Create the store, or upgrade an older one to this program's schema.\n\n"
        "The rule and calendar folders (default: $DEADLINES_RULES and $DEADLINES_CALENDARS, "
        "else the plan's rules and the shipped holiday data) are recorded in the store: every "
        "later command on it uses them, and 'deadlines recompute --rules / --calendars' changes "
        "them.",
    },
    "help:deadlines init --rules": {
        "zh": "存储在方案规则之外另用的用户规则目录(可重复)。",
        "en": "A folder of user rule files the store computes with, beside the plan's "
        "(repeatable).",
    },
    "help:deadlines init --calendars": {
        "zh": "覆盖随包数据的节假日年份文件目录(cn/YYYY.toml、cn-nx/YYYY.toml)。",
        "en": "A folder of holiday year files over the shipped ones (cn/YYYY.toml, "
        "cn-nx/YYYY.toml).",
    },
    "help:deadlines case": {
        "zh": "添加案件、补充事实、列出、查看、关闭和重新打开案件。",
        "en": "Add, give facts to, list, show, close and reopen cases.",
    },
    "help:deadlines case add": {
        "zh": "添加案件 ID，注明类型和事实。",
        "en": "Add case ID of a kind, with its facts.",
    },
    "help:deadlines case add --kind": {
        "zh": "案件类型(deadlines kinds 列出全部)。",
        "en": "The case kind (deadlines kinds lists them).",
    },
    "help:deadlines case add --fact": {
        "zh": "规则所用的事实，如 amount_yuan=8000000(可重复；见 deadlines kinds)。",
        "en": "A fact the rules use, e.g. amount_yuan=8000000 (repeatable; deadlines kinds).",
    },
    "help:deadlines case add --unit": {
        "zh": "责任单位(提醒按单位分组)。",
        "en": "The responsible unit (reminders are grouped by it).",
    },
    "help:deadlines case fact": {
        "zh": "补充或修改案件 ID 的事实(如 'property_complexity=simple')；其义务随之重算，待定的"
        "期限得以确定。",
        "en": "Give or change facts of case ID (e.g. 'property_complexity=simple'); its "
        "obligations are recomputed, and an undetermined one is decided.",
    },
    "help:deadlines case unit": {
        "zh": "给案件 ID 指定责任单位 UNIT：其义务和通知从此归该单位(未指定单位的案件，其通知列于"
        "【未指定责任单位】，无法投递)；日期不变。",
        "en": "Give case ID its responsible unit UNIT: its duties and notices are that unit's from "
        "now on (a case with no unit has them listed as no unit given, and they cannot be "
        "delivered); no date moves.",
    },
    "help:deadlines case list": {
        "zh": "案件列表：状态、未完成的义务数、逾期的义务数和最近的期限。",
        "en": "The cases, with their status, open duties, overdue duties and next due date.",
    },
    "help:deadlines case list --unit": {
        "zh": "只列此责任单位的案件。",
        "en": "Only cases of this responsible unit.",
    },
    "help:deadlines case list --kind": {
        "zh": "只列此类型的案件(见 deadlines kinds)。",
        "en": "Only cases of this kind (deadlines kinds).",
    },
    "help:deadlines case list --status": {
        "zh": "open：未关闭；closed：已用 'case close' 关闭；overdue：未关闭且有逾期义务。",
        "en": "open: not closed; closed: closed by 'case close'; overdue: open with a duty "
        "overdue.",
    },
    "help:deadlines case show": {
        "zh": "案件的时间线：事件(含更正)、义务、状态和说明。\n\n"
        "json：一个文档，含案件、事件和义务；jsonl 和 csv：每行一项义务。",
        "en": "The case's timeline: events (corrections included), obligations, status, "
        "explanation.\n\njson: one document with the case, its events and obligations; jsonl "
        "and csv: one obligation a line.",
    },
    "help:deadlines case show --open": {
        "zh": "只显示当天仍未完成的义务。",
        "en": "Only obligations still open on the day.",
    },
    "help:deadlines case show --since": {
        "zh": "只显示 DATE 当日及以后的事件和到期的义务；逾期未完成的义务总是显示。",
        "en": "Only events and obligations due on or after DATE; an open overdue duty is always"
        " shown.",
    },
    "help:deadlines case close": {
        "zh": "关闭案件：记为 case.closed 事件，历史保留。",
        "en": "Close a case: recorded as a case.closed event, so its history stays.",
    },
    "help:deadlines case close --on": {
        "zh": "案件关闭的日期。",
        "en": "The day the case was closed.",
    },
    "help:deadlines case close --reason": {
        "zh": "关闭的原因(保留在历史中)。",
        "en": "Why it was closed (kept in its history).",
    },
    "help:deadlines case reopen": {
        "zh": "重新打开已关闭的案件(记为 case.reopened 事件；关闭的记录保留在历史中)。",
        "en": "Reopen a closed case (a case.reopened event; the close stays in its history).",
    },
    "help:deadlines case reopen --on": {
        "zh": "重新打开的日期。",
        "en": "The day the case was reopened.",
    },
    "help:deadlines case reopen --reason": {"zh": "重新打开的原因。", "en": "Why it was reopened."},
    "help:deadlines event": {"zh": "记录案件发生的事件。", "en": "Record what happened to a case."},
    "help:deadlines event add": {
        "zh": "为案件 CASE 记录 TYPE 类事件(deadlines events 列出全部类型)；案件的义务随之重算"
        "(链式期限一并变动)。",
        "en": "Record event TYPE of CASE (deadlines events lists the types); the case's "
        "obligations are recomputed (chains move too).",
    },
    "help:deadlines event add --on": {
        "zh": "事件发生的日期(YYYY-MM-DD)。",
        "en": "The day it happened (YYYY-MM-DD).",
    },
    "help:deadlines event add --note": {
        "zh": "随事件保存的备注。",
        "en": "Free text kept with the event.",
    },
    "help:deadlines event add --data": {
        "zh": "事件数据，如 'asset=A-2' 或 'period=1个月'(可重复)。",
        "en": "Event data, e.g. 'asset=A-2' or 'period=1 month' (repeatable).",
    },
    "help:deadlines event add --supersedes": {
        "zh": "更正先前的事件：以本事件取代它(历史保留)。",
        "en": "Correct an earlier event: this one replaces it (history is kept).",
    },
    "help:deadlines import": {
        "zh": "从 csv 或 jsonl 文件 FILE('-' 为标准输入)导入案件和事件，在一个事务中完成。\n\n"
        "格式见 README.md 和 seeds/sample.csv。",
        "en": "Import cases and events from a CSV or JSON-lines FILE ('-': standard input), in "
        "one transaction.\n\nThe format: README.md, and seeds/sample.csv.",
    },
    "help:deadlines import --skip-bad": {
        "zh": "报告有问题的行，导入其余的行(默认：只要有一行有问题，就什么都不导入)。",
        "en": "Report bad rows and import the rest (default: one bad row imports nothing).",
    },
    "help:deadlines import --jobs": {
        "zh": "用 N 个工作进程并行读取、检查和计算文件的各段(1：只在本进程中导入)。默认：文件达 8 兆字节"
        "时每个处理器核心一个，更小时只用本进程；用 --skip-bad 时也只用本进程。结果相同。",
        "en": "Read, check and compute the file's parts in N worker processes (1: import in this "
        "process alone). Default: one per CPU from 8 MiB, this process alone below that or with "
        "--skip-bad. The result is the same.",
    },
    # --- the daily run: next, remind, overdue, recompute ----------------------------------------
    "help:deadlines next": {
        "zh": "案件 ID 接下来要做什么：先列全部逾期事项，再列最近的期限，最紧急的在前；每项附日期、"
        "剩余工作日或逾期天数、规则、条款和理由。",
        "en": "What case ID must do next: everything overdue, then the soonest deadline, most "
        "urgent first, each with its date, working days left or days overdue, rule, clause and "
        "why.",
    },
    "help:deadlines remind": {
        "zh": "当日的通知，按责任单位分组：提醒、即将到期、今日到期、逾期、期限变更、期限取消和期限待定。\n\n"
        "不加 --new 只是查看，不改变任何内容。--new 为发送运行：只打印从未发送过的通知(每条有固定"
        "编号)，打印后即记为已发送，因此发送方不会漏掉任何一条；若在记录前中断，下次以相同编号"
        "重发(接收方按编号去重)。",
        "en": "The day's notices, grouped by responsible unit: reminders, due soon, due today, "
        "overdue, moved dates, cancelled duties and undetermined limits.\n\n"
        "Without --new this is a look: it changes nothing. --new is the sending run: it prints "
        "only the notices never sent before (each has a stable id) and records them once "
        "printed, so a sender never loses one; a crash before the record repeats the same ids "
        "(receivers drop repeats by id).",
    },
    "help:deadlines remind --unit": {
        "zh": "只看此责任单位(可重复)。",
        "en": "Only this responsible unit (repeatable).",
    },
    "help:deadlines remind --new": {
        "zh": "发送运行：只列从未发送过的通知，打印后记为已发送。",
        "en": "The sending run: only notices never sent before, recorded as sent once printed.",
    },
    "help:deadlines remind --ahead": {
        "zh": "提前多少个工作日算“即将到期”(默认 3；deadlines.toml 中的 ahead)。",
        "en": "Working days ahead counted as 'due soon' (default 3; ahead in deadlines.toml).",
    },
    "help:deadlines overdue": {
        "zh": "供督办用的逾期义务统计和清单(方案第 19 项，三(四))。\n\n"
        "json：一个文档，含各组及其事项；jsonl 和 csv：每行一条通知，所属组的键在 'group' 列。",
        "en": "Counts and lists of overdue duties for supervision (plan item 19, part 3 (4)).\n\n"
        "json: one document with the groups and their items; jsonl and csv: one notice a line, "
        "with its group's key as 'group'.",
    },
    "help:deadlines overdue --by": {
        "zh": "按责任单位(unit)或按规则(rule)分组。",
        "en": "Group by responsible unit (unit) or by rule (rule).",
    },
    "help:deadlines recompute": {
        "zh": "重算全部义务(规则或日历变更之后)，报告每个变动的日期。\n\n"
        "存储记录着它的规则目录和日历目录；--rules / --plan-rules-only 和 --calendars / "
        "--shipped-calendars 更改它们，重算也会采用其中文件的修改。给出 --as-of 时只是预览："
        "报告变化，不写入任何内容。",
        "en": "Recompute every obligation (after a rule or calendar change); report each date "
        "that moved.\n\nThe store's rule and calendar folders are recorded in it; --rules / "
        "--plan-rules-only and --calendars / --shipped-calendars change them, and a recompute "
        "also adopts edits to their files. With --as-of it is a preview: the changes are "
        "reported and nothing is written.",
    },
    "help:deadlines recompute --as-of": {
        "zh": "预览：在此日重算会改变什么；不写入。",
        "en": "Preview: what a recompute on this day would change; nothing is written.",
    },
    "help:deadlines recompute --rules": {
        "zh": "从此用这个用户规则目录计算(可重复)。",
        "en": "Compute with this folder of user rule files from now on (repeatable).",
    },
    "help:deadlines recompute --plan-rules-only": {
        "zh": "从此不用任何用户规则目录。",
        "en": "From now on, no user rule folders.",
    },
    "help:deadlines recompute --calendars": {
        "zh": "从此用这个节假日年份文件目录计算。",
        "en": "Compute with this folder of holiday year files from now on.",
    },
    "help:deadlines recompute --shipped-calendars": {
        "zh": "从此只用随包的节假日数据。",
        "en": "From now on, the shipped holiday data only.",
    },
    "help:deadlines recompute --jobs": {
        "zh": "用 N 个工作进程并行计算(1：只在本进程中计算)。默认：案件达 2 万件时每个处理器核心一个，"
        "更少时只用本进程。结果相同。",
        "en": "Compute in N worker processes (1: in this process alone). Default: one per CPU "
        "from 20,000 cases, this process alone below that. The result is the same.",
    },
    # --- delivery: send, outbox, export ics -----------------------------------------------------
    "help:deadlines send": {
        "zh": "发送当日的新通知：每个单位一份汇总，发到它的每个目的地。\n\n"
        "目的地是单位文件中的 apprise 地址(邮件，企业微信、钉钉、飞书群机器人，json 回调)。"
        "每条消息在送达前都保存在存储的发件箱中，失败的由之后的运行重试。有目的地发送失败，或有"
        "通知的单位没有目的地时，给出一行摘要，退出码为 1。",
        "en": "Deliver the day's new notices: one digest per unit to each of its destinations.\n\n"
        "Destinations are apprise URLs in the units file (mail, WeCom, DingTalk and Feishu group "
        "robots, JSON webhooks). Each message is kept in the store's outbox until delivered; a "
        "failed one is retried by later runs. Exit 1 with a one-line summary when a destination "
        "failed or a unit with notices has no destination.",
    },
    "help:deadlines send --dry-run": {
        "zh": "只显示会把什么发给谁，不做任何更改。",
        "en": "Show what would be sent to whom; change nothing.",
    },
    "help:deadlines send --unit": {
        "zh": "只发此责任单位的(可重复)。",
        "en": "Only this responsible unit (repeatable).",
    },
    "help:deadlines send --units": {
        "zh": "单位文件(默认：$DEADLINES_UNITS，否则为存储旁的 units.toml)。",
        "en": "The units file (default: $DEADLINES_UNITS, else units.toml beside the store).",
    },
    "help:deadlines outbox": {
        "zh": "已发送和待发送的消息：目的地、状态、尝试次数、最近的错误、通知编号。",
        "en": "The messages sent and owed: destination, state, attempts, last error, notice ids.",
    },
    "help:deadlines outbox --pending": {
        "zh": "只列尚未送达的消息。",
        "en": "Only messages not yet delivered.",
    },
    "help:deadlines outbox --failed": {
        "zh": "只列最近一次发送失败的消息。",
        "en": "Only messages whose last attempt failed.",
    },
    "help:deadlines export": {
        "zh": "导出存储中的期限供其他程序使用(日历文件)。",
        "en": "Export the stored deadlines for other programs (calendar feeds).",
    },
    "help:deadlines export ics": {
        "zh": "每个期限一个全天事件的日历文件(.ics)，可导入 Outlook 或手机日历。\n\n"
        "事件的标识固定不变，再次导入同一文件会更新原有事件；30 天内已完成的期限，或已通知后因"
        "更正而取消的期限，导出为已取消。给出 --case 时导出该案件的全部期限。",
        "en": "A calendar file (.ics) with one all-day event per deadline, for Outlook or a phone "
        "calendar.\n\nEvent ids are stable, so a calendar that imports the file again updates its "
        "events; a deadline met in the last 30 days, or announced and then taken away by a "
        "correction, is exported as cancelled. With --case, every deadline of the case.",
    },
    "help:deadlines export ics --unit": {
        "zh": "只导出此责任单位的期限。",
        "en": "Only this responsible unit's duties.",
    },
    "help:deadlines export ics --case": {
        "zh": "只导出此案件的期限。",
        "en": "Only this case's duties.",
    },
    "help:deadlines export ics --output": {
        "zh": "写入此文件(整体替换，不会只写一半)；默认写到标准输出。",
        "en": "Write the feed to this file (replaced whole, never half-written); default: "
        "standard output.",
    },
    # --- the web view: serve, user --------------------------------------------------------------
    "help:deadlines serve": {
        "zh": "在存储之上提供经办人的网页和 json 接口(单进程)。\n\n"
        "页面：今日清单、案件及其下一个期限和记录事件的表单、“何时到期”、日历、逾期统计。"
        "账号：'deadlines user add'。",
        "en": "Serve the clerk's pages and the JSON API over the store (one process).\n\n"
        "Pages: today's list, a case with its next deadline and the form to record an event, "
        "'when is it due', the calendar, the overdue counts. Accounts: 'deadlines user add'.",
    },
    "help:deadlines serve --host": {"zh": "监听的地址。", "en": "Address to listen on."},
    "help:deadlines serve --port": {"zh": "监听的端口。", "en": "Port to listen on."},
    "help:deadlines user": {
        "zh": "网页账号：经办人(一个单位)、督查人员(所有单位，只读)、管理员。",
        "en": "Web accounts: clerks (one unit), supervisors (every unit, read only), admins.",
    },
    "help:deadlines user add": {
        "zh": "添加账号 NAME；提示输入密码(经管道时从标准输入读取)。",
        "en": "Add account NAME; the password is prompted (read from standard input when piped).",
    },
    "help:deadlines user add --unit": {
        "zh": "责任单位(经办人必填)。",
        "en": "The responsible unit (required for a clerk).",
    },
    "help:deadlines user add --role": {
        "zh": "clerk：查看并记录本单位的案件；supervisor：查看全部，不记录；admin：管理员。",
        "en": "clerk: sees and records its unit's cases; supervisor: sees all, records "
        "nothing; admin: an administrator.",
    },
    "help:deadlines user list": {
        "zh": "账号列表：名称、角色、单位。",
        "en": "The accounts: name, role, unit.",
    },
    # --- looking after the store: check, backup, config -----------------------------------------
    "help:deadlines check": {
        "zh": "检查存储：SQLite 的完整性检查及本程序自身的一致性条件。\n\n"
        "一切正常时退出码为 0；否则每个问题一行，退出码为 1(从备份恢复：见 README.md)。",
        "en": "Check the store: SQLite's integrity check and the program's own invariants.\n\n"
        "Exit 0 when all is well; otherwise one line per problem and exit 1 (restore from a "
        "backup: see README.md).",
    },
    "help:deadlines backup": {
        "zh": "用 SQLite 的在线备份把存储复制到 DEST(一个新文件)；任务运行时也可以安全进行。",
        "en": "Copy the store to DEST (a new file) with SQLite's online backup; safe while jobs "
        "run.",
    },
    "help:deadlines config": {
        "zh": "当前生效的设置(store、rules、calendars、lang、calendar、ahead)及各自的来源。\n\n"
        "来源是环境变量、配置文件或内置默认值。配置文件是工作目录中的 deadlines.toml，否则是用户"
        "配置目录中的，或由 --config(写在命令之前)或 $DEADLINES_CONFIG 指定。命令行选项优先于"
        "以上所有，只对该次运行有效。有存储时(--db，或当前生效的存储)，还显示存储所记录的规则目录"
        "和日历目录：对该存储的每个命令都用它们计算。",
        "en": "The settings in force (store, rules, calendars, lang, calendar, ahead) and where "
        "each came from.\n\nEach comes from an environment variable, the configuration file or "
        "the built-in default. The file is deadlines.toml in the working folder, else in the "
        "user's config folder, or the one --config (before the command) or $DEADLINES_CONFIG "
        "names. A command-line option beats them all, for that run. With a store (--db, or the "
        "store in force), the rule and calendar folders it records are shown too: every command "
        "on that store computes with them.",
    },
}
