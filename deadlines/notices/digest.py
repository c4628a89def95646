"""A unit's digest: one message with the day's counts and one line per notice.

The title (a mail's subject, a group chat's heading) gives the unit, the day and the counts of
due today, overdue and reminders; each line gives the kind, due date, case, rule title, clause,
working days left or days overdue, the marks (provisional date, low-confidence Ningxia holiday
data) and the notice id, so that a reader or a program can drop a repeat. A mail also carries the
explanation of each date, step by step.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from deadlines.calendars.dates import weekday
from deadlines.messages import Lang, text
from deadlines.notices.contract import Notice
from deadlines.notices.daily import why


def _days(n: Notice, lang: Lang) -> str:
    kind = n.kind
    if kind == "due-today":
        return text("delivery.today", lang)
    if kind == "due-soon":
        return text("delivery.left", lang, n=n.days)
    if kind == "overdue":
        key = "delivery.flagged_days" if n.duty == "aging" else "delivery.overdue_days"
        return text(key, lang, n=n.days)
    if kind == "reminder" and n.expiry is not None:
        return text("delivery.to_expiry", lang, n=n.days, expiry=n.expiry.isoformat())
    if kind == "undetermined":
        return text("delivery.undetermined", lang, missing=", ".join(n.missing))
    if kind in ("moved", "cancelled") and n.old_due is not None:
        return text(
            f"delivery.{kind}_from", lang, old=n.old_due.isoformat(), why=why(n.reason or {}, lang)
        )
    return ""


def marks(n: Notice, lang: Lang) -> list[str]:
    out = []
    if n.provisional:
        out.append(text("delivery.mark.provisional", lang))
    if n.low_confidence:
        out.append(text("delivery.mark.low_confidence", lang))
    return out


def line(n: Notice, lang: Lang) -> str:
    title = n.title_zh if lang == "zh" else n.title_en
    parts = [
        f"[{text(f'delivery.kind.{n.kind}', lang)}]",
        f"{n.due.isoformat()}({weekday(n.due, lang)})"
        if lang == "zh"
        else f"{n.due.isoformat()} ({weekday(n.due, lang)})",
        text("delivery.case", lang, case=n.case),
        title,
        f"〔{n.clause}〕" if lang == "zh" else f"[{n.clause}]",
        _days(n, lang),
        *marks(n, lang),
        n.id,
    ]
    return " ".join(p for p in parts if p)


def title(unit: str, as_of: dt.date, notices: Sequence[Notice], lang: Lang) -> str:
    kinds = [n.kind for n in notices]
    return text(
        "delivery.title",
        lang,
        unit=unit,
        day=as_of.isoformat(),
        weekday=weekday(as_of, lang),
        today=kinds.count("due-today"),
        overdue=kinds.count("overdue"),
        reminders=kinds.count("reminder"),
    )


def body(
    notices: Sequence[Notice],
    lang: Lang,
    *,
    steps: Mapping[str, Sequence[str]] | None = None,
    attachment: str | None = None,
) -> str:
    """One line per notice; with ``steps`` (notice id -> explanation) each line is followed by
    how its date was reached."""
    kinds = [n.kind for n in notices]
    lines: list[str] = []
    others = {k: kinds.count(k) for k in ("due-soon", "moved", "cancelled", "undetermined")}
    if any(others.values()):
        lines.append(
            text(
                "delivery.more",
                lang,
                soon=others["due-soon"],
                moved=others["moved"],
                cancelled=others["cancelled"],
                undetermined=others["undetermined"],
            )
        )
        lines.append("")
    for n in notices:
        lines.append(line(n, lang))
        explanation = (steps or {}).get(n.id)
        if explanation:
            lines.append("    " + text("delivery.why", lang))
            lines.extend(f"    {i}. {s}" for i, s in enumerate(explanation, 1))
    if attachment:
        lines.append("")
        lines.append(text("delivery.attachment", lang, name=attachment))
    return "\n".join(lines) + "\n"
