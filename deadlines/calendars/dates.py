"""How a date is written beside an answer and read from input: its weekday's name, and full-width
digits read as ASCII. Kept apart from :mod:`.periods` so that a command printing dates (``remind``)
does not build the period classes."""

from __future__ import annotations

import datetime as dt

from deadlines.messages import Lang, text

# Full-width digits (０-９) are common in Chinese text and read as 0-9, in periods and in dates
# alike; other scripts' digits (٣, ३, 𝟓) are refused: no one writes a legal period with them.
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def ascii_digits(text: str) -> str:
    """``text`` with full-width digits made ASCII (the one digit policy of periods and dates)."""
    return text.translate(_FULLWIDTH)


def weekday(d: dt.date, lang: Lang) -> str:
    """``星期一`` / ``Mon``: a date's weekday beside it in text."""
    return text(f"weekday.{d.weekday()}", lang)


def weekday_name(d: dt.date, lang: Lang) -> str:
    """``星期一`` / ``Monday``: a date's weekday in the text fields of JSON and CSV."""
    return text(f"weekday.long.{d.weekday()}", lang)
