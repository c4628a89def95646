"""The daily notices: the day's list for a clerk, the overdue supervision view, and how they read.

What is sent, when and under which id is :mod:`deadlines.notices.contract`; this module renders
the day's list (text, JSON, JSON lines, CSV) and builds the overdue counts. ``remind`` looks by
default and changes nothing; ``remind(send=True)`` is the sending run (``remind --new``).

Catch-up: the list is built from the store's state on ``as_of``, not from the days the job ran, so
a run after missed days shows everything open meanwhile (now overdue, or a reminder still running
before its expiry).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Literal

from deadlines.calendars.dates import weekday
from deadlines.errors import StoreError
from deadlines.notices.contract import (
    DEFAULT_AHEAD_WORKDAYS,
    Notice,
    RemindRun,
    classify,
    look,
    send,
    to_notice,
)
from deadlines.store.database import Store, china_today

Lang = Literal["zh", "en"]


def remind(
    store: Store,
    as_of: dt.date | None = None,
    *,
    units: Sequence[str] = (),
    ahead: int = DEFAULT_AHEAD_WORKDAYS,
    emit: Callable[[RemindRun], None] | None = None,
    send_new: bool = False,
) -> RemindRun:
    """The day's list. A look (the default) changes nothing; ``send_new`` is the sending run:
    ``emit`` gets the run before the notices it marks new are recorded (see the contract)."""
    check_units(store, units)
    if send_new:
        return send(store, as_of, emit=emit or (lambda run: None), units=units, ahead=ahead)
    run = look(store, as_of, units=units, ahead=ahead)
    if emit is not None:
        emit(run)
    return run


def check_units(store: Store, units: Sequence[str]) -> None:
    """A unit no case or obligation names is a typing slip, not an empty list: an error with the closest
    unit the store knows. A unit still to be told a duty it was sent is gone is known (its case
    may have changed unit): the date moves not yet settled, with the notices of their duties."""
    for unit in units:
        hit = store.conn.execute(
            "SELECT 1 FROM cases WHERE unit = ?1 UNION ALL"
            " SELECT 1 FROM obligations WHERE unit = ?1 UNION ALL"
            " SELECT 1 FROM date_moves m JOIN notices n ON n.case_id = m.case_id"
            " AND n.rule_id = m.rule_id AND n.instance = m.instance"
            " WHERE m.settled = 0 AND m.new_due IS NULL AND ?1 IN (n.unit, m.unit) LIMIT 1",
            (unit,),
        )
        if hit.fetchone() is None:
            known = [
                r[0]
                for r in store.conn.execute(
                    "SELECT unit FROM cases WHERE unit IS NOT NULL UNION SELECT unit FROM obligations"
                )
            ]
            listed = "、".join(sorted(known)[:8]) + ("……" if len(known) > 8 else "")
            from deadlines.errors import did_you_mean

            raise StoreError(
                key="units.unknown_unit", unit=unit, hint=did_you_mean(unit, known), listed=listed
            )


# --- supervision: overdue counts and lists ------------------------------------------------------
class OverdueGroup:
    """The overdue notices of one unit or rule (a plain class: remind imports this module, and a
    frozen dataclass costs ~4M instructions to create at import)."""

    __slots__ = ("key", "notices")

    def __init__(self, key: str, notices: tuple[Notice, ...]) -> None:
        self.key = key
        self.notices = notices

    @property
    def count(self) -> int:
        return len(self.notices)

    def heading(self, by: Literal["unit", "rule"], lang: Lang) -> str:
        """The unit (未指定责任单位 when none is given), or the rule's title with its id."""
        if by == "unit":
            return self.key or _WORDS[lang]["no_unit"]
        first = self.notices[0]
        title = first.title_zh if lang == "zh" else first.title_en
        return f"{title}（{self.key}）" if lang == "zh" else f"{title} ({self.key})"


