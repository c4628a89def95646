"""The message catalogue: every text a user reads, in Chinese (the default) and English.

One table per concept registers its keys (``deadlines.messages.<concept>``: a module holding a
``MESSAGES`` dict); :func:`text` looks a key up in the language asked for and fills its fields.
An English entry may be a pair ``(singular, plural)``, chosen by the field ``n``: "1 working day",
"2 working days". Chinese has no plural. No string is ever built by joining the two languages.

>>> text("lang.name", "en")
'English'
>>> text("test.days", "en", n=1), text("test.days", "en", n=3), text("test.days", "zh", n=3)
('1 day', '3 days', '3日')
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Mapping
from typing import Literal, TypeAlias, get_args

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = get_args(Lang)
DEFAULT_LANG: Lang = "zh"

Entry: TypeAlias = str | tuple[str, str]
Table: TypeAlias = Mapping[str, Mapping[Lang, Entry]]

_BASE: Table = {
    "lang.name": {"zh": "中文", "en": "English"},
    "test.days": {"zh": "{n}日", "en": ("{n} day", "{n} days")},
}

_catalogue: dict[str, Mapping[Lang, Entry]] | None = None


def _load() -> dict[str, Mapping[Lang, Entry]]:
    """Every ``MESSAGES`` table of this package's modules; a key defined twice is a bug."""
    global _catalogue
    if _catalogue is None:
        merged: dict[str, Mapping[Lang, Entry]] = dict(_BASE)
        for info in pkgutil.iter_modules(__path__):
            module = importlib.import_module(f"{__name__}.{info.name}")
            table: Table = getattr(module, "MESSAGES", {})
            for key, entry in table.items():
                if key in merged:
                    raise RuntimeError(f"message key {key!r} defined twice ({info.name})")
                merged[key] = entry
        _catalogue = merged
    return _catalogue


def check_lang(lang: str) -> Lang:
    """``lang`` as a :data:`Lang`, or a ValueError naming the accepted ones."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; accepted: {', '.join(LANGS)}")
    return lang


def text(key: str, lang: Lang, /, **fields: object) -> str:
    """The message ``key`` in ``lang`` with ``fields`` filled in (``n`` picks an English plural)."""
    entry = _load()[key][lang]
    if isinstance(entry, tuple):
        n = fields.get("n")
        entry = entry[0] if n == 1 else entry[1]
    return entry.format(**fields) if fields else entry


def keys() -> list[str]:
    """Every key of the catalogue, sorted (tests check each has both languages)."""
    return sorted(_load())
