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

# Tables read only when one of their keys is first asked for, by module and key prefix: the help
# texts only when help is shown, click's own words only by a Chinese run.
ON_DEMAND = {"help": "help:", "usage": "click."}

_catalogue: dict[str, Mapping[Lang, Entry]] | None = None
_read: set[str] = set()


def _merge(name: str) -> None:
    """Add the ``MESSAGES`` table of module ``name``; a key defined twice is a bug, and so is a
    key outside its on-demand table's prefix (it could be asked for before the table is read)."""
    assert _catalogue is not None
    table: Table = getattr(importlib.import_module(f"{__name__}.{name}"), "MESSAGES", {})
    own = name if name in ON_DEMAND else None
    for key, entry in table.items():
        if key in _catalogue:
            raise RuntimeError(f"message key {key!r} defined twice ({name})")
        if own != next((n for n, prefix in ON_DEMAND.items() if key.startswith(prefix)), None):
            raise RuntimeError(f"message key {key!r} is in the wrong table ({name})")
        _catalogue[key] = entry
    _read.add(name)


def _load(*, everything: bool = False) -> dict[str, Mapping[Lang, Entry]]:
    """The catalogue: every table but the on-demand ones (with ``everything``, those too)."""
    global _catalogue
    if _catalogue is None:
        _catalogue = dict(_BASE)
        for info in pkgutil.iter_modules(__path__):
            if info.name not in ON_DEMAND:
                _merge(info.name)
    if everything:
        for name in ON_DEMAND.keys() - _read:
            _merge(name)
    return _catalogue


def _entry(key: str) -> Mapping[Lang, Entry]:
    catalogue = _load()
    if key not in catalogue:
        for name, prefix in ON_DEMAND.items():
            if key.startswith(prefix) and name not in _read:
                _merge(name)
    return catalogue[key]


def check_lang(lang: str) -> Lang:
    """``lang`` as a :data:`Lang`, or a ValueError naming the accepted ones."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; accepted: {', '.join(LANGS)}")
    return lang


def text(key: str, lang: Lang, /, **fields: object) -> str:
    """The message ``key`` in ``lang`` with ``fields`` filled in (``n`` picks an English plural)."""
    entry = _entry(key)[lang]
    if isinstance(entry, tuple):
        n = fields.get("n")
        entry = entry[0] if n == 1 else entry[1]
    return entry.format(**fields) if fields else entry


def has(key: str) -> bool:
    """Whether the catalogue holds ``key``."""
    try:
        _entry(key)
    except KeyError:
        return False
    return True


def section(prefix: str) -> dict[str, Mapping[Lang, Entry]]:
    """Every entry whose key starts with ``prefix`` (its on-demand table read if need be)."""
    catalogue = _load()
    for name, start in ON_DEMAND.items():
        if name not in _read and (start.startswith(prefix) or prefix.startswith(start)):
            _merge(name)
    return {k: v for k, v in catalogue.items() if k.startswith(prefix)}


def keys() -> list[str]:
    """Every key of the catalogue, sorted (tests check each has both languages)."""
    return sorted(_load(everything=True))
