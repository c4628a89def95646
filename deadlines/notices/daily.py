"""The daily notices: reminders whose date has come, deadlines due soon, overdue duties.

``remind`` is the cron job. It always builds the day's full list (a clerk may look twice), but each
notice has a stable id — the same case, rule, instance, kind and due date give the same id — and
is recorded in the store the first time it is emitted. ``new_only`` keeps only notices never emitted
before: the form a job that sends SMS or mail uses, so that no message is sent twice.

Exactly once: the run takes the store's write lock first (BEGIN IMMEDIATE), so two runs at once
queue, and the second sees what the first recorded. The list is handed to the caller (printed)
*before* the commit: a crash before the commit records nothing, and the next run emits the same
notices with the same ids (a sender keys on the id), so nothing is lost and nothing is doubled.

Catch-up: the list is built from the store's state on ``as_of``, not from the days the job ran, so
a run after missed days shows everything that fell due meanwhile (now overdue, or a reminder
still running before its expiry).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Literal

from deadlines.calendars.layers import calendar
from deadlines.errors import StoreError
from deadlines.model import Obligation
from deadlines.store.database import Store, china_now, china_today

NoticeKind = Literal["reminder", "due", "overdue"]
Lang = Literal["zh", "en"]
# "Deadlines due today and in the next few working days": three working days ahead by default.
DEFAULT_AHEAD_WORKDAYS = 3
PLAN_CALENDAR = "cn-nx"
_KIND_ORDER = {"overdue": 0, "due": 1, "reminder": 2}


@dataclass(frozen=True)
class Notice:
    id: str
    kind: NoticeKind
    case: str
    rule: str
    instance: str
    clause: str
    title_zh: str
    title_en: str
    unit: str
    due: dt.date
    provisional: bool
    # overdue: calendar days past the due date; due: working days left; reminder: days to expiry
    days: int
    expiry: dt.date | None = None
    new: bool = False
    # the duty behind it: deadline, reminder, aging (an 超N年 flag: "overdue" from its day) ...
    duty: str = "deadline"

    def as_json(self) -> dict[str, object]:
        d = asdict(self)
        d["due"] = self.due.isoformat()
        d["expiry"] = self.expiry.isoformat() if self.expiry else None
        return d


@dataclass(frozen=True)
class RemindRun:
    as_of: dt.date
    notices: tuple[Notice, ...]
    recorded: bool
    ahead_until: dt.date
    units: tuple[str, ...] = field(default=())

    @property
    def new(self) -> tuple[Notice, ...]:
        return tuple(n for n in self.notices if n.new)


def notice_id(case: str, rule: str, instance: str, kind: str, due: dt.date) -> str:
    """Stable: the same duty, kind and due date always give the same id; a moved date a new one."""
    key = "\x1f".join((case, rule, instance, kind, due.isoformat()))
    return "n" + hashlib.sha1(key.encode()).hexdigest()[:16]


def _workdays_between(calendar_name: str, start: dt.date, end: dt.date) -> int:
    return calendar(calendar_name).count_workdays(start, end)


def window_end(as_of: dt.date, ahead: int = DEFAULT_AHEAD_WORKDAYS) -> dt.date:
    """The last day of "due in the next few working days" on the plan's calendar."""
    if ahead <= 0:
        return as_of
    return calendar(PLAN_CALENDAR).add_workdays(as_of, ahead)


def _classify(ob: Obligation, as_of: dt.date, ahead_until: dt.date) -> NoticeKind | None:
    due = ob.due
    done = ob.completed_on is not None and ob.completed_on <= as_of
    if due is None or done or ob.status == "paused":
        return None
    if ob.kind != "reminder" and ob.trigger_date is not None and ob.trigger_date > as_of:
        return None  # a replay of a past day: its trigger had not happened yet
    if ob.kind == "reminder":
        # A reminder runs from its date until the expiry it announces.
        expiry = ob.trigger_date
        if due <= as_of and (expiry is None or expiry >= as_of):
            return "reminder"
        return None
    if ob.kind == "aging":
        # The flag is on from the day after trigger + N years; the engine gives that day as due.
        return "overdue" if due <= as_of else None
    if due < as_of:
        return "overdue"
    if due <= ahead_until:
        return "due"
    return None