def overdue(
    store: Store, as_of: dt.date | None = None, *, by: Literal["unit", "rule"] = "unit"
) -> list[OverdueGroup]:
    """Open duties past their due date on ``as_of`` (and aging flags that are on), grouped by
    responsible unit or by rule, largest group first (plan item 19, part 三(四))."""
    day = as_of or china_today()
    groups: dict[str, list[Notice]] = {}
    obligations = store.open_on(day, day - dt.timedelta(days=1))
    closed = store.closed_on((ob.case_id for ob in obligations), day)
    for ob in obligations:
        if ob.case_id in closed:
            continue
        kind = classify(ob, day, day)
        if kind not in ("overdue", "undetermined"):
            continue  # undetermined: its earliest candidate date has passed
        n = to_notice(ob, kind, day)
        groups.setdefault(n.unit if by == "unit" else n.rule, []).append(n)
    out = [
        OverdueGroup(k, tuple(sorted(v, key=lambda n: (-n.days, n.case, n.rule))))
        for k, v in groups.items()
    ]
    out.sort(key=lambda g: (-g.count, g.key))
    return out


# --- rendering ----------------------------------------------------------------------------------
_WORDS = {
    "zh": {
        "title": "{day}({weekday}) 期限提醒：共 {n} 条，其中未发出 {new} 条",
        "empty": "今日无提醒。",
        "reminder": "提醒",
        "due-soon": "即将到期",
        "due-today": "今日到期",
        "overdue": "逾期",
        "moved": "期限变更",
        "cancelled": "期限取消",
        "undetermined": "期限待定",
        "days.undetermined": "缺少事实 {missing}，无法确定适用的期限；最早可能期限 {due}",
        "days.reminder": "距届满 {d} 日(届满日 {expiry})",
        "days.due-soon": "剩余 {d} 个工作日",
        "days.due-today": "今日到期",
        "days.overdue": "已逾期 {d} 日",
        "days.moved": "由 {old} 改为 {due}：{why}",
        "days.cancelled": "原定 {old} 到期，已取消：{why}",
        "why.event": "新事件 {event}({type},{on})",
        "why.correction": "事件 {corrects} 更正为 {event}({type},{was} → {on})",
        "why.import": "导入 {file}",
        "why.facts": "案件事实 {facts}",
        "why.renewal": "已续期，届满日由 {was} 改为 {on}",
        "why.recompute": "规则或日历数据变更后重新计算",
        "days.flagged": "超期未结 {d} 日",
        "provisional": "[暂定日期]",
        "low_confidence": "[宁夏地方假日数据可信度低]",
        "new": "[新]",
        "case": "案件",
        "count": "{n} 条",
        "no_overdue": "截至 {day} 无逾期事项。",
        "no_unit": "未指定责任单位",
        "overdue_title": "截至 {day} 逾期事项：共 {n} 条",
    },
    "en": {
        "title": "{day} ({weekday}) deadline notices: {n} in all, {new} not yet sent",
        "empty": "No notices today.",
        "reminder": "reminder",
        "due-soon": "due soon",
        "due-today": "DUE TODAY",
        "overdue": "OVERDUE",
        "moved": "MOVED",
        "cancelled": "CANCELLED",
        "undetermined": "UNDETERMINED",
        "days.undetermined": "the case does not state {missing}, which decides the limit; "
        "the earliest possible date is {due}",
        "days.reminder": "{d} days to expiry ({expiry})",
        "days.due-soon": "{d} working days left",
        "days.due-today": "due today",
        "days.overdue": "{d} days overdue",
        "days.moved": "moved from {old} to {due}: {why}",
        "days.cancelled": "was due {old}, no longer due: {why}",
        "why.event": "event {event} recorded ({type}, {on})",
        "why.correction": "event {corrects} corrected by {event} ({type}, {was} -> {on})",
        "why.import": "imported from {file}",
        "why.facts": "case facts given: {facts}",
        "why.renewal": "renewed, expiry moved from {was} to {on}",
        "why.recompute": "recomputed after a rule or calendar change",
        "days.flagged": "past the threshold for {d} days",
        "provisional": "[provisional date]",
        "low_confidence": "[low-confidence Ningxia holiday data]",
        "new": "[new]",
        "case": "case",
        "count": "{n}",
        "no_overdue": "Nothing overdue on {day}.",
        "no_unit": "no unit given",
        "overdue_title": "Overdue on {day}: {n} in all",
    },
}


