"""Notices: the day's due, overdue and reminder notices (:mod:`.daily`)."""

from deadlines.notices.daily import remind

__all__ = ["remind"]
