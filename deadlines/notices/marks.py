"""Marks a duty's date carries wherever it is shown, worked out when it is shown (decisions.md):
shared by the notices (:mod:`.contract`) and a case's own view (:mod:`.case_view`), which
``next`` and ``case show`` read without building any notice."""

from __future__ import annotations

from deadlines.calendars.layers import calendar
from deadlines.model import Obligation


def low_confidence(ob: Obligation) -> bool:
    """Whether ``ob``'s date was computed over a year of low-confidence Ningxia data (from its
    trigger or expiry to the date; an aging flag consults no calendar day)."""
    if ob.kind == "aging":
        return False
    return bool(calendar(ob.calendar).low_confidence_years(ob.trigger_date, ob.due))