def _line(n: Notice, lang: Lang) -> str:
    w = _WORDS[lang]
    title = n.title_zh if lang == "zh" else n.title_en
    if n.kind in ("moved", "cancelled"):
        days = w[f"days.{n.kind}"].format(old=n.old_due, due=n.due, why=why(n.reason or {}, lang))
    elif n.duty == "aging":
        days = w["days.flagged"].format(d=n.days)
    else:
        days = w[f"days.{n.kind}"].format(
            d=n.days, expiry=n.expiry, missing=", ".join(n.missing), due=n.due
        )
    parts = [
        f"[{w[n.kind]}]",
        f"{n.due.isoformat()}({weekday(n.due, lang)})",
        f"{w['case']} {n.case}",
        title,
        f"〔{n.clause}〕" if lang == "zh" else f"[{n.clause}]",
        days,
    ]
    if n.provisional:
        parts.append(w["provisional"])
    if n.low_confidence:
        parts.append(w["low_confidence"])
    if n.new:
        parts.append(w["new"])
    parts.append(n.id)
    return "  " + " ".join(parts)


def why(reason: Mapping[str, str], lang: Lang) -> str:
    """A date move's reason (Store.replace_obligations) in words."""
    key = f"why.{reason.get('cause', 'recompute')}"
    template = _WORDS[lang].get(key, _WORDS[lang]["why.recompute"])
    return template.format_map({k: v for k, v in reason.items() if k != "cause"})


def _grouped(notices: Iterable[Notice]) -> dict[str, list[Notice]]:
    groups: dict[str, list[Notice]] = {}
    for n in notices:
        groups.setdefault(n.unit, []).append(n)
    return groups


def render_text(run: RemindRun, notices: Sequence[Notice], lang: Lang = "zh") -> str:
    w = _WORDS[lang]
    head = w["title"].format(
        day=run.as_of.isoformat(),
        weekday=weekday(run.as_of, lang),
        n=len(notices),
        new=sum(1 for n in notices if n.new),
    )
    lines = [head]
    if not notices:
        lines.append(w["empty"])
    for unit, items in _grouped(notices).items():
        lines.append("")
        lines.append(f"【{unit or w['no_unit']}】 {w['count'].format(n=len(items))}")
        lines.extend(_line(n, lang) for n in items)
    return "\n".join(lines) + "\n"


CSV_COLUMNS = (
    "id",
    "kind",
    "case",
    "rule",
    "instance",
    "clause",
    "title_zh",
    "title_en",
    "unit",
    "due",
    "days",
    "expiry",
    "old_due",
    "missing",
    "provisional",
    "low_confidence",
    "new",
)


def render_csv(notices: Sequence[Notice]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for n in notices:
        row = n.as_json()
        row["provisional"] = int(n.provisional)
        row["low_confidence"] = int(n.low_confidence)
        row["new"] = int(n.new)
        row["missing"] = ";".join(n.missing)
        writer.writerow(row)
    return buf.getvalue()


def render_json(notices: Sequence[Notice]) -> str:
    return json.dumps([n.as_json() for n in notices], ensure_ascii=False, indent=1) + "\n"


def render_jsonl(run: RemindRun, notices: Sequence[Notice]) -> str:
    """One JSON object a line, each with the day (``as_of``) and the run's id (``run``): a log
    that runs append to parses line by line; a run with nothing to say writes nothing."""
    extra = {"as_of": run.as_of.isoformat(), "run": run.run_id}
    return "".join(json.dumps({**n.as_json(), **extra}, ensure_ascii=False) + "\n" for n in notices)


def render_overdue_text(
    groups: Sequence[OverdueGroup],
    as_of: dt.date,
    lang: Lang = "zh",
    by: Literal["unit", "rule"] = "unit",
) -> str:
    w = _WORDS[lang]
    total = sum(g.count for g in groups)
    if not total:
        return w["no_overdue"].format(day=as_of.isoformat()) + "\n"
    lines = [w["overdue_title"].format(day=as_of.isoformat(), n=total)]
    for g in groups:
        lines.append("")
        lines.append(f"【{g.heading(by, lang)}】 {w['count'].format(n=g.count)}")
        lines.extend(_line(n, lang) for n in g.notices)
    return "\n".join(lines) + "\n"


def render_overdue_json(groups: Sequence[OverdueGroup], as_of: dt.date, by: str) -> str:
    doc = {
        "as_of": as_of.isoformat(),
        "by": by,
        "total": sum(g.count for g in groups),
        "groups": [
            {"key": g.key, "count": g.count, "items": [n.as_json() for n in g.notices]}
            for g in groups
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def check_lang(lang: str) -> Lang:
    if lang not in ("zh", "en"):
        raise StoreError(f"unknown language {lang!r}; accepted: zh, en")
    return lang  # type: ignore[return-value]
