"""Where holiday data comes from, as explanations and ``calendar years`` cite it: the parts of a
year file's or the library's source, said in either language (the data keeps only the document
numbers, dates and codes; the words around them are here)."""

from __future__ import annotations

from deadlines.messages import Table

MESSAGES: Table = {
    "sep.semicolon": {"zh": "；", "en": "; "},
    "sep.comma": {"zh": "，", "en": ", "},
    "sep.enumeration": {"zh": "、", "en": ", "},
    # --- a year file's document (calendars/README.md: document, document_via, document_status)
    "source.via": {"zh": "{document}(经{via}转发)", "en": "{document} (via {via})"},
    "source.status": {"zh": "{document}({status})", "en": "{document} ({status})"},
    "source.status.unverified-unofficial": {
        "zh": "未经核实，见于一份非官方的节假日表",
        "en": "unverified; cited by an unofficial holiday table",
    },
    # --- the chinese-calendar years: the notices behind them (calendars/cn-library.toml)
    "source.no_number": {"zh": "{title}(文号未找到)", "en": "{title} (document number not found)"},
    "source.published": {"zh": "{name}({date} 发布)", "en": "{name} of {date}"},
    "source.note": {"zh": "{cite}：{note}", "en": "{cite}: {note}"},
    "source.not_recorded": {"zh": "文号未记录", "en": "document not recorded"},
    "source.new_year": {
        "zh": "{document}(用于 {year}-12 的元旦假日)",
        "en": "{document} for the New Year holiday days of {year}-12",
    },
    "source.library": {
        "zh": "{notices}(数据取自 chinese-calendar {version})",
        "en": "{notices} (via chinese-calendar {version})",
    },
    "source.library_corrected": {
        "zh": "{notices}(数据取自 chinese-calendar {version}，已更正：{fixes})",
        "en": "{notices} (via chinese-calendar {version}, corrected: {fixes})",
    },
    "source.fix": {"zh": "{date} 依 {document}", "en": "{date} per {document}"},
    "source.corrects": {
        "zh": "{document}：“{quote}”(更正 chinese-calendar {version})",
        "en": "{document}: “{quote}” (corrects chinese-calendar {version})",
    },
    "origin.package": {"zh": "程序包自带文件 {file}", "en": "shipped with the package ({file})"},
    "origin.folder": {"zh": "配置的文件夹：{path}", "en": "configured folder: {path}"},
    "origin.library": {
        "zh": "chinese-calendar {version} 及随附的更正({file})",
        "en": "chinese-calendar {version} with the shipped corrections ({file})",
    },
    "origin.provisional": {"zh": "按规则计算(暂定)", "en": "computed (provisional)"},
    "origin.no_regional": {"zh": "无地方数据文件", "en": "no regional file"},
    "source.provisional": {
        "zh": "暂定：周末 + 放假办法(2024)的固定节假日及其补假(第六条)，无调休({year} 年的国务院"
        "通知尚未发布)",
        "en": "provisional: weekends, the fixed holidays of the national holiday regulations (2024) "
        "and their extra rest days (art. 6), no make-up working days (no State Council notice "
        "for {year} yet)",
    },
    # --- calendar import-notice -----------------------------------------------------------
    "notice.head": {
        "zh": "{document}({layer}，{year} 年)：休息日 {rest} 天，调休上班日 {work} 天",
        "en": "{document} ({layer}, {year}): {rest} rest days, {work} make-up working days",
    },
    "notice.no_document": {"zh": "无文号", "en": "no document number"},
    "notice.outside": {
        "zh": "注意：{day}({name})属于 {year} 年，不写入本文件；{year} 年的数据中该日为{reason}。",
        "en": "Note: {day} ({name}) is in {year}, so it is not in this file; {year}'s data "
        "has it as {reason}.",
    },
    "notice.dry_run": {"zh": "试运行：未写入任何内容。", "en": "Dry run: nothing written."},
    "notice.wrote": {"zh": "已写入 {path}。", "en": "Wrote {path}."},
    "notice.next": {
        "zh": "下一步：运行 `deadlines recompute`，它会列出本文件使哪些已存的期限变动(暂定日期"
        "转为正式日期)。",
        "en": "Next: `deadlines recompute` reports every stored deadline this moves "
        "(provisional dates become official).",
    },
    "notice.recomputed": {"zh": "已重算：{n} 处变动", "en": "recomputed: {n} changes"},
    "notice.no_folder": {
        "zh": "未配置日历文件夹：请把 ${env} 设为存放年份文件的文件夹(本文件写入 {file})，"
        "或给出 --output PATH",
        "en": "no calendar folder is configured: set ${env} to the folder year files go in "
        "(it gets {file}), or give --output PATH",
    },
    # --- --strict refusing a year the data does not cover ------------------------------------
    "strict.provisional": {
        "zh": "严格模式(--strict)：{year} 年的国务院放假通知尚未发布；日历 {calendar} 覆盖 {first}–{last} 年"
        "(去掉 --strict 可得暂定答案)",
        "en": "strict: {year} has no published State Council holiday notice; calendar "
        "{calendar} covers {first}–{last} (drop --strict for a provisional answer)",
    },
    "strict.nx_unknown": {
        "zh": "严格模式(--strict)：宁夏 {year} 年的地方假日未知(没有文件 calendars/cn-nx/{year}.toml)；请用日历 "
        "cn，或去掉 --strict",
        "en": "strict: Ningxia's regional holidays for {year} are unknown (no file "
        "calendars/cn-nx/{year}.toml); use calendar cn, or drop --strict",
    },
    # the notice parser's refusals: a line as published, then why it cannot be read one way only;
    # the notice's own Chinese words come in as fields, so the English text stays English
    "notice.not_text": {
        "zh": "{path}：不是 UTF-8 或 GB18030 编码的文本文件",
        "en": "{path}: not a text file in UTF-8 or GB18030",
    },
    "notice.err.line": {"zh": "第 {line} 行 {text!r}：{why}", "en": "line {line}: {text!r}: {why}"},
    "notice.err.unknown_holiday": {
        "zh": "未知节日 {part!r}；可用：{accepted}，或某某{memorial}",
        "en": "unknown holiday {part!r}; accepted: {accepted}, or a {memorial}",
    },
    "notice.err.no_month": {"zh": "{date!r} 没有月份", "en": "{date!r} has no month"},
    "notice.err.not_real": {"zh": "{date!r} 不是真实日期", "en": "{date!r} is not a real date"},
    "notice.err.weekday": {
        "zh": "{date!r}：{day} 是{weekday}，不是{said}",
        "en": "{date!r}: {day} is a {weekday}, not {said}",
    },
    "notice.err.backwards": {"zh": "起止日期颠倒", "en": "a block that ends before it starts"},
    "notice.err.ambiguous": {
        "zh": "{clause!r} 有不止一种读法",
        "en": "cannot read {clause!r} one way only",
    },
    "notice.err.no_verb": {
        "zh": "{clause!r} 给出了日期，但没有{words}",
        "en": "{clause!r} gives a date without {words}",
    },
    "notice.err.total": {
        "zh": "写明{said}，但 {first} 至 {last} 是 {n} 天",
        "en": "says {said} but {first} to {last} is {n} days",
    },
    "notice.err.title_year": {
        "zh": "--year {year}，但通知标题是 {titled} 年",
        "en": "--year {year} but the notice's title is for {titled}",
    },
    "notice.err.no_year": {
        "zh": "找不到通知的年份(标题中没有“{title}”)；请用 --year YYYY 指定",
        "en": "the notice's year was not found (no title '{title}'); give --year YYYY",
    },
    "notice.err.outside_item": {
        "zh": "节假日日期不在编号条目中(应为“{example}”)",
        "en": "holiday dates outside a numbered item ('{example}')",
    },
    "notice.err.no_items": {
        "zh": "找不到编号的节假日条目(如“{example}”)",
        "en": "no numbered holiday items found (like '{example}')",
    },
    "notice.err.no_document": {
        "zh": "找不到通知自身的文号({national}；宁夏为 {regional}，或写明发布网址的一行)：年份文件必须注明来源",
        "en": "the notice's own document number was not found ({national}; for Ningxia "
        "{regional}, or a line with the URL where it was published): a year file must name "
        "its source",
    },
    "notice.err.national_as_regional": {
        "zh": "这是国务院办公厅的全国通知({document})，不是宁夏的通知：请去掉 --calendar cn-nx",
        "en": "this is the State Council's national notice ({document}), not Ningxia's: leave "
        "out --calendar cn-nx",
    },
    "notice.err.missing": {
        "zh": "通知中没有 {missing} 的条目；{layer} 通知应列出 {wanted}",
        "en": "the notice has no item for {missing}; a {layer} notice names {wanted}",
    },
    "notice.err.regional_in_national": {
        "zh": "全国通知中出现地方节日：请用 --calendar cn-nx",
        "en": "a regional festival in a national notice: use --calendar cn-nx",
    },
    "notice.err.outside_year": {"zh": "{day} 不在 {year} 年内", "en": "{day} is outside {year}"},
    "notice.err.weekday_workday": {
        "zh": "调休上班日 {day} 是{weekday}；{work}的日子应是周末",
        "en": "make-up working day {day} is a {weekday}; {work} days are weekends",
    },
    "notice.err.twice": {
        "zh": "{day} 也出现在第 {other} 行",
        "en": "{day} is also in line {other}",
    },
    "notice.err.rest_and_work": {
        "zh": "{day} 既是放假日又是上班日",
        "en": "{day} is both a day off and worked",
    },
}
