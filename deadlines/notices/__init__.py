"""Notices: the notice contract (:mod:`.contract`: what is sent, when, under which id) and the
day's list for a clerk (:mod:`.daily`).

The names below are imported on first use (PEP 562), so that a command reading one module of the
package (``next`` reads :mod:`.case_view`) does not build the notices' classes.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from deadlines.notices.contract import KINDS, Notice, RemindRun, day_list, record, send
    from deadlines.notices.daily import remind

_WHERE = {
    **dict.fromkeys(("KINDS", "Notice", "RemindRun", "day_list", "record", "send"), "contract"),
    "remind": "daily",
}


def __getattr__(name: str) -> Any:
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module 'deadlines.notices' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{where}"), name)
    globals()[name] = value
    return value


__all__ = ["KINDS", "Notice", "RemindRun", "day_list", "record", "remind", "send"]
