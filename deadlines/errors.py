"""One exception hierarchy for the whole package.

Every error is a ``ValueError`` subclass whose message is one line naming what was received and
what is accepted (the habit of exchange_calendars). The CLI turns any :class:`DeadlineError` into
that one line on stderr and a non-zero exit, in one place (``deadlines.cli``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple, TypeAlias

from deadlines.messages import Lang, text


# NamedTuples, not frozen dataclasses: every command imports these, and a frozen dataclass costs
# ~4M instructions to create at import (Python 3.11), a NamedTuple a tenth of that.
class Phrase(NamedTuple):
    """A catalogue text with its fields, put into an error's message in the error's language."""

    key: str
    fields: Mapping[str, object] = {}  # shared by every Phrase without fields: never changed

    def in_lang(self, lang: Lang) -> str:
        return text(self.key, lang, **_filled(self.fields, lang))


class Texts(NamedTuple):
    """A text that data gives in both languages (a rule's reason for its defaults), put into an
    error's message in the error's language."""

    zh: str
    en: str

    def in_lang(self, lang: Lang) -> str:
        return self.zh if lang == "zh" else self.en


class Joined(NamedTuple):
    """Texts said one after another, joined by the separator the catalogue gives for the language
    (``sep``: a key), e.g. a year's several notices."""

    parts: tuple[Phrase | Texts | str, ...]
    sep: str = "sep.semicolon"

    def in_lang(self, lang: Lang) -> str:
        return text(self.sep, lang).join(say(p, lang) for p in self.parts)


Said: TypeAlias = Phrase | Texts | Joined | str
"""Something to say in either language: a catalogue text, a pair from data, a join of those, or
a text said as it is in both (a document number, a URL)."""


def say(said: Said, lang: Lang) -> str:
    return said if isinstance(said, str) else said.in_lang(lang)


def did_you_mean(name: str, choices: Iterable[str]) -> Phrase | str:
    """`` (did you mean 'x'?)`` for the closest of ``choices``, or "" when none is close."""
    from difflib import get_close_matches  # only for a name that is not known

    close = get_close_matches(name, list(choices), n=1, cutoff=0.6)
    return Phrase("err.did_you_mean", {"name": close[0]}) if close else ""


def _filled(fields: Mapping[str, object], lang: Lang) -> dict[str, object]:
    return {
        k: v.in_lang(lang) if isinstance(v, Phrase | Texts | Joined) else v
        for k, v in fields.items()
    }


class DeadlineError(ValueError):
    """Base class of every error this package raises on bad input or bad data.

    An error made with ``key=`` (a key of the message catalogue, :mod:`deadlines.messages`) and
    its fields speaks the user's language: ``str(exc)`` is the English text, :meth:`in_lang` the
    one asked for. An error made from a plain message says it as written.
    """

    def __init__(self, message: str = "", /, *, key: str | None = None, **fields: object) -> None:
        self.key = key
        self.fields = fields
        super().__init__(text(key, "en", **_filled(fields, "en")) if key else message)

    def in_lang(self, lang: Lang) -> str:
        return text(self.key, lang, **_filled(self.fields, lang)) if self.key else str(self)


class InvalidDateError(DeadlineError):
    """A date string that is not a real ISO date (``2026-02-30``)."""


class PeriodError(DeadlineError):
    """A period text that cannot be read (``abc``, ``0 days``, ``3 fortnights``)."""


class UnknownCalendarError(DeadlineError):
    """A calendar name that is not one of the known calendars."""


class OutOfRangeError(DeadlineError):
    """A date outside what any calendar layer can answer (before 2004, past the lunar range)."""


class ProvisionalRefusedError(OutOfRangeError):
    """``strict`` was asked for and the answer depends on a year with no published notice."""


class CalendarDataError(DeadlineError):
    """A holiday data file under ``calendars/`` is malformed; the message names path and key."""


class RuleError(DeadlineError):
    """A rule file is invalid, or a rule id / rule words match nothing."""


class StoreError(DeadlineError):
    """The SQLite store cannot be used as asked (not a store, newer schema, locked, bad row)."""
