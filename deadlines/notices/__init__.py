"""Notices: the notice contract (:mod:`.contract`: what is sent, when, under which id) and the
day's list for a clerk (:mod:`.daily`)."""

from deadlines.notices.contract import KINDS, Notice, RemindRun, day_list, record, send
from deadlines.notices.daily import remind

__all__ = ["KINDS", "Notice", "RemindRun", "day_list", "record", "remind", "send"]