def _notice(ob: Obligation, kind: NoticeKind, as_of: dt.date) -> Notice:
    assert ob.due is not None  # _classify returned a kind only for a dated obligation
    if kind == "overdue":
        days = (as_of - ob.due).days
    elif kind == "due":
        days = _workdays_between(ob.calendar, as_of, ob.due)
    else:
        days = (ob.trigger_date - as_of).days if ob.trigger_date else 0
    return Notice(
        id=notice_id(ob.case_id, ob.rule_id, ob.instance, kind, ob.due),
        kind=kind,
        case=ob.case_id,
        rule=ob.rule_id,
        instance=ob.instance,
        clause=ob.clause,
        title_zh=ob.title_zh,
        title_en=ob.title_en,
        unit=ob.unit,
        due=ob.due,
        provisional=ob.provisional,
        days=days,
        expiry=ob.trigger_date if ob.kind == "reminder" else None,
        duty=ob.kind,
    )


def collect(
    store: Store,
    as_of: dt.date,
    *,
    units: Sequence[str] = (),
    ahead: int = DEFAULT_AHEAD_WORKDAYS,
) -> tuple[list[Notice], dt.date]:
    """The day's full list (read only), sorted by unit, kind, due date and case."""
    until = window_end(as_of, ahead)
    out: list[Notice] = []
    for ob in store.open_on(as_of, until):
        if units and ob.unit not in units:
            continue
        kind = _classify(ob, as_of, until)
        if kind is not None:
            out.append(_notice(ob, kind, as_of))
    out.sort(key=lambda n: (n.unit, _KIND_ORDER[n.kind], n.due, n.case, n.rule, n.instance))
    return out, until


def remind(
    store: Store,
    as_of: dt.date | None = None,
    *,
    units: Sequence[str] = (),
    ahead: int = DEFAULT_AHEAD_WORKDAYS,
    emit: Callable[[RemindRun], None] | None = None,
    record: bool = True,
) -> RemindRun:
    """Build the day's list, mark which notices were never emitted before, record them, and hand
    the run to ``emit`` before the commit (see the module docstring).

    A replay of a future day (``as_of`` after today in China) is a preview: it records nothing, so
    that it cannot swallow the real day's new notices; ``record=False`` makes any run a preview
    (a clerk's look that must not change what the sending job's ``new_only`` run sees).
    """
    today = china_today()
    day = as_of or today
    record = record and day <= today
    with store.transaction(rollback=not record) as conn:
        # A new month's duty must exist on its first day: refresh recurring duties computed
        # before today (for a preview, as of the day previewed, and rolled back with it).
        store.refresh_recurring(max(day, today))
        notices, until = collect(store, day, units=units, ahead=ahead)
        ids = [n.id for n in notices]
        seen: set[str] = set()
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            seen.update(
                r[0] for r in conn.execute(f"SELECT id FROM notices WHERE id IN ({marks})", chunk)
            )
        marked = tuple(_replace_new(n, n.id not in seen) for n in notices)
        run = RemindRun(day, marked, record, until, tuple(units))
        if record:
            now = china_now()
            conn.executemany(
                "INSERT OR IGNORE INTO notices (id, case_id, rule_id, instance, kind, due,"
                " first_emitted_at, first_as_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        n.id,
                        n.case,
                        n.rule,
                        n.instance,
                        n.kind,
                        n.due.isoformat(),
                        now,
                        day.isoformat(),
                    )
                    for n in run.new
                ],
            )
            conn.execute(
                "INSERT INTO runs (as_of, ran_at, notices, new_notices) VALUES (?, ?, ?, ?)",
                (day.isoformat(), now, len(marked), len(run.new)),
            )
        if emit is not None:
            emit(run)
    return run


def _replace_new(n: Notice, new: bool) -> Notice:
    from dataclasses import replace

    return replace(n, new=new)


# --- supervision: overdue counts and lists ------------------------------------------------------
@dataclass(frozen=True)
class OverdueGroup:
    key: str
    notices: tuple[Notice, ...]

    @property
    def count(self) -> int:
        return len(self.notices)


