"""The units file: where each responsible unit's notices go.

TOML, one table per unit, its destinations as apprise URLs (mail, 企业微信 and 钉钉 group robots,
飞书, JSON webhooks)::

    [units."石嘴山市中级人民法院"]
    send_to = [
        "mailtos://clerk:${SMTP_PASSWORD}@smtp.example.org?from=deadlines@example.org&to=clerk@example.org",
        "wecombot://${WECOM_ROBOT_KEY}",
    ]

A secret is never written in the file: ``${NAME}`` is replaced by the environment variable
``NAME`` when a message is sent, so the store (which keeps each destination as written, to retry
it) and every listing hold the variable's name, never its value. A password written out in a URL
is refused when the file is loaded.

The file is ``--units FILE``, else ``$DEADLINES_UNITS``, else ``units.toml`` beside the store.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from deadlines.errors import DeadlineError, Phrase
from deadlines.textfiles import read_text_file, toml_error_at

UNITS_FILE = "units.toml"
_VAR = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_SECRET_KEYS = ("pass", "password", "secret")


class UnitsError(DeadlineError):
    """The units file is missing or malformed; the message names the file and the key."""


@dataclass(frozen=True)
class Units:
    path: Path
    send_to: Mapping[str, tuple[str, ...]]

    def destinations(self, unit: str) -> tuple[str, ...]:
        return self.send_to.get(unit, ())


def units_path(path: str | os.PathLike[str] | None, store_path: Path) -> Path:
    """``--units FILE``, else ``$DEADLINES_UNITS``, else ``units.toml`` beside the store."""
    if path:
        return Path(path)
    env = os.environ.get("DEADLINES_UNITS")
    return Path(env) if env else store_path.parent / UNITS_FILE


def load_units(path: Path) -> Units:
    """Read and check the units file: every key, every URL, no secret written out."""
    if not path.exists():
        raise UnitsError(key="units.no_file", path=str(path))
    try:
        raw = tomllib.loads(read_text_file(path, "a units file", UnitsError))
    except (tomllib.TOMLDecodeError, RecursionError) as exc:
        at = None if isinstance(exc, RecursionError) else toml_error_at(exc)[0]
        place = (
            Phrase("units.at.line", {"line": at[0], "column": at[1]})
            if at
            else Phrase("units.at.end")
            if "end of document" in str(exc)
            else Phrase("units.at.deep")
            if isinstance(exc, RecursionError)
            else Phrase("units.at.unknown")
        )
        raise UnitsError(key="units.not_toml", path=str(path), where=place, reason=exc) from None
    extra = sorted(set(raw) - {"units"})
    if extra:
        raise UnitsError(key="units.unknown_top", path=str(path), name=extra[0])
    tables = raw.get("units", {})
    if not isinstance(tables, dict):
        raise UnitsError(key="units.not_tables", path=str(path), example="石嘴山市中级人民法院")
    send_to: dict[str, tuple[str, ...]] = {}
    for unit, table in tables.items():
        where = f'{path}: units."{unit}"'
        if not isinstance(table, dict) or set(table) - {"send_to"}:
            keys = sorted(set(table) - {"send_to"}) if isinstance(table, dict) else [table]
            raise UnitsError(key="units.unknown_key", where=where, name=keys[0])
        urls = table.get("send_to", [])
        if not isinstance(urls, list) or not all(isinstance(u, str) and u for u in urls):
            raise UnitsError(key="units.send_to_list", where=where)
        for i, url in enumerate(urls):
            check_url(url, f"{where}.send_to[{i}]")
        send_to[unit] = tuple(dict.fromkeys(urls))
    return Units(path, send_to)


def check_url(url: str, where: str) -> None:
    """A destination must be a URL whose secrets are ``${VAR}`` references."""
    if not _SCHEME.match(url):
        raise UnitsError(key="units.not_url", where=where, url=url)
    password = urlsplit(url).password
    if password and not _VAR.fullmatch(password):
        raise UnitsError(key="units.password_in_url", where=where)
    for key, value in parse_qsl(urlsplit(url).query):
        if key.lower() in _SECRET_KEYS and not _VAR.fullmatch(value):
            raise UnitsError(key="units.secret_in_query", where=where, name=key)


def expand(url: str, env: Mapping[str, str] | None = None) -> str:
    """``url`` with each ``${NAME}`` replaced by the environment variable; a missing one is an
    error naming it (the destination fails and is retried once it is set)."""
    values = os.environ if env is None else env

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            raise UnitsError(f"environment variable {name} is not set (named by {url})")
        return values[name]

    return _VAR.sub(value, url)


def is_mail(url: str) -> bool:
    return url.lower().startswith(("mailto://", "mailtos://"))
