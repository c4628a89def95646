"""Notices: the notice contract (:mod:`.contract`: what is sent, when, under which id) and the
day's list for a clerk (:mod:`.daily`).

The names below are imported on first use (PEP 562), so that a command reading one module of the
package (``next`` reads :mod:`.case_view`) does not build the notices' classes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from deadlines.lazy import exports

if TYPE_CHECKING:
    from deadlines.notices.contract import KINDS, Notice, RemindRun, day_list, record, send
    from deadlines.notices.daily import remind

_WHERE = {
    **dict.fromkeys(
        ("KINDS", "Notice", "RemindRun", "day_list", "record", "send"), "deadlines.notices.contract"
    ),
    "remind": "deadlines.notices.daily",
}


__getattr__ = exports(__name__, _WHERE)


__all__ = ["KINDS", "Notice", "RemindRun", "day_list", "record", "remind", "send"]