def overdue(
    store: Store, as_of: dt.date | None = None, *, by: Literal["unit", "rule"] = "unit"
) -> list[OverdueGroup]:
    """Open duties past their due date on ``as_of`` (and aging flags that are on), grouped by
    responsible unit or by rule, largest group first (plan item 19, part 三(四))."""
    day = as_of or china_today()
    groups: dict[str, list[Notice]] = {}
    for ob in store.open_on(day, day - dt.timedelta(days=1)):
        if _classify(ob, day, day) != "overdue":
            continue
        n = _notice(ob, "overdue", day)
        groups.setdefault(n.unit if by == "unit" else n.rule, []).append(n)
    out = [
        OverdueGroup(k, tuple(sorted(v, key=lambda n: (-n.days, n.case, n.rule))))
        for k, v in groups.items()
    ]
    out.sort(key=lambda g: (-g.count, g.key))
    return out


# --- rendering ----------------------------------------------------------------------------------
_WEEKDAYS = {
    "zh": ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}
_WORDS = {
    "zh": {
        "title": "{day}({weekday}) 期限提醒：共 {n} 条，其中新 {new} 条",
        "preview": "(预览：本次不记录为已发出)",
        "empty": "今日无提醒。",
        "reminder": "提醒",
        "due": "到期",
        "overdue": "逾期",
        "days.reminder": "距届满 {d} 日(届满日 {expiry})",
        "days.due": "剩余 {d} 个工作日",
        "days.due0": "今日到期",
        "days.overdue": "已逾期 {d} 日",
        "days.flagged": "超期未结 {d} 日",
        "provisional": "[暂定日期]",
        "new": "[新]",
        "case": "案件",
        "count": "{n} 条",
        "no_overdue": "截至 {day} 无逾期事项。",
        "overdue_title": "截至 {day} 逾期事项：共 {n} 条",
    },
    "en": {
        "title": "{day} ({weekday}) deadline notices: {n} in all, {new} new",
        "preview": "(preview: nothing is recorded as emitted)",
        "empty": "No notices today.",
        "reminder": "reminder",
        "due": "due",
        "overdue": "OVERDUE",
        "days.reminder": "{d} days to expiry ({expiry})",
        "days.due": "{d} working days left",
        "days.due0": "due today",
        "days.overdue": "{d} days overdue",
        "days.flagged": "past the threshold for {d} days",
        "provisional": "[provisional date]",
        "new": "[new]",
        "case": "case",
        "count": "{n}",
        "no_overdue": "Nothing overdue on {day}.",
        "overdue_title": "Overdue on {day}: {n} in all",
    },
}


def weekday(d: dt.date, lang: Lang = "zh") -> str:
    return _WEEKDAYS[lang][d.weekday()]


def _line(n: Notice, lang: Lang) -> str:
    w = _WORDS[lang]
    title = n.title_zh if lang == "zh" else n.title_en
    if n.kind == "due" and n.days == 0:
        days = w["days.due0"]
    elif n.duty == "aging":
        days = w["days.flagged"].format(d=n.days)
    else:
        days = w[f"days.{n.kind}"].format(d=n.days, expiry=n.expiry)
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
    if n.new:
        parts.append(w["new"])
    parts.append(n.id)
    return "  " + " ".join(parts)


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
    if not run.recorded:
        lines.append(w["preview"])
    if not notices:
        lines.append(w["empty"])
    for unit, items in _grouped(notices).items():
        lines.append("")
        lines.append(f"【{unit}】 {w['count'].format(n=len(items))}")
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
    "provisional",
    "new",
)


def render_csv(notices: Sequence[Notice]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for n in notices:
        row = n.as_json()
        row["provisional"] = int(n.provisional)
        row["new"] = int(n.new)
        writer.writerow(row)
    return buf.getvalue()


def render_json(notices: Sequence[Notice]) -> str:
    return json.dumps([n.as_json() for n in notices], ensure_ascii=False, indent=1) + "\n"


def render_overdue_text(groups: Sequence[OverdueGroup], as_of: dt.date, lang: Lang = "zh") -> str:
    w = _WORDS[lang]
    total = sum(g.count for g in groups)
    if not total:
        return w["no_overdue"].format(day=as_of.isoformat()) + "\n"
    lines = [w["overdue_title"].format(day=as_of.isoformat(), n=total)]
    for g in groups:
        lines.append("")
        lines.append(f"【{g.key}】 {w['count'].format(n=g.count)}")
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
